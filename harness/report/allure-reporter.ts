// allure-playwright, writing its results without fsync. Its default writer syncs every attachment and result
// file to disk, synchronously, in the test runner's one process: on a run of a few thousand exchanges that
// was most of the wall time, with the workers idle waiting for it. A report lost to a power cut is run again.
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { AllureReporter } from 'allure-playwright';
import { stringifyEnvInfo } from 'allure-js-commons/sdk/reporter';
import type { Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { placeEvidence, type AllureStep } from './place-evidence.ts';
import { EXCHANGES_ANNOTATION, evidenceOf, type ExchangeEvidence } from './evidence-format.ts';

type Json = unknown;

class PlainWriter {
  constructor(
    private readonly resultsDir: string,
    private readonly evidence: Map<string, ExchangeEvidence[]>,
  ) {
    mkdirSync(resultsDir, { recursive: true });
  }
  private path(name: string): string {
    return join(this.resultsDir, name);
  }
  writeAttachment(name: string, content: Buffer | string): void {
    writeFileSync(this.path(name), content);
  }
  writeAttachmentFromPath(name: string, from: string): void {
    copyFileSync(from, this.path(name));
  }
  writeEnvironmentInfo(info: Record<string, string | undefined>): void {
    writeFileSync(this.path('environment.properties'), stringifyEnvInfo(info));
  }
  writeCategoriesDefinitions(categories: Json): void {
    writeFileSync(this.path('categories.json'), JSON.stringify(categories));
  }
  writeGroup(result: { uuid: string }): void {
    writeFileSync(this.path(`${result.uuid}-container.json`), JSON.stringify(result));
  }
  writeResult(result: { uuid: string } & AllureStep): void {
    // Here, while the checks run, and not after the run, where it was a second on the way to the report.
    const evidence = this.evidence.get(result.uuid);
    this.evidence.delete(result.uuid);
    if (evidence) placeEvidence(this.resultsDir, result, evidence);
    writeFileSync(this.path(`${result.uuid}-result.json`), JSON.stringify(result));
  }
  writeGlobals(name: string, info: Json): void {
    writeFileSync(this.path(name), JSON.stringify(info));
  }
}

export default class FastAllureReporter extends AllureReporter {
  private readonly dir: string;
  /** Each result's exchange evidence, by its Allure uuid, until the result is written. */
  private readonly evidence = new Map<string, ExchangeEvidence[]>();

  constructor(options: ConstructorParameters<typeof AllureReporter>[0] & { resultsDir: string }) {
    super(options);
    this.dir = options.resultsDir;
  }

  override onBegin(suite: Suite): void {
    super.onBegin(suite);
    (this as unknown as { allureRuntime: { writer: unknown } }).allureRuntime.writer = new PlainWriter(this.dir, this.evidence);
  }

  override async onTestEnd(test: TestCase, result: TestResult): Promise<void> {
    const uuid = (this as unknown as { allureResultsUuids: Map<string, string> }).allureResultsUuids.get(test.id);
    const evidence = evidenceOf(result.annotations);
    if (uuid && evidence.length) this.evidence.set(uuid, evidence);
    // The report shows it as steps; a reporter of the person's own (--reporter, after this one) would show a wall of JSON.
    for (const list of [result.annotations, test.annotations] as Array<TestResult['annotations']>)
      list.splice(0, list.length, ...list.filter((a) => a.type !== EXCHANGES_ANNOTATION));
    return super.onTestEnd(test, result);
  }
}

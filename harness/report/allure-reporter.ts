// allure-playwright, writing its results without fsync. Its default writer syncs every attachment and result
// file to disk, synchronously, in the test runner's one process: on a run of a few thousand exchanges that
// was most of the wall time, with the workers idle waiting for it. A report lost to a power cut is run again.
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { AllureReporter } from 'allure-playwright';
import { stringifyEnvInfo } from 'allure-js-commons/sdk/reporter';
import type { Suite } from '@playwright/test/reporter';
import { spreadEvidence, type AllureStep } from './spread-evidence.ts';

type Json = unknown;

class PlainWriter {
  constructor(private readonly resultsDir: string) {
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
    spreadEvidence(this.resultsDir, result, true);
    writeFileSync(this.path(`${result.uuid}-result.json`), JSON.stringify(result));
  }
  writeGlobals(name: string, info: Json): void {
    writeFileSync(this.path(name), JSON.stringify(info));
  }
}

export default class FastAllureReporter extends AllureReporter {
  private readonly dir: string;

  constructor(options: ConstructorParameters<typeof AllureReporter>[0] & { resultsDir: string }) {
    super(options);
    this.dir = options.resultsDir;
  }

  override onBegin(suite: Suite): void {
    super.onBegin(suite);
    (this as unknown as { allureRuntime: { writer: unknown } }).allureRuntime.writer = new PlainWriter(this.dir);
  }
}

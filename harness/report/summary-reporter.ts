// A Playwright reporter that collects each check's verdict (the `check` annotation) into
// reports/summary.json and prints the per-operation table at the end of the run. A test that
// never recorded a verdict (timeout, interruption, a crash in a fixture) still gets one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import type { CheckDef, CheckRecord } from '../../checks/types.ts';
import { readSettings } from '../config/settings.ts';
import { maskText } from '../secrets/mask.ts';
import { renderConsole, summarize } from './summary.ts';
import { HARNESS_VERSION } from '../version.ts';

const CHECK = 'check';
const CHECK_DEF = 'check-def';

export default class SummaryReporter implements Reporter {
  private readonly records = new Map<string, CheckRecord>();
  /** Records judged per request rather than per test (OpenAPI), merged: one failure fails the pair. */
  private readonly perRequest = new Map<string, CheckRecord>();
  private readonly started = Date.now();

  onBegin(config: FullConfig, suite: Suite): void {
    console.log(`[conformance] running ${suite.allTests().length} checks in ${config.workers} workers`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const recorded = result.annotations.filter((a) => a.type === CHECK && a.description).map((a) => JSON.parse(a.description!) as CheckRecord);
    const own = recorded.find((r) => !r.id.startsWith('OAS-'));
    for (const r of recorded.filter((r) => r.id.startsWith('OAS-'))) {
      const key = `${r.id} ${r.request}`;
      const prev = this.perRequest.get(key);
      if (!prev || (prev.status !== 'failed' && r.status === 'failed')) this.perRequest.set(key, r);
    }
    if (own) {
      this.records.set(test.id, own);
      return;
    }
    const defNote = test.annotations.find((a) => a.type === CHECK_DEF);
    if (!defNote?.description) return; // not a check (e.g. a helper test)
    const def = JSON.parse(defNote.description) as CheckDef;
    const why = result.status === 'timedOut' ? 'the check did not finish within its time limit'
      : result.status === 'interrupted' ? 'the run was interrupted before the check finished'
      : result.status === 'skipped' ? 'not run' : `the check could not run: ${maskText(result.error?.message?.split('\n')[0] ?? result.status)}`;
    this.records.set(test.id, {
      id: def.id, operation: def.operation, request: def.request, severity: def.severity,
      status: result.status === 'skipped' ? 'skipped' : 'failed', specRef: def.clause, specUrl: def.url, rule: def.rule, message: why,
    });
  }

  onEnd(_result: FullResult): void {
    let settings;
    try { settings = readSettings(); } catch { return; }
    const summary = summarize([...this.records.values(), ...this.perRequest.values()], {
      target: {
        baseUrl: settings.baseUrl, issuer: settings.issuer, adminUrl: settings.adminUrl, profile: settings.profile,
        providerVersion: process.env.OIDC_PROVIDER_VERSION, strict: settings.strict, baseline: settings.baselinePath,
      },
      harnessVersion: HARNESS_VERSION,
      startedAt: new Date(this.started).toISOString(),
      durationMs: Date.now() - this.started,
    });
    mkdirSync(settings.reportsDir, { recursive: true });
    writeFileSync(join(settings.reportsDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    console.log(renderConsole(summary));
  }

  printsToStdio(): boolean { return true; }
}

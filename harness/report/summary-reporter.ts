// A Playwright reporter that collects each check's verdict (the `check` annotation) into
// reports/summary.json and reports/junit.xml, decides the gate, and prints the per-operation table
// at the end of the run. A test that never recorded a verdict (a crash in a fixture, an
// interruption) still gets one, with its cause.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { checkKey, type CheckDef, type CheckRecord } from '../../checks/catalogue/types.ts';
import { ALL_CHECKS } from '../../checks/catalogue/index.ts';
import { readSettings } from '../config/settings.ts';
import { maskText } from '../secrets/mask.ts';
import { renderConsole, summarize, type Selection } from './summary.ts';
import { writeJunit } from './junit.ts';
import { loadBaseline } from '../run/baseline.ts';
import { decide } from '../run/gate.ts';
import { HARNESS_VERSION } from '../version.ts';

const CHECK = 'check';
const CHECK_DEF = 'check-def';

const defOf = (test: TestCase): CheckDef | undefined => {
  const note = test.annotations.find((a) => a.type === CHECK_DEF)?.description;
  return note ? (JSON.parse(note) as CheckDef) : undefined;
};

/** A test that ended without recording its verdict. */
function unrecorded(def: CheckDef, result: TestResult): CheckRecord {
  const base = { id: def.id, operation: def.operation, request: def.request, severity: def.severity, specRef: def.clause, specUrl: def.url, rule: def.rule };
  if (result.status === 'skipped') return { ...base, status: 'skipped', skip: 'no-evidence', message: 'not run' };
  if (result.status === 'timedOut') return { ...base, status: 'failed', cause: 'no-answer', message: 'the check did not finish within its time limit' };
  const why = result.status === 'interrupted' ? 'the run was interrupted before the check finished' : `the check could not run: ${maskText(result.error?.message?.split('\n')[0] ?? result.status)}`;
  return { ...base, status: 'failed', cause: 'harness', message: why };
}

export default class SummaryReporter implements Reporter {
  private readonly records = new Map<string, CheckRecord>();
  /** Records judged per request rather than per test (OpenAPI), merged: one failure fails the pair. */
  private readonly perRequest = new Map<string, CheckRecord>();
  private readonly started = Date.now();
  private selection: Selection = { complete: false };

  onBegin(config: FullConfig, suite: Suite): void {
    const selected = new Set(suite.allTests().map(defOf).filter((d) => d !== undefined).map(checkKey));
    const shard = config.shard ?? undefined;
    this.selection = { complete: !shard && ALL_CHECKS.every((d) => selected.has(checkKey(d))), ...(shard ? { shard } : {}) };
    console.log(`[conformance] running ${suite.allTests().length} checks in ${config.workers} workers${shard ? ` (shard ${shard.current}/${shard.total})` : ''}`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const recorded = result.annotations.filter((a) => a.type === CHECK && a.description).map((a) => JSON.parse(a.description!) as CheckRecord);
    const own = recorded.find((r) => !r.id.startsWith('OAS-'));
    for (const r of recorded.filter((r) => r.id.startsWith('OAS-'))) {
      const key = checkKey(r);
      const prev = this.perRequest.get(key);
      if (!prev || (prev.status !== 'failed' && r.status === 'failed')) this.perRequest.set(key, r);
    }
    const def = defOf(test);
    if (own) this.records.set(test.id, own);
    else if (def) this.records.set(test.id, unrecorded(def, result));
  }

  onEnd(_result: FullResult): void {
    let settings;
    try { settings = readSettings(); } catch { return; }
    const checks = [...this.records.values(), ...this.perRequest.values()];
    const baseline = loadBaseline(settings.baselinePath);
    const summary = summarize(checks, {
      target: {
        baseUrl: settings.baseUrl, issuer: settings.issuer, adminUrl: settings.adminUrl, profile: settings.profile,
        providerVersion: process.env.OIDC_PROVIDER_VERSION, strict: settings.strict, baseline: settings.baselinePath,
      },
      harnessVersion: HARNESS_VERSION,
      startedAt: new Date(this.started).toISOString(),
      durationMs: Date.now() - this.started,
      selection: this.selection,
      gate: decide(checks, { baseline, failOnMustSkip: settings.failOnMustSkip, complete: this.selection.complete }),
    });
    mkdirSync(settings.reportsDir, { recursive: true });
    writeFileSync(join(settings.reportsDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    writeJunit(join(settings.reportsDir, 'junit.xml'), summary);
    console.log(renderConsole(summary));
  }

  printsToStdio(): boolean { return true; }
}

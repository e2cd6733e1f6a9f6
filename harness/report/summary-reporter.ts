// A Playwright reporter that collects each check's verdict (the `check` annotation) into
// reports/summary.json and reports/junit.xml, decides the gate, and prints the per-operation table
// at the end of the run. A test that never recorded a verdict (a crash in a fixture, an
// interruption) still gets one, with its cause.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { checkKey, type CheckDef, type CheckRecord } from '../../checks/catalogue/types.ts';
import { ALL_CHECK_IDS, ALL_CHECKS } from '../../checks/catalogue/index.ts';
import { readSettings } from '../config/settings.ts';
import { maskText } from '../secrets/mask.ts';
import { renderConsole, summarize, type Selection } from './summary.ts';
import { writeJunit } from './junit.ts';
import { loadBaseline } from '../run/baseline.ts';
import { decide, WHOLE_PROFILE } from '../run/gate.ts';
import { scopeOf } from '../run/scope.ts';
import { SCENARIO_ANNOTATION } from '../run/trace.ts';
import { Progress, progressMode } from './progress.ts';
import { HARNESS_VERSION } from '../version.ts';
import { variants } from '../run/variants.ts';
import type { Settings } from '../config/settings.ts';
import { evidenceOf } from './evidence-format.ts';
import { CONTRACT_FILE, ContractBuilder, writeContract } from '../contract/contract.ts';
import { BROWSER_LAUNCH_ANNOTATION, RUNNER_TIMINGS, type RunnerTimings } from './timings.ts';
import { isPerRequestCheck } from '../../checks/catalogue/openapi.ts';
import { openApiCoverageOf } from '../contract/openapi-coverage.ts';
import { ThrottleTally, throttledOutsideChecks } from '../http/throttle.ts';

const CHECK = 'check';
const CHECK_DEF = 'check-def';
/** How many of the slowest checks timings.json lists. */
const SLOWEST = 15;

/**
 * The check a test judges: from its runtime annotation once it ran, else from its tag (@ID) and the catalogue
 * (the describe title names the operation where one id judges several requests).
 */
function defOf(test: TestCase, result?: TestResult): CheckDef | undefined {
  const note = result?.annotations.find((a) => a.type === CHECK_DEF)?.description;
  if (note) return JSON.parse(note) as CheckDef;
  const id = test.tags.find((t) => ALL_CHECK_IDS.has(t.slice(1)))?.slice(1);
  const candidates = ALL_CHECKS.filter((c) => c.id === id);
  return candidates.find((c) => test.titlePath().some((t) => t.startsWith(`${c.operation}:`))) ?? candidates[0];
}

/** The suite file a check belongs to (its location is check()'s, in fixtures/). */
function fileOf(test: TestCase): string {
  let suite = test.parent;
  while (suite.type !== 'file' && suite.parent) suite = suite.parent;
  return suite.title.split('/').pop()!;
}

/** The batch variant a test belongs to: its describe is named `[variant]` (fixtures/check.ts). */
function variantOf(test: TestCase): { variant?: string } {
  const title = test.titlePath().find((t) => /^\[.+\]$/.test(t));
  return title ? { variant: title.slice(1, -1) } : {};
}

/** When the command (bin/conformance.ts) was told to stop, as it wrote before relaying the signal here. */
function signalledByCommand(): number | undefined {
  const file = process.env.OIDC_SIGNALLED_FILE;
  if (!file || !existsSync(file)) return undefined;
  const at = Number(readFileSync(file, 'utf8'));
  return Number.isFinite(at) && at > 0 ? at : undefined;
}

/** A test that ended without recording its verdict. */
function unrecorded(def: CheckDef, result: TestResult): CheckRecord {
  const base = {
    id: def.id,
    operation: def.operation,
    request: def.request,
    severity: def.severity,
    specRef: def.clause,
    specUrl: def.url,
    rule: def.rule,
  };
  if (result.status === 'skipped') return { ...base, status: 'skipped', skip: 'no-evidence', message: 'not run' };
  // Cut off by an interruption: no verdict, and not the provider's fault nor a harness bug.
  if (result.status === 'interrupted')
    return { ...base, status: 'skipped', skip: 'no-evidence', message: 'the run was interrupted before the check finished' };
  if (result.status === 'timedOut')
    return { ...base, status: 'failed', cause: 'no-answer', message: 'the check did not finish within its time limit' };
  const why = `the check could not run: ${maskText(result.error?.message?.split('\n')[0] ?? result.status)}`;
  return { ...base, status: 'failed', cause: 'harness', message: why };
}

export default class SummaryReporter implements Reporter {
  private readonly records = new Map<string, CheckRecord>();
  /** Records judged per request rather than per test (OpenAPI), merged: one failure fails the pair. */
  private readonly perRequest = new Map<string, CheckRecord>();
  private readonly started = Date.now();
  private selection: Selection = { complete: false, interrupted: false, narrowedBy: [], judges: WHOLE_PROFILE, expected: 0 };
  /** The tests this run set out to run: a run that ends with fewer verdicts was cut off. */
  private planned = 0;
  private progress = new Progress('off', 0);
  /** When each suite file ran (first start, last end) and what the checks cost, for reports/timings.json. */
  private readonly suiteSpans = new Map<string, [number, number]>();
  private readonly durations: Array<{ check: string; ms: number }> = [];
  private exchanges = 0;
  /** The observed contract: the shapes of every exchange the checks attached (reports/contract.json). */
  private readonly contract = new ContractBuilder();
  private browserLaunches = 0;
  /** How often and how long the provider throttled the checks' requests (their annotations). */
  private readonly throttling = new ThrottleTally();
  private begun = 0;
  private lastEnd = 0;
  /** When Ctrl-C (or SIGTERM) reached the run: a check that ended after that has no verdict. */
  private signalledAt: number | undefined;

  onBegin(config: FullConfig, suite: Suite): void {
    this.begun = Date.now();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (this.signalledAt ??= Date.now()));
    this.planned = suite.allTests().length;
    this.progress = new Progress(progressMode(variants().length > 0), this.planned);
    const selected = new Set(
      suite
        .allTests()
        .map((t) => defOf(t))
        .filter((d) => d !== undefined)
        .map(checkKey),
    );
    if (!variants().length) this.selection = scopeOf(config, selected);
    const shard = config.shard ?? undefined;
    console.log(
      `[conformance] running ${suite.allTests().length} checks in ${config.workers} workers${shard ? ` (shard ${shard.current}/${shard.total})` : ''}`,
    );
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const file = fileOf(test);
    const start = result.startTime.getTime();
    const end = start + result.duration;
    const span = this.suiteSpans.get(file);
    this.suiteSpans.set(file, span ? [Math.min(span[0], start), Math.max(span[1], end)] : [start, end]);
    this.lastEnd = Math.max(this.lastEnd, end);
    this.durations.push({ check: test.title, ms: result.duration });
    for (const e of evidenceOf(result.annotations)) {
      if (!e.replayed) this.exchanges++;
      for (const shape of e.shapes ?? [e.shape]) this.contract.add(shape);
    }
    this.browserLaunches += result.annotations.filter((a) => a.type === BROWSER_LAUNCH_ANNOTATION).length;
    this.throttling.add(result.annotations);
    const recorded = result.annotations
      .filter((a) => a.type === CHECK && a.description)
      .map((a) => JSON.parse(a.description!) as CheckRecord);
    const own = recorded.find((r) => !isPerRequestCheck(r.id));
    // Ended after Ctrl-C (or SIGTERM): the shutdown deletes the run's clients and closes its HTTP clients under the
    // check, so what it saw then (a 401 for a deleted client, a refusal that looks right) is no verdict on anyone.
    // A test the stop cut off is no verdict either, whatever it recorded as its client was closed under it.
    const signalledAt = Math.min(this.signalledAt ?? Infinity, signalledByCommand() ?? Infinity);
    if (end >= signalledAt || result.status === 'interrupted') return;
    for (const r of recorded.filter((r) => isPerRequestCheck(r.id))) {
      const key = checkKey(r);
      const prev = this.perRequest.get(key);
      if (!prev || (prev.status !== 'failed' && r.status === 'failed')) this.perRequest.set(key, r);
    }
    const def = defOf(test, result);
    const scenarios = [...new Set(result.annotations.filter((a) => a.type === SCENARIO_ANNOTATION).map((a) => a.description!))];
    if (own) this.records.set(test.id, scenarios.length ? { ...own, scenarios } : own);
    else if (def) this.records.set(test.id, { ...unrecorded(def, result), ...variantOf(test) });
    const done = this.records.get(test.id);
    if (done) this.progress.check(done);
  }

  async onEnd(result: FullResult): Promise<void> {
    this.progress.end();
    // Cut off: Ctrl-C, SIGTERM, a global timeout, or tests that never reported a verdict.
    this.selection.interrupted ||= result.status === 'interrupted' || result.status === 'timedout' || this.records.size < this.planned;
    let settings;
    try {
      settings = readSettings();
    } catch {
      return;
    }
    if (variants().length) return this.writeVariantSummaries(settings);
    const checks = [...this.records.values(), ...this.perRequest.values()];
    // OIDC_OPENAPI: what of the provider's own document the run saw (harness/contract/openapi-coverage.ts).
    const openapiCoverage = settings.openapi
      ? await openApiCoverageOf(settings.openapi, settings.timeoutMs, this.contract.build())
      : undefined;
    const baseline = loadBaseline(settings.baselinePath);
    const summary = summarize(checks, {
      target: {
        baseUrl: settings.baseUrl,
        issuer: settings.issuer,
        adminUrl: settings.adminUrl,
        profile: settings.profile,
        providerVersion: process.env.OIDC_PROVIDER_VERSION,
        strict: settings.strict,
        baseline: settings.baselinePath,
        ...(settings.network.insecureTls ? { insecureTls: true } : {}),
      },
      harnessVersion: HARNESS_VERSION,
      startedAt: new Date(this.started).toISOString(),
      durationMs: Date.now() - this.started,
      selection: this.selection,
      gate: decide(checks, { baseline, lenient: settings.lenientGate, scope: this.selection }),
      ...(openapiCoverage ? { openapiCoverage } : {}),
      throttling: this.throttlingOfRun(settings.network.rateLimit?.text),
    });
    mkdirSync(settings.reportsDir, { recursive: true });
    const contractError = writeContract(settings.reportsDir, this.contract);
    if (contractError) console.error(`[conformance] ${join(settings.reportsDir, CONTRACT_FILE)} could not be written: ${contractError}`);
    writeFileSync(join(settings.reportsDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    writeJunit(join(settings.reportsDir, 'junit.xml'), summary);
    console.log(renderConsole(summary));
    this.writeTimings(settings.reportsDir, checks.length);
  }

  /** A batch run: one summary per variant (reports/variants/<name>.json), judged as a run of that target alone. */
  private writeVariantSummaries(settings: Settings): void {
    const dir = join(settings.reportsDir, 'variants');
    mkdirSync(dir, { recursive: true });
    for (const v of variants()) {
      const checks = [...this.records.values()].filter((r) => r.variant === v.name);
      const summary = summarize(checks, {
        target: { baseUrl: v.baseUrl, issuer: v.baseUrl, adminUrl: v.adminUrl, profile: settings.profile, strict: settings.strict },
        harnessVersion: HARNESS_VERSION,
        startedAt: new Date(this.started).toISOString(),
        durationMs: Date.now() - this.started,
        selection: {
          complete: true,
          interrupted: false,
          narrowedBy: [],
          judges: `the suites of variant ${v.name}`,
          expected: checks.length,
        },
        gate: decide(checks, { lenient: false, scope: { complete: true, interrupted: false, narrowedBy: [], judges: v.name } }),
      });
      writeFileSync(join(dir, `${v.name}.json`), JSON.stringify(summary) + '\n');
    }
    console.log(`[conformance] ${this.records.size} checks over ${variants().length} targets: summaries in ${dir}`);
  }

  /** The checks' throttled answers and those the workers met on their own (the clients they kept, deleted at their end). */
  private throttlingOfRun(rateLimit: string | undefined) {
    this.throttling.add(throttledOutsideChecks(), false);
    return this.throttling.value(rateLimit);
  }

  private writeTimings(dir: string, checks: number): void {
    const firstStart = Math.min(...[...this.suiteSpans.values()].map(([s]) => s), Date.now());
    const timings: RunnerTimings = {
      phases: {
        'start-up (config, collecting the suites)': Math.max(0, this.begun - this.started),
        'until the first check started (workers, fixtures)': Math.max(0, firstStart - this.begun),
        'the checks (first start to last end)': Math.max(0, this.lastEnd - firstStart),
        'teardown and reporters': Math.max(0, Date.now() - this.lastEnd),
      },
      suites: Object.fromEntries([...this.suiteSpans.entries()].sort().map(([f, [s, e]]) => [f, e - s])),
      checksMs: this.durations.reduce((n, d) => n + d.ms, 0),
      slowest: [...this.durations].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST),
      exchanges: this.exchanges,
      browserLaunches: this.browserLaunches,
      checks,
    };
    writeFileSync(join(dir, RUNNER_TIMINGS), JSON.stringify(timings));
  }

  printsToStdio(): boolean {
    return true;
  }
}

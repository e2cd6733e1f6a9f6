// Where a run's time goes: the runner's phases (start-up and TypeScript loading, target, preflight, the
// test runner, sweep, scrub, HTML report) and, inside the test runner, its own start-up, each suite's
// wall time and its teardown; with the number of HTTP exchanges and browser launches. Written to
// reports/timings.json for `npm run bench`; figures only, never a verdict.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RunnerTimings {
  /** Wall-clock ms per phase of the test runner, from the reporter. */
  phases: Record<string, number>;
  /** Wall-clock ms per suite file: its first check's start to its last check's end. */
  suites: Record<string, number>;
  /** The sum of every check's own time (fixtures included): against the checks' wall time, how well the workers overlap. */
  checksMs: number;
  /** The checks that took longest (title and ms), where a run's time goes first. */
  slowest: Array<{ check: string; ms: number }>;
  /** The HTTP exchanges in the checks' evidence, a shared scenario's counted once, not once per check that shows it. */
  exchanges: number;
  browserLaunches: number;
  checks: number;
}

export interface Timings extends RunnerTimings {
  /** Wall-clock ms of `npm run conformance` from process start to exit. */
  totalMs: number;
}

export const RUNNER_TIMINGS = 'timings-runner.json';
export const BROWSER_LAUNCH_ANNOTATION = 'browser-launch';

/** The runner's phases, in order, each measured as it runs. */
export class PhaseClock {
  readonly phases: Record<string, number> = {};
  private last = performance.now();

  constructor() {
    // Everything before the first line of the runner: node, tsx, loading its TypeScript.
    this.phases['start-up and TypeScript loading'] = Math.round(performance.now());
  }

  /** Close the current phase under `name`. */
  lap(name: string): void {
    const now = performance.now();
    this.phases[name] = Math.round((this.phases[name] ?? 0) + now - this.last);
    this.last = now;
  }

  write(reportsDir: string): void {
    const path = join(reportsDir, RUNNER_TIMINGS);
    let runner: RunnerTimings = { phases: {}, suites: {}, checksMs: 0, slowest: [], exchanges: 0, browserLaunches: 0, checks: 0 };
    try {
      runner = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      /* the test runner did not get that far */
    }
    rmSync(path, { force: true });
    const timings: Timings = { ...runner, phases: { ...this.phases, ...prefixed(runner.phases) }, totalMs: Math.round(performance.now()) };
    writeFileSync(join(reportsDir, 'timings.json'), JSON.stringify(timings, null, 2) + '\n');
  }
}

const prefixed = (p: Record<string, number>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [`  test runner: ${k}`, v]));

// npm run bench: time full conformance runs against the embedded reference target, phase by phase
// (reports/timings.json of each run): median, min and max over BENCH_RUNS runs (default 5), with the
// number of HTTP exchanges and browser launches. Figures only; no test asserts a time.
// BENCH_WORKERS (default: the runner's choice: a core each, more for a remote provider), BENCH_HTML (default 1), BENCH_TARGET (a script, e.g. bin/conformance-hydra.ts),
// BENCH_ARGS (its arguments, e.g. v2.3.0).
// `npm run bench -- --latency 80`: the reference behind a proxy that delays every exchange 80 ms (and the first on each
// new connection 80 ms more, its handshake), as a provider in another region; each such run is paired with one through
// the same proxy without the delay, alternating, and the two are compared.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import type { Timings } from '../harness/report/timings.ts';
import { startProxiedReference } from '../selftest/support/test-proxy.ts';

const runs = Number(process.env.BENCH_RUNS) || 5;
const workers = process.env.BENCH_WORKERS;
const html = process.env.BENCH_HTML ?? '1';
const script = process.env.BENCH_TARGET;
const args = process.env.BENCH_ARGS?.split(' ').filter(Boolean);

const latencyArg = process.argv.indexOf('--latency');
const latency = latencyArg < 0 ? undefined : Number(process.argv[latencyArg + 1]);
if (latency !== undefined && !(Number.isInteger(latency) && latency >= 0)) {
  console.error('[bench] --latency takes the milliseconds each exchange is delayed, e.g. --latency 80');
  process.exit(2);
}
if (latency !== undefined && script) {
  console.error('[bench] --latency puts a proxy in front of the embedded reference target: it does not go with BENCH_TARGET');
  process.exit(2);
}

interface Measured {
  wall: number;
  t: Timings;
  passed: boolean;
}

/** One full run; with `delayMs`, against the reference behind the delaying proxy. */
async function oneRun(label: string, delayMs?: number): Promise<Measured> {
  const target = delayMs === undefined ? undefined : await startProxiedReference({ delayMs });
  try {
    const r = await runConformance({
      script,
      args,
      timeoutMs: 1_800_000,
      env: {
        OIDC_HTML_REPORT: html,
        OIDC_WORKERS: workers ?? '', // unset: the runner's own choice, as a user gets it
        ...(target ? { OIDC_BASE_URL: target.issuer, OIDC_ADMIN_URL: target.adminUrl } : {}),
      },
    });
    let t: Timings;
    try {
      t = JSON.parse(readFileSync(join(r.reportsDir, 'timings.json'), 'utf8'));
    } catch {
      console.error(`${label} wrote no timings (exit ${r.code}):\n${r.output.slice(-1500)}`);
      process.exit(1);
    }
    const passed = r.summary?.gate.passed === true;
    console.log(
      `${label}: ${(r.durationMs / 1000).toFixed(2)} s wall, exit ${r.code}${passed ? ' (green)' : ' (NOT green)'}, ${t.checks} checks, ${t.exchanges} HTTP exchanges, ${t.browserLaunches} browser launches`,
    );
    return { wall: r.durationMs, t, passed };
  } finally {
    await target?.close();
  }
}

const all: Measured[] = [];
const remote: Measured[] = [];
for (let i = 0; i < runs; i++) {
  if (latency === undefined) {
    all.push(await oneRun(`run ${i + 1}`));
    continue;
  }
  all.push(await oneRun(`run ${i + 1}, through the proxy without delay`, 0));
  remote.push(await oneRun(`run ${i + 1}, ${latency} ms per exchange`, latency));
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const s = (ms: number) => (ms / 1000).toFixed(2).padStart(6);
const row = (name: string, xs: number[]) => {
  const o = sorted(xs);
  return `  ${name.padEnd(56)} ${s(o[Math.floor(o.length / 2)]!)} ${s(o[0]!)} ${s(o[o.length - 1]!)}`;
};

const med = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;

/** The phase table of a set of runs. */
function report(title: string, all: Measured[]): void {
  const keys = (pick: (t: Timings) => Record<string, number>) => [...new Set(all.flatMap(({ t }) => Object.keys(pick(t))))];
  console.log(
    `\n${title}: ${all.length} runs, ${all[0]!.t.checks} checks, workers ${workers ?? 'default'}, HTML report ${html === '0' ? 'off' : 'on'}`,
  );
  console.log(`  ${'phase (seconds)'.padEnd(56)} median    min    max`);
  console.log(
    row(
      'wall clock (npm run conformance as a child process)',
      all.map((a) => a.wall),
    ),
  );
  for (const k of keys((t) => t.phases))
    console.log(
      row(
        k,
        all.map(({ t }) => t.phases[k] ?? 0),
      ),
    );
  console.log('  suites (wall, first check start to last check end; they overlap across workers):');
  for (const k of keys((t) => t.suites))
    console.log(
      row(
        `  ${k}`,
        all.map(({ t }) => t.suites[k] ?? 0),
      ),
    );
  console.log(
    `  HTTP exchanges: median ${med(all.map(({ t }) => t.exchanges))}; browser launches: median ${med(all.map(({ t }) => t.browserLaunches))}`,
  );
  console.log(
    row(
      'the checks, each its own time, summed (against the wall: the overlap)',
      all.map(({ t }) => t.checksMs ?? 0),
    ),
  );
  const last = all[all.length - 1]!.t;
  if (last.slowest?.length) {
    console.log('  the slowest checks of the last run (ms):');
    for (const x of last.slowest.slice(0, 8)) console.log(`    ${String(x.ms).padStart(6)}  ${x.check.slice(0, 100)}`);
  }
}

if (latency === undefined) report(`${script ?? 'bin/conformance.ts'} ${args?.join(' ') ?? ''}`, all);
else {
  report('through the proxy, no delay', all);
  report(`through the proxy, ${latency} ms per exchange`, remote);
  const ratio = med(remote.map((r) => r.wall)) / med(all.map((r) => r.wall));
  console.log(
    `\n${latency} ms per exchange against none: ${(med(remote.map((r) => r.wall)) / 1000).toFixed(2)} s against ${(med(all.map((r) => r.wall)) / 1000).toFixed(2)} s (medians), ${ratio.toFixed(2)}x; green ${remote.filter((r) => r.passed).length} of ${remote.length} and ${all.filter((r) => r.passed).length} of ${all.length}`,
  );
}

// npm run bench: time full conformance runs against the embedded reference target, phase by phase
// (reports/timings.json of each run): median, min and max over BENCH_RUNS runs (default 5), with the
// number of HTTP exchanges and browser launches. Figures only; no test asserts a time.
// BENCH_WORKERS (default: the config's), BENCH_HTML (default 1), BENCH_TARGET (a script, e.g. bin/conformance-hydra.ts),
// BENCH_ARGS (its arguments, e.g. v2.3.0).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import type { Timings } from '../harness/report/timings.ts';

const runs = Number(process.env.BENCH_RUNS) || 5;
const workers = process.env.BENCH_WORKERS;
const html = process.env.BENCH_HTML ?? '1';
const script = process.env.BENCH_TARGET;
const args = process.env.BENCH_ARGS?.split(' ').filter(Boolean);

const all: Array<{ wall: number; t: Timings }> = [];
for (let i = 0; i < runs; i++) {
  const r = await runConformance({
    script,
    args,
    timeoutMs: 1_800_000,
    env: { OIDC_HTML_REPORT: html, ...(workers ? { OIDC_WORKERS: workers } : {}) },
  });
  let t: Timings;
  try {
    t = JSON.parse(readFileSync(join(r.reportsDir, 'timings.json'), 'utf8'));
  } catch {
    console.error(`run ${i + 1} wrote no timings (exit ${r.code}):\n${r.output.slice(-1500)}`);
    process.exit(1);
  }
  all.push({ wall: r.durationMs, t });
  console.log(
    `run ${i + 1}: ${(r.durationMs / 1000).toFixed(2)} s wall, exit ${r.code}, ${t.checks} checks, ${t.exchanges} HTTP exchanges, ${t.browserLaunches} browser launches`,
  );
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const s = (ms: number) => (ms / 1000).toFixed(2).padStart(6);
const row = (name: string, xs: number[]) => {
  const o = sorted(xs);
  return `  ${name.padEnd(56)} ${s(o[Math.floor(o.length / 2)]!)} ${s(o[0]!)} ${s(o[o.length - 1]!)}`;
};
const keys = (pick: (t: Timings) => Record<string, number>) => [...new Set(all.flatMap(({ t }) => Object.keys(pick(t))))];

console.log(
  `\n${script ?? 'bin/conformance.ts'} ${args?.join(' ') ?? ''}: ${runs} runs, ${all[0]!.t.checks} checks, workers ${workers ?? 'default'}, HTML report ${html === '0' ? 'off' : 'on'}`,
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
const med = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
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

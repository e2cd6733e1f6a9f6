// npm run bench: time full conformance runs against the embedded reference target.
// Figures only; no test asserts a time. BENCH_RUNS (default 3), BENCH_WORKERS (default: the config's).
import { runConformance } from '../harness/run/spawn-conformance.ts';

const runs = Number(process.env.BENCH_RUNS) || 3;
const workers = process.env.BENCH_WORKERS;
const html = process.env.BENCH_HTML ?? '1';
const wall: number[] = [];
const inSuite: number[] = [];
let checks = 0;
for (let i = 0; i < runs; i++) {
  const r = await runConformance({ env: { OIDC_HTML_REPORT: html, OIDC_WORKERS: workers ?? '' } });
  if (!r.summary) { console.error(`run ${i + 1} produced no summary:\n${r.output.slice(-1500)}`); process.exit(1); }
  wall.push(r.durationMs);
  inSuite.push(r.summary.durationMs);
  checks = r.summary.totals.checks;
  console.log(`run ${i + 1}: ${(r.durationMs / 1000).toFixed(2)} s wall (suites ${(r.summary.durationMs / 1000).toFixed(2)} s), exit ${r.code}, ${checks} checks`);
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\nfull conformance run against the reference target, ${runs} runs, ${checks} checks, workers ${workers ?? 'default'}, HTML report ${html === '0' ? 'off' : 'on'}:`);
console.log(`  wall clock (npm run conformance, incl. start-up and reports): median ${(med(wall) / 1000).toFixed(2)} s, min ${(Math.min(...wall) / 1000).toFixed(2)} s, max ${(Math.max(...wall) / 1000).toFixed(2)} s`);
console.log(`  Playwright run (first test to last):                        median ${(med(inSuite) / 1000).toFixed(2)} s`);

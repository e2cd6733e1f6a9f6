// npm run mutation: run every single-defect variant of the reference target (in parallel), print
// variant, expected check, caught or missed, and other checks that failed, then the score.
import { availableParallelism } from 'node:os';
import { mutants, runMutant, type MutantResult } from '../harness/mutation/mutants.ts';
import { runConformance } from '../harness/run/spawn-conformance.ts';

const concurrency = Number(process.env.MUTATION_CONCURRENCY) || Math.max(2, availableParallelism());
const started = Date.now();
console.log('[mutation] clean run against the reference target…');
const clean = await runConformance({ env: { OIDC_WORKERS: '4' } });
if (!clean.summary) {
  console.error(`[mutation] the clean run produced no summary:\n${clean.output.slice(-2000)}`);
  process.exit(2);
}
const all = mutants();
console.log(`[mutation] ${all.length} variants, ${concurrency} at a time`);
const results: MutantResult[] = [];
let next = 0;
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < all.length) {
    const m = all[next++];
    const r = await runMutant(m, clean.summary!);
    results.push(r);
    process.stdout.write(r.caught && !r.alsoFailed.length ? '.' : 'x');
  }
}));
process.stdout.write('\n');

const rows = results.sort((a, b) => a.mutant.operation.localeCompare(b.mutant.operation) || a.mutant.id.localeCompare(b.mutant.id))
  .map((r) => [r.mutant.operation, r.mutant.id, r.mutant.catches, r.caught ? 'caught' : `MISSED (${r.expectedStatus})`, r.alsoFailed.join(', ') || '-']);
const head = ['operation', 'variant', 'expected check', 'verdict', 'other checks that failed'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(fmt(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(fmt(r));
const caught = results.filter((r) => r.caught && !r.alsoFailed.length).length;
const ops = new Set(results.map((r) => r.mutant.operation));
console.log(`\nmutation score: ${caught}/${results.length} = ${((100 * caught) / results.length).toFixed(1)}% (caught by the expected check and nothing unrelated), over ${ops.size} operations, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = caught === results.length ? 0 : 1;

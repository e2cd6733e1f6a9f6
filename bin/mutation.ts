// npm run mutation: run every single-defect variant of the reference target (in parallel), print one
// line per variant (the check that must catch it, the verdict, why not), the score, and how many
// check ids the catalogue proves able to fail (with the explicit list of those no one defect can break).
import { availableParallelism } from 'node:os';
import { cleanMutationRun, mutants, runMutant, type MutantResult } from '../harness/mutation/mutants.ts';
import { coverage } from '../harness/mutation/coverage.ts';

const concurrency = Number(process.env.MUTATION_CONCURRENCY) || Math.max(2, availableParallelism());
const started = Date.now();
const all = mutants();
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = only.length ? all.filter((m) => only.some((o) => m.id.includes(o) || m.catches === o)) : all;
console.log('[mutation] clean run against the reference target…');
const clean = await cleanMutationRun();
if (!clean.summary) {
  console.error(`[mutation] the clean run produced no summary:\n${clean.output.slice(-2000)}`);
  process.exit(2);
}
console.log(`[mutation] ${chosen.length} variants, ${concurrency} at a time`);
const results: MutantResult[] = [];
let next = 0;
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < chosen.length) {
    const r = await runMutant(chosen[next++]!, clean.summary!);
    results.push(r);
    console.log(`${r.caught ? 'caught' : 'MISSED'}  ${r.mutant.operation}  ${r.mutant.id} → ${r.mutant.catches}${r.mutant.request ? ` ${r.mutant.request}` : ''}: ${r.caught ? r.expectedStatus : r.why}`);
  }
}));

const caught = results.filter((r) => r.caught).length;
const ops = new Set(results.map((r) => r.mutant.operation));
const cov = coverage();
console.log(`\nmutation score: ${caught}/${results.length} = ${((100 * caught) / Math.max(1, results.length)).toFixed(1)}% (caught by the expected check, for a violation, and nothing unrelated), over ${ops.size} operations, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`check ids proved able to fail by a defect: ${cov.covered.length} of ${cov.ids}; explained below: ${cov.explained.length}; neither: ${cov.missing.length}${cov.missing.length ? ` (${cov.missing.join(', ')})` : ''}`);
for (const [id, why] of cov.explained) console.log(`  ${id}: ${why}`);
process.exitCode = caught === results.length && !cov.missing.length ? 0 : 1;

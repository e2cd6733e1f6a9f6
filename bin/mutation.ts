// npm run mutation [-- DEFECT-OR-CHECK…]: run every single-defect variant of the reference target (or those named)
// in one batch beside a clean reference, print one line per variant (the check that must catch it, the verdict, why
// not), the score, and how many check ids the catalogue proves able to fail (with the explicit list of those no
// one defect can break).
import { mutants, runMutants } from '../harness/mutation/mutants.ts';
import { coverage } from '../harness/mutation/coverage.ts';

const started = Date.now();
const all = mutants();
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = only.length ? all.filter((m) => only.some((o) => m.id.includes(o) || m.catches === o)) : all;
if (!chosen.length) {
  console.error(`[mutation] no defect matches ${only.join(', ')}`);
  process.exit(2);
}
console.log(`[mutation] ${chosen.length} variants and a clean reference, in one batch…`);
const { batch, clean, results } = await runMutants(chosen);
if (!clean) {
  console.error(`[mutation] the clean run produced no summary:\n${batch.output.slice(-2000)}`);
  process.exit(2);
}
for (const r of [...results].sort(
  (a, b) => a.mutant.operation.localeCompare(b.mutant.operation) || a.mutant.id.localeCompare(b.mutant.id),
)) {
  console.log(
    `${r.caught ? 'caught' : 'MISSED'}  ${r.mutant.operation}  ${r.mutant.id} → ${r.mutant.catches}${r.mutant.request ? ` ${r.mutant.request}` : ''}: ${r.caught ? r.expectedStatus : r.why}`,
  );
}
const caught = results.filter((r) => r.caught).length;
const ops = new Set(results.map((r) => r.mutant.operation));
const cov = coverage();
console.log(
  `\nmutation score: ${caught}/${results.length} = ${((100 * caught) / results.length).toFixed(1)}% (caught by the expected check, for a violation, and nothing unrelated), over ${ops.size} operations, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
console.log(
  `check ids proved able to fail by a defect: ${cov.covered.length} of ${cov.ids}; explained below: ${cov.explained.length}; neither: ${cov.missing.length}${cov.missing.length ? ` (${cov.missing.join(', ')})` : ''}`,
);
for (const [id, why] of cov.explained) console.log(`  ${id}: ${why}`);
process.exitCode = caught === results.length && !cov.missing.length ? 0 : 1;

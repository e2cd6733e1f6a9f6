// npm run mutation [-- [--whole] DEFECT-OR-CHECK…]: run every single-defect variant of the reference target (or those
// named) beside clean references, judged on the whole suite (targets/reference/mutation/mutants.ts: traced by
// default, every suite file for every variant with --whole); print one line per variant (the check that must catch
// it, its finding, the verdict, why not), the score, and how many check id × request pairs the catalogue proves able
// to fail (with the explicit list of those no one defect can break).
import { mutants, runMutants, suiteFiles } from '../targets/reference/mutation/mutants.ts';
import { coverage } from '../targets/reference/mutation/coverage.ts';

const args = process.argv.slice(2);
const whole = args.includes('--whole');
const unknown = args.find((a) => a.startsWith('-') && a !== '--whole');
if (unknown) {
  console.error(`[mutation] unknown option ${unknown} (usage: npm run mutation -- [--whole] [DEFECT-OR-CHECK…])`);
  process.exit(2);
}
const all = mutants();
const only = args.filter((a) => !a.startsWith('-'));
const chosen = only.length ? all.filter((m) => only.some((o) => m.id.includes(o) || m.catches === o)) : all;
if (!chosen.length) {
  console.error(`[mutation] no defect matches ${only.join(', ')}`);
  process.exit(2);
}
console.log(
  `[mutation] ${chosen.length} variants and their clean references, ${whole ? 'each on every suite file' : 'each on the suite files that reach its defect (traced), the others taken from the clean run'}…`,
);
const run = await runMutants(chosen, {
  onOutput: (t) => {
    for (const line of t.split('\n')) if (line.startsWith('[conformance]')) console.log(line);
  },
});
if (!run.clean) {
  console.error(`[mutation] the clean run produced no summary:\n${run.batches.map((b) => b.output.slice(-2000)).join('\n')}`);
  process.exit(2);
}
const files = suiteFiles().length;
for (const r of [...run.results].sort(
  (a, b) => a.mutant.operation.localeCompare(b.mutant.operation) || a.mutant.id.localeCompare(b.mutant.id),
)) {
  const ran = r.suites === 'whole' ? `${files}/${files} suites` : `${r.suites.length}/${files} suites`;
  console.log(
    `${r.caught ? 'caught' : 'MISSED'}  ${r.mutant.operation}  ${r.mutant.id} → ${r.mutant.catches}${r.mutant.request ? ` ${r.mutant.request}` : ''} {${r.mutant.finding ?? 'no finding given'}} [${ran}]: ${r.caught ? r.expectedStatus : r.why}`,
  );
}
const caught = run.results.filter((r) => r.caught).length;
const ops = new Set(run.results.map((r) => r.mutant.operation));
const noFinding = run.results.filter((r) => !r.mutant.finding).map((r) => r.mutant.id);
const cov = coverage();
console.log(
  `\nmutation score: ${caught}/${run.results.length} = ${((100 * caught) / run.results.length).toFixed(1)}% (caught by the expected check, for a violation with the defect's finding, the gate failed, nothing else newly failing), over ${ops.size} operations, in ${(run.durationMs / 1000).toFixed(1)} s`,
);
if (noFinding.length) console.log(`defects without their expected finding: ${noFinding.length} (${noFinding.join(', ')})`);
console.log(
  `check id × request pairs proved able to fail by a defect: ${cov.covered.length} of ${cov.pairs}; explained below: ${cov.explained.length}; neither: ${cov.missing.length}${cov.missing.length ? ` (${cov.missing.join(', ')})` : ''}`,
);
for (const [pair, why] of cov.explained) console.log(`  ${pair}: ${why}`);
process.exitCode = caught === run.results.length && !cov.missing.length && !noFinding.length ? 0 : 1;

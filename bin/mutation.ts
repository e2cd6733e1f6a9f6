// npm run mutation [-- [--whole | --focused] DEFECT-OR-CHECK…]: run every single-defect variant of the reference target
// (or those named) beside clean references, judged on the whole suite (targets/reference/mutation/mutants.ts: traced
// by default, every check for every variant with --whole, npm test's bounded plan with --focused); print one line per
// variant (the check that must catch
// it, its finding, the verdict, why not), the score, and how many check id × request pairs the catalogue proves able
// to fail (with the explicit list of those no one defect can break).
import { mutants, runMutants, FOCUS_LIMIT, type Plan } from '../targets/reference/mutation/mutants.ts';
import { coverage } from '../targets/reference/mutation/coverage.ts';

const args = process.argv.slice(2);
const PLANS = { '--whole': 'whole', '--focused': 'focused' } as const;
const flags = args.filter((a) => a.startsWith('-'));
const unknown = flags.find((a) => !(a in PLANS));
if (unknown || flags.length > 1) {
  console.error(
    `[mutation] ${unknown ? `unknown option ${unknown}` : 'give one of --whole and --focused'} (usage: npm run mutation -- [--whole | --focused] [DEFECT-OR-CHECK…])`,
  );
  process.exit(2);
}
const plan: Plan = flags.length ? PLANS[flags[0] as keyof typeof PLANS] : 'traced';
const all = mutants();
const only = args.filter((a) => !a.startsWith('-'));
const chosen = only.length ? all.filter((m) => only.some((o) => m.id.includes(o) || m.catches === o)) : all;
if (!chosen.length) {
  console.error(`[mutation] no defect matches ${only.join(', ')}`);
  process.exit(2);
}
console.log(
  `[mutation] ${chosen.length} variants and their clean references, ${
    plan === 'whole'
      ? 'each on every check'
      : plan === 'traced'
        ? 'each on the checks that reach its defect (traced), the others taken from the clean run'
        : `each on the checks that reach its defect when at most ${FOCUS_LIMIT} do, else on those of its check's suite file (focused)`
  }…`,
);
const run = await runMutants(chosen, {
  plan,
  onOutput: (t) => {
    for (const line of t.split('\n')) if (line.startsWith('[conformance]')) console.log(line);
  },
});
if (!run.clean) {
  console.error(`[mutation] the clean run produced no summary:\n${run.batches.map((b) => b.output.slice(-2000)).join('\n')}`);
  process.exit(2);
}
const checks = new Set(run.clean.checks.map((c) => c.id)).size;
for (const r of [...run.results].sort(
  (a, b) => a.mutant.operation.localeCompare(b.mutant.operation) || a.mutant.id.localeCompare(b.mutant.id),
)) {
  const ran = `${r.checks === 'whole' ? checks : r.checks.length}/${checks} checks${r.unjudged.length ? `, ${r.unjudged.length} reached left unjudged` : ''}`;
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
const partial = run.results.filter((r) => r.unjudged.length);
if (partial.length)
  console.log(
    `judged on fewer checks than their switch reached (focused): ${partial.length} defects, ${partial.reduce((n, r) => n + r.unjudged.length, 0)} check runs left to npm run mutation`,
  );
if (noFinding.length) console.log(`defects without their expected finding: ${noFinding.length} (${noFinding.join(', ')})`);
console.log(
  `check id × request pairs proved able to fail by a defect: ${cov.covered.length} of ${cov.pairs}; explained below: ${cov.explained.length}; neither: ${cov.missing.length}${cov.missing.length ? ` (${cov.missing.join(', ')})` : ''}`,
);
for (const [pair, why] of cov.explained) console.log(`  ${pair}: ${why}`);
process.exitCode = caught === run.results.length && !cov.missing.length && !noFinding.length ? 0 : 1;

// npm run coverage: write docs/coverage.md (the clause matrix, from checks/requirements/ and the catalogue) and
// docs/oidf-modules.md (the OpenID Foundation's OP modules, from checks/oidf/modules.ts), each claim proved by the
// reference defects. It refuses, writing nothing and printing one line per claim, a checked requirement or a covered
// module that no defect proves.
// npm run coverage -- --check: exit 1, writing nothing, when a file is not what it would write.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COVERAGE_FILE, coverageStats, renderCoverage } from '../checks/requirements/render.ts';
import { matrixProblems } from '../checks/requirements/proof.ts';
import { MODULES_FILE, moduleProblems, moduleStats, renderModules } from '../checks/oidf/render.ts';
import { DEFECTS } from '../targets/reference/defects.ts';

const root = join(import.meta.dirname, '..');

const problems = [...matrixProblems(DEFECTS), ...moduleProblems(DEFECTS)];
if (problems.length) {
  for (const p of problems) console.error(p);
  console.error(`npm run coverage: ${problems.length} claim(s) without a defect that proves them; nothing written`);
  process.exit(1);
}

const files: Array<[string, string]> = [
  [COVERAGE_FILE, renderCoverage(DEFECTS)],
  [MODULES_FILE, renderModules(DEFECTS)],
];

if (process.argv.slice(2).includes('--check')) {
  const stale = files.filter(([f, text]) => {
    const path = join(root, f);
    return !existsSync(path) || readFileSync(path, 'utf8') !== text;
  });
  for (const [f] of stale) console.log(`${f} is out of date: run npm run coverage`);
  if (stale.length) process.exit(1);
  console.log(`${files.map(([f]) => f).join(' and ')} are current`);
} else {
  for (const [f, text] of files) writeFileSync(join(root, f), text);
  const { total } = coverageStats(DEFECTS);
  const m = moduleStats();
  console.log(
    `wrote ${COVERAGE_FILE}: ${total.requirements} requirements, MUST ${total.must.checked} / ${total.must.total} checked (${total.must.proved} proved by a defect), SHOULD ${total.should.checked} / ${total.should.total} checked, ${total.notChecked.gap} gaps`,
  );
  console.log(`wrote ${MODULES_FILE}: ${m.modules} modules, ${m.covered} covered, ${m.partly} partly, ${m.notCovered} not covered`);
}

// npm run coverage: write docs/coverage.md, the clause matrix, from checks/requirements/ and the catalogue.
// npm run coverage -- --check: exit 1, writing nothing, when docs/coverage.md is not what it would write.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COVERAGE_FILE, coverageStats, renderCoverage } from '../checks/requirements/render.ts';

const file = join(import.meta.dirname, '..', COVERAGE_FILE);
const text = renderCoverage();

if (process.argv.slice(2).includes('--check')) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current !== text) {
    console.log(`${COVERAGE_FILE} is out of date: run npm run coverage`);
    process.exit(1);
  }
  console.log(`${COVERAGE_FILE} is current`);
} else {
  writeFileSync(file, text);
  const { total } = coverageStats();
  console.log(
    `wrote ${COVERAGE_FILE}: ${total.requirements} requirements, MUST ${total.must.checked} / ${total.must.total} checked, SHOULD ${total.should.checked} / ${total.should.total} checked`,
  );
}

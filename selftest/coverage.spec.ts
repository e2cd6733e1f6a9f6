// The clause matrix (docs/coverage.md) is current and tells the truth about the catalogue: every check it
// names exists (or is being added), and every check of the standards judges at least one requirement.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { ALL_CHECKS, ALL_CHECK_IDS } from '../checks/catalogue/index.ts';
import { REQUIREMENTS, STANDARDS, namedCheckIds } from '../checks/requirements/index.ts';
import { COVERAGE_FILE, renderCoverage } from '../checks/requirements/render.ts';

const root = join(import.meta.dirname, '..');

test('docs/coverage.md is what npm run coverage writes', () => {
  const committed = readFileSync(join(root, COVERAGE_FILE), 'utf8');
  expect(committed === renderCoverage(), `${COVERAGE_FILE} is out of date: run npm run coverage`).toBe(true);
});

test('rendering is deterministic', () => {
  expect(renderCoverage()).toBe(renderCoverage());
});

test('every check id the matrix names is in the catalogue or being added', () => {
  const unknown = namedCheckIds().filter((id) => !ALL_CHECK_IDS.has(id));
  expect(unknown, 'ids in checks/requirements/ that are not in checks/catalogue/').toEqual([]);
});

test('every check of the standards judges at least one requirement', () => {
  const named = new Set(namedCheckIds());
  // Ory's contract and documentation drift are listed apart, under "Ory's documented contract".
  const standards = ALL_CHECKS.filter((c) => c.severity !== 'ORY' && c.docs !== true);
  const missing = [...new Set(standards.filter((c) => !named.has(c.id)).map((c) => `${c.id} (${c.clause})`))].sort();
  expect(missing, 'checks of MUST or SHOULD severity that no requirement in checks/requirements/ names').toEqual([]);
});

test("every ORY and documentation-drift check is listed under Ory's documented contract", () => {
  const doc = renderCoverage();
  const contract = doc.slice(doc.indexOf("## Ory's documented contract"));
  const missing = [
    ...new Set(
      ALL_CHECKS.filter((c) => c.severity === 'ORY' || c.orySeverity === 'ORY' || c.docs === true)
        .map((c) => c.id)
        .filter((id) => !contract.includes(`\`${id}\``)),
    ),
  ].sort();
  expect(missing).toEqual([]);
});

test('every requirement says what judges it, or why nothing does', () => {
  const bad = REQUIREMENTS.filter((r) =>
    r.checks ? r.checks.length === 0 || new Set(r.checks).size !== r.checks.length : (r.notChecked?.reason ?? '').trim().length < 10,
  ).map((r) => `${r.standard} ${r.section}: ${r.text}`);
  expect(bad, 'requirements with an empty or repeated check list, or a not-checked without a reason').toEqual([]);
});

test('every requirement is a paraphrase that quotes its keyword', () => {
  const keyword = /\b(MUST|SHALL|REQUIRED|SHOULD|RECOMMENDED|NOT RECOMMENDED)\b|\(declarative|"must"|"need to"/;
  const bad = REQUIREMENTS.filter((r) => !keyword.test(r.text)).map((r) => `${r.standard} ${r.section}: ${r.text}`);
  expect(bad).toEqual([]);
});

test('standards and sections are unique and in order', () => {
  expect(new Set(STANDARDS.map((s) => s.key)).size).toBe(STANDARDS.length);
  const num = (section: string) => section.replace('§', '').split('.').map(Number);
  const before = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? -1) !== (b[i] ?? -1)) return (a[i] ?? -1) < (b[i] ?? -1);
    return false;
  };
  const unordered = STANDARDS.flatMap((s) =>
    s.sections
      .slice(1)
      .filter((sec, i) => !before(num(s.sections[i]!.section), num(sec.section)))
      .map((sec) => `${s.name} ${sec.section}`),
  );
  expect(unordered).toEqual([]);
});

// The clause matrix (docs/coverage.md) and the OIDF module map (docs/oidf-modules.md) are current and claim only what
// a reference defect proves: every check they name exists, every checked requirement and every covered module names
// the defects that break it, and the generator refuses one that does not, one line per claim.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { ALL_CHECKS, ALL_CHECK_IDS } from '../checks/catalogue/index.ts';
import { REQUIREMENTS, STANDARDS, namedCheckIds } from '../checks/requirements/index.ts';
import { COVERAGE_FILE, coverageStats, renderCoverage } from '../checks/requirements/render.ts';
import { matrixProblems, proofOf, type DefectCatalogue } from '../checks/requirements/proof.ts';
import { isChecked, type LocatedRequirement } from '../checks/requirements/types.ts';
import { MODULES, SUITE, type OidfModule } from '../checks/oidf/modules.ts';
import { PLAN_NAMES, planCheckIds } from '../checks/oidf/plans.ts';
import { MODULES_FILE, moduleProblems, renderModules, statusOf } from '../checks/oidf/render.ts';
import { DEFECTS } from '../targets/reference/defects.ts';

const root = join(import.meta.dirname, '..');

/** The catalogue without the defects that catch these checks. */
const without = (ids: readonly string[]): DefectCatalogue =>
  Object.fromEntries(Object.entries(DEFECTS).filter(([, d]) => !ids.includes(d.catches)));

test.describe('the clause matrix', () => {
  test('docs/coverage.md is what npm run coverage writes', () => {
    const committed = readFileSync(join(root, COVERAGE_FILE), 'utf8');
    expect(committed === renderCoverage(DEFECTS), `${COVERAGE_FILE} is out of date: run npm run coverage`).toBe(true);
  });

  test('rendering is deterministic', () => {
    expect(renderCoverage(DEFECTS)).toBe(renderCoverage(DEFECTS));
  });

  test('every checked requirement names the reference defects that prove it, and each catches one of its checks', () => {
    expect(matrixProblems(DEFECTS)).toEqual([]);
    const { total } = coverageStats(DEFECTS);
    expect(total.must.proved).toBe(total.must.checked);
    expect(total.should.proved).toBe(total.should.checked);
  });

  test('the generator refuses a checked requirement whose checks no defect catches: one line naming it', () => {
    const row = REQUIREMENTS.find((r) => isChecked(r) && !r.defects)!;
    const lines = matrixProblems(without(row.checks!));
    const about = lines.filter((l) => l.includes(`"${row.text}"`));
    expect(about.length).toBeGreaterThanOrEqual(1);
    expect(about[0]).toContain('no reference defect proves it');
    // and bin/coverage.ts exits non-zero with one line per such row (here: the committed data, which it accepts)
    const run = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'bin/coverage.ts'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr + run.stdout).toBe(0);
  });

  test('a row that names its defect is refused when the defect is unknown or catches none of its checks', () => {
    const row: LocatedRequirement = {
      level: 'MUST',
      text: 'a MUST of a test',
      checks: ['TOKEN-CODE-FLOW'],
      defects: ['tokens.code-reuse-accepted', 'no.such-defect'],
      standard: 'Test',
      section: '§1',
      url: 'https://example.test',
    };
    expect(matrixProblems(DEFECTS, [row])).toEqual([
      'Test §1 MUST "a MUST of a test": names the defect tokens.code-reuse-accepted, which TOKEN-CODE-REUSE catches, not one of its checks',
      'Test §1 MUST "a MUST of a test": names the defect no.such-defect, which is not in the defect catalogue',
    ]);
    // the named defects are the proof, not every defect of its checks
    expect(proofOf({ ...row, defects: ['tokens.pkce-hex-digest'] }, DEFECTS)).toEqual(['tokens.pkce-hex-digest']);
  });

  test('a row about one request of its checks is proved only by the defects on that request', () => {
    const row: LocatedRequirement = {
      level: 'MUST',
      text: 'a MUST of a test',
      checks: ['REG-AUTH-MISSING'],
      request: 'PUT /oauth2/register/{id}',
      standard: 'Test',
      section: '§1',
      url: 'https://example.test',
    };
    expect(proofOf(row, DEFECTS)).toEqual(['registration.auth-missing-put']);
    const noPut = Object.fromEntries(Object.entries(DEFECTS).filter(([id]) => id !== 'registration.auth-missing-put'));
    expect(matrixProblems(noPut, [row])).toEqual([
      'Test §1 MUST "a MUST of a test": no reference defect proves it (REG-AUTH-MISSING catch none): name one, or say why nothing judges it',
    ]);
  });

  test('the rows the issues named claim only what their defects break', () => {
    const row = (text: RegExp) => REQUIREMENTS.find((r) => text.test(r.text))!;
    // RFC 7636 §4.6: a wrong verifier, not the flow that always sends the right one
    expect(row(/code_verifier that does not match/).checks).toContain('TOKEN-PKCE-WRONG-VERIFIER');
    expect(row(/MUST verify code_verifier/).checks).not.toEqual(['TOKEN-CODE-FLOW']);
    // RFC 7591 §3.2.1: a check that fails an omitted member
    const all = REQUIREMENTS.filter((r) => /return all registered metadata/.test(r.text));
    expect(all.length).toBeGreaterThan(0);
    for (const r of all) expect(r.checks).toContain('REG-CREATE-METADATA-RETURNED');
    // RFC 6750 §3.1: every check of the invalid_token row is proved by a defect that names another error code or accepts
    const codes = row(/invalid_token, and is refused/);
    expect(proofOf(codes as never, DEFECTS).some((d) => DEFECTS[d]!.finding?.startsWith('error:'))).toBe(true);
  });

  test('every check id the matrix names is in the catalogue', () => {
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
    const doc = renderCoverage(DEFECTS);
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
});

test.describe('the OIDF module map', () => {
  test('docs/oidf-modules.md is what npm run coverage writes', () => {
    const committed = readFileSync(join(root, MODULES_FILE), 'utf8');
    expect(committed === renderModules(DEFECTS), `${MODULES_FILE} is out of date: run npm run coverage`).toBe(true);
  });

  test("every plan lists as many modules as the suite's plan does", () => {
    const sizes = Object.fromEntries(PLAN_NAMES.map((p) => [p, Object.values(MODULES).filter((m) => m.plans.includes(p)).length]));
    expect(sizes).toEqual(SUITE.planSizes);
  });

  test('every covered module names checks that a reference defect proves; every other one says why', () => {
    expect(moduleProblems(DEFECTS)).toEqual([]);
    for (const [name, m] of Object.entries(MODULES))
      if (statusOf(m) !== 'covered') expect(m.reason ?? '', `${name} is not covered and says nothing`).not.toBe('');
  });

  test('a module is refused when a check it names has no defect, on the requests it names', () => {
    const m: OidfModule = {
      plans: ['basic'],
      judges: 'a test module',
      checks: ['REG-AUTH-MISSING'],
      requests: { 'REG-AUTH-MISSING': ['PUT /oauth2/register/{id}'] },
    };
    expect(moduleProblems(DEFECTS, { 'test-module': m })).toEqual([]);
    const noPut = Object.fromEntries(Object.entries(DEFECTS).filter(([id]) => id !== 'registration.auth-missing-put'));
    expect(moduleProblems(noPut, { 'test-module': m })).toEqual([
      'OIDF module test-module: REG-AUTH-MISSING (PUT /oauth2/register/{id}) is proved by no reference defect that breaks what the module tests',
    ]);
    expect(moduleProblems(DEFECTS, { 'test-module': { ...m, requests: { 'REG-AUTH-MISSING': ['PATCH /nowhere'] } } })).toContain(
      'OIDF module test-module: REG-AUTH-MISSING does not judge PATCH /nowhere',
    );
    expect(moduleProblems(DEFECTS, { 'test-module': { ...m, checks: [] } })).toEqual([
      'OIDF module test-module: names no check and gives no reason',
    ]);
  });

  test("each plan's check set is the checks of its modules, and none is empty", () => {
    for (const plan of PLAN_NAMES) {
      const ids = planCheckIds(plan);
      expect(ids.size, plan).toBeGreaterThan(0);
      const expected = new Set(Object.values(MODULES).flatMap((m) => (m.plans.includes(plan) ? m.checks : [])));
      expect([...ids].sort()).toEqual([...expected].sort());
    }
  });
});

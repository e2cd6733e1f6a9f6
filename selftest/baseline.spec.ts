// Baselines and the gate, as units. A known deviation matches only a violation with the same finding; an entry without
// a finding is a load error; the gate fails closed: a MUST/ORY check that did not run and nothing excuses fails it, a
// warning never explains a block, a partial or interrupted run is not decided, and the lenient mode says so.
import { test, expect } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckRecord } from '../checks/catalogue/types.ts';
import { applyBaseline, loadBaseline, type Baseline } from '../harness/run/baseline.ts';
import { decide, gateLine, WHOLE_PROFILE, type RunScope } from '../harness/run/gate.ts';

const record = (over: Partial<CheckRecord>): CheckRecord => ({
  id: 'REG-AUTH-WWW-AUTHENTICATE',
  operation: 'getOidcDynamicClient',
  request: 'GET /oauth2/register/{id}',
  severity: 'MUST',
  status: 'passed',
  specRef: 'RFC 6750 §3',
  specUrl: 'https://www.rfc-editor.org/rfc/rfc6750#section-3',
  rule: 'r',
  message: '',
  ...over,
});

const known = (over: Partial<Baseline['deviations'] extends Map<string, infer D> ? D : never> = {}): Baseline => {
  const d = {
    id: 'REG-AUTH-WWW-AUTHENTICATE',
    request: 'GET /oauth2/register/{id}',
    finding: 'challenge-missing',
    reason: 'no header',
    clause: 'RFC 6750 §3',
    ...over,
  };
  return { deviations: new Map([[`${d.id} ${d.request}`, d]]), excused: new Map() };
};

const FULL: RunScope = { complete: true, interrupted: false, narrowedBy: [], judges: WHOLE_PROFILE };
const gate = (checks: CheckRecord[], over: Partial<Parameters<typeof decide>[1]> = {}) =>
  decide(checks, { lenient: false, scope: FULL, ...over });

test('a known deviation with its finding is known; with another finding it is new and fails', () => {
  const failed = record({ status: 'failed', cause: 'violation', finding: 'challenge-missing' });
  expect(applyBaseline(failed, known()).status).toBe('known');
  const other = applyBaseline({ ...failed, finding: 'challenge-not-bearer' }, known());
  expect(other.status).toBe('failed');
  expect(other.message).toContain('this finding (challenge-not-bearer) is new');
});

test('a baselined check that now times out or crashes is a failure, never known', () => {
  for (const cause of ['no-answer', 'harness'] as const) {
    const now = applyBaseline(record({ status: 'failed', cause, message: 'no answer within 10000 ms' }), known());
    expect(now.status).toBe('failed');
    expect(now.message).toContain(`this is not one (${cause})`);
  }
});

test('a baseline entry without its finding is refused when the baseline loads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baseline-'));
  const file = join(dir, 'b.json');
  writeFileSync(file, JSON.stringify({ deviations: [{ id: 'A', request: 'GET /a', reason: 'r', clause: 'c' }] }));
  expect(() => loadBaseline(file)).toThrow(/needs "id", "request", "finding"/);
  writeFileSync(file, JSON.stringify({ deviations: [], excused: [{ id: 'A', request: 'GET /a', reason: 'REVIEW: not yet' }] }));
  expect(() => loadBaseline(file)).toThrow(/reviewed "reason"/);
});

test('a deviation known on GET does not hide the same check failing on DELETE', () => {
  const onDelete = record({
    request: 'DELETE /oauth2/register/{id}',
    operation: 'deleteOidcDynamicClient',
    status: 'failed',
    cause: 'violation',
    finding: 'challenge-missing',
  });
  expect(applyBaseline(onDelete, known()).status).toBe('failed');
});

test('a known deviation that passes now is fixed', () => {
  expect(applyBaseline(record({ status: 'passed' }), known()).status).toBe('fixed');
});

test("a skipped check the baseline excuses is excused with the baseline's reviewed reason", () => {
  const b: Baseline = { deviations: new Map(), excused: new Map([['A GET /a', { id: 'A', request: 'GET /a', reason: 'ttl too long' }]]) };
  const r = applyBaseline(record({ id: 'A', request: 'GET /a', status: 'skipped', skip: 'no-evidence', message: 'x' }), b);
  expect(r.status).toBe('excused');
  expect(r.excuse).toEqual({ kind: 'baseline', reason: 'ttl too long' });
  expect(gate([r]).passed).toBe(true);
});

test('a check of the ran-set that is now skipped, blocked or (in a complete run) absent fails the gate', () => {
  const ran = new Set(['A GET /a', 'B GET /b', 'C GET /c', 'D GET /d']);
  const checks = [
    record({ id: 'A', request: 'GET /a', status: 'passed' }),
    record({ id: 'B', request: 'GET /b', status: 'skipped', message: 'no way to sign a user in' }),
    record({ id: 'C', request: 'GET /c', status: 'blocked', blockedBy: ['A'], message: 'x' }),
  ];
  const complete = gate(checks, { baseline: { ran } });
  expect(complete.verdict).toBe('failed');
  expect(complete.notRun.map((n) => n.check).sort()).toEqual(['B GET /b', 'C GET /c', 'D GET /d']);
});

test('a narrowed run is not decided, even with a baseline, unless the narrowing is declared the gate', () => {
  const ran = new Set(['A GET /a', 'D GET /d']);
  const narrowed: RunScope = { complete: false, interrupted: false, narrowedBy: ['OIDC_SUITES=discovery'], judges: WHOLE_PROFILE };
  const g = gate([record({ id: 'A', request: 'GET /a' })], { baseline: { ran }, scope: narrowed });
  expect(g.verdict).toBe('not-decided');
  expect(g.passed).toBe(false);
  expect(gateLine(g)).toMatch(/^GATE: NOT DECIDED — partial run \(OIDC_SUITES=discovery\)/);
  const declared = gate([record({ id: 'A', request: 'GET /a' })], { scope: { ...FULL, judges: 'the declared selection (-g A)' } });
  expect(gateLine(declared)).toBe('GATE: PASSED [judged on the declared selection (-g A)]');
});

test('an interrupted run is never passed; a failure found before the interruption still fails it', () => {
  const cut: RunScope = { ...FULL, interrupted: true };
  expect(gate([record({})], { scope: cut }).verdict).toBe('not-decided');
  expect(gate([record({ status: 'failed', cause: 'violation', finding: 'status:500' })], { scope: cut }).verdict).toBe('failed');
});

test('a blocked check is explained only by a failed or known root, never by a warning', () => {
  const blocked = record({ id: 'UI-SCHEMA', status: 'blocked', blockedBy: ['DISC-USERINFO-ENDPOINT'] });
  const root = (status: CheckRecord['status']) => record({ id: 'DISC-USERINFO-ENDPOINT', severity: 'SHOULD', status, cause: 'violation' });
  expect(gate([root('passed'), blocked]).verdict).toBe('failed');
  const byWarning = gate([root('warning'), blocked]);
  expect(byWarning.verdict).toBe('failed');
  expect(byWarning.reasons.join()).toContain('UI-SCHEMA (blocked by DISC-USERINFO-ENDPOINT)');
  expect(gate([root('failed'), blocked]).reasons).toEqual(['1 check(s) failed']);
  expect(gate([root('known'), blocked]).passed).toBe(true);
});

test('a MUST or ORY check that did not run fails the gate with its reason; excused checks, SHOULDs and profile skips do not', () => {
  const checks = [
    record({ status: 'passed' }),
    record({ id: 'X', status: 'skipped', skip: 'no-evidence', message: 'no browser: set CHROMIUM_PATH' }),
    record({ id: 'O', severity: 'ORY', status: 'skipped', skip: 'no-evidence', message: 'no admin URL: set OIDC_ADMIN_URL' }),
    record({ id: 'Y', status: 'skipped', skip: 'profile' }),
    record({ id: 'S', severity: 'SHOULD', status: 'skipped', skip: 'no-evidence' }),
    record({ id: 'E', status: 'excused', excuse: { kind: 'not-offered', member: 'discovery x', reason: 'not advertised' } }),
  ];
  const g = gate(checks);
  expect(g.verdict).toBe('failed');
  expect(g.notReached.map((n) => [n.check, n.reason])).toEqual([
    ['X GET /oauth2/register/{id}', 'no browser: set CHROMIUM_PATH'],
    ['O GET /oauth2/register/{id}', 'no admin URL: set OIDC_ADMIN_URL'],
  ]);
  expect(g.must).toEqual({ ran: 1, excused: 1, total: 4 });
  const lenient = gate(checks, { lenient: true });
  expect(lenient.passed).toBe(true);
  expect(gateLine(lenient)).toContain('lenient: OIDC_GATE=lenient');
});

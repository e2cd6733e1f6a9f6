// Baselines and the gate: a known deviation is keyed by check id, request and finding; a check of the
// baseline's ran-set that no longer runs fails a gated run; blocked checks fail the run unless a failing
// check explains them; OIDC_FAIL_ON_MUST_SKIP fails on any skipped MUST check.
import { test, expect } from '@playwright/test';
import type { CheckRecord } from '../checks/catalogue/types.ts';
import { applyBaseline, type Baseline } from '../harness/run/baseline.ts';
import { decide } from '../harness/run/gate.ts';

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
  return { deviations: new Map([[`${d.id} ${d.request}`, d]]) };
};

test('a known deviation with its finding is known; with another finding it is new and fails', () => {
  const failed = record({ status: 'failed', cause: 'violation', finding: 'challenge-missing' });
  expect(applyBaseline(failed, known()).status).toBe('known');
  const other = applyBaseline({ ...failed, finding: 'challenge-not-bearer' }, known());
  expect(other.status).toBe('failed');
  expect(other.message).toContain('this finding (challenge-not-bearer) is new');
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

test('a check of the ran-set that is now skipped, blocked or (in a complete run) absent fails the gate', () => {
  const ran = new Set(['A GET /a', 'B GET /b', 'C GET /c', 'D GET /d']);
  const checks = [
    record({ id: 'A', request: 'GET /a', status: 'passed' }),
    record({ id: 'B', request: 'GET /b', status: 'skipped', message: 'no way to sign a user in' }),
    record({ id: 'C', request: 'GET /c', status: 'blocked', blockedBy: ['A'], message: 'x' }),
  ];
  const complete = decide(checks, { baseline: { ran }, failOnMustSkip: false, complete: true });
  expect(complete.passed).toBe(false);
  expect(complete.notRun.map((n) => n.check).sort()).toEqual(['B GET /b', 'C GET /c', 'D GET /d']);
  // A narrowed run (-g, a shard) cannot tell an absent check from one it did not select.
  expect(decide(checks, { baseline: { ran }, failOnMustSkip: false, complete: false }).notRun.map((n) => n.check)).not.toContain(
    'D GET /d',
  );
});

test('a blocked check fails the run unless a check that judges its precondition failed', () => {
  const blocked = record({ id: 'UI-SCHEMA', status: 'blocked', blockedBy: ['UI-GET-BEARER'] });
  expect(decide([record({ id: 'UI-GET-BEARER', status: 'passed' }), blocked], { failOnMustSkip: false, complete: true }).passed).toBe(
    false,
  );
  const explained = decide([record({ id: 'UI-GET-BEARER', status: 'failed', cause: 'violation' }), blocked], {
    failOnMustSkip: false,
    complete: true,
  });
  expect(explained.reasons).toEqual(['1 check(s) failed']);
});

test('OIDC_FAIL_ON_MUST_SKIP fails the run on a skipped MUST check, not on one outside the profile', () => {
  const checks = [
    record({ status: 'passed' }),
    record({ id: 'X', status: 'skipped', message: 'no browser' }),
    record({ id: 'Y', status: 'skipped', skip: 'profile' }),
  ];
  expect(decide(checks, { failOnMustSkip: false, complete: true }).passed).toBe(true);
  const gated = decide(checks, { failOnMustSkip: true, complete: true });
  expect(gated.passed).toBe(false);
  expect(gated.must).toEqual({ ran: 1, total: 2 });
});

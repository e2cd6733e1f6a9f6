// The registration suites as a user sees them beyond the clean ory run: registration switched off fails Ory's gate
// (its contract offers registration), advertised but not served fails REG-CREATE-ENABLED alone, the standards profile
// excuses a provider that does not offer it, and judges by RFC 7592; and the rules of the registration checks that
// no single reference defect can show (a check that observed nothing must not pass).
import { test, expect } from '@playwright/test';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import { secretIssuedProblem } from '../checks/rules/client-metadata.ts';
import type { CheckRecord } from '../checks/catalogue/types.ts';

/** The suites that need a registered client, and discovery, which judges what the provider declares. */
const SUITES = ['discovery', 'registration', 'redirect', 'token-endpoint-auth'];
/** The narrowed run is the gate these tests judge (a narrowed run is otherwise not decided). */
const AS_GATE = { OIDC_GATE_ON_SELECTION: '1' };

const needsRegistration = (c: CheckRecord) => c.id.startsWith('REG-') && !c.docs && c.skip !== 'profile';
const line = (c: CheckRecord) => `${c.id} ${c.request} ${c.status}: ${c.message}`;

test('registration off and not advertised: the ory gate fails on DISC-ORY-OPERATIONS, every check that needs a client is blocked by it', async () => {
  const run = await runConformance({ suites: SUITES, env: { OIDC_REFERENCE_REGISTRATION: 'off', ...AS_GATE } });
  const checks = run.summary?.checks ?? [];
  expect(checks.length, run.output.slice(-2000)).toBeGreaterThan(80);
  const ory = checks.filter((c) => c.id === 'DISC-ORY-OPERATIONS');
  expect(ory.map((c) => [c.status, c.finding])).toEqual([['failed', 'not-advertised:registration_endpoint']]);
  const gated = checks.filter(needsRegistration);
  expect(gated.length).toBeGreaterThan(60);
  expect(gated.filter((c) => c.status !== 'blocked' || c.blockedBy?.join() !== 'DISC-ORY-OPERATIONS').map(line)).toEqual([]);
  expect(run.summary?.gate.passed).toBe(false);
  expect(run.output).toContain('GATE: FAILED');
  expect(run.code).toBe(1);
});

test('registration advertised but answering 404 (Hydra with dynamic registration off): REG-CREATE-ENABLED fails, every other registration check is blocked by it', async () => {
  const run = await runConformance({ suites: SUITES, defects: ['discovery.registration-advertised-but-off'], env: AS_GATE });
  const checks = run.summary?.checks ?? [];
  expect(checks.length, run.output.slice(-2000)).toBeGreaterThan(80);
  const create = checks.filter((c) => c.id === 'REG-CREATE-ENABLED');
  expect(create.map((c) => [c.status, c.cause, c.finding])).toEqual([['failed', 'violation', 'advertised-not-served:404']]);
  const others = checks.filter((c) => needsRegistration(c) && c.id !== 'REG-CREATE-ENABLED');
  expect(others.filter((c) => c.status !== 'blocked' || c.blockedBy?.join() !== 'REG-CREATE-ENABLED').map(line)).toEqual([]);
  // Discovery's own rule sees the same contradiction from its side.
  expect(checks.filter((c) => c.id === 'DISC-REGISTRATION-CONSISTENT').map((c) => c.status)).toEqual(['failed']);
  expect(run.code).toBe(1);
});

test('standards profile without registration: the provider declares it does not offer it, every check that needs a client is excused', async () => {
  const run = await runConformance({
    suites: SUITES,
    env: { OIDC_REFERENCE_REGISTRATION: 'off', OIDC_PROFILE: 'standards', ...AS_GATE },
  });
  const checks = run.summary?.checks ?? [];
  expect(checks.length, run.output.slice(-2000)).toBeGreaterThan(60);
  expect(
    checks
      .filter(needsRegistration)
      .filter((c) => c.status !== 'excused' || c.excuse?.member !== 'discovery registration_endpoint')
      .map(line),
  ).toEqual([]);
});

test("standards profile: RFC 7592 members are required; Ory's one-time rules and the docs drift are outside the profile", async () => {
  const run = await runConformance({ suites: ['registration'], env: { OIDC_PROFILE: 'standards' } });
  const byId = (id: string) => (run.summary?.checks ?? []).filter((c) => c.id === id);
  // The reference follows Hydra, whose read lacks both members and whose replace lacks registration_client_uri: true findings.
  for (const [id, finding] of [
    ['REG-READ-RFC7592-MEMBERS', 'missing:registration_access_token,registration_client_uri'],
    ['REG-UPDATE-RFC7592-MEMBERS', 'missing:registration_client_uri'],
  ])
    expect(
      byId(id!).map((c) => [c.status, c.finding]),
      run.output.slice(-2000),
    ).toEqual([['failed', finding]]);
  for (const id of [
    'REG-READ-NO-SECRET',
    'REG-READ-NO-RAT',
    'REG-UPDATE-NO-SECRET',
    'REG-AUTH-DOCS-BASIC',
    'REG-AUTH-DOCS-POST',
    'REG-CREATE-ECHO',
  ])
    expect(
      byId(id).map((c) => [c.status, c.skip]),
      id,
    ).toEqual([['skipped', 'profile']]);
  const unexpected = (run.summary?.checks ?? []).filter((c) => c.status === 'failed' && !c.id.endsWith('RFC7592-MEMBERS'));
  expect(unexpected.map((c) => `${c.id}: ${c.message}`)).toEqual([]);
});

test('REG-CREATE-SECRET-ISSUED has no evidence when no registration came back registered for a secret method: it fails, it does not pass', () => {
  // What the old loop let through: every client registered for another method than the secret one asked.
  const replaced = [
    { asked: 'client_secret_basic', registered: 'private_key_jwt', secret: false },
    { asked: 'client_secret_post', registered: 'none', secret: false },
  ];
  expect(secretIssuedProblem(replaced)?.finding).toBe('no-secret-method-registered');
  expect(secretIssuedProblem([])?.finding).toBe('no-secret-method-registered');
  // One client registered for a secret method with its secret is evidence; one without it is the finding.
  expect(
    secretIssuedProblem([...replaced, { asked: 'client_secret_basic', registered: 'client_secret_basic', secret: true }]),
  ).toBeUndefined();
  expect(secretIssuedProblem([{ asked: 'client_secret_post', registered: 'client_secret_basic', secret: false }])?.finding).toBe(
    'no-secret:client_secret_basic',
  );
});

// The logout suite's own machinery: the receiver keeps each relying party's requests apart,
// remembers what it receives as secrets, waits a bounded time and says when the provider probably
// cannot reach it; and in the clean run, every logout done in the browser carries its trace and
// screenshots.
import { test, expect } from '@playwright/test';
import { createServer } from 'node:net';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { ReceiverServer } from '../fixtures/receiver.ts';
import { readSettings } from '../harness/config/settings.ts';
import { knownSecrets } from '../harness/secrets/vault.ts';
import { CLEAN_RUN_DIR } from './support/clean-run.ts';
import { mustNameSession } from '../scenarios/logout-challenge.ts';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import { Precondition, Violation } from '../checks/rules/verdict.ts';

const settings = (env: Record<string, string> = {}) => readSettings({ OIDC_BASE_URL: 'http://127.0.0.1:4444', ...env });

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test('the receiver records each relying party apart, answers a back-channel POST with 200 no-store, and remembers the logout token', async () => {
  const server = await ReceiverServer.start(settings(), 0);
  try {
    const [a, b] = [server.endpoints(), server.endpoints()];
    expect(a.backchannel).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rp\/[\w-]+\/backchannel$/);
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzaWQiOiJzZWxmdGVzdCJ9.c2VsZnRlc3Qtc2lnbmF0dXJl';
    const res = await request(a.backchannel, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `logout_token=${token}`,
    });
    await res.body.dump();
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const got = await server.waitFor((r) => r.nonce === a.nonce && r.kind === 'backchannel', 1000);
    expect(got?.form.get('logout_token')).toBe(token);
    expect(knownSecrets().map(([v]) => v)).toContain(token);
    expect(server.requests((r) => r.nonce === b.nonce)).toEqual([]);
    const started = Date.now();
    expect(await server.waitFor((r) => r.nonce === b.nonce, 300)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
  } finally {
    await server.close();
  }
});

test('a target off loopback without OIDC_CALLBACK_BASE_URL gets a reason why it may not reach the receiver', async () => {
  const remote = await ReceiverServer.start(settings({ OIDC_BASE_URL: 'https://auth.example.com' }), 0);
  const local = await ReceiverServer.start(settings(), 0);
  try {
    expect(remote.reachability).toContain('OIDC_CALLBACK_BASE_URL is unset');
    expect(local.reachability).toBeUndefined();
  } finally {
    await Promise.all([remote.close(), local.close()]);
  }
});

test('with OIDC_CALLBACK_BASE_URL, worker N listens at that port plus N and gives the provider that address', async () => {
  const port = await freePort();
  const server = await ReceiverServer.start(settings({ OIDC_CALLBACK_BASE_URL: `http://127.0.0.1:${port - 1}` }), 1);
  try {
    expect(server.baseUrl).toBe(`http://127.0.0.1:${port}`);
    expect(server.reachability).toBeUndefined();
    const rp = server.endpoints();
    const res = await request(`${rp.frontchannel}?iss=x&sid=y`);
    await res.body.dump();
    expect(res.statusCode).toBe(200);
    expect((await server.waitFor((r) => r.nonce === rp.nonce, 1000))?.query.get('sid')).toBe('y');
  } finally {
    await server.close();
  }
});

test('in the clean run, every logout done in the browser carries its trace and a screenshot', () => {
  const dir = join(CLEAN_RUN_DIR, 'allure-results');
  test.skip(!existsSync(dir), 'no clean run (SELFTEST_NO_CLEAN_RUN=1)');
  const results = readdirSync(dir)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  type Step = { name: string; steps?: Step[]; attachments?: Array<{ type: string }> };
  const flat = (steps: Step[] = []): Step[] => steps.flatMap((s) => [s, ...flat(s.steps)]);
  const inBrowser = results.filter((r) => flat(r.steps).some((s) => s.name.startsWith('browser: log out')));
  // RP_POST, and at least once each the shared RP-initiated and front-channel logouts (once per worker that runs them).
  expect(inBrowser.length, 'logout checks that ran in the browser').toBeGreaterThanOrEqual(3);
  for (const r of inBrowser) {
    const attachments = [...(r.attachments ?? []), ...flat(r.steps).flatMap((s) => s.attachments ?? [])];
    expect(
      attachments.some((a) => a.type === 'application/zip'),
      `${r.name}: trace`,
    ).toBe(true);
    expect(
      attachments.some((a) => a.type === 'image/png'),
      `${r.name}: screenshot`,
    ).toBe(true);
  }
});

test('LOGOUT-ORY-CHALLENGE compares the session only when the ID token names one: two absent sids prove nothing', () => {
  const thrown = (f: () => void): unknown => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return undefined;
  };
  // The old comparison passed here (undefined === undefined): now the token check that judges the missing sid blocks it.
  const noSid = thrown(() => mustNameSession({}, { sub: 'user' }));
  expect(noSid).toBeInstanceOf(Precondition);
  expect((noSid as Precondition).blockedBy).toEqual(['TOKEN-ID-SID']);
  expect((thrown(() => mustNameSession({ sid: 's1' }, { sid: 's1' })) as Precondition).blockedBy).toEqual(['TOKEN-ID-CLAIMS']);
  expect(thrown(() => mustNameSession({ sid: 's1', subject: 'user' }, { sid: 's1', sub: 'user' }))).toBeUndefined();
  const findings = [
    thrown(() => mustNameSession({ subject: 'user' }, { sid: 's1', sub: 'user' })),
    thrown(() => mustNameSession({ sid: 's2', subject: 'user' }, { sid: 's1', sub: 'user' })),
    thrown(() => mustNameSession({ sid: 's1', subject: 'other' }, { sid: 's1', sub: 'user' })),
  ].map((e) => (e as Violation).finding);
  expect(findings).toEqual(['missing:sid', 'mismatch:sid', 'mismatch:subject']);
});

test("a state without id_token_hint: the standards profile judges the standard's reading (LOGOUT-ONLY-STATE fails on the reference, which follows Ory's contract), the ory profile Ory's (LOGOUT-ORY-STATE-WITHOUT-HINT passes)", async () => {
  // No one defect can show LOGOUT-ONLY-STATE able to fail (the defect batch runs the ory profile): the clean reference does.
  const only = (profile: string) =>
    runConformance({
      suites: ['logout-params', 'logout-refusals'],
      args: ['-g', 'LOGOUT-(ONLY-STATE|ORY-STATE-WITHOUT-HINT)'],
      env: { OIDC_PROFILE: profile, OIDC_GATE_ON_SELECTION: '1' },
    });
  const [standards, ory] = await Promise.all([only('standards'), only('ory')]);
  const verdicts = (r: Awaited<ReturnType<typeof only>>) =>
    Object.fromEntries((r.summary?.checks ?? []).map((c) => [c.id, `${c.status}${c.finding ? ` ${c.finding}` : ''}`]));
  expect(verdicts(standards), standards.output.slice(-2000)).toMatchObject({
    'LOGOUT-ONLY-STATE': 'failed error:invalid_request',
    'LOGOUT-ORY-STATE-WITHOUT-HINT': 'skipped',
  });
  expect(verdicts(ory), ory.output.slice(-2000)).toMatchObject({
    'LOGOUT-ONLY-STATE': 'skipped',
    'LOGOUT-ORY-STATE-WITHOUT-HINT': 'passed',
  });
});

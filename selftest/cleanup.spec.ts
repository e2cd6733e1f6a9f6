// The registration suites leave nothing behind on the target: after a full run, and after a run that
// is interrupted (SIGINT) half-way, the reference target's admin API lists no client; the key rotation deletes the
// signing key it created, so the target signs with its own key again.
import { test, expect } from '@playwright/test';
import { startReference, type ReferenceTarget } from '../targets/reference/server.ts';
import { runConformance } from '../harness/run/spawn-conformance.ts';

async function clientsOn(ref: ReferenceTarget): Promise<string[]> {
  const res = await fetch(`${ref.adminUrl}/admin/clients`);
  expect(res.status).toBe(200);
  return ((await res.json()) as Array<{ client_id: string }>).map((c) => c.client_id);
}

test.describe('cleanup', () => {
  let ref: ReferenceTarget;
  test.beforeEach(async () => {
    ref = await startReference();
  });
  test.afterEach(async () => {
    await ref.close();
  });

  const env = () => ({ OIDC_BASE_URL: ref.issuer, OIDC_ADMIN_URL: ref.adminUrl });

  test('after a full run of the registration suites the target holds no client', async () => {
    const run = await runConformance({ env: env(), suites: ['registration', 'token-endpoint-auth'] });
    expect(run.summary?.totals.passed, run.output.slice(-2000)).toBeGreaterThan(50);
    expect(await clientsOn(ref)).toEqual([]);
  });

  test('the clients of sign-ins several checks share are deleted by their worker when it ends, not left to the sweep', async () => {
    const run = await runConformance({ env: { ...env(), OIDC_WORKERS: '1' }, suites: ['userinfo', 'credentials'] });
    expect(run.summary?.totals.failed, run.output.slice(-2000)).toBe(0);
    expect(run.summary?.totals.passed).toBeGreaterThan(40);
    expect(await clientsOn(ref)).toEqual([]);
    const cleanup = (run.summary as unknown as { cleanup?: { deleted: number; left: unknown[] } }).cleanup;
    expect(cleanup, 'what the sweep found').toMatchObject({ deleted: 0, left: [] });
    // One worker: a plain sign-in, one with signed userinfo and one with the credential scope serve their checks.
    const shared = run.summary!.checks.filter((c) => (c as { scenarios?: string[] }).scenarios?.some((s) => s.includes('sign-in')));
    expect(shared.length).toBeGreaterThan(30);
  });

  test('after a run interrupted with SIGINT the target holds no client', async () => {
    let interruptedWith: string[] = [];
    const run = await runConformance({
      env: env(),
      suites: ['registration', 'token-endpoint-auth'],
      onStart: (child) => {
        // Once the checks run (~3 s in on an idle machine), interrupt at a moment when the run has clients on
        // the target: they live for milliseconds, so poll closely.
        let poll: NodeJS.Timeout | undefined;
        child.stdout?.on('data', (d: Buffer) => {
          if (poll || !/running \d+ checks/.test(String(d))) return;
          poll = setInterval(
            () =>
              void (async () => {
                const live = await clientsOn(ref).catch(() => []);
                if (!live.length || interruptedWith.length) return; // one SIGINT only: a second one makes Playwright force-quit
                clearInterval(poll);
                interruptedWith = live;
                child.kill('SIGINT');
              })(),
            20,
          );
        });
        child.on('exit', () => clearInterval(poll));
      },
      timeoutMs: 600_000,
    });
    expect(interruptedWith.length, 'the run had created clients when it was interrupted').toBeGreaterThan(0);
    expect(run.output).toContain('SIGINT');
    expect(await clientsOn(ref), run.output.slice(-2000)).toEqual([]);
  });

  test('the key rotation deletes the key it created: the target publishes and signs with its own key again', async () => {
    const kids = async () =>
      ((await (await fetch(`${ref.publicUrl}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);
    const before = await kids();
    const run = await runConformance({ env: env(), suites: ['token-keys'] });
    const rotation = run.summary?.checks.find((c) => c.id === 'TOKEN-KEYS-ROTATION');
    expect(rotation?.status, run.output.slice(-2000)).toBe('passed');
    expect(await kids()).toEqual(before);
  });
});

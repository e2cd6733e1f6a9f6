// The registration suites leave nothing behind on the target: after a full run, and after a run that
// is interrupted (SIGINT) half-way, the reference target's admin API lists no client.
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
  test.beforeEach(async () => { ref = await startReference(); });
  test.afterEach(async () => { await ref.close(); });

  const env = () => ({ OIDC_BASE_URL: ref.issuer, OIDC_ADMIN_URL: ref.adminUrl });

  test('after a full run of the registration suites the target holds no client', async () => {
    const run = await runConformance({ env: env(), suites: ['registration', 'token-endpoint-auth'] });
    expect(run.summary?.totals.passed, run.output.slice(-2000)).toBeGreaterThan(50);
    expect(await clientsOn(ref)).toEqual([]);
  });

  test('after a run interrupted with SIGINT the target holds no client', async () => {
    let interruptedWith: string[] = [];
    const run = await runConformance({
      env: env(), suites: ['registration', 'token-endpoint-auth'],
      onStart: (child) => {
        // Interrupt about 3 s in, at a moment when the run has clients on the target (they live for milliseconds).
        const started = Date.now();
        const poll = setInterval(async () => {
          if (Date.now() - started < 3000) return;
          const live = await clientsOn(ref).catch(() => []);
          if (live.length > 0 || Date.now() - started > 30_000) {
            clearInterval(poll);
            interruptedWith = live;
            child.kill('SIGINT');
          }
        }, 20);
      },
    });
    expect(interruptedWith.length, 'the run had created clients when it was interrupted').toBeGreaterThan(0);
    expect(run.output).toContain('SIGINT');
    expect(await clientsOn(ref), run.output.slice(-2000)).toEqual([]);
  });
});

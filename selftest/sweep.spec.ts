// The sweep after a run, against real oidc-provider: a client whose registration access token the provider revoked
// (it does so when the token is presented for another client) cannot be deleted by RFC 7592. The sweep says so for
// that client, with the provider's answer and what to do, and counts it; the test deployment's storage deletes it.
import { test, expect } from '@playwright/test';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOidcProvider, type OidcProviderTarget } from '../targets/oidc-provider/server.ts';
import { readSettings } from '../harness/config/settings.ts';
import { deploymentCleanup, recordSweep, sweep, sweepLines } from '../harness/run/sweep.ts';

interface Registered {
  client_id: string;
  registration_access_token: string;
  registration_client_uri: string;
}

async function register(issuer: string, name: string): Promise<Registered> {
  const res = await fetch(`${issuer}/oauth2/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: name, redirect_uris: ['https://rp.example/cb'] }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Registered;
}

/** A ledger, as the client fixture writes it, listing the clients as created and never deleted. */
function ledgerOf(clients: Registered[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'oidc-sweep-')), 'ledger.jsonl');
  const line = (c: Registered) =>
    JSON.stringify({
      op: 'created',
      entry: { clientId: c.client_id, deleteUrl: c.registration_client_uri, token: c.registration_access_token },
    });
  writeFileSync(path, clients.map(line).join('\n') + '\n');
  return path;
}

test.describe('the sweep on oidc-provider', () => {
  let target: OidcProviderTarget;
  test.beforeEach(async () => {
    target = await startOidcProvider({ onProblem: () => {} });
  });
  test.afterEach(async () => {
    deploymentCleanup.current = undefined;
    await target.close();
  });

  /** Two clients; the first one's token presented at the second one's configuration endpoint, as REG-AUTH-OTHER-CLIENT does. */
  async function oneRevoked(): Promise<{ revoked: Registered; intact: Registered; ledger: string }> {
    const revoked = await register(target.issuer, 'revoked');
    const intact = await register(target.issuer, 'intact');
    const misuse = await fetch(intact.registration_client_uri, {
      headers: { authorization: `Bearer ${revoked.registration_access_token}` },
    });
    expect(misuse.status).toBe(401);
    return { revoked, intact, ledger: ledgerOf([revoked, intact]) };
  }

  test('a client RFC 7592 cannot delete is named with the answer and what to do, and counted in summary.json', async () => {
    const { revoked, ledger } = await oneRevoked();
    const result = await sweep(ledger, readSettings({ OIDC_BASE_URL: target.issuer }));
    expect(result.deleted).toBe(1);
    expect(result.left).toEqual([
      {
        clientId: revoked.client_id,
        answers: ['RFC 7592 DELETE with its registration access token: HTTP 401 invalid_token — invalid token provided'],
      },
    ]);
    const lines = sweepLines(result);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^client ${revoked.client_id} is left on the provider: .*HTTP 401 invalid_token.*; delete it with`)),
    );
    expect(lines.at(-1)).toBe('1 client(s) the run created are left on the provider (summary.json "cleanup")');
    // Still there: the deployment's storage finds it.
    expect(await target.deleteClient(revoked.client_id)).toBe(true);

    const summary = join(mkdtempSync(join(tmpdir(), 'oidc-sweep-')), 'summary.json');
    writeFileSync(summary, JSON.stringify({ checks: [] }));
    recordSweep(summary, result);
    expect(JSON.parse(readFileSync(summary, 'utf8')).cleanup.left).toEqual(result.left);
  });

  test("with the test deployment's storage, nothing is left, and the refusal is still said", async () => {
    const { revoked, intact, ledger } = await oneRevoked();
    deploymentCleanup.current = { name: "oidc-provider's storage (the test deployment)", deleteClient: target.deleteClient };
    const result = await sweep(ledger, readSettings({ OIDC_BASE_URL: target.issuer }));
    expect(result.left).toEqual([]);
    expect(result.deletedByDeployment.map((c) => c.clientId)).toEqual([revoked.client_id]);
    expect(sweepLines(result).join('\n')).toContain(
      `the provider refused to delete 1 client(s) (RFC 7592 DELETE with its registration access token: HTTP 401 invalid_token — invalid token provided); deleted through oidc-provider's storage (the test deployment): ${revoked.client_id}`,
    );
    for (const c of [revoked, intact]) expect(await target.deleteClient(c.client_id), c.client_id).toBe(false);
  });
});

// RFC 7592 §2.2, as Ory's setOidcDynamicClient serves it: a full replace that rotates the registration
// access token and never changes or shows the secret.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { UPDATE } from '../checks/catalogue/registration.ts';
import { must, mustHaveStatus, mustMatchSchema, blocked } from '../checks/rules/verdict.ts';
import { driftProblems, echoProblems, sampleMetadata } from '../checks/rules/client-metadata.ts';
import { gate, managed, manage, noteRotation, readBack, replacement } from '../scenarios/registration.ts';
import { mustBeRefused, mustBeRefusedWith } from '../checks/rules/refusal.ts';
import { clientCredentials, mustIssueToken, mustRefuseClient, requireClientCredentials } from '../scenarios/token-endpoint.ts';
import type { RegisteredClient, Clients } from '../fixtures/clients.ts';
import type { HttpClient, HttpResponse } from '../harness/http/client.ts';
import { rememberSecret } from '../harness/secrets/vault.ts';
import { randomBytes } from 'node:crypto';

const present = (v: unknown) => typeof v === 'string' && v.length > 0;

/** PUT the client's metadata with `changes`, keeping the fixture's token current. */
async function replace(
  clients: Clients,
  http: HttpClient,
  client: RegisteredClient,
  changes: Record<string, unknown> = {},
): Promise<HttpResponse> {
  const res = await manage(http, client, 'PUT', { bearer: client.token, json: replacement(client, changes) });
  noteRotation(clients, client, res);
  return res;
}

/** A successful replace is the precondition of the rules about its response (REG-UPDATE-STATUS-200 judges it). */
async function replaced(clients: Clients, http: HttpClient, what: string, changes: Record<string, unknown> = {}) {
  const client = await managed(clients, sampleMetadata(what));
  const old = client.token;
  const res = await replace(clients, http, client, changes);
  if (res.status !== 200) blocked(`the replace answered HTTP ${res.status}`, 'REG-UPDATE-STATUS-200', `status:${res.status}`);
  return { client, old, res, body: res.json as Record<string, any> };
}

/** A replace RFC 7591 §3.2.2 makes the server refuse (invalid_redirect_uri), with a change that must not stick. */
const INVALID_CHANGE = { client_name: 'conformance must not stick', redirect_uris: ['https://rp.example.com/cb#fragment'] };

test.describe('setOidcDynamicClient: PUT /oauth2/register/{id}', () => {
  check(UPDATE.ENABLED, async ({ clients, http }) => {
    await gate(clients, 'PUT /oauth2/register/{id}', async () => {
      const client = await managed(clients, sampleMetadata('replace gate'));
      return replace(clients, http, client);
    });
  });

  check(UPDATE.STATUS, async ({ clients, http }) => {
    const client = await managed(clients, sampleMetadata('replace'));
    mustHaveStatus(await replace(clients, http, client, { client_name: `${client.sent.client_name} (replaced)` }), 200);
  });

  check(UPDATE.SCHEMA_ORY, async ({ clients, http }) => {
    const { res } = await replaced(clients, http, 'replace schema');
    mustMatchSchema(res, 'oauth2-client');
  });

  check(UPDATE.VALUES, async ({ clients, http }) => {
    const changes = {
      client_name: 'conformance replaced values',
      redirect_uris: ['https://rp.example.com/cb2'],
      contacts: ['new-ops@example.com'],
      scope: 'openid',
    };
    const { client, body } = await replaced(clients, http, 'replace values', changes);
    const answered = echoProblems(changes, body).map((p) => `response ${p}`);
    const read = echoProblems(changes, await readBack(http, client)).map((p) => `read ${p}`);
    must(answered.length + read.length === 0, `the new values did not take: ${[...answered, ...read].join('; ')}`, {
      finding: `not-taken:${[...new Set([...answered, ...read].map((p) => p.split(':')[0]))].join(',')}`,
      expected: changes,
      actual: [...answered, ...read],
    });
  });

  check(UPDATE.RAT_ROTATED, async ({ clients, http }) => {
    const { client, old, body } = await replaced(clients, http, 'replace rotation');
    must(present(body.registration_access_token), 'the replace returned no registration_access_token', {
      finding: 'rat-missing',
      expected: 'a new registration_access_token',
      actual: null,
    });
    must(body.registration_access_token !== old, 'the replace returned the same registration access token: it was not rotated', {
      finding: 'not-rotated',
      expected: 'a new token',
      actual: 'the token presented',
    });
    const read = await manage(http, client, 'GET', { bearer: body.registration_access_token });
    must(read.status >= 200 && read.status < 300, `a read with the new registration access token answered HTTP ${read.status}`, {
      finding: `new-token-refused:${read.status}`,
      expected: '2xx',
      actual: read.status,
    });
  });

  check(UPDATE.NO_SECRET, async ({ clients, http }) => {
    const { body } = await replaced(clients, http, 'replace secret');
    must(!present(body.client_secret), 'the replace returned the client_secret, which Ory shows only in the create response', {
      finding: 'secret-shown',
      expected: 'no client_secret',
      actual: 'a client_secret',
    });
  });

  check(UPDATE.SECRET_KEPT, async ({ clients, http, discovery }) => {
    requireClientCredentials(discovery);
    const client = await managed(clients, sampleMetadata('replace keeps secret'));
    if (!client.clientSecret) blocked('no client_secret was issued', 'REG-CREATE-SECRET-ISSUED', 'no-secret');
    const before = await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic');
    if (before.status !== 200)
      blocked(`the issued secret does not work even before the replace`, 'TOKEN-AUTH-BASIC-WORKS', `status:${before.status}`);
    const chosen = `chosen-${Math.random().toString(36).slice(2)}-0123456789abcdef`;
    rememberSecret(chosen, 'client_secret'); // it becomes the real secret on a target that lets it overwrite
    await replace(clients, http, client, { client_secret: chosen });
    mustRefuseClient(
      await clientCredentials(http, discovery, client.clientId, chosen, 'basic'),
      'the secret the client chose in the replace',
    );
    mustIssueToken(
      await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic'),
      'the secret issued at registration, after the replace',
    );
  });

  check(UPDATE.SECRET_REFUSED, async ({ clients, http }) => {
    const client = await managed(clients, sampleMetadata('replace chosen secret'));
    mustBeRefused(
      await replace(clients, http, client, { client_secret: 'chosen-by-the-client-1234567890' }),
      'a replace with a client_secret',
    );
  });

  check(UPDATE.OMITTED_REMOVED, async ({ clients, http }) => {
    // Not contacts: REG-UPDATE-VALUES judges a replace's contacts, so a provider that ignores them is one finding.
    const { client } = await replaced(clients, http, 'replace omitted', { client_uri: undefined, tos_uri: undefined }); // undefined: left out of the JSON
    const stored = await readBack(http, client);
    const kept = (['client_uri', 'tos_uri'] as const).filter(
      (m) =>
        !(
          stored[m] === undefined ||
          stored[m] === null ||
          stored[m] === '' ||
          (Array.isArray(stored[m]) && (stored[m] as unknown[]).length === 0)
        ),
    );
    must(
      kept.length === 0,
      `metadata left out of the replace is still registered: ${kept.map((m) => `${m} ${JSON.stringify(stored[m])}`).join(', ')}`,
      { finding: `kept:${kept.join(',')}`, expected: 'removed', actual: Object.fromEntries(kept.map((m) => [m, stored[m]])) },
    );
  });

  check(UPDATE.INVALID_REFUSED, async ({ clients, http }) => {
    const client = await managed(clients, sampleMetadata('replace invalid'));
    mustBeRefusedWith(
      await replace(clients, http, client, INVALID_CHANGE),
      400,
      'invalid_redirect_uri',
      'a replace with a fragment in a redirect URI',
    );
  });

  check(UPDATE.FAILED_NO_CHANGE, async ({ clients, http }) => {
    const client = await managed(clients, sampleMetadata('replace refused'));
    const old = client.token;
    const before = await readBack(http, client);
    const res = await replace(clients, http, client, INVALID_CHANGE);
    if (res.status < 400)
      blocked(
        `the replace with a fragment in a redirect URI was not refused (HTTP ${res.status}), so there is no refused replace to judge`,
        'REG-UPDATE-INVALID-REFUSED',
        'accepted',
      );
    const after = await manage(http, client, 'GET', { bearer: old });
    must(
      after.status >= 200 && after.status < 300,
      `after the refused replace the registration access token no longer works (GET answered HTTP ${after.status})`,
      { finding: 'token-lost', expected: '2xx with the old token', actual: after.status },
    );
    const problems = driftProblems(client.sent, before, after.json);
    must(problems.length === 0, `the refused replace changed the client: ${problems.join('; ')}`, {
      finding: `changed:${problems.map((p) => p.split(':')[0]).join(',')}`,
      expected: 'the client as before',
      actual: problems,
    });
  });

  check(UPDATE.RFC7592_MEMBERS, async ({ clients, http }) => {
    const { body } = await replaced(clients, http, 'replace members');
    const missing = ['registration_access_token', 'registration_client_uri'].filter((m) => !present(body[m]));
    must(missing.length === 0, `the client information response lacks ${missing.join(' and ')}`, {
      finding: `missing:${missing.join(',')}`,
      expected: ['registration_access_token', 'registration_client_uri'],
      actual: `without ${missing.join(', ')}`,
    });
  });

  check(UPDATE.CLIENT_ID_KEPT, async ({ clients, http }) => {
    const client = await managed(clients, sampleMetadata('replace client id'));
    const id = client.clientId;
    // A replace as RFC 7592 §2.2 has it: the body names the client's own client_id.
    const res = await replace(clients, http, client);
    if (res.status !== 200) blocked(`the replace answered HTTP ${res.status}`, 'REG-UPDATE-STATUS-200', `status:${res.status}`);
    must(res.json?.client_id === id, `the replace answered with client_id ${JSON.stringify(res.json?.client_id)}, not the client's ${id}`, {
      finding: 'client-id-changed',
      expected: id,
      actual: res.json?.client_id ?? null,
    });
    // A body that names another client_id: refused, or answered (and stored) under the client's own id.
    const other = `conformance-other-${randomBytes(6).toString('hex')}`;
    const renamed = await replace(clients, http, client, { client_id: other });
    must(renamed.status < 500, `a replace naming another client_id answered HTTP ${renamed.status}`, {
      finding: `status:${renamed.status}`,
      expected: 'a 4xx refusal, or the client under its own id',
      actual: renamed.status,
    });
    const read = await manage(http, client, 'GET', { bearer: client.token });
    if (read.status === 404 || read.status === 405)
      blocked(
        `reading the client back answered HTTP ${read.status}`,
        ['REG-READ-ENABLED', 'REG-AUTH-UNKNOWN-CLIENT'],
        `not-served:${read.status}`,
      );
    const kept = (renamed.status >= 400 || renamed.json?.client_id === id) && read.json?.client_id === id;
    must(
      kept,
      `a replace whose body named client_id ${other} answered HTTP ${renamed.status} with client_id ${JSON.stringify(renamed.json?.client_id)}, and a read of ${id} afterwards answered HTTP ${read.status}${read.json?.client_id ? ` with client_id ${JSON.stringify(read.json.client_id)}` : ''}: the client was renamed`,
      {
        finding: 'renamed',
        expected: `client_id ${id} throughout`,
        actual: { replace: renamed.json?.client_id ?? null, read: read.status },
      },
    );
  });
});

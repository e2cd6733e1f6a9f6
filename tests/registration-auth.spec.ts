// Who may manage a registered client: only its registration access token (RFC 7592 §2, RFC 6750),
// judged on GET, PUT and DELETE alike; and what Ory's docs promise besides (documentation drift).
import { randomBytes, randomUUID } from 'node:crypto';
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { AUTH, CROSS_API, DOCS, type ManageMethod } from '../checks/catalogue/registration-auth.ts';
import { blocked, must, mustHaveStatus, NoAnswer, notApplicable, violation } from '../checks/rules/verdict.ts';
import { sampleMetadata } from '../checks/rules/client-metadata.ts';
import { managed, manage, noteDeletion, noteRotation, type ManageOptions } from '../scenarios/registration.ts';
import type { Clients, RegisteredClient } from '../fixtures/clients.ts';
import type { HttpClient, HttpResponse } from '../harness/http/client.ts';
import { mustBeWellFormedBearerChallenges } from '../checks/rules/challenge.ts';

/** A token-shaped value that was never issued (RFC 6750 b64token syntax). */
const neverIssued = () => `ory_at_${randomBytes(32).toString('base64url')}.${randomBytes(32).toString('base64url')}`;

/** One management request; if the target wrongly lets it through, the fixture follows the rotation or deletion. */
async function attempt(
  clients: Clients,
  http: HttpClient,
  client: RegisteredClient,
  method: ManageMethod,
  o: ManageOptions,
): Promise<HttpResponse> {
  const res = await manage(http, client, method, o);
  if (method === 'PUT') noteRotation(clients, client, res);
  if (method === 'DELETE' && !o.uri) noteDeletion(clients, client, res);
  return res;
}

/** The configuration endpoint of a client that does not exist, beside this one's. */
function unknownClientUri(client: RegisteredClient): string {
  const id = encodeURIComponent(client.clientId);
  if (!client.uri.endsWith(`/${id}`))
    notApplicable(`the configuration endpoint ${client.uri} does not end with the client id, so no unknown one can be named`);
  return `${client.uri.slice(0, -id.length)}${randomUUID()}`;
}

function mustRefuse401(res: HttpResponse, method: ManageMethod, what: string): void {
  mustHaveStatus(res, 401, `${method} with ${what}`);
}

/** RFC 6750 §3, §3.1: the error code of a refused token, in the challenge's error attribute or (OAuth's habit) the body. */
function tokenErrorOf(res: HttpResponse): string | undefined {
  const challenge = /\berror="([^"]*)"/i.exec(res.header('www-authenticate') ?? '')?.[1];
  return challenge ?? (typeof res.json?.error === 'string' ? res.json.error : undefined);
}

/** RFC 7592 §2.1–§2.3: an invalid registration access token gets an RFC 6750 error: 401 with invalid_token (§3.1). */
function mustBeInvalidToken(res: HttpResponse, method: ManageMethod, what: string): void {
  mustRefuse401(res, method, what);
  const code = tokenErrorOf(res);
  must(code === 'invalid_token', `${method} with ${what} was refused (401) with error ${JSON.stringify(code ?? null)}, not invalid_token`, {
    finding: `error:${code ?? 'none'}`,
    expected: 'invalid_token (WWW-Authenticate error attribute or body error)',
    actual: code ?? null,
  });
}

for (const method of ['GET', 'PUT', 'DELETE'] as const) {
  const A = AUTH[method];
  test.describe(`${A.MISSING.operation}: ${method} /oauth2/register/{id} (authentication)`, () => {
    check(A.MISSING, async ({ clients, http }) => {
      const client = await managed(clients, sampleMetadata('auth missing'));
      mustRefuse401(await attempt(clients, http, client, method, {}), method, 'no credentials');
    });

    check(A.MALFORMED, async ({ clients, http }) => {
      const client = await managed(clients, sampleMetadata('auth malformed'));
      const res = await attempt(clients, http, client, method, { bearer: `%%${client.token}!*` });
      must(
        res.status === 401 || (res.status === 400 && res.json?.error === 'invalid_request'),
        `${method} with a bearer value that is not a token answered HTTP ${res.status}, expected 401 (or 400 invalid_request)`,
        {
          finding: res.status === 400 ? `error:${String(res.json?.error)}` : `status:${res.status}`,
          expected: '401, or 400 invalid_request',
          actual: res.status,
        },
      );
    });

    check(A.WRONG, async ({ clients, http }) => {
      const client = await managed(clients, sampleMetadata('auth wrong'));
      mustBeInvalidToken(await attempt(clients, http, client, method, { bearer: neverIssued() }), method, 'a token that was never issued');
    });

    check(A.OTHER_CLIENT, async ({ clients, http }) => {
      const client = await managed(clients, sampleMetadata('auth victim'));
      const other = await managed(clients, sampleMetadata('auth other'));
      mustBeInvalidToken(
        await attempt(clients, http, client, method, { bearer: other.token }),
        method,
        "another client's registration access token",
      );
    });

    check(A.DELETED_CLIENT, async ({ clients, http }) => {
      const client = await managed(clients, sampleMetadata('auth deleted'));
      const del = await manage(http, client, 'DELETE', { bearer: client.token });
      noteDeletion(clients, client, del);
      if (del.status !== 204 && del.status !== 200)
        blocked(`the delete answered HTTP ${del.status}`, 'REG-DELETE-STATUS-204', `status:${del.status}`);
      mustBeInvalidToken(
        await attempt(clients, http, client, method, { bearer: client.token }),
        method,
        "a deleted client's registration access token",
      );
    });

    check(A.ROTATED, async ({ clients, http }) => {
      const client = await managed(clients, sampleMetadata('auth rotated'));
      const old = client.token;
      const put = await manage(http, client, 'PUT', { bearer: old });
      noteRotation(clients, client, put);
      if (put.status !== 200) blocked(`the replace answered HTTP ${put.status}`, 'REG-UPDATE-STATUS-200', `status:${put.status}`);
      if (client.token === old)
        blocked('the replace did not rotate the registration access token', 'REG-UPDATE-RAT-ROTATED', 'not-rotated');
      mustRefuse401(await attempt(clients, http, client, method, { bearer: old }), method, 'the rotated-out registration access token');
    });

    check(A.UNKNOWN_CLIENT, async ({ clients, http }) => {
      const client = await managed(clients, sampleMetadata('auth unknown'));
      const unknown = await attempt(clients, http, client, method, { bearer: client.token, uri: unknownClientUri(client) });
      mustRefuse401(unknown, method, 'the id of a client that does not exist');
    });

    check(A.UNKNOWN_CLIENT_SAME, async ({ clients, http }) => {
      const client = await managed(clients, sampleMetadata('auth unknown same'));
      const wrong = await attempt(clients, http, client, method, { bearer: neverIssued() });
      const unknown = await attempt(clients, http, client, method, { bearer: client.token, uri: unknownClientUri(client) });
      // The comparison needs an error to compare (no undefined === undefined): REG-AUTH-WRONG judges a refusal without one.
      if (wrong.status !== 401 || tokenErrorOf(wrong) === undefined)
        blocked(
          `a wrong token answered HTTP ${wrong.status} without an error code`,
          'REG-AUTH-WRONG',
          `error:${tokenErrorOf(wrong) ?? 'none'}`,
        );
      if (unknown.status !== 401)
        blocked(`an unknown client id answered HTTP ${unknown.status}`, 'REG-AUTH-UNKNOWN-CLIENT', `status:${unknown.status}`);
      const shape = (r: HttpResponse) => ({
        challenge: tokenErrorOf(r),
        error: r.json?.error,
        error_description: r.json?.error_description,
      });
      const [a, b] = [shape(unknown), shape(wrong)];
      const differs = (Object.keys(b) as Array<keyof typeof b>).filter((k) => a[k] !== b[k]);
      must(
        differs.length === 0,
        `an unknown client id is refused differently from a wrong token (${differs.map((k) => `${k}: ${JSON.stringify(a[k] ?? null)} vs ${JSON.stringify(b[k] ?? null)}`).join('; ')}): the difference tells which clients exist`,
        { finding: `differs:${differs.join(',')}`, expected: b, actual: a },
      );
    });

    check(A.CHALLENGE_SYNTAX, async ({ clients, http }) => {
      const client = await managed(clients, sampleMetadata('auth challenge syntax'));
      mustBeWellFormedBearerChallenges(
        [
          { what: 'no credentials', res: await attempt(clients, http, client, method, {}), withError: false, root: 'REG-AUTH-MISSING' },
          {
            what: 'a wrong token',
            res: await attempt(clients, http, client, method, { bearer: neverIssued() }),
            withError: true,
            root: 'REG-AUTH-WRONG',
          },
        ],
        'REG-AUTH-WWW-AUTHENTICATE',
      );
    });

    check(A.WWW_AUTHENTICATE, async ({ clients, http }) => {
      const client = await managed(clients, sampleMetadata('auth challenge'));
      const tries: Array<[string, HttpResponse]> = [
        ['no credentials', await attempt(clients, http, client, method, {})],
        ['a wrong token', await attempt(clients, http, client, method, { bearer: neverIssued() })],
      ];
      const refused = tries.filter(([, r]) => r.status === 401);
      if (!refused.length) blocked('no request was answered 401', ['REG-AUTH-MISSING', 'REG-AUTH-WRONG'], 'no-401');
      const bare = refused.filter(([, r]) => !/^\s*bearer\b/i.test(r.header('www-authenticate') ?? ''));
      must(
        bare.length === 0,
        `401 without a Bearer WWW-Authenticate challenge (${bare.map(([what, r]) => `${what}: ${JSON.stringify(r.header('www-authenticate') ?? null)}`).join('; ')})`,
        {
          finding: bare.some(([, r]) => r.header('www-authenticate') === undefined) ? 'challenge-missing' : 'challenge-not-bearer',
          expected: 'Bearer',
          actual: bare.map(([, r]) => r.header('www-authenticate') ?? null),
        },
      );
    });
  });
}

/** What the docs promise and what happened, stated plainly for the reader of the report. */
function drift(res: HttpResponse, how: string, docs: string, finding: string): void {
  if (res.status === 200) return;
  violation(
    `documentation drift: the provider refused the client's own credentials (${how}) with HTTP ${res.status}; it accepts only the registration access token here, as RFC 7592 §2 specifies. Ory's API reference says ${docs} — the docs, not the provider, are off.`,
    { finding, expected: 200, actual: res.status },
  );
}

test.describe("getOidcDynamicClient: GET /oauth2/register/{id} (across Ory's public and admin APIs)", () => {
  check(CROSS_API.ADMIN_UPDATE_KEEPS_RAT, async ({ clients, http, settings }) => {
    if (!settings.adminUrl) notApplicable('the admin API (OIDC_ADMIN_URL) is needed to update the client there');
    const client = await managed(clients, sampleMetadata('cross api'));
    // The positive control: the token reads the client before any admin update (how a read answers is judged elsewhere).
    const before = await manage(http, client, 'GET', { bearer: client.token });
    if (before.status < 200 || before.status > 299)
      blocked(
        `GET with the registration access token answered HTTP ${before.status} before any admin update`,
        ['REG-READ-STATUS-200', 'REG-READ-ENABLED'],
        `status:${before.status}`,
      );
    const stillReads = async (after: string) => {
      const res = await manage(http, client, 'GET', { bearer: client.token });
      must(
        res.status === before.status,
        `GET with the registration access token answered HTTP ${res.status} after an admin ${after} of the client (HTTP ${before.status} before it): the client lost its registration access token`,
        {
          finding: `lost-after:${after}`,
          expected: before.status,
          actual: res.status,
        },
      );
    };
    const admin = `${settings.adminUrl}/admin/clients/${encodeURIComponent(client.clientId)}`;
    const patch = await http.send({
      method: 'PATCH',
      url: admin,
      bearer: settings.adminToken,
      json: [{ op: 'replace', path: '/client_name', value: `${client.sent.client_name} (patched)` }],
    });
    if (patch.status !== 200)
      throw new NoAnswer(
        `PATCH ${new URL(admin).pathname} through the admin API answered HTTP ${patch.status}: the cross-API rule cannot be judged`,
      );
    await stillReads('PATCH');
    const current = await http.send({ url: admin, bearer: settings.adminToken });
    if (current.status !== 200 || !current.json)
      throw new NoAnswer(`GET ${new URL(admin).pathname} through the admin API answered HTTP ${current.status}`);
    const put = await http.send({
      method: 'PUT',
      url: admin,
      bearer: settings.adminToken,
      json: { ...current.json, client_name: `${client.sent.client_name} (replaced)` },
    });
    if (put.status !== 200)
      throw new NoAnswer(
        `PUT ${new URL(admin).pathname} through the admin API answered HTTP ${put.status}: the cross-API rule cannot be judged`,
      );
    await stillReads('PUT');
  });
});

test.describe("getOidcDynamicClient: GET /oauth2/register/{id} (what Ory's docs say)", () => {
  check(DOCS.BASIC, async ({ clients, http }) => {
    const client = await managed(clients, sampleMetadata('docs basic'));
    if (!client.clientSecret) blocked('no client_secret was issued', 'REG-CREATE-SECRET-ISSUED', 'no-secret');
    const res = await manage(http, client, 'GET', { basic: { username: client.clientId, password: client.clientSecret } });
    drift(
      res,
      'client id and secret in HTTP Basic',
      'a client_secret_basic client may present its id and secret in the Authorization header',
      'docs-drift:basic-refused',
    );
  });

  check(DOCS.POST, async ({ clients, http }) => {
    const client = await managed(clients, sampleMetadata('docs post', { token_endpoint_auth_method: 'client_secret_post' }));
    if (!client.clientSecret) blocked('no client_secret was issued', 'REG-CREATE-SECRET-ISSUED', 'no-secret');
    const res = await manage(http, client, 'GET', { query: { client_secret: client.clientSecret } });
    drift(
      res,
      'client_secret in the query',
      'a client_secret_post client may present its secret in the URL query',
      'docs-drift:query-refused',
    );
  });
});

// RFC 7591 / OpenID Connect Dynamic Client Registration 1.0, as Ory's createOidcDynamicClient serves it.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { CREATE } from '../checks/registration.ts';
import { must, mustEqual, mustHaveStatus, mustMatchSchema, notApplicable, violation } from '../checks/verdict.ts';
import { echoProblems, sampleMetadata, secretProblem } from '../checks/client-metadata.ts';
import { isSecureOrLoopback } from '../checks/urls.ts';
import { gate, mustBeRefused, mustBeRefusedWith, mustLeaveNothing, registered } from '../fixtures/registration.ts';
import type { Clients } from '../fixtures/clients.ts';
import type { HttpResponse } from '../harness/http/client.ts';

/** The create response of a sample client; a failed create skips (REG-CREATE-STATUS-201 judges it). */
async function created(clients: Clients, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const client = await registered(clients, sampleMetadata('create', overrides));
  return client.created.json;
}

const present = (v: unknown) => typeof v === 'string' && v.length > 0;

/** Cache-Control directives, lower-cased (RFC 9111 §5.2). */
const directives = (res: HttpResponse) => (res.header('cache-control') ?? '').toLowerCase().split(',').map((d) => d.trim());

test.describe('createOidcDynamicClient: POST /oauth2/register', () => {
  check(CREATE.ENABLED, async ({ clients }) => {
    await gate(clients, 'POST /oauth2/register');
  });

  check(CREATE.STATUS, async ({ clients }) => {
    const { res } = await clients.register(sampleMetadata('status'));
    mustHaveStatus(res, 201);
  });

  check(CREATE.SCHEMA, async ({ clients }) => {
    const client = await registered(clients, sampleMetadata('schema'));
    mustMatchSchema(client.created, 'oauth2-client.rfc7591');
  });

  check(CREATE.SCHEMA_ORY, async ({ clients }) => {
    const client = await registered(clients, sampleMetadata('schema'));
    mustMatchSchema(client.created, 'oauth2-client');
  });

  check(CREATE.SECRET_ISSUED, async ({ clients }) => {
    for (const method of ['client_secret_basic', 'client_secret_post']) {
      const body = await created(clients, { token_endpoint_auth_method: method });
      must(present(body.client_secret), `a client registered with token_endpoint_auth_method ${method} got no client_secret (the response says ${JSON.stringify(body.token_endpoint_auth_method)})`);
    }
  });

  check(CREATE.NO_SECRET_FOR_NONE, async ({ clients }) => {
    const body = await created(clients, { token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] });
    must(!present(body.client_secret), 'a public client (token_endpoint_auth_method none) was issued a client_secret');
  });

  check(CREATE.SECRET_STRENGTH, async ({ clients }) => {
    const body = await created(clients);
    if (!present(body.client_secret)) notApplicable('no client_secret was issued (see REG-CREATE-SECRET-ISSUED)');
    const problem = secretProblem(body.client_secret);
    must(!problem, problem!);
  });

  check(CREATE.RAT, async ({ clients }) => {
    const body = await created(clients);
    must(present(body.registration_access_token), `the response has no registration_access_token (got ${JSON.stringify(body.registration_access_token)})`);
  });

  check(CREATE.CLIENT_URI, async ({ clients }) => {
    const body = await created(clients);
    must(present(body.registration_client_uri), `the response has no registration_client_uri (got ${JSON.stringify(body.registration_client_uri)})`);
    must(isSecureOrLoopback(body.registration_client_uri), `registration_client_uri ${body.registration_client_uri} is not an absolute https URL`);
  });

  check(CREATE.CLIENT_URI_ORY, async ({ clients }) => {
    const body = await created(clients);
    if (!present(body.registration_client_uri)) notApplicable('no registration_client_uri (see REG-CREATE-CLIENT-URI)');
    mustEqual(body.registration_client_uri, `${clients.endpoint}/${body.client_id}`, 'registration_client_uri');
  });

  check(CREATE.ECHO, async ({ clients }) => {
    const client = await registered(clients, sampleMetadata('echo'));
    const problems = echoProblems(client.sent, client.created.json);
    must(problems.length === 0, `values that did not come back as sent: ${problems.join('; ')}`);
  });

  check(CREATE.CACHE, async ({ clients }) => {
    const client = await registered(clients, sampleMetadata('cache'));
    const res = client.created;
    const missing = [
      ...(directives(res).includes('no-store') ? [] : [`Cache-Control is ${JSON.stringify(res.header('cache-control') ?? null)}, without no-store`]),
      ...((res.header('pragma') ?? '').toLowerCase().includes('no-cache') ? [] : [`Pragma is ${JSON.stringify(res.header('pragma') ?? null)}, not no-cache`]),
    ];
    must(missing.length === 0, `the response with the client_secret and the registration access token may be cached: ${missing.join('; ')}`);
  });

  check(CREATE.SECRET_CHOSEN, async ({ clients, http, settings }) => {
    const chosen = 'chosen-by-the-client-1234567890';
    const sent = sampleMetadata('chosen secret', { client_secret: chosen });
    const { res } = await clients.register(sent);
    if (res.status >= 200 && res.status < 300) {
      violation(`a client_secret chosen by the client was accepted (HTTP ${res.status}; the response's secret is ${res.json?.client_secret === chosen ? 'the chosen one' : 'another one'})`);
    }
    mustBeRefused(res, 'a registration with a chosen client_secret');
    await mustLeaveNothing(http, settings, sent.client_name as string, 'a registration with a chosen client_secret');
  });

  check(CREATE.CLIENT_ID_CHOSEN, async ({ clients }) => {
    const chosen = `conformance-chosen-${Math.random().toString(36).slice(2, 10)}`;
    const { res } = await clients.register(sampleMetadata('chosen id', { client_id: chosen }));
    if (res.status >= 400 && res.status < 500) return; // refusing the field is as good as ignoring it
    must(res.json?.client_id !== chosen, `the client_id chosen by the client (${chosen}) was honoured (HTTP ${res.status})`);
  });

  check(CREATE.FORBIDDEN, async ({ clients, http, settings }) => {
    const fields: Array<[string, unknown]> = [['metadata', { tier: 'gold' }], ['skip_consent', true], ['skip_logout_consent', true], ['access_token_strategy', 'jwt']];
    const problems: string[] = [];
    for (const [field, value] of fields) {
      const sent = sampleMetadata(`forbidden ${field}`, { [field]: value });
      const { res } = await clients.register(sent);
      try {
        mustBeRefused(res, `${field}=${JSON.stringify(value)}`);
        await mustLeaveNothing(http, settings, sent.client_name as string, `${field}=${JSON.stringify(value)}`);
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    must(problems.length === 0, problems.join('; '));
  });

  check(CREATE.REDIRECT_FRAGMENT, async ({ clients }) => {
    const { res } = await clients.register(sampleMetadata('fragment', { redirect_uris: ['https://rp.example.com/cb#section'] }));
    mustBeRefusedWith(res, 400, 'invalid_redirect_uri', 'a redirect URI with a fragment');
  });

  check(CREATE.REDIRECT_RELATIVE, async ({ clients }) => {
    const { res } = await clients.register(sampleMetadata('relative', { redirect_uris: ['cb/relative'], post_logout_redirect_uris: [] }));
    mustBeRefusedWith(res, 400, 'invalid_redirect_uri', 'a relative redirect URI');
  });

  check(CREATE.POST_LOGOUT, async ({ clients }) => {
    const { res } = await clients.register(sampleMetadata('post logout', { post_logout_redirect_uris: ['https://elsewhere.example.net/bye'] }));
    mustBeRefusedWith(res, 400, 'invalid_client_metadata', 'a post_logout_redirect_uri on an origin of no redirect URI');
  });

  check(CREATE.USERINFO_ALG, async ({ clients }) => {
    const { res } = await clients.register(sampleMetadata('userinfo alg', { userinfo_signed_response_alg: 'XS999' }));
    if (res.status >= 200 && res.status < 300) {
      must(res.json?.userinfo_signed_response_alg !== 'XS999', 'the unsupported userinfo_signed_response_alg XS999 was registered as sent');
      return;
    }
    mustBeRefusedWith(res, 400, 'invalid_client_metadata', 'an unsupported userinfo_signed_response_alg');
  });

  check(CREATE.JWKS_AND_URI, async ({ clients }) => {
    const { res } = await clients.register(sampleMetadata('jwks', { jwks: { keys: [] }, jwks_uri: 'https://rp.example.com/jwks.json' }));
    mustBeRefusedWith(res, 400, 'invalid_client_metadata', 'a body with both jwks and jwks_uri');
  });
});


// RFC 7591 / OpenID Connect Dynamic Client Registration 1.0, as Ory's createOidcDynamicClient serves it.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { CREATE } from '../checks/catalogue/registration.ts';
import { blocked, must, mustEqual, mustHaveStatus, mustMatchSchema, notOffered, violation, Violation } from '../checks/rules/verdict.ts';
import {
  echoProblems,
  marker,
  missingMembers,
  sampleMetadata,
  SECRET_METHODS,
  secretIssuedProblem,
  secretProblem,
  UNKNOWN_MEMBER_PREFIX,
  type SecretObservation,
} from '../checks/rules/client-metadata.ts';
import { isSecureOrLoopback } from '../checks/rules/urls.ts';
import { authMethodsOf, gate, mustLeaveNothing, readBack, registered } from '../scenarios/registration.ts';
import { clientCredentials, requireClientCredentials } from '../scenarios/token-endpoint.ts';
import { requireLogoutChannel } from '../scenarios/logout.ts';
import { DEFAULT_REDIRECT_URI } from '../fixtures/login.ts';
import { mustBeRefused, mustBeRefusedWith } from '../checks/rules/refusal.ts';
import type { Clients } from '../fixtures/clients.ts';
import type { CheckDef } from '../checks/catalogue/types.ts';
import type { HttpResponse } from '../harness/http/client.ts';

/** The create response of a sample client; a failed create skips (REG-CREATE-STATUS-201 judges it). */
async function created(clients: Clients, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const client = await registered(clients, sampleMetadata('create', overrides));
  return client.created.json;
}

const present = (v: unknown) => typeof v === 'string' && v.length > 0;

/** RFC 7591 §2's defaults. */
const DEFAULTS = { token_endpoint_auth_method: 'client_secret_basic', grant_types: ['authorization_code'], response_types: ['code'] };

/** Members Ory refuses in a self-service registration. */
const FORBIDDEN_FIELDS: Array<[string, unknown]> = [
  ['metadata', { tier: 'gold' }],
  ['skip_consent', true],
  ['skip_logout_consent', true],
  ['access_token_strategy', 'jwt'],
];

/** Cache-Control directives, lower-cased (RFC 9111 §5.2). */
const directives = (res: HttpResponse) =>
  (res.header('cache-control') ?? '')
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());

/** A logout URI on the origin of the sample client's first redirect URI: what the logout specs let a client register. */
const VALID_LOGOUT_URI = 'https://rp.example.com/logout';

/**
 * A registration whose `channel` logout URI is `bad` is refused with 400 invalid_client_metadata; the control, the same
 * client with VALID_LOGOUT_URI there, is registered (else the refusal proves nothing: blocked by the channel's register check).
 */
async function mustRefuseLogoutUri(clients: Clients, channel: 'frontchannel' | 'backchannel', bad: string, what: string): Promise<void> {
  const member = `${channel}_logout_uri`;
  const { res } = await clients.register(sampleMetadata(`${channel} refused`, { [member]: bad }));
  mustBeRefusedWith(res, 400, 'invalid_client_metadata', what);
  const control = await clients.register(sampleMetadata(`${channel} control`, { [member]: VALID_LOGOUT_URI }));
  if (!control.client)
    blocked(
      `the control, the same client with ${member} ${VALID_LOGOUT_URI}, was refused too (HTTP ${control.res.status}), so the refusal proves nothing`,
      channel === 'frontchannel' ? 'LOGOUT-FC-REGISTER' : 'LOGOUT-BC-REGISTER',
      `refused:${control.res.status}`,
    );
}

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

  check(CREATE.SECRET_ISSUED, async ({ clients, discovery }) => {
    const asked = SECRET_METHODS.filter((m) => authMethodsOf(discovery).includes(m));
    if (!asked.length)
      notOffered('discovery token_endpoint_auth_methods_supported', 'neither client_secret_basic nor client_secret_post is advertised');
    const observed: SecretObservation[] = [];
    for (const method of asked) {
      const body = await created(clients, { token_endpoint_auth_method: method });
      // RFC 7591 §3.2.1: the server may register another method than asked; the response says which, and that decides.
      observed.push({
        asked: method,
        registered: body.token_endpoint_auth_method ?? 'client_secret_basic',
        secret: present(body.client_secret),
      });
    }
    const problem = secretIssuedProblem(observed);
    if (problem)
      violation(problem.message, {
        finding: problem.finding,
        expected: 'a client_secret for each secret method',
        actual: observed,
      });
  });

  check(CREATE.NO_SECRET_FOR_NONE, async ({ clients, discovery }) => {
    if (!authMethodsOf(discovery).includes('none'))
      notOffered('discovery token_endpoint_auth_methods_supported: none', 'the provider does not advertise public clients (none)');
    const body = await created(clients, { token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'] });
    must(
      (body.token_endpoint_auth_method ?? 'client_secret_basic') === 'none',
      `a registration asking for token_endpoint_auth_method none, which discovery advertises, was registered as ${JSON.stringify(body.token_endpoint_auth_method ?? 'client_secret_basic')}`,
      { finding: 'method-replaced', expected: 'none', actual: body.token_endpoint_auth_method ?? null },
    );
    must(!present(body.client_secret), 'a public client (token_endpoint_auth_method none) was issued a client_secret', {
      finding: 'secret-issued',
      expected: 'no client_secret',
      actual: 'a client_secret',
    });
  });

  check(CREATE.SECRET_STRENGTH, async ({ clients }) => {
    // Two clients: a strong-looking secret that every client shares is no secret (RFC 7591 §3.2.1: unique per client).
    const secrets = [];
    for (const what of ['strength', 'strength second']) {
      const body = await created(clients, { client_name: marker(what) });
      if (!present(body.client_secret)) blocked('no client_secret was issued', 'REG-CREATE-SECRET-ISSUED', 'no-secret');
      secrets.push(body.client_secret as string);
    }
    const problem = secretProblem(secrets[0]!) ?? secretProblem(secrets[1]!);
    if (problem) violation(problem.message, { finding: problem.finding, expected: 'VSCHAR, at least 128 bits', actual: problem.actual });
    must(secrets[0] !== secrets[1], 'two clients were issued the same client_secret', {
      finding: 'secret-reused',
      expected: 'a secret of its own for each client',
      actual: 'the same secret for both',
    });
  });

  check(CREATE.RAT, async ({ clients }) => {
    const body = await created(clients);
    must(
      present(body.registration_access_token),
      `the response has no registration_access_token (got ${JSON.stringify(body.registration_access_token === undefined ? null : typeof body.registration_access_token)})`,
      {
        finding: 'rat-missing',
        expected: 'a registration_access_token',
        actual: body.registration_access_token === undefined ? null : typeof body.registration_access_token,
      },
    );
  });

  check(CREATE.CLIENT_URI, async ({ clients }) => {
    const body = await created(clients);
    must(
      present(body.registration_client_uri),
      `the response has no registration_client_uri (got ${JSON.stringify(body.registration_client_uri)})`,
      { finding: 'client-uri-missing', expected: 'a registration_client_uri', actual: body.registration_client_uri ?? null },
    );
    must(
      isSecureOrLoopback(body.registration_client_uri),
      `registration_client_uri ${body.registration_client_uri} is not an absolute https URL`,
      { finding: 'client-uri-not-https', expected: 'https://…', actual: body.registration_client_uri },
    );
  });

  check(CREATE.CLIENT_URI_ORY, async ({ clients }) => {
    const body = await created(clients);
    if (!present(body.registration_client_uri)) blocked('no registration_client_uri', 'REG-CREATE-CLIENT-URI', 'client-uri-missing');
    mustEqual(body.registration_client_uri, `${clients.endpoint}/${body.client_id}`, 'registration_client_uri');
  });

  check(CREATE.ECHO, async ({ clients }) => {
    const client = await registered(clients, sampleMetadata('echo'));
    // A member left out is REG-CREATE-METADATA-RETURNED's one finding; this rule judges the values that came back.
    const left = missingMembers(client.sent, client.created.json);
    const problems = echoProblems(client.sent, client.created.json).filter((p) => !left.includes(p.split(':')[0]!));
    must(problems.length === 0, `values that did not come back as sent: ${problems.join('; ')}`, {
      finding: `not-echoed:${problems.map((p) => p.split(':')[0]).join(',')}`,
      expected: 'every value as sent',
      actual: problems,
    });
  });

  check(CREATE.CACHE, async ({ clients }) => {
    const client = await registered(clients, sampleMetadata('cache'));
    const res = client.created;
    const missing: Array<[string, string]> = [
      ...(directives(res).includes('no-store')
        ? []
        : [
            ['no-store-missing', `Cache-Control is ${JSON.stringify(res.header('cache-control') ?? null)}, without no-store`] as [
              string,
              string,
            ],
          ]),
      ...((res.header('pragma') ?? '').toLowerCase().includes('no-cache')
        ? []
        : [['pragma-missing', `Pragma is ${JSON.stringify(res.header('pragma') ?? null)}, not no-cache`] as [string, string]]),
    ];
    must(
      missing.length === 0,
      `the response with the client_secret and the registration access token may be cached: ${missing.map(([, m]) => m).join('; ')}`,
      {
        finding: missing.map(([f]) => f).join(','),
        expected: { 'cache-control': 'no-store', pragma: 'no-cache' },
        actual: { 'cache-control': res.header('cache-control') ?? null, pragma: res.header('pragma') ?? null },
      },
    );
  });

  check(CREATE.SECRET_CHOSEN, async ({ clients }) => {
    const chosen = 'chosen-by-the-client-1234567890';
    const sent = sampleMetadata('chosen secret', { client_secret: chosen });
    const { res } = await clients.register(sent);
    if (res.status >= 200 && res.status < 300) {
      violation(
        `a client_secret chosen by the client was accepted (HTTP ${res.status}; the response's secret is ${res.json?.client_secret === chosen ? 'the chosen one' : 'another one'})`,
        { finding: 'accepted', expected: '4xx', actual: res.status },
      );
    }
    mustBeRefused(res, 'a registration with a chosen client_secret');
  });

  check(CREATE.CLIENT_ID_CHOSEN, async ({ clients }) => {
    const chosen = `conformance-chosen-${Math.random().toString(36).slice(2, 10)}`;
    const { res } = await clients.register(sampleMetadata('chosen id', { client_id: chosen }));
    if (res.status >= 400 && res.status < 500) return mustBeRefused(res, 'a registration with a chosen client_id'); // refusing the field is as good as ignoring it
    must(
      res.status >= 200 && res.status < 300,
      `a registration with a chosen client_id answered HTTP ${res.status}: neither registered with another id nor refused`,
      { finding: `status:${res.status}`, expected: '2xx or 4xx', actual: res.status },
    );
    must(typeof res.json?.client_id === 'string', 'the registration was accepted without a client_id in the response', {
      finding: 'no-client-id',
    });
    must(res.json.client_id !== chosen, `the client_id chosen by the client (${chosen}) was honoured (HTTP ${res.status})`, {
      finding: 'honoured',
      expected: 'another client_id',
      actual: chosen,
    });
  });

  check(CREATE.FORBIDDEN, async ({ clients }) => {
    const problems: Violation[] = [];
    for (const [field, value] of FORBIDDEN_FIELDS) {
      const { res } = await clients.register(sampleMetadata(`forbidden ${field}`, { [field]: value }));
      try {
        mustBeRefused(res, `${field}=${JSON.stringify(value)}`);
      } catch (e) {
        if (!(e instanceof Violation)) throw e;
        problems.push(e);
      }
    }
    must(problems.length === 0, problems.map((p) => p.message).join('; '), {
      finding: problems
        .map((p) => p.finding)
        .sort()
        .join(','),
    });
  });

  check(CREATE.REFUSED_NOTHING_LEFT, async ({ clients, http, settings }) => {
    const bodies: Array<[string, Record<string, unknown>]> = [
      ['a chosen client_secret', sampleMetadata('refused secret', { client_secret: 'chosen-by-the-client-1234567890' })],
      ...FORBIDDEN_FIELDS.map(([field, value]): [string, Record<string, unknown>] => [
        `${field}=${JSON.stringify(value)}`,
        sampleMetadata(`refused ${field}`, { [field]: value }),
      ]),
    ];
    let refused = 0;
    for (const [what, sent] of bodies) {
      const { res } = await clients.register(sent);
      if (res.status < 400 || res.status >= 500) continue; // accepted: REG-CREATE-SECRET-CHOSEN / REG-CREATE-FORBIDDEN-FIELDS judge that
      refused++;
      await mustLeaveNothing(http, settings, sent.client_name as string, `a registration with ${what}`);
    }
    if (!refused)
      blocked('none of these registrations was refused', ['REG-CREATE-SECRET-CHOSEN', 'REG-CREATE-FORBIDDEN-FIELDS'], 'none-refused');
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
    const { res } = await clients.register(
      sampleMetadata('post logout', { post_logout_redirect_uris: ['https://elsewhere.example.net/bye'] }),
    );
    mustBeRefusedWith(res, 400, 'invalid_client_metadata', 'a post_logout_redirect_uri on an origin of no redirect URI');
  });

  check(CREATE.USERINFO_ALG, async ({ clients, http }) => {
    const { res, client } = await clients.register(sampleMetadata('userinfo alg', { userinfo_signed_response_alg: 'XS999' }));
    if (res.status >= 200 && res.status < 300) {
      must(
        res.json?.userinfo_signed_response_alg !== 'XS999',
        'the unsupported userinfo_signed_response_alg XS999 was registered as sent',
        { finding: 'registered-as-sent' },
      );
      // Accepted without the member in the answer: what was registered is what a read says.
      if (res.json?.userinfo_signed_response_alg === undefined) {
        if (!client?.token)
          blocked(
            'the registration response has no registration_access_token to read the client back with',
            'REG-CREATE-RAT',
            'rat-missing',
          );
        const stored = await readBack(http, client);
        must(
          stored.userinfo_signed_response_alg !== 'XS999',
          'the unsupported userinfo_signed_response_alg XS999 was registered as sent (the read says so)',
          { finding: 'registered-as-sent' },
        );
        must(
          stored.userinfo_signed_response_alg !== undefined,
          'the registration was accepted, and neither its answer nor a read says which userinfo_signed_response_alg was registered in place of XS999',
          { finding: 'replacement-unsaid' },
        );
      }
      return;
    }
    mustBeRefusedWith(res, 400, 'invalid_client_metadata', 'an unsupported userinfo_signed_response_alg');
  });

  check(CREATE.REDIRECT_CLIENT_TYPE, async ({ clients }) => {
    const web = { grant_types: ['implicit'], response_types: ['id_token'], post_logout_redirect_uris: [] };
    const native = { application_type: 'native', post_logout_redirect_uris: [] };
    const refused: Array<[string, Record<string, unknown>, string]> = [
      ['web-implicit-http', web, 'http://rp.example.com/cb'],
      ['web-implicit-localhost', web, 'https://localhost/cb'],
      // Not an https URI: RFC 8252 §7.2 lets native apps claim those, where Registration 1.0 names only the two kinds.
      ['native-http-remote', native, 'http://rp.example.com/cb'],
    ];
    const accepted: string[] = [];
    for (const [name, type, uri] of refused) {
      const { res } = await clients.register(sampleMetadata(`client type ${name}`, { ...type, redirect_uris: [uri] }));
      if (res.status >= 200 && res.status < 300) accepted.push(name);
      else mustBeRefusedWith(res, 400, ['invalid_redirect_uri', 'invalid_client_metadata'], `a ${name} client with redirect URI ${uri}`);
    }
    must(accepted.length === 0, `registered although Registration 1.0 §2 forbids their redirect URIs: ${accepted.join(', ')}`, {
      finding: accepted.map((a) => `accepted:${a}`).join(','),
      expected: 'each refused',
      actual: accepted,
    });
    // The controls: the same client types with the redirect URIs §2 allows them are registered.
    const allowed: Array<[string, Record<string, unknown>]> = [
      ['a web client using the implicit grant with an https redirect URI', { ...web, redirect_uris: ['https://rp.example.com/cb'] }],
      ['a native client with an http loopback redirect URI', { ...native, redirect_uris: ['http://127.0.0.1:9/cb'] }],
    ];
    for (const [what, metadata] of allowed) {
      const control = await clients.register(sampleMetadata('client type control', metadata));
      if (!control.client)
        blocked(
          `the control, ${what}, was refused too (HTTP ${control.res.status}), so the refusals prove nothing`,
          'REG-CREATE-STATUS-201',
          `refused:${control.res.status}`,
        );
    }
  });

  // Front-Channel Logout 1.0 §2, Back-Channel Logout 1.0 §2.2: each logout URI that is not allowed, refused.
  const refusedLogoutUris: Array<[CheckDef, 'frontchannel' | 'backchannel', string, string]> = [
    [CREATE.FRONTCHANNEL_ORIGIN, 'frontchannel', 'https://elsewhere.example.net/logout', 'on an origin of no redirect URI'],
    [CREATE.FRONTCHANNEL_ABSOLUTE, 'frontchannel', 'logout/frontchannel', 'that is relative'],
    [CREATE.FRONTCHANNEL_FRAGMENT, 'frontchannel', `${VALID_LOGOUT_URI}#section`, 'with a fragment'],
    [CREATE.BACKCHANNEL_ABSOLUTE, 'backchannel', 'logout/backchannel', 'that is relative'],
    [CREATE.BACKCHANNEL_FRAGMENT, 'backchannel', `${VALID_LOGOUT_URI}#section`, 'with a fragment'],
  ];
  for (const [def, channel, bad, how] of refusedLogoutUris)
    check(def, async ({ clients, discovery }) => {
      requireLogoutChannel(discovery, channel);
      await mustRefuseLogoutUri(clients, channel, bad, `a ${channel}_logout_uri ${how}`);
    });

  check(CREATE.DEFAULTS, async ({ clients, login, http, discovery }) => {
    // Only what the rule needs, and none of the three members whose defaults it judges.
    const client = await registered(clients, {
      client_name: sampleMetadata('defaults').client_name,
      redirect_uris: [DEFAULT_REDIRECT_URI],
      scope: 'openid',
    });
    const body = client.created.json;
    // What the response says must be the defaults; what it leaves unsaid must work as the defaults do.
    const said = {
      token_endpoint_auth_method: body.token_endpoint_auth_method,
      grant_types: body.grant_types,
      response_types: body.response_types,
    };
    const unsaid = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);
    const off = [
      ...(unsaid(said.token_endpoint_auth_method) || said.token_endpoint_auth_method === 'client_secret_basic'
        ? []
        : [`token_endpoint_auth_method ${JSON.stringify(said.token_endpoint_auth_method)}`]),
      ...(unsaid(said.grant_types) || JSON.stringify(said.grant_types) === '["authorization_code"]'
        ? []
        : [`grant_types ${JSON.stringify(said.grant_types)}`]),
      ...(unsaid(said.response_types) || JSON.stringify(said.response_types) === '["code"]'
        ? []
        : [`response_types ${JSON.stringify(said.response_types)}`]),
    ];
    must(
      off.length === 0,
      `a client registered without them got ${off.join(', ')}, not the defaults client_secret_basic, ["authorization_code"], ["code"]`,
      { finding: 'not-defaults', expected: DEFAULTS, actual: said },
    );
    // As it works: the code flow with client_secret_basic (the harness's sign-in uses the registered method, the default here).
    login.requireFreshFlow('the defaults are judged by a sign-in with the client');
    await login.signIn({ client, scope: ['openid'] });
    requireClientCredentials(discovery);
    const cc = await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic');
    must(
      cc.status !== 200,
      'the client_credentials grant issued a token to a client registered with the default grant types (authorization_code only)',
      { finding: 'client-credentials-granted', expected: 'a refusal', actual: cc.status },
    );
  });

  check(CREATE.UNKNOWN_MEMBERS, async ({ clients }) => {
    const { res } = await clients.register(
      sampleMetadata('unknown members', {
        [`${UNKNOWN_MEMBER_PREFIX}flag`]: 'ignored',
        [`${UNKNOWN_MEMBER_PREFIX}object`]: { nested: [1, 2] },
      }),
    );
    must(
      res.status >= 200 && res.status < 300,
      `a registration with metadata members the server does not know answered HTTP ${res.status}${res.json?.error ? ` (${res.json.error})` : ''}: they must be ignored, not refused`,
      { finding: `status:${res.status}`, expected: '2xx', actual: res.status },
    );
  });

  check(CREATE.BODY_NOT_OBJECT, async ({ clients }) => {
    const problems: Violation[] = [];
    for (const body of ['null', '[]', '"client"', '42']) {
      const { res } = await clients.registerRaw(body);
      try {
        // RFC 7591 §3.2.2 names invalid_client_metadata; a body that is no JSON object is also OAuth's invalid_request.
        mustBeRefusedWith(res, 400, ['invalid_client_metadata', 'invalid_request'], `a registration whose body is ${body}`);
      } catch (e) {
        if (!(e instanceof Violation)) throw e;
        problems.push(new Violation(e.message, { finding: `${body}:${e.finding}` }));
      }
    }
    must(problems.length === 0, problems.map((p) => p.message).join('; '), {
      finding: problems.map((p) => p.finding).join(','),
      expected: '400 invalid_client_metadata (or invalid_request) for each',
      actual: problems.map((p) => p.message),
    });
  });

  check(CREATE.JWKS_AND_URI, async ({ clients }) => {
    const { res } = await clients.register(sampleMetadata('jwks', { jwks: { keys: [] }, jwks_uri: 'https://rp.example.com/jwks.json' }));
    mustBeRefusedWith(res, 400, 'invalid_client_metadata', 'a body with both jwks and jwks_uri');
  });
});

// The observed contract (reports/contract.json) on hand-made exchanges: which operation and templated request
// an exchange is, the shape of its response (member paths and JSON types, never a value), the error codes it
// carries (and only code-shaped ones that are no secret), and the merge of many exchanges into one
// deterministic contract, whatever the order they arrive in.
import { test, expect } from '@playwright/test';
import type { Exchange } from '../harness/http/exchange.ts';
import { classify } from '../harness/contract/operations.ts';
import { exchangeShape, jsonMembers } from '../harness/contract/shape.ts';
import { ContractBuilder, contractText, isContract } from '../harness/contract/contract.ts';
import { rememberSecret } from '../harness/secrets/vault.ts';

const UUID = '3f2b8a4e-9c1d-4e5f-8a7b-0c1d2e3f4a5b';

const ex = (over: Partial<Exchange>): Exchange => ({
  method: 'GET',
  url: 'https://op.example/',
  requestHeaders: {},
  status: 200,
  responseHeaders: { 'content-type': 'application/json; charset=utf-8' },
  responseBody: '{}',
  durationMs: 1,
  ...over,
});

test('operations: Ory paths map to Ory operation ids, ids become {id}, the query and a base path prefix drop out', () => {
  const cases: Array<[string, string, string, string]> = [
    ['POST', 'https://op.example/oauth2/register', 'createOidcDynamicClient', 'POST /oauth2/register'],
    ['GET', `https://op.example/oauth2/register/${UUID}`, 'getOidcDynamicClient', 'GET /oauth2/register/{id}'],
    ['PUT', 'https://op.example/oauth2/register/my-chosen-client', 'setOidcDynamicClient', 'PUT /oauth2/register/{id}'],
    ['DELETE', `https://op.example/oauth2/register/${UUID}/`, 'deleteOidcDynamicClient', 'DELETE /oauth2/register/{id}/'],
    ['PATCH', `https://op.example/oauth2/register/${UUID}`, 'getOidcDynamicClient', 'PATCH /oauth2/register/{id}'],
    [
      'GET',
      'https://op.example/tenant/.well-known/openid-configuration',
      'discoverOidcConfiguration',
      'GET /.well-known/openid-configuration',
    ],
    ['GET', 'https://op.example/.well-known/jwks.json', 'discoverJsonWebKeys', 'GET /.well-known/jwks.json'],
    ['POST', 'https://op.example/userinfo?access_token=abc', 'getOidcUserInfo', 'POST /userinfo'],
    ['GET', 'https://op.example/oauth2/sessions/logout?id_token_hint=x&state=y', 'revokeOidcSession', 'GET /oauth2/sessions/logout'],
    ['POST', 'https://op.example/credentials', 'createVerifiableCredential', 'POST /credentials'],
    ['POST', 'https://op.example/oauth2/token', 'oauth2TokenExchange', 'POST /oauth2/token'],
    ['GET', 'https://op.example/oauth2/auth?client_id=c&state=s', 'oAuth2Authorize', 'GET /oauth2/auth'],
    [
      'PUT',
      'https://admin.example/admin/oauth2/auth/requests/login/accept?login_challenge=abc',
      'admin',
      'PUT /admin/oauth2/auth/requests/login/accept',
    ],
    ['GET', `https://admin.example/admin/clients/${UUID}`, 'admin', 'GET /admin/clients/{id}'],
    [
      'GET',
      `https://admin.example/prefix/admin/trust/grants/jwt-bearer/issuers/${UUID}`,
      'admin',
      'GET /admin/trust/grants/jwt-bearer/issuers/{id}',
    ],
    ['GET', 'https://op.example/somewhere/0123456789abcdef0123/x', 'other', 'GET /somewhere/{id}/x'],
    ['GET', 'https://op.example/somewhere/AbCdEfGh12345678xyz/x', 'other', 'GET /somewhere/{id}/x'],
  ];
  for (const [method, url, operation, request] of cases)
    expect(classify(method, url), `${method} ${url}`).toEqual({ operation, request, received: false });
});

test('operations: requests the provider sends to the harness receiver are their own entries', () => {
  expect(classify('POST', 'http://127.0.0.1:4321/rp/AbC_12-xyz09/backchannel')).toEqual({
    operation: 'revokeOidcSession',
    request: 'POST {backchannel_logout_uri}',
    received: true,
  });
  expect(classify('GET', 'http://127.0.0.1:4321/rp/n0nce/frontchannel?iss=x&sid=y')).toEqual({
    operation: 'revokeOidcSession',
    request: 'GET {frontchannel_logout_uri}',
    received: true,
  });
  expect(classify('GET', 'http://rp.example/base/rp/n0nce/callback?code=x')).toEqual({
    operation: 'oAuth2Authorize',
    request: 'GET {redirect_uri}',
    received: true,
  });
});

test('shape: member paths with JSON types (integer apart from number), array elements as [], presence within the response', () => {
  const members = jsonMembers({
    client_id: 'c',
    n: 1,
    f: 1.5,
    ok: true,
    none: null,
    redirect_uris: ['https://a'],
    empty: [],
    keys: [{ kty: 'RSA', use: 'sig' }, { kty: 'EC' }],
    nested: { a: { b: 1 } },
  });
  const byPath = Object.fromEntries(members.map((m) => [m.path, { types: m.types, always: m.always }]));
  expect(byPath).toEqual({
    client_id: { types: ['string'], always: true },
    n: { types: ['integer'], always: true },
    f: { types: ['number'], always: true },
    ok: { types: ['boolean'], always: true },
    none: { types: ['null'], always: true },
    redirect_uris: { types: ['array'], always: true },
    'redirect_uris[]': { types: ['string'], always: true },
    empty: { types: ['array'], always: true },
    keys: { types: ['array'], always: true },
    'keys[]': { types: ['object'], always: true },
    'keys[].kty': { types: ['string'], always: true },
    'keys[].use': { types: ['string'], always: false },
    nested: { types: ['object'], always: true },
    'nested.a': { types: ['object'], always: true },
    'nested.a.b': { types: ['integer'], always: true },
  });
  expect(members.map((m) => m.path)).toEqual([...members.map((m) => m.path)].sort());
});

test('shape: names that are no identifiers are quoted, random or secret ones become {key}', () => {
  rememberSecret('a-secret-member-name-value', 'client_secret');
  const paths = jsonMembers({
    'https://claims.example/role': 'x',
    [UUID]: 1,
    'a-secret-member-name-value': 2,
    'x.y': 3,
    credential_draft_00: 4,
  }).map((m) => m.path);
  expect(paths).toEqual(['["https://claims.example/role"]', '["x.y"]', 'credential_draft_00', '{key}']);
});

test('shape: no values leave an exchange; headers without the per-response ones; media type without parameters', () => {
  const secretish = ['s3cr3t-client-secret-value', 'ory_at_abc.def', 'https://rp.example/cb', 'Alice Example'];
  const shape = exchangeShape(
    ex({
      method: 'POST',
      url: 'https://op.example/oauth2/register',
      status: 201,
      responseHeaders: {
        'content-type': 'application/json; charset=utf-8',
        Date: 'Mon, 01 Jan 2024 00:00:00 GMT',
        'content-length': '99',
        'cache-control': 'no-store',
        'Set-Cookie': ['a=b'],
        connection: 'keep-alive',
        'transfer-encoding': 'chunked',
      },
      responseBody: JSON.stringify({
        client_id: UUID,
        client_secret: secretish[0],
        registration_access_token: secretish[1],
        redirect_uris: [secretish[2]],
        client_name: secretish[3],
        created_at: '2024-01-01T00:00:00Z',
      }),
    }),
  )!;
  expect(shape).toMatchObject({
    operation: 'createOidcDynamicClient',
    request: 'POST /oauth2/register',
    status: 201,
    contentType: 'application/json',
    headers: ['cache-control', 'content-type', 'set-cookie'],
    body: 'object',
    errors: [],
  });
  const text = JSON.stringify(shape);
  for (const v of [...secretish, UUID, '2024', 'GMT', 'chunked', 'a=b']) expect(text, v).not.toContain(v);
});

test('shape: error codes from the body, a redirect and a challenge; only short code-like ones that are no secret', () => {
  const body = (error: unknown) =>
    exchangeShape(
      ex({ status: 400, responseBody: JSON.stringify({ error, error_description: 'The request is missing a required parameter' }) }),
    )!.errors;
  expect(body('invalid_client_metadata')).toEqual(['invalid_client_metadata']);
  expect(body('x'.repeat(65))).toEqual([]);
  expect(body('<script>')).toEqual([]);
  expect(body({ code: 'nested' })).toEqual([]);
  rememberSecret('leaked_secret_value_42', 'client_secret');
  expect(body('leaked_secret_value_42')).toEqual([]);
  const redirect = exchangeShape(
    ex({ status: 302, responseHeaders: { location: 'https://rp.example/cb?error=access_denied&state=abc' }, responseBody: '' }),
  )!;
  expect(redirect).toMatchObject({ body: 'empty', errors: ['access_denied'] });
  expect(redirect.contentType).toBeUndefined();
  const challenge = exchangeShape(
    ex({
      status: 401,
      responseHeaders: { 'www-authenticate': 'Bearer error="invalid_token", error_description="expired"' },
      responseBody: '',
    }),
  )!;
  expect(challenge.errors).toEqual(['invalid_token']);
});

test('shape: bodies that are not JSON, do not parse, or were cut; no response at all is not part of the contract', () => {
  expect(exchangeShape(ex({ responseHeaders: { 'content-type': 'text/html' }, responseBody: '<html></html>' }))!.body).toBe('not-json');
  expect(exchangeShape(ex({ responseBody: '{"a":' }))!.body).toBe('invalid-json');
  expect(exchangeShape(ex({ truncatedAt: 10 }))!.body).toBe('truncated');
  expect(exchangeShape(ex({ responseHeaders: { 'content-type': 'application/jwk-set+json' }, responseBody: '[1]' }))!).toMatchObject({
    body: 'array',
    members: [{ path: '[]', types: ['integer'] }],
  });
  expect(exchangeShape(ex({ status: undefined, error: 'timeout after 10000 ms' }))).toBeUndefined();
});

test('shape: a back-channel logout POST is described by its content type and form field names', () => {
  const shape = exchangeShape({
    method: 'POST',
    url: 'http://127.0.0.1:5555/rp/n0nce/backchannel',
    requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
    requestBody: 'logout_token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln',
    status: 200,
    responseHeaders: { 'cache-control': 'no-store' },
    responseBody: '',
    durationMs: 1,
  })!;
  expect(shape).toEqual({
    operation: 'revokeOidcSession',
    request: 'POST {backchannel_logout_uri}',
    received: true,
    contentType: 'application/x-www-form-urlencoded',
    headers: [],
    body: 'form',
    members: [{ path: 'logout_token', parent: '', types: ['string'], always: true }],
    errors: [],
  });
  const front = exchangeShape({
    method: 'GET',
    url: 'http://127.0.0.1:5555/rp/n0nce/frontchannel?iss=https%3A%2F%2Fop&sid=abc',
    requestHeaders: {},
    status: 200,
    durationMs: 1,
  })!;
  expect(front.members.map((m) => m.path)).toEqual(['?iss', '?sid']);
});

/** Every order of the exchanges gives the same file. */
function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

test('contract: merged in any order to the same text; presence across responses; types that vary are a set', () => {
  const read = (body: object, status = 200) =>
    exchangeShape(ex({ url: `https://op.example/oauth2/register/${UUID}`, status, responseBody: JSON.stringify(body) }));
  const shapes = [
    read({ client_id: 'a', audience: ['x'], metadata: { k: 1 }, jwks: { keys: [{ kty: 'RSA' }] } }),
    read({ client_id: 'b', audience: null, jwks: { keys: [] } }),
    read({ client_id: 'c', audience: [], metadata: { k: 2, extra: true } }),
    read({ error: 'invalid_token' }, 401),
  ];
  const texts = new Set(
    permutations(shapes).map((order) => {
      const b = new ContractBuilder();
      for (const s of order) b.add(s);
      return contractText(b.build());
    }),
  );
  expect(texts.size).toBe(1);
  const contract = JSON.parse([...texts][0]);
  expect(isContract(contract)).toBe(true);
  const ok = contract.operations.getOidcDynamicClient['GET /oauth2/register/{id}'].responses['200'];
  expect(ok.members).toEqual({
    audience: { types: ['array', 'null'], always: true },
    'audience[]': { types: ['string'], always: true },
    client_id: { types: ['string'], always: true },
    jwks: { types: ['object'], always: false },
    'jwks.keys': { types: ['array'], always: true }, // always there when jwks is
    'jwks.keys[]': { types: ['object'], always: true },
    'jwks.keys[].kty': { types: ['string'], always: true },
    metadata: { types: ['object'], always: false },
    'metadata.extra': { types: ['boolean'], always: false },
    'metadata.k': { types: ['integer'], always: true },
  });
  expect(ok).toMatchObject({ contentTypes: ['application/json'], body: ['object'], errors: [] });
  expect(contract.operations.getOidcDynamicClient['GET /oauth2/register/{id}'].responses['401'].errors).toEqual(['invalid_token']);
  expect(Object.keys(contract)).toEqual(['version', 'operations']);
});

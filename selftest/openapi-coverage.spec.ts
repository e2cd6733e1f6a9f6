// The parts behind OIDC_OPENAPI's coverage and document checks, on documents of our own: the members a schema
// declares ($ref, allOf, arrays, maps, free-form objects, cycles, the depth bound), the coverage of a document by an
// observed contract (templates that differ, ranges and default, nested gaps said once), and the judgement of the
// answers to undeclared methods and to bodies of the wrong type.
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { loadOpenApi, OpenApiContract, MEMBER_DEPTH } from '../harness/schema/openapi.ts';
import { openApiCoverage, coverageConsoleLines, compareMembers } from '../harness/contract/openapi-coverage.ts';
import type { Contract, StatusShape } from '../harness/contract/contract.ts';
import { HttpResponse } from '../harness/http/client.ts';
import {
  judgeMethodProbes,
  wrongTypeBody,
  sendable,
  parameterValue,
  judgeInvalidAnswer,
  judgeValidAnswer,
} from '../checks/rules/openapi-document.ts';
import { ALL_CHECK_IDS } from '../checks/catalogue/index.ts';
import { OAS, OAS_DOCUMENT } from '../checks/catalogue/openapi.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

const doc = (paths: object, schemas: object = {}) =>
  new OpenApiContract({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths, components: { schemas } } as never);
const withSchema = (schema: object, schemas: object = {}) =>
  doc({ '/x': { get: { responses: { 200: { description: 'x', content: { 'application/json': { schema } } } } } } }, schemas);
const membersOf = (c: OpenApiContract) => c.documentedResponses('GET', '/x')[0]!.members!;

const slot = (members: string[]): StatusShape => ({
  contentTypes: ['application/json'],
  headers: [],
  body: ['object'],
  errors: [],
  members: Object.fromEntries(members.map((m) => [m, { types: ['string'], always: true }])),
});

test('declared members: properties through $ref and allOf, array elements as name[], a map as {key}, writeOnly apart', () => {
  const c = withSchema(
    {
      allOf: [
        { $ref: '#/components/schemas/Base' },
        {
          type: 'object',
          properties: { keys: { type: 'array', items: { $ref: '#/components/schemas/Key' } }, 'odd name': { type: 'string' } },
        },
      ],
    },
    {
      Base: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          secret: { type: 'string', writeOnly: true },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
      Key: { type: 'object', properties: { kty: { type: 'string' }, x5c: { type: 'array', items: { type: 'string' } } } },
    },
  );
  expect(membersOf(c)).toEqual({
    paths: ['["odd name"]', 'id', 'keys', 'keys[]', 'keys[].kty', 'keys[].x5c', 'keys[].x5c[]', 'labels', 'labels.{key}'],
    writeOnly: ['secret'],
    open: [],
  });
});

test('declared members: a free-form object, a cycle and the depth bound leave open paths', () => {
  const c = withSchema(
    { $ref: '#/components/schemas/Node' },
    {
      Node: { type: 'object', properties: { metadata: { type: 'object' }, any: {}, child: { $ref: '#/components/schemas/Node' } } },
    },
  );
  const m = membersOf(c);
  expect(m.paths).toEqual(['any', 'child', 'metadata']);
  expect(m.open).toEqual(['any', 'child', 'metadata']);

  let deep: object = { type: 'string' };
  for (let i = 0; i < MEMBER_DEPTH + 2; i++) deep = { type: 'object', properties: { a: deep } };
  const cut = membersOf(withSchema(deep));
  expect(cut.paths.at(-1)).toBe(Array(MEMBER_DEPTH).fill('a').join('.'));
  expect(cut.open).toEqual([Array(MEMBER_DEPTH).fill('a').join('.')]);
});

test('comparing members: below an open path everything is declared; a gap is said at its outermost member', () => {
  const declared = { paths: ['a', 'a.b', 'a.b.c', 'm', 'm.{key}', 'free'], writeOnly: ['w'], open: ['free'] };
  expect(compareMembers(declared, ['m', 'm.{key}', 'm.anything', 'free', 'free.x.y', 'w', 'new', 'new.deep', 'items[]'])).toEqual({
    neverSeen: ['a'],
    notDocumented: ['items[]', 'new'],
  });
});

test('coverage of small-openapi.json: statuses never seen, members never seen and undocumented, default and ranges', async () => {
  const c = await loadOpenApi(join(FIXTURES, 'small-openapi.json'), 1000);
  const contract: Contract = {
    version: 1,
    operations: {
      other: {
        'GET /things/{id}': { responses: { 200: slot(['id', 'tags', 'tags[]', 'extra']), 404: slot(['error']) } },
        'DELETE /things/{id}': { responses: { 401: slot(['error']) } },
        'GET /elsewhere': { responses: { 200: slot(['x']) } },
      },
    },
  };
  const coverage = openApiCoverage(c, contract, 'small-openapi.json');
  expect(coverage.operations).toEqual([
    {
      operation: 'GET /things/{id}',
      operationId: 'getThing',
      observedAs: ['GET /things/{id}'],
      statusesSeen: ['200', '404'],
      statusesNeverSeen: ['401'],
      membersNeverSeen: { 200: ['note'] },
      membersNotDocumented: { 200: ['extra'] },
    },
    {
      operation: 'DELETE /things/{id}',
      operationId: 'deleteThing',
      observedAs: ['DELETE /things/{id}'],
      statusesSeen: ['401'],
      statusesNeverSeen: [],
      membersNeverSeen: {},
      membersNotDocumented: {},
    },
  ]);
  expect(coverage.totals).toEqual({ operations: 2, exercised: 2, statusesNeverSeen: 1, membersNeverSeen: 1, membersNotDocumented: 1 });
  expect(coverageConsoleLines(coverage)).toEqual([
    'OpenAPI document coverage (small-openapi.json): 2 of 2 documented operations seen; 1 documented status(es) never seen, 1 documented member(s) never seen, 1 member(s) seen but not documented',
    '  GET /things/{id} (getThing): statuses never seen 401; members never seen (200: note); members seen, not documented (200: extra)',
  ]);
  // The order in which the contract lists things does not matter.
  const reversed: Contract = {
    version: 1,
    operations: { other: Object.fromEntries(Object.entries(contract.operations.other!).reverse()) },
  };
  expect(JSON.stringify(openApiCoverage(c, reversed, 'small-openapi.json'))).toBe(JSON.stringify(coverage));
});

test("coverage matches the harness's templates to the document's: /oauth2/register/{id} is /oauth2/register/{client_id}", () => {
  const c = doc({ '/oauth2/register/{client_id}': { get: { responses: { 200: { description: 'c' }, '4XX': { description: 'e' } } } } });
  const coverage = openApiCoverage(
    c,
    { version: 1, operations: { getOidcDynamicClient: { 'GET /oauth2/register/{id}': { responses: { 401: slot([]) } } } } },
    'd',
  );
  expect(coverage.operations).toEqual([
    {
      operation: 'GET /oauth2/register/{client_id}',
      observedAs: ['GET /oauth2/register/{id}'],
      statusesSeen: ['401'],
      statusesNeverSeen: ['200'],
      membersNeverSeen: {},
      membersNotDocumented: {},
    },
  ]);
});

const answer = (method: string, path: string, status: number, allow?: string) => ({
  method,
  res: new HttpResponse({
    method,
    url: `https://op.example${path}`,
    requestHeaders: {},
    status,
    responseHeaders: allow === undefined ? {} : { allow },
    durationMs: 1,
  }),
});

test('undeclared methods: 405 with Allow of the documented methods passes (OPTIONS, and HEAD beside GET, allowed)', () => {
  const r = judgeMethodProbes(
    '/userinfo',
    ['GET', 'POST'],
    [answer('PUT', '/userinfo', 405, 'GET, HEAD, OPTIONS, POST'), answer('DELETE', '/userinfo', 405, 'GET, HEAD, OPTIONS, POST')],
  );
  expect(r.verdict).toBe('passed');
});

test('undeclared methods: 404, a served method, a missing Allow and an Allow that disagrees with the document are findings', () => {
  const r = judgeMethodProbes(
    '/userinfo',
    ['GET', 'PUT'],
    [answer('POST', '/userinfo', 401), answer('PATCH', '/userinfo', 404), answer('DELETE', '/userinfo', 405, 'GET, OPTIONS, POST')],
  );
  expect(r.verdict).toBe('violation');
  if (r.verdict !== 'violation') return;
  expect(r.finding).toEqual([
    'allow-extra:POST /userinfo',
    'allow-lacks:PUT /userinfo',
    'status-401:POST /userinfo',
    'status-404:PATCH /userinfo',
  ]);
  expect(r.message).toContain('POST /userinfo answered HTTP 401');
  expect(r.message).toContain(
    'it serves POST /userinfo, but the document declares only GET, PUT — the document lacks the operation, or the provider serves a method it should not',
  );
  expect(r.message).toContain('without PUT, which the document declares');
  expect(r.actual).toEqual([
    { request: 'POST /userinfo', status: 401 },
    { request: 'PATCH /userinfo', status: 404 },
    { request: 'DELETE /userinfo', status: 405, allow: 'GET, OPTIONS, POST' },
  ]);
  const bare = judgeMethodProbes('/x', ['GET'], [answer('POST', '/x', 405)]);
  expect(bare.verdict === 'violation' && bare.finding).toEqual(['allow-missing:/x']);
});

test('a body of the wrong type: a documented member of the base gets another type; a closed schema drops undeclared members', async () => {
  const c = await loadOpenApi(join(FIXTURES, 'reference-openapi.json'), 1000);
  const op = c.operations().find((o) => o.operation === 'POST /oauth2/register')!;
  const schema = c.requestBody(op.method, op.template)!.schema;
  expect(Object.keys(schema.properties as object)).toEqual(['client_name', 'redirect_uris', 'scope', 'token_endpoint_auth_method']); // client_id is readOnly
  const wrong = wrongTypeBody(c, op, schema, { client_name: 'n', redirect_uris: ['https://rp.example.com/cb'], contacts: ['a@b.example'] });
  expect(wrong).toEqual({
    member: 'client_name',
    types: ['string'],
    value: 42,
    body: { client_name: 42, redirect_uris: ['https://rp.example.com/cb'] },
  });
  expect(sendable(op)).toBe('create');
  expect(sendable(c.operations().find((o) => o.operation === 'PUT /oauth2/register/{client_id}')!)).toBe('replace');
  expect(sendable(c.operations().find((o) => o.operation === 'GET /oauth2/register/{client_id}')!)).toBeUndefined();
  expect(parameterValue('/oauth2/register/{client_id}')).toBe('registered-client');
  expect(parameterValue('/things/{id}')).toBeUndefined();
});

test('the OpenAPI checks belong to a document: none is in the catalogue of the standards (ALL_CHECKS)', () => {
  const ids = [...Object.values(OAS), ...Object.values(OAS_DOCUMENT)].map((d) => d.id);
  expect(ids.every((id) => id.startsWith('OAS-'))).toBe(true);
  expect(ids.filter((id) => ALL_CHECK_IDS.has(id))).toEqual([]);
});

const reply = (method: string, path: string, status: number, body: unknown) =>
  new HttpResponse({
    method,
    url: `https://op.example${path}`,
    requestHeaders: {},
    status,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: JSON.stringify(body),
    durationMs: 1,
  });

test('a wrong-typed body that is accepted: the finding says which side is off, from what the provider answered', () => {
  const op = { method: 'POST', template: '/oauth2/register', operation: 'POST /oauth2/register' };
  const wrong = { member: 'client_name', types: ['string'], value: 42, body: { client_name: 42 } };
  const said = (status: number, body: unknown) => {
    const r = judgeInvalidAnswer(op, wrong, reply('POST', '/oauth2/register', status, body));
    return r.verdict === 'violation' ? [r.finding.join(), r.message] : [r.verdict];
  };
  expect(said(400, { error: 'invalid_client_metadata' })).toEqual(['passed']);
  expect(said(201, { client_id: 'c', client_name: 42 })).toEqual([
    'accepted:POST /oauth2/register',
    'POST /oauth2/register with client_name: 42 (documented as string) answered HTTP 201: the provider is off: it accepted and kept client_name: 42, which its document types as string',
  ]);
  expect(said(201, { client_id: 'c', client_name: '42' })[1]).toContain(
    'the provider is off: it accepted client_name: 42 and turned it into "42"',
  );
  expect(said(201, { client_id: 'c' })[1]).toContain('the document is off (most likely): the provider ignored client_name');
  expect(said(500, {})).toEqual([
    'server-error-500:POST /oauth2/register',
    'POST /oauth2/register with client_name: 42 (documented as string) answered HTTP 500: the provider is off — it failed instead of refusing a body its document forbids',
  ]);
});

test('a schema-valid body: refused is the document off, a server error the provider off, 2xx passes', () => {
  const op = { method: 'PUT', template: '/oauth2/register/{client_id}', operation: 'PUT /oauth2/register/{client_id}' };
  const verdict = (status: number) =>
    judgeValidAnswer(op, { client_name: 'x' }, 7, reply('PUT', '/oauth2/register/abc', status, { error: 'e', error_description: 'why' }));
  expect(verdict(200).verdict).toBe('passed');
  const refused = verdict(400);
  expect(refused.verdict === 'violation' && [refused.finding, refused.message]).toEqual([
    ['refused-400:PUT /oauth2/register/{client_id}'],
    'PUT /oauth2/register/abc with a body the document allows (json-schema-faker, OIDC_SEED 7: {"client_name":"x"}) answered HTTP 400 (error: e — why): the document is off — it allows a body the provider refuses (a rule the provider enforces that the schema does not state)',
  ]);
  const failed = verdict(503);
  expect(failed.verdict === 'violation' && failed.message).toContain('the provider is off — a body its document allows made it fail');
});

// OIDC_OPENAPI on a small document of our own: listed statuses, `default` not counting for a
// success, schema problems with pointers, OpenAPI keywords (nullable, example, x-*) understood.
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { loadOpenApi } from '../harness/schema/openapi.ts';

const DOC = join(import.meta.dirname, 'fixtures', 'small-openapi.json');
const URL_ = 'https://op.example/things/42';
const json = 'application/json';

test('a listed status with a valid body passes, nullable and x-* keywords included', async () => {
  const c = await loadOpenApi(DOC, 1000);
  const v = c.judge('GET', URL_, 200, json, JSON.stringify({ id: '42', tags: [], note: null }));
  expect(v).toEqual({ operation: 'GET /things/{id}', schemaJudged: true });
});

test('a body that breaks the schema names the pointer', async () => {
  const c = await loadOpenApi(DOC, 1000);
  const v = c.judge('GET', URL_, 200, json, JSON.stringify({ id: 42 }));
  expect(v?.schemaProblem).toBe(
    'the 200 response schema of getThing: at /tags: expected a member (required), got nothing; at /id: expected type string, got number 42',
  );
});

test('a status the operation does not list is reported', async () => {
  const c = await loadOpenApi(DOC, 1000);
  expect(c.judge('GET', URL_, 404, json, '{"error":"x"}')?.statusProblem).toBe(
    'HTTP 404 is not listed for GET /things/{id} (listed: 200, 401)',
  );
});

test('a catch-all default does not document a success status, but does document an error', async () => {
  const c = await loadOpenApi(DOC, 1000);
  expect(c.judge('DELETE', URL_, 204, undefined, '')?.statusProblem).toContain('a catch-all default does not document a success status');
  expect(c.judge('DELETE', URL_, 401, json, '{"error":"denied"}')).toEqual({ operation: 'DELETE /things/{id}', schemaJudged: true });
});

test('requests the document does not describe are not judged', async () => {
  const c = await loadOpenApi(DOC, 1000);
  expect(c.judge('GET', 'https://op.example/other', 200, json, '{}')).toBeUndefined();
});

test('an unreadable or non-OpenAPI document is a settings error naming OIDC_OPENAPI', async () => {
  await expect(loadOpenApi('/nonexistent.json', 1000)).rejects.toThrow(/^OIDC_OPENAPI: cannot read \/nonexistent\.json/);
  await expect(loadOpenApi(join(import.meta.dirname, '..', 'package.json'), 1000)).rejects.toThrow(
    /OIDC_OPENAPI: .* is not an OpenAPI 3\.0 or 3\.1 document/,
  );
});

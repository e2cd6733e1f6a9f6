// Schema failures must tell the reader where, what was expected and what came.
import { test, expect } from '@playwright/test';
import { explain, formatProblems, newAjv, validateAgainst } from '../harness/schema/validator.ts';

test('a missing member names its pointer', () => {
  const msg = formatProblems(validateAgainst('jwks', {}));
  expect(msg).toBe('at /keys: expected a member (required), got nothing');
});

test('a wrong type names the pointer, the expected type and the value that came', () => {
  const msg = formatProblems(validateAgainst('discovery', { issuer: 'https://op.example', scopes_supported: 'openid' }));
  expect(msg).toBe('at /scopes_supported: expected type array, got string "openid"');
});

test('an enum names the allowed values', () => {
  const msg = formatProblems(validateAgainst('discovery', { subject_types_supported: ['public', 'secret'] }));
  expect(msg).toBe('at /subject_types_supported/1: expected one of ["public","pairwise"], got string "secret"');
});

test('a format or pattern failure says which rule failed', () => {
  const msg = formatProblems(validateAgainst('error', { error: 'bad "quoted" code' }));
  expect(msg).toContain('at /error: expected pattern:');
  expect(msg).toContain('got string "bad \\"quoted\\" code"');
});

test('a valid document has no problems', () => {
  expect(
    validateAgainst('error', { error: 'invalid_client_metadata', error_description: 'redirect_uris must not contain fragments' }),
  ).toEqual([]);
});

test('a body that fails only a oneOf (it matches two branches) is not valid: the oneOf itself is the problem', () => {
  const ajv = newAjv();
  const validate = ajv.compile({ oneOf: [{ type: 'string' }, { type: 'string', minLength: 1 }] });
  expect(validate('two branches')).toBe(false);
  const problems = explain(validate.errors, 'two branches');
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({ pointer: '/', keyword: 'oneOf' });
});

test('a failing anyOf is explained by its branches, and never by nothing', () => {
  const ajv = newAjv();
  const validate = ajv.compile({ type: 'object', properties: { aud: { anyOf: [{ type: 'string' }, { type: 'array' }] } } });
  expect(validate({ aud: 3 })).toBe(false);
  const problems = explain(validate.errors, { aud: 3 });
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.every((p) => p.pointer === '/aud')).toBe(true);
});

test('an if/then failure is explained by its then branch', () => {
  const ajv = newAjv();
  const validate = ajv.compile({
    type: 'object',
    if: { properties: { a: { const: 1 } }, required: ['a'] },
    then: { properties: { b: {} }, required: ['b'] },
  });
  expect(validate({ a: 1 })).toBe(false);
  expect(formatProblems(explain(validate.errors, { a: 1 }))).toBe('at /b: expected a member (required), got nothing');
});

// Schema failures must tell the reader where, what was expected and what came.
import { test, expect } from '@playwright/test';
import { formatProblems, validateAgainst } from '../harness/schema/validator.ts';

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
  expect(validateAgainst('error', { error: 'invalid_client_metadata', error_description: 'redirect_uris must not contain fragments' })).toEqual([]);
});

// An error body reads as words in every message, whichever shape the provider answers with (issue: Ory's own
// `{"error":{"code":…,"status":…,"message":…}}` printed as "[object Object]").
import { test, expect } from '@playwright/test';
import { errorHint, errorText } from '../harness/http/error-body.ts';

test("OAuth's error and Ory's herodot error both read as words; no error, no words", () => {
  expect(errorText({ json: { error: 'invalid_request', error_description: 'no client_id' } })).toBe('invalid_request — no client_id');
  const ory = { error: { code: 429, status: 'Too Many Requests', message: 'Rate limit exceeded', reason: 'project quota' } };
  expect(errorHint({ json: ory })).toBe(' (Too Many Requests: Rate limit exceeded: project quota)');
  expect(errorText({ json: ory })).not.toContain('[object Object]');
  expect(errorHint({ json: { client_id: 'x' } })).toBe('');
  expect(errorHint({ json: undefined })).toBe('');
});

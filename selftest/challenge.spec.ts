// RFC 7235 / RFC 6750 §3 challenge syntax on hand-made WWW-Authenticate values (checks/rules/challenge.ts).
import { test, expect } from '@playwright/test';
import { parseChallenges } from '../checks/rules/challenge.ts';

test('a bare scheme, a token68 and auth-params each parse as what they are', () => {
  expect(parseChallenges('Bearer')).toEqual([{ scheme: 'Bearer', params: [] }]);
  expect(parseChallenges('Basic dXNlcjpwYXNz==')).toEqual([{ scheme: 'Basic', params: [], token68: 'dXNlcjpwYXNz==' }]);
  expect(parseChallenges('Bearer error="invalid_token", error_description="The token expired"')).toEqual([
    {
      scheme: 'Bearer',
      params: [
        ['error', 'invalid_token'],
        ['error_description', 'The token expired'],
      ],
    },
  ]);
});

test('several challenges in one value, and quoted-pairs unescaped', () => {
  expect(parseChallenges('Basic realm="a", Bearer error=invalid_token,realm="x \\"y\\""')).toEqual([
    { scheme: 'Basic', params: [['realm', 'a']] },
    {
      scheme: 'Bearer',
      params: [
        ['error', 'invalid_token'],
        ['realm', 'x "y"'],
      ],
    },
  ]);
});

test('what is not a list of challenges does not parse', () => {
  expect(parseChallenges('Bearer error="unterminated')).toBeUndefined();
  expect(parseChallenges('Bearer error="a" realm="b"')).toBeUndefined();
  expect(parseChallenges('="x"')).toBeUndefined();
});

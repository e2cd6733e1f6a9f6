// DISC-JWKS-USE-MIXED's and DISC-JWKS-SIG-ENC-DISTINCT's rules on hand-made key sets (no single-defect reference can break them: the
// reference publishes signing keys only, as Hydra does).
import { test, expect } from '@playwright/test';
import type { JWK } from 'jose';
import { encryptionKeysAlsoSigning, keysWithoutUseInMixedSet, keyPurpose } from '../checks/rules/jwk.ts';

const rsa = (extra: Partial<JWK> = {}): JWK => ({ kty: 'RSA', n: 'AQAB', e: 'AQAB', ...extra });

test('a set of signing keys only is outside the rule', () => {
  expect(keysWithoutUseInMixedSet([rsa({ alg: 'RS256' }), rsa()])).toBeUndefined();
});

test('a mixed set names every key without use, also the one that says enc only by its alg', () => {
  expect(keysWithoutUseInMixedSet([rsa({ use: 'sig' }), rsa({ alg: 'RSA-OAEP' }), rsa()])).toEqual([1, 2]);
  expect(keysWithoutUseInMixedSet([rsa({ use: 'sig' }), rsa({ use: 'enc' })])).toEqual([]);
});

test('what a key is for: use, else alg, else key_ops', () => {
  expect(keyPurpose(rsa({ key_ops: ['wrapKey'] }))).toBe('enc');
  expect(keyPurpose(rsa({ alg: 'ECDH-ES+A128KW' }))).toBe('enc');
  expect(keyPurpose(rsa({ alg: 'PS256' }))).toBe('sig');
  expect(keyPurpose(rsa())).toBeUndefined();
});

test('a key published for encryption with the material of a signing key is named; distinct keys are not', () => {
  expect(encryptionKeysAlsoSigning([rsa({ use: 'sig' })])).toBeUndefined();
  expect(encryptionKeysAlsoSigning([rsa({ use: 'sig', kid: 's' }), rsa({ use: 'enc', kid: 'e' })])).toEqual([1]);
  expect(encryptionKeysAlsoSigning([rsa({ use: 'sig' }), rsa({ use: 'enc', n: 'AQAC' })])).toEqual([]);
  expect(encryptionKeysAlsoSigning([rsa({ alg: 'RS256' }), rsa({ alg: 'RSA-OAEP' })])).toEqual([1]);
});

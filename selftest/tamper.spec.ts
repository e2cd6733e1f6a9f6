// A tampered token is never the token the provider issued: for an RS256 JWT, changing the last character
// of the signature can leave the decoded signature as it was (padding bits); tamperedToken must not.
import { test, expect } from '@playwright/test';
import { compactVerify, generateKeyPair, SignJWT } from 'jose';
import { tamperedToken } from '../checks/rules/jws.ts';

test('every tampered RS256 JWT and opaque token decodes to other bytes than the original', async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  for (let i = 0; i < 200; i++) {
    const jwt = await new SignJWT({ sub: `user-${i}` }).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    const forged = tamperedToken(jwt);
    expect(forged).not.toBe(jwt);
    await expect(compactVerify(forged, publicKey), `tampered copy of JWT #${i} still verifies`).rejects.toThrow();
  }
  for (let i = 0; i < 200; i++) {
    const opaque = `ory_at_${Buffer.from(`payload-${i}`).toString('base64url')}.${Buffer.from(`signature-${i}-xyz`).toString('base64url')}`;
    const forged = tamperedToken(opaque);
    const sig = (t: string) => Buffer.from(t.slice(t.lastIndexOf('.') + 1), 'base64url');
    expect(sig(forged).equals(sig(opaque)), `tampered copy of ${opaque} has the same signature bytes`).toBe(false);
  }
});

test('the old tamper (last character) can leave an RS256 signature unchanged: the reason for the new one', async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  let unchanged = 0;
  for (let i = 0; i < 100; i++) {
    const jwt = await new SignJWT({ sub: `user-${i}` }).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    const lastChanged = jwt.slice(0, -1) + (jwt.endsWith('A') ? 'B' : 'A');
    if (
      await compactVerify(lastChanged, publicKey).then(
        () => true,
        () => false,
      )
    )
      unchanged++;
  }
  expect(unchanged).toBeGreaterThan(0);
});

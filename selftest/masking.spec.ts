// Masking on its own: every secret shape, in every place a secret travels.
import { test, expect } from '@playwright/test';
import { maskBody, maskHeader, maskJson, maskText, maskUrl } from '../harness/secrets/mask.ts';
import { isSecretSetting, rememberSecret, rememberSecretSettings } from '../harness/secrets/vault.ts';
import { curl, transcript, type Exchange } from '../harness/http/exchange.ts';
import { basicCredentials } from '../harness/http/client.ts';

const SECRET = 'Zq8~x.Y_3kP-0aBcDeFgHiJkLm'; // Hydra-style generated secret
const RAT = 'ory_at_abcDEF123.ghiJKL456';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLWJ5dGVz';

test('JSON bodies: secret members are masked at any depth, other members kept', () => {
  const out = JSON.stringify(
    maskJson({ client_id: 'abc', client_secret: SECRET, nested: { registration_access_token: RAT, list: [{ id_token: JWT }] } }),
  );
  for (const s of [SECRET, RAT, JWT]) expect(out).not.toContain(s);
  expect(out).toContain('"client_id":"abc"');
  expect(out).toMatch(/\[masked:client_secret#[0-9a-f]{6}\]/);
});

test('headers: Authorization keeps its scheme, cookies keep their names', () => {
  expect(maskHeader('Authorization', `Bearer ${RAT}`)).toMatch(/^Bearer \[masked:/);
  const basic = basicCredentials('client', SECRET);
  expect(maskHeader('authorization', basic)).not.toContain(basic.split(' ')[1]);
  const cookie = maskHeader('cookie', 'ory_hydra_session_dev=s3cr3t-session-value; other=v4lue-that-is-long');
  expect(cookie).toMatch(/^ory_hydra_session_dev=\[masked:cookie#/);
  expect(cookie).not.toContain('s3cr3t-session-value');
  expect(maskHeader('set-cookie', 'sid=abcdef123456; Path=/; HttpOnly')).toMatch(/^sid=\[masked:cookie#[0-9a-f]+\]; Path=\/; HttpOnly$/);
  expect(maskHeader('content-type', 'application/json')).toBe('application/json');
});

test('query strings and form bodies: secret parameters are masked, percent-encoded or not', () => {
  const url = maskUrl(
    `https://op.example/oauth2/sessions/logout?id_token_hint=${JWT}&state=abcdefgh&post_logout_redirect_uri=https%3A%2F%2Frp%2Fcb`,
  );
  expect(url).not.toContain(JWT);
  expect(url).toContain('state=abcdefgh');
  const form = maskBody(
    `grant_type=client_credentials&client_id=c1&client_secret=${encodeURIComponent(SECRET)}`,
    'application/x-www-form-urlencoded',
  );
  expect(form).not.toContain(SECRET);
  expect(form).not.toContain(encodeURIComponent(SECRET));
  expect(form).toContain('grant_type=client_credentials');
});

test('free text: a secret seen once is masked wherever it turns up later, and token shapes always', () => {
  rememberSecret('plain-admin-token-0123456789', 'admin_token');
  expect(maskText('the token plain-admin-token-0123456789 was refused')).not.toContain('plain-admin-token-0123456789');
  expect(maskText(`error for ${RAT}`)).not.toContain(RAT);
  expect(maskText(`hint ${JWT} end`)).not.toContain(JWT);
});

test('transcripts and curl commands carry no secret', () => {
  const ex: Exchange = {
    method: 'POST',
    url: `https://op.example/oauth2/token?access_token=${RAT}`,
    requestHeaders: {
      authorization: basicCredentials('c1', SECRET),
      'content-type': 'application/x-www-form-urlencoded',
      cookie: 'a=cookie-secret-value',
    },
    requestBody: `grant_type=refresh_token&refresh_token=ory_rt_refresh.value`,
    status: 200,
    responseHeaders: { 'content-type': 'application/json', 'set-cookie': ['b=other-cookie-secret; Path=/'] },
    responseBody: JSON.stringify({ access_token: 'ory_at_new.token', id_token: JWT, refresh_token: 'ory_rt_x.y', token_type: 'bearer' }),
    durationMs: 3,
  };
  for (const text of [transcript(ex), curl(ex)]) {
    for (const s of [
      SECRET,
      RAT,
      JWT,
      'ory_rt_refresh.value',
      'ory_at_new.token',
      'cookie-secret-value',
      'other-cookie-secret',
      basicCredentials('c1', SECRET).slice(6),
    ]) {
      expect(text, `leaked ${s}`).not.toContain(s);
    }
  }
  expect(curl(ex)).toMatch(/^curl -i -X POST 'https:\/\/op\.example\/oauth2\/token\?access_token=\[masked:/);
});

test('a proof JWT header keeps its public JWK but never private members', () => {
  const out = JSON.stringify(
    maskJson({ proof: { proof_type: 'jwt', jwt: JWT }, jwk: { kty: 'EC', x: 'pub-x', y: 'pub-y', d: 'private-d-value' } }),
  );
  expect(out).not.toContain(JWT);
  expect(out).not.toContain('private-d-value');
  expect(out).toContain('pub-x');
});

test("every private member of a JWK is masked wherever the key is (Hydra's key-creation answer returns p, q, dp, dq, qi)", () => {
  const key = {
    kty: 'RSA',
    kid: 'k1',
    n: 'public-modulus',
    e: 'AQAB',
    d: 'priv-d',
    p: 'priv-p',
    q: 'priv-q',
    dp: 'priv-dp',
    dq: 'priv-dq',
    qi: 'priv-qi',
  };
  const out = JSON.stringify(maskJson({ keys: [key] }));
  for (const m of ['priv-d', 'priv-p', 'priv-q', 'priv-dp', 'priv-dq', 'priv-qi']) expect(out, m).not.toContain(m);
  expect(out).toContain('public-modulus');
  // Remembered: the same value elsewhere in the report is masked too.
  expect(maskText('the key had q=priv-q')).not.toContain('priv-q');
});

test('a short secret is masked by where it was given, not by its length, and only as a word of its own', () => {
  // The login form's password field: a 3-character password is masked in the form body and wherever it turns up later.
  const form = maskBody('username=alice&password=pw7', 'application/x-www-form-urlencoded');
  expect(form).toBe('username=alice&password=[masked:password]');
  expect(maskText('signing in as alice with pw7 failed')).toBe('signing in as alice with [masked:password] failed');
  expect(maskText('apw7b and pw77 are other words')).toBe('apw7b and pw77 are other words');
  // A short value with no such place is not a secret: masking it everywhere would mask ordinary words.
  rememberSecret('abc', 'client_secret');
  expect(maskText('abc')).toBe('abc');
});

test('every *_PASSWORD, *_SECRET and *_TOKEN setting is masked, whatever its length; other settings are not', () => {
  rememberSecretSettings({ OIDC_LOGIN_PASSWORD: 'q9', OIDC_EXTRA_SECRET: 'sec42', OIDC_ADMIN_TOKEN: 'tk3', OIDC_LOGIN_USERNAME: 'alice7' });
  const out = maskText('password q9, secret sec42, token tk3, user alice7');
  for (const s of ['q9', 'sec42', 'tk3']) expect(out).not.toMatch(new RegExp(`\\b${s}\\b`));
  expect(out).toContain('[masked:OIDC_LOGIN_PASSWORD]');
  expect(out).toContain('alice7');
  expect(isSecretSetting('OIDC_LOGIN_PASSWORD')).toBe(true);
  expect(isSecretSetting('OIDC_LOGIN_PASSWORD_SELECTOR')).toBe(false);
});

test('credentials in a URL are masked in any text (a proxy URL, an error message), the rest of the URL kept', () => {
  const out = maskText('GET through http://bob:hunter2@proxy.internal:3128 failed; see https://auth.example.com/path?a=b@c');
  expect(out).not.toContain('hunter2');
  expect(out).not.toContain('bob:');
  expect(out).toContain('http://[masked:url_credentials]@proxy.internal:3128');
  expect(out).toContain('https://auth.example.com/path?a=b@c');
});

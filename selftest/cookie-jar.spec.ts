// The login driver's cookie jar (tough-cookie behind harness/http/cookie-jar.ts): what the driver
// relies on against a provider on loopback http, and that every value becomes a known secret.
import { test, expect } from '@playwright/test';
import { CookieJar } from '../harness/http/cookie-jar.ts';
import { knownSecrets } from '../harness/secrets/vault.ts';

const at = (url: string) => new URL(url);

test('a cookie set over loopback http comes back, and Max-Age=0 deletes it', () => {
  const jar = new CookieJar();
  jar.store(at('http://127.0.0.1:4444/oauth2/auth'), 'oauth2_authentication_csrf=csrf-value-1; Path=/; HttpOnly; SameSite=Lax');
  expect(jar.header(at('http://127.0.0.1:4444/oauth2/token'))).toBe('oauth2_authentication_csrf=csrf-value-1');
  jar.store(at('http://127.0.0.1:4444/oauth2/auth'), 'oauth2_authentication_csrf=; Path=/; Max-Age=0');
  expect(jar.header(at('http://127.0.0.1:4444/oauth2/token'))).toBeUndefined();
});

test('every cookie value is remembered as a secret, a refused one too', () => {
  const jar = new CookieJar();
  jar.store(at('http://127.0.0.1:4444/'), ['kept=remembered-kept-1', 'elsewhere=remembered-refused-1; Domain=example.org']);
  const secrets = new Map(knownSecrets());
  expect(secrets.get('remembered-kept-1')).toBe('cookie');
  expect(secrets.get('remembered-refused-1')).toBe('cookie');
});

test('paths: the longer path first, none outside it', () => {
  const jar = new CookieJar();
  const url = at('http://127.0.0.1:4444/oauth2/auth');
  jar.store(url, ['root=root-value-1; Path=/', 'deep=deep-value-1; Path=/oauth2/sessions']);
  expect(jar.header(at('http://127.0.0.1:4444/oauth2/sessions/logout'))).toBe('deep=deep-value-1; root=root-value-1');
  expect(jar.header(at('http://127.0.0.1:4444/oauth2/sessionsX'))).toBe('root=root-value-1');
  // No Path: the directory of the URL that set it (RFC 6265 §5.1.4).
  jar.store(url, 'dir=dir-value-1');
  expect(jar.header(at('http://127.0.0.1:4444/oauth2/token'))).toContain('dir=dir-value-1');
  expect(jar.header(at('http://127.0.0.1:4444/userinfo'))).toBe('root=root-value-1');
});

test('domains: host-only stays on its host, Domain= on loopback names is accepted, another site is refused', () => {
  const jar = new CookieJar();
  jar.store(at('http://127.0.0.1:4444/'), ['hostonly=ip-value-1', 'ipdomain=ip-value-2; Domain=127.0.0.1']);
  expect(jar.header(at('http://127.0.0.1:4445/'))).toBe('hostonly=ip-value-1; ipdomain=ip-value-2'); // cookies ignore the port
  expect(jar.header(at('http://localhost:4444/'))).toBeUndefined();

  jar.store(at('http://localhost:4444/'), ['lh=localhost-value-1; Domain=localhost', 'sub=sub-value-1; Domain=auth.localhost']);
  expect(jar.header(at('http://localhost:4444/'))).toBe('lh=localhost-value-1');

  jar.store(at('http://auth.example.com/'), [
    'parent=parent-value-1; Domain=example.com',
    'other=other-value-1; Domain=example.org',
    'suffix=suffix-value-1; Domain=com',
  ]);
  expect(jar.header(at('http://www.example.com/'))).toBe('parent=parent-value-1');
  expect(jar.header(at('http://example.org/'))).toBeUndefined();
  expect(jar.header(at('http://other.com/'))).toBeUndefined();
});

test('a Secure cookie is sent over https only, loopback included', () => {
  const jar = new CookieJar();
  jar.store(at('https://127.0.0.1:4444/'), ['secure=secure-value-1; Secure; Path=/', 'plain=plain-value-1; Path=/']);
  expect(jar.header(at('https://127.0.0.1:4444/'))).toBe('secure=secure-value-1; plain=plain-value-1');
  expect(jar.header(at('http://127.0.0.1:4444/'))).toBe('plain=plain-value-1');
  jar.store(at('http://127.0.0.1:4444/'), 'viahttp=secure-value-2; Secure');
  expect(jar.header(at('https://127.0.0.1:4444/'))).not.toContain('viahttp');
});

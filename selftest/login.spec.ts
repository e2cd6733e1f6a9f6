// Signing a user in: the login mode settings, the driver's cookie jar, and the two ways a run goes
// without the ory-admin driver: no way to sign in (every check that needs a user is skipped with
// one reason) and tokens given in settings (checks that need a flow of their own are skipped).
import { test, expect } from '@playwright/test';
import { readSettings, discoveryUrl, SettingsError } from '../harness/config/settings.ts';
import { CookieJar } from '../harness/http/cookie-jar.ts';
import { HttpClient } from '../harness/http/client.ts';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import { startReference, type ReferenceTarget } from '../targets/reference/server.ts';
import { Clients, probeRegistration } from '../fixtures/clients.ts';
import { LoginFlow } from '../fixtures/login.ts';

const BASE = { OIDC_BASE_URL: 'http://127.0.0.1:4444' };

test.describe('OIDC_LOGIN_MODE', () => {
  test('defaults: ory-admin with an admin URL, tokens with an access token, browser with a login form, else none', () => {
    expect(readSettings({ ...BASE, OIDC_ADMIN_URL: 'http://127.0.0.1:4445' }).loginMode).toBe('ory-admin');
    expect(readSettings({ ...BASE, OIDC_ACCESS_TOKEN: 'at-123456' }).loginMode).toBe('tokens');
    expect(
      readSettings({
        ...BASE,
        OIDC_LOGIN_URL_PATTERN: '/login',
        OIDC_LOGIN_USERNAME_SELECTOR: '#u',
        OIDC_LOGIN_USERNAME: 'a',
        OIDC_LOGIN_PASSWORD_SELECTOR: '#p',
        OIDC_LOGIN_PASSWORD: 'pw',
        OIDC_LOGIN_SUBMIT_SELECTOR: 'button',
      }).loginMode,
    ).toBe('browser');
    expect(readSettings(BASE).loginMode).toBeUndefined();
  });

  test('a bad mode and tokens mode without a token name the setting', () => {
    expect(() => readSettings({ ...BASE, OIDC_LOGIN_MODE: 'magic' })).toThrow(
      /OIDC_LOGIN_MODE: "magic" must be ory-admin, browser or tokens/,
    );
    expect(() => readSettings({ ...BASE, OIDC_LOGIN_MODE: 'tokens' })).toThrow(SettingsError);
    expect(() => readSettings({ ...BASE, OIDC_LOGIN_MODE: 'tokens' })).toThrow(/^OIDC_ACCESS_TOKEN: is not set/);
  });
});

test('the cookie jar keeps host, path and expiry apart', () => {
  const jar = new CookieJar();
  const at = new URL('http://127.0.0.1:4444/oauth2/auth');
  jar.store(at, [
    'csrf=abcdef123; Path=/; HttpOnly',
    'deep=zzzzzz999; Path=/oauth2/sessions',
    'gone=yyyyyy888; Max-Age=0',
    'safe=xxxxxx777; Secure',
  ]);
  expect(jar.header(new URL('http://127.0.0.1:4444/oauth2/auth?x=1'))).toBe('csrf=abcdef123');
  expect(jar.header(new URL('http://127.0.0.1:4444/oauth2/sessions/logout'))).toBe('deep=zzzzzz999; csrf=abcdef123');
  expect(jar.header(new URL('http://localhost:4444/oauth2/auth'))).toBeUndefined();
  jar.store(at, 'csrf=; Max-Age=0; Path=/');
  expect(jar.header(at)).toBeUndefined();
});

test.describe('runs without the ory-admin driver', () => {
  let reference: ReferenceTarget;
  test.beforeAll(async () => {
    reference = await startReference();
  });
  test.afterAll(async () => {
    await reference?.close();
  });

  test('with no way to sign in, every check that needs a user is skipped with one reason', async () => {
    const run = await runConformance({ suites: ['userinfo', 'credentials'], env: { OIDC_BASE_URL: reference.issuer, OIDC_ADMIN_URL: '' } });
    const checks = run.summary?.checks ?? [];
    expect(checks.length, run.output.slice(-2000)).toBeGreaterThan(0);
    const needUser = checks.filter(
      (c) =>
        ![
          'UI-REFUSE-NO-TOKEN',
          'UI-REFUSE-STATUS-401',
          'UI-REFUSE-CHALLENGE',
          'UI-REFUSE-NO-TOKEN-NO-CODE',
          'VC-REFUSE-NO-TOKEN',
          'VC-CHALLENGE',
          'UI-REFUSE-NO-OPENID-SCOPE',
        ].includes(c.id),
    );
    for (const c of needUser) {
      expect(c.status, c.id).toBe('skipped');
      expect(c.message, c.id).toMatch(/^no way to sign a user in is configured: set OIDC_ADMIN_URL/);
    }
    expect(checks.filter((c) => c.status === 'failed')).toEqual([]);
  });

  test('with tokens given in settings, fresh-flow checks are skipped and the others judge the tokens', async () => {
    const settings = readSettings({ OIDC_BASE_URL: reference.issuer, OIDC_ADMIN_URL: reference.adminUrl });
    const http = new HttpClient(settings.timeoutMs);
    try {
      const response = await http.send({ url: discoveryUrl(settings.issuer) });
      const discovery = { response, doc: response.json };
      const clients = new Clients(http, http, await probeRegistration(settings, discovery, http), settings);
      const { tokens, clientId } = await new LoginFlow(settings, discovery, http, clients).signIn();
      const run = await runConformance({
        suites: ['tokens', 'userinfo'],
        env: {
          OIDC_BASE_URL: reference.issuer,
          OIDC_ADMIN_URL: '',
          OIDC_LOGIN_MODE: 'tokens',
          OIDC_CLIENT_ID: clientId,
          OIDC_ACCESS_TOKEN: tokens.accessToken,
          OIDC_ID_TOKEN: tokens.idToken,
          OIDC_REFRESH_TOKEN: tokens.refreshToken,
        },
      });
      const by = Object.fromEntries((run.summary?.checks ?? []).map((c) => [c.id, c]));
      expect(run.summary?.totals.failed, run.output.slice(-3000)).toBe(0);
      for (const id of [
        'TOKEN-ID-SIGNATURE',
        'TOKEN-ID-ISS',
        'TOKEN-ID-AUD',
        'TOKEN-ID-AT-HASH',
        'UI-GET-BEARER',
        'UI-SUB-MATCHES-ID-TOKEN',
        'UI-REFUSE-REFRESH-TOKEN',
      ])
        expect(by[id]?.status, id).toBe('passed');
      expect(by['TOKEN-RESPONSE-NO-STORE']?.message).toMatch(/OIDC_LOGIN_MODE=tokens only has the tokens given in settings/);
      expect(by['UI-SIGNED-CONTENT-TYPE']?.message).toMatch(/needs a sign-in with its own clientMetadata/);
      expect(by['UI-REFUSE-REVOKED-TOKEN']?.status).toBe('skipped');
      await clients.cleanup();
    } finally {
      await http.close();
    }
  });
});

// The refresh token of a signed-in user (RFC 6749 §6, Core §12.1): validated, bound to its client, within its grant's
// scope and rotated as Ory's token endpoint does; and revocation (RFC 7009 §2): of an access token (that the refusal
// checks of userinfo and credentials present afterwards), of a refresh token, and not of another client's token.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { REFRESH, REVOKE } from '../checks/catalogue/tokens.ts';
import { blocked, must, mustHaveStatus } from '../checks/rules/verdict.ts';
import { rememberSecret } from '../harness/secrets/vault.ts';
import {
  codeClientMetadata,
  mustRefuseClient,
  mustRefuseGrant,
  refreshTokenOf,
  refreshWith,
  revoke,
  revokeToken,
  tokenEndpoint,
} from '../scenarios/token-endpoint.ts';
import { tamperedToken } from '../checks/rules/jws.ts';
import type { Login } from '../fixtures/login.ts';
import type { Discovery } from '../fixtures/harness.ts';
import type { RegisteredClient } from '../fixtures/clients.ts';
import type { HttpClient, HttpResponse } from '../harness/http/client.ts';

/** The check of a refresh done right. */
const REFRESH_WORKS = 'TOKEN-ID-REFRESH';

/** What the scope check's sign-in asks for and is granted, and a scope its client may ask for that it is not granted. */
const GRANTED = ['openid', 'offline_access'];
const BEYOND = 'profile';

/**
 * A refresh response's scope names nothing beyond the original grant. RFC 6749 §5.1: a response without scope has
 * the scope requested, which is the original grant only for a refresh that asked for no scope (`asIfOriginal`).
 */
function mustScopeWithin(res: HttpResponse, finding: string, what: string, asIfOriginal = false): void {
  const scope: unknown = res.json?.scope;
  if (scope === undefined && asIfOriginal) return;
  must(typeof scope === 'string', `${what} answered a token without scope, which then is the scope asked for: more than was granted`, {
    finding: 'scope-missing',
    expected: GRANTED.join(' '),
    actual: scope ?? null,
  });
  const beyond = scope.split(' ').filter((s) => s !== '' && !GRANTED.includes(s));
  must(beyond.length === 0, `${what} answered scope ${JSON.stringify(scope)}: ${beyond.join(', ')} was never granted`, {
    finding: `${finding}:${beyond.join(',')}`,
    expected: GRANTED.join(' '),
    actual: scope,
  });
}

/** A refresh token just given by a refresh of a fresh sign-in that worked (the rotated one; the one presented where none is given). */
async function refreshedToken(login: Login, http: HttpClient, discovery: Discovery): Promise<{ client: RegisteredClient; token: string }> {
  login.requireFreshFlow('the check presents the refresh token of a sign-in of its own');
  const signedIn = await login.signIn();
  const client = signedIn.client!;
  const original = refreshTokenOf(signedIn);
  const first = await refreshWith(http, discovery, client, original);
  if (first.status !== 200) blocked(`the refresh of a fresh sign-in answered HTTP ${first.status}`, REFRESH_WORKS);
  const rotated: unknown = first.json?.refresh_token;
  rememberSecret(rotated, 'refresh_token');
  return { client, token: typeof rotated === 'string' ? rotated : original };
}

test.describe('oauth2TokenExchange: POST /oauth2/token (refresh_token)', () => {
  check(REFRESH.OTHER_CLIENT, async ({ login, clients, http, discovery }) => {
    login.requireFreshFlow('the check presents the refresh token of a sign-in of its own');
    const signedIn = await login.signIn();
    const token = refreshTokenOf(signedIn);
    const other = await clients.create(codeClientMetadata());
    mustRefuseGrant(await refreshWith(http, discovery, other, token), {
      what: 'another client presenting the refresh token (with its own valid credentials)',
      accepted: 'other-client',
      client: other,
      root: REFRESH_WORKS,
    });
    const own = await refreshWith(http, discovery, signedIn.client!, token);
    if (own.status !== 200)
      blocked(
        `the refresh by the client it was issued to answered HTTP ${own.status} afterwards, so the refusal proves nothing`,
        REFRESH_WORKS,
      );
  });

  check(REFRESH.NO_CLIENT_AUTH, async ({ login, http, discovery }) => {
    login.requireFreshFlow('the check presents the refresh token of a sign-in of its own');
    const signedIn = await login.signIn();
    const token = refreshTokenOf(signedIn);
    const res = await http.send({
      url: tokenEndpoint(discovery),
      form: { grant_type: 'refresh_token', refresh_token: token, client_id: signedIn.clientId },
    });
    if (res.status >= 500)
      blocked(`the refresh without client authentication answered HTTP ${res.status}: neither a refusal nor a token`, REFRESH_WORKS);
    mustRefuseClient(res, "a confidential client's refresh token presented with its client_id alone", 'accepted:no-client-auth');
    const own = await refreshWith(http, discovery, signedIn.client!, token);
    if (own.status !== 200)
      blocked(
        `the refresh with the client's authentication answered HTTP ${own.status} afterwards, so the refusal proves nothing`,
        REFRESH_WORKS,
      );
  });

  check(REFRESH.TAMPERED, async ({ login, http, discovery }) => {
    login.requireFreshFlow('the check presents the refresh token of a sign-in of its own');
    const signedIn = await login.signIn();
    const token = refreshTokenOf(signedIn);
    mustRefuseGrant(await refreshWith(http, discovery, signedIn.client!, tamperedToken(token)), {
      what: 'the refresh token with one character of its last part changed',
      accepted: 'tampered-refresh-token',
      client: signedIn.client!,
      root: REFRESH_WORKS,
    });
    const own = await refreshWith(http, discovery, signedIn.client!, token);
    if (own.status !== 200)
      blocked(`the refresh token as issued answered HTTP ${own.status} afterwards, so the refusal proves nothing`, REFRESH_WORKS);
  });

  check(REFRESH.SCOPE, async ({ login, http, discovery }) => {
    login.requireFreshFlow('the check refreshes a sign-in of its own');
    // The client may ask for profile, and the sign-in neither asks for it nor is granted it.
    const signedIn = await login.signIn({ clientMetadata: { scope: [...GRANTED, BEYOND].join(' ') }, scope: GRANTED });
    const client = signedIn.client!;
    const token = refreshTokenOf(signedIn);
    const wider = await refreshWith(http, discovery, client, token, [...GRANTED, BEYOND]);
    if (wider.status >= 500) blocked(`the refresh asking for ${BEYOND} answered HTTP ${wider.status}`, REFRESH_WORKS);
    let next = wider;
    if (wider.status === 200) mustScopeWithin(wider, 'scope-exceeds', `the refresh asking for ${[...GRANTED, BEYOND].join(' ')}`);
    else {
      mustRefuseGrant(wider, {
        what: `the refresh asking for ${BEYOND}, never granted`,
        accepted: 'scope',
        client,
        root: REFRESH_WORKS,
        codes: ['invalid_scope'],
      });
      next = await refreshWith(http, discovery, client, token);
      if (next.status !== 200)
        blocked(`the same refresh without scope answered HTTP ${next.status}, so the refusal proves nothing`, REFRESH_WORKS);
    }
    // The new refresh token has the scope of the one presented: its own refresh grants the original scope.
    const rotated: unknown = next.json?.refresh_token;
    if (typeof rotated !== 'string') return; // no new refresh token: the one presented stays, with its scope
    rememberSecret(rotated, 'refresh_token');
    const again = await refreshWith(http, discovery, client, rotated);
    if (again.status !== 200) blocked(`the refresh with the new refresh token answered HTTP ${again.status}`, REFRESH_WORKS);
    mustScopeWithin(again, 'rotated-scope-exceeds', 'the refresh with the new refresh token', true);
  });

  check(REFRESH.REUSE, async ({ login, http, discovery }) => {
    login.requireFreshFlow('the check rotates the refresh token of a sign-in of its own');
    const signedIn = await login.signIn();
    const token = refreshTokenOf(signedIn);
    const first = await refreshWith(http, discovery, signedIn.client!, token);
    if (first.status !== 200) blocked(`the refresh answered HTTP ${first.status}`, REFRESH_WORKS);
    const rotated: unknown = first.json?.refresh_token;
    rememberSecret(rotated, 'refresh_token');
    must(typeof rotated === 'string' && rotated !== token, 'the refresh answered no new refresh token: the used one was not rotated', {
      finding: 'not-rotated',
      expected: 'a new refresh_token',
      actual: rotated === token ? 'the same refresh_token' : (rotated ?? null),
    });
    mustRefuseGrant(await refreshWith(http, discovery, signedIn.client!, token), {
      what: 'the refresh token used once, presented again',
      accepted: 'used-refresh-token',
      client: signedIn.client!,
      root: REFRESH_WORKS,
    });
  });
});

test.describe('revokeOAuth2Token: POST /oauth2/revoke', () => {
  check(REVOKE.ACCESS_TOKEN, async ({ login, http, discovery }) => {
    login.requireFreshFlow('revoking the token would end the session given in settings');
    const res = await revoke(http, discovery, await login.signIn());
    mustHaveStatus(res, 200, 'the revocation of the access token by its own client');
  });

  check(REVOKE.REFRESH_TOKEN, async ({ login, http, discovery }) => {
    const { client, token } = await refreshedToken(login, http, discovery);
    const res = await revokeToken(http, discovery, client, token, 'refresh_token');
    // A success other than 200 (say 204) is TOKEN-REVOKE-ACCESS-TOKEN's finding: one defect, one finding.
    if (res.status < 200 || res.status > 299) mustHaveStatus(res, 200, 'the revocation of the refresh token by its own client');
    mustRefuseGrant(await refreshWith(http, discovery, client, token), {
      what: 'the refresh token its client revoked, presented again',
      accepted: 'revoked-refresh-token',
      client,
      root: REFRESH_WORKS,
    });
  });

  check(REVOKE.OTHER_CLIENT, async ({ login, clients, http, discovery }) => {
    const { client, token } = await refreshedToken(login, http, discovery);
    const other = await clients.create(codeClientMetadata());
    const res = await revokeToken(http, discovery, other, token, 'refresh_token');
    // What matters first: the token of the client it was issued to still works (the refresh of it did a moment ago).
    const own = await refreshWith(http, discovery, client, token);
    if (own.status >= 500) blocked(`the refresh by the client it was issued to answered HTTP ${own.status}`, REFRESH_WORKS);
    must(own.status === 200, `after another client revoked it, the refresh token no longer works for its own client (HTTP ${own.status})`, {
      finding: 'revoked:other-client',
      expected: 200,
      actual: own.status,
    });
    const error: unknown = res.json?.error;
    must(
      res.status >= 400 && res.status < 500 && typeof error === 'string',
      `the revocation of another client's token answered HTTP ${res.status}${typeof error === 'string' ? ` (${error})` : ''}: RFC 7009 §2.1 refuses it with an error`,
      {
        finding: res.status >= 400 && res.status < 500 ? 'error-missing' : `status:${res.status}`,
        expected: '4xx with error',
        actual: res.status,
      },
    );
  });
});

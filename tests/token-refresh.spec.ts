// The refresh token of a signed-in user (RFC 6749 §6, Core §12.1): bound to its client and rotated as Ory's token
// endpoint does; and the revocation of an access token (RFC 7009 §2.2) that the refusal checks of userinfo and
// credentials present afterwards.
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
  tokenEndpoint,
} from '../scenarios/token-endpoint.ts';

/** The check of a refresh done right. */
const REFRESH_WORKS = 'TOKEN-ID-REFRESH';

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
});

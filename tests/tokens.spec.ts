// The tokens of a signed-in user: the code exchange's response (RFC 6749 §5.1) and its ID token
// (OpenID Connect Core 1.0 §2, §3.1.3). Each check signs a user in through the login driver.
import { test } from '../fixtures/index.ts';
import { signInForLogout } from '../scenarios/logout.ts';
import { PLAIN_SIGN_IN, sharedSignIn, type SignInFixtures } from '../scenarios/shared-sign-in.ts';
import { check } from '../fixtures/check.ts';
import { attachJson } from '../fixtures/evidence.ts';
import type { Login, SignedIn } from '../fixtures/login.ts';
import type { HttpClient, HttpResponse } from '../harness/http/client.ts';
import type { Discovery } from '../fixtures/harness.ts';
import { rememberSecret } from '../harness/secrets/vault.ts';
import { TOK } from '../checks/catalogue/tokens.ts';
import {
  blocked,
  must,
  mustBeValid,
  mustEqual,
  mustMatchSchema,
  notApplicable,
  notOffered,
  Precondition,
} from '../checks/rules/verdict.ts';
import {
  audiences,
  decodeJws,
  leftHalfHash,
  mustDecodeJws,
  mustVerifyWithKeys,
  nowSeconds,
  providerKeys,
  SKEW_SECONDS,
  type Jws,
} from '../checks/rules/jwt.ts';
import { refreshWith } from '../scenarios/token-endpoint.ts';

/** No ID token to judge: a finding of TOKEN-RESPONSE-SCHEMA after a fresh flow; with given tokens, a setting. */
function noIdToken(fresh: boolean): never {
  if (fresh) blocked('the token response has no id_token', 'TOKEN-RESPONSE-SCHEMA');
  notApplicable('OIDC_LOGIN_MODE=tokens without OIDC_ID_TOKEN');
}

type Fx = SignInFixtures;

/**
 * The plain sign-in (the default client, scopes and request) that most checks here judge, each by its own rule of the
 * token response or the ID token (scenarios/shared-sign-in.ts). A check that goes on with what a sign-in gave (a
 * refresh with its client) or asks for something of its own (max_age, require_auth_time) signs in itself.
 */
const plainSignIn = (fx: Fx): Promise<SignedIn> => sharedSignIn(fx, PLAIN_SIGN_IN);

/** The code exchange's response: only a flow of the harness's own has one. */
async function tokenResponse(fx: Fx): Promise<HttpResponse> {
  fx.login.requireFreshFlow('the token response is judged as the harness receives it');
  return (await plainSignIn(fx)).tokenResponse!;
}

interface IdToken {
  signedIn: SignedIn;
  jwt: string;
  jws: Jws;
  startedAt: number;
}

/** A signed-in user's ID token, decoded and attached; a missing or malformed one blocks the check. */
async function decodedIdToken(signedIn: SignedIn): Promise<{ jwt: string; jws: Jws }> {
  if (!signedIn.idToken) noIdToken(signedIn.fresh);
  const jws = decodeJws(signedIn.idToken);
  if (!jws) blocked('the id_token is not a compact JWS', 'TOKEN-ID-CLAIMS');
  await attachJson('ID token (decoded, not yet verified)', jws);
  return { jwt: signedIn.idToken, jws };
}

/** The plain sign-in's ID token, decoded and attached to the check that judges it. */
async function idToken(fx: Fx): Promise<IdToken> {
  const signedIn = await plainSignIn(fx);
  return { signedIn, ...(await decodedIdToken(signedIn)), startedAt: signedIn.startedAt ?? nowSeconds() };
}

/** A claim the value checks need; its absence or type is TOKEN-ID-CLAIMS's finding. */
function claim<T>(jws: Jws, name: string, type: 'string' | 'number'): T {
  const v = jws.payload[name];
  if (typeof v !== type) blocked(`the ID token has no ${type} ${name}`, 'TOKEN-ID-CLAIMS');
  return v as T;
}

/** The ID token of a fresh sign-in and the one its refresh answers, both decoded (the second attached). */
async function refreshedIdToken(
  login: Login,
  http: HttpClient,
  discovery: Discovery,
): Promise<{ first: Jws; second: Jws; firstReceived: number }> {
  login.requireFreshFlow('the refresh uses the refresh token of a sign-in of the harness');
  const signedIn = await login.signIn(); // its own: the refresh goes on with its client
  const firstReceived = nowSeconds();
  const { jws: first } = await decodedIdToken(signedIn);
  if (!signedIn.tokens.refreshToken)
    notOffered(
      'token response refresh_token',
      'no refresh token was issued for offline_access (the provider may not offer refresh tokens to this client)',
    );
  const res = await refreshWith(http, discovery, signedIn.client!, signedIn.tokens.refreshToken);
  // TOKEN-ID-REFRESH's own finding; the root of the other checks of the refreshed ID token.
  if (res.status !== 200)
    blocked(`the refresh_token grant answered HTTP ${res.status}, expected 200`, TOK.ID_REFRESH.id, `status:${res.status}`);
  const idToken2 = res.json?.id_token;
  if (typeof idToken2 !== 'string')
    notOffered('refresh response id_token', 'the refresh answered without an id_token (Core §12.2 lets it leave one out)');
  rememberSecret(idToken2, 'id_token');
  const second = mustDecodeJws(idToken2, 'the id_token of the refresh');
  await attachJson('ID token of the refresh (decoded)', second);
  return { first, second, firstReceived };
}

test.describe('oauth2TokenExchange: POST /oauth2/token (authorization_code, openid)', () => {
  check(TOK.CODE_FLOW, async ({ login }) => {
    login.requireFreshFlow('the flow is judged as the harness runs it');
    try {
      await login.signIn(); // this check is the root of every sign-in: a flow that does not complete is its finding
    } catch (e) {
      if (!(e instanceof Precondition) || !e.blockedBy.includes(TOK.CODE_FLOW.id)) throw e;
      // A code exchange refused for the client's authentication is the check of its method's (TOKEN-AUTH-*-WORKS).
      const others = e.blockedBy.filter((id) => id !== TOK.CODE_FLOW.id);
      if (others.length) blocked(e.message, others);
      throw e; // its own subject: a violation, with the code of what stopped the flow (LoginError's finding)
    }
  });

  check(TOK.JSON, async (fx) => {
    const res = await tokenResponse(fx);
    const ct = res.header('content-type') ?? '';
    must(/^application\/json\s*(;|$)/i.test(ct), `Content-Type is ${JSON.stringify(ct)}, expected application/json`, {
      finding: `content-type:${ct.split(';')[0]!.trim().toLowerCase() || 'missing'}`,
      expected: 'application/json',
      actual: ct,
    });
  });

  check(TOK.SCHEMA, async (fx) => {
    mustMatchSchema(await tokenResponse(fx), 'token-response');
  });

  check(TOK.EXPIRES_IN, async (fx) => {
    const expiresIn: unknown = (await tokenResponse(fx)).json?.expires_in;
    must(expiresIn !== undefined, 'the token response does not say how long the access token lives: no expires_in', {
      finding: 'member-missing:expires_in',
      expected: 'expires_in',
      actual: null,
    });
    // Present but not a positive integer: the schema's finding (TOKEN-RESPONSE-SCHEMA), not a second one here.
    if (!Number.isInteger(expiresIn) || (expiresIn as number) <= 0)
      blocked(`expires_in is ${JSON.stringify(expiresIn)}, not a positive number of seconds`, 'TOKEN-RESPONSE-SCHEMA');
  });

  check(TOK.NO_STORE, async (fx) => {
    const cc = (await tokenResponse(fx)).header('cache-control');
    must(
      cc !== undefined && cc.split(',').some((d) => d.trim().toLowerCase() === 'no-store'),
      `Cache-Control is ${cc === undefined ? 'missing' : JSON.stringify(cc)}, expected no-store`,
      { finding: cc === undefined ? 'header-missing:cache-control' : 'no-store-missing', expected: 'no-store', actual: cc ?? null },
    );
  });

  check(TOK.PRAGMA, async (fx) => {
    const pragma = (await tokenResponse(fx)).header('pragma');
    must(
      pragma !== undefined && /(^|,)\s*no-cache\s*(,|$)/i.test(pragma),
      `Pragma is ${pragma === undefined ? 'missing' : JSON.stringify(pragma)}, expected no-cache`,
      { finding: pragma === undefined ? 'header-missing:pragma' : 'no-cache-missing', expected: 'no-cache', actual: pragma ?? null },
    );
  });

  check(TOK.ID_CLAIMS, async (fx) => {
    const signedIn = await plainSignIn(fx);
    if (!signedIn.idToken) noIdToken(signedIn.fresh);
    const jws = mustDecodeJws(signedIn.idToken, 'the id_token');
    await attachJson('ID token (decoded)', jws);
    mustBeValid(jws.payload, 'id-token-claims', "the ID token's claims");
  });

  check(TOK.ID_SIGNATURE, async (fx) => {
    const { http, discovery } = fx;
    const { jwt } = await idToken(fx);
    await mustVerifyWithKeys(jwt, await providerKeys(http, discovery), 'the ID token');
  });

  check(TOK.ID_ISS, async (fx) => {
    const { settings } = fx;
    const { jws } = await idToken(fx);
    mustEqual(claim<string>(jws, 'iss', 'string'), settings.issuer, 'iss');
  });

  check(TOK.ID_AUD, async (fx) => {
    const { jws, signedIn } = await idToken(fx);
    const aud = audiences(jws.payload);
    must(aud.includes(signedIn.clientId), `aud is ${JSON.stringify(jws.payload.aud)}, without the client_id ${signedIn.clientId}`, {
      finding: 'claim-missing-client:aud',
      expected: signedIn.clientId,
      actual: jws.payload.aud ?? null,
    });
  });

  check(TOK.ID_EXP, async (fx) => {
    const { jws, signedIn } = await idToken(fx);
    const exp = claim<number>(jws, 'exp', 'number');
    if (!signedIn.fresh && exp <= nowSeconds()) notApplicable('the ID token given in OIDC_ID_TOKEN has expired: give a fresh one');
    must(
      exp > nowSeconds() - SKEW_SECONDS,
      `exp is ${exp} (${new Date(exp * 1000).toISOString()}), already past for a token issued just now`,
      { finding: 'claim-expired:exp', expected: `> ${nowSeconds() - SKEW_SECONDS}`, actual: exp },
    );
  });

  check(TOK.ID_IAT, async (fx) => {
    const { jws, startedAt, signedIn } = await idToken(fx);
    const iat = claim<number>(jws, 'iat', 'number');
    must(iat <= nowSeconds() + SKEW_SECONDS, `iat is ${iat} (${new Date(iat * 1000).toISOString()}), in the future`, {
      finding: 'claim-future:iat',
      expected: `<= ${nowSeconds() + SKEW_SECONDS}`,
      actual: iat,
    });
    if (signedIn.fresh)
      must(
        iat >= startedAt - SKEW_SECONDS,
        `iat is ${iat} (${new Date(iat * 1000).toISOString()}), before the sign-in started (${new Date(startedAt * 1000).toISOString()})`,
        { finding: 'claim-stale:iat', expected: `>= ${startedAt - SKEW_SECONDS}`, actual: iat },
      );
  });

  check(TOK.ID_NONCE, async (fx) => {
    const { jws, signedIn } = await idToken(fx);
    if (!signedIn.nonce) notApplicable('the nonce of the request is unknown (OIDC_LOGIN_MODE=tokens)');
    must(
      jws.payload.nonce === signedIn.nonce,
      `the ID token's nonce is ${JSON.stringify(jws.payload.nonce ?? null)}, not the nonce sent in the authentication request`,
      {
        finding: jws.payload.nonce === undefined ? 'claim-missing:nonce' : 'claim-mismatch:nonce',
        expected: signedIn.nonce,
        actual: jws.payload.nonce ?? null,
      },
    );
  });

  check(TOK.ID_AT_HASH, async (fx) => {
    const { jws, signedIn } = await idToken(fx);
    if (jws.payload.at_hash === undefined)
      notOffered('ID token at_hash', 'the ID token has no at_hash (it is OPTIONAL in the code flow; see TOKEN-ID-AT-HASH-PRESENT)');
    const expected = leftHalfHash(signedIn.tokens.accessToken, jws.header.alg ?? '');
    if (!expected) notApplicable(`no hash function is known for alg ${JSON.stringify(jws.header.alg)}`);
    must(
      jws.payload.at_hash === expected,
      `at_hash is ${JSON.stringify(jws.payload.at_hash)}, not the left half of the ${jws.header.alg} hash of the access token`,
      {
        finding: 'claim-mismatch:at_hash',
        expected,
        actual: jws.payload.at_hash,
      },
    );
  });

  check(TOK.ID_AT_HASH_PRESENT, async (fx) => {
    const { jws } = await idToken(fx);
    must(typeof jws.payload.at_hash === 'string', 'the ID token has no at_hash', {
      finding: 'claim-missing:at_hash',
      expected: 'at_hash',
      actual: jws.payload.at_hash ?? null,
    });
  });

  check(TOK.ID_AUTH_TIME, async ({ login }) => {
    login.requireFreshFlow('max_age is sent in an authentication request of the harness');
    const startedAt = nowSeconds();
    const signedIn = await login.signIn({ authorizeParams: { max_age: '600' } });
    if (!signedIn.idToken) noIdToken(true);
    const jws = decodeJws(signedIn.idToken);
    if (!jws) blocked('the id_token is not a compact JWS', 'TOKEN-ID-CLAIMS');
    await attachJson('ID token of a sign-in with max_age=600 (decoded)', jws);
    const authTime = jws.payload.auth_time;
    must(
      typeof authTime === 'number',
      `the authentication request sent max_age=600, but the ID token's auth_time is ${JSON.stringify(authTime ?? null)}`,
      { finding: 'claim-missing:auth_time', expected: 'a number', actual: authTime ?? null },
    );
    must(authTime <= nowSeconds() + SKEW_SECONDS, `auth_time is ${authTime} (${new Date(authTime * 1000).toISOString()}), in the future`, {
      finding: 'claim-future:auth_time',
      expected: `<= ${nowSeconds() + SKEW_SECONDS}`,
      actual: authTime,
    });
    must(
      authTime >= startedAt - 600 - SKEW_SECONDS,
      `auth_time is ${authTime}, older than max_age allows for a sign-in that started at ${startedAt}`,
      { finding: 'claim-too-old:auth_time', expected: `>= ${startedAt - 600}`, actual: authTime },
    );
  });

  check(TOK.ID_HEADER_KEYS, async (fx) => {
    const { jws } = await idToken(fx);
    const carried = ['x5u', 'x5c', 'jku', 'jwk'].filter((m) => (jws.header as Record<string, unknown>)[m] !== undefined);
    must(
      carried.length === 0,
      `the ID token's header carries ${carried.join(', ')}: the key is to be found by kid in the provider's key set`,
      {
        finding: `header-members:${carried.join(',')}`,
        expected: 'none of x5u, x5c, jku, jwk',
        actual: Object.keys(jws.header),
      },
    );
  });

  check(TOK.ID_ALG_REGISTERED, async (fx) => {
    const { jws, signedIn } = await idToken(fx);
    const registered = signedIn.client?.created.json?.id_token_signed_response_alg;
    const expected = typeof registered === 'string' && registered !== '' ? registered : 'RS256';
    must(
      jws.header.alg === expected,
      `the ID token is signed with ${JSON.stringify(jws.header.alg ?? null)}, not with the client's id_token_signed_response_alg ${expected}${registered ? '' : ' (RS256 by default)'}`,
      { finding: `alg:${jws.header.alg ?? 'missing'}`, expected, actual: jws.header.alg ?? null },
    );
  });

  check(TOK.ID_AZP, async (fx) => {
    const { jws, signedIn } = await idToken(fx);
    const { azp } = jws.payload;
    if (azp !== undefined)
      must(azp === signedIn.clientId, `azp is ${JSON.stringify(azp)}, not the client_id ${signedIn.clientId}`, {
        finding: 'claim-mismatch:azp',
        expected: signedIn.clientId,
        actual: azp,
      });
    must(
      audiences(jws.payload).length <= 1 || azp !== undefined,
      `the ID token has ${audiences(jws.payload).length} audiences and no azp`,
      { finding: 'claim-missing:azp', expected: 'azp', actual: null },
    );
  });

  check(TOK.ID_REFRESH, async ({ login, http, discovery }) => {
    const { first, second, firstReceived } = await refreshedIdToken(login, http, discovery);
    for (const claim of ['iss', 'sub', 'aud', 'auth_time', 'azp'] as const) {
      if (claim === 'auth_time' || claim === 'azp') {
        if (first.payload[claim] === undefined) continue;
      }
      must(
        JSON.stringify(second.payload[claim]) === JSON.stringify(first.payload[claim]),
        `${claim} of the refreshed ID token is ${JSON.stringify(second.payload[claim] ?? null)}, not the original's ${JSON.stringify(first.payload[claim])}`,
        { finding: `claim-changed:${claim}`, expected: first.payload[claim], actual: second.payload[claim] ?? null },
      );
    }
    // Measured on the provider's own clock, from the original's iat: a clock that is off by a constant is
    // TOK.ID_IAT's finding, not this one's.
    const iat = second.payload.iat;
    const from = first.payload.iat ?? 0;
    const to = from + (nowSeconds() - firstReceived) + SKEW_SECONDS;
    must(
      typeof iat === 'number' && iat >= from && iat <= to,
      `iat of the refreshed ID token is ${JSON.stringify(iat ?? null)}: not the time it was issued (the original's iat is ${from}, and ${nowSeconds() - firstReceived} s passed since)`,
      { finding: 'claim-stale:iat', expected: `between ${from} and ${to}`, actual: iat ?? null },
    );
    // A nonce, if present, is the original's (§12.2); whether one should be there at all is TOKEN-ID-REFRESH-NO-NONCE's.
    const nonce = second.payload.nonce;
    if (nonce !== undefined)
      must(
        nonce === first.payload.nonce,
        `the refreshed ID token's nonce is ${JSON.stringify(nonce)}, not the original's ${JSON.stringify(first.payload.nonce ?? null)}`,
        {
          finding: 'claim-changed:nonce',
          expected: first.payload.nonce ?? 'no nonce',
          actual: nonce,
        },
      );
  });

  check(TOK.ID_REFRESH_NO_NONCE, async ({ login, http, discovery }) => {
    const { first, second } = await refreshedIdToken(login, http, discovery);
    if (first.payload.nonce === undefined) blocked('the original ID token carries no nonce, though the sign-in sent one', 'TOKEN-ID-NONCE');
    must(second.payload.nonce === undefined, `the refreshed ID token has a nonce (${JSON.stringify(second.payload.nonce)})`, {
      finding: 'claim-present:nonce',
      expected: 'no nonce',
      actual: second.payload.nonce,
    });
  });

  check(TOK.ID_REQUIRE_AUTH_TIME, async ({ login }) => {
    login.requireFreshFlow('the client is registered with require_auth_time by the harness');
    // No max_age: the registration alone asks for auth_time.
    const signedIn = await login.signIn({ clientMetadata: { require_auth_time: true } });
    if (!signedIn.idToken) noIdToken(true);
    const jws = decodeJws(signedIn.idToken);
    if (!jws) blocked('the id_token is not a compact JWS', 'TOKEN-ID-CLAIMS');
    await attachJson('ID token of a client registered with require_auth_time (decoded)', jws);
    const authTime = jws.payload.auth_time;
    if (authTime === undefined && signedIn.client?.created.json?.require_auth_time !== true)
      notOffered(
        'registration response require_auth_time',
        'the provider did not register require_auth_time (the registration response leaves it out)',
      );
    must(
      typeof authTime === 'number',
      `the client registered require_auth_time, but the ID token's auth_time is ${JSON.stringify(authTime ?? null)}`,
      {
        finding: 'claim-missing:auth_time',
        expected: 'a number',
        actual: authTime ?? null,
      },
    );
  });

  check(TOK.ID_SID, async (fx) => {
    const advertised = (kind: 'frontchannel' | 'backchannel') =>
      fx.discovery.doc?.[`${kind}_logout_supported`] === true && fx.discovery.doc?.[`${kind}_logout_session_supported`] === true;
    const channels = { frontchannel: advertised('frontchannel'), backchannel: advertised('backchannel') };
    if (!channels.frontchannel && !channels.backchannel)
      notOffered(
        'discovery frontchannel_logout_session_supported, backchannel_logout_session_supported',
        'the provider advertises no logout session support',
      );
    // The ID token of a client registered for logout with the session required: the RP that needs the sid to match
    // a logout request with its session (a provider may leave sid out for clients that do not log out).
    const { jws } = await decodedIdToken((await signInForLogout(fx, 1, channels)).users[0]!.signedIn);
    const flags = Object.entries(channels)
      .filter(([, on]) => on)
      .map(([kind]) => `${kind}_logout_session_supported`);
    must(
      typeof jws.payload.sid === 'string' && jws.payload.sid !== '',
      `${flags.join(' and ')} advertised, but the ID token of a client registered with ${flags.map((f) => f.replace('_supported', '_required')).join(' and ')} has no sid`,
      { finding: 'claim-missing:sid', expected: 'sid', actual: jws.payload.sid ?? null },
    );
  });
});

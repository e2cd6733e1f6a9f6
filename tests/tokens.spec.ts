// The tokens of a signed-in user: the code exchange's response (RFC 6749 §5.1) and its ID token
// (OpenID Connect Core 1.0 §2, §3.1.3). Each check signs a user in through the login driver.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { attachJson } from '../fixtures/evidence.ts';
import type { Login, SignedIn } from '../fixtures/login.ts';
import { TOK } from '../checks/catalogue/tokens.ts';
import { must, mustEqual, mustMatchSchema, notApplicable, blocked } from '../checks/rules/verdict.ts';
import { audiences, decodeJws, leftHalfHash, mustVerifyWithKeys, nowSeconds, providerKeys, SKEW_SECONDS, type Jws } from '../checks/rules/jwt.ts';
import { validateAgainst, formatProblems } from '../harness/schema/validator.ts';
import type { HttpResponse } from '../harness/http/client.ts';

/** No ID token to judge: a finding of TOKEN-RESPONSE-SCHEMA after a fresh flow; with given tokens, a setting. */
function noIdToken(fresh: boolean): never {
  if (fresh) blocked('the token response has no id_token', 'TOKEN-RESPONSE-SCHEMA');
  notApplicable('OIDC_LOGIN_MODE=tokens without OIDC_ID_TOKEN');
}

/** The code exchange's response: only a flow of the harness's own has one. */
async function tokenResponse(login: Login): Promise<HttpResponse> {
  login.requireFreshFlow('the token response is judged as the harness receives it');
  return (await login.signIn()).tokenResponse!;
}

interface IdToken { signedIn: SignedIn; jwt: string; jws: Jws; startedAt: number }

/** A signed-in user's ID token, decoded for the reader; skipped when there is none to judge. */
async function idToken(login: Login): Promise<IdToken> {
  const startedAt = nowSeconds();
  const signedIn = await login.signIn();
  if (!signedIn.idToken) noIdToken(signedIn.fresh);
  const jws = decodeJws(signedIn.idToken);
  if (!jws) blocked('the id_token is not a compact JWS', 'TOKEN-ID-CLAIMS');
  await attachJson('ID token (decoded, not yet verified)', jws);
  return { signedIn, jwt: signedIn.idToken, jws, startedAt };
}

/** A claim the value checks need; its absence or type is TOKEN-ID-CLAIMS's finding. */
function claim<T>(jws: Jws, name: string, type: 'string' | 'number'): T {
  const v = jws.payload[name];
  if (typeof v !== type) blocked(`the ID token has no ${type} ${name}`, 'TOKEN-ID-CLAIMS');
  return v as T;
}

test.describe('oauth2TokenExchange: POST /oauth2/token (authorization_code, openid)', () => {
  check(TOK.CODE_FLOW, async ({ login }) => {
    login.requireFreshFlow('the flow is judged as the harness runs it');
    await login.signIn(); // a flow that does not complete throws its finding: this check is the root of every sign-in
  });

  check(TOK.JSON, async ({ login }) => {
    const res = await tokenResponse(login);
    const ct = res.header('content-type') ?? '';
    must(/^application\/json\s*(;|$)/i.test(ct), `Content-Type is ${JSON.stringify(ct)}, expected application/json`);
  });

  check(TOK.SCHEMA, async ({ login }) => {
    mustMatchSchema(await tokenResponse(login), 'token-response');
  });

  check(TOK.NO_STORE, async ({ login }) => {
    const cc = (await tokenResponse(login)).header('cache-control');
    must(cc !== undefined && cc.split(',').some((d) => d.trim().toLowerCase() === 'no-store'), `Cache-Control is ${cc === undefined ? 'missing' : JSON.stringify(cc)}, expected no-store`);
  });

  check(TOK.PRAGMA, async ({ login }) => {
    const pragma = (await tokenResponse(login)).header('pragma');
    must(pragma !== undefined && /(^|,)\s*no-cache\s*(,|$)/i.test(pragma), `Pragma is ${pragma === undefined ? 'missing' : JSON.stringify(pragma)}, expected no-cache`);
  });

  check(TOK.ID_CLAIMS, async ({ login }) => {
    const signedIn = await login.signIn();
    if (!signedIn.idToken) noIdToken(signedIn.fresh);
    const jws = decodeJws(signedIn.idToken);
    must(jws, 'the id_token is not a compact JWS with a JSON claims set');
    await attachJson('ID token (decoded)', jws);
    const problems = validateAgainst('id-token-claims', jws.payload);
    must(problems.length === 0, formatProblems(problems));
  });

  check(TOK.ID_SIGNATURE, async ({ login, http, discovery }) => {
    const { jwt } = await idToken(login);
    await mustVerifyWithKeys(jwt, await providerKeys(http, discovery), 'the ID token');
  });

  check(TOK.ID_ISS, async ({ login, settings }) => {
    const { jws } = await idToken(login);
    mustEqual(claim<string>(jws, 'iss', 'string'), settings.issuer, 'iss');
  });

  check(TOK.ID_AUD, async ({ login }) => {
    const { jws, signedIn } = await idToken(login);
    const aud = audiences(jws.payload);
    must(aud.includes(signedIn.clientId), `aud is ${JSON.stringify(jws.payload.aud)}, without the client_id ${signedIn.clientId}`);
  });

  check(TOK.ID_EXP, async ({ login }) => {
    const { jws, signedIn } = await idToken(login);
    const exp = claim<number>(jws, 'exp', 'number');
    if (!signedIn.fresh && exp <= nowSeconds()) notApplicable('the ID token given in OIDC_ID_TOKEN has expired: give a fresh one');
    must(exp > nowSeconds() - SKEW_SECONDS, `exp is ${exp} (${new Date(exp * 1000).toISOString()}), already past for a token issued just now`);
  });

  check(TOK.ID_IAT, async ({ login }) => {
    const { jws, startedAt, signedIn } = await idToken(login);
    const iat = claim<number>(jws, 'iat', 'number');
    must(iat <= nowSeconds() + SKEW_SECONDS, `iat is ${iat} (${new Date(iat * 1000).toISOString()}), in the future`);
    if (signedIn.fresh) must(iat >= startedAt - SKEW_SECONDS, `iat is ${iat} (${new Date(iat * 1000).toISOString()}), before the sign-in started (${new Date(startedAt * 1000).toISOString()})`);
  });

  check(TOK.ID_NONCE, async ({ login }) => {
    const { jws, signedIn } = await idToken(login);
    if (!signedIn.nonce) notApplicable('the nonce of the request is unknown (OIDC_LOGIN_MODE=tokens)');
    mustEqual(jws.payload.nonce, signedIn.nonce, 'nonce (the value sent in the authentication request)');
  });

  check(TOK.ID_AT_HASH, async ({ login }) => {
    const { jws, signedIn } = await idToken(login);
    if (jws.payload.at_hash === undefined) notApplicable('the ID token has no at_hash (it is OPTIONAL in the code flow; see TOKEN-ID-AT-HASH-PRESENT)');
    const expected = leftHalfHash(signedIn.tokens.accessToken, jws.header.alg ?? '');
    if (!expected) notApplicable(`no hash function is known for alg ${JSON.stringify(jws.header.alg)}`);
    mustEqual(jws.payload.at_hash, expected, `at_hash (left half of the ${jws.header.alg} hash of the access token)`);
  });

  check(TOK.ID_AT_HASH_PRESENT, async ({ login }) => {
    const { jws } = await idToken(login);
    must(typeof jws.payload.at_hash === 'string', 'the ID token has no at_hash');
  });

  check(TOK.ID_SID, async ({ login, discovery }) => {
    const flags = ['frontchannel_logout_session_supported', 'backchannel_logout_session_supported'].filter((f) => discovery.doc?.[f] === true);
    if (!flags.length) notApplicable('the provider advertises no logout session support');
    const { jws } = await idToken(login);
    must(typeof jws.payload.sid === 'string' && jws.payload.sid !== '', `${flags.join(' and ')} advertised, but the ID token has no sid`);
  });
});

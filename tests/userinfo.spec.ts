// OpenID Connect Core 1.0 §5.3 UserInfo, as Ory's getOidcUserInfo serves it: the three ways to
// present the access token, the claims, the signed variant, and the refusals of RFC 6750 §3.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { attachJson } from '../fixtures/evidence.ts';
import type { Login, SignedIn } from '../fixtures/login.ts';
import { clientCredentials, requireClientCredentials, revokeAccessToken } from '../scenarios/token-endpoint.ts';
import { sampleMetadata } from '../checks/rules/client-metadata.ts';
import { rememberSecret } from '../harness/secrets/vault.ts';
import type { Discovery } from '../fixtures/harness.ts';
import { UI } from '../checks/catalogue/userinfo.ts';
import {
  blocked,
  must,
  mustEqual,
  mustHaveStatus,
  mustMatchSchema,
  notApplicable,
  NotApplicable,
  notOffered,
} from '../checks/rules/verdict.ts';
import { tamperedToken } from '../checks/rules/jws.ts';
import { audiences, decodeJws, mustVerifyWithKeys, providerKeys, type Jws } from '../checks/rules/jwt.ts';
import type { HttpClient, HttpResponse } from '../harness/http/client.ts';

type Presentation = 'GET bearer' | 'POST bearer' | 'POST form';

function endpoint(discovery: Discovery): string {
  const url = discovery.doc?.userinfo_endpoint;
  if (typeof url !== 'string') blocked('no userinfo_endpoint is advertised', 'DISC-USERINFO-ENDPOINT');
  return url;
}

function askUserinfo(
  http: HttpClient,
  discovery: Discovery,
  token: string | undefined,
  how: Presentation = 'GET bearer',
): Promise<HttpResponse> {
  const url = endpoint(discovery);
  if (how === 'POST form') return http.send({ method: 'POST', url, form: { access_token: token } });
  return http.send({ method: how === 'GET bearer' ? 'GET' : 'POST', url, bearer: token });
}

/** The claims of a successful GET; a check of the body is skipped when the GET itself failed (UI-GET-BEARER). */
async function claimsOf(http: HttpClient, discovery: Discovery, signedIn: SignedIn): Promise<HttpResponse> {
  const res = await askUserinfo(http, discovery, signedIn.tokens.accessToken);
  if (res.status !== 200) blocked(`userinfo answered HTTP ${res.status}`, 'UI-GET-BEARER');
  return res;
}

// ---- refusals ----

type Refusal = 'no token' | 'tampered token' | 'refresh token' | 'revoked token';
const WITH_TOKEN: Refusal[] = ['tampered token', 'refresh token', 'revoked token'];

/** GET /userinfo?access_token=… (RFC 6750 §2.3). */
function askInQuery(http: HttpClient, discovery: Discovery, token: string): Promise<HttpResponse> {
  return http.send({ url: endpoint(discovery), query: { access_token: token } });
}

/** Present one kind of bad credential; the refusal checks each judge one of these. */
async function refused(kind: Refusal, login: Login, http: HttpClient, discovery: Discovery, signedIn?: SignedIn): Promise<HttpResponse> {
  if (kind === 'no token') return askUserinfo(http, discovery, undefined);
  const s = signedIn ?? (await login.signIn());
  if (kind === 'tampered token') return askUserinfo(http, discovery, tamperedToken(s.tokens.accessToken));
  if (kind === 'refresh token') {
    if (!s.tokens.refreshToken) notApplicable('no refresh token was issued (offline_access granted, refresh_token grant registered)');
    return askUserinfo(http, discovery, s.tokens.refreshToken);
  }
  if (kind === 'revoked token') login.requireFreshFlow('revoking the token would end the session given in settings');
  await revokeAccessToken(http, discovery, s);
  return askUserinfo(http, discovery, s.tokens.accessToken);
}

const isRefusal = (res: HttpResponse) => res.status >= 400 && res.status < 500;

/**
 * The refusals a check of their form may judge: the ones the target did refuse (the others are their
 * own checks' findings). One sign-in serves them all; `kinds` keeps the revocation last.
 */
async function refusalsToJudge(
  login: Login,
  http: HttpClient,
  discovery: Discovery,
  kinds: readonly Refusal[],
): Promise<Array<[Refusal, HttpResponse]>> {
  const signedIn = login.mode && kinds.some((k) => k !== 'no token') ? await login.signIn() : undefined;
  const judged: Array<[Refusal, HttpResponse]> = [];
  for (const kind of kinds) {
    if (kind !== 'no token' && !signedIn) continue;
    try {
      const res = await refused(kind, login, http, discovery, signedIn);
      if (isRefusal(res)) judged.push([kind, res]);
    } catch (e) {
      if (!(e instanceof NotApplicable)) throw e; // a kind that cannot be made here is left out
    }
  }
  if (!judged.length) blocked('none of these requests was refused', 'UI-REFUSE-*');
  return judged;
}

function mustRefuse(res: HttpResponse, what: string): void {
  must(
    res.status !== 200,
    `${what} was answered 200${res.json?.sub ? ` with the user's claims (sub ${JSON.stringify(res.json.sub)})` : ''}`,
  );
  must(isRefusal(res), `${what} was answered HTTP ${res.status}, expected a 4xx refusal`);
}

/** The Bearer challenge among the WWW-Authenticate challenges, or undefined. */
function bearerChallenge(res: HttpResponse): string | undefined {
  const h = res.header('www-authenticate') ?? '';
  const at = h.search(/(?:^|,)\s*Bearer(?=\s|,|$)/i);
  return at < 0 ? undefined : h.slice(at).replace(/^,?\s*/, '');
}
const errorParam = (challenge: string) => /\berror\s*=\s*"?([^",\s]*)"?/i.exec(challenge)?.[1];

// ---- signed userinfo ----

async function signedUserinfo(login: Login, http: HttpClient, discovery: Discovery): Promise<{ res: HttpResponse; signedIn: SignedIn }> {
  const algs = discovery.doc?.userinfo_signing_alg_values_supported;
  if (Array.isArray(algs) && !algs.includes('RS256'))
    notApplicable(`userinfo_signing_alg_values_supported is ${JSON.stringify(algs)}, without RS256`);
  const signedIn = await login.signIn({ clientMetadata: { userinfo_signed_response_alg: 'RS256' } });
  const res = await askUserinfo(http, discovery, signedIn.tokens.accessToken);
  // Judged by UI-SIGNED-CONTENT-TYPE (and UI-GET-BEARER when no userinfo works at all); the others are blocked by it.
  if (res.status !== 200)
    blocked(`userinfo for a client with userinfo_signed_response_alg RS256 answered HTTP ${res.status}`, [
      'UI-SIGNED-CONTENT-TYPE',
      'UI-GET-BEARER',
    ]);
  return { res, signedIn };
}

async function signedClaims(login: Login, http: HttpClient, discovery: Discovery): Promise<{ jwt: string; jws: Jws; signedIn: SignedIn }> {
  const { res, signedIn } = await signedUserinfo(login, http, discovery);
  const jwt = res.text.trim();
  const jws = decodeJws(jwt);
  if (!jws) blocked('the response is not a JWT', 'UI-SIGNED-CONTENT-TYPE');
  await attachJson('signed userinfo (decoded)', jws);
  return { jwt, jws, signedIn };
}

test.describe('getOidcUserInfo: GET|POST /userinfo', () => {
  for (const [def, how] of [
    [UI.GET_BEARER, 'GET bearer'],
    [UI.POST_BEARER, 'POST bearer'],
    [UI.POST_FORM, 'POST form'],
  ] as const) {
    check(def, async ({ login, http, discovery }) => {
      const signedIn = await login.signIn();
      mustHaveStatus(
        await askUserinfo(http, discovery, signedIn.tokens.accessToken, how),
        200,
        `${how === 'POST form' ? 'POST with access_token in the form body' : `${how.split(' ')[0]} with a Bearer header`}`,
      );
    });
  }

  check(UI.CONTENT_TYPE, async ({ login, http, discovery }) => {
    const ct = (await claimsOf(http, discovery, await login.signIn())).header('content-type') ?? '';
    must(/^application\/json\s*(;|$)/i.test(ct), `Content-Type is ${JSON.stringify(ct)}, expected application/json`);
  });

  check(UI.SCHEMA, async ({ login, http, discovery }) => {
    mustMatchSchema(await claimsOf(http, discovery, await login.signIn()), 'userinfo');
  });

  check(UI.SUB, async ({ login, http, discovery }) => {
    const signedIn = await login.signIn();
    if (typeof signedIn.idTokenClaims?.sub !== 'string') blocked('there is no ID token sub to compare with', 'TOKEN-ID-CLAIMS');
    const body = (await claimsOf(http, discovery, signedIn)).json;
    mustEqual(body?.sub, signedIn.idTokenClaims.sub, "userinfo sub (the ID token's sub)");
  });

  check(UI.GRANTED_CLAIMS, async ({ login, http, discovery }) => {
    const signedIn = await login.signIn();
    if (!Object.keys(signedIn.grantedClaims).length)
      notApplicable(`the claims given at consent are chosen by the harness only with the ory-admin driver (this run: ${login.mode})`);
    await attachJson('claims granted at consent (session.id_token)', signedIn.grantedClaims);
    const body = (await claimsOf(http, discovery, signedIn)).json ?? {};
    const off = Object.entries(signedIn.grantedClaims)
      .filter(([k, v]) => JSON.stringify(body[k]) !== JSON.stringify(v))
      .map(([k, v]) => `${k}: expected ${JSON.stringify(v)}, got ${body[k] === undefined ? 'nothing' : JSON.stringify(body[k])}`);
    must(off.length === 0, off.join('; '));
  });

  check(UI.SIGNED_TYPE, async ({ login, http, discovery }) => {
    const ct = (await signedUserinfo(login, http, discovery)).res.header('content-type') ?? '';
    must(/^application\/jwt\s*(;|$)/i.test(ct), `Content-Type is ${JSON.stringify(ct)}, expected application/jwt`);
  });

  check(UI.SIGNED_SIGNATURE, async ({ login, http, discovery }) => {
    const { jwt, jws } = await signedClaims(login, http, discovery);
    mustEqual(jws.header.alg, 'RS256', 'alg of the signed response (the registered userinfo_signed_response_alg)');
    await mustVerifyWithKeys(jwt, await providerKeys(http, discovery), 'the signed userinfo response');
  });

  check(UI.SIGNED_ISS, async ({ login, http, discovery, settings }) => {
    const { jws } = await signedClaims(login, http, discovery);
    mustEqual(jws.payload.iss, settings.issuer, 'iss of the signed userinfo response');
  });

  check(UI.SIGNED_AUD, async ({ login, http, discovery }) => {
    const { jws, signedIn } = await signedClaims(login, http, discovery);
    must(
      audiences(jws.payload).includes(signedIn.clientId),
      `aud is ${JSON.stringify(jws.payload.aud)}, without the client_id ${signedIn.clientId}`,
    );
  });

  for (const [def, kind] of [
    [UI.REFUSE_NO_TOKEN, 'no token'],
    [UI.REFUSE_TAMPERED, 'tampered token'],
    [UI.REFUSE_REFRESH, 'refresh token'],
    [UI.REFUSE_REVOKED, 'revoked token'],
  ] as const) {
    check(def, async ({ login, http, discovery }) => {
      if (kind !== 'no token') login.require();
      mustRefuse(
        await refused(kind, login, http, discovery),
        `a userinfo request with ${kind === 'no token' ? 'no access token' : `a ${kind}`}`,
      );
    });
  }

  check(UI.REFUSE_NO_OPENID, async ({ clients, http, discovery }) => {
    requireClientCredentials(discovery);
    const client = await clients.create(sampleMetadata('userinfo without openid'));
    if (!client.clientSecret) blocked('no client_secret was issued', 'REG-CREATE-SECRET-ISSUED');
    const issued = await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic');
    if (issued.status !== 200 || typeof issued.json?.access_token !== 'string')
      blocked(`the client_credentials grant answered HTTP ${issued.status}`, 'TOKEN-AUTH-BASIC-WORKS');
    rememberSecret(issued.json.access_token, 'access_token');
    const res = await askUserinfo(http, discovery, issued.json.access_token);
    must(
      res.status === 401 || res.status === 403,
      `userinfo for a client_credentials token (scope ${JSON.stringify(issued.json.scope ?? '')}, no openid) answered HTTP ${res.status}${res.json?.sub !== undefined ? ` with claims (sub ${JSON.stringify(res.json.sub)})` : ''}`,
      {
        finding: `status:${res.status}`,
        expected: '401 or 403',
        actual: res.status,
      },
    );
    const said = [errorParam(bearerChallenge(res) ?? ''), res.json?.error].filter((e): e is string => typeof e === 'string');
    must(
      said.some((e) => e === 'insufficient_scope' || e === 'invalid_token'),
      `the refusal says ${JSON.stringify(said)}, not insufficient_scope or invalid_token`,
      { finding: `error:${said.join(',') || 'none'}`, expected: ['insufficient_scope', 'invalid_token'], actual: said },
    );
  });

  check(UI.QUERY_TOKEN_REFUSED, async ({ login, http, discovery }) => {
    const res = await askInQuery(http, discovery, (await login.signIn()).tokens.accessToken);
    must(res.status !== 200, 'userinfo answered 200 to an access token in the URL query, where proxies and servers log it', {
      finding: 'accepted',
      expected: 'a refusal',
      actual: res.status,
    });
  });

  check(UI.QUERY_TOKEN_PRIVATE, async ({ login, http, discovery }) => {
    const res = await askInQuery(http, discovery, (await login.signIn()).tokens.accessToken);
    if (res.status !== 200) notOffered('userinfo access_token query parameter', `the provider does not accept an access token in the URL query (HTTP ${res.status})`);
    const directives = (res.header('cache-control') ?? '')
      .toLowerCase()
      .split(',')
      .map((d) => d.trim());
    must(
      directives.includes('private') || directives.includes('no-store'),
      `the answer to a token in the query has Cache-Control ${JSON.stringify(res.header('cache-control') ?? null)}, without private`,
      { finding: 'not-private', expected: 'private', actual: res.header('cache-control') ?? null },
    );
  });

  check(UI.REFUSE_401, async ({ login, http, discovery }) => {
    const off = (await refusalsToJudge(login, http, discovery, ['no token', ...WITH_TOKEN]))
      .filter(([, res]) => res.status !== 401)
      .map(([k, res]) => `${k}: HTTP ${res.status}`);
    must(off.length === 0, `refused without 401: ${off.join('; ')}`);
  });

  check(UI.REFUSE_CHALLENGE, async ({ login, http, discovery }) => {
    const off = (await refusalsToJudge(login, http, discovery, ['no token', ...WITH_TOKEN]))
      .filter(([, res]) => !bearerChallenge(res))
      .map(([k, res]) => `${k}: WWW-Authenticate is ${JSON.stringify(res.header('www-authenticate') ?? null)}`);
    must(off.length === 0, `no Bearer challenge: ${off.join('; ')}`);
  });

  check(UI.REFUSE_CODE, async ({ login, http, discovery }) => {
    login.require();
    const judged = (await refusalsToJudge(login, http, discovery, WITH_TOKEN)).filter(([, res]) => bearerChallenge(res));
    if (!judged.length) blocked('no refusal carried a Bearer challenge', 'UI-REFUSE-CHALLENGE');
    const off = judged
      .filter(([, res]) => errorParam(bearerChallenge(res)!) !== 'invalid_token')
      .map(([k, res]) => `${k}: ${JSON.stringify(bearerChallenge(res))}`);
    const codes = [...new Set(judged.map(([, res]) => errorParam(bearerChallenge(res)!) ?? 'none'))]
      .filter((c) => c !== 'invalid_token')
      .sort();
    must(off.length === 0, `the challenge's error is not invalid_token: ${off.join('; ')}`, {
      finding: `challenge-error:${codes.join(',')}`,
      expected: 'invalid_token',
      actual: codes,
    });
  });

  check(UI.REFUSE_NO_CODE, async ({ login, http, discovery }) => {
    const [[, res]] = await refusalsToJudge(login, http, discovery, ['no token']);
    const challenge = bearerChallenge(res);
    if (!challenge) blocked('the refusal carried no Bearer challenge', 'UI-REFUSE-CHALLENGE');
    must(
      errorParam(challenge) === undefined,
      `the request carried no token, yet the challenge names an error: ${JSON.stringify(challenge)}`,
      { finding: `challenge-error:${errorParam(challenge)}`, expected: 'no error attribute', actual: challenge },
    );
  });
});

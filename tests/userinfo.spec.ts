// OpenID Connect Core 1.0 §5.3 UserInfo, as Ory's getOidcUserInfo serves it: the three ways to
// present the access token, the claims, the signed variant, and the refusals of RFC 6750 §3.
import { test } from '../fixtures/index.ts';
import { check, type CheckFixtures } from '../fixtures/check.ts';
import { PLAIN_SIGN_IN, sharedSignIn } from '../scenarios/shared-sign-in.ts';
import { judgedTogether, sharedScenario } from '../scenarios/shared.ts';
import { attachJson } from '../fixtures/evidence.ts';
import type { SignedIn } from '../fixtures/login.ts';
import { clientCredentials, requireClientCredentials, revokeAccessToken } from '../scenarios/token-endpoint.ts';
import { sampleMetadata } from '../checks/rules/client-metadata.ts';
import { rememberSecret } from '../harness/secrets/vault.ts';
import type { Discovery } from '../fixtures/harness.ts';
import { UI } from '../checks/catalogue/userinfo.ts';
import { blocked, must, mustHaveStatus, mustMatchSchema, notApplicable, NotApplicable, notOffered } from '../checks/rules/verdict.ts';
import { idTokenSubOf } from '../checks/rules/id-token-sub.ts';
import { tamperedToken } from '../checks/rules/jws.ts';
import { bearerChallenge, challengeError, mustNameBearerError } from '../checks/rules/refusal.ts';
import { CLAIM_SCOPES, mustReturnClaims, SAMPLE_SCOPE_CLAIMS, SCOPE_CLAIMS } from '../checks/rules/scope-claims.ts';
import { audiences, decodeJws, mustVerifyWithKeys, providerKeys, type Jws } from '../checks/rules/jwt.ts';
import type { HttpClient, HttpResponse } from '../harness/http/client.ts';
import { mustHaveMediaType } from '../checks/rules/media-type.ts';
import { mustBeWellFormedBearerChallenges, parseChallenges } from '../checks/rules/challenge.ts';

type Presentation = 'GET bearer' | 'POST bearer' | 'POST form';

/** The advertised endpoint: Discovery leaves it RECOMMENDED; in the ory profile DISC-ORY-OPERATIONS judges its absence. */
function endpoint(discovery: Discovery): string {
  const url = discovery.doc?.userinfo_endpoint;
  if (typeof url !== 'string')
    notOffered('discovery userinfo_endpoint', 'no userinfo_endpoint is advertised: the provider offers no userinfo');
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
const REFUSAL_CHECK: Record<Refusal, string> = {
  'no token': UI.REFUSE_NO_TOKEN.id,
  'tampered token': UI.REFUSE_TAMPERED.id,
  'refresh token': UI.REFUSE_REFRESH.id,
  'revoked token': UI.REFUSE_REVOKED.id,
};
const WITH_TOKEN: Refusal[] = ['tampered token', 'refresh token', 'revoked token'];

/** GET /userinfo?access_token=… (RFC 6750 §2.3). */
function askInQuery(http: HttpClient, discovery: Discovery, token: string): Promise<HttpResponse> {
  return http.send({ url: endpoint(discovery), query: { access_token: token } });
}

/**
 * Present one kind of bad credential; the refusal checks each judge one of these. The positive control comes first:
 * the sign-in's own access token, presented the same way, is answered 200 (else the refusal would prove nothing).
 */
async function refused(kind: Refusal, fx: CheckFixtures, signedIn?: SignedIn): Promise<HttpResponse> {
  const { login, http, discovery } = fx;
  // Without a way to sign in, a request without any token is still judged: nothing else could have been refused. A
  // revocation ends the session, so only that one is signed in for itself.
  const s =
    signedIn ??
    (kind === 'no token' && !login.mode
      ? undefined
      : kind === 'revoked token'
        ? await login.signIn()
        : await sharedSignIn(fx, PLAIN_SIGN_IN));
  if (s) {
    const control = await askUserinfo(http, discovery, s.tokens.accessToken);
    if (control.status !== 200)
      blocked(`the control, the same request with the sign-in's access token, was answered HTTP ${control.status}`, 'UI-GET-BEARER');
  }
  if (kind === 'no token' || !s) return askUserinfo(http, discovery, undefined);
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

const ALL_REFUSALS: readonly Refusal[] = ['no token', ...WITH_TOKEN];

/**
 * Every kind of bad credential, presented once per worker and target (scenarios/shared.ts) for the checks of the
 * refusals' form: the ones the target refused (the others are their own checks' findings). One sign-in serves them
 * all; the revocation, which ends it, comes last.
 */
function refusals(fx: CheckFixtures): Promise<Array<[Refusal, HttpResponse]>> {
  return sharedScenario('userinfo refusals', fx.settings.baseUrl, async () => {
    const signedIn = fx.login.mode ? await fx.login.signIn() : undefined;
    const judged: Array<[Refusal, HttpResponse]> = [];
    for (const kind of ALL_REFUSALS) {
      if (kind !== 'no token' && !signedIn) continue;
      try {
        const res = await refused(kind, fx, signedIn);
        if (isRefusal(res)) judged.push([kind, res]);
      } catch (e) {
        if (!(e instanceof NotApplicable)) throw e; // a kind that cannot be made here is left out
      }
    }
    return judged;
  });
}

/** The refusals of `kinds` a check of their form may judge. */
async function refusalsToJudge(fx: CheckFixtures, kinds: readonly Refusal[]): Promise<Array<[Refusal, HttpResponse]>> {
  const judged = (await refusals(fx)).filter(([kind]) => kinds.includes(kind));
  // Each refusal is its own check's subject: those checks fail when it is not refused.
  if (!judged.length)
    blocked(
      `none of these requests was refused: ${kinds.join(', ')}`,
      kinds.map((k) => REFUSAL_CHECK[k]),
    );
  return judged;
}

function mustRefuse(res: HttpResponse, what: string): void {
  must(
    res.status !== 200,
    `${what} was answered 200${res.json?.sub ? ` with the user's claims (sub ${JSON.stringify(res.json.sub)})` : ''}`,
    { finding: 'accepted', expected: 'a 4xx refusal', actual: res.status },
  );
  must(isRefusal(res), `${what} was answered HTTP ${res.status}, expected a 4xx refusal`, {
    finding: `status:${res.status}`,
    expected: '4xx',
    actual: res.status,
  });
}

// ---- signed userinfo ----

async function signedUserinfo(fx: CheckFixtures): Promise<{ res: HttpResponse; signedIn: SignedIn }> {
  const { http, discovery } = fx;
  const algs = discovery.doc?.userinfo_signing_alg_values_supported;
  if (Array.isArray(algs) && !algs.includes('RS256'))
    notApplicable(`userinfo_signing_alg_values_supported is ${JSON.stringify(algs)}, without RS256`);
  const signedIn = await sharedSignIn(fx, 'sign-in of a client with signed userinfo', {
    clientMetadata: { userinfo_signed_response_alg: 'RS256' },
  });
  const res = await askUserinfo(http, discovery, signedIn.tokens.accessToken);
  // Judged by UI-SIGNED-CONTENT-TYPE (and UI-GET-BEARER when no userinfo works at all); the others are blocked by it.
  if (res.status !== 200)
    blocked(`userinfo for a client with userinfo_signed_response_alg RS256 answered HTTP ${res.status}`, [
      'UI-SIGNED-CONTENT-TYPE',
      'UI-GET-BEARER',
    ]);
  return { res, signedIn };
}

async function signedClaims(fx: CheckFixtures): Promise<{ jwt: string; jws: Jws; signedIn: SignedIn }> {
  const { res, signedIn } = await signedUserinfo(fx);
  const jwt = res.text.trim();
  const jws = decodeJws(jwt);
  if (!jws) blocked('the response is not a JWT', 'UI-SIGNED-CONTENT-TYPE');
  await attachJson('signed userinfo (decoded)', jws);
  return { jwt, jws, signedIn };
}

test.describe('getOidcUserInfo: GET|POST /userinfo', () => {
  // The form of the refusals (the checks of each refusal are below), judged on one set of them made once per run. First
  // in the file: the longest group of its checks, and Playwright hands out a file's tests in order.
  test.describe('the refusals of a missing or bad token', () => {
    judgedTogether();

    check(UI.REFUSE_401, async (fx) => {
      const off = (await refusalsToJudge(fx, ALL_REFUSALS)).filter(([, res]) => res.status !== 401);
      must(off.length === 0, `refused without 401: ${off.map(([k, res]) => `${k}: HTTP ${res.status}`).join('; ')}`, {
        finding: `status:${[...new Set(off.map(([, res]) => res.status))].sort().join(',')}`,
        expected: 401,
        actual: off.map(([k, res]) => `${k}: ${res.status}`),
      });
    });

    check(UI.REFUSE_CHALLENGE, async (fx) => {
      const off = (await refusalsToJudge(fx, ALL_REFUSALS)).filter(([, res]) => !bearerChallenge(res));
      must(
        off.length === 0,
        `no Bearer challenge: ${off.map(([k, res]) => `${k}: WWW-Authenticate is ${JSON.stringify(res.header('www-authenticate') ?? null)}`).join('; ')}`,
        {
          finding: off.some(([, res]) => res.header('www-authenticate') === undefined) ? 'challenge-missing' : 'challenge-not-bearer',
          expected: 'WWW-Authenticate: Bearer …',
          actual: off.map(([k, res]) => `${k}: ${res.header('www-authenticate') ?? 'none'}`),
        },
      );
    });

    check(UI.REFUSE_CHALLENGE_SYNTAX, async (fx) => {
      const { login } = fx;
      login.require();
      const refusals = await refusalsToJudge(fx, ALL_REFUSALS);
      mustBeWellFormedBearerChallenges(
        refusals.map(([what, res]) => ({ what, res, withError: what !== 'no token' })),
        'UI-REFUSE-CHALLENGE',
      );
    });

    check(UI.REFUSE_CODE, async (fx) => {
      const { login } = fx;
      login.require();
      const judged = (await refusalsToJudge(fx, WITH_TOKEN)).filter(([, res]) => bearerChallenge(res));
      if (!judged.length) blocked('no refusal carried a Bearer challenge', 'UI-REFUSE-CHALLENGE');
      // A challenge without any auth-param cannot name an error: the MUST of its syntax judges that.
      const bare = judged.filter(([, res]) => !parseChallenges(bearerChallenge(res)!)?.[0]?.params.length);
      if (bare.length)
        blocked(
          `the challenge of ${bare.map(([k]) => k).join(', ')} has no auth-param`,
          'UI-REFUSE-CHALLENGE-SYNTAX',
          'challenge-no-params',
        );
      const off = judged
        .filter(([, res]) => challengeError(bearerChallenge(res)!) !== 'invalid_token')
        .map(([k, res]) => `${k}: ${JSON.stringify(bearerChallenge(res))}`);
      const codes = [...new Set(judged.map(([, res]) => challengeError(bearerChallenge(res)!) ?? 'none'))]
        .filter((c) => c !== 'invalid_token')
        .sort();
      must(off.length === 0, `the challenge's error is not invalid_token: ${off.join('; ')}`, {
        finding: `challenge-error:${codes.join(',')}`,
        expected: 'invalid_token',
        actual: codes,
      });
    });

    check(UI.REFUSE_NO_CODE, async (fx) => {
      const [[, res]] = await refusalsToJudge(fx, ['no token']);
      const challenge = bearerChallenge(res);
      if (!challenge) blocked('the refusal carried no Bearer challenge', 'UI-REFUSE-CHALLENGE');
      must(
        challengeError(challenge) === undefined,
        `the request carried no token, yet the challenge names an error: ${JSON.stringify(challenge)}`,
        { finding: `challenge-error:${challengeError(challenge)}`, expected: 'no error attribute', actual: challenge },
      );
    });
  });

  for (const [def, how] of [
    [UI.GET_BEARER, 'GET bearer'],
    [UI.POST_BEARER, 'POST bearer'],
    [UI.POST_FORM, 'POST form'],
  ] as const) {
    check(def, async (fx) => {
      const { http, discovery } = fx;
      const signedIn = await sharedSignIn(fx, PLAIN_SIGN_IN);
      mustHaveStatus(
        await askUserinfo(http, discovery, signedIn.tokens.accessToken, how),
        200,
        `${how === 'POST form' ? 'POST with access_token in the form body' : `${how.split(' ')[0]} with a Bearer header`}`,
      );
    });
  }

  check(UI.CONTENT_TYPE, async (fx) => {
    const { http, discovery } = fx;
    mustHaveMediaType(await claimsOf(http, discovery, await sharedSignIn(fx, PLAIN_SIGN_IN)), 'application/json', 'the userinfo response');
  });

  check(UI.SCHEMA, async (fx) => {
    const { http, discovery } = fx;
    mustMatchSchema(await claimsOf(http, discovery, await sharedSignIn(fx, PLAIN_SIGN_IN)), 'userinfo');
  });

  check(UI.SUB, async (fx) => {
    const { http, discovery } = fx;
    const signedIn = await sharedSignIn(fx, PLAIN_SIGN_IN);
    const sub = idTokenSubOf(signedIn);
    const body = (await claimsOf(http, discovery, signedIn)).json;
    // No sub at all is a response outside its schema: UI-SCHEMA's finding, not a second one here.
    if (body !== undefined && body.sub === undefined) blocked('the userinfo response has no sub to compare', 'UI-SCHEMA');
    must(body?.sub === sub, `userinfo sub is ${JSON.stringify(body?.sub)}, the ID token's ${JSON.stringify(sub)}`, {
      finding: body?.sub === undefined ? 'sub-missing' : 'sub-differs',
      expected: sub,
      actual: body?.sub ?? null,
    });
  });

  check(UI.GRANTED_CLAIMS, async (fx) => {
    const { login, http, discovery } = fx;
    const signedIn = await sharedSignIn(fx, PLAIN_SIGN_IN);
    if (!Object.keys(signedIn.grantedClaims).length)
      notApplicable(`the claims given at consent are chosen by the harness only with the ory-admin driver (this run: ${login.mode})`);
    await attachJson('claims granted at consent (session.id_token)', signedIn.grantedClaims);
    const body = (await claimsOf(http, discovery, signedIn)).json ?? {};
    mustReturnClaims(body, signedIn.grantedClaims, 'userinfo');
  });

  // Claims by scope (Core §5.4; the OIDF oidcc-scope-* modules). With the ory-admin driver the harness is the consent
  // app: it grants the scope with that scope's claims in session.id_token, as a consent app does, and Hydra answers
  // the consent session's claims. A browser signs in whoever the provider knows, so there only the names are judged.
  for (const scope of CLAIM_SCOPES) {
    check(UI[`SCOPE_${scope.toUpperCase() as Uppercase<typeof scope>}`], async ({ login, http, discovery }) => {
      login.requireFreshFlow(`the access token must be granted the ${scope} scope`);
      const offered = discovery.doc?.scopes_supported;
      // Discovery lets a provider leave supported scopes unlisted; Ory grants any scope the client may request.
      if (login.mode !== 'ory-admin' && Array.isArray(offered) && !offered.includes(scope))
        notOffered('discovery scopes_supported', `scopes_supported ${JSON.stringify(offered)} does not list ${scope}`);
      const signedIn = await login.signIn({ scope: ['openid', scope], idTokenClaims: { ...SAMPLE_SCOPE_CLAIMS[scope] } });
      const body = (await claimsOf(http, discovery, signedIn)).json ?? {};
      if (Object.keys(signedIn.grantedClaims).length)
        return mustReturnClaims(body, signedIn.grantedClaims, `userinfo for a token granted ${scope}`);
      const returned = SCOPE_CLAIMS[scope].filter((c) => body[c] !== undefined);
      must(returned.length > 0, `userinfo for a token granted ${scope} returned none of its claims (${SCOPE_CLAIMS[scope].join(', ')})`, {
        finding: `scope-claims-missing:${scope}`,
        expected: SCOPE_CLAIMS[scope],
        actual: Object.keys(body).sort(),
      });
    });
  }

  check(UI.SCOPE_NOT_GRANTED, async ({ login, http, discovery }) => {
    login.requireFreshFlow('the access token must be granted openid alone');
    const signedIn = await login.signIn({ scope: ['openid'], idTokenClaims: {} });
    const body = (await claimsOf(http, discovery, signedIn)).json ?? {};
    // A claim present as null discloses nothing: Core §5.3.2 asks that it be left out (UI-SCHEMA's finding).
    const returned = (c: string) => body[c] !== undefined && body[c] !== null;
    const unasked = CLAIM_SCOPES.flatMap((scope) => SCOPE_CLAIMS[scope].filter(returned).map((c) => `${c} (${scope})`));
    must(
      unasked.length === 0,
      `userinfo for a token granted openid alone, with no claims given at consent, returned ${unasked.join(', ')}`,
      {
        finding: `claims-not-granted:${CLAIM_SCOPES.flatMap((scope) => SCOPE_CLAIMS[scope].filter(returned))
          .sort()
          .join(',')}`,
        expected: 'sub and no claim of the profile, email, address or phone scopes',
        actual: Object.keys(body).sort(),
      },
    );
  });

  check(UI.SIGNED_TYPE, async (fx) => {
    const ct = (await signedUserinfo(fx)).res.header('content-type') ?? '';
    must(/^application\/jwt\s*(;|$)/i.test(ct), `Content-Type is ${JSON.stringify(ct)}, expected application/jwt`, {
      finding: `content-type:${ct.split(';')[0]!.trim().toLowerCase() || 'none'}`,
      expected: 'application/jwt',
      actual: ct,
    });
  });

  check(UI.SIGNED_SIGNATURE, async (fx) => {
    const { http, discovery } = fx;
    const { jwt, jws } = await signedClaims(fx);
    must(
      jws.header.alg === 'RS256',
      `the signed response has alg ${JSON.stringify(jws.header.alg)}, not the registered userinfo_signed_response_alg RS256`,
      {
        finding: `alg:${jws.header.alg ?? 'none'}`,
        expected: 'RS256',
        actual: jws.header.alg ?? null,
      },
    );
    await mustVerifyWithKeys(jwt, await providerKeys(http, discovery), 'the signed userinfo response');
  });

  check(UI.SIGNED_ISS, async (fx) => {
    const { settings } = fx;
    const { jws } = await signedClaims(fx);
    must(
      jws.payload.iss === settings.issuer,
      `the signed userinfo response has iss ${JSON.stringify(jws.payload.iss)}, not the issuer ${settings.issuer}`,
      {
        finding: jws.payload.iss === undefined ? 'iss-missing' : 'iss-differs',
        expected: settings.issuer,
        actual: jws.payload.iss ?? null,
      },
    );
  });

  check(UI.SIGNED_AUD, async (fx) => {
    const { jws, signedIn } = await signedClaims(fx);
    must(
      audiences(jws.payload).includes(signedIn.clientId),
      `aud is ${JSON.stringify(jws.payload.aud)}, without the client_id ${signedIn.clientId}`,
      { finding: 'aud-without-client', expected: signedIn.clientId, actual: jws.payload.aud ?? null },
    );
  });

  for (const [def, kind] of [
    [UI.REFUSE_NO_TOKEN, 'no token'],
    [UI.REFUSE_TAMPERED, 'tampered token'],
    [UI.REFUSE_REFRESH, 'refresh token'],
    [UI.REFUSE_REVOKED, 'revoked token'],
  ] as const) {
    check(def, async (fx) => {
      const { login } = fx;
      if (kind !== 'no token') login.require();
      const what = `a userinfo request with ${kind === 'no token' ? 'no access token' : `a ${kind}`}`;
      const res = await refused(kind, fx);
      mustRefuse(res, what);
      // RFC 6750 §3.1: an expired, revoked, malformed or otherwise invalid token is invalid_token.
      if (kind !== 'no token') mustNameBearerError(res, 'invalid_token', what);
    });
  }

  check(UI.REFUSE_NO_OPENID, async (fx) => {
    const { clients, login, http, discovery } = fx;
    requireClientCredentials(discovery);
    // The positive control, when a user can be signed in: an access token granted openid is answered.
    if (login.mode) await claimsOf(http, discovery, await sharedSignIn(fx, PLAIN_SIGN_IN));
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
    mustNameBearerError(res, ['insufficient_scope', 'invalid_token'], 'userinfo for a client_credentials token');
  });

  check(UI.QUERY_TOKEN_REFUSED, async (fx) => {
    const { http, discovery } = fx;
    const res = await askInQuery(http, discovery, (await sharedSignIn(fx, PLAIN_SIGN_IN)).tokens.accessToken);
    must(res.status !== 200, 'userinfo answered 200 to an access token in the URL query, where proxies and servers log it', {
      finding: 'accepted',
      expected: 'a refusal',
      actual: res.status,
    });
  });

  check(UI.QUERY_TOKEN_PRIVATE, async (fx) => {
    const { http, discovery } = fx;
    const res = await askInQuery(http, discovery, (await sharedSignIn(fx, PLAIN_SIGN_IN)).tokens.accessToken);
    if (res.status !== 200)
      notOffered(
        'userinfo access_token query parameter',
        `the provider does not accept an access token in the URL query (HTTP ${res.status})`,
      );
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
});

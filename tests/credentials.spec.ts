// Verifiable credentials (POST /credentials, Ory's UserInfo VC draft 00 on OpenID4VCI): the
// c_nonce, issuance bound to a fresh holder key, the credential itself, and the refusals. Each
// refusal sends a request that is right in every way but one.
import { calculateJwkThumbprint } from 'jose';
import { test } from '../fixtures/index.ts';
import { check, type CheckFixtures } from '../fixtures/check.ts';
import { attachJson } from '../fixtures/evidence.ts';
import { VC_SCOPE, type SignedIn, type SignInOptions } from '../fixtures/login.ts';
import { sharedSignIn } from '../scenarios/shared-sign-in.ts';
import type { Discovery } from '../fixtures/harness.ts';
import { VC, VC_ISSUE } from '../checks/catalogue/credentials.ts';
import type { CheckDef } from '../checks/catalogue/types.ts';
import { blocked, must, mustHaveStatus, mustMatchSchema, notApplicable, notOffered } from '../checks/rules/verdict.ts';
import { idTokenSubOf } from '../checks/rules/id-token-sub.ts';
import { bearerChallenge, bearerErrorCodes, mustBeRefused, mustBeRefusedWith, mustNameBearerError } from '../checks/rules/refusal.ts';
import { mustReturnClaims } from '../checks/rules/scope-claims.ts';
import { mustHaveMediaType } from '../checks/rules/media-type.ts';
import { decodeJws, mustVerifyWithKeys, nowSeconds, providerKeys, SKEW_SECONDS, type Jws } from '../checks/rules/jwt.ts';
import {
  JOSE_SUITES,
  jwkOfDid,
  newHolder,
  proofJwt,
  sameKey,
  type Holder,
  type JoseSuite,
  type ProofOptions,
} from '../checks/rules/vc-proof.ts';
import { tamperedToken } from '../checks/rules/jws.ts';
import { revokeAccessToken } from '../scenarios/token-endpoint.ts';
import type { Settings } from '../harness/config/settings.ts';
import type { HttpClient, HttpResponse } from '../harness/http/client.ts';
import { mustBeWellFormedBearerChallenges } from '../checks/rules/challenge.ts';

const FORMAT = 'jwt_vc_json';
/** OpenID4VCI ID1 §7.3.1.2: a proof that is missing, invalid or not bound to the issuer's c_nonce is invalid_proof. */
const INVALID_PROOF = { status: 400, error: 'invalid_proof' } as const;
/** A c_nonce the issuer does not take: invalid_proof (ID1 §7.3.1.2), or invalid_nonce (OpenID4VCI 1.0 §8.3.1.2). */
const NONCE_REFUSED = { status: 400, error: ['invalid_proof', 'invalid_nonce'] } as const;

/** What the provider offers: the first jwt_vc_json entry of credentials_supported_draft_00. */
function offer(discovery: Discovery): { endpoint: string; types: string[]; suites: string[] } {
  const endpoint = discovery.doc?.credentials_endpoint_draft_00;
  if (typeof endpoint !== 'string')
    notOffered(
      'discovery credentials_endpoint_draft_00',
      'credentials_endpoint_draft_00 is not advertised: the provider offers no verifiable credentials',
    );
  const offers = Array.isArray(discovery.doc?.credentials_supported_draft_00) ? discovery.doc.credentials_supported_draft_00 : [];
  const o = offers.find((x: any) => x?.format === FORMAT);
  if (!o) notOffered('discovery credentials_supported_draft_00', `credentials_supported_draft_00 offers no ${FORMAT} credential`);
  return {
    endpoint,
    types: Array.isArray(o.types) ? o.types : [],
    suites: Array.isArray(o.cryptographic_suites_supported) ? o.cryptographic_suites_supported : [],
  };
}

interface Session {
  signedIn: SignedIn;
  /** A sign-in other checks use too (scenarios/shared-sign-in.ts): a nonce for it is always asked for afresh. */
  shared: boolean;
  endpoint: string;
  types: string[];
  suites: string[];
}

const VC_SIGN_IN: SignInOptions = { scope: ['openid', 'offline_access', VC_SCOPE] };

/**
 * A user signed in with the credential scope granted, the sign-in shared by the checks of the worker that only ask for
 * credentials with its token (scenarios/shared-sign-in.ts).
 */
async function session(fx: CheckFixtures): Promise<Session> {
  const o = offer(fx.discovery);
  return { signedIn: await sharedSignIn(fx, 'sign-in with the credential scope', VC_SIGN_IN), shared: true, ...o };
}

/** A sign-in of the check's own, for a check that ends its session (a revocation) or needs a second user. */
async function ownSession(fx: CheckFixtures): Promise<Session> {
  const o = offer(fx.discovery);
  return { signedIn: await fx.login.signIn(VC_SIGN_IN), shared: false, ...o };
}

function requestCredential(
  http: HttpClient,
  s: Session,
  body: Record<string, unknown>,
  token: string | undefined = s.signedIn.tokens.accessToken,
): Promise<HttpResponse> {
  return http.send({ method: 'POST', url: s.endpoint, bearer: token, json: { format: FORMAT, types: s.types, ...body } });
}

const priming = (http: HttpClient, s: Session) => requestCredential(http, s, {});

/** A priming request and the c_nonce it gave; without one, blocked by the check that judges why. */
async function primed(http: HttpClient, s: Session): Promise<{ res: HttpResponse; nonce: string }> {
  const res = await priming(http, s);
  const nonce = res.json?.c_nonce;
  if (typeof nonce === 'string') return { res, nonce };
  // A priming request that is not refused gives no nonce by construction: VC-REFUSE-MISSING-PROOF judges that.
  if (res.status < 400)
    blocked(`no c_nonce could be had: the request without proof was answered HTTP ${res.status}`, 'VC-REFUSE-MISSING-PROOF');
  blocked('the request without proof gave no c_nonce', 'VC-PRIMING-NONCE');
}

/**
 * A c_nonce for this access token: the token response's while it has time to live, else a fresh one from a priming
 * request. A shared sign-in always primes: another check may have been given a newer nonce for the same token since
 * (a provider that keeps only the latest one refuses the older).
 */
async function nonceOf(http: HttpClient, s: Session): Promise<string> {
  if (s.shared) return (await primed(http, s)).nonce;
  const body = s.signedIn.tokenResponse?.json;
  // A short-lived nonce (a provider configured for VC-REFUSE-EXPIRED-NONCE) may have run out on a busy machine.
  if (typeof body?.c_nonce_draft_00 === 'string' && !(Number(body.c_nonce_expires_in_draft_00) <= 60)) return body.c_nonce_draft_00;
  return (await primed(http, s)).nonce;
}

async function proofFor(
  http: HttpClient,
  s: Session,
  settings: Settings,
  signer: Holder,
  o: Partial<ProofOptions> = {},
): Promise<Record<string, unknown>> {
  const jwt = await proofJwt(signer, {
    nonce: o.nonce ?? (await nonceOf(http, s)),
    audience: settings.issuer,
    clientId: s.signedIn.clientId,
    ...o,
  });
  return { proof_type: 'jwt', jwt };
}

/**
 * The suite the credential checks use: the first advertised one jose can make. Ory's contract offers Hydra's suites
 * (DISC-ORY-CREDENTIALS judges the list), so a provider that offers none the harness can make fails there.
 */
function preferredSuite(s: Session): JoseSuite {
  const alg = JOSE_SUITES.find((a) => !s.suites.length || s.suites.includes(a));
  if (!alg) blocked(`no advertised credential suite can be made by the harness: ${JSON.stringify(s.suites)}`, 'DISC-ORY-CREDENTIALS');
  return alg;
}

interface Issued {
  s: Session;
  holder: Holder;
  res: HttpResponse;
  jwt: string;
  jws: Jws;
}

/** A credential issued for a fresh holder key; the checks of the credential skip when there is none (VC-ISSUE-<alg>). */
async function issued(fx: CheckFixtures): Promise<Issued> {
  const { http, settings } = fx;
  const s = await session(fx);
  const holder = await newHolder(preferredSuite(s));
  const res = await requestCredential(http, s, { proof: await proofFor(http, s, settings, holder) });
  const jwt = res.json?.credential_draft_00;
  if (res.status !== 200 || typeof jwt !== 'string') blocked(`no credential was issued: HTTP ${res.status}`, `VC-ISSUE-${holder.alg}`);
  const jws = decodeJws(jwt);
  if (!jws) blocked('credential_draft_00 is not a compact JWS', 'VC-RESPONSE-SCHEMA');
  await attachJson('credential (decoded)', jws);
  await attachJson('holder public key', holder.publicJwk);
  return { s, holder, res, jwt, jws };
}

const vcOf = (jws: Jws): Record<string, any> =>
  jws.payload.vc && typeof jws.payload.vc === 'object' ? (jws.payload.vc as Record<string, any>) : {};

/**
 * The positive control of a refusal: the same request, right in every way (a fresh holder key, a fresh nonce, the
 * token as it is), gets a credential. Without it a refusal proves nothing: it may have been for another reason.
 */
async function mustIssueAsControl(http: HttpClient, s: Session, settings: Settings): Promise<void> {
  const holder = await newHolder(preferredSuite(s));
  const res = await requestCredential(http, s, { proof: await proofFor(http, s, settings, holder) });
  if (res.status !== 200 || typeof res.json?.credential_draft_00 !== 'string') {
    blocked(
      `the control, the same request done right, got no credential either (HTTP ${res.status}), so the refusal proves nothing`,
      `VC-ISSUE-${holder.alg}`,
    );
  }
}

/** A proper refusal: no credential, a 4xx (with the error code the clause names, when it names one) and an error body. */
function mustRefuseCredential(res: HttpResponse, what: string, expect: { status?: number; error?: string | readonly string[] } = {}): void {
  must(!res.json?.credential_draft_00 && !res.json?.credential, `${what} was answered HTTP ${res.status} with a credential`, {
    finding: 'credential-issued',
    expected: 'a refusal',
    actual: res.status,
  });
  if (expect.error) mustBeRefusedWith(res, expect.status, expect.error, what);
  else if (expect.status) mustHaveStatus(res, expect.status, what);
  mustBeRefused(res, what);
}

test.describe('createVerifiableCredential: POST /credentials', () => {
  check(VC.NONCE_TOKEN, async (fx) => {
    const { login } = fx;
    login.requireFreshFlow('the c_nonce comes with the token response of a sign-in with the credential scope');
    const { signedIn } = await session(fx);
    const body = signedIn.tokenResponse!.json ?? {};
    must(
      typeof body.c_nonce_draft_00 === 'string' && body.c_nonce_draft_00 !== '',
      `the token response (scope ${JSON.stringify(body.scope)}) has no c_nonce_draft_00`,
      { finding: 'c-nonce-missing', expected: 'c_nonce_draft_00', actual: body.c_nonce_draft_00 ?? null },
    );
    must(
      Number.isInteger(body.c_nonce_expires_in_draft_00) && body.c_nonce_expires_in_draft_00 > 0,
      `c_nonce_expires_in_draft_00 is ${JSON.stringify(body.c_nonce_expires_in_draft_00)}, expected a positive integer`,
      { finding: 'c-nonce-lifetime-invalid', expected: 'a positive integer', actual: body.c_nonce_expires_in_draft_00 ?? null },
    );
  });

  check(VC.REFUSE_MISSING_PROOF, async (fx) => {
    const { http } = fx;
    mustRefuseCredential(await priming(http, await session(fx)), 'a request without proof', INVALID_PROOF);
  });

  check(VC.PRIMING_NONCE, async (fx) => {
    const { http } = fx;
    const res = await priming(http, await session(fx));
    if (res.status < 400) blocked(`the request without proof was answered HTTP ${res.status}`, 'VC-REFUSE-MISSING-PROOF');
    mustMatchSchema(res, 'credential-priming');
  });

  check(VC.PRIMING_FORMAT, async (fx) => {
    const { http } = fx;
    const res = await priming(http, await session(fx));
    if (res.status < 400) blocked(`the request without proof was answered HTTP ${res.status}`, 'VC-REFUSE-MISSING-PROOF');
    must(res.json?.format === FORMAT, `the priming answer says format ${JSON.stringify(res.json?.format)}, not the ${FORMAT} requested`, {
      finding: `format:${String(res.json?.format ?? 'missing')}`,
      expected: FORMAT,
      actual: res.json?.format ?? null,
    });
  });

  for (const alg of JOSE_SUITES) {
    check(VC_ISSUE[alg], async (fx) => {
      const { http, settings } = fx;
      const s = await session(fx);
      // Ory's contract offers every suite Hydra does (DISC-ORY-CREDENTIALS judges the advertised list).
      if (s.suites.length && !s.suites.includes(alg))
        blocked(`${alg} is not in cryptographic_suites_supported ${JSON.stringify(s.suites)}`, 'DISC-ORY-CREDENTIALS');
      const res = await requestCredential(http, s, { proof: await proofFor(http, s, settings, await newHolder(alg)) });
      mustHaveStatus(res, 200, `a credential request with an ${alg} proof`);
      must(typeof res.json?.credential_draft_00 === 'string', 'the 200 answer carries no credential_draft_00', {
        finding: 'credential-missing',
        expected: 'credential_draft_00',
        actual: Object.keys(res.json ?? {}),
      });
    });
  }

  check(VC.RESPONSE_SCHEMA, async (fx) => {
    mustMatchSchema((await issued(fx)).res, 'credential-response');
  });

  check(VC.RESPONSE_CONTENT_TYPE, async (fx) => {
    mustHaveMediaType((await issued(fx)).res, 'application/json', 'the credential response');
  });

  check(VC.SIGNATURE, async (fx) => {
    const { http, discovery } = fx;
    const { jwt } = await issued(fx);
    await mustVerifyWithKeys(jwt, await providerKeys(http, discovery), 'the credential');
  });

  check(VC.ISS, async (fx) => {
    const { settings } = fx;
    const { iss } = (await issued(fx)).jws.payload;
    must(iss === settings.issuer, `the credential's iss is ${JSON.stringify(iss)}, not the issuer ${settings.issuer}`, {
      finding: iss === undefined ? 'iss-missing' : 'iss-differs',
      expected: settings.issuer,
      actual: iss ?? null,
    });
  });

  check(VC.SUBJECT, async (fx) => {
    const { jws, holder } = await issued(fx);
    const named = { sub: jws.payload.sub, 'vc.credentialSubject.id': vcOf(jws).credentialSubject?.id };
    const off = Object.entries(named)
      .filter(([, did]) => {
        const k = jwkOfDid(did);
        return !k || !sameKey(k, holder.publicJwk);
      })
      .map(([where, did]) => `${where} is ${JSON.stringify(did)}${jwkOfDid(did) ? ' (another key)' : ' (not a did:jwk)'}`);
    must(off.length === 0, `not the did:jwk of the holder key: ${off.join('; ')}`, {
      finding: 'subject-not-holder',
      expected: 'the did:jwk of the holder key',
      actual: named,
    });
  });

  check(VC.CONTEXT, async (fx) => {
    const { jws, s } = await issued(fx);
    const vc = vcOf(jws);
    const context = Array.isArray(vc['@context']) ? vc['@context'] : [];
    must(
      context[0] === 'https://www.w3.org/2018/credentials/v1',
      `vc.@context is ${JSON.stringify(vc['@context'])}, expected it to start with https://www.w3.org/2018/credentials/v1`,
      {
        finding: vc['@context'] === undefined ? 'context-missing' : 'context-not-v1',
        expected: 'https://www.w3.org/2018/credentials/v1',
        actual: vc['@context'] ?? null,
      },
    );
    const types: unknown[] = Array.isArray(vc.type) ? vc.type : [];
    const missing = [...new Set(['VerifiableCredential', ...s.types].filter((t) => !types.includes(t)))].sort();
    must(missing.length === 0, `vc.type is ${JSON.stringify(vc.type)}, without ${missing.join(', ')}`, {
      finding: `type-missing:${missing.join(',')}`,
      expected: ['VerifiableCredential', ...s.types],
      actual: vc.type ?? null,
    });
  });

  check(VC.VALIDITY, async (fx) => {
    const { payload } = (await issued(fx)).jws;
    const now = nowSeconds();
    const at = (t: number) => `${t} (${new Date(t * 1000).toISOString()})`;
    // Evidence of validity is a start (nbf or iat) and an end (exp), each a NumericDate: without them there is nothing to judge.
    const from = typeof payload.nbf === 'number' ? 'nbf' : typeof payload.iat === 'number' ? 'iat' : undefined;
    must(
      from,
      `the credential has neither nbf nor iat (got nbf ${JSON.stringify(payload.nbf)}, iat ${JSON.stringify(payload.iat)}): when it becomes valid is not said`,
      { finding: 'claim-missing:nbf-or-iat', expected: 'nbf or iat', actual: null },
    );
    must(
      typeof payload.exp === 'number',
      `the credential has no exp (got ${JSON.stringify(payload.exp)}): a credential that never expires`,
      { finding: 'claim-missing:exp', expected: 'exp', actual: payload.exp ?? null },
    );
    must((payload[from] as number) <= now + SKEW_SECONDS, `the credential is not valid yet: ${from} is ${at(payload[from] as number)}`, {
      finding: `claim-future:${from}`,
      expected: `<= ${now + SKEW_SECONDS}`,
      actual: payload[from],
    });
    must(payload.exp > now - SKEW_SECONDS, `the credential has already expired: exp is ${at(payload.exp)}`, {
      finding: 'claim-expired:exp',
      expected: `> ${now - SKEW_SECONDS}`,
      actual: payload.exp,
    });
  });

  check(VC.USER, async (fx) => {
    const { jws, s } = await issued(fx);
    const expected: Record<string, unknown> = { sub: idTokenSubOf(s.signedIn), ...s.signedIn.grantedClaims };
    mustReturnClaims(vcOf(jws).credentialSubject ?? {}, expected, 'vc.credentialSubject');
  });

  check(VC.REFUSE_NO_TOKEN, async (fx) => {
    const { login, http, discovery, settings } = fx;
    const { endpoint, types } = offer(discovery);
    const res = await http.send({ method: 'POST', url: endpoint, json: { format: FORMAT, types } });
    mustRefuseCredential(res, 'a request without an access token', { status: 401 });
    // The positive control, when a user can be signed in: the same request with an access token (and a proof) is served.
    if (login.mode) await mustIssueAsControl(http, await session(fx), settings);
  });

  check(VC.REFUSE_FORMAT, async (fx) => {
    const { http, settings } = fx;
    const s = await session(fx);
    const proof = await proofFor(http, s, settings, await newHolder(preferredSuite(s)));
    mustRefuseCredential(
      await requestCredential(http, s, { format: 'harness_unsupported_format', proof }),
      'a request for format harness_unsupported_format',
      { status: 400, error: 'unsupported_credential_format' },
    );
    await mustIssueAsControl(http, s, settings);
  });

  check(VC.REFUSE_PROOF_TYPE, async (fx) => {
    const { http, settings } = fx;
    const s = await session(fx);
    const proof = await proofFor(http, s, settings, await newHolder(preferredSuite(s)));
    mustRefuseCredential(
      await requestCredential(http, s, { proof: { ...proof, proof_type: 'harness_unsupported_proof' } }),
      'a proof with proof_type harness_unsupported_proof',
      INVALID_PROOF,
    );
    await mustIssueAsControl(http, s, settings);
  });

  check(VC.REFUSE_WRONG_KEY, async (fx) => {
    const { http, settings } = fx;
    const s = await session(fx);
    const [signer, named] = await Promise.all([newHolder(preferredSuite(s)), newHolder(preferredSuite(s))]);
    const proof = await proofFor(http, s, settings, signer, { headerJwk: named.publicJwk });
    mustRefuseCredential(await requestCredential(http, s, { proof }), 'a proof signed by another key than its header names', INVALID_PROOF);
    await mustIssueAsControl(http, s, settings);
  });

  check(VC.REFUSE_PRIVATE_KEY, async (fx) => {
    const { http, settings } = fx;
    const s = await session(fx);
    const holder = await newHolder(preferredSuite(s));
    const proof = await proofFor(http, s, settings, holder, { headerJwk: holder.privateJwk });
    mustRefuseCredential(await requestCredential(http, s, { proof }), 'a proof whose header jwk is a private key', INVALID_PROOF);
    await mustIssueAsControl(http, s, settings);
  });

  check(VC.REFUSE_PROOF_KID_AND_JWK, async (fx) => {
    const { http, settings } = fx;
    const s = await session(fx);
    const holder = await newHolder(preferredSuite(s));
    // The kid names the very key the jwk carries (its thumbprint): only the pair itself is wrong.
    const proof = await proofFor(http, s, settings, holder, { kid: await calculateJwkThumbprint(holder.publicJwk) });
    mustRefuseCredential(await requestCredential(http, s, { proof }), 'a proof whose header carries both kid and jwk', INVALID_PROOF);
    await mustIssueAsControl(http, s, settings);
  });

  check(VC.REFUSE_WRONG_NONCE, async (fx) => {
    const { http, settings } = fx;
    const s = await session(fx);
    const nonce = Buffer.from(`not a nonce the provider issued ${Date.now()}`).toString('base64url');
    const proof = await proofFor(http, s, settings, await newHolder(preferredSuite(s)), { nonce });
    mustRefuseCredential(await requestCredential(http, s, { proof }), 'a proof with a made-up nonce', NONCE_REFUSED);
    await mustIssueAsControl(http, s, settings);
  });

  check(VC.REFUSE_FOREIGN_NONCE, async (fx) => {
    const { login, http, settings } = fx;
    login.requireFreshFlow("a second user's c_nonce is needed");
    const [s, other] = [await session(fx), await ownSession(fx)];
    const proof = await proofFor(http, s, settings, await newHolder(preferredSuite(s)), { nonce: await nonceOf(http, other) });
    mustRefuseCredential(await requestCredential(http, s, { proof }), 'a proof with the c_nonce of another access token', NONCE_REFUSED);
    await mustIssueAsControl(http, s, settings);
  });

  check(VC.REFUSE_EXPIRED_PROOF, async (fx) => {
    const { http, settings } = fx;
    const s = await session(fx);
    const now = nowSeconds();
    const proof = await proofFor(http, s, settings, await newHolder(preferredSuite(s)), { iat: now - 1200, exp: now - 600 });
    mustRefuseCredential(await requestCredential(http, s, { proof }), 'a proof that expired 10 minutes ago', INVALID_PROOF);
    await mustIssueAsControl(http, s, settings);
  });

  check(VC.CHALLENGE, async (fx) => {
    const { login, http, discovery } = fx;
    const { endpoint, types } = offer(discovery);
    const tries: Array<[string, HttpResponse]> = [
      ['no access token', await http.send({ method: 'POST', url: endpoint, json: { format: FORMAT, types } })],
    ];
    if (login.mode) {
      const s = await session(fx);
      tries.push(['a tampered access token', await requestCredential(http, s, {}, tamperedToken(s.signedIn.tokens.accessToken))]);
    }
    const refused = tries.filter(([, r]) => r.status === 401);
    if (!refused.length)
      blocked(`no request was answered 401 (${tries.map(([w, r]) => `${w}: HTTP ${r.status}`).join('; ')})`, [
        'VC-REFUSE-NO-TOKEN',
        'VC-REFUSE-INVALID-TOKEN',
      ]);
    const bare = refused.filter(([, r]) => !bearerChallenge(r));
    must(
      bare.length === 0,
      `401 without a Bearer challenge: ${bare.map(([w, r]) => `${w}: WWW-Authenticate ${JSON.stringify(r.header('www-authenticate') ?? null)}`).join('; ')}`,
      {
        finding: bare.some(([, r]) => r.header('www-authenticate') === undefined) ? 'challenge-missing' : 'challenge-not-bearer',
        expected: 'Bearer',
        actual: bare.map(([, r]) => r.header('www-authenticate') ?? null),
      },
    );
  });

  check(VC.CHALLENGE_SYNTAX, async (fx) => {
    const { login, http, discovery } = fx;
    login.require();
    const { endpoint, types } = offer(discovery);
    const s = await session(fx);
    mustBeWellFormedBearerChallenges(
      [
        {
          what: 'no access token',
          res: await http.send({ method: 'POST', url: endpoint, json: { format: FORMAT, types } }),
          withError: false,
          root: 'VC-REFUSE-NO-TOKEN',
        },
        {
          what: 'a tampered access token',
          res: await requestCredential(http, s, {}, tamperedToken(s.signedIn.tokens.accessToken)),
          withError: true,
          root: 'VC-REFUSE-INVALID-TOKEN',
        },
      ],
      'VC-CHALLENGE',
    );
  });

  check(VC.REFUSE_INVALID_TOKEN, async (fx) => {
    const { http, settings } = fx;
    const s = await session(fx);
    const proof = await proofFor(http, s, settings, await newHolder(preferredSuite(s)));
    const what = 'a request with a tampered access token';
    const res = await requestCredential(http, s, { proof }, tamperedToken(s.signedIn.tokens.accessToken));
    mustRefuseCredential(res, what);
    mustNameBearerError(res, 'invalid_token', what);
    await mustIssueAsControl(http, s, settings);
  });

  check(VC.REFUSE_REVOKED_TOKEN, async (fx) => {
    const { login, http, discovery, settings } = fx;
    login.requireFreshFlow('revoking the token would end the session given in settings');
    const s = await ownSession(fx);
    await mustIssueAsControl(http, s, settings); // before the revocation: the same token worked
    const proof = await proofFor(http, s, settings, await newHolder(preferredSuite(s)));
    await revokeAccessToken(http, discovery, s.signedIn);
    const what = 'a request with a revoked access token';
    const res = await requestCredential(http, s, { proof });
    mustRefuseCredential(res, what);
    mustNameBearerError(res, 'invalid_token', what);
  });

  check(VC.REFUSE_NO_VC_SCOPE, async (fx) => {
    const { login, http, discovery, settings } = fx;
    login.requireFreshFlow('the access token must come from a sign-in without the credential scope');
    const o = offer(discovery);
    const s: Session = { signedIn: await login.signIn({ scope: ['openid', 'offline_access'] }), shared: false, ...o };
    const what = `a request with an access token without the ${VC_SCOPE} scope`;
    // The request without proof: a refusal that names the scope is the answer the rule asks for; one that hands out a
    // c_nonce lets the proof request be judged; any other refusal (a missing proof, with no c_nonce) is not about the scope.
    const primedRes = await priming(http, s);
    let res = primedRes;
    if (!bearerErrorCodes(primedRes).includes('insufficient_scope') && typeof primedRes.json?.c_nonce === 'string') {
      const proof = await proofFor(http, s, settings, await newHolder(preferredSuite(s)), { nonce: primedRes.json.c_nonce });
      res = await requestCredential(http, s, { proof });
    }
    mustRefuseCredential(res, what);
    mustNameBearerError(res, 'insufficient_scope', what);
    await mustIssueAsControl(http, await session(fx), settings); // the same, with the scope
  });

  check(VC.REFUSE_UNKNOWN_TYPE, async (fx) => {
    const { http, settings } = fx;
    const s = await session(fx);
    const proof = await proofFor(http, s, settings, await newHolder(preferredSuite(s)));
    const types = [...new Set(['VerifiableCredential', ...s.types]), 'HarnessUnofferedCredential'];
    mustRefuseCredential(
      await requestCredential(http, s, { types, proof }),
      `a request for types ${JSON.stringify(types)} (HarnessUnofferedCredential is not offered)`,
      { status: 400, error: 'unsupported_credential_type' },
    );
    await mustIssueAsControl(http, s, settings);
  });

  // Proofs right in every way but one (OpenID4VCI §7.2.1.1, §7.2.2).
  const forgedProofs: Array<[CheckDef, string, () => Partial<ProofOptions>]> = [
    [VC.REFUSE_PROOF_TYP, 'a proof whose header says typ JWT', () => ({ typ: 'JWT' })],
    [VC.REFUSE_PROOF_AUD, 'a proof for another issuer (aud)', () => ({ audience: 'https://issuer.oidc-harness.invalid' })],
    [VC.REFUSE_PROOF_NO_IAT, 'a proof without iat', () => ({ iat: null })],
    [VC.REFUSE_PROOF_ALG_NONE, 'an unsigned proof (alg none)', () => ({ signing: 'none' })],
    [VC.REFUSE_PROOF_HMAC, 'a proof signed with HS256 keyed by its own public key', () => ({ signing: 'hmac-with-public-key' })],
    [VC.REFUSE_PROOF_OLD_IAT, 'a proof issued a day ago (iat)', () => ({ iat: nowSeconds() - 86_400 })],
  ];
  for (const [def, what, forge] of forgedProofs) {
    check(def, async (fx) => {
      const { http, settings } = fx;
      const s = await session(fx);
      const proof = await proofFor(http, s, settings, await newHolder(preferredSuite(s)), forge());
      mustRefuseCredential(await requestCredential(http, s, { proof }), what, INVALID_PROOF);
      await mustIssueAsControl(http, s, settings);
    });
  }

  check(VC.QUERY_TOKEN_REFUSED, async (fx) => {
    const { http, settings } = fx;
    const s = await session(fx);
    const proof = await proofFor(http, s, settings, await newHolder(preferredSuite(s)));
    const res = await http.send({
      method: 'POST',
      url: s.endpoint,
      query: { access_token: s.signedIn.tokens.accessToken },
      json: { format: FORMAT, types: s.types, proof },
    });
    mustRefuseCredential(res, 'a credential request with the access token in the URL query, where proxies and servers log it');
    await mustIssueAsControl(http, s, settings); // the same request with the token in the Authorization header
  });

  check(VC.STALE_NONCE, async (fx) => {
    const { http, settings } = fx;
    const s = await session(fx);
    const first = (await primed(http, s)).nonce;
    const second = (await primed(http, s)).nonce;
    if (first === second)
      notOffered(
        'c_nonce_draft_00 of the priming answers',
        'both priming requests answered the same c_nonce: there is no replaced nonce to present',
      );
    const proof = await proofFor(http, s, settings, await newHolder(preferredSuite(s)), { nonce: first });
    const res = await requestCredential(http, s, { proof });
    must(
      res.status !== 200,
      'a proof with a c_nonce that a later one replaced was accepted: the provider does not track the latest c_nonce of a token (stateless nonces stay valid until they expire)',
      {
        finding: 'replaced-nonce-accepted',
        expected: 'a refusal',
        actual: res.status,
      },
    );
    mustRefuseCredential(res, 'a proof with a replaced c_nonce', NONCE_REFUSED);
    await mustIssueAsControl(http, s, settings);
  });

  check(VC.REFUSE_EXPIRED_NONCE, async (fx) => {
    const { http, settings } = fx;
    const s = await session(fx);
    const { res: answer, nonce } = await primed(http, s);
    const ttl = answer.json?.c_nonce_expires_in ?? s.signedIn.tokenResponse?.json?.c_nonce_expires_in_draft_00;
    if (typeof ttl !== 'number') blocked('the c_nonce came with no lifetime', 'VC-PRIMING-NONCE');
    // The nonce is sealed by the provider, so it cannot be forged expired: it can only be waited out.
    const waitMs = ttl * 1000 + 1000;
    if (waitMs > settings.waitMs)
      notApplicable(
        `the c_nonce lives ${ttl} s, longer than the harness waits (OIDC_WAIT_MS=${settings.waitMs} ms); to judge this rule, give the provider a c_nonce lifetime below that (Hydra: ttl.vc_nonce) or raise OIDC_WAIT_MS above it`,
      );
    await new Promise((r) => setTimeout(r, waitMs));
    const proof = await proofFor(http, s, settings, await newHolder(preferredSuite(s)), { nonce });
    mustRefuseCredential(
      await requestCredential(http, s, { proof }),
      `a proof with a c_nonce that expired ${ttl} s after it was given`,
      NONCE_REFUSED,
    );
    await mustIssueAsControl(http, s, settings);
  });
});

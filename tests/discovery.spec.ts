// OpenID Connect Discovery 1.0, as Ory's discoverOidcConfiguration serves it.
import { ORY_OPERATION_MEMBERS } from '../checks/catalogue/ory-contract.ts';
import type { JWK } from 'jose';
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { attachExchange } from '../fixtures/evidence.ts';
import { DISC } from '../checks/catalogue/discovery.ts';
import { blocked, must, mustEqual, mustHaveStatus, mustMatchSchema, notOffered, violation } from '../checks/rules/verdict.ts';
import { isSecureOrLoopback, pathOf } from '../checks/rules/urls.ts';
import { keyProblem, keysWithoutUseInMixedSet, PRIVATE_MEMBERS, signingKeysFor } from '../checks/rules/jwk.ts';
import { validateAgainst, formatProblems } from '../harness/schema/validator.ts';
import type { Discovery } from '../fixtures/harness.ts';
import { TransportError, UNREACHABLE, type HttpClient } from '../harness/http/client.ts';

/** The shared document, attached as evidence; a check that needs the body stops when there is none. */
async function documentOf(discovery: Discovery): Promise<Record<string, any>> {
  await attachExchange(discovery.response.exchange, '(fetched once per worker)');
  if (!discovery.doc) blocked('the discovery document is not a JSON object', ['DISC-STATUS-200', 'DISC-CONTENT-TYPE-JSON']);
  return discovery.doc;
}

async function fetchJwks(http: HttpClient, doc: Record<string, any>): Promise<JWK[]> {
  if (typeof doc.jwks_uri !== 'string') blocked('no jwks_uri is advertised', 'DISC-REQUIRED-MEMBERS');
  const res = await http.send({ url: doc.jwks_uri });
  mustHaveStatus(res, 200, `GET ${doc.jwks_uri}`);
  const set = mustMatchSchema(res, 'jwks');
  return set.keys as JWK[];
}

/** A JWKS check judges the set only when it could be fetched; DISC-JWKS-FETCH reports that. */
async function jwksOrSkip(http: HttpClient, doc: Record<string, any>): Promise<JWK[]> {
  try {
    return await fetchJwks(http, doc);
  } catch (e) {
    blocked(`the key set could not be fetched: ${(e as Error).message}`, 'DISC-JWKS-FETCH');
  }
}

const ENDPOINT_MEMBERS = [
  'authorization_endpoint',
  'token_endpoint',
  'userinfo_endpoint',
  'jwks_uri',
  'registration_endpoint',
  'end_session_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'credentials_endpoint_draft_00',
];

test.describe('discoverOidcConfiguration: GET /.well-known/openid-configuration', () => {
  check(DISC.STATUS, async ({ discovery }) => {
    await attachExchange(discovery.response.exchange, '(fetched once per worker)');
    mustHaveStatus(discovery.response, 200);
  });

  check(DISC.CONTENT_TYPE, async ({ discovery }) => {
    await attachExchange(discovery.response.exchange, '(fetched once per worker)');
    const ct = discovery.response.header('content-type') ?? '';
    must(/^application\/json\s*(;|$)/i.test(ct), `Content-Type is ${JSON.stringify(ct)}, expected application/json`);
  });

  check(DISC.SCHEMA, async ({ discovery }) => {
    await documentOf(discovery);
    mustMatchSchema(discovery.response, 'discovery');
  });

  check(DISC.REQUIRED, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    const required = [
      'issuer',
      'authorization_endpoint',
      'jwks_uri',
      'response_types_supported',
      'subject_types_supported',
      'id_token_signing_alg_values_supported',
    ];
    // token_endpoint may be left out only by a provider that supports the implicit flow alone.
    const implicitOnly =
      Array.isArray(doc.response_types_supported) && doc.response_types_supported.every((t: string) => !t.split(' ').includes('code'));
    if (!implicitOnly) required.push('token_endpoint');
    const missing = required.filter((m) => doc[m] === undefined || doc[m] === null);
    must(missing.length === 0, `missing required member(s): ${missing.join(', ')}`);
  });

  check(DISC.ISSUER_EXACT, async ({ discovery, settings }) => {
    const doc = await documentOf(discovery);
    mustEqual(doc.issuer, settings.issuer, `issuer (the document was fetched for ${settings.issuer})`);
  });

  check(DISC.ISSUER_FORM, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    if (typeof doc.issuer !== 'string') blocked('no issuer string', 'DISC-REQUIRED-MEMBERS');
    must(isSecureOrLoopback(doc.issuer), `issuer ${doc.issuer} is not an https URL`);
    const u = new URL(doc.issuer);
    must(!u.search && !u.hash && !doc.issuer.includes('#'), `issuer ${doc.issuer} has a query or fragment`);
  });

  check(DISC.HTTPS, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    const bad = ENDPOINT_MEMBERS.filter((m) => typeof doc[m] === 'string' && !isSecureOrLoopback(doc[m])).map((m) => `${m}=${doc[m]}`);
    must(bad.length === 0, `not https: ${bad.join(', ')}`);
  });

  check(DISC.USERINFO, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    must(typeof doc.userinfo_endpoint === 'string', 'userinfo_endpoint is not advertised');
  });

  check(DISC.SCOPES_OPENID, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    if (!Array.isArray(doc.scopes_supported)) notOffered('discovery scopes_supported', 'scopes_supported is not advertised (it is only RECOMMENDED)');
    must(doc.scopes_supported.includes('openid'), `scopes_supported is ${JSON.stringify(doc.scopes_supported)}, without openid`);
  });

  check(DISC.RESPONSE_CODE, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    must(
      Array.isArray(doc.response_types_supported) && doc.response_types_supported.includes('code'),
      `response_types_supported is ${JSON.stringify(doc.response_types_supported)}, without code`,
    );
  });

  check(DISC.RS256, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    if (!Array.isArray(doc.id_token_signing_alg_values_supported))
      blocked('id_token_signing_alg_values_supported is missing', 'DISC-REQUIRED-MEMBERS');
    must(
      doc.id_token_signing_alg_values_supported.includes('RS256'),
      `id_token_signing_alg_values_supported is ${JSON.stringify(doc.id_token_signing_alg_values_supported)}, without RS256`,
    );
  });

  check(DISC.PKCE_S256, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    if (!Array.isArray(doc.code_challenge_methods_supported)) notOffered('discovery code_challenge_methods_supported', 'code_challenge_methods_supported is not advertised');
    must(
      doc.code_challenge_methods_supported.includes('S256'),
      `code_challenge_methods_supported is ${JSON.stringify(doc.code_challenge_methods_supported)}, without S256`,
    );
  });

  check(DISC.JWKS_FETCH, async ({ discovery, http }) => {
    const doc = await documentOf(discovery);
    try {
      await fetchJwks(http, doc);
    } catch (e) {
      // Discovery answered, so an advertised key set where nothing listens (or whose host does not resolve) is the
      // provider's own finding; a timeout stays no-answer.
      if (e instanceof TransportError && (UNREACHABLE as readonly string[]).includes(e.message)) {
        violation(`jwks_uri ${doc.jwks_uri} cannot be reached: ${e.message}`, {
          finding: 'jwks-unreachable',
          expected: 'a JWK Set at jwks_uri',
          actual: e.message,
        });
      }
      throw e;
    }
  });

  check(DISC.JWKS_KEYS, async ({ discovery, http }) => {
    const keys = await jwksOrSkip(http, await documentOf(discovery));
    const problems: string[] = [];
    for (const [i, k] of keys.entries()) {
      const p = await keyProblem(k);
      if (p) problems.push(`keys[${i}]${k.kid ? ` (kid ${k.kid})` : ''}: ${p}`);
    }
    const kids = keys.map((k) => k.kid).filter(Boolean);
    const dup = kids.filter((k, i) => kids.indexOf(k) !== i);
    if (dup.length) problems.push(`duplicate kid(s): ${[...new Set(dup)].join(', ')}`);
    must(problems.length === 0, problems.join('; '));
  });

  check(DISC.JWKS_PUBLIC, async ({ discovery, http }) => {
    const keys = await jwksOrSkip(http, await documentOf(discovery));
    const leaks = keys.flatMap((k, i) => {
      const members = PRIVATE_MEMBERS.filter((m) => (k as Record<string, unknown>)[m] !== undefined);
      return members.length || k.kty === 'oct'
        ? [
            `keys[${i}]${k.kid ? ` (kid ${k.kid})` : ''} has ${k.kty === 'oct' ? 'a symmetric key' : `private member(s) ${members.join(', ')}`}`,
          ]
        : [];
    });
    must(leaks.length === 0, `the key set publishes secret key material: ${leaks.join('; ')}`);
  });

  check(DISC.JWKS_ALGS, async ({ discovery, http }) => {
    const doc = await documentOf(discovery);
    const algs: string[] = (
      Array.isArray(doc.id_token_signing_alg_values_supported) ? doc.id_token_signing_alg_values_supported : []
    ).filter((a: string) => a !== 'none' && !a.startsWith('HS')); // HMAC uses the client's secret, not a published key
    if (!algs.length) notOffered('discovery id_token_signing_alg_values_supported', 'no asymmetric ID token signing algorithm is advertised');
    const keys = await jwksOrSkip(http, doc);
    const missing = algs.filter((a) => signingKeysFor(keys, a).length === 0);
    must(
      missing.length === 0,
      `no signing key in the key set for: ${missing.join(', ')} (key set has ${keys.map((k) => `${k.kty}${k.crv ? `/${k.crv}` : ''}${k.alg ? `/${k.alg}` : ''}`).join(', ') || 'no keys'})`,
    );
  });

  check(DISC.REGISTRATION, async ({ discovery, http }) => {
    const doc = await documentOf(discovery);
    if (typeof doc.registration_endpoint !== 'string') notOffered('discovery registration_endpoint', 'registration_endpoint is not advertised');
    // A body that is not JSON: a working endpoint refuses it with 400, so nothing is created.
    const res = await http.send({
      url: doc.registration_endpoint,
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    if (res.status === 201 && res.json?.registration_access_token && res.json?.client_id) {
      await http.send({
        method: 'DELETE',
        url: res.json.registration_client_uri ?? `${doc.registration_endpoint}/${res.json.client_id}`,
        bearer: res.json.registration_access_token,
      });
    }
    must(
      res.status !== 404 && res.status !== 405,
      `the advertised registration_endpoint answered HTTP ${res.status}: registration is advertised but not served`,
    );
  });

  check(DISC.END_SESSION, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    const flags = ['frontchannel_logout_supported', 'backchannel_logout_supported'].filter((f) => doc[f] === true);
    if (!flags.length) notOffered('discovery frontchannel_logout_supported', 'neither front- nor back-channel logout is advertised');
    must(typeof doc.end_session_endpoint === 'string', `${flags.join(' and ')} advertised, but no end_session_endpoint`);
  });

  check(DISC.JWKS_USE, async ({ discovery, http }) => {
    const keys = await jwksOrSkip(http, await documentOf(discovery));
    const without = keysWithoutUseInMixedSet(keys);
    if (!without) notOffered('jwks_uri keys', 'the key set publishes no encryption key: the rule is about sets that mix signing and encryption keys');
    const unsaid = without.map((i) => `keys[${i}]${keys[i]!.kid ? ` (kid ${keys[i]!.kid})` : ''}`);
    must(unsaid.length === 0, `the key set mixes signing and encryption keys, but ${unsaid.join(', ')} say no use`, {
      finding: 'use-missing',
      expected: 'use on every key',
      actual: unsaid,
    });
  });

  check(DISC.AUTH_SIGNING_ALGS, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    const methods: unknown[] = Array.isArray(doc.token_endpoint_auth_methods_supported) ? doc.token_endpoint_auth_methods_supported : [];
    const jwt = methods.filter((m) => m === 'private_key_jwt' || m === 'client_secret_jwt');
    if (!jwt.length) notOffered('discovery token_endpoint_auth_methods_supported', 'token_endpoint_auth_methods_supported lists neither private_key_jwt nor client_secret_jwt');
    const algs = doc.token_endpoint_auth_signing_alg_values_supported;
    must(
      Array.isArray(algs) && algs.length > 0,
      `token_endpoint_auth_methods_supported lists ${jwt.join(' and ')}, but token_endpoint_auth_signing_alg_values_supported is ${JSON.stringify(algs ?? null)}: a client cannot tell which algorithms to sign with`,
      {
        finding: 'member-missing:token_endpoint_auth_signing_alg_values_supported',
        expected: 'a list of algorithms',
        actual: algs ?? null,
      },
    );
  });

  check(DISC.AUTH_SIGNING_NONE, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    const algs = doc.token_endpoint_auth_signing_alg_values_supported;
    if (!Array.isArray(algs)) notOffered('discovery token_endpoint_auth_signing_alg_values_supported', 'token_endpoint_auth_signing_alg_values_supported is not advertised');
    must(!algs.includes('none'), `token_endpoint_auth_signing_alg_values_supported is ${JSON.stringify(algs)}: it lists none`, {
      finding: 'none-listed',
      expected: 'no none',
      actual: algs,
    });
  });

  check(DISC.DYNAMIC_RESPONSE_TYPES, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    if (typeof doc.registration_endpoint !== 'string')
      notOffered('discovery registration_endpoint', 'registration_endpoint is not advertised: the rule is about dynamic OpenID providers');
    if (!Array.isArray(doc.grant_types_supported) || !doc.grant_types_supported.includes('implicit'))
      notOffered('discovery grant_types_supported', 'grant_types_supported does not list implicit: the provider offers no implicit flow');
    // Response types are sets of space-separated values: "token id_token" is "id_token token".
    const asSet = (t: string) => t.split(' ').filter(Boolean).sort().join(' ');
    const offered = new Set((Array.isArray(doc.response_types_supported) ? doc.response_types_supported : []).map(asSet));
    // code is every provider's rule (DISC-RESPONSE-TYPES-CODE): judged there, so one defect reads as one finding.
    const implicit = ['id_token', 'id_token token'];
    const missing = implicit.filter((t) => !offered.has(asSet(t)));
    must(
      missing.length === 0,
      `response_types_supported is ${JSON.stringify(doc.response_types_supported)}, without ${missing.join(', ')}`,
      { finding: `missing:${missing.join(',')}`, expected: implicit, actual: doc.response_types_supported },
    );
  });

  check(DISC.NO_EMPTY_ARRAYS, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    const empty = Object.entries(doc)
      .filter(([, v]) => Array.isArray(v) && v.length === 0)
      .map(([k]) => k)
      .sort();
    must(empty.length === 0, `empty array member(s): ${empty.join(', ')}: a member with zero elements must be left out`, {
      finding: `empty:${empty.join(',')}`,
      expected: 'no empty arrays',
      actual: empty,
    });
  });

  check(DISC.ORY_MEMBERS, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    const problems = validateAgainst('discovery.ory', doc);
    must(problems.length === 0, formatProblems(problems));
  });

  check(DISC.ORY_PATHS, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    const expected: Record<string, string> = {
      authorization_endpoint: '/oauth2/auth',
      token_endpoint: '/oauth2/token',
      userinfo_endpoint: '/userinfo',
      registration_endpoint: '/oauth2/register',
      end_session_endpoint: '/oauth2/sessions/logout',
      revocation_endpoint: '/oauth2/revoke',
      jwks_uri: '/.well-known/jwks.json',
      credentials_endpoint_draft_00: '/credentials',
    };
    const off = Object.entries(expected)
      .filter(([m, p]) => typeof doc[m] === 'string' && !pathOf(doc[m])?.endsWith(p))
      .map(([m, p]) => `${m}=${doc[m]} (expected …${p})`);
    must(off.length === 0, off.join(', '));
  });

  check(DISC.ORY_OPERATIONS, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    const missing = ORY_OPERATION_MEMBERS.filter((m) => (m.endsWith('_supported') ? doc[m] !== true : typeof doc[m] !== 'string'));
    must(missing.length === 0, `discovery does not advertise ${missing.join(', ')}: Ory's OidcApi offers every one`, {
      finding: `not-advertised:${missing.join('+')}`,
      expected: ORY_OPERATION_MEMBERS,
      actual: missing.map((m) => `${m} missing`),
    });
  });

  check(DISC.ORY_CREDENTIALS, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    if (typeof doc.credentials_endpoint_draft_00 !== 'string') violation('credentials_endpoint_draft_00 is not advertised');
    const offers = Array.isArray(doc.credentials_supported_draft_00) ? doc.credentials_supported_draft_00 : [];
    must(
      offers.some((o: any) => o?.format === 'jwt_vc_json' && o?.cryptographic_binding_methods_supported?.includes?.('jwk')),
      `credentials_supported_draft_00 offers no jwt_vc_json credential bound to a jwk: ${JSON.stringify(doc.credentials_supported_draft_00)}`,
    );
  });
});

// OpenID Connect Discovery 1.0, as Ory's discoverOidcConfiguration serves it.
import { ORY_OPERATION_MEMBERS } from '../checks/catalogue/ory-contract.ts';
import type { JWK } from 'jose';
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { attachExchange } from '../fixtures/evidence.ts';
import { DISC } from '../checks/catalogue/discovery.ts';
import { blocked, must, mustBeValid, mustHaveStatus, mustMatchSchema, notOffered, violation } from '../checks/rules/verdict.ts';
import { isSecureOrLoopback, pathOf } from '../checks/rules/urls.ts';
import { encryptionKeysAlsoSigning, keyProblem, keysWithoutUseInMixedSet, PRIVATE_MEMBERS, signingKeysFor } from '../checks/rules/jwk.ts';
import { ORY_CREDENTIAL_SUITES } from '../checks/rules/vc-proof.ts';
import type { Discovery } from '../fixtures/harness.ts';
import { TransportError, UNREACHABLE, type HttpClient } from '../harness/http/client.ts';
import { mustHaveMediaType } from '../checks/rules/media-type.ts';

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

/** A RECOMMENDED member is advertised with a usable value (finding `not-advertised:<member>`). */
function mustAdvertise(doc: Record<string, any>, member: string, usable: (v: unknown) => boolean): void {
  must(usable(doc[member]), `${member} is not advertised${doc[member] === undefined ? '' : ` (it is ${JSON.stringify(doc[member])})`}`, {
    finding: `not-advertised:${member}`,
    expected: member,
    actual: doc[member] ?? null,
  });
}

test.describe('discoverOidcConfiguration: GET /.well-known/openid-configuration', () => {
  check(DISC.STATUS, async ({ discovery }) => {
    await attachExchange(discovery.response.exchange, '(fetched once per worker)');
    mustHaveStatus(discovery.response, 200);
  });

  check(DISC.CONTENT_TYPE, async ({ discovery }) => {
    await attachExchange(discovery.response.exchange, '(fetched once per worker)');
    mustHaveMediaType(discovery.response, 'application/json', 'the discovery document');
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
    must(missing.length === 0, `missing required member(s): ${missing.join(', ')}`, {
      finding: `member-missing:${missing.join(',')}`,
      expected: required,
      actual: missing.map((m) => `${m} missing`),
    });
  });

  check(DISC.ISSUER_EXACT, async ({ discovery, settings }) => {
    const doc = await documentOf(discovery);
    must(doc.issuer === settings.issuer, `issuer is ${JSON.stringify(doc.issuer)}, but the document was fetched for ${settings.issuer}`, {
      finding: doc.issuer === undefined ? 'issuer-missing' : 'issuer-differs',
      expected: settings.issuer,
      actual: doc.issuer ?? null,
    });
  });

  check(DISC.ISSUER_FORM, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    if (typeof doc.issuer !== 'string') blocked('no issuer string', 'DISC-REQUIRED-MEMBERS');
    must(isSecureOrLoopback(doc.issuer), `issuer ${doc.issuer} is not an https URL`, {
      finding: 'issuer-not-https',
      expected: 'https (http only on loopback)',
      actual: doc.issuer,
    });
    const u = new URL(doc.issuer);
    must(!u.search && !u.hash && !doc.issuer.includes('#'), `issuer ${doc.issuer} has a query or fragment`, {
      finding: 'issuer-query-or-fragment',
      expected: 'no query or fragment',
      actual: doc.issuer,
    });
  });

  check(DISC.HTTPS, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    const bad = ENDPOINT_MEMBERS.filter((m) => typeof doc[m] === 'string' && !isSecureOrLoopback(doc[m]));
    must(bad.length === 0, `not https: ${bad.map((m) => `${m}=${doc[m]}`).join(', ')}`, {
      finding: `not-https:${bad.join(',')}`,
      expected: 'https (http only on loopback)',
      actual: Object.fromEntries(bad.map((m) => [m, doc[m]])),
    });
  });

  check(DISC.USERINFO, async ({ discovery }) => {
    mustAdvertise(await documentOf(discovery), 'userinfo_endpoint', (v) => typeof v === 'string');
  });

  check(DISC.SCOPES_OPENID, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    if (!Array.isArray(doc.scopes_supported))
      notOffered('discovery scopes_supported', 'scopes_supported is not advertised (it is only RECOMMENDED)');
    must(doc.scopes_supported.includes('openid'), `scopes_supported is ${JSON.stringify(doc.scopes_supported)}, without openid`, {
      finding: 'openid-missing',
      expected: 'openid',
      actual: doc.scopes_supported,
    });
  });

  check(DISC.RESPONSE_CODE, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    must(
      Array.isArray(doc.response_types_supported) && doc.response_types_supported.includes('code'),
      `response_types_supported is ${JSON.stringify(doc.response_types_supported)}, without code`,
      { finding: 'code-missing', expected: 'code', actual: doc.response_types_supported ?? null },
    );
  });

  check(DISC.RS256, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    if (!Array.isArray(doc.id_token_signing_alg_values_supported))
      blocked('id_token_signing_alg_values_supported is missing', 'DISC-REQUIRED-MEMBERS');
    must(
      doc.id_token_signing_alg_values_supported.includes('RS256'),
      `id_token_signing_alg_values_supported is ${JSON.stringify(doc.id_token_signing_alg_values_supported)}, without RS256`,
      { finding: 'rs256-missing', expected: 'RS256', actual: doc.id_token_signing_alg_values_supported },
    );
  });

  check(DISC.PKCE_S256, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    if (!Array.isArray(doc.code_challenge_methods_supported))
      notOffered('discovery code_challenge_methods_supported', 'code_challenge_methods_supported is not advertised');
    must(
      doc.code_challenge_methods_supported.includes('S256'),
      `code_challenge_methods_supported is ${JSON.stringify(doc.code_challenge_methods_supported)}, without S256`,
      { finding: 's256-missing', expected: 'S256', actual: doc.code_challenge_methods_supported },
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
    must(problems.length === 0, problems.join('; '), { finding: 'key-malformed', expected: 'well-formed JWKs', actual: problems });
    must(dup.length === 0, `duplicate kid(s): ${[...new Set(dup)].join(', ')}`, {
      finding: 'kid-duplicate',
      expected: 'unique kids',
      actual: [...new Set(dup)],
    });
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
    must(leaks.length === 0, `the key set publishes secret key material: ${leaks.join('; ')}`, {
      finding: keys.some((k) => k.kty === 'oct') ? 'symmetric-key-published' : 'private-key-published',
      expected: 'public keys only',
      actual: leaks,
    });
  });

  check(DISC.JWKS_ALGS, async ({ discovery, http }) => {
    const doc = await documentOf(discovery);
    const algs: string[] = (
      Array.isArray(doc.id_token_signing_alg_values_supported) ? doc.id_token_signing_alg_values_supported : []
    ).filter((a: string) => a !== 'none' && !a.startsWith('HS')); // HMAC uses the client's secret, not a published key
    if (!algs.length)
      notOffered('discovery id_token_signing_alg_values_supported', 'no asymmetric ID token signing algorithm is advertised');
    const keys = await jwksOrSkip(http, doc);
    const missing = algs.filter((a) => signingKeysFor(keys, a).length === 0);
    must(
      missing.length === 0,
      `no signing key in the key set for: ${missing.join(', ')} (key set has ${keys.map((k) => `${k.kty}${k.crv ? `/${k.crv}` : ''}${k.alg ? `/${k.alg}` : ''}`).join(', ') || 'no keys'})`,
      { finding: `no-key-for:${missing.join(',')}`, expected: algs, actual: keys.map((k) => k.kid ?? k.kty) },
    );
  });

  check(DISC.REGISTRATION, async ({ discovery, http }) => {
    const doc = await documentOf(discovery);
    if (typeof doc.registration_endpoint !== 'string')
      notOffered('discovery registration_endpoint', 'registration_endpoint is not advertised');
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
    // Served: a refusal of the body (RFC 7591 §3.2.2: 400; 401/403 where an initial access token is required), or a
    // creation. Not 404/405 (nothing is there), and not a 5xx: an error of the server is no evidence of a working endpoint.
    must(
      res.status !== 404 && res.status !== 405 && res.status < 500,
      `the advertised registration_endpoint answered HTTP ${res.status} to a body that is not JSON: ${res.status >= 500 ? 'a server error, not a refusal' : 'registration is advertised but not served'}`,
      { finding: `status:${res.status}`, expected: 'a 4xx refusal (400) other than 404/405', actual: res.status },
    );
  });

  check(DISC.END_SESSION, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    const flags = ['frontchannel_logout_supported', 'backchannel_logout_supported'].filter((f) => doc[f] === true);
    if (!flags.length) notOffered('discovery frontchannel_logout_supported', 'neither front- nor back-channel logout is advertised');
    must(typeof doc.end_session_endpoint === 'string', `${flags.join(' and ')} advertised, but no end_session_endpoint`, {
      finding: 'not-advertised:end_session_endpoint',
      expected: 'an end_session_endpoint URL',
      actual: null,
    });
  });

  check(DISC.JWKS_USE, async ({ discovery, http }) => {
    const keys = await jwksOrSkip(http, await documentOf(discovery));
    const without = keysWithoutUseInMixedSet(keys);
    if (!without)
      notOffered('jwks_uri keys', 'the key set publishes no encryption key: the rule is about sets that mix signing and encryption keys');
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
    if (!jwt.length)
      notOffered(
        'discovery token_endpoint_auth_methods_supported',
        'token_endpoint_auth_methods_supported lists neither private_key_jwt nor client_secret_jwt',
      );
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
    if (!Array.isArray(algs))
      notOffered(
        'discovery token_endpoint_auth_signing_alg_values_supported',
        'token_endpoint_auth_signing_alg_values_supported is not advertised',
      );
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

  check(DISC.DYNAMIC_GRANT_TYPES, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    if (typeof doc.registration_endpoint !== 'string')
      notOffered('discovery registration_endpoint', 'registration_endpoint is not advertised: the rule is about dynamic OpenID providers');
    // Discovery §3: an omitted grant_types_supported means ["authorization_code", "implicit"].
    const grants: unknown[] = Array.isArray(doc.grant_types_supported) ? doc.grant_types_supported : ['authorization_code', 'implicit'];
    const missing = ['authorization_code', 'implicit'].filter((g) => !grants.includes(g));
    must(missing.length === 0, `grant_types_supported is ${JSON.stringify(doc.grant_types_supported)}, without ${missing.join(', ')}`, {
      finding: `missing:${missing.join(',')}`,
      expected: ['authorization_code', 'implicit'],
      actual: doc.grant_types_supported,
    });
  });

  check(DISC.REGISTRATION_ENDPOINT, async ({ discovery }) => {
    mustAdvertise(await documentOf(discovery), 'registration_endpoint', (v) => typeof v === 'string' && v !== '');
  });

  check(DISC.CLAIMS_SUPPORTED, async ({ discovery }) => {
    mustAdvertise(await documentOf(discovery), 'claims_supported', (v) => Array.isArray(v) && v.length > 0);
  });

  check(DISC.LOGOUT_SESSION_SUPPORTED, async ({ discovery }) => {
    const doc = await documentOf(discovery);
    const channels = ['frontchannel', 'backchannel'].filter((c) => doc[`${c}_logout_supported`] === true);
    if (!channels.length) notOffered('discovery frontchannel_logout_supported', 'neither front- nor back-channel logout is advertised');
    const unsaid = channels.map((c) => `${c}_logout_session_supported`).filter((m) => doc[m] !== true);
    must(unsaid.length === 0, `${channels.map((c) => `${c}_logout_supported`).join(' and ')} advertised, but not ${unsaid.join(' and ')}`, {
      finding: `not-advertised:${unsaid.join('+')}`,
      expected: channels.map((c) => `${c}_logout_session_supported: true`),
      actual: Object.fromEntries(unsaid.map((m) => [m, doc[m] ?? null])),
    });
  });

  check(DISC.JWKS_SIG_ENC_DISTINCT, async ({ discovery, http }) => {
    const keys = await jwksOrSkip(http, await documentOf(discovery));
    const both = encryptionKeysAlsoSigning(keys);
    if (!both)
      notOffered('jwks_uri keys', 'the key set publishes no encryption key: the rule is about keys that serve signatures and encryption');
    must(
      both.length === 0,
      `the key set publishes ${both.map((i) => `keys[${i}]`).join(', ')} for encryption with the material of a signing key`,
      {
        finding: 'key-for-sig-and-enc',
        expected: 'distinct keys for signatures and encryption',
        actual: both.map((i) => keys[i]!.kid ?? i),
      },
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
    mustBeValid(doc, 'discovery.ory', 'the members Ory documents');
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
    const off = Object.entries(expected).filter(([m, p]) => typeof doc[m] === 'string' && !pathOf(doc[m])?.endsWith(p));
    must(off.length === 0, off.map(([m, p]) => `${m}=${doc[m]} (expected …${p})`).join(', '), {
      finding: `path-off:${off.map(([m]) => m).join(',')}`,
      expected: Object.fromEntries(off),
      actual: Object.fromEntries(off.map(([m]) => [m, doc[m]])),
    });
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
    must(typeof doc.credentials_endpoint_draft_00 === 'string', 'credentials_endpoint_draft_00 is not advertised', {
      finding: 'not-advertised:credentials_endpoint_draft_00',
      expected: 'a credentials_endpoint_draft_00 URL',
      actual: doc.credentials_endpoint_draft_00 ?? null,
    });
    const offers: any[] = Array.isArray(doc.credentials_supported_draft_00) ? doc.credentials_supported_draft_00 : [];
    const offer = offers.find((o) => o?.format === 'jwt_vc_json' && o?.cryptographic_binding_methods_supported?.includes?.('jwk'));
    must(
      offer,
      `credentials_supported_draft_00 offers no jwt_vc_json credential bound to a jwk: ${JSON.stringify(doc.credentials_supported_draft_00)}`,
      { finding: 'no-jwt-vc-json-jwk', expected: 'jwt_vc_json bound to jwk', actual: doc.credentials_supported_draft_00 ?? null },
    );
    // The suites Ory's contract offers are Hydra's (oauth2/handler.go); the credential checks sign proofs with them.
    const suites: unknown[] = Array.isArray(offer.cryptographic_suites_supported) ? offer.cryptographic_suites_supported : [];
    const missing = ORY_CREDENTIAL_SUITES.filter((a) => !suites.includes(a));
    must(
      missing.length === 0,
      `cryptographic_suites_supported is ${JSON.stringify(offer.cryptographic_suites_supported)}, without ${missing.join(', ')}`,
      {
        finding: `suites-missing:${missing.join(',')}`,
        expected: ORY_CREDENTIAL_SUITES,
        actual: offer.cryptographic_suites_supported ?? null,
      },
    );
  });
});

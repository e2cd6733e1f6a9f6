// The defects of client-auth.ts: client authentication at the token endpoint: each names the check that must catch it (its operation is that check's),
// and is switched on by `ctx.has('<id>')` at the place of the behaviour it breaks (here, through the functions below).
// The client_secret_jwt ones need the reference started offering it (Hydra does not): `reference.offers`.
import { defects, type Defect } from './defect.ts';
import type { Ctx } from './context.ts';

type Assertion = 'private_key_jwt' | 'client_secret_jwt';
const SHORT = { private_key_jwt: 'pkjwt', client_secret_jwt: 'csjwt' } as const;
const CHECK = { private_key_jwt: 'PKJWT', client_secret_jwt: 'CSJWT' } as const;
const SUITES = ['token-assertion'];

type AssertionDefect =
  | 'refused'
  | 'signature-unchecked'
  | 'aud-unchecked'
  | 'exp-unchecked'
  | 'exp-optional'
  | 'nbf-unchecked'
  | 'iss-unchecked'
  | 'sub-unchecked'
  | 'alg-unenforced'
  | 'jti-reuse-accepted'
  | 'alg-none-accepted'
  | 'client-accepts-basic';

/** The defects every assertion method has, each breaking one rule of RFC 7523 §3 for that method alone. */
function assertionDefects<M extends Assertion>(method: M) {
  const [d, c] = [SHORT[method], CHECK[method]];
  const offers = method === 'client_secret_jwt' ? { reference: { offers: ['client_secret_jwt'] } } : {};
  const defect = (rule: string, finding: string, description: string): Defect =>
    ({
      catches: rule === 'BASIC-REFUSES' ? `TOKEN-AUTH-BASIC-REFUSES-${c}` : `TOKEN-AUTH-${c}-${rule}`,
      finding,
      description,
      suites: SUITES,
      ...offers,
    }) as Defect;
  return {
    [`token.${d}-refused`]: {
      ...defect('WORKS', 'status:401', `A valid ${method} assertion is refused (invalid_client).`),
      // The client whose keys are at a jwks_uri authenticates with the same method.
      ...(method === 'private_key_jwt' ? { alsoFails: ['TOKEN-AUTH-PKJWT-JWKS-URI'] } : {}),
    },
    [`token.${d}-signature-unchecked`]: defect(
      'BAD-SIGNATURE',
      'accepted',
      `The signature of a ${method} assertion is never checked: one with a changed signature is accepted.`,
    ),
    [`token.${d}-aud-unchecked`]: defect(
      'WRONG-AUD',
      'accepted',
      `The aud of a ${method} assertion is not compared with the token endpoint.`,
    ),
    [`token.${d}-exp-unchecked`]: defect('EXPIRED', 'accepted', `An expired ${method} assertion is accepted.`),
    [`token.${d}-exp-optional`]: defect(
      'NO-EXP',
      'accepted',
      `A ${method} assertion without exp is accepted (its jti is kept for an hour).`,
    ),
    [`token.${d}-nbf-unchecked`]: defect('NOT-YET-VALID', 'accepted', `The nbf of a ${method} assertion is not compared with the time.`),
    [`token.${d}-iss-unchecked`]: defect(
      'NOT-CLIENT-ID',
      'accepted:iss',
      `The iss of a ${method} assertion is not compared with the client_id (sub still is).`,
    ),
    [`token.${d}-sub-unchecked`]: defect(
      'NOT-CLIENT-ID',
      'accepted:sub',
      `The sub of a ${method} assertion is not compared with the client_id (iss still is).`,
    ),
    [`token.${d}-alg-unenforced`]: defect(
      'OTHER-ALG',
      'accepted',
      `A ${method} assertion may be signed with any algorithm of the client's key, not only its registered token_endpoint_auth_signing_alg.`,
    ),
    [`token.${d}-jti-reuse-accepted`]: defect('JTI-REUSE', 'accepted', `A ${method} assertion is accepted again with a jti already used.`),
    [`token.${d}-alg-none-accepted`]: defect('ALG-NONE', 'accepted', `An unsigned ${method} assertion (alg none) is taken at its word.`),
    [`token.${d}-client-accepts-basic`]: defect(
      'REFUSES-BASIC',
      'accepted',
      `A ${method} client may authenticate with its secret in HTTP Basic (or in the form body).`,
    ),
    [`token.basic-client-accepts-${d}`]: defect(
      'BASIC-REFUSES',
      'accepted',
      `A client_secret_basic client may authenticate with a ${method} assertion (checked as if it had registered that method).`,
    ),
  } as Record<`token.${(typeof SHORT)[M]}-${AssertionDefect}` | `token.basic-client-accepts-${(typeof SHORT)[M]}`, Defect>;
}

export const CLIENT_AUTH_DEFECTS = defects({
  'token.basic-refused': {
    catches: 'TOKEN-AUTH-BASIC-WORKS',
    finding: 'status:401',
    description: 'client_secret_basic clients are refused (invalid_client) with their own method.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.post-refused': {
    catches: 'TOKEN-AUTH-POST-WORKS',
    finding: 'status:401',
    description: 'client_secret_post clients are refused (invalid_client) with their own method.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.basic-client-accepts-post': {
    catches: 'TOKEN-AUTH-BASIC-REFUSES-POST',
    finding: 'accepted',
    description: 'A client_secret_basic client may send its secret in the form body.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.post-client-accepts-basic': {
    catches: 'TOKEN-AUTH-POST-REFUSES-BASIC',
    finding: 'accepted',
    description: 'A client_secret_post client may send its secret in HTTP Basic.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.none-accepts-secret': {
    catches: 'TOKEN-AUTH-NONE-SECRET',
    // Past client authentication, the public client meets the grant's own refusal (client_credentials is not for it).
    finding: 'error:invalid_grant',
    description: 'A public client presenting a secret is not refused at client authentication.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.none-client-credentials': {
    catches: 'TOKEN-AUTH-NONE-CLIENT-CREDENTIALS',
    finding: 'accepted',
    description: 'A public client gets a token from the client_credentials grant.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.wrong-secret-accepted': {
    catches: 'TOKEN-AUTH-WRONG-SECRET',
    finding: 'accepted',
    description: 'Only a prefix of the presented secret is compared, so the secret followed by anything is accepted.',
    suites: ['registration', 'token-endpoint-auth'],
  },
  'token.no-basic-challenge': {
    catches: 'TOKEN-AUTH-WWW-AUTHENTICATE',
    finding: 'challenge-missing',
    description: 'A failed HTTP Basic client authentication gets 401 without WWW-Authenticate (as real Hydra).',
    suites: ['registration', 'token-endpoint-auth'],
  },
  ...assertionDefects('private_key_jwt'),
  'token.pkjwt-jwks-uri-ignored': {
    catches: 'TOKEN-AUTH-PKJWT-JWKS-URI',
    finding: 'status:401',
    description:
      "The keys at a private_key_jwt client's jwks_uri are never fetched: only registered jwks are used, so such a client cannot authenticate.",
    suites: SUITES,
  },
  ...assertionDefects('client_secret_jwt'),
  'token.code-without-client-auth': {
    catches: 'TOKEN-CODE-NO-CLIENT-AUTH',
    finding: 'accepted:no-client-auth',
    description: "A confidential client's code is exchanged with its client_id alone: no secret is asked for.",
    suites: ['token-code'],
  },
  'token.refresh-without-client-auth': {
    catches: 'TOKEN-REFRESH-NO-CLIENT-AUTH',
    finding: 'accepted:no-client-auth',
    description: "A confidential client's refresh token is honoured with its client_id alone: no secret is asked for.",
    suites: ['token-refresh'],
  },
  'token.ory-client-credentials-unadvertised': {
    catches: 'TOKEN-ORY-OFFERS',
    finding: 'not-advertised:client_credentials',
    description: 'grant_types_supported leaves out client_credentials, although the token endpoint serves the grant.',
    suites: ['token-endpoint-auth', 'registration', 'userinfo'],
  },
});

/** Lets a client use another way of presenting its secret than its registered method (the *-accepts-* defects). */
export function lenientMethod(ctx: Ctx, method: string): boolean {
  return (
    (method === 'client_secret_basic' && ctx.has('token.basic-client-accepts-post')) ||
    (method === 'client_secret_post' && ctx.has('token.post-client-accepts-basic')) ||
    (method === 'none' && ctx.has('token.none-accepts-secret')) ||
    (method === 'private_key_jwt' && ctx.has('token.pkjwt-client-accepts-basic')) ||
    (method === 'client_secret_jwt' && ctx.has('token.csjwt-client-accepts-basic'))
  );
}

/** A confidential client that sends its id alone is let through, as a public client would be (for one grant). */
export function actsAsPublic(ctx: Ctx, form: URLSearchParams, presentedSecret: boolean): boolean {
  if (presentedSecret || form.get('client_assertion_type')) return false;
  const grant = form.get('grant_type');
  return (
    (grant === 'authorization_code' && ctx.has('token.code-without-client-auth')) ||
    (grant === 'refresh_token' && ctx.has('token.refresh-without-client-auth'))
  );
}

/** The registered secret method itself is refused. */
export function refusesOwnMethod(ctx: Ctx, method: string, basic: boolean): boolean {
  return (
    (basic && method === 'client_secret_basic' && ctx.has('token.basic-refused')) ||
    (!basic && method === 'client_secret_post' && ctx.has('token.post-refused'))
  );
}

/** A client_secret_basic client whose assertion is checked as if it had registered an assertion method. */
export function acceptsAssertionOf(ctx: Ctx, method: string): Assertion | undefined {
  if (method !== 'client_secret_basic') return undefined;
  if (ctx.has('token.basic-client-accepts-pkjwt')) return 'private_key_jwt';
  if (ctx.has('token.basic-client-accepts-csjwt')) return 'client_secret_jwt';
  return undefined;
}

/** Which rules of RFC 7523 §3 an assertion of `method` is held to (each defect drops one). */
export function assertionChecks(ctx: Ctx, method: Assertion) {
  const d = SHORT[method];
  return {
    refused: ctx.has(`token.${d}-refused`),
    signature: !ctx.has(`token.${d}-signature-unchecked`),
    aud: !ctx.has(`token.${d}-aud-unchecked`),
    exp: !ctx.has(`token.${d}-exp-unchecked`),
    expRequired: !ctx.has(`token.${d}-exp-optional`),
    nbf: !ctx.has(`token.${d}-nbf-unchecked`),
    iss: !ctx.has(`token.${d}-iss-unchecked`),
    sub: !ctx.has(`token.${d}-sub-unchecked`),
    alg: !ctx.has(`token.${d}-alg-unenforced`),
    jti: !ctx.has(`token.${d}-jti-reuse-accepted`),
    acceptsNone: ctx.has(`token.${d}-alg-none-accepted`),
    jwksUri: !(method === 'private_key_jwt' && ctx.has('token.pkjwt-jwks-uri-ignored')),
  };
}

/** grant_types_supported as discovery says it. */
export function grantTypesSupported(ctx: Ctx): string[] {
  const grants = ['authorization_code', 'implicit', 'client_credentials', 'refresh_token'];
  return ctx.has('token.ory-client-credentials-unadvertised') ? grants.filter((g) => g !== 'client_credentials') : grants;
}

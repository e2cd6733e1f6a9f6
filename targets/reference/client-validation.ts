/** Hydra v2.3's client validation (client/validator.go): Validate, and ValidateDynamicRegistration on top of it. */
import { request } from 'undici';
import { receiverTrustingAgent } from '../../harness/http/tls-identity.ts';
import type { ClientDraft } from './clients.ts';
import type { DefectId } from './defects.ts';
import { herodotError, oauthErrorDescribed, rfcError, type HttpError } from './errors.ts';
import { formatGoUrl, parseGoUrl, type GoUrl } from './go-url.ts';
import { refusedLogoutUri } from './logout.defects.ts';

/** oidc.subject_identifiers.supported_types (pairwise is not configured). */
export const SUBJECT_TYPES: readonly string[] = ['public'];
/** oidc.dynamic_client_registration.default_scope, also used for admin-created clients without a scope. */
export const DEFAULT_SCOPE = 'offline_access offline openid';

/** The defect switch (registration.ts passes ctx.has; the admin API's callers need not). */
type Has = (id: DefectId) => boolean;
const none: Has = () => false;

const AUTH_SIGNING_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

export function invalidMetadata(hint = ''): HttpError {
  return rfcError(
    400,
    'invalid_client_metadata',
    "The value of one of the Client Metadata fields is invalid and the server has rejected this request. Note that an Authorization Server MAY choose to substitute a valid value for any requested parameter of a Client's Metadata.",
    hint,
  );
}

function invalidRedirectUri(hint: string): HttpError {
  return rfcError(400, 'invalid_redirect_uri', 'The value of one or more redirect_uris is invalid.', hint);
}

/** Validates and fills in defaults, in Hydra's order. Throws HttpError. */
export async function validateClient(c: ClientDraft, has: Has = none): Promise<void> {
  if (c.token_endpoint_auth_method === '') {
    c.token_endpoint_auth_method = 'client_secret_basic';
  } else if (c.token_endpoint_auth_method === 'private_key_jwt') {
    if (c.jwks_uri === '' && c.jwks === undefined) {
      throw invalidMetadata("When token_endpoint_auth_method is 'private_key_jwt', either jwks or jwks_uri must be set.");
    }
    if (c.token_endpoint_auth_signing_alg !== '' && !AUTH_SIGNING_ALGS.includes(c.token_endpoint_auth_signing_alg)) {
      throw invalidMetadata(
        'Only RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 and ES512 are supported as algorithms for private key authentication.',
      );
    }
  }
  if (c.jwks_uri !== '' && c.jwks !== undefined && !has('registration.jwks-and-uri-accepted')) {
    throw invalidMetadata('Fields jwks and jwks_uri can not both be set, you must choose one.');
  }
  if (c.client_secret.length > 0 && c.client_secret.length < 6) {
    throw invalidMetadata('Field client_secret must contain a secret that is at least 6 characters long.');
  }
  if (c.scope === '') c.scope = DEFAULT_SCOPE;

  c.allowed_cors_origins = c.allowed_cors_origins.map((origin) => {
    const u = parseGoUrl(origin);
    if (!u)
      throw invalidMetadata(
        `Origin URL ${origin} from allowed_cors_origins could not be parsed: parse ${JSON.stringify(origin)}: invalid URL`,
      );
    if (u.scheme !== 'https' && u.scheme !== 'http')
      throw invalidMetadata(`Origin URL ${origin} must use https:// or http:// as HTTP scheme.`);
    if (u.user !== '') throw invalidMetadata(`Origin URL ${origin} has HTTP user and/or password set which is not allowed.`);
    u.path = u.path.replace(/\/+$/, '');
    if (u.path.length + u.rawQuery.length + u.fragment.length > 0) {
      throw invalidMetadata(`Origin URL ${origin} must have an empty path, query, and fragment but one of the parts is not empty.`);
    }
    return formatGoUrl(u);
  });

  c.client_secret_expires_at = 0;
  if (c.sector_identifier_uri !== '') await validateSectorIdentifier(c.sector_identifier_uri, c.redirect_uris, has);

  if (c.userinfo_signed_response_alg === '') c.userinfo_signed_response_alg = 'none';
  if (!['none', 'RS256'].includes(c.userinfo_signed_response_alg)) {
    // Defect: an unsupported value is replaced by the default without a word (the member left out of every answer).
    if (has('registration.userinfo-alg-dropped')) c.userinfo_signed_response_alg = '';
    else if (!has('registration.userinfo-alg-unchecked'))
      throw invalidMetadata("Field userinfo_signed_response_alg can either be 'none' or 'RS256'.");
  }

  const redirects = c.redirect_uris.flatMap((r) => {
    const u = parseGoUrl(r, true);
    if (!u && has('registration.relative-redirect-accepted')) return [];
    if (!u) throw invalidRedirectUri(`Unable to parse redirect URL: ${r}`);
    if (r.includes('#') && !has('registration.fragment-redirect-accepted'))
      throw invalidRedirectUri('Redirect URIs must not contain fragments (#).');
    return [u];
  });

  // Deviation #19 (Registration 1.0 §2): the redirect URIs a client of its application_type may register.
  const typeProblem = clientTypeRedirectProblem(c, redirects, has);
  if (typeProblem) throw invalidRedirectUri(typeProblem);

  if (c.subject_type === '') c.subject_type = SUBJECT_TYPES.includes('public') ? 'public' : (SUBJECT_TYPES[0] ?? '');
  else if (!SUBJECT_TYPES.includes(c.subject_type) && !has('registration.subject-type-unchecked')) {
    throw invalidMetadata(`Subject type ${c.subject_type} is not supported by server, only [${SUBJECT_TYPES.join(' ')}] are allowed.`);
  }

  for (const l of c.post_logout_redirect_uris) {
    const u = parseGoUrl(l, true);
    if (!u) throw invalidMetadata(`Unable to parse post_logout_redirect_uri: ${l}`);
    if (
      !redirects.some((r) => r.scheme === u.scheme && r.hostname === u.hostname && r.port === u.port) &&
      !has('registration.post-logout-unchecked')
    ) {
      throw invalidMetadata(
        `post_logout_redirect_uri "${l}" must match the domain, port, scheme of at least one of the registered redirect URIs but did not'`,
      );
    }
  }

  // Deviation #11 (Front-Channel Logout 1.0 §2, Back-Channel Logout 1.0 §2.2; RFC 7591 §3.2.2): the logout URIs, absolute,
  // without a fragment, the front-channel one on the origin of a redirect URI.
  const refused = refusedLogoutUri(c, has);
  if (refused) throw invalidMetadata(refused);
  if (c.frontchannel_logout_uri !== '') {
    const u = parseGoUrl(c.frontchannel_logout_uri);
    const absolute = u !== undefined && u.scheme !== '' && u.host !== '';
    if (!absolute && !has('registration.frontchannel-relative-accepted'))
      throw invalidMetadata(`frontchannel_logout_uri "${c.frontchannel_logout_uri}" must be an absolute URI.`);
    if (c.frontchannel_logout_uri.includes('#') && !has('registration.frontchannel-fragment-accepted'))
      throw invalidMetadata(`frontchannel_logout_uri "${c.frontchannel_logout_uri}" must not contain a fragment (#).`);
    if (
      absolute &&
      !redirects.some((r) => r.scheme === u.scheme && r.hostname === u.hostname && r.port === u.port) &&
      !has('registration.frontchannel-origin-unchecked')
    ) {
      throw invalidMetadata(
        `frontchannel_logout_uri "${c.frontchannel_logout_uri}" must match the domain, port, scheme of at least one of the registered redirect URIs but did not.`,
      );
    }
  }
  if (c.backchannel_logout_uri !== '') {
    const u = parseGoUrl(c.backchannel_logout_uri);
    const absolute = u !== undefined && u.scheme !== '' && u.host !== '';
    if (!absolute && !has('registration.backchannel-uri-unchecked')) {
      throw invalidMetadata(`backchannel_logout_uri "${c.backchannel_logout_uri}" must be an absolute URI.`);
    }
    if (c.backchannel_logout_uri.includes('#') && !has('registration.backchannel-fragment-accepted'))
      throw invalidMetadata(`backchannel_logout_uri "${c.backchannel_logout_uri}" must not contain a fragment (#).`);
  }

  if (c.access_token_strategy !== '') {
    const strategy = c.access_token_strategy.toLowerCase();
    if (strategy !== 'jwt' && strategy !== 'opaque') {
      throw invalidMetadata(`invalid access token strategy: invalid access token strategy: ${c.access_token_strategy}`);
    }
    c.access_token_strategy = strategy;
  }
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1)$/;

/**
 * Registration 1.0 §2: a web client (application_type web, the default) using the implicit grant registers https
 * redirect URIs only, none on localhost; a native client uses http only on a loopback host (its https URIs, which
 * RFC 8252 §7.2 allows as claimed URIs and Registration 1.0 does not name, are left alone).
 */
function clientTypeRedirectProblem(c: ClientDraft, redirects: readonly GoUrl[], has: Has): string | undefined {
  const native = c.applicationType === 'native';
  if (native && !has('registration.native-redirect-unchecked')) {
    const off = redirects.find((u) => u.scheme === 'http' && !LOOPBACK.test(u.hostname));
    if (off) return `Native clients may register http redirect URIs only on a loopback host, not ${formatGoUrl(off)}.`;
  }
  if (!native && c.grant_types.includes('implicit') && !has('registration.implicit-redirect-unchecked')) {
    const off = redirects.find((u) => u.scheme !== 'https' || u.hostname === 'localhost');
    if (off) return `Web clients using the implicit grant may register only https redirect URIs not on localhost, not ${formatGoUrl(off)}.`;
  }
  return undefined;
}

/** The extra refusals of dynamic registration (POST and PUT /oauth2/register), then Validate. */
export async function validateDynamicClient(c: ClientDraft, has: Has = none): Promise<void> {
  if (c.present.has('metadata')) throw invalidMetadata('"metadata" cannot be set for dynamic client registration');
  if (c.access_token_strategy !== '') throw herodotError('badRequest', 'It is not allowed to choose your own access token strategy.');
  if (has('registration.fuzz-refuses-owner') && c.owner !== '')
    throw invalidMetadata('Field owner cannot be set for dynamic client registration.');
  if (c.skip_consent && !has('registration.forbidden-skip-consent'))
    throw oauthErrorDescribed('invalid_request', '"skip_consent" cannot be set for dynamic client registration');
  if (c.skip_logout_consent)
    throw oauthErrorDescribed('invalid_request', '"skip_logout_consent" cannot be set for dynamic client registration');
  await validateClient(c, has);
}

/** sector_identifier_uri must be https and serve a JSON array containing every redirect URI (errors carry no hint). */
async function validateSectorIdentifier(location: string, redirectUris: readonly string[], has: Has): Promise<void> {
  const u = parseGoUrl(location);
  if (!u)
    throw invalidMetadata(`Value of sector_identifier_uri could not be parsed because parse ${JSON.stringify(location)}: invalid URL.`);
  if (u.scheme !== 'https') throw invalidMetadata();
  let urls: unknown;
  try {
    const res = await request(location, { headersTimeout: 5000, bodyTimeout: 5000, dispatcher: receiverTrustingAgent() });
    urls = await res.body.json();
  } catch {
    throw invalidMetadata();
  }
  if (!Array.isArray(urls) || urls.length === 0) throw invalidMetadata();
  // Defects: the document is not compared at all, or must list exactly the redirect URIs (no other client's).
  if (has('registration.sector-uri-unchecked')) return;
  const listed = has('registration.sector-uri-exact-list') ? urls.length === redirectUris.length : true;
  if (!listed || !redirectUris.every((r) => urls.includes(r))) throw invalidMetadata();
}

/** GET /.well-known/openid-configuration (and /.well-known/oauth-authorization-server) and /.well-known/jwks.json. */
import type { ServerResponse } from 'node:http';
import { join, type Ctx } from './context.ts';
import { sendJson, type Req } from './http.ts';
import {
  discoveryStatus,
  onWildcardAddress,
  responseTypesSupported,
  tokenEndpointAuthSigningAlgs,
  withoutOffered,
  withoutRecommended,
} from './discovery.defects.ts';
import { pkceMethodsAdvertised, publishedKeys } from './tokens.defects.ts';
import { authMethodsSupported, withSecretJwtAlgs } from './client-auth.ts';
import { grantTypesSupported } from './client-auth.defects.ts';

/** The discovery document with Hydra v2.3's keys, in Hydra's emission order. */
export function discoveryDocument(ctx: Ctx): Record<string, unknown> {
  const { issuer, public: pub } = ctx.urls;
  const alg = ctx.key.alg;
  const doc: Record<string, unknown> = {
    issuer: ctx.has('discovery.issuer-trailing-slash') ? `${issuer}/` : issuer,
    authorization_endpoint: join(pub, '/oauth2/auth'),
    ...(ctx.advertiseRegistration ? { registration_endpoint: join(pub, '/oauth2/register') } : {}),
    token_endpoint: join(pub, '/oauth2/token'),
    jwks_uri: ctx.has('discovery.unreachable-jwks-uri')
      ? 'http://127.0.0.1:9/.well-known/jwks.json'
      : join(issuer, '/.well-known/jwks.json'),
    subject_types_supported: ['public'],
    response_types_supported: responseTypesSupported(ctx),
    claims_supported: ctx.has('discovery.empty-claims-supported') ? [] : ['sub'],
    grant_types_supported: grantTypesSupported(ctx).filter((g) => g !== 'implicit' || !ctx.has('discovery.no-implicit-grant')),
    response_modes_supported: ['query', 'fragment', 'form_post'],
    ...(ctx.has('discovery.no-userinfo-endpoint') ? {} : { userinfo_endpoint: join(pub, '/userinfo') }),
    scopes_supported: ['offline_access', 'offline', 'openid'],
    token_endpoint_auth_methods_supported: authMethodsSupported(ctx),
    // Deviation #16 (RFC 8414 §2): private_key_jwt is offered, so the algorithms it takes are said (client/validator.go's).
    token_endpoint_auth_signing_alg_values_supported: withSecretJwtAlgs(ctx, tokenEndpointAuthSigningAlgs(ctx)),
    userinfo_signing_alg_values_supported: ['none', alg],
    id_token_signing_alg_values_supported: ctx.has('discovery.no-rs256')
      ? ['ES256']
      : ctx.has('discovery.id-token-algs-hs256')
        ? ['HS256']
        : [alg],
    id_token_signed_response_alg: [alg],
    ...(ctx.has('discovery.no-userinfo-signed-response-alg') ? {} : { userinfo_signed_response_alg: [alg] }),
    request_parameter_supported: true,
    request_uri_parameter_supported: true,
    require_request_uri_registration: true,
    claims_parameter_supported: ctx.has('discovery.claims-parameter-string') ? 'false' : false,
    revocation_endpoint: ctx.has('discovery.internal-revocation-endpoint')
      ? join(onWildcardAddress(pub), '/oauth2/revoke')
      : join(issuer, ctx.has('discovery.revocation-path-off') ? '/oauth2/revocation' : '/oauth2/revoke'),
    backchannel_logout_supported: true,
    backchannel_logout_session_supported: true,
    frontchannel_logout_supported: true,
    frontchannel_logout_session_supported: true,
    end_session_endpoint: join(issuer, '/oauth2/sessions/logout'),
    request_object_signing_alg_values_supported: ['none', 'RS256', 'ES256'],
    code_challenge_methods_supported: ctx.has('discovery.pkce-plain-only') ? ['plain'] : pkceMethodsAdvertised(ctx),
    credentials_endpoint_draft_00: join(pub, '/credentials'),
    credentials_supported_draft_00: [
      {
        format: 'jwt_vc_json',
        types: ['VerifiableCredential', 'UserInfoCredential'],
        cryptographic_binding_methods_supported: ctx.has('discovery.credentials-did-binding') ? ['did'] : ['jwk'],
        cryptographic_suites_supported: ['PS256', 'RS256', 'ES256', 'PS384', 'RS384', 'ES384', 'PS512', 'RS512', 'ES512', 'EdDSA'],
      },
    ],
  };
  if (ctx.has('discovery.missing-subject-types')) delete doc['subject_types_supported'];
  withoutRecommended(ctx, doc);
  if (ctx.has('discovery.logout-flags-without-end-session')) delete doc['end_session_endpoint'];
  withoutOffered(ctx, doc);
  if (ctx.has('discovery.no-openid-scope')) doc['scopes_supported'] = ['offline_access', 'offline'];
  if (ctx.has('discovery.no-code-response-type')) {
    doc['response_types_supported'] = (doc['response_types_supported'] as string[]).filter((t) => t !== 'code');
  }
  return doc;
}

export function discover(ctx: Ctx, _req: Req, res: ServerResponse): void {
  sendJson(
    res,
    discoveryStatus(ctx),
    discoveryDocument(ctx),
    ctx.has('discovery.text-content-type') ? 'text/plain; charset=utf-8' : undefined,
  );
}

export async function jwks(ctx: Ctx, _req: Req, res: ServerResponse): Promise<void> {
  const published = ctx.has('discovery.private-key-in-jwks') ? ctx.key.privateJwk : ctx.key.publicJwk;
  // Defect: the key that signs is published for encryption.
  const key = ctx.has('discovery.signing-key-use-enc') ? { ...published, use: 'enc' } : published;
  sendJson(res, 200, { keys: await publishedKeys(ctx, ctx.has('discovery.duplicate-kid') ? [key, key] : [key]) });
}

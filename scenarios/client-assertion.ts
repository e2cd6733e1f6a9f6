// Client authentication with a JWT assertion (RFC 7523 §2.2, OpenID Connect Core 1.0 §9), as the assertion checks
// play it: a client registered for private_key_jwt (its key in jwks, or at a jwks_uri the harness's receiver serves)
// or client_secret_jwt, assertions built right or wrong in one way, and the client_credentials grant that carries them.
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from 'jose';
import type { CheckFixtures } from '../fixtures/check.ts';
import type { RegisteredClient } from '../fixtures/clients.ts';
import type { HttpResponse } from '../harness/http/client.ts';
import { rememberSecret } from '../harness/secrets/vault.ts';
import { sampleMetadata } from '../checks/rules/client-metadata.ts';
import { blocked, notApplicable } from '../checks/rules/verdict.ts';
import type { AssertionMethod } from '../checks/catalogue/token-auth.ts';
import { nowSeconds } from '../checks/rules/jwt.ts';
import { requireAuthMethod, requireClientCredentials, requireRegisteredMethod, tokenEndpoint } from './token-endpoint.ts';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const ALG: Record<AssertionMethod, string> = { private_key_jwt: 'RS256', client_secret_jwt: 'HS256' };
const SHORT: Record<AssertionMethod, string> = { private_key_jwt: 'PKJWT', client_secret_jwt: 'CSJWT' };

/** The check that judges whether a client of `method` can authenticate at all: the root of the method's refusals. */
export const worksCheck = (method: AssertionMethod) => `TOKEN-AUTH-${SHORT[method]}-WORKS`;

export interface AssertionClient {
  method: AssertionMethod;
  client: RegisteredClient;
  /**
   * An assertion of the method: the right claims (iss, sub, aud, jti, iat, exp) with `changes` applied (a claim set to
   * undefined is left out), signed its way; `alg` signs with another algorithm of the same key (RS384, HS384).
   */
  assertion(changes?: JWTPayload, alg?: string): Promise<string>;
  /** The same claims, unsigned (alg none). */
  unsigned(changes?: JWTPayload): string;
}

type Fixtures = Pick<CheckFixtures, 'clients' | 'discovery' | 'settings' | 'http' | 'receiver'>;

export interface AssertionClientOptions {
  /** The method the client registers (default: the assertion's own); client_secret_basic for the cross-method refusals. */
  registeredAs?: string;
  /** private_key_jwt: the key set at a jwks_uri the harness's receiver serves, instead of jwks. */
  jwksUri?: boolean;
  /** The check whose finding a refused registration is (default: the method's WORKS check). */
  root?: string;
}

interface HarnessKey {
  publicJwk: Record<string, unknown>;
  kid: string;
  /** The private key for `alg` (a WebCrypto key is bound to its hash: RS384 needs its own import). */
  signingKey(alg: string): Promise<CryptoKey>;
}
let workerKey: Promise<HarnessKey> | undefined;

/**
 * The harness's signing key: RS256, its public part a JWK with kid and use "sig" (fosite looks for use "sig"). One
 * per worker (an RSA key takes a while to make): every client registers it, each as its own.
 */
function harnessKey(): Promise<HarnessKey> {
  workerKey ??= generateKeyPair('RS256', { extractable: true }).then(async ({ publicKey, privateKey }) => {
    const kid = `oidc-harness-${randomUUID()}`;
    const privateJwk = await exportJWK(privateKey);
    return {
      publicJwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' },
      kid,
      signingKey: async (alg: string) => (alg === 'RS256' ? privateKey : (importJWK({ ...privateJwk, alg }, alg) as Promise<CryptoKey>)),
    };
  });
  return workerKey;
}

/**
 * A client that authenticates with assertions of `method`, registered for it (or as `registeredAs`). Needs the method
 * and the client_credentials grant advertised; a registration refused is the WORKS check's finding.
 */
export async function assertionClient(fx: Fixtures, method: AssertionMethod, opts: AssertionClientOptions = {}): Promise<AssertionClient> {
  requireClientCredentials(fx.discovery);
  requireAuthMethod(fx.discovery, method);
  const registeredAs = opts.registeredAs ?? method;
  const key = method === 'private_key_jwt' ? await harnessKey() : undefined;
  const keys = key ? { keys: [key.publicJwk] } : undefined;
  let keyLocation: Record<string, unknown> = keys ? { jwks: keys } : {};
  if (keys && opts.jwksUri) {
    if (fx.receiver.reachability) notApplicable(`the jwks_uri is at the harness's receiver: ${fx.receiver.reachability}`);
    const rp = fx.receiver.rp();
    fx.receiver.serveJwks(rp, keys);
    keyLocation = { jwks_uri: rp.jwks };
  }
  const { res, client } = await fx.clients.register(
    sampleMetadata(`token ${registeredAs}`, {
      token_endpoint_auth_method: registeredAs,
      ...(registeredAs === method ? { token_endpoint_auth_signing_alg: ALG[method] } : {}),
      ...keyLocation,
      grant_types: ['client_credentials'],
    }),
  );
  if (!client)
    blocked(
      `registering a ${registeredAs} client answered HTTP ${res.status}`,
      opts.root ?? worksCheck(method),
      `registration:status:${res.status}`,
    );
  requireRegisteredMethod(client, registeredAs, fx.settings.profile);
  const secret = client.clientSecret;
  if (method === 'client_secret_jwt' && !secret) blocked('no client_secret was issued to sign with', 'REG-CREATE-SECRET-ISSUED');
  const aud = tokenEndpoint(fx.discovery);
  const claims = (changes: JWTPayload = {}): JWTPayload => {
    const now = nowSeconds();
    return { iss: client.clientId, sub: client.clientId, aud, jti: randomUUID(), iat: now, exp: now + 300, ...changes };
  };
  const remembered = (jwt: string) => {
    rememberSecret(jwt, 'client_assertion');
    return jwt;
  };
  return {
    method,
    client,
    assertion: async (changes, alg = ALG[method]) => {
      const jwt = new SignJWT(claims(changes));
      const signed = key
        ? await jwt.setProtectedHeader({ alg, kid: key.kid, typ: 'JWT' }).sign(await key.signingKey(alg))
        : await jwt.setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
      return remembered(signed);
    },
    unsigned: (changes) => remembered(new UnsecuredJWT(claims(changes)).encode()),
  };
}

/** The client_credentials grant, the client authenticated by `assertion` (client_id sent too, as RFC 6749 §4.4 allows). */
export function withAssertion(
  fx: Pick<Fixtures, 'http' | 'discovery'>,
  client: RegisteredClient,
  assertion: string,
): Promise<HttpResponse> {
  return fx.http.send({
    url: tokenEndpoint(fx.discovery),
    form: { grant_type: 'client_credentials', client_id: client.clientId, client_assertion_type: JWT_BEARER, client_assertion: assertion },
  });
}

/** The positive control of a refusal: a valid assertion of the same client gets a token. */
export async function mustWorkFirst(fx: Pick<Fixtures, 'http' | 'discovery'>, ac: AssertionClient): Promise<void> {
  const res = await withAssertion(fx, ac.client, await ac.assertion());
  if (res.status !== 200 || typeof res.json?.access_token !== 'string')
    blocked(
      `a valid ${ac.method} assertion of the same client answered HTTP ${res.status}, so a refusal proves nothing`,
      worksCheck(ac.method),
    );
}

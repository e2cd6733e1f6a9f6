/** What every handler gets: resolved URLs, the key, the store, the defect switch and the logger. */
import type { CookieJar } from './cookies.ts';
import { HttpError } from './errors.ts';
import type { DefectId } from './defects.ts';
import type { Offer } from './client-auth.ts';
import type { SigningKey } from './keys.ts';
import type { Store } from './state.ts';
import type { IssuedSecretSink } from './issued-secrets.ts';

export interface Urls {
  /** urls.self.public, without trailing slash. */
  public: string;
  admin: string;
  /** urls.self.issuer, verbatim. */
  issuer: string;
  /** urls.login / urls.consent / urls.logout: the reference's stub UI pages. */
  login: string;
  consent: string;
  logout: string;
  /** urls.error and urls.post_logout_redirect: Hydra's fallback pages. */
  error: string;
  postLogout: string;
}

export interface Ctx {
  readonly urls: Urls;
  readonly registration: boolean;
  readonly advertiseRegistration: boolean;
  readonly version: string;
  readonly key: SigningKey;
  readonly store: Store;
  readonly cookies: CookieJar;
  /** Server secret for stateless values (VC nonces). */
  readonly secret: Buffer;
  /** Lifetime of a VC c_nonce in ms (Hydra's ttl.vc_nonce, configurable there too). */
  readonly vcNonceTtlMs: number;
  readonly has: (id: DefectId) => boolean;
  /** Features Hydra v2.3.0 does not offer that this instance was started offering (ReferenceOptions.offers). */
  readonly offers: (feature: Offer) => boolean;
  readonly log: (line: string) => void;
  /** Told every secret the target hands out (ReferenceOptions.issuedSecrets; the leak scan of the project's tests). */
  readonly issued?: IssuedSecretSink;
  /** In-flight back-channel calls, aborted on close so that close() never waits for a slow RP. */
  readonly outbound: Set<AbortController>;
}

/** Hydra's default lifespans, in milliseconds. */
export const TTL = {
  accessToken: 3600_000,
  refreshToken: 720 * 3600_000,
  idToken: 3600_000,
  authorizeCode: 600_000,
  /** ttl.login_consent_request, also the logout request lifetime. */
  flowRequest: 1800_000,
} as const;

/** urlx.AppendPaths: a base URL (trailing slash ignored) plus an absolute path. */
export function join(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** RFC 3339 in UTC, rounded to the second, as Hydra stores its timestamps. */
export function isoSeconds(ms = Date.now()): string {
  return new Date(Math.round(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Errors that are not HttpErrors are bugs: log them with their stack. */
export function logUnexpected(ctx: Ctx, where: string, e: unknown): void {
  if (!(e instanceof HttpError)) ctx.log(`${where}: unexpected error: ${(e as Error)?.stack ?? String(e)}`);
}

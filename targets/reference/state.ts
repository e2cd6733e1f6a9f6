/** The in-memory store: what Hydra keeps in its database, reduced to what the reference serves. */
import type { Client } from './clients.ts';
import { PREFIX, opaqueKey } from './opaque.ts';

export type Claims = Record<string, unknown>;

/** A login session (hydra_oauth2_authentication_session); only `remember: true` ones are found by cookie or sid. */
export interface LoginSession {
  id: string;
  subject: string;
  authenticatedAt: number;
  remember: boolean;
  /** Clients that completed a login in this session: the audience of front- and back-channel logout. */
  clients: Set<string>;
}

/** The body of a login/consent reject (flow.RequestDeniedError). */
export interface DeniedError {
  error: string;
  description: string;
  hint: string;
  status: number;
}

export interface LoginResult {
  subject: string;
  remember: boolean;
  rememberFor: number;
  extendSessionLifespan: boolean;
  acr: string;
  amr: string[];
  context: unknown;
  authenticatedAt: number;
}

export interface ConsentResult {
  grantScope: string[];
  grantAudience: string[];
  remember: boolean;
  rememberFor: number;
  idToken: Claims;
  accessToken: Claims;
}

interface Step<T> {
  challenge: string;
  verifier: string;
  csrf: string;
  result?: T;
  error?: DeniedError;
  /** The verifier was consumed; a later GET of the challenge answers 410. */
  used: boolean;
}

/** One authorization-code flow, from /oauth2/auth through login and consent. */
export interface AuthFlow {
  clientId: string;
  /** <public>/oauth2/auth?<original query>: where the verifiers send the browser back. */
  requestUrl: string;
  requestedAt: number;
  requestedScope: string[];
  requestedAudience: string[];
  oidcContext: Claims;
  /** A remembered session was found: the login UI may skip, but must still accept. */
  skip: boolean;
  subject: string;
  sessionId: string;
  authenticatedAt: number;
  login: Step<LoginResult>;
  consent?: Step<ConsentResult> & { skip: boolean };
}

/** What tokens of one grant carry (fosite's session), shared by the code, its access and refresh tokens. */
export interface TokenSession {
  subject: string;
  sid: string;
  scopes: string[];
  audience: string[];
  /** Standard ID-token claims of the grant: iss, sub, aud, iat, rat, auth_time, acr, amr. */
  idClaims: Claims;
  /** Consent session.id_token claims plus sid (Hydra keeps sid among the ID token's extra claims). */
  idExtra: Claims;
  nonce: string;
  /** The authorization request's max_age, if it had one (fosite keeps the request form with the session). */
  maxAge?: string;
  /** Consent session.access_token claims (introspection `ext`). */
  accessExt: Claims;
}

export interface CodeRecord {
  grantId: string;
  clientId: string;
  /** The redirect_uri parameter as sent to /oauth2/auth ('' when it was omitted). */
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  expiresAt: number;
  used: boolean;
  session: TokenSession;
}

export interface TokenRecord {
  kind: 'access' | 'refresh';
  grantId: string;
  clientId: string;
  issuedAt: number;
  expiresAt: number;
  active: boolean;
  session: TokenSession;
  /** A refresh token's first part (before the "."), hashed: what the tokens.refresh-signature-unchecked defect finds it by. */
  firstPart?: string;
}

export interface RememberedConsent {
  clientId: string;
  subject: string;
  result: ConsentResult;
  handledAt: number;
}

/** A DB-backed logout request as in Hydra v2.2/v2.3 (hydra_oauth2_logout_request). */
export interface LogoutRequest {
  challenge: string;
  verifier: string;
  subject: string;
  sid: string;
  requestUrl: string;
  rpInitiated: boolean;
  clientId: string;
  postLogoutRedirectUri: string;
  requestedAt: string | null;
  expiresAt: string | null;
  accepted: boolean;
  rejected: boolean;
  used: boolean;
}

type FlowKey = 'login-challenge' | 'login-verifier' | 'consent-challenge' | 'consent-verifier';

export class Store {
  readonly clients = new Map<string, Client>();
  readonly sessions = new Map<string, LoginSession>();
  readonly consents: RememberedConsent[] = [];
  readonly codes = new Map<string, CodeRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  readonly logoutRequests = new Map<string, LogoutRequest>();
  readonly #flows = new Map<string, AuthFlow>();

  indexFlow(kind: FlowKey, value: string, flow: AuthFlow): void {
    this.#flows.set(`${kind}:${value}`, flow);
  }

  flow(kind: FlowKey, value: string | null | undefined): AuthFlow | undefined {
    return value ? this.#flows.get(`${kind}:${value}`) : undefined;
  }

  rememberedSession(sid: string | undefined): LoginSession | undefined {
    const session = sid ? this.sessions.get(sid) : undefined;
    return session?.remember ? session : undefined;
  }

  saveToken(key: string, record: TokenRecord): void {
    this.tokens.set(`${record.kind}:${key}`, record);
  }

  /** Finds an access token, else a refresh token (fosite's introspection order), or only `kind`; inactive ones included. */
  findToken(token: string, kind?: TokenRecord['kind']): TokenRecord | undefined {
    if (!token) return undefined;
    const lookup = (k: TokenRecord['kind']) => (kind && kind !== k ? undefined : this.tokens.get(`${k}:${opaqueKey(token, PREFIX[k])}`));
    return lookup('access') ?? lookup('refresh');
  }

  /** Revokes the tokens of a grant (fosite revokes by request id); `kind` narrows to access or refresh tokens. */
  revokeGrant(grantId: string, kind?: TokenRecord['kind']): void {
    for (const record of this.tokens.values()) {
      if (record.grantId === grantId && (!kind || record.kind === kind)) record.active = false;
    }
  }

  /** Deleting a client cascades to its codes and tokens, as Hydra's foreign keys do. */
  deleteClient(id: string): void {
    this.clients.delete(id);
    for (const [key, record] of this.tokens) if (record.clientId === id) this.tokens.delete(key);
    for (const [key, record] of this.codes) if (record.clientId === id) this.codes.delete(key);
  }
}

/**
 * Hydra's error shapes. Every JSON error Hydra writes is a fosite RFC6749Error serialised as exactly
 * {error, error_description}: description = DescriptionField + " " + HintField, with every `"` turned into `'`.
 * herodot errors keep their sentence (e.g. "The request could not be authorized") as `error` and their reason as
 * the description.
 */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${error}: ${description}`);
  }

  body(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }

  withHeaders(headers: Readonly<Record<string, string>>): HttpError {
    return new HttpError(this.status, this.error, this.description, { ...this.headers, ...headers });
  }

  /** The query form used by redirects to a client or to the error page (url.Values order: error, error_description). */
  values(): URLSearchParams {
    return new URLSearchParams({ error: this.error, error_description: this.description });
  }
}

export function rfcError(status: number, error: string, description: string, hint = ''): HttpError {
  const text = hint === '' ? description : description === '' ? hint : `${description} ${hint}`;
  return new HttpError(status, error, text.replaceAll('"', "'"));
}

const FOSITE = {
  invalid_request: [
    400,
    'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.',
  ],
  unauthorized_client: [400, 'The client is not authorized to request a token using this method.'],
  access_denied: [403, 'The resource owner or authorization server denied the request.'],
  unsupported_response_type: [400, 'The authorization server does not support obtaining a token using this method.'],
  unsupported_response_mode: [400, 'The authorization server does not support obtaining a response using this response mode.'],
  invalid_scope: [400, 'The requested scope is invalid, unknown, or malformed.'],
  server_error: [500, 'The authorization server encountered an unexpected condition that prevented it from fulfilling the request.'],
  invalid_client: [
    401,
    'Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).',
  ],
  invalid_grant: [
    400,
    'The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
  ],
  invalid_state: [400, 'The state is missing or does not have enough characters and is therefore considered too weak.'],
  request_unauthorized: [401, 'The request could not be authorized.'],
  request_forbidden: [403, 'The request is not allowed.'],
  login_required: [400, 'The Authorization Server requires End-User authentication.'],
  consent_required: [400, 'The Authorization Server requires End-User consent.'],
  insufficient_entropy: [400, 'The request used a security parameter (e.g., anti-replay, anti-csrf) with insufficient entropy.'],
  token_inactive: [401, 'Token is inactive because it is malformed, expired or otherwise invalid. Token validation failed.'],
  invalid_token: [401, 'Token expired.'],
} as const satisfies Record<string, readonly [number, string]>;

export type FositeError = keyof typeof FOSITE;

/** A fosite error with an optional hint appended to its standard description. */
export function oauthError(name: FositeError, hint = ''): HttpError {
  const [status, description] = FOSITE[name];
  return rfcError(status, name, description, hint);
}

/** fosite's WithDescription: the standard description is replaced. */
export function oauthErrorDescribed(name: FositeError, description: string): HttpError {
  return rfcError(FOSITE[name][0], name, description);
}

const HERODOT = {
  badRequest: [400, 'The request was malformed or contained invalid parameters'],
  unauthorized: [401, 'The request could not be authorized'],
  forbidden: [403, 'The requested action was forbidden'],
  notFound: [404, 'The requested resource could not be found'],
} as const satisfies Record<string, readonly [number, string]>;

/** A herodot error as Hydra's ErrorEnhancer renders it: the sentence as `error`, the reason as description. */
export function herodotError(kind: keyof typeof HERODOT, reason = ''): HttpError {
  const [status, sentence] = HERODOT[kind];
  return rfcError(status, sentence, reason);
}

/** sqlcon.ErrNoRows: the admin API's "not found" for clients and DB-backed logout requests. */
export function resourceNotFound(): HttpError {
  return new HttpError(404, 'Unable to locate the resource', '');
}

/** x.ErrNotFound: login/consent challenges and logout verifiers that do not exist. */
export function flowNotFound(): HttpError {
  return rfcError(404, 'Not Found', 'Unable to locate the requested resource');
}

/** What ErrorEnhancer makes of any error that is neither fosite's nor herodot's. */
export function unrecognizable(status = 500): HttpError {
  return new HttpError(status, 'error', 'The error is unrecognizable');
}

export function toHttpError(e: unknown): HttpError {
  return e instanceof HttpError ? e : unrecognizable();
}

// What an authorization endpoint did with a request that carries no user, told from its HTTP answer alone (no
// screenshot): refused it (an error page, or a redirect to one), sent the user agent to the client, failed, or took the
// request on (towards the login). The rules about redirect URIs and deleted clients judge this.
import type { HttpResponse } from '../../harness/http/client.ts';

export type AuthorizeOutcome =
  /** A 4xx answer (an error page), or a redirect carrying error= to somewhere that is not the client. */
  | { kind: 'refused'; how: string }
  /** A redirect to one of the client's URIs carrying error=. */
  | { kind: 'error-to-client'; location: string }
  /** A redirect to one of the client's URIs without an error (a code, or nothing yet). */
  | { kind: 'to-client'; location: string }
  | { kind: 'server-error'; status: number }
  /** Neither refused nor sent to the client: a redirect elsewhere without error= (the login), or a 2xx page. */
  | { kind: 'went-on'; how: string };

/** The error parameter of a URL, in its query or its fragment. */
export function errorOf(url: URL): string | undefined {
  return url.searchParams.get('error') ?? new URLSearchParams(url.hash.slice(1)).get('error') ?? undefined;
}

/** The check that judges an error redirect's own members (error, state: RFC 6749 §4.1.2.1). */
export const ERROR_REDIRECT_CHECK = 'TOKEN-AUTHZ-ERROR-STATE';

/** An authorization response at the redirect URI with neither a code nor an error: no answer RFC 6749 §4.1.2 or §4.1.2.1 allows. */
export const isBareAnswer = (url: URL): boolean =>
  errorOf(url) === undefined && !url.searchParams.has('code') && !new URLSearchParams(url.hash.slice(1)).has('code');

/** Scheme, host, port and path: what makes a URL the client's endpoint, whatever its query. */
const endpointOf = (u: URL) => `${u.protocol}//${u.host}${u.pathname}`;

function parse(url: string, base?: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/**
 * Classify the answer. `clientUris` are the URIs that count as the client's: the redirect_uri requested and those
 * registered (compared by scheme, host, port and path, so an added or changed query still counts as the client's).
 */
export function authorizeOutcome(res: HttpResponse, clientUris: readonly string[]): AuthorizeOutcome {
  const raw = res.header('location');
  if (res.status >= 300 && res.status < 400 && raw) {
    const location = parse(raw, res.exchange.url);
    if (!location) return { kind: 'went-on', how: `a redirect to ${JSON.stringify(raw)}, which is not a URL` };
    const client = clientUris.map((u) => parse(u)).some((u) => u && endpointOf(u) === endpointOf(location));
    const error = errorOf(location);
    // Without the rest of the query: a code there is a secret (and would make the message unstable).
    if (client)
      return error
        ? { kind: 'error-to-client', location: `${endpointOf(location)} (error=${error})` }
        : { kind: 'to-client', location: endpointOf(location) };
    if (error) return { kind: 'refused', how: `a redirect to ${location.origin}${location.pathname} with error=${error}` };
    return { kind: 'went-on', how: `a redirect to ${location.origin}${location.pathname} without an error` };
  }
  if (res.status >= 400 && res.status < 500) return { kind: 'refused', how: `an error answer (HTTP ${res.status})` };
  if (res.status >= 500) return { kind: 'server-error', status: res.status };
  return { kind: 'went-on', how: `HTTP ${res.status}${raw ? ` to ${raw}` : ''}` };
}

/** One line for a message. */
export function describeOutcome(o: AuthorizeOutcome): string {
  switch (o.kind) {
    case 'refused':
    case 'went-on':
      return o.how;
    case 'error-to-client':
      return `a redirect with the error to the client's URI ${o.location}`;
    case 'to-client':
      return `a redirect to the client's URI ${o.location}`;
    case 'server-error':
      return `HTTP ${o.status} (a server error, not a refusal)`;
  }
}

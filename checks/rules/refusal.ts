// What a proper refusal looks like: a 4xx (or the exact status and error code the rule names) with a
// JSON error body (RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 6750 §3.1).
import type { HttpResponse } from '../../harness/http/client.ts';
import { must, mustBeValid, mustHaveStatus } from './verdict.ts';

/** A refusal: a 4xx whose body is a JSON error object. */
export function mustBeRefused(res: HttpResponse, what: string): void {
  must(res.status >= 400 && res.status < 500, `${what} was answered HTTP ${res.status}, expected a 4xx refusal`, {
    finding: res.status < 400 ? 'accepted' : `status:${res.status}`,
    expected: '4xx',
    actual: res.status,
  });
  must(
    res.json !== undefined,
    `${what} was refused (HTTP ${res.status}) without a JSON error body: ${JSON.stringify(res.text.slice(0, 80))}`,
    {
      finding: 'error-body-not-json',
      expected: 'a JSON error body',
      actual: res.text.slice(0, 80),
    },
  );
  mustBeValid(res.json, 'error', `${what} was refused (HTTP ${res.status}) without a valid error body`);
}

/** A refusal with this status (any 4xx when undefined) and a registered error code, or one of several: 400 invalid_redirect_uri. */
export function mustBeRefusedWith(res: HttpResponse, status: number | undefined, error: string | readonly string[], what: string): void {
  if (status === undefined) mustBeRefused(res, what);
  else mustHaveStatus(res, status, what);
  const codes: readonly string[] = typeof error === 'string' ? [error] : error;
  must(
    codes.includes(res.json?.error),
    `${what} was refused with error ${JSON.stringify(res.json?.error)}, expected ${codes.join(' or ')}`,
    {
      finding: `error:${String(res.json?.error)}`,
      expected: error,
      actual: res.json?.error,
    },
  );
}

/** The Bearer challenge among the WWW-Authenticate challenges (RFC 6750 §3), or undefined. */
export function bearerChallenge(res: HttpResponse): string | undefined {
  const h = res.header('www-authenticate') ?? '';
  const at = h.search(/(?:^|,)\s*Bearer(?=\s|,|$)/i);
  return at < 0 ? undefined : h.slice(at).replace(/^,?\s*/, '');
}

/** The error attribute of a Bearer challenge, or undefined. */
export const challengeError = (challenge: string): string | undefined => /\berror\s*=\s*"?([^",\s]*)"?/i.exec(challenge)?.[1];

/** The error codes a refused bearer request names: its Bearer challenge's error attribute, then its body's error. */
export function bearerErrorCodes(res: HttpResponse): string[] {
  const challenge = bearerChallenge(res);
  const said = [challenge === undefined ? undefined : challengeError(challenge), res.json?.error];
  return [...new Set(said.filter((e): e is string => typeof e === 'string' && e !== ''))];
}

/**
 * RFC 6750 §3.1: a refused request that carried a token names the reason with one of its error codes, in the
 * challenge's error attribute or the body's error (either place is taken: the body is the provider's own addition).
 */
export function mustNameBearerError(res: HttpResponse, error: string | readonly string[], what: string): void {
  const codes: readonly string[] = typeof error === 'string' ? [error] : error;
  const said = bearerErrorCodes(res);
  must(
    said.some((c) => codes.includes(c)),
    `${what} was refused (HTTP ${res.status}) ${said.length ? `with error ${said.map((c) => JSON.stringify(c)).join(' and ')}` : 'without an error code in the challenge or the body'}, expected ${codes.join(' or ')} (RFC 6750 §3.1)`,
    { finding: `error:${said.join(',') || 'none'}`, expected: codes, actual: said },
  );
}

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

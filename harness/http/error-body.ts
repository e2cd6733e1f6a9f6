// An error body in words, whichever shape the provider uses: OAuth's `{"error": "invalid_request",
// "error_description": "…"}` or Ory's `{"error": {"code": 429, "status": "Too Many Requests", "message": "…",
// "reason": "…"}}` (herodot). Never `[object Object]`.
import type { HttpResponse } from './client.ts';

/** `invalid_request — the reason` / `Too Many Requests: the message`, or '' when the body names no error. */
export function errorText(res: Pick<HttpResponse, 'json'>, max = 160): string {
  const body = res.json as Record<string, unknown> | undefined;
  const e = body?.error;
  const clip = (t: string) => (t.length > max ? `${t.slice(0, max)}…` : t);
  if (typeof e === 'string') return clip(typeof body?.error_description === 'string' ? `${e} — ${body.error_description}` : e);
  if (e && typeof e === 'object') {
    const { status, message, reason } = e as Record<string, unknown>;
    return clip([status, message, reason].filter((v) => typeof v === 'string' && v).join(': '));
  }
  return '';
}

/** ` (the error in words)` after a status, or nothing. */
export const errorHint = (res: Pick<HttpResponse, 'json'>): string => (errorText(res) ? ` (${errorText(res)})` : '');

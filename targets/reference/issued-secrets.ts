// Every secret the reference target hands out, as seen on the wire: the secret members of its JSON answers (client
// secrets, registration access tokens, access, refresh and ID tokens, credentials), the code and tokens of its
// redirects, and its cookies. The project's leak scan (selftest/reference-run.spec.ts) looks for each in the reports:
// a list kept by the target, not the harness's own list of what it saw, so that a secret the harness never recorded
// cannot slip through.
import { appendFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';

export type IssuedSecretSink = (kind: string, value: string) => void;

const SECRET_MEMBERS = new Set([
  'client_secret',
  'registration_access_token',
  'access_token',
  'refresh_token',
  'id_token',
  'credential_draft_00',
  'credential',
]);
const SECRET_PARAMS = ['code', 'access_token', 'id_token', 'refresh_token'];

function fromJson(value: unknown, sink: IssuedSecretSink): void {
  if (Array.isArray(value)) for (const v of value) fromJson(v, sink);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_MEMBERS.has(k) && typeof v === 'string' && v) sink(k, v);
      else fromJson(v, sink);
    }
}

function fromLocation(location: string, sink: IssuedSecretSink): void {
  let url: URL;
  try {
    url = new URL(location, 'http://reference.invalid');
  } catch {
    return;
  }
  for (const params of [url.searchParams, new URLSearchParams(url.hash.slice(1))])
    for (const p of SECRET_PARAMS) {
      const v = params.get(p);
      if (v) sink(p, v);
    }
}

function fromCookies(header: unknown, sink: IssuedSecretSink): void {
  for (const c of Array.isArray(header) ? header : header ? [String(header)] : []) {
    const value = String(c).split(';')[0]!.split('=').slice(1).join('=');
    if (value) sink('cookie', value);
  }
}

/** Report to `sink` the secrets of what `res` sends (its body is read as it ends). */
export function recordIssuedSecrets(res: ServerResponse, sink: IssuedSecretSink): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const body = args[0];
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      try {
        fromJson(JSON.parse(body.toString()), sink);
      } catch {
        /* not JSON */
      }
    }
    const location = res.getHeader('location');
    if (typeof location === 'string') fromLocation(location, sink);
    fromCookies(res.getHeader('set-cookie'), sink);
    return end(...args);
  }) as ServerResponse['end'];
}

/** A sink that appends `{kind, value}` lines to a private file (for the leak scan of the project's tests). */
export function fileSink(path: string): IssuedSecretSink {
  const seen = new Set<string>();
  return (kind, value) => {
    if (seen.has(value)) return;
    seen.add(value);
    appendFileSync(path, JSON.stringify({ kind, value }) + '\n', { mode: 0o600 });
  };
}

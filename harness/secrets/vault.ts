// The run's memory of every secret it has seen, so that masking can also catch a secret
// that turns up where no key name announces it (an error message, a URL, a trace).
// Values are appended to a private spill file (OIDC_SECRET_LOG) so that the runner can
// scrub artifacts written by other processes, and so the leak test knows what to look for.
import { appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const known = new Map<string, string>(); // value -> kind
const MIN_LENGTH = 6; // shorter values would mask ordinary words

export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 6);
}

/** Remember a secret value of the given kind (client_secret, access_token, ...). */
export function rememberSecret(value: unknown, kind: string): void {
  if (typeof value !== 'string' || value.length < MIN_LENGTH || known.has(value)) return;
  known.set(value, kind);
  const log = process.env.OIDC_SECRET_LOG;
  if (log) appendFileSync(log, JSON.stringify({ kind, value }) + '\n', { mode: 0o600 });
}

/** Secrets known to this process, longest first so that a secret containing another is masked whole. */
export function knownSecrets(): Array<[string, string]> {
  return [...known.entries()].sort((a, b) => b[0].length - a[0].length);
}

/** Load secrets another process spilled (used by the runner's final scrub). */
export function loadSecretLog(text: string): void {
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const { kind, value } = JSON.parse(line) as { kind: string; value: string };
      if (!known.has(value)) known.set(value, kind);
    } catch {
      /* a torn last line from an interrupted worker: ignore it */
    }
  }
}

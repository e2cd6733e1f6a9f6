// The run's memory of every secret it has seen, so that masking can also catch a secret
// that turns up where no key name announces it (an error message, a URL, a trace).
// Values are appended to a private spill file (OIDC_SECRET_LOG) so that the runner can
// scrub artifacts written by other processes, and so the leak test knows what to look for.
import { appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const known = new Map<string, string>(); // value -> kind
const MIN_LENGTH = 6; // shorter values would mask ordinary words

/** A form a secret may take in text: itself, or percent-encoded (query strings, form bodies). */
interface Needle {
  needle: string;
  value: string;
  kind: string;
}
/**
 * Needles indexed by their first MIN_LENGTH characters, longest first within a bucket: finding every
 * known secret in a text is one pass over the text, however many secrets the run has seen.
 */
const byPrefix = new Map<string, Needle[]>();

export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 6);
}

function index(value: string, kind: string): void {
  const forms = new Set([value, encodeURIComponent(value)]);
  for (const needle of forms) {
    const key = needle.slice(0, MIN_LENGTH);
    const bucket = byPrefix.get(key) ?? [];
    bucket.push({ needle, value, kind });
    bucket.sort((a, b) => b.needle.length - a.needle.length);
    byPrefix.set(key, bucket);
  }
}

function learn(value: string, kind: string): boolean {
  if (value.length < MIN_LENGTH || known.has(value)) return false;
  known.set(value, kind);
  index(value, kind);
  return true;
}

/** Remember a secret value of the given kind (client_secret, access_token, ...). */
export function rememberSecret(value: unknown, kind: string): void {
  if (typeof value !== 'string' || !learn(value, kind)) return;
  const log = process.env.OIDC_SECRET_LOG;
  if (log) appendFileSync(log, JSON.stringify({ kind, value }) + '\n', { mode: 0o600 });
}

/** Secrets known to this process. */
export function knownSecrets(): Array<[string, string]> {
  return [...known.entries()];
}

/** Replace every occurrence of a known secret (the longest one where several start at one place). */
export function replaceKnownSecrets(text: string, replacement: (value: string, kind: string) => string): string {
  if (byPrefix.size === 0 || text.length < MIN_LENGTH) return text;
  let out = '';
  let copied = 0;
  for (let i = 0; i <= text.length - MIN_LENGTH;) {
    const hit = byPrefix.get(text.slice(i, i + MIN_LENGTH))?.find((n) => text.startsWith(n.needle, i));
    if (!hit) {
      i++;
      continue;
    }
    out += text.slice(copied, i) + replacement(hit.value, hit.kind);
    i += hit.needle.length;
    copied = i;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Load secrets another process spilled (used by the runner's final scrub). */
export function loadSecretLog(text: string): void {
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const { kind, value } = JSON.parse(line) as { kind: string; value: string };
      learn(value, kind);
    } catch {
      /* a torn last line from an interrupted worker: ignore it */
    }
  }
}

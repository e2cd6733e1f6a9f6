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
 * Needles indexed by their last three characters, as one number (no string is made per position of a text): finding
 * every known secret in a text is one pass over it, however many secrets the run has seen. The end, not the start:
 * JWTs share their first hundred characters (the header), their signatures are random.
 */
const byEnd = new Map<number, Needle[]>();
const keyEndingAt = (text: string, j: number) => text.charCodeAt(j - 2) * 2 ** 32 + text.charCodeAt(j - 1) * 2 ** 16 + text.charCodeAt(j);

export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 6);
}

function index(value: string, kind: string): void {
  for (const needle of new Set([value, encodeURIComponent(value)])) {
    const key = keyEndingAt(needle, needle.length - 1);
    const bucket = byEnd.get(key);
    if (bucket) bucket.push({ needle, value, kind });
    else byEnd.set(key, [{ needle, value, kind }]);
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
  if (byEnd.size === 0 || text.length < MIN_LENGTH) return text;
  const hits: Array<{ start: number; n: Needle }> = [];
  for (let j = MIN_LENGTH - 1; j < text.length; j++) {
    const bucket = byEnd.get(keyEndingAt(text, j));
    if (!bucket) continue;
    for (const n of bucket) {
      const start = j + 1 - n.needle.length;
      if (start >= 0 && text.startsWith(n.needle, start)) hits.push({ start, n });
    }
  }
  if (!hits.length) return text;
  hits.sort((a, b) => a.start - b.start || b.n.needle.length - a.n.needle.length);
  let out = '';
  let copied = 0;
  for (const { start, n } of hits) {
    if (start < copied) continue; // inside a secret already replaced
    out += text.slice(copied, start) + replacement(n.value, n.kind);
    copied = start + n.needle.length;
  }
  return out + text.slice(copied);
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

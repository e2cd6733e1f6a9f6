// The run's memory of every secret it has seen, so that masking can also catch a secret
// that turns up where no key name announces it (an error message, a URL, a trace).
// Values are appended to a private spill file (OIDC_SECRET_LOG) so that the runner can
// scrub artifacts written by other processes, and so the leak test knows what to look for.
import { appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const known = new Map<string, string>(); // value -> kind
// A value seen somewhere a secret is announced by no name (a token in an error message) is learnt only from this
// length on: shorter ones would mask ordinary words. A secret known by where it was given (a password field, a
// *_PASSWORD, *_SECRET or *_TOKEN setting) is learnt at any length, and found only as a word of its own.
const MIN_LENGTH = 6;

const SECRET_SETTING = /^OIDC_\w+_(PASSWORD|SECRET|TOKEN)$/;
/** Settings that hold secrets: every OIDC_*_PASSWORD, *_SECRET and *_TOKEN. */
export const isSecretSetting = (name: string): boolean => SECRET_SETTING.test(name);
/** Kinds that are secret by where the value was given, whatever its length. */
export const secretByPlace = (kind: string): boolean => kind === 'password' || isSecretSetting(kind);

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
/** Secrets shorter than MIN_LENGTH (known by place): few, each matched only where no letter or digit touches it. */
const short: Needle[] = [];
const keyEndingAt = (text: string, j: number) => text.charCodeAt(j - 2) * 2 ** 32 + text.charCodeAt(j - 1) * 2 ** 16 + text.charCodeAt(j);

export function fingerprint(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 6);
}

function index(value: string, kind: string): void {
  for (const needle of new Set([value, encodeURIComponent(value)])) {
    if (needle.length < MIN_LENGTH) {
      short.push({ needle, value, kind });
      continue;
    }
    const key = keyEndingAt(needle, needle.length - 1);
    const bucket = byEnd.get(key);
    if (bucket) bucket.push({ needle, value, kind });
    else byEnd.set(key, [{ needle, value, kind }]);
  }
}

function learn(value: string, kind: string): boolean {
  if (!value || (value.length < MIN_LENGTH && !secretByPlace(kind)) || known.has(value)) return false;
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

/** Remember the value of every secret setting (isSecretSetting) in `env`, whatever its length. */
export function rememberSecretSettings(env: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(env)) if (isSecretSetting(name) && value) rememberSecret(value, name);
}

let settingsLearnt = false;

/** Secrets known to this process. */
export function knownSecrets(): Array<[string, string]> {
  return [...known.entries()];
}

/** Replace every occurrence of a known secret (the longest one where several start at one place). */
export function replaceKnownSecrets(text: string, replacement: (value: string, kind: string) => string): string {
  // Every process that masks (the runner, Playwright's, each worker) knows the secret settings it was started with.
  if (!settingsLearnt) {
    settingsLearnt = true;
    rememberSecretSettings(process.env);
  }
  if (byEnd.size === 0 && short.length === 0) return text;
  const hits: Array<{ start: number; n: Needle }> = [];
  const isWordChar = (i: number) => /[A-Za-z0-9]/.test(text[i] ?? '');
  for (const n of short)
    for (let at = text.indexOf(n.needle); at >= 0; at = text.indexOf(n.needle, at + 1))
      if (!isWordChar(at - 1) && !isWordChar(at + n.needle.length)) hits.push({ start: at, n });
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

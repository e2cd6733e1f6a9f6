// Every setting of the harness, read from the environment and checked once. A bad value ends
// the run before the first test with one line that names the setting (SettingsError).

export type Profile = 'ory' | 'standards';

export interface Settings {
  /** Public API base URL; also the expected issuer unless OIDC_ISSUER says otherwise. */
  baseUrl: string;
  issuer: string;
  adminUrl?: string;
  adminToken?: string;
  profile: Profile;
  strict: boolean;
  /** Per-request timeout (ms). */
  timeoutMs: number;
  /** Bound on waits for asynchronous deliveries such as a back-channel logout (ms). */
  waitMs: number;
  openapi?: string;
  baselinePath?: string;
  reportsDir: string;
  /** json-schema-faker seed and number of generated registration bodies. */
  seed: number;
  fuzzCases: number;
}

export class SettingsError extends Error {
  constructor(readonly setting: string, problem: string) {
    super(`${setting}: ${problem}`);
    this.name = 'SettingsError';
  }
}

type Env = Record<string, string | undefined>;

function parseUrl(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new SettingsError(name, `"${raw}" is not a URL (expected something like https://auth.example.com)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new SettingsError(name, `"${raw}" must use http or https, not ${u.protocol}`);
  if (u.search || u.hash) throw new SettingsError(name, `"${raw}" must not have a query or fragment`);
  return raw;
}

function parseInt10(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new SettingsError(name, `"${raw}" must be a whole number from ${min} to ${max}`);
  return n;
}

function parseFlag(env: Env, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw || raw === '0' || raw === 'false' || raw === 'no') return false;
  if (raw === '1' || raw === 'true' || raw === 'yes') return true;
  throw new SettingsError(name, `"${env[name]}" must be 1 or 0`);
}

export const stripSlash = (u: string) => u.replace(/\/+$/, '');

/** Read the settings. `baseUrl` may be absent only before the runner has started the reference target. */
export function readSettings(env: Env = process.env): Settings {
  const baseUrl = parseUrl(env, 'OIDC_BASE_URL');
  if (!baseUrl) throw new SettingsError('OIDC_BASE_URL', 'is not set (run through `npm run conformance`, which starts the reference target when it is unset)');
  const profile = (env.OIDC_PROFILE?.trim() || 'ory') as Profile;
  if (profile !== 'ory' && profile !== 'standards') throw new SettingsError('OIDC_PROFILE', `"${env.OIDC_PROFILE}" must be "ory" or "standards"`);
  const adminToken = env.OIDC_ADMIN_TOKEN?.trim() || undefined;
  return {
    baseUrl: stripSlash(baseUrl),
    issuer: parseUrl(env, 'OIDC_ISSUER') ?? baseUrl,
    adminUrl: (() => { const a = parseUrl(env, 'OIDC_ADMIN_URL'); return a && stripSlash(a); })(),
    adminToken,
    profile,
    strict: parseFlag(env, 'OIDC_STRICT'),
    timeoutMs: parseInt10(env, 'OIDC_TIMEOUT_MS', 10_000, 100, 600_000),
    waitMs: parseInt10(env, 'OIDC_WAIT_MS', 10_000, 100, 600_000),
    openapi: env.OIDC_OPENAPI?.trim() || undefined,
    baselinePath: env.OIDC_BASELINE?.trim() || undefined,
    reportsDir: env.OIDC_REPORTS_DIR?.trim() || 'reports',
    seed: parseInt10(env, 'OIDC_SEED', 20261127, 0, 2 ** 31 - 1),
    fuzzCases: parseInt10(env, 'OIDC_FUZZ_CASES', 12, 0, 10_000),
  };
}

/** The URL of the discovery document for an issuer (OpenID Connect Discovery 1.0 §4.1). */
export function discoveryUrl(issuer: string): string {
  return `${stripSlash(issuer)}/.well-known/openid-configuration`;
}

// Every setting of the harness, read from the environment and checked once. A bad value ends
// the run before the first test with one line that names the setting (SettingsError).
import { BROWSER_FORM_SETTINGS } from './settings-table.ts';
import { parseNetwork, type NetworkSettings } from '../http/network-settings.ts';
import { secretsFromFiles } from './secret-settings.ts';
import { commandFor } from './command-name.ts';
import { readSelection, type SelectionSettings } from '../run/selection.ts';
import { ALL_CHECK_IDS } from '../../checks/catalogue/index.ts';
import { OPERATIONS } from '../../checks/catalogue/operations.ts';
import { PLAN_NAMES } from '../../checks/oidf/plans.ts';

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
  /** Bound on a response body (OIDC_MAX_BODY_BYTES); a larger one is not read past it and fails the check. */
  maxBodyBytes: number;
  /** OIDC_GATE=lenient: MUST/ORY checks that did not run do not fail the gate (the gate line says so). Default: fail closed. */
  lenientGate: boolean;
  /** Which checks run, which are excluded with a reason, and what the gate judges (harness/run/selection.ts). */
  selection: SelectionSettings;
  /** Bound on waits for asynchronous deliveries such as a back-channel logout (ms). */
  waitMs: number;
  /** Where the provider reaches the harness's receiver (OIDC_CALLBACK_BASE_URL); unset: the receiver's loopback address. */
  callbackBaseUrl?: string;
  openapi?: string;
  baselinePath?: string;
  reportsDir: string;
  /** OIDC_HISTORY: Allure's history file (JSONL), read and appended by each run, for the report's trends. */
  historyPath?: string;
  /** json-schema-faker seed and number of generated registration bodies. */
  seed: number;
  fuzzCases: number;
  /** The login form the browser login driver fills (OIDC_LOGIN_MODE=browser; fixtures/login-browser.ts). */
  browserLogin?: BrowserLoginSettings;
  /** How a user is signed in (fixtures/login.ts); undefined when no way is configured. */
  loginMode?: LoginMode;
  /** OIDC_LOGIN_MODE=tokens: tokens obtained elsewhere, for providers neither driver can drive. */
  givenTokens?: GivenTokens;
  /** The way to the provider: throttling, pacing, TLS and proxies (harness/http/network-settings.ts). */
  network: NetworkSettings;
}

export type LoginMode = 'ory-admin' | 'browser' | 'tokens';

export interface GivenTokens {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  /** The client the tokens were issued to (the ID token's aud when unset). */
  clientId?: string;
}

export interface BrowserLoginSettings {
  /** Pages whose URL matches this are the login form. */
  urlPattern: RegExp;
  usernameSelector: string;
  username: string;
  passwordSelector: string;
  password: string;
  submitSelector: string;
  /** Clicked whenever it is on the page while signing in (consent); absent when the provider asks nothing. */
  consentSelector?: string;
  /** Clicked to confirm a logout (OIDC_LOGOUT_SUBMIT_SELECTOR; default: the consent selector). */
  logoutSelector?: string;
}

export class SettingsError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`${setting}: ${problem}`);
    this.name = 'SettingsError';
  }
}

type Env = Record<string, string | undefined>;

/** A URL as a message may show it: the user and password of `scheme://user:password@host` never. */
const shown = (raw: string) => raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');

/** A URL setting is written to summary.json, the HTML report and the console: credentials in it would be too. */
function refuseCredentials(name: string, raw: string): never {
  throw new SettingsError(
    name,
    `"${shown(raw)}" carries credentials (user:password@); they would be written into the reports: give the URL without them (the admin API takes OIDC_ADMIN_TOKEN)`,
  );
}

function parseUrl(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new SettingsError(name, `"${shown(raw)}" is not a URL (expected something like https://auth.example.com)`);
  }
  if (u.username || u.password) refuseCredentials(name, raw);
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new SettingsError(name, `"${raw}" must use http or https, not ${u.protocol}`);
  if (u.search || u.hash) throw new SettingsError(name, `"${raw}" must not have a query or fragment`);
  return raw;
}

export function parseInt10(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new SettingsError(name, `"${raw}" must be a whole number from ${min} to ${max}`);
  return n;
}

export function parseFlag(env: Env, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw || raw === '0' || raw === 'false' || raw === 'no') return false;
  if (raw === '1' || raw === 'true' || raw === 'yes') return true;
  throw new SettingsError(name, `"${env[name]}" must be 1 or 0`);
}

/** OIDC_GATE: fail-closed (the default) or lenient. OIDC_FAIL_ON_MUST_SKIP=1 asked for what is now the default. */
function parseGateMode(env: Env): boolean {
  const raw = env.OIDC_GATE?.trim().toLowerCase();
  if (raw && raw !== 'lenient' && raw !== 'fail-closed')
    throw new SettingsError('OIDC_GATE', `"${env.OIDC_GATE}" must be fail-closed or lenient`);
  if (env.OIDC_FAIL_ON_MUST_SKIP?.trim() && !parseFlag(env, 'OIDC_FAIL_ON_MUST_SKIP'))
    throw new SettingsError(
      'OIDC_FAIL_ON_MUST_SKIP',
      'is gone: the gate always fails on a MUST check that did not run; OIDC_GATE=lenient allows it',
    );
  return raw === 'lenient';
}

export const stripSlash = (u: string) => u.replace(/\/+$/, '');

/** Read the settings. `baseUrl` may be absent only before the runner has started the reference target. */
export function readSettings(given: Env = process.env): Settings {
  const env = { ...given, ...secretsFromFiles(given) };
  const baseUrl = parseUrl(env, 'OIDC_BASE_URL');
  if (!baseUrl)
    throw new SettingsError(
      'OIDC_BASE_URL',
      `is not set (run through \`${commandFor('run')}\`, which starts the reference target when it is unset)`,
    );
  const profile = (env.OIDC_PROFILE?.trim() || 'ory') as Profile;
  if (profile !== 'ory' && profile !== 'standards')
    throw new SettingsError('OIDC_PROFILE', `"${env.OIDC_PROFILE}" must be "ory" or "standards"`);
  const adminToken = env.OIDC_ADMIN_TOKEN?.trim() || undefined;
  return {
    baseUrl: stripSlash(baseUrl),
    issuer: parseUrl(env, 'OIDC_ISSUER') ?? baseUrl,
    adminUrl: (() => {
      const a = parseUrl(env, 'OIDC_ADMIN_URL');
      return a && stripSlash(a);
    })(),
    adminToken,
    profile,
    strict: parseFlag(env, 'OIDC_STRICT'),
    timeoutMs: parseInt10(env, 'OIDC_TIMEOUT_MS', 10_000, 100, 600_000),
    waitMs: parseInt10(env, 'OIDC_WAIT_MS', 10_000, 100, 600_000),
    maxBodyBytes: parseInt10(env, 'OIDC_MAX_BODY_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    lenientGate: parseGateMode(env),
    selection: readSelection(env, { ids: ALL_CHECK_IDS, operations: OPERATIONS, plans: PLAN_NAMES }),
    callbackBaseUrl: (() => {
      const c = parseUrl(env, 'OIDC_CALLBACK_BASE_URL');
      return c && stripSlash(c);
    })(),
    openapi: (() => {
      const o = env.OIDC_OPENAPI?.trim() || undefined;
      if (o && shown(o) !== o) refuseCredentials('OIDC_OPENAPI', o);
      return o;
    })(),
    baselinePath: env.OIDC_BASELINE?.trim() || undefined,
    reportsDir: env.OIDC_REPORTS_DIR?.trim() || 'reports',
    historyPath: env.OIDC_HISTORY?.trim() || undefined,
    seed: parseInt10(env, 'OIDC_SEED', 20261127, 0, 2 ** 31 - 1),
    fuzzCases: parseInt10(env, 'OIDC_FUZZ_CASES', 12, 0, 10_000),
    browserLogin: parseBrowserLogin(env),
    ...parseLoginMode(env, parseUrl(env, 'OIDC_ADMIN_URL')),
    network: parseNetwork(env),
  };
}

/**
 * OIDC_LOGIN_MODE: ory-admin (the default when OIDC_ADMIN_URL is set), browser (the default when
 * the login form is configured), tokens (the default when OIDC_ACCESS_TOKEN is set).
 */
function parseLoginMode(env: Env, adminUrl: string | undefined): Pick<Settings, 'loginMode' | 'givenTokens'> {
  const get = (name: string) => env[name]?.trim() || undefined;
  const raw = get('OIDC_LOGIN_MODE');
  if (raw && raw !== 'ory-admin' && raw !== 'browser' && raw !== 'tokens')
    throw new SettingsError('OIDC_LOGIN_MODE', `"${raw}" must be ory-admin, browser or tokens`);
  const mode =
    (raw as LoginMode | undefined) ??
    (adminUrl ? 'ory-admin' : get('OIDC_ACCESS_TOKEN') ? 'tokens' : get('OIDC_LOGIN_URL_PATTERN') ? 'browser' : undefined);
  if (mode !== 'tokens') return { loginMode: mode };
  const accessToken = get('OIDC_ACCESS_TOKEN');
  if (!accessToken)
    throw new SettingsError(
      'OIDC_ACCESS_TOKEN',
      'is not set; OIDC_LOGIN_MODE=tokens needs at least an access token (and OIDC_ID_TOKEN, OIDC_REFRESH_TOKEN, OIDC_CLIENT_ID for more checks)',
    );
  return {
    loginMode: mode,
    givenTokens: { accessToken, idToken: get('OIDC_ID_TOKEN'), refreshToken: get('OIDC_REFRESH_TOKEN'), clientId: get('OIDC_CLIENT_ID') },
  };
}

/** The browser driver's form: every setting is required in browser mode (except the consent button). */
function parseBrowserLogin(env: Env): BrowserLoginSettings | undefined {
  const get = (name: string) => env[name]?.trim() || undefined;
  if (env.OIDC_LOGIN_MODE?.trim() !== 'browser' && !get('OIDC_LOGIN_URL_PATTERN')) return undefined;
  for (const n of BROWSER_FORM_SETTINGS)
    if (!get(n))
      throw new SettingsError(
        n,
        'is not set; the browser login driver needs the login form (OIDC_LOGIN_URL_PATTERN, the three selectors, the user name and the password)',
      );
  let urlPattern: RegExp;
  try {
    urlPattern = new RegExp(get('OIDC_LOGIN_URL_PATTERN')!);
  } catch (e) {
    throw new SettingsError('OIDC_LOGIN_URL_PATTERN', `is not a regular expression: ${(e as Error).message}`);
  }
  return {
    urlPattern,
    usernameSelector: get('OIDC_LOGIN_USERNAME_SELECTOR')!,
    username: get('OIDC_LOGIN_USERNAME')!,
    // The password is taken as it is: spaces can be part of it.
    passwordSelector: get('OIDC_LOGIN_PASSWORD_SELECTOR')!,
    password: env.OIDC_LOGIN_PASSWORD!,
    submitSelector: get('OIDC_LOGIN_SUBMIT_SELECTOR')!,
    consentSelector: get('OIDC_CONSENT_SUBMIT_SELECTOR'),
    logoutSelector: get('OIDC_LOGOUT_SUBMIT_SELECTOR') ?? get('OIDC_CONSENT_SUBMIT_SELECTOR'),
  };
}

/** The URL of the discovery document for an issuer (OpenID Connect Discovery 1.0 §4.1). */
export function discoveryUrl(issuer: string): string {
  return `${stripSlash(issuer)}/.well-known/openid-configuration`;
}

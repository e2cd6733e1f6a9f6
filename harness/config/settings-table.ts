// Every setting a user can give, with its flag, default and meaning: the one source of the command's --help and
// of the README's settings table (a selftest holds the README to it). harness/config/settings.ts reads them.
import { PLAN_NAMES } from '../../checks/oidf/plans.ts';

export interface SettingDoc {
  /** Environment variables (several when they go together). */
  env: string[];
  /** The command-line flag of `oidc-conformance`, for the common ones (never for a secret). */
  flag?: string;
  /** The flag is a switch: it takes no value and sets the variable to `1`. */
  boolean?: true;
  /** The flag may be given again: its values are joined with this (`--only A --only B` is `A,B`). */
  joins?: ',' | ';';
  default: string;
  meaning: string;
}

/** The browser driver's login form: each is required in browser mode. */
export const BROWSER_FORM_SETTINGS = [
  'OIDC_LOGIN_URL_PATTERN',
  'OIDC_LOGIN_USERNAME_SELECTOR',
  'OIDC_LOGIN_USERNAME',
  'OIDC_LOGIN_PASSWORD_SELECTOR',
  'OIDC_LOGIN_PASSWORD',
  'OIDC_LOGIN_SUBMIT_SELECTOR',
] as const;

export const SETTINGS: readonly SettingDoc[] = [
  {
    env: ['OIDC_BASE_URL'],
    flag: '--base-url',
    default: '(the embedded reference target)',
    meaning: "the provider's public API; also the issuer it must announce",
  },
  {
    env: ['OIDC_ISSUER'],
    flag: '--issuer',
    default: '`OIDC_BASE_URL`',
    meaning: 'the issuer, exactly, when it differs from the base URL (e.g. a trailing `/`)',
  },
  {
    env: ['OIDC_ADMIN_URL'],
    flag: '--admin-url',
    default: 'none',
    meaning:
      "Ory's admin API (on Ory Network the project's host). Used to accept login, consent and logout challenges, and to delete leftover clients",
  },
  {
    env: ['OIDC_ADMIN_TOKEN'],
    default: 'none',
    meaning: 'bearer token for the admin API (an Ory Network API key); a secret, so no flag: the environment, or `OIDC_ADMIN_TOKEN_FILE`',
  },
  {
    env: ['OIDC_PROFILE'],
    flag: '--profile',
    default: '`ory`',
    meaning:
      "`ory`: the standards plus Ory's documented contract; `standards`: only what the OpenID and OAuth standards require (any vendor)",
  },
  {
    env: ['OIDC_STRICT'],
    flag: '--strict',
    boolean: true,
    default: '`0`',
    meaning: '`1`: a failing `SHOULD` check fails the run instead of warning',
  },
  {
    env: ['OIDC_BASELINE'],
    flag: '--baseline',
    default: 'none',
    meaning: 'a file of known deviations and of the checks that ran (see *Gating a provider release*)',
  },
  {
    env: ['OIDC_GATE'],
    flag: '--gate',
    default: '`fail-closed`',
    meaning:
      '`lenient`: `MUST`/`ORY` checks that did not run (and nothing excuses) do not fail the gate; the `GATE:` line says so. The default fails closed',
  },
  {
    env: ['OIDC_ONLY'],
    flag: '--only',
    joins: ',',
    default: 'all',
    meaning: 'comma-separated check ids to run (narrows the run: it is not decided, unless `OIDC_GATE_ON_SELECTION=1`)',
  },
  {
    env: ['OIDC_EXCLUDE'],
    flag: '--exclude',
    joins: ';',
    default: 'none',
    meaning:
      'checks excused by id, each with its reason: `ID=reason;ID2=reason` (printed and recorded; the run stays complete). An unknown id or a missing reason is a setting error',
  },
  {
    env: ['OIDC_EXCLUDE_FILE'],
    flag: '--exclude-file',
    default: 'none',
    meaning: 'the same exclusions as a JSON file: `[{"id": "CHECK-ID", "reason": "why"}]`',
  },
  {
    env: ['OIDC_OPERATIONS'],
    flag: '--operation',
    joins: ',',
    default: 'all',
    meaning: 'comma-separated operations to run, e.g. `getOidcUserInfo,revokeOidcSession` (narrows the run)',
  },
  {
    env: ['OIDC_SEVERITIES'],
    flag: '--severity',
    joins: ',',
    default: 'all',
    meaning: 'comma-separated severities to run: `MUST`, `SHOULD`, `ORY` (narrows the run)',
  },
  {
    env: ['OIDC_PLAN'],
    flag: '--plan',
    default: 'none',
    meaning: `an OpenID Foundation test plan by name (${PLAN_NAMES.map((p) => `\`${p}\``).join(', ')}): the checks that judge its modules run, and the gate is decided on exactly them`,
  },
  {
    env: ['OIDC_GATE_ON_SELECTION'],
    flag: '--gate-on-selection',
    boolean: true,
    default: '`0`',
    meaning: '`1`: the narrowed selection (`--only`, `--operation`, `--severity`) is the gate; the `GATE:` line names it',
  },
  {
    env: ['OIDC_OPENAPI'],
    flag: '--openapi',
    default: 'none',
    meaning:
      "path or URL of the provider's own OpenAPI 3.0/3.1 document (JSON): every response is also judged against it, the document's coverage is listed, and the OAS-* contract checks run",
  },
  { env: ['OIDC_TIMEOUT_MS'], flag: '--timeout-ms', default: '`10000`', meaning: 'bound on every HTTP request and browser step' },
  {
    env: ['OIDC_MAX_BODY_BYTES'],
    default: '`1048576`',
    meaning: 'bound on a response body: a larger one is not read past it, and the check fails saying so',
  },
  { env: ['OIDC_WAIT_MS'], default: '`10000`', meaning: 'bound on waits for asynchronous deliveries (back-channel logout)' },
  {
    env: ['OIDC_LOGIN_MODE'],
    default:
      '`ory-admin` when `OIDC_ADMIN_URL` is set, else `tokens` when `OIDC_ACCESS_TOKEN` is set, else `browser` when `OIDC_LOGIN_URL_PATTERN` is set',
    meaning:
      'how a user is signed in: `ory-admin`, `browser` or `tokens` (below); with none, every check that needs a signed-in user is skipped with that reason',
  },
  {
    env: [...BROWSER_FORM_SETTINGS, 'OIDC_CONSENT_SUBMIT_SELECTOR', 'OIDC_LOGOUT_SUBMIT_SELECTOR'],
    default: 'none',
    meaning:
      "the login form for `browser` mode: a regular expression for the login page's URL, CSS selectors, the test user (the password may be read from a file: `OIDC_LOGIN_PASSWORD_FILE`)",
  },
  {
    env: ['OIDC_ACCESS_TOKEN', 'OIDC_ID_TOKEN', 'OIDC_REFRESH_TOKEN', 'OIDC_CLIENT_ID'],
    default: 'none',
    meaning: '`tokens` mode: tokens obtained elsewhere (each may be read from a file: `OIDC_ACCESS_TOKEN_FILE`, …)',
  },
  {
    env: ['OIDC_CALLBACK_BASE_URL'],
    default: '`http://127.0.0.1:<port>`',
    meaning: "the address at which the provider reaches the harness's receiver (back- and front-channel logout), when it is not loopback",
  },
  {
    env: ['OIDC_SEED', 'OIDC_FUZZ_CASES'],
    default: '`20261127`, `12`',
    meaning:
      "json-schema-faker seed and number of generated registration bodies (the seed is in every fuzz check's report, to replay a failure)",
  },
  {
    env: ['OIDC_REFERENCE_DEFECTS'],
    default: 'none',
    meaning:
      'with no `OIDC_BASE_URL`: comma-separated defects the embedded reference target is started with (their ids are in `targets/reference/*.defects.ts`), to see a check fail',
  },
  { env: ['OIDC_SUITES'], default: 'all', meaning: 'comma-separated suite file prefixes, e.g. `discovery,registration`' },
  {
    env: ['OIDC_WORKERS'],
    flag: '--workers',
    default: 'one per CPU core; four times that (within `OIDC_IN_FLIGHT`) for a provider 20 ms or more away',
    meaning: 'parallel Playwright workers (the runner measures the round trip to the provider when this is unset)',
  },
  {
    env: ['OIDC_IN_FLIGHT'],
    default: '`16`',
    meaning:
      'the most requests the run has in flight at once, all workers together (each worker gets its share for the requests a check sends together); it also caps the workers given to a remote provider',
  },
  {
    env: ['OIDC_CA_FILE'],
    default: "none (the system's CAs)",
    meaning:
      "a PEM file of CA certificates trusted besides the system's, by the HTTP client and the browser (Chromium is given exactly the keys of the provider's verified chain)",
  },
  {
    env: ['OIDC_INSECURE_TLS'],
    default: '`0`',
    meaning:
      "`1`: the provider's TLS certificate is not verified (HTTP client and browser); recorded in summary.json and named in the `GATE:` line",
  },
  {
    env: ['OIDC_CLIENT_CERT_FILE', 'OIDC_CLIENT_KEY_FILE'],
    default: 'none',
    meaning:
      'a client certificate and its key (PEM), presented to a server that asks for one; with it the `tls_client_auth` / `self_signed_tls_client_auth` checks run where the provider advertises them (RFC 8705)',
  },
  {
    env: ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY'],
    default: 'none',
    meaning:
      'proxies as curl reads them (also in lower case), for the HTTP client and the browser (which takes `HTTPS_PROXY`, else `HTTP_PROXY`, for both schemes, and never proxies loopback)',
  },
  {
    env: ['OIDC_RETRY_STORAGE_CONFLICTS'],
    default: '`0` (`1` under `conformance:hydra`)',
    meaning:
      '`1`: a safe request (GET) whose 5xx error body says the provider\'s storage refused a racing write ("Unable to serialize access…", Hydra on in-memory SQLite) is sent again, up to three times, and a sign-in that stopped at such an answer is made again as a new flow; nothing else is tried again, and every attempt stays in the report',
  },
  {
    env: ['OIDC_THROTTLE_MAX_WAIT_MS'],
    default: '`30000`',
    meaning:
      'bound on waiting out a throttling provider, per request: a `429` (or a `503` with `Retry-After`) is waited out as `Retry-After` says (else 1 s, 2 s, 4 s …) and the request sent again; past the bound the check has no answer (never a violation). Every throttled answer is in the report and counted in the summary',
  },
  {
    env: ['OIDC_RATE_LIMIT'],
    default: 'none',
    meaning:
      'keep the run under a quota: at most this many requests per second, minute or hour for the whole run (`10/s`, `100/m`, `5000/h`), shared evenly between the workers',
  },
  {
    env: ['OIDC_REPORTS_DIR'],
    flag: '--reports-dir',
    default: '`reports` (`reports/shard-i-of-n` for `--shard=i/n`)',
    meaning: 'where the reports go, under the folder the run starts in',
  },
  { env: ['OIDC_HTML_REPORT'], default: '`1`', meaning: '`0` skips the HTML report' },
  {
    env: ['OIDC_HISTORY'],
    flag: '--history',
    default: 'none',
    meaning:
      "Allure's history file (JSONL): each run reads it and appends itself, so the HTML report shows each check's recent results; keep it between CI runs",
  },
  {
    env: ['CHROMIUM_PATH'],
    default: '`/usr/lib/chromium/chromium` or `/usr/bin/chromium`',
    meaning: 'the browser; a path that names no file is a setting error',
  },
];

const names = (s: SettingDoc) => s.env.map((e) => `\`${e}\``).join(', ');

/** The README's settings table. */
export function settingsMarkdown(): string {
  return [
    '| setting | flag | default | meaning |',
    '|---|---|---|---|',
    ...SETTINGS.map((s) => `| ${names(s)} | ${s.flag ? `\`${s.flag}\`` : ''} | ${s.default} | ${s.meaning} |`),
  ].join('\n');
}

const plain = (text: string) => text.replace(/`/g, '').replace(/\*/g, '');

/** The same table as plain text, for --help. */
export function settingsHelp(width = 100): string {
  const wrap = (text: string, indent: string) => {
    const out: string[] = [];
    let line = '';
    for (const word of plain(text).split(' ')) {
      if (line && indent.length + line.length + word.length + 1 > width) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    return [...out, indent + line].join('\n');
  };
  return SETTINGS.map(
    (s) => `  ${s.env.join(', ')}${s.flag ? `  (${s.flag})` : ''}\n${wrap(`default: ${s.default}. ${s.meaning}`, '      ')}`,
  ).join('\n');
}

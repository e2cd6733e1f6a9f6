// The command line of `oidc-conformance` and `npm run conformance`: flags parsed as flags and checked before anything
// starts. A setting's flag sets its environment variable (harness/config/settings-table.ts); a boolean flag takes no
// value; an unknown flag, a missing value or a stray word is one line (UsageError, exit 2). --env-file and --config
// fill the settings the environment leaves unset; flags win over both.
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { SETTINGS, settingsHelp } from './settings-table.ts';
import { isSecretSetting } from './secret-settings.ts';
import { commandFor, type Subcommand } from './command-name.ts';
import { HARNESS_VERSION } from '../version.ts';
import { EXIT } from '../run/exit-codes.ts';

export class UsageError extends Error {}

/** 'value': the flag takes one (`--x v` or `--x=v`); 'none': it takes none. */
type Arity = 'value' | 'none';

interface Spec {
  /** The settings' flags apply (they set environment variables). */
  settings: boolean;
  /** Flags the command reads itself: passed on to it as they are. */
  own: Record<string, Arity>;
  /** At most this many words that are not flags. */
  positionals: number;
}

/** Playwright's selection flags a run passes on; anything after `--` is passed on as it is. */
const PLAYWRIGHT: Record<string, Arity> = {
  '-g': 'value',
  '--grep': 'value',
  '--grep-invert': 'value',
  '--shard': 'value',
  '--list': 'none',
  '-x': 'none',
  '--max-failures': 'value',
};

const SPECS: Record<Subcommand, Spec> = {
  run: { settings: true, own: PLAYWRIGHT, positionals: 0 },
  baseline: { settings: false, own: { '--out': 'value' }, positionals: 1 },
  compare: { settings: false, own: { '--out': 'value', '--stable': 'none' }, positionals: 2 },
  merge: { settings: true, own: {}, positionals: Infinity },
  reference: { settings: false, own: {}, positionals: 0 },
};

export interface CommandLine {
  /** Settings the flags set: they win over the environment. */
  flags: Record<string, string>;
  /** Settings from --env-file and --config (the first file that sets one wins): they fill what the environment leaves unset. */
  files: Record<string, string>;
  /** What the command itself reads: its own flags and words, and for a run Playwright's arguments. */
  args: string[];
  /** `--reporter` (a run): Playwright reporters added beside the harness's own, never instead of them. */
  reporters: string[];
  help: boolean;
}

const KNOWN_SETTINGS = new Set(SETTINGS.flatMap((s) => s.env));

/** Flags an earlier version had, with what took their place. */
const RETIRED: Record<string, string> = {
  '--fail-on-must-skip':
    '--fail-on-must-skip is gone: the gate now fails on any MUST or ORY check that did not run (--gate lenient allows it)',
};

/** `--admin-token` → OIDC_ADMIN_TOKEN, to name the secret a flag would have put on the command line. */
const envOfFlag = (flag: string) => `OIDC_${flag.replace(/^--/, '').replace(/-/g, '_').toUpperCase()}`;

function readEnvFile(file: string): Record<string, string> {
  try {
    return parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (e) {
    throw new UsageError(`--env-file: cannot read ${file}: ${reason(e)}`);
  }
}

const reason = (e: unknown) =>
  (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message.split('\n')[0]!.replace(/^.*?: /, '');

/**
 * A --config file: a JSON object of settings by their environment names (the login form included). Secrets stay out of
 * it (a file that is committed or shared): a secret setting is given in the environment or as <NAME>_FILE.
 */
function readConfig(file: string): Record<string, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--config: cannot read ${file}: ${reason(e)}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new UsageError(`--config: ${file} must hold a JSON object of settings, e.g. {"OIDC_BASE_URL": "https://auth.example.com"}`);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name === '$schema' || name === '$comment') continue;
    if (isSecretSetting(name))
      throw new UsageError(
        `--config: ${file} holds ${name}, a secret: give it in the environment or name a file that holds it with ${name}_FILE`,
      );
    const fileOfSecret = name.endsWith('_FILE') && isSecretSetting(name.slice(0, -'_FILE'.length));
    if (!KNOWN_SETTINGS.has(name) && !fileOfSecret) throw new UsageError(`--config: ${file}: "${name}" is not a setting (see --help)`);
    if (typeof value === 'boolean') out[name] = value ? '1' : '0';
    else if (typeof value === 'string' || typeof value === 'number') out[name] = String(value);
    else throw new UsageError(`--config: ${file}: ${name} must be a string, a number or true/false`);
  }
  return out;
}

/** Parse the arguments of a subcommand; throws UsageError with the one line to print. */
export function parseCommandLine(sub: Subcommand, argv: readonly string[]): CommandLine {
  const spec = SPECS[sub];
  const out: CommandLine = { flags: {}, files: {}, args: [], reporters: [], help: false };
  const fill = (vars: Record<string, string>) => {
    for (const [k, v] of Object.entries(vars)) out.files[k] ??= v;
  };
  let positionals = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      if (sub !== 'run') throw new UsageError(`${sub} takes no arguments after --`);
      // Playwright's own arguments, as they are; a reporter among them is still added, not put in the harness's place.
      for (let j = i + 1; j < argv.length; j++) {
        const [flag, inline] = split(argv[j]!);
        if (flag === '--reporter') out.reporters.push(...(inline ?? argv[++j] ?? '').split(',').filter(Boolean));
        else out.args.push(argv[j]!);
      }
      break;
    }
    const [flag, inline] = split(arg);
    const value = (what: string) => {
      if (inline !== undefined) {
        if (!inline) throw new UsageError(`${flag} needs ${what}`);
        return inline;
      }
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs ${what}`);
      i++;
      return next;
    };
    const noValue = (sets: string) => {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value (${sets})`);
    };
    if (flag === '--help' || flag === '-h') {
      out.help = true;
      continue;
    }
    if (flag === '--env-file') {
      fill(readEnvFile(value('a file')));
      continue;
    }
    if (flag === '--config') {
      fill(readConfig(value('a file')));
      continue;
    }
    if (flag === '--reporter' && sub === 'run') {
      out.reporters.push(...value('a reporter, e.g. list').split(','));
      continue;
    }
    const own = spec.own[flag];
    if (own === 'value') {
      out.args.push(flag, value('a value'));
      continue;
    }
    if (own === 'none') {
      noValue('it is a switch');
      out.args.push(flag);
      continue;
    }
    const setting = SETTINGS.find((s) => s.flag === flag);
    if (setting && spec.settings) {
      const name = setting.env[0]!;
      if (setting.boolean) {
        noValue(`it sets ${name}=1`);
        out.flags[name] = '1';
        continue;
      }
      const given = value(`a value (it sets ${name})`);
      out.flags[name] = setting.joins && out.flags[name] ? `${out.flags[name]}${setting.joins}${given}` : given;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      if (setting) throw new UsageError(`${flag} is not a flag of ${sub}`);
      if (isSecretSetting(envOfFlag(flag)) && KNOWN_SETTINGS.has(envOfFlag(flag)))
        throw new UsageError(
          `${flag}: secrets are not taken on the command line; set ${envOfFlag(flag)} in the environment, or ${envOfFlag(flag)}_FILE to a file that holds it`,
        );
      throw new UsageError(RETIRED[flag] ?? `unknown flag ${flag}`);
    }
    if (++positionals > spec.positionals) {
      const after = i > 0 ? previousOf(argv, i, spec) : undefined;
      throw new UsageError(
        after
          ? `unexpected argument "${arg}": ${after} takes no value`
          : spec.positionals === 0
            ? `unexpected argument "${arg}" (${sub === 'run' ? 'choose checks with --only, --operation or --severity; Playwright arguments go after --' : `${sub} takes no arguments`})`
            : `unexpected argument "${arg}" (${sub} takes at most ${spec.positionals})`,
      );
    }
    out.args.push(arg);
  }
  return out;
}

/** The switch right before word i, if it is one that takes no value (`--strict 1`). */
function previousOf(argv: readonly string[], i: number, spec: Spec): string | undefined {
  const [flag, inline] = split(argv[i - 1]!);
  if (inline !== undefined) return undefined;
  const setting = SETTINGS.find((s) => s.flag === flag);
  if ((setting?.boolean && spec.settings) || spec.own[flag] === 'none') return flag;
  return undefined;
}

function split(arg: string): [string, string | undefined] {
  if (!arg.startsWith('--')) return [arg, undefined];
  const at = arg.indexOf('=');
  return at < 0 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}

/** Put the command line's settings into `env`: files fill what is unset (or empty), flags set. */
export function applyCommandLine(cl: CommandLine, env: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(cl.files)) if (!env[k]?.trim()) env[k] = v;
  Object.assign(env, cl.flags);
}

/** --help: the commands, the command line's own flags, and every setting with its flag (the settings table). */
export function helpText(): string {
  const c = commandFor;
  return `oidc-conformance ${HARNESS_VERSION}: the conformance and contract harness for OpenID Connect providers (Ory Hydra, Ory Network, any other)

Usage:
  ${c('run', '[flags] [-g REG-] [--shard=1/3] [-- Playwright arguments]')}
  ${c('baseline', '[reports/summary.json] --out baselines/my-idp.json')}
  ${c('compare', 'A B [--out DIR] [--stable]')}   (two report folders; exit 0 same, 1 a verdict regressed, 3 changed, 2 bad input)
  ${c('merge', 'DIR…')}   (the report folders of the shards of one run)
  ${c('reference')}   (start the embedded reference target alone)

Exit codes of a run: ${EXIT.passed} the gate passed, ${EXIT.failed} it failed, ${EXIT.badInput} a setting, a flag or the target is wrong (one line says which),
${EXIT.notDecided} not decided (a partial run: -g, --only, --operation, --severity, one shard), ${EXIT.interrupted} interrupted.
Reports go to ./reports (summary.json, junit.xml, contract.json, allure-report/index.html).

  --env-file FILE   KEY=VALUE lines: settings the environment leaves unset
  --config FILE     a JSON object of settings by name, e.g. {"OIDC_BASE_URL": "…", "OIDC_LOGIN_MODE": "browser", …};
                    secrets stay out of it: the environment, or <NAME>_FILE (e.g. OIDC_LOGIN_PASSWORD_FILE)
  --reporter NAME   a Playwright reporter (list, line, dot, json, junit, …) beside the harness's own
  -g, --grep, --grep-invert, --shard, --list, -x, --max-failures   Playwright's, passed on
  --help, --version
Flags win over the environment, the environment over --env-file and --config. A switch (--strict) takes no value.

Settings (environment variables; the common ones also as flags):
${settingsHelp()}
`;
}

#!/usr/bin/env node
// oidc-conformance: the installed command (npm pack; npm install <tarball>; npx oidc-conformance).
//   oidc-conformance [run] [flags] [Playwright arguments]   the conformance run (bin/conformance.ts)
//   oidc-conformance baseline [summary.json] --out FILE     write a baseline from a run
//   oidc-conformance compare A B                            compare two runs
//   oidc-conformance merge DIR…                             merge the report folders of a sharded run
//   oidc-conformance reference                              start the embedded reference target alone
// Flags set the settings their environment variables set (--help lists both); --env-file reads KEY=VALUE lines
// for the variables that are not already set.
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { SETTINGS, settingsHelp } from '../harness/config/settings-table.ts';
import { HARNESS_VERSION } from '../harness/version.ts';

const COMMANDS: Record<string, string> = {
  run: './conformance.ts',
  baseline: './baseline.ts',
  compare: './compare.ts',
  merge: './merge.ts',
  reference: './reference.ts',
};
const BOOLEAN_FLAGS = new Set(['--strict', '--fail-on-must-skip']);

const HELP = `oidc-conformance ${HARNESS_VERSION}: the conformance and contract harness for OpenID Connect providers (Ory Hydra, Ory Network, any other)

Usage:
  oidc-conformance [run] [flags] [Playwright arguments, e.g. -g REG- or --shard=1/3]
  oidc-conformance baseline [reports/summary.json] --out baselines/my-idp.json
  oidc-conformance compare A B          (two report folders; exit 0 same, 1 a verdict regressed, 3 changed, 2 bad input)
  oidc-conformance merge DIR…           (the report folders of the shards of one run)
  oidc-conformance reference            (start the embedded reference target alone)

Exit codes of a run: 0 the gate passed, 1 it did not, 2 a setting or the target is wrong (one line says which).
Reports go to ./reports (summary.json, junit.xml, contract.json, allure-report/index.html).

  --env-file FILE   read settings (KEY=VALUE lines) that are not already set in the environment
  --help, --version

Settings (environment variables; the common ones also as flags):
${settingsHelp()}
`;

class UsageError extends Error {}

/** Turn flags into environment variables; what is left goes to the command. */
function applyFlags(args: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--env-file') {
      const file = inline ?? args[++i];
      if (!file) throw new UsageError('--env-file needs a file');
      let vars: Record<string, string>;
      try {
        vars = parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
      } catch (e) {
        throw new UsageError(`--env-file: cannot read ${file}: ${(e as Error).message.split('\n')[0]}`);
      }
      for (const [k, v] of Object.entries(vars)) process.env[k] ??= v;
      continue;
    }
    const setting = SETTINGS.find((s) => s.flag === flag);
    if (!setting) {
      rest.push(args[i]!);
      continue;
    }
    if (BOOLEAN_FLAGS.has(flag)) {
      process.env[setting.env[0]!] = inline ?? '1';
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value (it sets ${setting.env[0]})`);
    process.env[setting.env[0]!] = value;
  }
  return rest;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  if (args.includes('--version')) {
    console.log(HARNESS_VERSION);
    return;
  }
  const command = args[0] && COMMANDS[args[0]] ? args.shift()! : 'run';
  const rest = applyFlags(args);
  // Each command reads its own arguments from process.argv, as it does when run by npm run.
  process.argv = [process.argv[0]!, process.argv[1]!, ...rest];
  await import(COMMANDS[command]!);
}

try {
  await main();
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  console.error(`[oidc-conformance] ${e.message} (see oidc-conformance --help)`);
  process.exitCode = 2;
}

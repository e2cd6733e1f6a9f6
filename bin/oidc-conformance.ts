#!/usr/bin/env -S node --
// oidc-conformance: the installed command (npm pack; npm install <tarball>; npx oidc-conformance).
//   oidc-conformance [run] [flags] [-- Playwright arguments]   the conformance run (bin/conformance.ts)
//   oidc-conformance baseline [summary.json] --out FILE         write a baseline from a run
//   oidc-conformance compare A B                                compare two runs
//   oidc-conformance merge DIR…                                 merge the report folders of a sharded run
//   oidc-conformance reference                                  start the embedded reference target alone
// Flags are parsed before anything starts (harness/config/command-line.ts); the run parses its own.
// The `--` in the first line: Node 20 reads --env-file from a script's own arguments and exits 9 when the file is
// missing; after `node --` it reads no option, so --env-file is the command's (one line, exit 2, when missing).
import { applyCommandLine, helpText, parseCommandLine, UsageError } from '../harness/config/command-line.ts';
import { INVOKED_AS, type Subcommand } from '../harness/config/command-name.ts';
import { HARNESS_VERSION } from '../harness/version.ts';

const COMMANDS: Record<Subcommand, string> = {
  run: './conformance.ts',
  baseline: './baseline.ts',
  compare: './compare.ts',
  merge: './merge.ts',
  reference: './reference.ts',
};

async function main(): Promise<void> {
  process.env[INVOKED_AS] = 'oidc-conformance';
  const args = process.argv.slice(2);
  const command = (args[0] && args[0] in COMMANDS ? args.shift()! : 'run') as Subcommand;
  if (args[0] === '--version') {
    console.log(HARNESS_VERSION);
    return;
  }
  // The run reads its own command line (as under npm run conformance); the others get theirs checked here.
  if (command !== 'run') {
    const cl = parseCommandLine(command, args);
    if (cl.help) {
      process.stdout.write(helpText());
      return;
    }
    applyCommandLine(cl, process.env);
    args.splice(0, args.length, ...cl.args);
  }
  process.argv = [process.argv[0]!, process.argv[1]!, ...args];
  await import(COMMANDS[command]);
}

try {
  await main();
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  console.error(`[oidc-conformance] ${e.message} (see oidc-conformance --help)`);
  process.exitCode = 2;
}

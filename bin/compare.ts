// npm run compare -- A B [--out DIR] [--stable]
// Compare two conformance runs, e.g. two provider releases: A and B are report folders (or their
// summary.json, with contract.json beside it). Prints the comparison as Markdown and writes compare.md
// (people: a PR comment, `cat reports/compare.md >> "$GITHUB_STEP_SUMMARY"`) and compare.json (machines)
// into DIR (default: OIDC_REPORTS_DIR, else reports/). --stable leaves out what differs on every run (report folders,
// target addresses, start times), for a comparison kept in a repository.
//
// What it compares:
//   verdicts  per check id and request (harness/contract/verdicts.ts): newly failing (failed or blocked),
//             changed finding, no longer run (skipped or absent in B), newly warning, newly passing, newly run
//   contract  per operation and request (reports/contract.json, harness/contract/drift.ts): status codes,
//             members and their types and presence, header names, error codes, media types, body kinds
//
// Exit codes:
//   0  nothing changed: the same verdicts and the same observed contract
//   1  a verdict regressed: newly failing (failed or blocked), changed finding of a failing check, or no
//      longer run (ran in A; skipped or absent in B)
//   2  bad input: a missing or unreadable folder or file, not a summary.json, no contract.json beside it,
//      bad arguments (one line says which)
//   3  changed without a verdict regression: contract drift only, and/or verdict changes that are no
//      regression (newly passing, newly run, newly warning, passed ↔ fixed, …)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompareInputError, compareRuns, EXIT, loadRun, renderJson, renderMarkdown } from '../harness/contract/compare.ts';
import { commandFor } from '../harness/config/command-name.ts';

const USAGE = `usage: ${commandFor('compare', 'A B [--out DIR] [--stable]')}   (A, B: report folders or their summary.json)`;

function main(argv: string[]): number {
  const positional: string[] = [];
  let out = process.env.OIDC_REPORTS_DIR?.trim() || 'reports';
  let stable = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return EXIT.same;
    }
    if (arg === '--stable') {
      stable = true;
    } else if (arg === '--out') {
      const dir = argv[++i];
      if (!dir || dir.startsWith('--')) throw new CompareInputError('--out needs a folder');
      out = dir;
    } else if (arg.startsWith('--out=')) {
      out = arg.slice('--out='.length);
      if (!out) throw new CompareInputError('--out needs a folder');
    } else if (arg.startsWith('-')) {
      throw new CompareInputError(`unknown option ${arg}; ${USAGE}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 2) throw new CompareInputError(`expected two reports (A and B), got ${positional.length}; ${USAGE}`);
  const a = loadRun(positional[0], 'A');
  const b = loadRun(positional[1], 'B');
  const comparison = compareRuns(a, b);
  const md = renderMarkdown(comparison, { stable });
  try {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'compare.md'), md);
    writeFileSync(join(out, 'compare.json'), renderJson(comparison));
  } catch (e) {
    throw new CompareInputError(`cannot write to ${out}: ${(e as Error).message.split('\n')[0]}`);
  }
  process.stdout.write(md);
  console.error(`[compare] wrote ${join(out, 'compare.md')} and ${join(out, 'compare.json')}; exit ${comparison.exitCode}`);
  return comparison.exitCode;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  const why = e instanceof CompareInputError ? e.message : `unexpected error: ${(e as Error)?.message?.split('\n')[0] ?? String(e)}`;
  console.error(`[compare] ${why}`);
  process.exitCode = EXIT.badInput;
}

// npm run baseline -- [reports/summary.json] [--out baselines/my-provider.json]
// Write a known-deviation baseline from a run: every check that failed, warned or is already known,
// keyed by check id and request, with the finding it failed with and the run's message as the reason
// to review; and the set of checks that ran, so that a gated run fails when one of them no longer runs.
// Review each entry before you commit it: a baseline entry says "the provider deviates here", never
// "the harness is wrong here".
import { readFileSync, writeFileSync } from 'node:fs';
import { incompleteRun, type Summary } from '../harness/report/summary.ts';
import { writeBaseline } from '../harness/run/baseline-writer.ts';
import { commandFor } from '../harness/config/command-name.ts';

const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? args[outIdx + 1] : undefined;
const input = args.find((a, i) => !a.startsWith('--') && (outIdx < 0 || i !== outIdx + 1)) ?? 'reports/summary.json';

let summary: Summary;
try {
  summary = JSON.parse(readFileSync(input, 'utf8'));
} catch (e) {
  console.error(`[baseline] cannot read ${input}: ${(e as Error).message.split('\n')[0]} (run ${commandFor('run')} first)`);
  process.exit(2);
}
const incomplete = incompleteRun(summary);
if (incomplete) {
  console.error(`[baseline] ${input} cannot be a baseline: ${incomplete}`);
  process.exit(2);
}
const previous = out
  ? (() => {
      try {
        return JSON.parse(readFileSync(out, 'utf8'));
      } catch {
        return undefined;
      }
    })()
  : undefined;
const baseline = writeBaseline(summary, previous);
const text = JSON.stringify(baseline, null, 2) + '\n';
if (out) {
  writeFileSync(out, text);
  const review = baseline.deviations.filter((d) => d.reason.startsWith('REVIEW:')).length;
  console.error(
    `[baseline] wrote ${baseline.deviations.length} deviation(s) and ${baseline.ran.length} checks that ran to ${out}${review ? `: review the ${review} "REVIEW:" reason(s) before you commit it` : ''}`,
  );
} else {
  process.stdout.write(text);
}

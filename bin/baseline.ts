// npm run baseline -- [reports/summary.json] [--out baselines/my-provider.json]
// Write a known-deviation baseline from a run: every check that failed, warned or is already
// known, with the run's message as the reason to review. Review each entry before you commit it:
// a baseline entry says "the provider deviates here", never "the harness is wrong here".
import { readFileSync, writeFileSync } from 'node:fs';
import type { Summary } from '../harness/report/summary.ts';

const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? args[outIdx + 1] : undefined;
const input = args.find((a, i) => !a.startsWith('--') && i !== outIdx + 1) ?? 'reports/summary.json';

let summary: Summary;
try {
  summary = JSON.parse(readFileSync(input, 'utf8'));
} catch (e) {
  console.error(`[baseline] cannot read ${input}: ${(e as Error).message.split('\n')[0]} (run npm run conformance first)`);
  process.exit(2);
}
const deviations = new Map<string, { id: string; reason: string; clause: string }>();
for (const c of summary.checks) {
  if (c.status !== 'failed' && c.status !== 'warning' && c.status !== 'known') continue;
  if (c.id.startsWith('OAS-')) continue; // judged per request; fix the OpenAPI document instead
  deviations.set(c.id, { id: c.id, reason: `REVIEW: ${c.message.replace(/ — known deviation: .*$/, '')}`, clause: c.specRef });
}
const baseline = {
  target: `${summary.target.baseUrl}${summary.target.providerVersion ? ` (${summary.target.providerVersion})` : ''}`,
  profile: summary.target.profile,
  written: new Date().toISOString().slice(0, 10),
  deviations: [...deviations.values()].sort((a, b) => a.id.localeCompare(b.id)),
};
const text = JSON.stringify(baseline, null, 2) + '\n';
if (out) {
  writeFileSync(out, text);
  console.error(`[baseline] wrote ${baseline.deviations.length} deviation(s) to ${out}: review every "REVIEW:" reason before you commit it`);
} else {
  process.stdout.write(text);
}

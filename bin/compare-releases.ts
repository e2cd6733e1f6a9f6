// npm run compare:releases: the comparisons kept in docs/, from fresh runs, rendered as `npm run compare -- A B --stable`:
//   docs/compare-hydra-v2.2.0-v2.3.0.md      the review of a release: Ory Hydra v2.2.0 → v2.3.0, each run as
//                                            `npm run conformance:hydra` runs it (ory profile, its reviewed baseline)
//   docs/compare-hydra-v2.3.0-oidc-provider.md  two vendors on the same paths: Ory Hydra v2.3.0 → oidc-provider, both
//                                            with the standards profile and no baseline (raw verdicts)
// Needs Go (Hydra is built from its published module). The project's tests reproduce the first from their own runs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConformance, type ConformanceRun } from '../harness/run/spawn-conformance.ts';
import { RELEASE_COMPARISON, stableComparison } from '../harness/contract/compare.ts';

const VENDOR_COMPARISON = join('docs', 'compare-hydra-v2.3.0-oidc-provider.md');
const ROOT = join(import.meta.dirname, '..');

async function run(what: string, script: string, args: string[], env: Record<string, string> = {}): Promise<ConformanceRun> {
  console.error(`[compare:releases] running ${what}…`);
  const r = await runConformance({ script, args, env: { OIDC_HTML_REPORT: '0', ...env }, timeoutMs: 900_000 });
  if (!r.summary) throw new Error(`${what} gave no summary (exit ${r.code}): ${r.output.trim().split('\n').slice(-3).join(' ')}`);
  return r;
}

function write(file: string, a: ConformanceRun, b: ConformanceRun): void {
  writeFileSync(join(ROOT, file), stableComparison(a.reportsDir, b.reportsDir));
  console.error(`[compare:releases] wrote ${file}`);
}

try {
  const v220 = await run('Ory Hydra v2.2.0', 'bin/conformance-hydra.ts', ['v2.2.0']);
  const v230 = await run('Ory Hydra v2.3.0', 'bin/conformance-hydra.ts', ['v2.3.0']);
  write(RELEASE_COMPARISON, v220, v230);
  const raw = { OIDC_PROFILE: 'standards', OIDC_BASELINE: '' };
  const hydra = await run('Ory Hydra v2.3.0 (standards profile)', 'bin/conformance-hydra.ts', ['v2.3.0'], raw);
  const op = await run('oidc-provider (standards profile)', 'bin/conformance-oidc-provider.ts', [], raw);
  write(VENDOR_COMPARISON, hydra, op);
} catch (e) {
  console.error(`[compare:releases] ${(e as Error).message.split('\n')[0]}`);
  process.exitCode = 2;
}

// From allure-results to one HTML file that opens from disk. Before generating, each result's
// status is set from the check's own verdict (a SHOULD that failed is a warning, shown as
// "broken"; a known deviation as "unknown"), since Playwright knows only pass and fail.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const VERDICT_TO_ALLURE: Record<string, { status: string; prefix: string }> = {
  warning: { status: 'broken', prefix: 'WARNING (SHOULD, does not fail the run)' },
  known: { status: 'unknown', prefix: 'KNOWN DEVIATION (baseline)' },
  fixed: { status: 'passed', prefix: 'FIXED: passes although the baseline lists it' },
};

export function applyVerdictsToAllure(resultsDir: string): void {
  if (!existsSync(resultsDir)) return;
  for (const f of readdirSync(resultsDir).filter((f) => f.endsWith('-result.json'))) {
    const path = join(resultsDir, f);
    const r = JSON.parse(readFileSync(path, 'utf8'));
    const verdict = r.labels?.find((l: { name: string }) => l.name === 'checkStatus')?.value;
    const map = VERDICT_TO_ALLURE[verdict];
    if (!map) continue;
    const step = [...(r.steps ?? [])].reverse().find((s: { name: string }) => s.name.startsWith(verdict.toUpperCase()));
    r.status = map.status;
    r.statusDetails = { message: `${map.prefix}: ${step ? step.name.replace(/^[A-Z]+: /, '') : ''}` };
    writeFileSync(path, JSON.stringify(r));
  }
}

/** Generate the single-file Allure 3 report; returns the path of index.html or an error line. */
export function generateAllureReport(resultsDir: string, outDir: string, name: string): { ok: true; index: string } | { ok: false; error: string } {
  rmSync(outDir, { recursive: true, force: true });
  const cli = join(dirname(fileURLToPath(import.meta.resolve('allure'))), '..', 'cli.js');
  const r = spawnSync(process.execPath, [cli, 'awesome', resultsDir, '--single-file', '-o', outDir, '--report-name', name,
    '--group-by', 'parentSuite,suite', '--report-language', 'en'], { encoding: 'utf8', timeout: 120_000 });
  const index = join(outDir, 'index.html');
  if (r.status !== 0 || !existsSync(index)) return { ok: false, error: (r.stderr || r.stdout || r.error?.message || 'allure failed').trim().split('\n').pop()! };
  // The template always loads Google's analytics tag; a report that opens from disk must not call out.
  const html = readFileSync(index, 'utf8').replace(/<script async src="https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=[^"]*"><\/script>/g, '');
  writeFileSync(index, html);
  return { ok: true, index };
}

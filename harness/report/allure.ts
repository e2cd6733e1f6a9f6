// The single-file Allure 3 report, from the finished results (harness/report/allure-finish.ts): one
// HTML file that opens from disk, with nothing loaded from the network.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';
import { REPORT_CATEGORIES } from './verdict-words.ts';

/**
 * Generate the single-file Allure 3 report; returns the path of index.html or an error line. With `historyPath`
 * (OIDC_HISTORY), Allure reads the earlier runs from that JSONL file and appends this one, so each check shows its
 * recent results: keep the file between runs (a CI artifact or cache) and pass it back in.
 */
export function generateAllureReport(
  resultsDir: string,
  outDir: string,
  name: string,
  historyPath?: string,
): { ok: true; index: string } | { ok: false; error: string } {
  rmSync(outDir, { recursive: true, force: true });
  const cli = join(dirname(fileURLToPath(import.meta.resolve('allure'))), '..', 'cli.js');
  // The harness's categories (by the labels allure-finish.ts gives each check), ahead of Allure's own.
  const config = join(resultsDir, '..', 'allurerc.json');
  writeFileSync(config, JSON.stringify({ categories: REPORT_CATEGORIES.map((c) => ({ name: c.name, matchers: { labels: c.labels } })) }));
  const r = spawnSync(
    process.execPath,
    [
      cli,
      'awesome',
      resultsDir,
      '--config',
      config,
      '--single-file',
      '-o',
      outDir,
      '--report-name',
      name,
      '--group-by',
      'parentSuite,suite',
      '--report-language',
      'en',
      ...(historyPath ? ['--history-path', historyPath] : []),
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  rmSync(config, { force: true });
  const index = join(outDir, 'index.html');
  if (r.status !== 0 || !existsSync(index))
    return {
      ok: false,
      error: stripVTControlCharacters(r.stderr || r.stdout || r.error?.message || 'allure failed')
        .trim()
        .split('\n')
        .pop()!,
    };
  // The template always loads Google's analytics tag; a report that opens from disk must not call out.
  const html = readFileSync(index, 'utf8').replace(
    /<script async src="https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=[^"]*"><\/script>/g,
    '',
  );
  writeFileSync(index, html);
  return { ok: true, index };
}

/** The report's name, at the top of every page: the gate's verdict first. */
export function reportName(baseUrl: string, summary: { gate: { verdict: string } } | undefined): string {
  const word = summary ? `GATE: ${summary.gate.verdict.replace('-', ' ').toUpperCase()}` : 'NO VERDICT (the run ended without a summary)';
  return `${word} · OIDC conformance of ${baseUrl}`;
}

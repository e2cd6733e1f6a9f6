// From allure-results to one HTML file that opens from disk. Before generating, each result's
// status is set from the check's own verdict (a SHOULD that failed is a warning, shown as
// "broken"; a known deviation as "unknown"), since Playwright knows only pass and fail.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { EXCHANGE_ATTACHMENT, EXCHANGES_ATTACHMENT, type ExchangeEvidence } from './evidence-format.ts';

const VERDICT_TO_ALLURE: Record<string, { status: string; prefix: string }> = {
  warning: { status: 'broken', prefix: 'WARNING (SHOULD, does not fail the run)' },
  blocked: { status: 'broken', prefix: 'BLOCKED (a precondition failed, so the rule was not reached: not a pass)' },
  known: { status: 'unknown', prefix: 'KNOWN DEVIATION (baseline)' },
  fixed: { status: 'passed', prefix: 'FIXED: passes although the baseline lists it' },
};

interface AllureAttachment { name: string; source: string; type: string }
interface AllureStep { name: string; steps?: AllureStep[]; attachments?: AllureAttachment[] }

/** Give each exchange step its own attachment again, from the check's one evidence attachment (fixtures/evidence.ts). */
function spreadEvidence(resultsDir: string, r: AllureStep): void {
  // Playwright wraps an attachment in a step of its own name: take the batch out, with its step.
  let batch: AllureAttachment | undefined;
  const isBatch = (a: AllureAttachment) => a.name === EXCHANGES_ATTACHMENT;
  const take = (step: AllureStep) => {
    const own = step.attachments?.find(isBatch);
    if (own) {
      batch ??= own;
      step.attachments = step.attachments!.filter((a) => !isBatch(a));
    }
    if (!step.steps) return;
    const kept: AllureStep[] = [];
    for (const s of step.steps) {
      const held = s.name === EXCHANGES_ATTACHMENT ? s.attachments?.find(isBatch) : undefined;
      if (held) batch ??= held;
      else kept.push((take(s), s));
    }
    step.steps = kept;
  };
  take(r);
  if (!batch) return;
  const file = join(resultsDir, batch.source);
  const queue: ExchangeEvidence[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  rmSync(file, { force: true });
  const visit = (step: AllureStep) => {
    for (const s of step.steps ?? []) {
      if (queue[0] && s.name === queue[0].title) {
        const source = `${randomUUID()}-attachment.txt`;
        writeFileSync(join(resultsDir, source), queue.shift()!.text);
        (s.attachments ??= []).push({ name: EXCHANGE_ATTACHMENT, source, type: 'text/plain' });
      }
      visit(s);
    }
  };
  visit(r);
}

interface AllureLabel { name: string; value: string }

/** Name the check's suite file where allure-playwright names fixtures/check.ts (where every check's test is declared). */
function placeInSuiteFile(r: { labels?: AllureLabel[]; titlePath?: string[]; fullName?: string }): void {
  const path = r.labels?.find((l) => l.name === 'titlePath')?.value.split(' > ').map((p) => p.trim()).filter(Boolean) ?? [];
  const file = path.find((p) => p.endsWith('.spec.ts'));
  if (!file) return;
  const describes = path.slice(path.indexOf(file) + 1);
  r.titlePath = ['tests', file, ...describes];
  if (r.fullName) r.fullName = r.fullName.replace(/^[^›]*›/, `tests/${file} ›`);
  for (const l of r.labels ?? []) if (l.name === 'package') l.value = `tests.${file}`;
}

/** Finish the Allure results: exchange evidence spread to its steps, the suite file named, and each check's own verdict as its status. */
export function applyVerdictsToAllure(resultsDir: string): void {
  if (!existsSync(resultsDir)) return;
  for (const f of readdirSync(resultsDir).filter((f) => f.endsWith('-result.json'))) {
    const path = join(resultsDir, f);
    const r = JSON.parse(readFileSync(path, 'utf8'));
    spreadEvidence(resultsDir, r);
    placeInSuiteFile(r);
    const verdict = r.labels?.find((l: { name: string }) => l.name === 'checkStatus')?.value;
    const map = VERDICT_TO_ALLURE[verdict];
    if (!map) {
      writeFileSync(path, JSON.stringify(r));
      continue;
    }
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

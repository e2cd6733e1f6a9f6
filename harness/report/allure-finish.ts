// Finishing a run's Allure results before the HTML report is made from them. Playwright knows only pass and fail,
// and allure-playwright names the file where every check's test is declared (fixtures/check.ts); here each result
// gets its check's own verdict (a SHOULD that failed is a warning, shown as "broken"; a known deviation "unknown";
// a blocked check "broken", never a pass), its suite file, and its exchanges' evidence on their steps.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CheckRecord } from '../../checks/catalogue/types.ts';
import { EXCHANGE_ATTACHMENT, EXCHANGES_ATTACHMENT, type ExchangeEvidence } from './evidence-format.ts';
import { isPerRequestCheck } from '../../checks/catalogue/openapi.ts';
import { coverageAllureResult, coverageBeside, type OpenApiCoverage } from '../contract/openapi-coverage.ts';

/** The one extra result "OpenAPI document coverage" (OIDC_OPENAPI), with its JSON as an attachment, beside a run's (or a merged run's) results. */
export function writeCoverageResult(resultsDir: string, coverage: OpenApiCoverage): void {
  const { result, attachment } = coverageAllureResult(coverage);
  writeFileSync(join(resultsDir, attachment.source), attachment.content);
  writeFileSync(join(resultsDir, `${result.uuid}-result.json`), JSON.stringify(result));
}

interface AllureLabel {
  name: string;
  value: string;
}
interface AllureResult {
  name: string;
  labels?: AllureLabel[];
  links?: Array<{ url: string; name: string; type: string }>;
  description?: string;
  status?: string;
  statusDetails?: { message: string };
  titlePath?: string[];
  fullName?: string;
  steps?: AllureStep[];
  attachments?: AllureAttachment[];
}

const VERDICT_TO_ALLURE: Record<string, { status: string; prefix: string }> = {
  warning: { status: 'broken', prefix: 'WARNING (SHOULD, does not fail the run)' },
  blocked: { status: 'broken', prefix: 'BLOCKED (a precondition failed, so the rule was not reached: not a pass)' },
  known: { status: 'unknown', prefix: 'KNOWN DEVIATION (baseline)' },
  fixed: { status: 'passed', prefix: 'FIXED: passes although the baseline lists it' },
};

interface AllureAttachment {
  name: string;
  source: string;
  type: string;
}
interface AllureStep {
  name: string;
  steps?: AllureStep[];
  attachments?: AllureAttachment[];
}

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

/** Name the check's suite file where allure-playwright names fixtures/check.ts (where every check's test is declared). */
function placeInSuiteFile(r: AllureResult): void {
  const path =
    r.labels
      ?.find((l) => l.name === 'titlePath')
      ?.value.split(' > ')
      .map((p) => p.trim())
      .filter(Boolean) ?? [];
  const file = path.find((p) => /\.spec\.[jt]s$/.test(p));
  if (!file) return;
  const describes = path.slice(path.indexOf(file) + 1);
  r.titlePath = ['tests', file, ...describes];
  if (r.fullName) r.fullName = r.fullName.replace(/^[^›]*›/, `tests/${file} ›`);
  for (const l of r.labels ?? []) if (l.name === 'package') l.value = `tests.${file}`;
}

const ALLURE_SEVERITY = { MUST: 'critical', ORY: 'normal', SHOULD: 'minor' } as const;

/** The check a result is the test of: by id, and where one id judges several operations, by its describe's operation. */
function recordFor(r: AllureResult, byId: Map<string, CheckRecord[]>): CheckRecord | undefined {
  const candidates = byId.get(r.name.split(':')[0]!) ?? [];
  if (candidates.length <= 1) return candidates[0];
  const describe = r.titlePath?.[2] ?? '';
  return candidates.find((c) => describe.startsWith(`${c.operation}:`));
}

/** What the check is and what it found, as Allure shows it: grouping, severity, clause link, description, status. */
function describeCheck(r: AllureResult, c: CheckRecord): void {
  const own = (r.labels ?? []).filter((l) => !['parentSuite', 'suite', 'subSuite', 'tag'].includes(l.name));
  r.labels = [
    ...own,
    { name: 'parentSuite', value: c.operation },
    { name: 'suite', value: c.request },
    { name: 'checkId', value: c.id },
    { name: 'severity', value: ALLURE_SEVERITY[c.severity] },
    { name: 'tag', value: c.severity },
    { name: 'checkStatus', value: c.status },
    ...(c.cause ? [{ name: 'cause', value: c.cause }] : []),
    ...(c.finding ? [{ name: 'finding', value: c.finding }] : []),
  ];
  r.links = [{ url: c.specUrl, name: c.specRef, type: 'spec' }];
  r.description = `**${c.severity}** — ${c.rule}\n\nSource: [${c.specRef}](${c.specUrl})\n\nCheck id: \`${c.id}\``;
  const map = VERDICT_TO_ALLURE[c.status];
  if (map) {
    r.status = map.status;
    r.statusDetails = { message: `${map.prefix}: ${c.message}` };
  }
}

/**
 * Finish the Allure results of a run: exchange evidence spread to its steps, the suite file named, and each check
 * described from its record in the summary (labels, link, description, its own verdict as the status). Done here,
 * after the run, because every Allure call inside a check costs an attachment in the test runner's one process.
 * With OIDC_OPENAPI, one more result, "OpenAPI document coverage", lists what of the provider's document the run
 * never saw (from `coverage`, by default the openapiCoverage of the summary.json beside the results folder).
 */
export function finishAllureResults(
  resultsDir: string,
  checks: CheckRecord[],
  coverage: OpenApiCoverage | undefined = coverageBeside(resultsDir),
): void {
  if (!existsSync(resultsDir)) return;
  const byId = new Map<string, CheckRecord[]>();
  for (const c of checks) if (!isPerRequestCheck(c.id)) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
  for (const f of readdirSync(resultsDir).filter((f) => f.endsWith('-result.json'))) {
    const path = join(resultsDir, f);
    const r = JSON.parse(readFileSync(path, 'utf8')) as AllureResult;
    spreadEvidence(resultsDir, r);
    placeInSuiteFile(r);
    const record = recordFor(r, byId);
    if (record) describeCheck(r, record);
    writeFileSync(path, JSON.stringify(r));
  }
  if (coverage) writeCoverageResult(resultsDir, coverage);
}

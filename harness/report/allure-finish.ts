// Finishing a run's Allure results before the HTML report is made from them. Playwright knows only pass and fail,
// and allure-playwright names the file where every check's test is declared (fixtures/check.ts); here each result
// gets its check's own verdict in the harness's words (harness/report/verdict-words.ts: the page opens with it, with
// the cause, the finding, what was expected and what came back, the check that blocked it, the baseline's reviewed
// reason), labels the report's categories match on (never Allure's "Test errors" for a provider's finding), and its
// suite file. One more result carries the gate's verdict, first in the report, and the report's name says it too.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CheckRecord } from '../../checks/catalogue/types.ts';
import type { Summary } from './summary.ts';
import { gateLine } from '../run/gate.ts';
import { verdictHeadline } from './verdict-words.ts';
import type { AllureAttachment, AllureStep } from './place-evidence.ts';
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

/** Allure's five statuses for the harness's verdicts (the categories and the page's first line say which verdict). */
const ALLURE_STATUS: Record<CheckRecord['status'], string> = {
  passed: 'passed',
  failed: 'failed',
  blocked: 'broken',
  warning: 'broken',
  known: 'unknown',
  fixed: 'passed',
  excused: 'skipped',
  skipped: 'skipped',
};

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

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const cell = (v: unknown) => show(v).replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 400);

/** What the check is and what it found, as the page shows it: the verdict first, then the evidence fields and the rule. */
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
    ...(c.docs && c.status === 'warning' ? [{ name: 'drift', value: 'yes' }] : []),
    ...(c.status === 'skipped' && c.skip !== 'profile' ? [{ name: 'notRun', value: 'yes' }] : []),
  ];
  r.links = [{ url: c.specUrl, name: c.specRef, type: 'spec' }];
  const headline = verdictHeadline(c);
  const rows: Array<[string, unknown]> = [
    ['cause', c.cause],
    ['finding', c.finding],
    ['expected', c.expected],
    ['actual', c.actual],
    ['blocked by', c.blockedBy?.join(', ')],
    ['baseline', c.known?.baseline],
  ];
  const table = rows.filter(([, v]) => v !== undefined && v !== '');
  r.description = [
    `**${headline}**`,
    ...(c.message && !headline.includes(c.message) ? [c.message] : []),
    ...(table.length ? [`| | |\n|---|---|\n${table.map(([k, v]) => `| ${k} | ${cell(v)} |`).join('\n')}`] : []),
    `**${c.severity}** — ${c.rule}`,
    `Source: [${c.specRef}](${c.specUrl}) · check \`${c.id}\` · request \`${c.request}\``,
  ].join('\n\n');
  r.status = ALLURE_STATUS[c.status];
  r.statusDetails = { message: c.message && !headline.includes(c.message) ? `${headline} — ${c.message}` : headline };
}

/** The name of the gate's result: the merge drops the shards' own and writes the merged run's. */
export const GATE_RESULT_NAME = 'the conformance gate';

/** The gate's verdict as the report's first result, with its reasons and the console's counts. */
export function writeGateResult(resultsDir: string, s: Summary): void {
  const line = gateLine(s.gate);
  const t = s.totals;
  const counts = `${t.checks} checks: ${t.passed} passed, ${t.failed} failed, ${t.blocked} blocked, ${t.warned} warned, ${t.drift} documentation drift, ${t.known} known, ${t.fixed} fixed, ${t.excused} excused, ${t.skipped} did not run, ${t.outsideProfile} not part of this run`;
  const m = s.gate.must;
  const notReached = s.gate.notReached.map((n) => `- \`${n.check}\`: ${n.reason}`);
  const result = {
    uuid: randomUUID(),
    name: GATE_RESULT_NAME,
    fullName: GATE_RESULT_NAME,
    status: s.gate.verdict === 'passed' ? 'passed' : s.gate.verdict === 'failed' ? 'failed' : 'broken',
    statusDetails: { message: line },
    description: [
      `**${line}**`,
      ...(s.selection.interrupted
        ? [`**INTERRUPTED**: ${t.checks} of ${s.selection.expected} checks reported before the run stopped.`]
        : []),
      `Judged: ${s.gate.judges}${s.gate.mode === 'lenient' ? ' (lenient gate)' : ''}.`,
      counts,
      `MUST and ORY checks: ${m.ran} of ${m.total} reached a verdict, ${m.excused} excused, ${m.total - m.ran - m.excused} did not.`,
      ...(notReached.length ? ['Did not run, and nothing excuses them:', notReached.join('\n')] : []),
    ].join('\n\n'),
    labels: [
      { name: 'parentSuite', value: '0 · the conformance gate' },
      { name: 'suite', value: s.gate.verdict.toUpperCase() },
      { name: 'checkStatus', value: s.gate.verdict },
    ],
    start: Date.parse(s.startedAt) || Date.now(),
    stop: (Date.parse(s.startedAt) || Date.now()) + s.durationMs,
    steps: [],
    attachments: [],
    parameters: [],
    links: [],
  };
  writeFileSync(join(resultsDir, `${result.uuid}-result.json`), JSON.stringify(result));
}

/**
 * Finish the Allure results of a run: the suite file named, and each check
 * described from its record in the summary (labels, link, description, its own verdict as the status). Done here,
 * after the run, because every Allure call inside a check costs an attachment in the test runner's one process.
 * With OIDC_OPENAPI, one more result, "OpenAPI document coverage", lists what of the provider's document the run
 * never saw (from `coverage`, by default the openapiCoverage of the summary.json beside the results folder).
 */
export function finishAllureResults(
  resultsDir: string,
  summary: Summary | undefined,
  coverage: OpenApiCoverage | undefined = coverageBeside(resultsDir),
): void {
  if (!existsSync(resultsDir)) return;
  const checks = summary?.checks ?? [];
  const byId = new Map<string, CheckRecord[]>();
  for (const c of checks) if (!isPerRequestCheck(c.id)) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
  for (const f of readdirSync(resultsDir).filter((f) => f.endsWith('-result.json'))) {
    const path = join(resultsDir, f);
    const r = JSON.parse(readFileSync(path, 'utf8')) as AllureResult;
    placeInSuiteFile(r);
    const record = recordFor(r, byId);
    if (record) describeCheck(r, record);
    writeFileSync(path, JSON.stringify(r));
  }
  if (coverage) writeCoverageResult(resultsDir, coverage);
  if (summary) writeGateResult(resultsDir, summary);
}

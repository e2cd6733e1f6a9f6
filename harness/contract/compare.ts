// Compare two runs (npm run compare -- A B): the verdict changes (harness/contract/verdicts.ts) and the
// contract drift (harness/contract/drift.ts), rendered as Markdown for people (a GitHub job summary, a PR
// comment) and as JSON for machines. bin/compare.ts is the command; this module does the work.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CheckRecord } from '../../checks/catalogue/types.ts';
import { incompleteRun, type Summary } from '../report/summary.ts';
import { CONTRACT_FILE, isContract, type Contract } from './contract.ts';
import { diffContracts, type DriftItem } from './drift.ts';
import { diffVerdicts, KIND_ORDER, type VerdictChange, type VerdictChangeKind, type VerdictSide } from './verdicts.ts';

/** 0 nothing changed, 1 a verdict regressed, 3 only drift or changes that are no regression, 2 bad input. */
export const EXIT = { same: 0, regressed: 1, badInput: 2, changed: 3 } as const;

export class CompareInputError extends Error {}

export interface RunInput {
  /** As given on the command line. */
  label: string;
  summaryPath: string;
  contractPath: string;
  summary: Summary;
  contract: Contract;
}

export interface RunDescription {
  report: string;
  target?: string;
  providerVersion?: string;
  harnessVersion?: string;
  profile?: string;
  baseline?: string;
  startedAt?: string;
  checks: number;
  complete?: boolean;
  requests: number;
}

export interface Comparison {
  /** The one-line summary. */
  summary: string;
  exitCode: number;
  a: RunDescription;
  b: RunDescription;
  /** What makes the two runs less comparable (another profile, harness version, a narrowed run). */
  notes: string[];
  counts: Record<VerdictChangeKind, number> & { regressions: number; verdictChanges: number; drift: number; driftOperations: number };
  verdicts: VerdictChange[];
  drift: DriftItem[];
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CompareInputError(`${what}: cannot read ${path}${code === 'ENOENT' ? ' (no such file)' : code ? ` (${code})` : ''}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CompareInputError(`${what}: ${path} is not JSON`);
  }
}

function isSummary(v: unknown): v is Summary {
  if (!v || typeof v !== 'object') return false;
  const checks = (v as Summary).checks;
  return (
    Array.isArray(checks) &&
    checks.every((c: CheckRecord) => c && typeof c.id === 'string' && typeof c.request === 'string' && typeof c.status === 'string')
  );
}

/** A report folder, or a summary.json with contract.json beside it. */
export function loadRun(arg: string, side: 'A' | 'B'): RunInput {
  let dir: string, summaryPath: string;
  const isDir = existsSync(arg) && statSync(arg).isDirectory();
  if (isDir) {
    dir = arg;
    summaryPath = join(arg, 'summary.json');
  } else {
    dir = dirname(arg);
    summaryPath = arg;
  }
  if (!existsSync(summaryPath))
    throw new CompareInputError(
      `${side}: ${isDir ? `${arg} has no summary.json` : `${arg} does not exist`} (give a reports folder or its summary.json)`,
    );
  const summary = readJson(summaryPath, side);
  if (!isSummary(summary)) throw new CompareInputError(`${side}: ${summaryPath} is not a conformance summary.json (no checks list)`);
  const incomplete = incompleteRun(summary);
  if (incomplete) throw new CompareInputError(`${side}: ${summaryPath} cannot be compared: ${incomplete}`);
  const contractPath = join(dir, CONTRACT_FILE);
  if (!existsSync(contractPath))
    throw new CompareInputError(
      `${side}: no ${CONTRACT_FILE} beside ${summaryPath} (it is written by every run of this harness version; run the conformance again)`,
    );
  const contract = readJson(contractPath, side);
  if (!isContract(contract)) throw new CompareInputError(`${side}: ${contractPath} is not an observed contract of this harness version`);
  return { label: arg, summaryPath, contractPath, summary, contract };
}

function describe(r: RunInput): RunDescription {
  const t = r.summary.target;
  const requests = Object.values(r.contract.operations).reduce((n, reqs) => n + Object.keys(reqs).length, 0);
  return {
    report: r.label,
    ...(t?.baseUrl ? { target: t.baseUrl } : {}),
    ...(t?.providerVersion ? { providerVersion: t.providerVersion } : {}),
    ...(r.summary.harnessVersion ? { harnessVersion: r.summary.harnessVersion } : {}),
    ...(t?.profile ? { profile: t.profile } : {}),
    ...(t?.baseline ? { baseline: t.baseline } : {}),
    ...(r.summary.startedAt ? { startedAt: r.summary.startedAt } : {}),
    checks: r.summary.checks.length,
    ...(r.summary.selection ? { complete: r.summary.selection.complete } : {}),
    requests,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const KIND_LABEL: Record<VerdictChangeKind, string> = {
  'newly-failing': 'newly failing',
  'changed-finding': 'changed finding',
  'no-longer-run': 'no longer run',
  'newly-warning': 'newly warning',
  'newly-passing': 'newly passing',
  'newly-run': 'newly run',
  other: 'other change',
};

export function compareRuns(a: RunInput, b: RunInput): Comparison {
  const verdicts = diffVerdicts(a.summary.checks, b.summary.checks);
  const drift = diffContracts(a.contract, b.contract);
  const counts = Object.fromEntries(KIND_ORDER.map((k) => [k, verdicts.filter((v) => v.kind === k).length])) as Comparison['counts'];
  counts.regressions = verdicts.filter((v) => v.regression).length;
  counts.verdictChanges = verdicts.length;
  counts.drift = drift.length;
  counts.driftOperations = new Set(drift.map((d) => d.operation)).size;
  const exitCode = counts.regressions ? EXIT.regressed : verdicts.length || drift.length ? EXIT.changed : EXIT.same;

  const da = describe(a),
    db = describe(b);
  const notes: string[] = [];
  if (da.profile !== db.profile) notes.push(`the runs used different profiles (A ${da.profile}, B ${db.profile})`);
  if (da.harnessVersion !== db.harnessVersion)
    notes.push(`the runs used different harness versions (A ${da.harnessVersion}, B ${db.harnessVersion}): a change may be the harness's`);
  const keysA = new Set(a.summary.checks.map((c) => `${c.id} ${c.request}`));
  const sameSelection = b.summary.checks.length === keysA.size && b.summary.checks.every((c) => keysA.has(`${c.id} ${c.request}`));
  if (da.complete !== db.complete || (da.complete === false && !sameSelection)) {
    notes.push(
      `${da.complete === false && db.complete === false ? 'both runs were narrowed and selected different checks' : `run ${da.complete === false ? 'A' : 'B'} was narrowed`} (-g, OIDC_SUITES or a shard): checks and requests outside a selection show as absent (no longer run) or newly run`,
    );
  }
  if ((da.baseline ?? '') !== (db.baseline ?? ''))
    notes.push(
      `the runs were judged against different baselines (A ${da.baseline ?? 'none'}, B ${db.baseline ?? 'none'}): known and fixed verdicts differ with them`,
    );

  let summary: string;
  const byKind = (kinds: VerdictChangeKind[], regression: boolean) =>
    kinds
      .map((k) => [k, verdicts.filter((v) => v.kind === k && v.regression === regression).length] as const)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${KIND_LABEL[k]}`);
  const regressions = byKind(['newly-failing', 'changed-finding', 'no-longer-run'], true);
  const others = byKind([...KIND_ORDER], false);
  const driftText = drift.length
    ? `contract drift: ${plural(drift.length, 'change')} in ${plural(counts.driftOperations, 'operation')}`
    : 'no contract drift';
  if (exitCode === EXIT.same) {
    summary = `No changes: the ${plural(db.checks, 'verdict')} and the observed contract (${plural(db.requests, 'request')}) are the same.`;
  } else if (exitCode === EXIT.regressed) {
    summary = `Regressed: ${regressions.join(', ')}${others.length ? `; also ${others.join(', ')}` : ''}; ${driftText}.`;
  } else {
    summary = `Changed, no verdict regressed: ${others.length ? others.join(', ') : 'no verdict changes'}; ${driftText}.`;
  }
  return { summary, exitCode, a: da, b: db, notes, counts, verdicts, drift };
}

// ---- Markdown ----

/** GitHub's limit for a PR comment is 65,536 characters; a job summary allows 1 MiB. */
const MAX_MARKDOWN = 60_000;
/** Tables longer than this go under a <details> block. */
const OPEN_ROWS = 15;

const clip = (s: string | undefined, max: number) => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};
/** Text for a table cell: one line, at most `max` characters, no HTML, pipes escaped. */
const cell = (s: string | undefined, max = 240) =>
  clip(s, max).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
/** A code span in a table cell (entities do not work in code spans; a pipe is escaped as GFM tables require). */
const code = (s: string | undefined) => (!s ? '' : s.includes('`') ? cell(s) : `\`${clip(s, 240).replace(/\|/g, '\\|')}\``);

function verdictText(s: VerdictSide): string {
  if (s.status === 'absent') return 'absent';
  if (s.status === 'blocked') return `blocked${s.blockedBy?.length ? ` by ${s.blockedBy.join(', ')}` : ''}`;
  return `${s.status}${s.finding ? ` (${s.finding})` : ''}`;
}

function table(head: string[], rows: string[][], maxRows: number): string[] {
  const shown = rows.slice(0, maxRows);
  const out = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...shown.map((r) => `| ${r.join(' | ')} |`)];
  if (rows.length > shown.length) out.push('', `… and ${rows.length - shown.length} more (see compare.json)`);
  return out;
}

function section(title: string, body: string[], rows: number): string[] {
  if (rows <= OPEN_ROWS) return [`#### ${title}`, '', ...body, ''];
  return ['<details>', `<summary><b>${title}</b></summary>`, '', ...body, '', '</details>', ''];
}

const DRIFT_LABEL: Record<DriftItem['change'], string> = {
  'request-added': 'request added',
  'request-gone': 'request gone',
  'status-added': 'status added',
  'status-gone': 'status gone',
  'content-type': 'content type changed',
  body: 'body changed',
  'member-added': 'member added',
  'member-gone': 'member gone',
  'member-type': 'member type changed',
  'member-presence': 'member presence changed',
  'header-added': 'header added',
  'header-gone': 'header gone',
  'error-added': 'error code added',
  'error-gone': 'error code gone',
};

export interface RenderOptions {
  /**
   * For a comparison kept in a repository (docs/compare-*.md): named by provider version, without the report folders,
   * target addresses and start times, which differ on every run, so that fresh runs reproduce it exactly.
   */
  stable?: boolean;
}

/** What differs between two runs of the same verdict: a loopback target's port, a masked value's fingerprint. */
export const withoutRunSpecifics = (text: string | undefined): string | undefined =>
  text
    ?.replace(/\b(https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])):\d+/g, '$1:PORT')
    .replace(/\[masked:([\w-]+)#[0-9a-f]+\]/g, '[masked:$1]');

function renderWith(c: Comparison, maxRows: number, opts: RenderOptions): string {
  const stableText = (text: string | undefined) => (opts.stable ? withoutRunSpecifics(text) : text);
  const name = (d: RunDescription) => (opts.stable ? (d.providerVersion ?? d.target) : d.report);
  const out: string[] = [`## OIDC conformance: ${cell(name(c.a))} → ${cell(name(c.b))}`, '', `**${cell(c.summary, 1000)}**`, ''];
  const row = (name: string, f: (d: RunDescription) => string | undefined) =>
    `| ${name} | ${cell(f(c.a)) || '—'} | ${cell(f(c.b)) || '—'} |`;
  out.push(
    '| | A | B |',
    '|---|---|---|',
    ...(opts.stable ? [] : [row('report', (d) => d.report), row('target', (d) => d.target)]),
    row('provider version', (d) => d.providerVersion),
    row('profile', (d) => d.profile),
    row('checks', (d) => `${d.checks}${d.complete === false ? ' (narrowed run)' : ''}`),
    row('requests observed', (d) => String(d.requests)),
    ...(opts.stable ? [] : [row('started', (d) => d.startedAt)]),
    row('harness', (d) => d.harnessVersion),
    '',
  );
  for (const n of c.notes) out.push(`> Note: ${cell(n, 400)}`, '');

  out.push(`### Verdict changes${c.verdicts.length ? ` (${c.verdicts.length})` : ''}`, '');
  if (!c.verdicts.length) out.push('No verdict changed.', '');
  const groups: Array<[string, VerdictChange[]]> = [
    ...(['newly-failing', 'changed-finding', 'no-longer-run'] as const).map(
      (k) => [`Regression: ${KIND_LABEL[k]}`, c.verdicts.filter((v) => v.regression && v.kind === k)] as [string, VerdictChange[]],
    ),
    ...KIND_ORDER.map(
      (k) =>
        [KIND_LABEL[k].replace(/^./, (x) => x.toUpperCase()), c.verdicts.filter((v) => !v.regression && v.kind === k)] as [
          string,
          VerdictChange[],
        ],
    ),
  ];
  for (const [title, list] of groups.filter(([, l]) => l.length)) {
    const rows = list.map((v) => [
      code(v.id),
      code(v.request),
      cell(verdictText(v.a), 120),
      cell(verdictText(v.b), 120),
      cell(v.b.cause ?? v.a.cause),
      cell(stableText(v.b.status === 'absent' ? v.a.message : v.b.message)),
    ]);
    out.push(
      ...section(`${title} (${list.length})`, table(['check', 'request', 'A', 'B', 'cause', 'message'], rows, maxRows), list.length),
    );
  }

  out.push(
    `### Contract drift${c.drift.length ? ` (${plural(c.drift.length, 'change')} in ${plural(c.counts.driftOperations, 'operation')})` : ''}`,
    '',
  );
  if (!c.drift.length) out.push('No contract drift: every request, status code, member, header and error code seen is the same.', '');
  const ops = [...new Set(c.drift.map((d) => d.operation))];
  for (const op of ops) {
    const list = c.drift.filter((d) => d.operation === op);
    const rows = list.map((d) => [code(d.request), cell(d.status), DRIFT_LABEL[d.change], code(d.subject), cell(d.a), cell(d.b)]);
    out.push(
      ...section(
        `${op} (${plural(list.length, 'change')})`,
        table(['request', 'status', 'change', 'what', 'A', 'B'], rows, maxRows),
        list.length,
      ),
    );
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

/** The comparison as Markdown that fits a GitHub job summary and a PR comment (at most 60,000 characters). */
export function renderMarkdown(c: Comparison, opts: RenderOptions = {}): string {
  for (const rows of [500, 100, 25, 5]) {
    const md = renderWith(c, rows, opts);
    if (md.length <= MAX_MARKDOWN) return md;
  }
  const md = renderWith(c, 0, opts);
  return md.length <= MAX_MARKDOWN ? md : `${md.slice(0, MAX_MARKDOWN - 80)}\n\n… (cut: see compare.json)\n`;
}

/** The review of a release kept in the repository (npm run compare:releases writes it; the project's tests reproduce it). */
export const RELEASE_COMPARISON = 'docs/compare-hydra-v2.2.0-v2.3.0.md';

/** Two report folders compared and rendered --stable: what docs/compare-*.md hold (bin/compare-releases.ts). */
export function stableComparison(a: string, b: string): string {
  return renderMarkdown(compareRuns(loadRun(a, 'A'), loadRun(b, 'B')), { stable: true });
}

/** The comparison for machines. */
export function renderJson(c: Comparison): string {
  return (
    JSON.stringify(
      { summary: c.summary, exitCode: c.exitCode, a: c.a, b: c.b, notes: c.notes, counts: c.counts, verdicts: c.verdicts, drift: c.drift },
      null,
      2,
    ) + '\n'
  );
}

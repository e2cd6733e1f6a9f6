// reports/summary.json: the machine-readable verdict of a run, and its console rendering.
import type { CheckRecord } from '../../checks/catalogue/types.ts';
import { gateLine, WHOLE_PROFILE, type GateVerdict, type RunScope } from '../run/gate.ts';
import { coverageConsoleLines, type OpenApiCoverage } from '../contract/openapi-coverage.ts';
import { throttlingLines, type Throttling } from '../http/throttle.ts';

/** What the run covered: complete or narrowed (and how), interrupted or not, and what its gate judges. */
export interface Selection extends RunScope {
  shard?: { current: number; total: number };
  /** How many checks the scope holds (what a complete run judges). */
  expected: number;
}

export interface Summary {
  target: {
    baseUrl: string;
    issuer: string;
    adminUrl?: string;
    profile: string;
    providerVersion?: string;
    strict: boolean;
    baseline?: string;
    /** OIDC_INSECURE_TLS=1: the provider's certificate was not verified (named in the gate line). */
    insecureTls?: boolean;
  };
  harnessVersion: string;
  startedAt: string;
  durationMs: number;
  selection: Selection;
  /** Whether the run lets a release through, and why not (harness/run/gate.ts). */
  gate: GateVerdict;
  /** How many checks ended in each column; the columns add up to `checks` (the checks the run collected). */
  totals: Tally & { checks: number };
  /** The same per operation, with how many reached a verdict. */
  operations: Record<string, Tally & { ran: number }>;
  checks: CheckRecord[];
  /** With OIDC_OPENAPI: per documented operation, what of the document the run never saw and what it saw undocumented. */
  openapiCoverage?: OpenApiCoverage;
  /** How often and how long the provider throttled (429, or 503 with Retry-After), and the pace the run kept. */
  throttling?: Throttling;
}

/**
 * The columns a reader counts, each check in exactly one: SHOULD warnings apart from documentation drift, checks that
 * did not run apart from checks outside the profile (not part of the run's rules at all).
 */
export const COLUMNS = [
  'passed',
  'failed',
  'blocked',
  'warned',
  'drift',
  'known',
  'fixed',
  'excused',
  'skipped',
  'outsideProfile',
] as const;
export type Column = (typeof COLUMNS)[number];
export type Tally = Record<Column, number>;

/** The column a check's verdict is counted in. */
export function columnOf(c: CheckRecord): Column {
  if (c.status === 'warning') return c.docs ? 'drift' : 'warned';
  if (c.status === 'skipped') return c.skip === 'profile' ? 'outsideProfile' : 'skipped';
  return c.status;
}

const zero = (): Tally => Object.fromEntries(COLUMNS.map((k) => [k, 0])) as Tally;
const RAN_COLUMNS = new Set<Column>(['passed', 'failed', 'warned', 'drift', 'known', 'fixed']);

export function summarize(checks: CheckRecord[], meta: Omit<Summary, 'totals' | 'operations' | 'checks'>): Summary {
  const totals = { ...zero(), checks: checks.length };
  const operations: Summary['operations'] = {};
  for (const c of checks) {
    const col = columnOf(c);
    totals[col]++;
    const op = (operations[c.operation] ??= { ...zero(), ran: 0 });
    op[col]++;
    if (RAN_COLUMNS.has(col)) op.ran++;
  }
  const order = (c: CheckRecord) => `${c.operation} ${c.id} ${c.request}`;
  return { ...meta, totals, operations, checks: [...checks].sort((a, b) => order(a).localeCompare(order(b))) };
}

const HEADINGS: Record<Column, string> = {
  passed: 'passed',
  failed: 'failed',
  blocked: 'blocked',
  warned: 'warned',
  drift: 'drift',
  known: 'known',
  fixed: 'fixed',
  excused: 'excused',
  skipped: 'skipped',
  outsideProfile: 'n/a',
};

/** Items grouped by their reason, most frequent first: `count × reason` and the names on the next line. */
function grouped(items: Array<{ name: string; reason: string }>): string[] {
  const groups = new Map<string, string[]>();
  for (const { name, reason } of items) groups.set(reason, [...(groups.get(reason) ?? []), name]);
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([reason, names]) => `  ${String(names.length).padStart(3)} × ${reason}\n        ${[...new Set(names)].join(', ')}`);
}

const groupedReasons = (checks: CheckRecord[], reason: (c: CheckRecord) => string = (c) => c.message) =>
  grouped(checks.map((c) => ({ name: c.id, reason: reason(c) })));

const excuseLine = (c: CheckRecord) =>
  c.excuse?.kind === 'not-offered'
    ? `not offered (${c.excuse.member}): ${c.excuse.reason}`
    : c.excuse?.kind === 'excluded'
      ? `excluded by the user: ${c.excuse.reason}`
      : `excused by the baseline: ${c.excuse?.reason ?? c.message}`;

export function renderConsole(s: Summary): string {
  const rows = Object.entries(s.operations).sort(([a], [b]) => a.localeCompare(b));
  const w = Math.max(9, ...rows.map(([op]) => op.length));
  const head = `${'operation'.padEnd(w)}${COLUMNS.map((k) => `  ${HEADINGS[k].padStart(7)}`).join('')}`;
  const line = (name: string, c: Tally) => `${name.padEnd(w)}${COLUMNS.map((k) => `  ${String(c[k]).padStart(7)}`).join('')}`;
  const sel = s.selection;
  const out = [
    ...(sel.interrupted ? ['', `INTERRUPTED: ${s.totals.checks} of the ${sel.expected} checks of the run reported before it stopped`] : []),
    '',
    `Conformance of ${s.target.baseUrl} (profile ${s.target.profile}${s.target.strict ? ', strict' : ''}${sel.judges !== WHOLE_PROFILE ? `; gate on ${sel.judges}` : ''})`,
    head,
    '-'.repeat(head.length),
  ];
  for (const [op, c] of rows) out.push(line(op, c));
  out.push('-'.repeat(head.length), line(`total (${s.totals.checks} checks)`.padEnd(w), s.totals));
  const outside = s.checks.filter((c) => columnOf(c) === 'outsideProfile');
  if (outside.length)
    out.push(`n/a: ${outside.length} check(s) are not part of this run's rules:`, ...groupedReasons(outside).map((l) => `  ${l}`));

  const provider = s.checks.filter((c) => (c.status === 'failed' || c.status === 'warning' || c.status === 'fixed') && !c.docs);
  if (provider.length) {
    out.push('');
    for (const c of provider)
      out.push(
        `${c.status.toUpperCase().padEnd(7)} ${c.id} [${c.severity} ${c.specRef}] ${c.request}${c.cause && c.cause !== 'violation' ? ` (${c.cause})` : ''}${c.finding ? ` {${c.finding}}` : ''}: ${c.message}`,
      );
  }
  const drift = s.checks.filter((c) => c.docs && c.status === 'warning');
  if (drift.length) {
    out.push('', `Documentation drift: ${drift.length} (Ory's docs disagree with the provider; not a finding about the provider)`);
    for (const c of drift) out.push(`  ${c.id} ${c.request}: ${c.message}`);
  }
  if (s.openapiCoverage) out.push('', ...coverageConsoleLines(s.openapiCoverage));
  const blocked = s.checks.filter((c) => c.status === 'blocked');
  if (blocked.length)
    out.push(
      '',
      `Blocked: ${blocked.length} (a precondition failed; the check named judges it)`,
      ...groupedReasons(blocked, (c) => `blocked by ${c.blockedBy?.join(', ')}`),
    );
  const known = s.checks.filter((c) => c.status === 'known');
  if (known.length) out.push('', `Known deviations (baseline): ${known.length}`, ...groupedReasons(known, (c) => c.finding ?? ''));
  const excused = s.checks.filter((c) => c.status === 'excused');
  if (excused.length) out.push('', `Excused, with the reason: ${excused.length}`, ...groupedReasons(excused, excuseLine));
  const skipped = s.checks.filter((c) => columnOf(c) === 'skipped');
  if (skipped.length) out.push('', `Skipped (did not run; what would make it run): ${skipped.length}`, ...groupedReasons(skipped));
  if (s.gate.notRun.length) {
    out.push(
      '',
      `Ran when the baseline was written, not now: ${s.gate.notRun.length}`,
      ...grouped(s.gate.notRun.map((n) => ({ name: n.check, reason: `${n.status}: ${n.reason}` }))),
    );
  }
  out.push(...throttlingLines(s.throttling));
  const m = s.gate.must;
  out.push(
    '',
    `MUST and ORY checks: ${m.ran} of ${m.total} reached a verdict, ${m.excused} excused, ${m.total - m.ran - m.excused} did not`,
  );
  out.push(gateLine(s.gate, gateNotes(s)));
  return out.join('\n');
}

/** Settings that weaken what a pass proves, named in the gate line. */
function gateNotes(s: Summary): string[] {
  return [...(s.target.insecureTls ? ["OIDC_INSECURE_TLS=1: the provider's TLS certificate was not verified"] : [])];
}

/**
 * Why a summary cannot stand for the provider (to make a baseline from, or to compare): an interrupted or partial run
 * proves nothing about the checks it did not judge. Undefined when it is complete.
 */
export function incompleteRun(s: Pick<Summary, 'selection'>): string | undefined {
  if (s.selection?.interrupted) return 'the run was interrupted before every check finished';
  if (!s.selection?.complete)
    return `it is a partial run (${s.selection?.narrowedBy?.join('; ') || 'narrowed'}): run the whole suite, or merge every shard`;
  return undefined;
}

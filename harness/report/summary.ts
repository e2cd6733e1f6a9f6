// reports/summary.json: the machine-readable verdict of a run, and its console rendering.
import { CHECK_STATUSES, type CheckRecord, type CheckStatus } from '../../checks/catalogue/types.ts';
import type { GateVerdict } from '../run/gate.ts';
import { coverageConsoleLines, type OpenApiCoverage } from '../contract/openapi-coverage.ts';

export interface Selection {
  /** false when the run was narrowed (-g, OIDC_SUITES, a shard). */
  complete: boolean;
  shard?: { current: number; total: number };
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
  };
  harnessVersion: string;
  startedAt: string;
  durationMs: number;
  selection: Selection;
  /** Whether the run lets a release through, and why not (harness/run/gate.ts). */
  gate: GateVerdict;
  totals: Record<CheckStatus, number> & { checks: number; warnings: number; docsDrift: number };
  operations: Record<string, Record<CheckStatus, number> & { ran: number }>;
  checks: CheckRecord[];
  /** With OIDC_OPENAPI: per documented operation, what of the document the run never saw and what it saw undocumented. */
  openapiCoverage?: OpenApiCoverage;
}

const zero = () => Object.fromEntries(CHECK_STATUSES.map((s) => [s, 0])) as Record<CheckStatus, number>;

export function summarize(checks: CheckRecord[], meta: Omit<Summary, 'totals' | 'operations' | 'checks'>): Summary {
  const totals = { ...zero(), checks: checks.length, warnings: 0, docsDrift: 0 };
  const operations: Summary['operations'] = {};
  for (const c of checks) {
    totals[c.status]++;
    if (c.docs && c.status === 'warning') totals.docsDrift++;
    const op = (operations[c.operation] ??= { ...zero(), ran: 0 });
    op[c.status]++;
    if (c.status !== 'skipped' && c.status !== 'blocked') op.ran++;
  }
  totals.warnings = totals.warning - totals.docsDrift;
  const order = (c: CheckRecord) => `${c.operation} ${c.id} ${c.request}`;
  return { ...meta, totals, operations, checks: [...checks].sort((a, b) => order(a).localeCompare(order(b))) };
}

const COLUMNS: Array<[CheckStatus, string]> = [
  ['passed', 'passed'],
  ['failed', 'failed'],
  ['blocked', 'blocked'],
  ['warning', 'warned'],
  ['skipped', 'skipped'],
  ['known', 'known'],
  ['fixed', 'fixed'],
];

/** Items grouped by their reason, most frequent first: `count × reason` and the names on the next line. */
function grouped(items: Array<{ name: string; reason: string }>): string[] {
  const groups = new Map<string, string[]>();
  for (const { name, reason } of items) groups.set(reason, [...(groups.get(reason) ?? []), name]);
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([reason, names]) => `  ${String(names.length).padStart(3)} × ${reason}\n        ${[...new Set(names)].join(', ')}`);
}

const groupedReasons = (checks: CheckRecord[]) =>
  grouped(checks.map((c) => ({ name: c.id, reason: c.status === 'blocked' ? `blocked by ${c.blockedBy?.join(', ')}` : c.message })));

export function renderConsole(s: Summary): string {
  const rows = Object.entries(s.operations).sort(([a], [b]) => a.localeCompare(b));
  const w = Math.max(9, ...rows.map(([op]) => op.length));
  const head = `${'operation'.padEnd(w)}${COLUMNS.map(([, h]) => `  ${h.padStart(7)}`).join('')}`;
  const line = (name: string, c: Record<CheckStatus, number>) =>
    `${name.padEnd(w)}${COLUMNS.map(([k]) => `  ${String(c[k]).padStart(7)}`).join('')}`;
  const out = [
    '',
    `Conformance of ${s.target.baseUrl} (profile ${s.target.profile}${s.target.strict ? ', strict' : ''})`,
    head,
    '-'.repeat(head.length),
  ];
  for (const [op, c] of rows) out.push(line(op, c));
  out.push('-'.repeat(head.length), line('total', s.totals));

  const provider = s.checks.filter((c) => (c.status === 'failed' || c.status === 'warning' || c.status === 'fixed') && !c.docs);
  if (provider.length) {
    out.push('');
    for (const c of provider)
      out.push(
        `${c.status.toUpperCase().padEnd(7)} ${c.id} [${c.severity} ${c.specRef}] ${c.request}${c.cause && c.cause !== 'violation' ? ` (${c.cause})` : ''}: ${c.message}`,
      );
  }
  const drift = s.checks.filter((c) => c.docs && c.status === 'warning');
  if (drift.length) {
    out.push('', "Documentation drift (Ory's docs disagree with the provider; not a finding about the provider):");
    for (const c of drift) out.push(`  ${c.id} ${c.request}: ${c.message}`);
  }
  if (s.openapiCoverage) out.push('', ...coverageConsoleLines(s.openapiCoverage));
  const blocked = s.checks.filter((c) => c.status === 'blocked');
  if (blocked.length)
    out.push('', `Blocked (a precondition failed; the check named judges it): ${blocked.length}`, ...groupedReasons(blocked));
  const known = s.checks.filter((c) => c.status === 'known');
  if (known.length) out.push('', `Known deviations (baseline): ${[...new Set(known.map((c) => c.id))].join(', ')}`);
  const skipped = s.checks.filter((c) => c.status === 'skipped' && c.skip !== 'profile');
  if (skipped.length) out.push('', `Skipped, with the reason: ${skipped.length}`, ...groupedReasons(skipped));
  if (s.gate.notRun.length) {
    out.push(
      '',
      `Ran when the baseline was written, not now: ${s.gate.notRun.length}`,
      ...grouped(s.gate.notRun.map((n) => ({ name: n.check, reason: `${n.status}: ${n.reason}` }))),
    );
  }
  out.push('', `ran ${s.gate.must.ran} of ${s.gate.must.total} MUST checks`);
  out.push(s.gate.passed ? 'GATE: PASSED' : `GATE: FAILED — ${s.gate.reasons.join('; ')}`);
  return out.join('\n');
}

// reports/summary.json: the machine-readable verdict of a run, and its console rendering.
import type { CheckRecord, CheckStatus } from '../../checks/types.ts';

export interface Summary {
  target: { baseUrl: string; issuer: string; adminUrl?: string; profile: string; providerVersion?: string; strict: boolean; baseline?: string };
  harnessVersion: string;
  startedAt: string;
  durationMs: number;
  totals: Record<CheckStatus, number> & { checks: number; warnings: number };
  operations: Record<string, Record<CheckStatus, number> & { ran: number }>;
  checks: CheckRecord[];
}

const STATUSES: CheckStatus[] = ['passed', 'failed', 'warning', 'skipped', 'known', 'fixed'];
const zero = () => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<CheckStatus, number>;

export function summarize(checks: CheckRecord[], meta: Omit<Summary, 'totals' | 'operations' | 'checks'>): Summary {
  const totals = { ...zero(), checks: checks.length, warnings: 0 };
  const operations: Summary['operations'] = {};
  for (const c of checks) {
    totals[c.status]++;
    const op = (operations[c.operation] ??= { ...zero(), ran: 0 });
    op[c.status]++;
    if (c.status !== 'skipped') op.ran++;
  }
  totals.warnings = totals.warning;
  const order = (c: CheckRecord) => `${c.operation} ${c.id}`;
  return { ...meta, totals, operations, checks: [...checks].sort((a, b) => order(a).localeCompare(order(b))) };
}

/** Did the run pass? Failures fail it; warnings only under OIDC_STRICT (already turned into failures). */
export function runPassed(s: Summary): boolean {
  return s.totals.failed === 0;
}

export function renderConsole(s: Summary): string {
  const rows = Object.entries(s.operations).sort(([a], [b]) => a.localeCompare(b));
  const w = Math.max(9, ...rows.map(([op]) => op.length));
  const head = `${'operation'.padEnd(w)}  passed  failed  warned  skipped  known  fixed`;
  const line = (name: string, c: Record<CheckStatus, number>) =>
    `${name.padEnd(w)}  ${String(c.passed).padStart(6)}  ${String(c.failed).padStart(6)}  ${String(c.warning).padStart(6)}  ${String(c.skipped).padStart(7)}  ${String(c.known).padStart(5)}  ${String(c.fixed).padStart(5)}`;
  const out = ['', `Conformance of ${s.target.baseUrl} (profile ${s.target.profile}${s.target.strict ? ', strict' : ''})`, head, '-'.repeat(head.length)];
  for (const [op, c] of rows) out.push(line(op, c));
  out.push('-'.repeat(head.length), line('total', s.totals));
  const notable = s.checks.filter((c) => c.status === 'failed' || c.status === 'warning' || c.status === 'fixed');
  if (notable.length) {
    out.push('');
    for (const c of notable) out.push(`${c.status.toUpperCase().padEnd(7)} ${c.id} [${c.severity} ${c.specRef}] ${c.request}: ${c.message}`);
  }
  const known = s.checks.filter((c) => c.status === 'known');
  if (known.length) out.push('', `Known deviations (baseline): ${[...new Set(known.map((c) => c.id))].join(', ')}`);
  return out.join('\n');
}

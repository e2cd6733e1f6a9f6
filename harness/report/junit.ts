// reports/junit.xml from the summary, for CI systems: one testsuite per operation, one testcase per
// check and request. failed → <failure>; blocked → <error> (a precondition failed: counted apart from
// failures); skipped → <skipped>; warnings, known deviations and fixed checks pass, with the verdict in
// a property and the message in <system-out>.
import { writeFileSync } from 'node:fs';
import type { CheckRecord } from '../../checks/catalogue/types.ts';
import type { Summary } from './summary.ts';

const esc = (s: string) =>
  s
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    // XML 1.0 has no place for most control characters.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function testcase(c: CheckRecord): string {
  const name = esc(`${c.id} ${c.request}: ${c.rule}`);
  const props = [
    ['severity', c.severity],
    ['verdict', c.status],
    ['clause', c.specRef],
    ['cause', c.cause],
    ['finding', c.finding],
  ]
    .filter(([, v]) => v)
    .map(([k, v]) => `<property name="${k}" value="${esc(String(v))}"/>`)
    .join('');
  const detail = `[${c.severity} ${c.specRef}]${c.cause ? ` (${c.cause})` : ''} ${c.message}`;
  const body =
    c.status === 'failed'
      ? `<failure message="${esc(c.message)}" type="${c.cause ?? 'violation'}">${esc(detail)}</failure>`
      : c.status === 'blocked'
        ? `<error message="${esc(c.message)}" type="blocked">${esc(detail)}</error>`
        : c.status === 'skipped'
          ? `<skipped message="${esc(c.message)}"/>`
          : c.message
            ? `<system-out>${esc(`${c.status.toUpperCase()}: ${c.message}`)}</system-out>`
            : '';
  return `    <testcase classname="${esc(c.operation)}" name="${name}"><properties>${props}</properties>${body}</testcase>`;
}

export function renderJunit(s: Summary): string {
  const byOp = new Map<string, CheckRecord[]>();
  for (const c of s.checks) byOp.set(c.operation, [...(byOp.get(c.operation) ?? []), c]);
  const count = (cs: CheckRecord[], st: CheckRecord['status']) => cs.filter((c) => c.status === st).length;
  const suites = [...byOp.entries()].map(
    ([op, cs]) =>
      `  <testsuite name="${esc(op)}" tests="${cs.length}" failures="${count(cs, 'failed')}" errors="${count(cs, 'blocked')}" skipped="${count(cs, 'skipped')}">\n${cs.map(testcase).join('\n')}\n  </testsuite>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="OIDC conformance: ${esc(s.target.baseUrl)}" tests="${s.checks.length}" failures="${s.totals.failed}" errors="${s.totals.blocked}" skipped="${s.totals.skipped}" time="${(s.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

export function writeJunit(path: string, s: Summary): void {
  writeFileSync(path, renderJunit(s));
}

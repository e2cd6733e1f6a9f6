// reports/junit.xml from the summary, for CI systems: one testsuite per operation, one testcase per
// check and request. failed → <failure>; blocked → <error> (a precondition failed: counted apart from
// failures); skipped and excused → <skipped> (with the reason); warnings, known deviations and fixed checks
// pass, with the verdict in a property and the message in <system-out>. A last testsuite holds the gate: one
// testcase that fails when the gate failed and errs when it was not decided (an interrupted or partial run), so a
// CI system never reads a cut-off run as green.
import { writeFileSync } from 'node:fs';
import type { CheckRecord } from '../../checks/catalogue/types.ts';
import type { Summary } from './summary.ts';
import { gateLine } from '../run/gate.ts';

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
        : c.status === 'skipped' || c.status === 'excused'
          ? `<skipped message="${esc(`${c.status}: ${c.message}`)}"/>`
          : c.message
            ? `<system-out>${esc(`${c.status.toUpperCase()}: ${c.message}`)}</system-out>`
            : '';
  return `    <testcase classname="${esc(c.operation)}" name="${name}"><properties>${props}</properties>${body}</testcase>`;
}

function gateSuite(s: Summary): string {
  const line = gateLine(s.gate);
  const props = [
    ['verdict', s.gate.verdict],
    ['judges', s.gate.judges],
    ['interrupted', String(s.selection.interrupted)],
    ['complete', String(s.selection.complete)],
  ]
    .map(([k, v]) => `<property name="${k}" value="${esc(v!)}"/>`)
    .join('');
  const body =
    s.gate.verdict === 'failed'
      ? `<failure message="${esc(line)}" type="gate">${esc(line)}</failure>`
      : s.gate.verdict === 'not-decided'
        ? `<error message="${esc(line)}" type="${s.selection.interrupted ? 'interrupted' : 'partial'}">${esc(line)}</error>`
        : '';
  const failures = s.gate.verdict === 'failed' ? 1 : 0;
  const errors = s.gate.verdict === 'not-decided' ? 1 : 0;
  return `  <testsuite name="gate" tests="1" failures="${failures}" errors="${errors}" skipped="0"><properties>${props}</properties>\n    <testcase classname="gate" name="the conformance gate"><properties>${props}</properties>${body}</testcase>\n  </testsuite>`;
}

export function renderJunit(s: Summary): string {
  const byOp = new Map<string, CheckRecord[]>();
  for (const c of s.checks) byOp.set(c.operation, [...(byOp.get(c.operation) ?? []), c]);
  const count = (cs: CheckRecord[], ...st: Array<CheckRecord['status']>) => cs.filter((c) => st.includes(c.status)).length;
  const suites = [...byOp.entries()].map(
    ([op, cs]) =>
      `  <testsuite name="${esc(op)}" tests="${cs.length}" failures="${count(cs, 'failed')}" errors="${count(cs, 'blocked')}" skipped="${count(cs, 'skipped', 'excused')}">\n${cs.map(testcase).join('\n')}\n  </testsuite>`,
  );
  const all = s.checks;
  const gateFailed = s.gate.verdict === 'failed' ? 1 : 0;
  const gateErr = s.gate.verdict === 'not-decided' ? 1 : 0;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="OIDC conformance: ${esc(s.target.baseUrl)}" tests="${all.length + 1}" failures="${count(all, 'failed') + gateFailed}" errors="${count(all, 'blocked') + gateErr}" skipped="${count(all, 'skipped', 'excused')}" time="${(s.durationMs / 1000).toFixed(3)}">\n${[...suites, gateSuite(s)].join('\n')}\n</testsuites>\n`;
}

export function writeJunit(path: string, s: Summary): void {
  writeFileSync(path, renderJunit(s));
}

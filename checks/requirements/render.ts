// Renders docs/coverage.md from the clause matrix and the catalogue: same data, same bytes (no dates,
// fixed orders). bin/coverage.ts writes it; selftest/coverage.spec.ts holds the committed file to it.
import { ALL_CHECKS } from '../catalogue/index.ts';
import type { CheckDef, Severity } from '../catalogue/types.ts';
import { OPERATIONS } from '../catalogue/operations.ts';
import { STANDARDS } from './index.ts';
import { KIND_LABEL, NOT_CHECKED_KINDS, isChecked, type NotCheckedKind, type Requirement, type Standard } from './types.ts';

export const COVERAGE_FILE = 'docs/coverage.md';

/** The eight operations, then the token endpoint they rest on; anything else after, by name. */
const OPERATION_ORDER: readonly string[] = OPERATIONS;
const byOperation = (a: string, b: string) => {
  const ia = OPERATION_ORDER.indexOf(a);
  const ib = OPERATION_ORDER.indexOf(b);
  if (ia !== ib) return (ia < 0 ? OPERATION_ORDER.length : ia) - (ib < 0 ? OPERATION_ORDER.length : ib);
  return a < b ? -1 : a > b ? 1 : 0;
};
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\*/g, '\\*')
    .replace(/\s*\n\s*/g, ' ');
}

const checkRef = (id: string) => `\`${id}\``;

export interface StandardStats {
  standard: Standard;
  requirements: number;
  must: { checked: number; total: number };
  should: { checked: number; total: number };
  notChecked: Record<NotCheckedKind, number>;
}

function statsOf(standard: Standard): StandardStats {
  const all = standard.sections.flatMap((s) => s.requirements);
  const level = (l: Requirement['level']) => {
    const of = all.filter((r) => r.level === l);
    return { checked: of.filter(isChecked).length, total: of.length };
  };
  const notChecked = Object.fromEntries(NOT_CHECKED_KINDS.map((k) => [k, all.filter((r) => r.notChecked?.kind === k).length])) as Record<
    NotCheckedKind,
    number
  >;
  return { standard, requirements: all.length, must: level('MUST'), should: level('SHOULD'), notChecked };
}

export function coverageStats(): { standards: StandardStats[]; total: Omit<StandardStats, 'standard'> } {
  const standards = STANDARDS.map(statsOf);
  const sum = (f: (s: StandardStats) => number) => standards.reduce((n, s) => n + f(s), 0);
  return {
    standards,
    total: {
      requirements: sum((s) => s.requirements),
      must: { checked: sum((s) => s.must.checked), total: sum((s) => s.must.total) },
      should: { checked: sum((s) => s.should.checked), total: sum((s) => s.should.total) },
      notChecked: Object.fromEntries(NOT_CHECKED_KINDS.map((k) => [k, sum((s) => s.notChecked[k])])) as Record<NotCheckedKind, number>,
    },
  };
}

function judgedBy(r: Requirement): string {
  if (isChecked(r)) return r.checks.map(checkRef).join(', ');
  return `not checked — ${KIND_LABEL[r.notChecked!.kind]}: ${cell(r.notChecked!.reason)}`;
}

const KIND_HEADER: Record<NotCheckedKind, string> = {
  gap: 'gap',
  client: 'client/RP',
  'out-of-scope': 'out of scope',
  'second-party': 'second party',
  'not-observable': 'not observable',
};

function summary(): string[] {
  const { standards, total } = coverageStats();
  const row = (name: string, s: Omit<StandardStats, 'standard'>) =>
    `| ${name} | ${s.requirements} | ${s.must.checked} / ${s.must.total} | ${s.should.checked} / ${s.should.total} | ${NOT_CHECKED_KINDS.map((k) => s.notChecked[k]).join(' | ')} |`;
  return [
    '## Summary',
    '',
    'Checked: at least one check judges the requirement. The last five columns count the requirements no check judges, by kind.',
    '',
    `| standard | requirements | MUST checked | SHOULD checked | ${NOT_CHECKED_KINDS.map((k) => KIND_HEADER[k]).join(' | ')} |`,
    `|---|---:|---:|---:|${NOT_CHECKED_KINDS.map(() => '---:').join('|')}|`,
    ...standards.map((s) => row(`[${s.standard.short}](#${anchorOf(s.standard)})`, s)),
    row('**all**', total),
    '',
  ];
}

/** GitHub's heading anchor of a standard's section heading. */
function anchorOf(s: Standard): string {
  return s.name
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

function gaps(): string[] {
  const rows = STANDARDS.flatMap((s) =>
    s.sections.flatMap((sec) => sec.requirements.filter((r) => r.notChecked?.kind === 'gap').map((r) => ({ r, s, sec }))),
  );
  const ordered = [...rows.filter((x) => x.r.level === 'MUST'), ...rows.filter((x) => x.r.level === 'SHOULD')];
  return [
    '## Gaps',
    '',
    'What the provider must or should do, could be judged from outside, and no check judges yet: MUST first, then SHOULD, each in the order of the standards below. The next check to write is one of these.',
    '',
    '| level | standard | section | requirement | what a check would do |',
    '|---|---|---|---|---|',
    ...ordered.map(
      ({ r, s, sec }) =>
        `| ${r.level} | ${s.short} | [${sec.section}](${r.url ?? sec.url}) | ${cell(r.text)} | ${cell(r.notChecked!.reason)} |`,
    ),
    '',
  ];
}

function standardBody(s: Standard): string[] {
  const st = statsOf(s);
  const out = [
    `## ${s.name}`,
    '',
    `[${s.url.replace(/^https:\/\//, '')}](${s.url}), ${s.edition}. MUST ${st.must.checked} / ${st.must.total} checked, SHOULD ${st.should.checked} / ${st.should.total}.`,
    '',
  ];
  for (const sec of s.sections) {
    out.push(
      `### ${sec.section} ${sec.title}`,
      '',
      `[${sec.url.replace(/^https:\/\//, '')}](${sec.url})`,
      '',
      '| level | requirement | judged by |',
      '|---|---|---|',
    );
    for (const r of sec.requirements) out.push(`| ${r.level} | ${cell(r.text)} | ${judgedBy(r)} |`);
    out.push('');
  }
  return out;
}

interface OryEntry {
  id: string;
  operation: string;
  request: string;
  severity: Severity;
  rule: string;
  docs: boolean;
}

/** Ory's documented contract: every ORY check (and documentation drift), and those ORY only in the ory profile. */
function oryEntries(): OryEntry[] {
  const isOry = (c: CheckDef) => c.severity === 'ORY' || c.orySeverity === 'ORY' || c.docs === true;
  const seen = new Set<string>();
  const out: OryEntry[] = [];
  for (const c of ALL_CHECKS.filter(isOry)) {
    const key = `${c.operation} ${c.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ id: c.id, operation: c.operation, request: c.request, severity: c.severity, rule: c.rule, docs: c.docs === true });
  }
  return out.sort((a, b) => byOperation(a.operation, b.operation) || byString(a.id, b.id));
}

function oryContract(): string[] {
  const where = new Map<string, string[]>();
  for (const s of STANDARDS)
    for (const sec of s.sections)
      for (const r of sec.requirements)
        for (const id of r.checks ?? []) {
          const at = `${s.short} ${sec.section}`;
          const list = where.get(id) ?? [];
          if (!list.includes(at)) list.push(at);
          where.set(id, list);
        }
  const entries = oryEntries();
  const out = [
    "## Ory's documented contract",
    '',
    "The checks of Ory's API reference rather than of a standard (severity ORY: by default only in the `ory` profile), the SHOULD checks Ory's contract makes binding (`orySeverity: ORY`), and the documentation-drift checks (`docs: true`: Ory's docs against the provider, reported apart, never a finding). They are listed here by operation; the last column names the requirements above that a check also judges.",
    '',
  ];
  for (const op of [...new Set(entries.map((e) => e.operation))]) {
    out.push(`### ${op}`, '', '| check | kind | rule | also under |', '|---|---|---|---|');
    for (const e of entries.filter((x) => x.operation === op)) {
      const kind = e.docs ? 'documentation drift' : e.severity === 'ORY' ? 'ORY' : `${e.severity}, ORY in the ory profile`;
      out.push(`| ${checkRef(e.id)} | ${kind} | ${cell(e.rule)} | ${(where.get(e.id) ?? []).join(', ') || '—'} |`);
    }
    out.push('');
  }
  return out;
}

function intro(): string[] {
  const { total } = coverageStats();
  return [
    '# The clause matrix',
    '',
    '<!-- Generated by `npm run coverage` from checks/requirements/ and checks/catalogue/. Do not edit by hand: edit the data and regenerate. -->',
    '',
    "What the standards require of Ory's OpenID Connect API, and which checks judge it. For each standard, the sections that bear on the eight operations (dynamic client registration create, read, replace and delete; discovery; userinfo; RP-initiated, front- and back-channel logout; verifiable credentials) and on the token endpoint and ID tokens they rest on, list their normative requirements: MUST (MUST, MUST NOT, REQUIRED, SHALL) and SHOULD (SHOULD, SHOULD NOT, RECOMMENDED). Each names the checks that judge it, or says why none does. The next gap is found by reading [Gaps](#gaps).",
    '',
    `${total.requirements} requirements: MUST ${total.must.checked} / ${total.must.total} checked, SHOULD ${total.should.checked} / ${total.should.total} checked.`,
    '',
    '- **Regenerate** after changing a check or a requirement: `npm run coverage`. `npm run coverage -- --check` exits 1 when this file is not what the data says (`npm test` holds it to that too).',
    '- **The data**: one file per group of standards in `checks/requirements/`. A requirement is a short paraphrase of one normative sentence, quoting its keyword. "(declarative)" marks a sentence that says what the server does without a keyword ("the server returns …"); the harness judges it as a MUST.',
    '- **Checks** are the ids of `checks/catalogue/`.',
    `- **Not checked**, by kind: ${NOT_CHECKED_KINDS.map((k) => `*${KIND_LABEL[k]}*`).join('; ')}. A gap is a requirement of the provider that a check could judge from outside and none does yet.`,
    '',
  ];
}

export function renderCoverage(): string {
  const lines = [...intro(), ...summary(), ...gaps(), ...STANDARDS.flatMap(standardBody), ...oryContract()];
  while (lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

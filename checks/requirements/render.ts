// Renders docs/coverage.md from the clause matrix and the catalogue: same data, same bytes (no dates,
// fixed orders). bin/coverage.ts writes it; selftest/coverage.spec.ts holds the committed file to it.
import { ALL_CHECKS } from '../catalogue/index.ts';
import type { CheckDef, Severity } from '../catalogue/types.ts';
import { OPERATIONS } from '../catalogue/operations.ts';
import { STANDARDS } from './index.ts';
import { proofOf, type DefectCatalogue } from './proof.ts';
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
  must: LevelStats;
  should: LevelStats;
  notChecked: Record<NotCheckedKind, number>;
}

/** checked: rows that name checks; proved: those of them that name a defect (all, or the generator refused). */
interface LevelStats {
  checked: number;
  proved: number;
  total: number;
}

function statsOf(standard: Standard, defects: DefectCatalogue): StandardStats {
  const all = standard.sections.flatMap((s) => s.requirements);
  const level = (l: Requirement['level']): LevelStats => {
    const of = all.filter((r) => r.level === l);
    const checked = of.filter(isChecked);
    return { checked: checked.length, proved: checked.filter((r) => proofOf(r, defects).length > 0).length, total: of.length };
  };
  const notChecked = Object.fromEntries(NOT_CHECKED_KINDS.map((k) => [k, all.filter((r) => r.notChecked?.kind === k).length])) as Record<
    NotCheckedKind,
    number
  >;
  return { standard, requirements: all.length, must: level('MUST'), should: level('SHOULD'), notChecked };
}

export function coverageStats(defects: DefectCatalogue): { standards: StandardStats[]; total: Omit<StandardStats, 'standard'> } {
  const standards = STANDARDS.map((s) => statsOf(s, defects));
  const sum = (f: (s: StandardStats) => number) => standards.reduce((n, s) => n + f(s), 0);
  const level = (l: 'must' | 'should'): LevelStats => ({
    checked: sum((s) => s[l].checked),
    proved: sum((s) => s[l].proved),
    total: sum((s) => s[l].total),
  });
  return {
    standards,
    total: {
      requirements: sum((s) => s.requirements),
      must: level('must'),
      should: level('should'),
      notChecked: Object.fromEntries(NOT_CHECKED_KINDS.map((k) => [k, sum((s) => s.notChecked[k])])) as Record<NotCheckedKind, number>,
    },
  };
}

function judgedBy(r: Requirement): string {
  if (isChecked(r)) return `${r.checks.map(checkRef).join(', ')}${r.request ? ` on \`${r.request}\`` : ''}`;
  const nc = r.notChecked!;
  const by = nc.checks?.length ? ` (judged by ${nc.checks.map(checkRef).join(', ')})` : '';
  return `not checked — ${KIND_LABEL[nc.kind]}: ${cell(nc.reason)}${by}`;
}

const provedBy = (r: Requirement, defects: DefectCatalogue) => (isChecked(r) ? proofOf(r, defects).map(checkRef).join(', ') : '—');

const KIND_HEADER: Record<NotCheckedKind, string> = {
  gap: 'gap',
  unproved: 'unproved',
  client: 'client/RP',
  'out-of-scope': 'out of scope',
  'second-party': 'second party',
  'not-observable': 'not observable',
};

function summary(defects: DefectCatalogue): string[] {
  const { standards, total } = coverageStats(defects);
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

/** The requirements of one kind and level, in the order of the standards. */
function rowsOf(kind: NotCheckedKind, level: Requirement['level']) {
  return STANDARDS.flatMap((s) =>
    s.sections.flatMap((sec) =>
      sec.requirements.filter((r) => r.notChecked?.kind === kind && r.level === level).map((r) => ({ r, s, sec })),
    ),
  );
}

function listOf(kind: NotCheckedKind, title: string, intro: string, last: string): string[] {
  const ordered = [...rowsOf(kind, 'MUST'), ...rowsOf(kind, 'SHOULD')];
  return [
    `## ${title}`,
    '',
    intro,
    '',
    `| level | standard | section | requirement | ${last} |`,
    '|---|---|---|---|---|',
    ...ordered.map(({ r, s, sec }) => {
      const nc = r.notChecked!;
      const by = nc.checks?.length ? ` (${nc.checks.map(checkRef).join(', ')})` : '';
      return `| ${r.level} | ${s.short} | [${sec.section}](${r.url ?? sec.url}) | ${cell(r.text)} | ${cell(nc.reason)}${by} |`;
    }),
    '',
  ];
}

function gaps(): string[] {
  return [
    ...listOf(
      'gap',
      'Gaps',
      'What the provider must or should do, could be judged from outside, and no check judges yet: MUST first, then SHOULD, each in the order of the standards below. The next check to write is one of these; where a check could not be shown failing on this deployment, the row says what it lacks.',
      'what a check would do',
    ),
    ...listOf(
      'unproved',
      'Judged, not proved',
      'Requirements that checks judge but that no reference defect breaks: the matrix does not claim them until a defect shows the check failing for this sentence. The next defect to write is one of these.',
      'what a defect would do (the checks that judge it)',
    ),
  ];
}

function standardBody(s: Standard, defects: DefectCatalogue): string[] {
  const st = statsOf(s, defects);
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
      '| level | requirement | judged by | proved by (reference defects) |',
      '|---|---|---|---|',
    );
    for (const r of sec.requirements) out.push(`| ${r.level} | ${cell(r.text)} | ${judgedBy(r)} | ${provedBy(r, defects)} |`);
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

function intro(defects: DefectCatalogue): string[] {
  const { total } = coverageStats(defects);
  return [
    '# The clause matrix',
    '',
    '<!-- Generated by `npm run coverage` from checks/requirements/ and checks/catalogue/. Do not edit by hand: edit the data and regenerate. -->',
    '',
    "What the standards require of Ory's OpenID Connect API, and which checks judge it. For each standard, the sections that bear on the eight operations (dynamic client registration create, read, replace and delete; discovery; userinfo; RP-initiated, front- and back-channel logout; verifiable credentials) and on the token endpoint and ID tokens they rest on, list their normative requirements: MUST (MUST, MUST NOT, REQUIRED, SHALL) and SHOULD (SHOULD, SHOULD NOT, RECOMMENDED). Each names the checks that judge it, or says why none does. The next gap is found by reading [Gaps](#gaps), the next defect to write by reading [Judged, not proved](#judged-not-proved).",
    '',
    `${total.requirements} requirements: MUST ${total.must.checked} / ${total.must.total} checked (${total.must.proved} of them naming the defects that prove them), SHOULD ${total.should.checked} / ${total.should.total} checked (${total.should.proved} naming their defects); ${total.notChecked.gap} gaps (${rowsOf('gap', 'MUST').length} of them MUST), ${total.notChecked.unproved} judged but not proved (${rowsOf('unproved', 'MUST').length} MUST).`,
    '',
    '- **Regenerate** after changing a check or a requirement: `npm run coverage`. `npm run coverage -- --check` exits 1 when this file is not what the data says (`npm test` holds it to that too).',
    '- **The data**: one file per group of standards in `checks/requirements/`. A requirement is a short paraphrase of one normative sentence, quoting its keyword. "(declarative)" marks a sentence that says what the server does without a keyword ("the server returns …"); the harness judges it as a MUST.',
    '- **Checks** are the ids of `checks/catalogue/`.',
    "- **Proved by**: the reference defects (`targets/reference/*.defects.ts`) that break the sentence and that its checks catch (`npm run mutation` shows each one caught). A row names them when only some of its checks' defects break it; otherwise they are every defect its checks catch. `npm run coverage` refuses a checked row that no defect proves, one line per row: such a row claims what nothing shows.",
    `- **Not checked**, by kind: ${NOT_CHECKED_KINDS.map((k) => `*${KIND_LABEL[k]}*`).join('; ')}. A gap is a requirement of the provider that a check could judge from outside and none does yet; each says what a check would do, or what this deployment lacks for one to be shown failing.`,
    '',
  ];
}

/** docs/coverage.md, its proofs read from `defects` (bin/coverage.ts refuses first when a checked row has none). */
export function renderCoverage(defects: DefectCatalogue): string {
  const lines = [
    ...intro(defects),
    ...summary(defects),
    ...gaps(),
    ...STANDARDS.flatMap((s) => standardBody(s, defects)),
    ...oryContract(),
  ];
  while (lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

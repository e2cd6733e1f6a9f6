// Renders docs/oidf-modules.md from checks/oidf/modules.ts and the defect catalogue: same data, same bytes. A module
// is covered only when each check it names is proved able to fail by a reference defect that breaks what the module
// tests; moduleProblems lists the claims that are not (bin/coverage.ts refuses them, selftest/coverage.spec.ts too).
import { ALL_CHECKS, ALL_CHECK_IDS } from '../catalogue/index.ts';
import type { DefectCatalogue } from '../requirements/proof.ts';
import { MODULES, SUITE, type OidfModule } from './modules.ts';
import { PLANS, PLAN_NAMES, type PlanName } from './plans.ts';

export const MODULES_FILE = 'docs/oidf-modules.md';

export type ModuleStatus = 'covered' | 'partly' | 'not covered';

const requestsOf = (m: OidfModule, id: string) => m.requests?.[id];

/** The defects that prove one check of a module (on the requests the module names, when it names some). */
function proofOfCheck(m: OidfModule, id: string, defects: DefectCatalogue): string[] {
  const requests = requestsOf(m, id);
  return Object.keys(defects)
    .filter((d) => (!m.defects || m.defects.includes(d)) && defects[d]!.catches === id)
    .filter((d) => !requests || !defects[d]!.request || requests.includes(defects[d]!.request!))
    .sort();
}

/** Each proved check of a module with the defects that prove it. */
export function moduleProof(m: OidfModule, defects: DefectCatalogue): Array<[string, string[]]> {
  return m.checks.filter((id) => !m.unproved?.includes(id)).map((id) => [id, proofOfCheck(m, id, defects)]);
}

/** covered: every check proved and nothing left out; partly: some check proved, something left out; else not covered. */
export function statusOf(m: OidfModule): ModuleStatus {
  if (!m.checks.some((id) => !m.unproved?.includes(id))) return 'not covered';
  return m.reason || m.unproved?.length ? 'partly' : 'covered';
}

/** One line per module whose claim nothing proves, or whose data is wrong. */
export function moduleProblems(defects: DefectCatalogue, modules: Readonly<Record<string, OidfModule>> = MODULES): string[] {
  const out: string[] = [];
  for (const [name, m] of Object.entries(modules)) {
    const at = `OIDF module ${name}`;
    if (!m.plans.length) out.push(`${at}: belongs to no plan`);
    if (!m.checks.length && !m.reason?.trim()) out.push(`${at}: names no check and gives no reason`);
    for (const id of m.checks) if (!ALL_CHECK_IDS.has(id)) out.push(`${at}: ${id} is not a check id of the catalogue`);
    for (const id of m.unproved ?? [])
      if (!m.checks.includes(id)) out.push(`${at}: ${id} is listed as unproved but is not one of its checks`);
    if (m.unproved?.length && !m.reason?.trim()) out.push(`${at}: ${m.unproved.join(', ')} unproved, and no reason says why`);
    for (const [id, requests] of Object.entries(m.requests ?? {})) {
      const known = ALL_CHECKS.filter((c) => c.id === id).map((c) => c.request);
      for (const r of requests) if (!known.includes(r)) out.push(`${at}: ${id} does not judge ${r}`);
    }
    for (const d of m.defects ?? []) {
      if (!defects[d]) out.push(`${at}: names the defect ${d}, which is not in the defect catalogue`);
      else if (!m.checks.includes(defects[d]!.catches))
        out.push(`${at}: names the defect ${d}, which ${defects[d]!.catches} catches, not one of its checks`);
    }
    for (const [id, proof] of moduleProof(m, defects))
      if (!proof.length && ALL_CHECK_IDS.has(id))
        out.push(
          `${at}: ${id}${requestsOf(m, id) ? ` (${requestsOf(m, id)!.join(', ')})` : ''} is proved by no reference defect that breaks what the module tests`,
        );
  }
  return out;
}

export interface ModuleStats {
  modules: number;
  covered: number;
  partly: number;
  notCovered: number;
  perPlan: Array<{ plan: PlanName; modules: number; covered: number; partly: number; notCovered: number }>;
}

function countOf(list: OidfModule[]) {
  return {
    modules: list.length,
    covered: list.filter((m) => statusOf(m) === 'covered').length,
    partly: list.filter((m) => statusOf(m) === 'partly').length,
    notCovered: list.filter((m) => statusOf(m) === 'not covered').length,
  };
}

/** A module's status is decided by its data: the generator has refused, before, whatever no defect proves. */
export function moduleStats(): ModuleStats {
  const all = Object.values(MODULES);
  return {
    ...countOf(all),
    perPlan: PLAN_NAMES.map((plan) => ({ plan, ...countOf(all.filter((m) => m.plans.includes(plan))) })),
  };
}

/** Text safe inside a Markdown table cell. */
const cell = (text: string) =>
  text
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ');
const code = (s: string) => `\`${s}\``;

function checksCell(m: OidfModule): string {
  if (!m.checks.length) return '—';
  return m.checks
    .map((id) => {
      const requests = requestsOf(m, id);
      const unproved = m.unproved?.includes(id) ? ' (unproved)' : '';
      return `${code(id)}${requests ? ` on ${requests.map(code).join(', ')}` : ''}${unproved}`;
    })
    .join(', ');
}

function proofCell(m: OidfModule, defects: DefectCatalogue): string {
  const proof = moduleProof(m, defects);
  return proof.length ? [...new Set(proof.flatMap(([, d]) => d))].map(code).join(', ') : '—';
}

function statusCell(m: OidfModule): string {
  const status = statusOf(m);
  return status === 'covered' ? 'covered' : `${status}: ${cell(m.reason ?? '')}`;
}

function planSection(plan: PlanName, defects: DefectCatalogue): string[] {
  const entries = Object.entries(MODULES).filter(([, m]) => m.plans.includes(plan));
  const c = countOf(entries.map(([, m]) => m));
  return [
    `## ${plan}: ${PLANS[plan]}`,
    '',
    `${c.modules} module${c.modules === 1 ? '' : 's'}: ${c.covered} covered, ${c.partly} partly, ${c.notCovered} not covered. \`--plan ${plan}\` runs the checks named here.`,
    '',
    '| module | what it judges | checks | proved by (reference defects) | status |',
    '|---|---|---|---|---|',
    ...entries.map(([name, m]) => `| ${code(name)} | ${cell(m.judges)} | ${checksCell(m)} | ${proofCell(m, defects)} | ${statusCell(m)} |`),
    '',
  ];
}

function screenshots(): string[] {
  const entries = Object.entries(MODULES).filter(([, m]) => m.screenshot);
  return [
    '## Where the suite asks a person for a screenshot',
    '',
    'These modules end in REVIEW: the suite waits for a person to upload a screenshot of a page of the provider. The harness judges the same thing from the HTTP answers and the browser it drives, without a person:',
    '',
    '| module | how the harness judges it |',
    '|---|---|',
    ...entries.map(([name, m]) => `| ${code(name)} | ${cell(m.screenshot!)} |`),
    '',
  ];
}

export function renderModules(defects: DefectCatalogue): string {
  const s = moduleStats();
  const lines = [
    "# The OpenID Foundation's OP test modules, and the checks that judge them",
    '',
    '<!-- Generated by `npm run coverage` from checks/oidf/modules.ts, checks/catalogue/ and the reference defects. Do not edit by hand: edit the data and regenerate. -->',
    '',
    `Every module of the OpenID Foundation conformance suite's plans that bear on Ory's OpenID Connect API (module names from each module's \`@PublishTestModule\` testName; plans as in ${SUITE.where}), with the checks of this harness that judge what it judges, or why none does. A module is **covered** when it names checks and each of them is proved able to fail by a reference defect that breaks what the module tests (\`npm run mutation\` shows each one caught); **partly** when the checks are proved but the module also judges something they do not (the status says what); **not covered** when no check judges it (the status says why). \`npm run coverage\` refuses a module that names a check no defect proves.`,
    '',
    `${s.modules} modules: ${s.covered} covered, ${s.partly} partly, ${s.notCovered} not covered.`,
    '',
    '| plan | `--plan` | modules | covered | partly | not covered |',
    '|---|---|---:|---:|---:|---:|',
    ...s.perPlan.map((p) => `| ${PLANS[p.plan]} | ${code(p.plan)} | ${p.modules} | ${p.covered} | ${p.partly} | ${p.notCovered} |`),
    '',
    "**This is not a certification.** A `--plan` run judges the checks that map to the plan, on this harness's reading of the standards; only the OpenID Foundation certifies, with its own suite run against a deployment it can reach, and its own review. See the README for what a team still needs the suite for.",
    '',
    ...PLAN_NAMES.flatMap((p) => planSection(p, defects)),
    ...screenshots(),
  ];
  while (lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

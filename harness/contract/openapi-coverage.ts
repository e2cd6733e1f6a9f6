// Coverage of the provider's own OpenAPI document (OIDC_OPENAPI) by what a run saw (reports/contract.json): per
// documented operation, the documented statuses no check ever saw, the documented response members never seen, and
// the members seen that the document does not declare. A contract request (`PUT /oauth2/register/{id}`, templated by
// harness/contract/operations.ts) is matched to the document's operation (`PUT /oauth2/register/{client_id}`)
// through OpenApiContract, as every response is judged. Deterministic: every list is sorted, nothing depends on the
// order in which exchanges came.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Contract, StatusShape } from './contract.ts';
import { maskText } from '../secrets/mask.ts';
import {
  byResponseKey,
  joinSteps,
  loadOpenApi,
  responseKeyFor,
  splitSteps,
  type DeclaredMembers,
  type OpenApiContract,
} from '../schema/openapi.ts';

export interface OperationCoverage {
  /** `METHOD /template` as the document writes the path. */
  operation: string;
  operationId?: string;
  /** The contract's requests (harness/contract/operations.ts templates) that this operation answered. */
  observedAs: string[];
  /** Statuses the run saw for it. */
  statusesSeen: string[];
  /** Documented response keys (`201`, `4XX`, `default`) that no status of the run fell under. */
  statusesNeverSeen: string[];
  /**
   * Per documented response key that the run saw: documented members of its JSON schema never seen (a member under
   * one never seen is not listed again; writeOnly members are not expected in a response and not listed).
   */
  membersNeverSeen: Record<string, string[]>;
  /** Per documented response key that the run saw: members seen that its JSON schema does not declare (the outermost only). */
  membersNotDocumented: Record<string, string[]>;
}

export interface OpenApiCoverage {
  /** OIDC_OPENAPI as given (secrets masked). */
  document: string;
  /** Set when the document could not be read at the end of the run (then `operations` is empty). */
  error?: string;
  operations: OperationCoverage[];
  totals: { operations: number; exercised: number; statusesNeverSeen: number; membersNeverSeen: number; membersNotDocumented: number };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whether a declared member path (with `{key}` for any name of a map) names a seen one. */
function names(declared: string[], seen: string[]): boolean {
  return declared.length === seen.length && declared.every((d, i) => d === seen[i] || (d === '{key}' && seen[i] !== '[]'));
}

/** Whether a seen member lies below an open path (where the document allows anything). */
function below(open: string[], seen: string[]): boolean {
  return seen.length > open.length && names(open, seen.slice(0, open.length));
}

/** Compare one documented response schema with the members the run saw under it. */
export function compareMembers(declared: DeclaredMembers, seenPaths: string[]): { neverSeen: string[]; notDocumented: string[] } {
  const seen = seenPaths.map(splitSteps);
  const all = [...declared.paths, ...declared.writeOnly].map(splitSteps);
  const open = declared.open.map((p) => (p === '' ? [] : splitSteps(p)));
  const missing = declared.paths.filter((p) => !seen.some((s) => names(splitSteps(p), s)));
  const missingSet = new Set(missing);
  const neverSeen = missing.filter((p) => {
    const steps = splitSteps(p);
    for (let i = steps.length - 1; i > 0; i--) if (missingSet.has(joinSteps(steps.slice(0, i)))) return false;
    return true;
  });
  const undocumented = seenPaths.filter((p, i) => !all.some((d) => names(d, seen[i]!)) && !open.some((o) => below(o, seen[i]!)));
  const undocumentedSet = new Set(undocumented);
  const notDocumented = undocumented.filter((p) => {
    const steps = splitSteps(p);
    for (let i = steps.length - 1; i > 0; i--) if (undocumentedSet.has(joinSteps(steps.slice(0, i)))) return false;
    return true;
  });
  return { neverSeen: neverSeen.sort(byText), notDocumented: notDocumented.sort(byText) };
}

/** The document's coverage by the observed contract of a run. */
export function openApiCoverage(doc: OpenApiContract, contract: Contract, document: string): OpenApiCoverage {
  // What the run saw, per documented operation and status.
  const seen = new Map<string, { requests: Set<string>; statuses: Map<number, StatusShape[]> }>();
  for (const requests of Object.values(contract.operations)) {
    for (const [request, entry] of Object.entries(requests)) {
      if (!entry.responses) continue;
      const space = request.indexOf(' ');
      const method = request.slice(0, space);
      const path = request.slice(space + 1);
      if (!path.startsWith('/')) continue;
      const op = doc.operationFor(method, path);
      if (!op) continue;
      const slot = seen.get(op.operation) ?? seen.set(op.operation, { requests: new Set(), statuses: new Map() }).get(op.operation)!;
      slot.requests.add(request);
      for (const [status, shape] of Object.entries(entry.responses)) {
        const code = Number(status);
        slot.statuses.set(code, [...(slot.statuses.get(code) ?? []), shape]);
      }
    }
  }
  const operations = doc.operations().map((op): OperationCoverage => {
    const observed = seen.get(op.operation);
    const documented = doc.documentedResponses(op.method, op.template);
    const keys = documented.map((d) => d.key);
    const statuses = [...(observed?.statuses.keys() ?? [])].sort((a, b) => a - b);
    const membersByKey = new Map<string, Set<string>>();
    for (const code of statuses) {
      const key = responseKeyFor(keys, code);
      if (!key) continue; // an undocumented status is OAS-STATUS-DOCUMENTED's finding
      const members = membersByKey.get(key) ?? membersByKey.set(key, new Set()).get(key)!;
      for (const shape of observed!.statuses.get(code)!) for (const m of Object.keys(shape.members)) members.add(m);
    }
    const membersNeverSeen: Record<string, string[]> = {};
    const membersNotDocumented: Record<string, string[]> = {};
    for (const d of documented) {
      const members = membersByKey.get(d.key);
      if (!members || !d.members) continue;
      const { neverSeen, notDocumented } = compareMembers(d.members, [...members].sort(byText));
      if (neverSeen.length) membersNeverSeen[d.key] = neverSeen;
      if (notDocumented.length) membersNotDocumented[d.key] = notDocumented;
    }
    return {
      operation: op.operation,
      ...(op.operationId ? { operationId: op.operationId } : {}),
      observedAs: [...(observed?.requests ?? [])].sort(byText),
      statusesSeen: statuses.map(String),
      statusesNeverSeen: keys.filter((k) => !membersByKey.has(k)).sort(byResponseKey),
      membersNeverSeen,
      membersNotDocumented,
    };
  });
  const count = (f: (o: OperationCoverage) => number) => operations.reduce((n, o) => n + f(o), 0);
  const listed = (r: Record<string, string[]>) => Object.values(r).reduce((n, l) => n + l.length, 0);
  return {
    document: maskText(document),
    operations,
    totals: {
      operations: operations.length,
      exercised: count((o) => (o.statusesSeen.length ? 1 : 0)),
      statusesNeverSeen: count((o) => o.statusesNeverSeen.length),
      membersNeverSeen: count((o) => listed(o.membersNeverSeen)),
      membersNotDocumented: count((o) => listed(o.membersNotDocumented)),
    },
  };
}

/** Load OIDC_OPENAPI again at the end of the run and compare; a document that cannot be read is said, never thrown. */
export async function openApiCoverageOf(location: string, timeoutMs: number, contract: Contract): Promise<OpenApiCoverage> {
  try {
    return openApiCoverage(await loadOpenApi(location, timeoutMs), contract, location);
  } catch (e) {
    return {
      document: maskText(location),
      error: maskText((e as Error).message.split('\n')[0]!),
      operations: [],
      totals: { operations: 0, exercised: 0, statusesNeverSeen: 0, membersNeverSeen: 0, membersNotDocumented: 0 },
    };
  }
}

const MAX_LISTED = 8;
const some = (xs: string[]) =>
  xs.length > MAX_LISTED ? `${xs.slice(0, MAX_LISTED).join(', ')} (+${xs.length - MAX_LISTED} more)` : xs.join(', ');
const perKey = (r: Record<string, string[]>) =>
  Object.keys(r)
    .sort(byResponseKey)
    .map((k) => `${k}: ${some(r[k]!)}`)
    .join('; ');

/** What one operation lacks, as short phrases (none: the run covered what the document says of it). */
export function gapsOf(o: OperationCoverage): string[] {
  return [
    ...(o.statusesNeverSeen.length ? [`statuses never seen ${o.statusesNeverSeen.join(', ')}`] : []),
    ...(Object.keys(o.membersNeverSeen).length ? [`members never seen (${perKey(o.membersNeverSeen)})`] : []),
    ...(Object.keys(o.membersNotDocumented).length ? [`members seen, not documented (${perKey(o.membersNotDocumented)})`] : []),
  ];
}

/** The console section: one headline and one line per operation with something to say. */
export function coverageConsoleLines(c: OpenApiCoverage): string[] {
  if (c.error) return [`OpenAPI document coverage (${c.document}): the document could not be read at the end of the run: ${c.error}`];
  const t = c.totals;
  const out = [
    `OpenAPI document coverage (${c.document}): ${t.exercised} of ${t.operations} documented operations seen; ${t.statusesNeverSeen} documented status(es) never seen, ${t.membersNeverSeen} documented member(s) never seen, ${t.membersNotDocumented} member(s) seen but not documented`,
  ];
  for (const o of c.operations) {
    const gaps = gapsOf(o);
    if (gaps.length) out.push(`  ${o.operation}${o.operationId ? ` (${o.operationId})` : ''}: ${gaps.join('; ')}`);
  }
  return out;
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** The coverage as Markdown, for the report's "OpenAPI document coverage" entry. */
export function coverageMarkdown(c: OpenApiCoverage): string {
  const head = `Coverage of the provider's OpenAPI document (\`OIDC_OPENAPI\`: ${code(c.document)}) by the responses the run's checks saw (reports/contract.json).`;
  if (c.error) return `${head}\n\nThe document could not be read at the end of the run: ${c.error}`;
  const t = c.totals;
  const lines = [
    head,
    '',
    `${t.exercised} of ${t.operations} documented operations seen; ${t.statusesNeverSeen} documented status(es) never seen, ${t.membersNeverSeen} documented member(s) never seen, ${t.membersNotDocumented} member(s) seen but not documented.`,
  ];
  for (const o of c.operations) {
    lines.push(
      '',
      `**${o.operation}**${o.operationId ? ` (${o.operationId})` : ''}: seen ${o.statusesSeen.length ? o.statusesSeen.join(', ') : 'never'}`,
    );
    if (o.statusesNeverSeen.length) lines.push(`- documented statuses never seen: ${o.statusesNeverSeen.join(', ')}`);
    for (const k of Object.keys(o.membersNeverSeen).sort(byResponseKey))
      lines.push(`- ${k}: documented members never seen: ${o.membersNeverSeen[k]!.map(code).join(', ')}`);
    for (const k of Object.keys(o.membersNotDocumented).sort(byResponseKey))
      lines.push(`- ${k}: members seen, not documented: ${o.membersNotDocumented[k]!.map(code).join(', ')}`);
    if (!gapsOf(o).length && o.statusesSeen.length) lines.push('- every documented status and member was seen, and nothing undocumented');
  }
  return lines.join('\n');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The same, as HTML (for a report that does not render Markdown descriptions). */
export function coverageHtml(c: OpenApiCoverage): string {
  const tt = (s: string) => `<code>${escapeHtml(s)}</code>`;
  const head = `<p>Coverage of the provider's OpenAPI document (<code>OIDC_OPENAPI</code>: ${tt(c.document)}) by the responses the run's checks saw (reports/contract.json).</p>`;
  if (c.error) return `${head}<p>The document could not be read at the end of the run: ${escapeHtml(c.error)}</p>`;
  const t = c.totals;
  const parts = [
    head,
    `<p>${t.exercised} of ${t.operations} documented operations seen; ${t.statusesNeverSeen} documented status(es) never seen, ${t.membersNeverSeen} documented member(s) never seen, ${t.membersNotDocumented} member(s) seen but not documented.</p>`,
  ];
  for (const o of c.operations) {
    const items: string[] = [];
    if (o.statusesNeverSeen.length) items.push(`documented statuses never seen: ${escapeHtml(o.statusesNeverSeen.join(', '))}`);
    for (const k of Object.keys(o.membersNeverSeen).sort(byResponseKey))
      items.push(`${escapeHtml(k)}: documented members never seen: ${o.membersNeverSeen[k]!.map(tt).join(', ')}`);
    for (const k of Object.keys(o.membersNotDocumented).sort(byResponseKey))
      items.push(`${escapeHtml(k)}: members seen, not documented: ${o.membersNotDocumented[k]!.map(tt).join(', ')}`);
    if (!items.length && o.statusesSeen.length) items.push('every documented status and member was seen, and nothing undocumented');
    parts.push(
      `<p><b>${escapeHtml(o.operation)}</b>${o.operationId ? ` (${escapeHtml(o.operationId)})` : ''}: seen ${escapeHtml(o.statusesSeen.join(', ') || 'never')}</p>${items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : ''}`,
    );
  }
  return parts.join('\n');
}

/** The coverage of the run whose summary.json lies beside its Allure results folder; undefined without one. */
export function coverageBeside(resultsDir: string): OpenApiCoverage | undefined {
  const path = join(resultsDir, '..', 'summary.json');
  if (!existsSync(path)) return undefined;
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { openapiCoverage?: OpenApiCoverage }).openapiCoverage;
  } catch {
    return undefined;
  }
}

export const COVERAGE_RESULT_NAME = 'OpenAPI document coverage';

/** The Allure result that shows the coverage in the HTML report, and its JSON attachment. */
export function coverageAllureResult(c: OpenApiCoverage): {
  result: Record<string, unknown>;
  attachment: { source: string; content: string };
} {
  const now = Date.now();
  const historyId = createHash('md5').update(`openapi-coverage ${c.document}`).digest('hex');
  const source = `${randomUUID()}-attachment.json`;
  const gaps = c.totals.statusesNeverSeen + c.totals.membersNeverSeen + c.totals.membersNotDocumented;
  const result = {
    uuid: randomUUID(),
    historyId,
    testCaseId: historyId,
    name: COVERAGE_RESULT_NAME,
    fullName: `openapi-coverage: ${c.document}`,
    status: c.error ? 'broken' : 'passed',
    stage: 'finished',
    statusDetails: {
      message: c.error
        ? `the document could not be read: ${c.error}`
        : `${gaps} gap(s) between the document and what the run saw (not a verdict on the provider)`,
    },
    description: coverageMarkdown(c),
    descriptionHtml: coverageHtml(c),
    labels: [
      { name: 'parentSuite', value: 'openApiDocument' },
      { name: 'suite', value: 'coverage of the document by the run' },
      { name: 'tag', value: 'OIDC_OPENAPI' },
      { name: 'severity', value: 'trivial' },
    ],
    links: [{ url: 'https://spec.openapis.org/oas/v3.1.0#responses-object', name: 'OpenAPI 3.1 Responses Object', type: 'spec' }],
    titlePath: ['openApiDocument', COVERAGE_RESULT_NAME],
    parameters: [],
    steps: c.operations.map((o) => ({
      name: `${o.operation}: ${gapsOf(o).join('; ') || (o.statusesSeen.length ? 'covered' : 'never seen')}`,
      status: 'passed',
      stage: 'finished',
      start: now,
      stop: now,
      steps: [],
      attachments: [],
      parameters: [],
    })),
    attachments: [{ name: 'openapi-coverage.json', source, type: 'application/json' }],
    start: now,
    stop: now,
  };
  return { result, attachment: { source, content: JSON.stringify(c, null, 2) + '\n' } };
}

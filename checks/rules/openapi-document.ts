// The generic contract classes a schema-driven tool checks from the provider's OpenAPI document (OIDC_OPENAPI),
// judged by tests/openapi.spec.ts (OAS-METHOD-NOT-ALLOWED, OAS-REQUEST-INVALID-REFUSED, OAS-REQUEST-VALID-ACCEPTED).
// Each check judges every documented path or request body the harness can address, and sets the rest aside with
// the reason. A finding names the request and the status seen, and says whether the document or the provider is off.
import { generate } from 'json-schema-faker';
import type { HttpResponse } from '../../harness/http/client.ts';
import type { OpenApiContract, DocumentedOperation, RequestBodySchema } from '../../harness/schema/openapi.ts';
import { classify } from '../../harness/contract/operations.ts';
import { NotApplicable, Precondition, violation } from './verdict.ts';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isObject = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);
const show = (v: unknown) => {
  const t = JSON.stringify(v) ?? 'nothing';
  return t.length > 120 ? `${t.slice(0, 117)}...` : t;
};
const pathOf = (url: string) => new URL(url).pathname;

/** What the provider said when it refused, in a few words (an OAuth-style error, else nothing). */
export function refusalHint(res: HttpResponse): string {
  const j = res.json;
  if (!isObject(j) || typeof j.error !== 'string') return '';
  const d = typeof j.error_description === 'string' ? ` — ${j.error_description.slice(0, 160)}` : '';
  return ` (error: ${j.error}${d})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Which documented paths and operations the harness can address.

/** What a path parameter can be filled with: the id of a client the harness registered, or nothing it knows. */
export type ParameterValue = 'registered-client' | undefined;

/** The harness's own name for a documented path (harness/contract/operations.ts), its parameters filled with a placeholder. */
export function harnessRequest(method: string, template: string): { operation: string; request: string } {
  const { operation, request } = classify(method, `http://document.invalid${template.replace(/\{[^}]+\}/g, 'x')}`);
  return { operation, request };
}

/** The value the harness can give a path's one parameter: a registered client's id on a client's configuration endpoint (public or admin). */
export function parameterValue(template: string): ParameterValue {
  const { request } = harnessRequest('GET', template);
  return request === 'GET /oauth2/register/{id}' || request === 'GET /admin/clients/{id}' ? 'registered-client' : undefined;
}

export const isAdminPath = (template: string) => harnessRequest('GET', template).operation === 'admin';

/** The two request bodies the harness can send: registration create (no credentials) and replace (the client's registration access token). */
export type Sendable = 'create' | 'replace';

export function sendable(op: DocumentedOperation): Sendable | undefined {
  const { request } = harnessRequest(op.method, op.template);
  return request === 'POST /oauth2/register' ? 'create' : request === 'PUT /oauth2/register/{id}' ? 'replace' : undefined;
}

export function notSendableReason(op: DocumentedOperation): string {
  return `${op.operation}: the harness has no credentials or fixture to send this request body (it sends registration create without credentials and registration replace with the client's registration access token)`;
}

// ---------------------------------------------------------------------------------------------------------------
// Per-item results, folded into one verdict.

/** The verdict on one documented path or operation. */
export type ItemResult =
  | { item: string; verdict: 'passed'; note?: string }
  | { item: string; verdict: 'violation'; finding: string[]; message: string; actual: unknown; expected: unknown }
  | { item: string; verdict: 'skipped'; reason: string }
  | { item: string; verdict: 'blocked'; reason: string; by: string[] };

/** Run one item; a skip or a failed precondition sets the item aside (other errors, e.g. no answer, end the check). */
export async function judgeItem(item: string, body: () => Promise<ItemResult>): Promise<ItemResult> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof NotApplicable) return { item, verdict: 'skipped', reason: e.message };
    if (e instanceof Precondition) return { item, verdict: 'blocked', reason: e.message, by: e.blockedBy };
    throw e;
  }
}

/** Lines for the report: what was judged and what was set aside, with why. */
export function notesOf(results: ItemResult[]): string[] {
  return results.map((r) =>
    r.verdict === 'passed'
      ? `judged: ${r.item}${r.note ? ` (${r.note})` : ''}`
      : r.verdict === 'violation'
        ? `finding: ${r.item}`
        : r.verdict === 'skipped'
          ? `not judged: ${r.item}: ${r.reason}`
          : `not judged (blocked): ${r.item}: ${r.reason} (blocked by ${r.by.join(', ')})`,
  );
}

/**
 * One verdict from the items: every violation, each with its requests and statuses; else passed when something was
 * judged; else blocked when a precondition stopped an item; else skipped with every reason.
 */
export function fold(results: ItemResult[], nothing: string): void {
  const violations = results.filter((r): r is Extract<ItemResult, { verdict: 'violation' }> => r.verdict === 'violation');
  const aside = results
    .filter((r) => r.verdict === 'skipped' || r.verdict === 'blocked')
    .map((r) => `${r.item} (${r.verdict === 'skipped' ? r.reason : `blocked: ${r.reason}`})`);
  if (violations.length) {
    const tail = aside.length ? ` [not judged: ${aside.join('; ')}]` : '';
    violation(`${violations.map((v) => v.message).join(' | ')}${tail}`, {
      finding: [...new Set(violations.flatMap((v) => v.finding))].sort(byText).join(','),
      expected: Object.fromEntries(violations.map((v) => [v.item, v.expected])),
      actual: Object.fromEntries(violations.map((v) => [v.item, v.actual])),
    });
  }
  if (results.some((r) => r.verdict === 'passed')) return;
  const blockedBy = results.flatMap((r) => (r.verdict === 'blocked' ? r.by : []));
  if (blockedBy.length) throw new Precondition(aside.join('; '), [...new Set(blockedBy)]);
  throw new NotApplicable(results.length ? `nothing could be judged: ${aside.join('; ')}` : nothing);
}

// ---------------------------------------------------------------------------------------------------------------
// OAS-METHOD-NOT-ALLOWED

/** The methods sent to a path that does not declare them (never HEAD, OPTIONS, TRACE: their answers are not about the path's operations). */
export const PROBE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Besides the documented methods, an Allow may list OPTIONS (RFC 9110 §9.3.7), and HEAD where GET is served (§9.3.2). */
export function allowTolerates(method: string, documented: readonly string[]): boolean {
  return method === 'OPTIONS' || (method === 'HEAD' && documented.includes('GET'));
}

export function parseAllow(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return [
    ...new Set(
      value
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    ),
  ].sort(byText);
}

/** Judge the answers to undeclared methods on one documented path. */
export function judgeMethodProbes(
  template: string,
  documented: readonly string[],
  probes: Array<{ method: string; res: HttpResponse }>,
): ItemResult {
  const item = `${template} (documented: ${documented.join(', ')})`;
  const findings: string[] = [];
  const sentences: string[] = [];
  const seen = probes.map(({ method, res }) => ({
    request: `${method} ${pathOf(res.exchange.url)}`,
    status: res.status,
    ...(res.header('allow') !== undefined ? { allow: res.header('allow') } : {}),
  }));
  for (const { method, res } of probes) {
    const request = `${method} ${pathOf(res.exchange.url)}`;
    if (res.status === 405) continue;
    findings.push(`status-${res.status}:${method} ${template}`);
    sentences.push(
      res.status === 404
        ? `${request} answered HTTP 404, not 405: the provider is off — it does not tell a method the path does not serve from a missing resource (unless it serves no ${template} at all: then the document is off)`
        : res.status >= 200 && res.status < 300
          ? `${request} answered HTTP ${res.status}, not 405: the provider serves ${method} ${template}, but the document declares only ${documented.join(', ')} — the document or the provider is off`
          : `${request} answered HTTP ${res.status}${refusalHint(res)}, not 405: the provider handles ${method} ${template} (it did not refuse the method), but the document declares only ${documented.join(', ')} — the document or the provider is off`,
    );
  }
  const allows = new Map<string, string[]>();
  for (const { method, res } of probes.filter((p) => p.res.status === 405)) {
    const allow = parseAllow(res.header('allow'));
    if (!allow) {
      findings.push(`allow-missing:${template}`);
      sentences.push(
        `${method} ${pathOf(res.exchange.url)} answered 405 without an Allow header (RFC 9110 §15.5.6: a 405 MUST carry Allow): the provider is off`,
      );
      continue;
    }
    allows.set(allow.join(', '), allow);
  }
  for (const allow of [...allows.values()]) {
    for (const m of allow.filter((m) => !documented.includes(m) && !allowTolerates(m, documented))) {
      findings.push(`allow-extra:${m} ${template}`);
      sentences.push(
        `the provider's Allow for ${template} is "${allow.join(', ')}": it serves ${m} ${template}, but the document declares only ${documented.join(', ')} — the document lacks the operation, or the provider serves a method it should not`,
      );
    }
    for (const m of documented.filter((m) => !allow.includes(m) && m !== 'HEAD' && m !== 'OPTIONS')) {
      findings.push(`allow-lacks:${m} ${template}`);
      sentences.push(
        `the provider's Allow for ${template} is "${allow.join(', ')}" without ${m}, which the document declares — the document declares an operation the provider does not serve, or the provider's Allow is incomplete`,
      );
    }
  }
  const unique = [...new Set(findings)].sort(byText);
  if (!unique.length)
    return {
      item,
      verdict: 'passed',
      note: `${probes.map((p) => p.method).join(', ')} answered 405 with Allow ${[...allows.keys()].map((a) => `"${a}"`).join(' / ')}`,
    };
  return {
    item,
    verdict: 'violation',
    finding: unique,
    message: [...new Set(sentences)].join('; '),
    expected: { status: 405, allow: `the documented methods: ${documented.join(', ')} (OPTIONS, and HEAD with GET, may be added)` },
    actual: seen,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// OAS-REQUEST-INVALID-REFUSED

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

/** The JSON types a (self-contained) schema documents for a member; empty when it says none. */
export function documentedTypes(schema: unknown): string[] {
  if (!isObject(schema)) return [];
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === 'string');
  if (Array.isArray(schema.enum) && schema.enum.length) return [...new Set(schema.enum.map(typeOf))];
  if ('const' in schema) return [typeOf(schema.const)];
  if (isObject(schema.properties)) return ['object'];
  if (schema.items !== undefined) return ['array'];
  const branches = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  return [...new Set(branches.flatMap(documentedTypes))];
}

/** The members of the top-level object a request schema declares (allOf branches merged), sorted. */
export function requestMembers(schema: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const add = (s: unknown) => {
    if (!isObject(s)) return;
    if (isObject(s.properties)) for (const [k, v] of Object.entries(s.properties)) if (!out.has(k)) out.set(k, v);
    if (Array.isArray(s.allOf)) s.allOf.forEach(add);
  };
  add(schema);
  return new Map([...out.entries()].sort(([a], [b]) => byText(a, b)));
}

const WRONG_VALUES: unknown[] = [42, 'forty-two', true, { unexpected: 'object' }, ['unexpected']];
const fits = (v: unknown, types: string[]) => types.includes(typeOf(v)) || (typeOf(v) === 'integer' && types.includes('number'));
const escapePointer = (name: string) => `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;

export interface WrongType {
  member: string;
  types: string[];
  value: unknown;
  body: Record<string, unknown>;
}

/**
 * A body the document forbids in one way: `base` (without the members a closed schema does not declare) with one
 * documented member given a value of another type. The members of `base` come first, then the others, each in
 * name order; the first whose wrong value the document's own schema refuses at that member is taken.
 */
export function wrongTypeBody(
  doc: OpenApiContract,
  op: DocumentedOperation,
  schema: Record<string, unknown>,
  base: Record<string, unknown>,
): WrongType | undefined {
  const members = requestMembers(schema);
  const closed = schema.additionalProperties === false;
  const kept = closed ? Object.fromEntries(Object.entries(base).filter(([k]) => members.has(k))) : { ...base };
  const order = [...[...members.keys()].filter((k) => k in kept), ...[...members.keys()].filter((k) => !(k in kept))];
  for (const member of order) {
    const types = documentedTypes(members.get(member));
    if (!types.length) continue;
    for (const value of WRONG_VALUES.filter((v) => !fits(v, types))) {
      const body = { ...kept, [member]: value };
      const problems = doc.validateRequestBody(op.method, op.template, body);
      if (problems.some((p) => p.pointer === escapePointer(member))) return { member, types, value, body };
    }
  }
  return undefined;
}

/** Judge the answer to a body with one member of the wrong type. */
export function judgeInvalidAnswer(op: DocumentedOperation, wrong: WrongType, res: HttpResponse): ItemResult {
  const request = `${op.method} ${pathOf(res.exchange.url)}`;
  const what = `${wrong.member}: ${show(wrong.value)} (documented as ${wrong.types.join(' or ')})`;
  const base = {
    item: op.operation,
    expected: `4xx: the body breaks the documented schema at ${wrong.member}`,
    actual: { request, status: res.status, sent: { [wrong.member]: wrong.value } },
  };
  if (res.status >= 400 && res.status < 500)
    return { item: op.operation, verdict: 'passed', note: `${request} with ${what} answered HTTP ${res.status}` };
  if (res.status >= 500) {
    return {
      ...base,
      verdict: 'violation',
      finding: [`server-error-${res.status}:${op.operation}`],
      message: `${request} with ${what} answered HTTP ${res.status}: the provider is off — it failed instead of refusing a body its document forbids`,
    };
  }
  if (res.status < 200 || res.status >= 300) {
    return {
      ...base,
      verdict: 'violation',
      finding: [`status-${res.status}:${op.operation}`],
      message: `${request} with ${what} answered HTTP ${res.status}, not 4xx: the provider is off`,
    };
  }
  const j = res.json;
  let why: string;
  if (isObject(j) && wrong.member in j) {
    why =
      JSON.stringify(j[wrong.member]) === JSON.stringify(wrong.value)
        ? `the provider is off: it accepted and kept ${wrong.member}: ${show(wrong.value)}, which its document types as ${wrong.types.join(' or ')}`
        : `the provider is off: it accepted ${wrong.member}: ${show(wrong.value)} and turned it into ${show(j[wrong.member])} instead of refusing it`;
  } else if (isObject(j)) {
    why = `the document is off (most likely): the provider ignored ${wrong.member}, so it does not read the member its document declares (else the provider is off: it drops a documented member it was sent)`;
  } else {
    why = 'the provider is off: it accepted a body its document forbids';
  }
  return {
    ...base,
    verdict: 'violation',
    finding: [`accepted:${op.operation}`],
    message: `${request} with ${what} answered HTTP ${res.status}: ${why}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// OAS-REQUEST-VALID-ACCEPTED

/** How many seeds are tried for a body the documented schema accepts (json-schema-faker can miss a pattern or format). */
const GENERATION_TRIES = 5;

/** A body json-schema-faker makes from the documented request schema, seeded, that the schema itself accepts. */
export async function schemaValidBody(
  doc: OpenApiContract,
  op: DocumentedOperation,
  request: RequestBodySchema,
  seed: number,
): Promise<{ body: unknown; seed: number }> {
  let last = '';
  for (let i = 0; i < GENERATION_TRIES; i++) {
    let body: unknown;
    try {
      body = await generate(request.schema as Parameters<typeof generate>[0], { seed: seed + i });
    } catch (e) {
      last = `json-schema-faker failed: ${(e as Error).message.split('\n')[0]}`;
      continue;
    }
    const problems = doc.validateRequestBody(op.method, op.template, body);
    if (!problems.length) return { body, seed: seed + i };
    last = `the generated body breaks the schema: ${problems
      .slice(0, 3)
      .map((p) => p.message)
      .join('; ')}`;
  }
  throw new NotApplicable(
    `no body that the documented schema of ${op.operation} accepts could be generated (json-schema-faker, seeds ${seed}..${seed + GENERATION_TRIES - 1}): ${last}`,
  );
}

/** Judge the answer to a body the document allows. */
export function judgeValidAnswer(op: DocumentedOperation, body: unknown, seed: number, res: HttpResponse): ItemResult {
  const request = `${op.method} ${pathOf(res.exchange.url)}`;
  const sent = `a body the document allows (json-schema-faker, OIDC_SEED ${seed}: ${show(body)})`;
  if (res.status >= 200 && res.status < 300)
    return { item: op.operation, verdict: 'passed', note: `${request} with ${sent} answered HTTP ${res.status}` };
  const base = {
    item: op.operation,
    expected: '2xx: the body is valid against the documented request schema',
    actual: { request, status: res.status, seed, sent: body },
  };
  if (res.status === 404 || res.status === 405) {
    return {
      ...base,
      verdict: 'violation',
      finding: [`status-${res.status}:${op.operation}`],
      message: `${request} with ${sent} answered HTTP ${res.status}: the provider does not serve the operation its document declares — the document or the provider is off`,
    };
  }
  if (res.status >= 400 && res.status < 500) {
    return {
      ...base,
      verdict: 'violation',
      finding: [`refused-${res.status}:${op.operation}`],
      message: `${request} with ${sent} answered HTTP ${res.status}${refusalHint(res)}: the document is off — it allows a body the provider refuses (a rule the provider enforces that the schema does not state)`,
    };
  }
  return {
    ...base,
    verdict: 'violation',
    finding: [`status-${res.status}:${op.operation}`],
    message: `${request} with ${sent} answered HTTP ${res.status}${refusalHint(res)}: the provider is off — ${res.status >= 500 ? 'a body its document allows made it fail' : 'it neither accepted nor refused a body its document allows'}`,
  };
}

/** A body for the harness's HTTP client: an object as JSON members, anything else as raw JSON text. */
export const asObject = (v: unknown): Record<string, unknown> | undefined => (isObject(v) ? v : undefined);

// The vocabulary a check uses to state its verdict. A Violation is a finding about the target;
// NotApplicable is a reasoned skip. Messages are written for the reader of the report.
import { formatProblems, validateAgainst } from '../harness/schema/validator.ts';
import type { HttpResponse } from '../harness/http/client.ts';

export class Violation extends Error {
  constructor(message: string) { super(message); this.name = 'Violation'; }
}
export class NotApplicable extends Error {
  constructor(reason: string) { super(reason); this.name = 'NotApplicable'; }
}

export function violation(message: string): never { throw new Violation(message); }
export function notApplicable(reason: string): never { throw new NotApplicable(reason); }

export function must(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Violation(message);
}

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

export function mustEqual(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Violation(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function mustHaveStatus(res: HttpResponse, expected: number | number[], what = `${res.exchange.method} ${new URL(res.exchange.url).pathname}`): void {
  const ok = Array.isArray(expected) ? expected.includes(res.status) : res.status === expected;
  if (!ok) throw new Violation(`${what} answered HTTP ${res.status}, expected ${Array.isArray(expected) ? expected.join(' or ') : expected}${bodyHint(res)}`);
}

function bodyHint(res: HttpResponse): string {
  const j = res.json;
  if (j && typeof j === 'object' && typeof j.error === 'string') return ` (error: ${j.error}${j.error_description ? ` — ${String(j.error_description).slice(0, 160)}` : ''})`;
  return '';
}

/** The body must be JSON and valid against the project schema `schemaId`. Returns the parsed body. */
export function mustMatchSchema(res: HttpResponse, schemaId: string): any {
  const body = res.json;
  if (body === undefined) throw new Violation(`the body is not JSON: ${JSON.stringify(res.text.slice(0, 120))}`);
  const problems = validateAgainst(schemaId, body);
  if (problems.length) throw new Violation(`schema ${schemaId}: ${formatProblems(problems)}`);
  return body;
}

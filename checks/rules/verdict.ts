// The vocabulary a check uses to state its verdict. Messages are written for the reader of the report.
//   Violation      the provider broke the rule (a finding: a stable code, what was expected, what came back)
//   Precondition   something earlier on the path failed; the check that judges it is named (status "blocked")
//   NotApplicable  a reasoned skip: the provider does not offer the feature, or no evidence can be had here
import { formatProblems, validateAgainst } from '../../harness/schema/validator.ts';
import type { HttpResponse } from '../../harness/http/client.ts';
import { findingOf } from './finding.ts';

export interface ViolationDetails {
  /** A short stable code for what was found, e.g. `claim-missing:exp` (baselines key on it). */
  finding?: string;
  expected?: unknown;
  actual?: unknown;
}

export class Violation extends Error {
  readonly finding: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
  constructor(message: string, details: ViolationDetails = {}) {
    super(message);
    this.name = 'Violation';
    this.finding = details.finding ?? findingOf(message);
    this.expected = details.expected;
    this.actual = details.actual;
  }
}

/** The check could not reach its subject because an earlier step failed; `blockedBy` judges that step. */
export class Precondition extends Error {
  readonly blockedBy: string[];
  constructor(message: string, blockedBy: string | string[]) {
    super(message);
    this.name = 'Precondition';
    this.blockedBy = Array.isArray(blockedBy) ? blockedBy : [blockedBy];
  }
}

/** The target did not give the answer a rule needs (e.g. an admin API that answers 5xx): no finding, no pass. */
export class NoAnswer extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoAnswer';
  }
}

/** unsupported: the provider does not offer an optional feature; no-evidence: the evidence cannot be had in this run. */
export type SkipKind = 'unsupported' | 'no-evidence';

export class NotApplicable extends Error {
  constructor(
    reason: string,
    readonly kind: SkipKind = 'no-evidence',
  ) {
    super(reason);
    this.name = 'NotApplicable';
  }
}

export function violation(message: string, details?: ViolationDetails): never {
  throw new Violation(message, details);
}
/** Skip: the evidence cannot be had in this run (say what would be needed). */
export function notApplicable(reason: string): never {
  throw new NotApplicable(reason, 'no-evidence');
}
/** Skip: the provider does not offer this optional feature (say how it tells). */
export function unsupported(reason: string): never {
  throw new NotApplicable(reason, 'unsupported');
}
/** Blocked: `what` failed earlier on the path; `by` names the check(s) that judge it. */
export function blocked(what: string, by: string | string[]): never {
  throw new Precondition(what, by);
}

export function must(condition: unknown, message: string, details?: ViolationDetails): asserts condition {
  if (!condition) throw new Violation(message, details);
}

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-|-$/g, '');

export function mustEqual(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return;
  throw new Violation(`${what}: expected ${show(expected)}, got ${show(actual)}`, {
    finding: `${actual === undefined ? 'missing' : 'mismatch'}:${slug(what)}`,
    expected,
    actual,
  });
}

export function mustHaveStatus(
  res: HttpResponse,
  expected: number | number[],
  what = `${res.exchange.method} ${new URL(res.exchange.url).pathname}`,
): void {
  const ok = Array.isArray(expected) ? expected.includes(res.status) : res.status === expected;
  if (ok) return;
  throw new Violation(
    `${what} answered HTTP ${res.status}, expected ${Array.isArray(expected) ? expected.join(' or ') : expected}${bodyHint(res)}`,
    {
      finding: `status:${res.status}`,
      expected,
      actual: res.status,
    },
  );
}

function bodyHint(res: HttpResponse): string {
  const j = res.json;
  if (j && typeof j === 'object' && typeof j.error === 'string')
    return ` (error: ${j.error}${j.error_description ? ` — ${String(j.error_description).slice(0, 160)}` : ''})`;
  return '';
}

/** The body must be JSON and valid against the project schema `schemaId`. Returns the parsed body. */
export function mustMatchSchema(res: HttpResponse, schemaId: string): any {
  const body = res.json;
  if (body === undefined)
    throw new Violation(`the body is not JSON: ${JSON.stringify(res.text.slice(0, 120))}`, {
      finding: 'body-not-json',
      expected: 'JSON',
      actual: res.text.slice(0, 120),
    });
  mustBeValid(body, schemaId, `schema ${schemaId}`);
  return body;
}

/** A value (a body, decoded claims) must be valid against the project schema `schemaId`. */
export function mustBeValid(value: unknown, schemaId: string, what: string): void {
  const problems = validateAgainst(schemaId, value);
  if (!problems.length) return;
  const finding = `schema:${[...new Set(problems.map((p) => `${p.pointer || '/'}:${p.keyword}`))].sort().join(',')}`;
  throw new Violation(`${what}: ${formatProblems(problems)}`, {
    finding,
    expected: `valid against ${schemaId}`,
    actual: problems.map((p) => p.message),
  });
}

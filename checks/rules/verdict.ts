// The vocabulary a check uses to state its verdict. Messages are written for the reader of the report.
//   Violation      the provider broke the rule (a finding: a stable code, what was expected, what came back)
//   Precondition   something earlier on the path failed; the check that judges it is named (status "blocked")
//   NotOffered     excused: the provider declares it does not offer an optional feature (the member it read is named)
//   NotApplicable  skipped: no evidence can be had in this run (say what would make it run); fails a gate for MUST/ORY
import { formatProblems, validateAgainst } from '../../harness/schema/validator.ts';
import type { HttpResponse } from '../../harness/http/client.ts';
import { errorText } from '../../harness/http/error-body.ts';

export interface ViolationDetails {
  /** A short stable code for what was found, e.g. `claim-missing:exp` (baselines key on it). */
  finding: string;
  expected?: unknown;
  actual?: unknown;
}

export class Violation extends Error {
  readonly finding: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
  constructor(message: string, details: ViolationDetails) {
    super(message);
    this.name = 'Violation';
    this.finding = details.finding;
    this.expected = details.expected;
    this.actual = details.actual;
  }
}

/** The check could not reach its subject because an earlier step failed; `blockedBy` judges that step. */
export class Precondition extends Error {
  readonly blockedBy: string[];
  constructor(
    message: string,
    blockedBy: string | string[],
    /** The finding when the step that failed is the subject of the check that meets it (then it is a violation). */
    readonly finding?: string,
  ) {
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

/** The evidence cannot be had in this run: the check did not run, and nothing excuses that. */
export class NotApplicable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotApplicable';
  }
}

/**
 * The provider declares that it does not offer an optional feature: `member` names the declaration the check read
 * (e.g. `discovery end_session_endpoint`). In the ory profile, what Ory's contract promises cannot be declared away
 * (checks/catalogue/ory-contract.ts): there the check is blocked by the check that judges the declaration.
 */
export class NotOffered extends Error {
  constructor(
    readonly member: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'NotOffered';
  }
}

export function violation(message: string, details: ViolationDetails): never {
  throw new Violation(message, details);
}
/** Skip: the evidence cannot be had in this run (say what would make it run). A skipped MUST or ORY check fails a gate. */
export function notApplicable(reason: string): never {
  throw new NotApplicable(reason);
}
/** Excused: the provider declares it does not offer this optional feature; `member` is the declaration read. */
export function notOffered(member: string, reason: string): never {
  throw new NotOffered(member, reason);
}
/**
 * Blocked: `what` failed earlier on the path; `by` names the check(s) that judge it. For the check named in `by`
 * that step is its own subject, so it fails there as a violation with `finding`.
 */
export function blocked(what: string, by: string | string[], finding?: string): never {
  throw new Precondition(what, by, finding);
}

export function must(condition: unknown, message: string, details: ViolationDetails): asserts condition {
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
    `${what} answered HTTP ${res.status}, expected ${Array.isArray(expected) ? expected.join(' or ') : expected}${errorText(res) ? ` (error: ${errorText(res)})` : ''}`,
    {
      finding: `status:${res.status}`,
      expected,
      actual: res.status,
    },
  );
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

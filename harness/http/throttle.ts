// A provider that throttles (429 Too Many Requests, RFC 6585 §4; or 503 with Retry-After, RFC 9110 §10.2.3) has
// not answered the request yet: the harness waits as it is told, within a bound, and sends it again. Every
// throttled answer stays in the evidence and is counted for the run's summary; one past the bound is no answer.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { header, requestLine, type Exchange } from './exchange.ts';

/** The annotation a check carries for each throttled answer (the summary reporter counts them). */
export const THROTTLED_ANNOTATION = 'throttled';

/** What the annotation says, as JSON. */
export interface ThrottleNote {
  request: string;
  status: number;
  /** How long the harness waited before sending again; 0 when it gave up. */
  waitedMs: number;
  gaveUp: boolean;
}

/** Without a Retry-After, a 429 is waited out 1 s, 2 s, 4 s, … */
const FIRST_BACKOFF_MS = 1_000;
/** Never sooner than this, whatever Retry-After says (0 would make a loop). */
const MIN_WAIT_MS = 100;
/** However short the waits, a request is not sent more often than this. */
export const MAX_THROTTLED_ATTEMPTS = 20;

/** Whether an answer throttles: 429, or 503 with Retry-After. */
export const throttles = (status: number | undefined, retryAfter: string | undefined): boolean =>
  status === 429 || (status === 503 && retryAfter !== undefined);

export const isThrottled = (ex: Exchange): boolean => throttles(ex.status, header(ex.responseHeaders, 'retry-after'));

/** Retry-After as milliseconds from now: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** How long to wait before sending again after the `attempt`th throttled answer, given its Retry-After. */
export function waitAfter(retryAfter: string | undefined, attempt: number): number {
  return Math.max(MIN_WAIT_MS, retryAfterMs(retryAfter) ?? FIRST_BACKOFF_MS * 2 ** (attempt - 1));
}

export const waitFor = (ex: Exchange, attempt: number): number => waitAfter(header(ex.responseHeaders, 'retry-after'), attempt);

/** The line the evidence carries under a throttled answer. */
export function throttledNote(ex: Exchange, waitedMs: number | undefined, boundMs: number): string {
  const ra = header(ex.responseHeaders, 'retry-after');
  const told = `HTTP ${ex.status}${ra !== undefined ? `, Retry-After: ${ra}` : ''}`;
  return waitedMs === undefined
    ? `the provider throttled (${told}) beyond the bound on waiting (OIDC_THROTTLE_MAX_WAIT_MS=${boundMs}): the harness gave up`
    : `the provider throttled (${told}): the harness waited ${waitedMs} ms and sent the request again`;
}

/** The annotation a check carries for a throttled answer (the report shows it as a step, the summary counts it). */
export function throttleAnnotation(request: string, status: number, waitedMs: number | undefined): { type: string; description: string } {
  const note: ThrottleNote = { request, status, waitedMs: waitedMs ?? 0, gaveUp: waitedMs === undefined };
  return { type: THROTTLED_ANNOTATION, description: JSON.stringify(note) };
}

/** Say so to the check that is running, when there is one (a Playwright worker): its report and the run's summary count it. */
export async function noteThrottling(ex: Exchange, waitedMs: number | undefined): Promise<void> {
  if (process.env.TEST_WORKER_INDEX === undefined) return; // the runner's own requests (preflight, sweep)
  const annotation = throttleAnnotation(requestLine(ex), ex.status ?? 0, waitedMs);
  try {
    const { test } = await import('@playwright/test');
    test.info().annotations.push(annotation);
  } catch {
    // Outside a check (a worker's own request: deleting the clients it kept when it ends): counted in the summary
    // through OIDC_THROTTLE_LOG, which the command sets (a run of the test runner alone has none).
    const log = process.env.OIDC_THROTTLE_LOG;
    if (log) appendFileSync(log, annotation.description + '\n');
  }
}

/** The throttled answers the workers met outside the checks (OIDC_THROTTLE_LOG), as annotations. */
export function throttledOutsideChecks(log = process.env.OIDC_THROTTLE_LOG): Array<{ type: string; description: string }> {
  if (!log || !existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((description) => ({ type: THROTTLED_ANNOTATION, description }));
}

/** How often and how long the provider throttled in a run (reports/summary.json `throttling`). */
export interface Throttling {
  /** Throttled answers (429, or 503 with Retry-After), those waited out and those given up on. */
  answers: number;
  /** The time spent waiting them out, summed over the checks (they wait side by side in the workers). */
  waitedMs: number;
  /** Requests given up on past OIDC_THROTTLE_MAX_WAIT_MS (their checks have no answer). */
  gaveUp: number;
  /** Checks that met at least one. */
  checks: number;
  /** OIDC_RATE_LIMIT as given, when the run was paced. */
  rateLimit?: string;
}

/** Adds up the throttling notes of each finished check. */
export class ThrottleTally {
  private readonly t: Throttling = { answers: 0, waitedMs: 0, gaveUp: 0, checks: 0 };

  /** The annotations of one finished check; `check` false for the workers' own requests, outside any check. */
  add(annotations: ReadonlyArray<{ type: string; description?: string }>, check = true): void {
    const notes = annotations.filter((a) => a.type === THROTTLED_ANNOTATION && a.description);
    if (!notes.length) return;
    if (check) this.t.checks++;
    for (const a of notes) {
      const n = JSON.parse(a.description!) as ThrottleNote;
      this.t.answers++;
      this.t.waitedMs += n.waitedMs;
      if (n.gaveUp) this.t.gaveUp++;
    }
  }

  /** The tally, with the pace the run kept (OIDC_RATE_LIMIT). */
  value(rateLimit: string | undefined): Throttling {
    return { ...this.t, ...(rateLimit ? { rateLimit } : {}) };
  }
}

/** The console's line about throttling; none when the provider never throttled. */
export function throttlingLines(t: Throttling | undefined): string[] {
  if (!t?.answers) return [];
  return [
    '',
    `The provider throttled ${t.answers} answer(s) (HTTP 429, or 503 with Retry-After) in ${t.checks} check(s): ${(t.waitedMs / 1000).toFixed(1)} s waited in all` +
      (t.gaveUp
        ? `; ${t.gaveUp} request(s) given up past OIDC_THROTTLE_MAX_WAIT_MS (no answer)`
        : '; every one waited out and sent again') +
      (t.rateLimit ? ` (paced at OIDC_RATE_LIMIT=${t.rateLimit})` : ' (OIDC_RATE_LIMIT paces a run under a known quota)'),
  ];
}

/** The throttling of shards run side by side, as one run's (npm run merge): their counts and waits added up. */
export function mergeThrottling(parts: Array<Throttling | undefined>): Throttling | undefined {
  const seen = parts.filter((t): t is Throttling => t !== undefined);
  if (!seen.length) return undefined;
  const rateLimit = seen.find((t) => t.rateLimit)?.rateLimit;
  return {
    answers: seen.reduce((n, t) => n + t.answers, 0),
    waitedMs: seen.reduce((n, t) => n + t.waitedMs, 0),
    gaveUp: seen.reduce((n, t) => n + t.gaveUp, 0),
    checks: seen.reduce((n, t) => n + t.checks, 0),
    ...(rateLimit ? { rateLimit } : {}),
  };
}

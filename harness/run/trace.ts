// Which suite file made a request: with OIDC_TRACE=1 every request the harness sends (HTTP client and browser) carries
// the suite file of the check it was made for, in a header the reference target reads to learn which suites reach
// which of its defect switches (targets/reference/mutation/). A request made for no single check (a worker's shared
// fixtures, a scenario several checks judge, sessions signed in ahead for whichever check comes next) carries `*`:
// its outcome may reach any suite. Off by default: a real provider never sees the header.
import { AsyncLocalStorage } from 'node:async_hooks';

export const TRACE_HEADER = 'x-oidc-harness-suite';
/** A request whose outcome may reach any suite. */
export const ANY_SUITE = '*';

const scope = new AsyncLocalStorage<string>();

export const tracing = (): boolean => process.env.OIDC_TRACE === '1';

/** Run `fn` with its requests attributed to `suite` (a suite file's name). */
export function inSuite<T>(suite: string, fn: () => T): T {
  return scope.run(suite, fn);
}

/** Run `fn` with its requests attributed to no single suite: what it makes is shared. */
export function shared<T>(fn: () => T): T {
  return scope.run(ANY_SUITE, fn);
}

/** A scenario several checks judge: its requests reach the suites of every check that uses it (SCENARIO_ANNOTATION). */
export const SCENARIO_PREFIX = 'scenario:';
export const SCENARIO_ANNOTATION = 'uses-scenario';
export function inScenario<T>(name: string, fn: () => T): T {
  return scope.run(SCENARIO_PREFIX + name, fn);
}

/** The header to add to a request made now, or nothing when tracing is off. */
export function traceHeaders(): Record<string, string> {
  return tracing() ? { [TRACE_HEADER]: scope.getStore() ?? ANY_SUITE } : {};
}

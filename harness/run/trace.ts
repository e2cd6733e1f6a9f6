// Which check made a request: with OIDC_TRACE=1 every request the harness sends (HTTP client and browser) carries
// the id of the check it was made for, in a header the reference target reads to learn which checks reach which of
// its defect switches (targets/reference/mutation/). A request made for no single check (a worker's shared fixtures,
// sessions signed in ahead for whichever check comes next) carries `*`: its outcome may reach any check; one made
// for a scenario several checks judge carries the scenario's name. Off by default: a real provider never sees it.
import { AsyncLocalStorage } from 'node:async_hooks';

export const TRACE_HEADER = 'x-oidc-harness-check';
/** A request whose outcome may reach any check. */
export const ANY_CHECK = '*';

const scope = new AsyncLocalStorage<string>();

export const tracing = (): boolean => process.env.OIDC_TRACE === '1';

/** Run `fn` with its requests attributed to the check `id`. */
export function inCheck<T>(id: string, fn: () => T): T {
  return scope.run(id, fn);
}

/** Run `fn` with its requests attributed to no single check: what it makes is shared. */
export function shared<T>(fn: () => T): T {
  return scope.run(ANY_CHECK, fn);
}

/** A scenario several checks judge: its requests reach every check that uses it (SCENARIO_ANNOTATION). */
export const SCENARIO_PREFIX = 'scenario:';
export const SCENARIO_ANNOTATION = 'uses-scenario';
export function inScenario<T>(name: string, fn: () => T): T {
  return scope.run(SCENARIO_PREFIX + name, fn);
}

/** The header to add to a request made now, or nothing when tracing is off. */
export function traceHeaders(): Record<string, string> {
  return tracing() ? { [TRACE_HEADER]: scope.getStore() ?? ANY_CHECK } : {};
}

/**
 * `fn` to run in the scope of the caller, whoever calls it later: an event handler (a browser's intercepted request)
 * otherwise runs in the scope of whatever check first opened the connection that emits it.
 */
export function inCallersScope<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return AsyncLocalStorage.bind(fn);
}

// Which checks reach which defect switch: when traced, every `ctx.has(id)` records the check named in the request's
// trace header (harness/run/trace.ts): a check id, a shared scenario's name, or `*` for a request no single check made
// (a worker's shared fixtures) and for the switches consulted at start-up. A check that never reaches a switch gets the
// same answers from the target with or without that defect, so its verdict cannot change: the defect batch runs each
// variant on exactly the checks that reach its switch (targets/reference/mutation/).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import { ANY_CHECK, TRACE_HEADER } from '../../harness/run/trace.ts';

const requestCheck = new AsyncLocalStorage<string>();

/** Defect id → the checks (or scenarios, or `*`) whose requests consulted it. */
export type DefectReach = Map<string, Set<string>>;

export function tracedSwitch<Id extends string>(has: (id: Id) => boolean, reach: DefectReach): (id: Id) => boolean {
  return (id) => {
    const check = requestCheck.getStore() ?? ANY_CHECK;
    let checks = reach.get(id);
    if (!checks) reach.set(id, (checks = new Set()));
    checks.add(check);
    return has(id);
  };
}

/** Handle a request with its check known to the switch (from the trace header; `*` without one). */
export function withRequestCheck<T>(raw: IncomingMessage, fn: () => T): T {
  const header = raw.headers[TRACE_HEADER];
  return requestCheck.run(typeof header === 'string' && header ? header : ANY_CHECK, fn);
}

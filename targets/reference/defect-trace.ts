// Which suites reach which defect switch: when traced, every `ctx.has(id)` records the suite file named in the request's
// trace header (harness/run/trace.ts), or `*` for a request no single suite made (a worker's shared fixtures, a scenario
// several checks judge) and for the switches consulted at start-up. A suite that never reaches a switch gets the same
// answers from the target with or without that defect, so its verdicts cannot change: the defect batch runs each
// variant on exactly the suites that reach its switch (targets/reference/mutation/).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import { ANY_SUITE, TRACE_HEADER } from '../../harness/run/trace.ts';

const requestSuite = new AsyncLocalStorage<string>();

/** Defect id → the suite files (or `*`) whose requests consulted it. */
export type DefectReach = Map<string, Set<string>>;

export function tracedSwitch<Id extends string>(has: (id: Id) => boolean, reach: DefectReach): (id: Id) => boolean {
  return (id) => {
    const suite = requestSuite.getStore() ?? ANY_SUITE;
    let suites = reach.get(id);
    if (!suites) reach.set(id, (suites = new Set()));
    suites.add(suite);
    return has(id);
  };
}

/** Handle a request with its suite known to the switch (from the trace header; `*` without one). */
export function withRequestSuite<T>(raw: IncomingMessage, fn: () => T): T {
  const header = raw.headers[TRACE_HEADER];
  return requestSuite.run(typeof header === 'string' && header ? header : ANY_SUITE, fn);
}

// OIDC_RATE_LIMIT: the run keeps under a known quota (a hosted provider's rate limit) by spacing its requests.
// Each process (every Playwright worker, and the runner) gets an equal share of the rate, so all of them together
// never send more than the quota, whatever the checks do.
import { availableParallelism } from 'node:os';
import type { RateLimit } from './network-settings.ts';

/** The processes that send requests at the same time: the Playwright workers (as playwright.config.ts counts them). */
export function sendingProcesses(env: Record<string, string | undefined> = process.env): number {
  return Number(env.OIDC_WORKERS) || availableParallelism();
}

export class Pacer {
  private next = 0;
  constructor(private readonly intervalMs: number) {}

  /** Resolves when this process may send its next request. */
  async turn(): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }
}

let shared: { limit: RateLimit; pacer: Pacer } | undefined;

/** This process's pacer for the rate limit, or undefined when there is none. */
export function pacerFor(limit: RateLimit | undefined): Pacer | undefined {
  if (!limit) return undefined;
  if (shared?.limit !== limit) shared = { limit, pacer: new Pacer((limit.perMs * sendingProcesses()) / limit.requests) };
  return shared.pacer;
}

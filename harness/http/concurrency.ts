// How much of the run goes on at once. Against a provider across the network a run waits on round trips, not on the
// CPU: more workers then, as many as the requests in flight allow (OIDC_IN_FLIGHT), and within a worker its share of
// them for the requests a check sends together. Against a provider on this machine (or next to it) the CPU decides:
// one worker per core, as before.
import { availableParallelism } from 'node:os';
import { sendingProcesses } from './pacing.ts';

/** A round trip at least this long (ms) makes a provider remote: the run is bound by waiting, not by the CPU. */
export const REMOTE_ROUND_TRIP_MS = 20;

/** How many workers a core carries for a remote provider: each spends most of its time waiting on a round trip. */
export const REMOTE_WORKERS_PER_CORE = 4;

/** The workers a run gets when OIDC_WORKERS does not say: one per core, four times that for a remote provider (within OIDC_IN_FLIGHT). */
export function defaultWorkers(roundTripMs: number | undefined, inFlight: number, cores = availableParallelism()): number {
  if (roundTripMs === undefined || roundTripMs < REMOTE_ROUND_TRIP_MS) return cores;
  return Math.max(1, Math.min(inFlight, REMOTE_WORKERS_PER_CORE * cores));
}

/** Requests this process may have in flight: its share of OIDC_IN_FLIGHT (at least one). */
export function inFlightShare(inFlight: number, processes = sendingProcesses()): number {
  return Math.max(1, Math.floor(inFlight / processes));
}

/** A counting semaphore: at most `limit` holders at once, the others wait in order. */
export class Slots {
  private held = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.held >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    else this.held++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.held--;
    }
  }
}

let slots: Slots | undefined;

/** This process's slots for requests in flight (shared by every HTTP client in it). */
export function requestSlots(inFlight: number): Slots {
  if (slots?.limit !== inFlightShare(inFlight)) slots = new Slots(inFlightShare(inFlight));
  return slots;
}

/** `fn` over every item, as many at once as this process's share of OIDC_IN_FLIGHT lets through; results in order. */
export async function inParallel<T, R>(items: readonly T[], inFlight: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Math.min(items.length, inFlightShare(inFlight));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!, i);
    }),
  );
  return out;
}

// How far away the provider is: the round trip of a small request over a connection already open (the first
// request also pays for the connection and is not counted), the shortest of a few, so a busy machine does not
// make a provider next door look remote. The runner sizes the run by it (harness/http/concurrency.ts).
import { HttpClient } from './client.ts';
import { defaultWorkers, REMOTE_ROUND_TRIP_MS } from './concurrency.ts';
import { discoveryUrl, type Settings } from '../config/settings.ts';
import type { NetworkSettings } from './network-settings.ts';

const SAMPLES = 5;

/** The provider's round trip in ms, or undefined when it could not be measured (preflight says why elsewhere). */
export async function measureRoundTrip(url: string, timeoutMs: number, network?: NetworkSettings): Promise<number | undefined> {
  const http = new HttpClient(timeoutMs, undefined, undefined, network);
  try {
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) times.push((await http.send({ url })).exchange.durationMs);
    return Math.min(...times.slice(1));
  } catch {
    return undefined;
  } finally {
    await http.close();
  }
}

/** The worker count for a run whose OIDC_WORKERS is unset, from the provider's round trip; `note` says why when it is remote. */
export async function workersForRun(settings: Settings): Promise<{ workers: number; roundTripMs?: number; note?: string }> {
  const roundTripMs = await measureRoundTrip(discoveryUrl(settings.issuer), settings.timeoutMs, settings.network);
  const workers = defaultWorkers(roundTripMs, settings.network.inFlight);
  if (roundTripMs === undefined || roundTripMs < REMOTE_ROUND_TRIP_MS) return { workers, roundTripMs };
  return {
    workers,
    roundTripMs,
    note: `the provider is ${roundTripMs} ms away: ${workers} workers, at most ${settings.network.inFlight} requests in flight (OIDC_WORKERS, OIDC_IN_FLIGHT)`,
  };
}

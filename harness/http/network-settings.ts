// The settings of the harness's way to the provider: how throttling is waited out, how fast the run may send,
// TLS (a CA, an insecure mode, a client certificate) and proxies. Read with the other settings
// (harness/config/settings.ts), so a bad value ends the run before it starts, with one line.
import { SettingsError } from '../config/settings.ts';

/** OIDC_RATE_LIMIT: at most `requests` per `perMs`, for the whole run. */
export interface RateLimit {
  requests: number;
  perMs: number;
  /** As the user wrote it, e.g. `100/m`. */
  text: string;
}

export interface NetworkSettings {
  /** OIDC_THROTTLE_MAX_WAIT_MS: how long one request may wait out throttling (429, or 503 with Retry-After) in all. */
  throttleMaxWaitMs: number;
  /** OIDC_RATE_LIMIT: the pace the run keeps (all workers together); undefined: as fast as the checks go. */
  rateLimit?: RateLimit;
  /** OIDC_IN_FLIGHT: the most requests the run has in flight at once (all workers together), whatever the worker count. */
  inFlight: number;
}

type Env = Record<string, string | undefined>;

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000 };

/** `10/s`, `100/m`, `5000/h` (as Schemathesis's --rate-limit). */
export function parseRateLimit(raw: string | undefined): RateLimit | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  const m = /^(\d+)\s*\/\s*([smh])$/.exec(text);
  const requests = Number(m?.[1]);
  if (!m || !Number.isInteger(requests) || requests < 1)
    throw new SettingsError(
      'OIDC_RATE_LIMIT',
      `"${text}" must be a number of requests per second, minute or hour, e.g. 10/s, 100/m or 5000/h`,
    );
  return { requests, perMs: UNITS[m[2]!]!, text };
}

function whole(env: Env, name: string, fallback: number, min: number, max: number, unit = ''): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new SettingsError(name, `"${raw}" must be a whole number${unit} from ${min} to ${max}`);
  return n;
}

export function parseNetwork(env: Env): NetworkSettings {
  return {
    throttleMaxWaitMs: whole(env, 'OIDC_THROTTLE_MAX_WAIT_MS', 30_000, 0, 600_000, ' of milliseconds'),
    rateLimit: parseRateLimit(env.OIDC_RATE_LIMIT),
    inFlight: whole(env, 'OIDC_IN_FLIGHT', 8, 1, 256),
  };
}

let fromEnvironment: NetworkSettings | undefined;

/** The run's network settings, from the environment (read once per process; readSettings has judged them already). */
export function networkSettings(): NetworkSettings {
  return (fromEnvironment ??= parseNetwork(process.env));
}

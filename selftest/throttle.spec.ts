// Rate limits: a throttled answer (429, or 503 with Retry-After) is waited out within OIDC_THROTTLE_MAX_WAIT_MS and the
// request sent again, each attempt in the evidence; past the bound the request has no answer (Throttled, never a
// finding). OIDC_RATE_LIMIT spaces the requests. A full run against a provider that throttles every Nth request is
// green, and its summary says how often and how long.
import { test, expect } from '@playwright/test';
import { createServer } from 'node:http';
import { HttpClient, Throttled } from '../harness/http/client.ts';
import type { Exchange } from '../harness/http/exchange.ts';
import { listen } from '../harness/http/starting-server.ts';
import { parseNetwork, parseRateLimit, type NetworkSettings } from '../harness/http/network-settings.ts';
import { retryAfterMs } from '../harness/http/throttle.ts';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import { startProxiedReference, throttleEvery } from './support/test-proxy.ts';

/** A server that answers the first `times` requests with `answer`, then 200. */
async function throttling(answer: { status: number; headers?: Record<string, string> }, times: number) {
  let n = 0;
  const server = createServer((req, res) => {
    req.resume();
    if (++n <= times) res.writeHead(answer.status, answer.headers).end('{"error":"slow down"}');
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  const port = await listen(server, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}/x`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function send(
  answer: Parameters<typeof throttling>[0],
  times: number,
  network: Partial<NetworkSettings> = {},
): Promise<{ exchanges: Exchange[]; error?: unknown; ms: number }> {
  const server = await throttling(answer, times);
  const exchanges: Exchange[] = [];
  const http = new HttpClient(5_000, (ex) => void exchanges.push(ex), undefined, { ...parseNetwork({}), ...network });
  const started = performance.now();
  try {
    await http.send({ method: 'POST', url: server.url, json: {} });
    return { exchanges, ms: performance.now() - started };
  } catch (error) {
    return { exchanges, error, ms: performance.now() - started };
  } finally {
    await http.close();
    await server.close();
  }
}

test('Retry-After: delay-seconds and an HTTP-date; anything else is no instruction', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  expect(retryAfterMs('2', now)).toBe(2000);
  expect(retryAfterMs('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
  expect(retryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  expect(retryAfterMs('soon', now)).toBeUndefined();
  expect(retryAfterMs(undefined, now)).toBeUndefined();
});

test('OIDC_RATE_LIMIT is a number per second, minute or hour; OIDC_THROTTLE_MAX_WAIT_MS a bound in ms', () => {
  expect(parseRateLimit('100/m')).toEqual({ requests: 100, perMs: 60_000, text: '100/m' });
  expect(parseRateLimit(' 10 / s ')).toMatchObject({ requests: 10, perMs: 1000 });
  for (const bad of ['fast', '0/s', '10/d', '1.5/s']) expect(() => parseRateLimit(bad)).toThrow(/^OIDC_RATE_LIMIT: /);
  expect(parseNetwork({}).throttleMaxWaitMs).toBe(30_000);
  expect(() => parseNetwork({ OIDC_THROTTLE_MAX_WAIT_MS: 'long' })).toThrow(/^OIDC_THROTTLE_MAX_WAIT_MS: "long" must be a whole number/);
});

test('a 429 with Retry-After is waited out and the request sent again (a POST too: it was not processed); both answers are evidence', async () => {
  const { exchanges, error, ms } = await send({ status: 429, headers: { 'retry-after': '1' } }, 1);
  expect(error).toBeUndefined();
  expect(exchanges.map((e) => e.status)).toEqual([429, 200]);
  expect(ms).toBeGreaterThanOrEqual(950);
  expect(exchanges[0]!.throttled).toBe(true);
  expect(exchanges[0]!.superseded).toBe(
    'the provider throttled (HTTP 429, Retry-After: 1): the harness waited 1000 ms and sent the request again',
  );
  expect(exchanges[1]!.superseded).toBeUndefined();
});

test('a 503 throttles only with Retry-After: without it, it is the answer', async () => {
  expect((await send({ status: 503, headers: { 'retry-after': '0' } }, 1)).exchanges.map((e) => e.status)).toEqual([503, 200]);
  expect((await send({ status: 503 }, 1)).exchanges.map((e) => e.status)).toEqual([503]);
});

test('throttling past the bound is no answer (Throttled), said in the evidence, not waited for in vain', async () => {
  const { exchanges, error, ms } = await send({ status: 429, headers: { 'retry-after': '1' } }, 100, { throttleMaxWaitMs: 2_500 });
  expect(error).toBeInstanceOf(Throttled);
  expect((error as Throttled).message).toMatch(
    /kept throttling \(HTTP 429\) past the bound on waiting it out \(OIDC_THROTTLE_MAX_WAIT_MS=2500\)/,
  );
  expect(exchanges.map((e) => e.status)).toEqual([429, 429, 429]);
  expect(exchanges[2]!.superseded).toMatch(/beyond the bound on waiting .* the harness gave up/);
  expect(ms).toBeLessThan(2_500);
});

test('OIDC_RATE_LIMIT spaces the requests of a process by its share of the rate', async () => {
  const server = await throttling({ status: 200 }, 0);
  const before = process.env.OIDC_WORKERS;
  process.env.OIDC_WORKERS = '2'; // two processes share 20/s: one request every 100 ms each
  const http = new HttpClient(5_000, undefined, undefined, { ...parseNetwork({}), rateLimit: parseRateLimit('20/s') });
  try {
    const started = performance.now();
    for (let i = 0; i < 6; i++) await http.send({ url: server.url });
    expect(performance.now() - started).toBeGreaterThanOrEqual(480);
  } finally {
    process.env.OIDC_WORKERS = before;
    await http.close();
    await server.close();
  }
});

test('a provider that answers every 50th request 429 (Retry-After: 1): the run is green and its summary counts the throttling', async () => {
  test.setTimeout(600_000);
  const target = await startProxiedReference({ intercept: throttleEvery(50, 1) });
  try {
    const run = await runConformance({
      env: { OIDC_BASE_URL: target.issuer, OIDC_ADMIN_URL: target.adminUrl, OIDC_WORKERS: '4' },
      timeoutMs: 540_000,
    });
    const s = run.summary;
    expect(s?.totals.failed, run.output.slice(-3000)).toBe(0);
    expect(s?.gate.passed, run.output.slice(-3000)).toBe(true);
    expect(target.stats.intercepted).toBeGreaterThan(20);
    // Every 429 the proxy gave (to a check's request, or a worker's own as it ends) was waited out: the summary counts each.
    expect(s?.throttling).toMatchObject({ answers: target.stats.intercepted, gaveUp: 0 });
    expect(s?.throttling?.waitedMs).toBeGreaterThanOrEqual(1000 * target.stats.intercepted);
    expect(run.output).toMatch(new RegExp(`The provider throttled ${target.stats.intercepted} answer`));
  } finally {
    await target.close();
  }
});

test('a throttled deletion of a client a worker kept for its shared sign-ins is counted too, though no check was running', async () => {
  // Every client deletion is throttled once: the checks' own (when each check ends) and the worker's (when it ends).
  const seen = new Set<string>();
  const target = await startProxiedReference({
    intercept: (req) => {
      if (req.method !== 'DELETE' || seen.has(req.url)) return undefined;
      seen.add(req.url);
      return { status: 429, headers: { 'retry-after': '0' }, body: '' };
    },
  });
  try {
    const run = await runConformance({
      env: { OIDC_BASE_URL: target.issuer, OIDC_ADMIN_URL: target.adminUrl },
      suites: ['userinfo'],
    });
    const s = run.summary;
    expect(s?.totals.failed, run.output.slice(-3000)).toBe(0);
    expect(target.stats.intercepted).toBeGreaterThan(5);
    expect(s?.throttling).toMatchObject({ answers: target.stats.intercepted, gaveUp: 0 });
    // The worker's own deletions are no check's: fewer checks than answers.
    expect(s!.throttling!.checks).toBeLessThan(target.stats.intercepted);
  } finally {
    await target.close();
  }
});

// Concurrency that follows latency, not cores: the runner measures the provider's round trip and gives a remote one
// more workers (within OIDC_IN_FLIGHT); each process keeps to its share of the requests in flight.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { defaultWorkers, inFlightShare, inParallel, Slots } from '../harness/http/concurrency.ts';
import { measureRoundTrip } from '../harness/http/round-trip.ts';
import { listen } from '../harness/http/starting-server.ts';
import { parseNetwork } from '../harness/http/network-settings.ts';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import { startProxiedReference } from './support/test-proxy.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('workers: one per core for a provider nearby, four times that (within OIDC_IN_FLIGHT) for one 20 ms or more away', () => {
  expect(defaultWorkers(undefined, 16, 2)).toBe(2);
  expect(defaultWorkers(3, 16, 2)).toBe(2);
  expect(defaultWorkers(80, 16, 2)).toBe(8);
  expect(defaultWorkers(80, 3, 2)).toBe(3);
  expect(defaultWorkers(80, 16, 8)).toBe(16);
  expect(parseNetwork({}).inFlight).toBe(16);
  expect(() => parseNetwork({ OIDC_IN_FLIGHT: '0' })).toThrow(/^OIDC_IN_FLIGHT: "0" must be a whole number from 1 to 256/);
});

test("each process keeps to its share of the requests in flight, and inParallel keeps the items' order", async () => {
  expect(inFlightShare(8, 4)).toBe(2);
  expect(inFlightShare(3, 4)).toBe(1);
  const slots = new Slots(2);
  let now = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: 6 }, () =>
      slots.run(async () => {
        most = Math.max(most, ++now);
        await sleep(20);
        now--;
      }),
    ),
  );
  expect(most).toBe(2);

  const before = process.env.OIDC_WORKERS;
  process.env.OIDC_WORKERS = '2';
  try {
    let running = 0;
    let peak = 0;
    const out = await inParallel([5, 4, 3, 2, 1, 0], 6, async (x) => {
      peak = Math.max(peak, ++running);
      await sleep(x * 5);
      running--;
      return x * 10;
    });
    expect(out).toEqual([50, 40, 30, 20, 10, 0]);
    expect(peak).toBe(3); // 6 in flight over 2 processes
  } finally {
    process.env.OIDC_WORKERS = before;
  }
});

test('the round trip is measured over an open connection: a server that answers after 60 ms is 60 ms away, not more', async () => {
  const server = createServer((req, res) => {
    req.resume();
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 60);
  });
  const port = await listen(server, 0, '127.0.0.1');
  try {
    const rtt = (await measureRoundTrip(`http://127.0.0.1:${port}/x`, 5_000))!;
    expect(rtt).toBeGreaterThanOrEqual(60);
    expect(rtt).toBeLessThan(400);
    expect(await measureRoundTrip(`http://127.0.0.1:${port + 1 === 65536 ? 1 : port + 1}/nothing-listens`, 2_000)).toBeUndefined();
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('a provider 40 ms away: the run says so and takes four times the workers (within OIDC_IN_FLIGHT); without the delay, one per core', async () => {
  const remote = defaultWorkers(40, 16);
  const far = await startProxiedReference({ delayMs: 40 });
  try {
    const run = await runConformance({
      suites: ['discovery'],
      env: { OIDC_BASE_URL: far.issuer, OIDC_ADMIN_URL: far.adminUrl, OIDC_WORKERS: '' },
    });
    expect(run.output).toMatch(
      new RegExp(`the provider is \\d+ ms away: ${remote} workers, at most 16 requests in flight \\(OIDC_WORKERS, OIDC_IN_FLIGHT\\)`),
    );
    expect(run.output).toContain(`in ${remote} workers`);
    expect(run.summary?.totals.failed, run.output.slice(-2000)).toBe(0);
  } finally {
    await far.close();
  }
  const near = await runConformance({ suites: ['discovery'], env: { OIDC_WORKERS: '' } });
  expect(near.output).not.toMatch(/the provider is \d+ ms away/);
  expect(near.output).toContain(`in ${availableParallelism()} workers`);
});

test("a worker's checks share its connections: a run of 30 checks opens a handful, not one or more per check", async () => {
  const proxy = await startProxiedReference({ delayMs: 0 });
  try {
    const run = await runConformance({
      suites: ['registration-create'],
      env: { OIDC_BASE_URL: proxy.issuer, OIDC_ADMIN_URL: proxy.adminUrl, OIDC_WORKERS: '1' },
    });
    expect(run.summary?.totals.failed, run.output.slice(-2000)).toBe(0);
    const checks = run.summary!.totals.passed;
    expect(checks).toBeGreaterThanOrEqual(20);
    expect(proxy.stats.requests).toBeGreaterThan(checks);
    // The command's own (round trip, preflight, sweep) and the worker's, to each of the two ports: never one per check.
    expect(proxy.stats.connections, JSON.stringify(proxy.stats)).toBeLessThanOrEqual(10);
  } finally {
    await proxy.close();
  }
});

test('a scenario several checks judge is sent once and counted once: the exchanges timings.json counts were all sent', async () => {
  const proxy = await startProxiedReference({ delayMs: 0 });
  try {
    // The five generated-body checks judge one set of registrations, made once in their one worker.
    const run = await runConformance({
      suites: ['registration-fuzz'],
      env: { OIDC_BASE_URL: proxy.issuer, OIDC_ADMIN_URL: proxy.adminUrl, OIDC_WORKERS: '1', OIDC_HTML_REPORT: '0' },
    });
    expect(run.summary?.totals.passed, run.output.slice(-2000)).toBe(5);
    const timings = JSON.parse(readFileSync(join(run.reportsDir, 'timings.json'), 'utf8')) as { exchanges: number };
    // Each check's evidence holds the scenario's exchanges; counting every copy would count five times what was sent.
    expect(timings.exchanges).toBeGreaterThan(0);
    expect(timings.exchanges, JSON.stringify(proxy.stats)).toBeLessThanOrEqual(proxy.stats.requests);
  } finally {
    await proxy.close();
  }
});

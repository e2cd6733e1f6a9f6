// Retries never hide an answer. The storage-conflict retry (OIDC_RETRY_STORAGE_CONFLICTS=1, for Hydra on SQLite) sends
// again only a safe request whose 5xx error body says the storage refused a racing write; the sign-in is made again
// (as a new flow) only when its failing step got that answer; every attempt stays in the evidence. Without the
// setting nothing is tried again: a token endpoint that answers 500 now and then fails TOKEN-CODE-FLOW.
import { test, expect } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from '../harness/http/client.ts';
import type { Exchange } from '../harness/http/exchange.ts';
import { listen } from '../harness/http/starting-server.ts';
import { runConformance, type ConformanceRun } from '../harness/run/spawn-conformance.ts';
import { startProxiedReference, type CannedAnswer } from './support/test-proxy.ts';

const CONFLICT = JSON.stringify({ error: 'server_error', error_description: 'Unable to serialize access due to a concurrent update' });
const PKCE_LOST = JSON.stringify({ error: 'invalid_grant', error_description: 'Unable to find initial PKCE data tied to this request' });

/** A server whose first `times` answers to each path are `answer`, then 200 {"ok":true}. */
async function serving(answer: { status: number; body: string; headers?: Record<string, string> }, times = 1) {
  const seen = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    req.resume();
    const n = (seen.get(req.url!) ?? 0) + 1;
    seen.set(req.url!, n);
    if (n <= times) res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body);
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  const port = await listen(server, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function attempts(
  answer: Parameters<typeof serving>[0],
  req: { method?: string; path?: string },
  optIn: boolean,
  times = 1,
): Promise<Exchange[]> {
  const server = await serving(answer, times);
  const seen: Exchange[] = [];
  const http = new HttpClient(5_000, (ex) => {
    seen.push(ex);
  });
  const before = process.env.OIDC_RETRY_STORAGE_CONFLICTS;
  process.env.OIDC_RETRY_STORAGE_CONFLICTS = optIn ? '1' : '0';
  try {
    await http.send({
      method: req.method ?? 'GET',
      url: `${server.url}${req.path ?? '/thing'}`,
      ...(req.method === 'POST' ? { json: {} } : {}),
    });
    return seen;
  } finally {
    process.env.OIDC_RETRY_STORAGE_CONFLICTS = before;
    await http.close();
    await server.close();
  }
}

const statuses = (exs: Exchange[]) => exs.map((e) => e.status);

test.describe('the HTTP client tries again only what cannot hide an answer', () => {
  test('a safe request answered with a storage conflict is sent again, each attempt recorded and the earlier ones marked', async () => {
    const exs = await attempts({ status: 500, body: CONFLICT }, {}, true, 1);
    expect(statuses(exs)).toEqual([500, 200]);
    expect(exs[0]!.superseded).toMatch(/storage refused a racing write/);
    expect(exs[1]!.superseded).toBeUndefined();
  });

  test('at most three attempts: the last answer, still a conflict, is the one judged', async () => {
    const exs = await attempts({ status: 500, body: CONFLICT }, {}, true, 10);
    expect(statuses(exs)).toEqual([500, 500, 500]);
    expect(exs[2]!.superseded).toBeUndefined();
  });

  test('a POST (a registration, a code exchange) is never sent again: it may have taken effect', async () => {
    expect(statuses(await attempts({ status: 500, body: CONFLICT }, { method: 'POST' }, true))).toEqual([500]);
  });

  test('without OIDC_RETRY_STORAGE_CONFLICTS=1 nothing is sent again', async () => {
    expect(statuses(await attempts({ status: 500, body: CONFLICT }, {}, false))).toEqual([500]);
  });

  test('only the error body of a 5xx counts: not a 2xx body, not a Location, not a bare 500, not a PKCE failure', async () => {
    expect(statuses(await attempts({ status: 200, body: CONFLICT }, {}, true))).toEqual([200]);
    const location = `/error?error_description=${encodeURIComponent('Unable to serialize access due to a concurrent update')}`;
    expect(statuses(await attempts({ status: 302, body: '', headers: { location } }, {}, true))).toEqual([302]);
    expect(statuses(await attempts({ status: 500, body: '{"error":"server_error"}' }, {}, true))).toEqual([500]);
    expect(statuses(await attempts({ status: 500, body: PKCE_LOST }, {}, true))).toEqual([500]);
    expect(statuses(await attempts({ status: 400, body: PKCE_LOST }, {}, true))).toEqual([400]);
  });
});

/** Every text of the run's report (the evidence attachments included). */
function reportText(run: ConformanceRun): string {
  const dir = join(run.reportsDir, 'allure-results');
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

const codeFlow = (run: ConformanceRun) => run.summary?.checks.find((c) => c.id === 'TOKEN-CODE-FLOW');

/** TOKEN-CODE-FLOW alone, against the reference behind a proxy that answers the first code exchange itself. */
async function signInWhereTheFirstCodeExchangeGets(answer: CannedAnswer, optIn: boolean): Promise<ConformanceRun> {
  let exchanges = 0;
  const target = await startProxiedReference({
    intercept: (req) =>
      req.method === 'POST' &&
      req.url.startsWith('/oauth2/token') &&
      req.body.includes('grant_type=authorization_code') &&
      ++exchanges === 1
        ? answer
        : undefined,
  });
  try {
    return await runConformance({
      args: ['-g', 'TOKEN-CODE-FLOW'],
      env: {
        OIDC_BASE_URL: target.issuer,
        OIDC_ADMIN_URL: target.adminUrl,
        OIDC_WORKERS: '1',
        OIDC_RETRY_STORAGE_CONFLICTS: optIn ? '1' : '0',
      },
    });
  } finally {
    await target.close();
  }
}

test.describe('the sign-in that TOKEN-CODE-FLOW judges', () => {
  test('a token endpoint that answers 500 to three of every four code exchanges fails it, with or without the retry setting', async () => {
    for (const optIn of ['0', '1']) {
      const run = await runConformance({
        defects: ['tokens.code-exchange-server-error'],
        args: ['-g', 'TOKEN-CODE-FLOW'],
        env: { OIDC_RETRY_STORAGE_CONFLICTS: optIn },
      });
      const flow = codeFlow(run);
      expect(flow?.status, run.output.slice(-2000)).toBe('failed');
      expect(flow?.message).toMatch(/code exchange answered HTTP 500/);
    }
  });

  test('a storage conflict at the code exchange: a failure by default; with the setting a new sign-in, the first one in the evidence', async () => {
    const conflict = { status: 500, headers: { 'content-type': 'application/json' }, body: CONFLICT };
    const strict = await signInWhereTheFirstCodeExchangeGets(conflict, false);
    expect(codeFlow(strict)?.status, strict.output.slice(-2000)).toBe('failed');

    const lenient = await signInWhereTheFirstCodeExchangeGets(conflict, true);
    expect(codeFlow(lenient)?.status, lenient.output.slice(-2000)).toBe('passed');
    const report = reportText(lenient);
    expect(report).toContain('the sign-in stopped at a storage conflict of the provider, signing in again');
    expect(report).toContain(
      "not part of the observed contract: a sign-in that stopped at the provider's storage conflict and was made again",
    );
  });

  test('"Unable to find initial PKCE data" is a PKCE failure, never a reason to sign in again', async () => {
    const run = await signInWhereTheFirstCodeExchangeGets(
      { status: 400, headers: { 'content-type': 'application/json' }, body: PKCE_LOST },
      true,
    );
    expect(codeFlow(run)?.status, run.output.slice(-2000)).toBe('failed');
    expect(codeFlow(run)?.message).toMatch(/Unable to find initial PKCE data/);
  });
});

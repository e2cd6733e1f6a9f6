// Start-up: a request that reaches a port while a server starts is answered (503 until it is ready,
// then the real answer), never accepted and left hanging. The reference target holds its start-up
// in whileStarting, so the requests below reach it before it is ready, however fast the machine is;
// every request has its own bound, so a dropped one fails the test instead of hanging it.
import { test, expect } from '@playwright/test';
import { request } from 'undici';
import { listen, startingServer } from '../harness/http/starting-server.ts';
import { startReference } from '../targets/reference/server.ts';

const ANSWER_MS = 5_000;
const POLL_GAP_MS = 50;

test.describe.configure({ timeout: 60_000 });

interface Answer {
  status: number;
  body: string;
}

async function ask(url: string, method: 'GET' | 'POST' = 'GET', body?: string): Promise<Answer> {
  try {
    const res = await request(url, {
      method,
      body,
      headers: body ? { 'content-type': 'application/json' } : {},
      signal: AbortSignal.timeout(ANSWER_MS),
    });
    return { status: res.statusCode, body: await res.body.text() };
  } catch (e) {
    throw new Error(`${method} ${url}: no answer within ${ANSWER_MS} ms (${(e as Error).message})`, { cause: e });
  }
}

function expectStarting(a: Answer): void {
  expect(a.status).toBe(503);
  expect(JSON.parse(a.body)).toMatchObject({ error: 'temporarily_unavailable' });
}

test('requests that reach the reference target while it starts are answered: 503 before it is ready', async () => {
  const inFlight: Promise<Answer>[] = [];
  let whileHeld: Answer[] = [];
  const target = await startReference({
    whileStarting: async ({ publicPort, adminPort }) => {
      const pub = `http://127.0.0.1:${publicPort}`;
      const admin = `http://127.0.0.1:${adminPort}`;
      // Answered while start-up waits here, i.e. before the target is ready.
      whileHeld = await Promise.all([
        ask(`${pub}/.well-known/openid-configuration`),
        ask(`${pub}/oauth2/register`, 'POST', '{"redirect_uris":["http://127.0.0.1/cb"]}'),
        ask(`${admin}/admin/health/ready`),
      ]);
      // Still in flight when start-up goes on: either answer is right, silence is not.
      inFlight.push(ask(`${pub}/.well-known/openid-configuration`), ask(`${admin}/admin/health/alive`));
    },
  });
  try {
    expect(whileHeld).toHaveLength(3);
    for (const a of whileHeld) expectStarting(a);
    for (const a of await Promise.all(inFlight)) expect([200, 503]).toContain(a.status);
    expect((await ask(`${target.publicUrl}/.well-known/openid-configuration`)).status).toBe(200);
  } finally {
    await target.close();
  }
});

test('polling discovery from the moment the port is bound ends in 200, every poll answered', async () => {
  const statuses: number[] = [];
  let started = false;
  let polling: Promise<void> | undefined;
  // Polls until 200; a poll sent after the start resolved must be the 200, so the loop always ends.
  const poll = async (url: string): Promise<void> => {
    for (;;) {
      const afterStart = started;
      const { status } = await ask(url);
      statuses.push(status);
      if (status === 200 || afterStart) return;
      await new Promise((r) => setTimeout(r, POLL_GAP_MS));
    }
  };
  const starting = startReference({
    whileStarting: async ({ publicPort }) => {
      const url = `http://127.0.0.1:${publicPort}/.well-known/openid-configuration`;
      statuses.push((await ask(url)).status); // the first poll, before the target is ready
      polling = poll(url);
    },
  });
  starting.then(
    () => {
      started = true;
    },
    () => {
      started = true;
    },
  );
  const target = await starting;
  try {
    await polling;
    expect(statuses[0]).toBe(503);
    expect(statuses.at(-1)).toBe(200);
    for (const s of statuses) expect([200, 503]).toContain(s);
  } finally {
    await target.close();
  }
});

test('a start that fails closes both ports', async () => {
  let ports = { publicPort: 0, adminPort: 0 };
  await expect(
    startReference({
      whileStarting: (p) => {
        ports = p;
        throw new Error('start-up stopped by the test');
      },
    }),
  ).rejects.toThrow('start-up stopped by the test');
  await expect(ask(`http://127.0.0.1:${ports.publicPort}/health/alive`)).rejects.toThrow(/ECONNREFUSED/);
  await expect(ask(`http://127.0.0.1:${ports.adminPort}/admin/health/alive`)).rejects.toThrow(/ECONNREFUSED/);
});

// The receiver and oidc-provider use the same server: 503 until open(), the handler after.
test('a starting server answers 503 with a JSON error until it is opened, then its handler answers', async () => {
  const { server, open } = startingServer();
  const url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/anything`;
  try {
    const before = await ask(url, 'POST', '{"a":1}');
    expectStarting(before);
    open((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ready');
    });
    expect(await ask(url)).toEqual({ status: 200, body: 'ready' });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

// Bad settings and broken targets end the run at once with one clear line and exit code 2:
// never a stack trace, never a hang.
import { test, expect } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsMarkdown } from '../harness/config/settings-table.ts';

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The run's own lines (tsx and Node print nothing else on a clean exit). */
function lines(output: string): string[] {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('[conformance] no OIDC_BASE_URL set'));
}

function expectOneClearLine(run: { code: number | null; output: string }, pattern: RegExp) {
  expect(run.code, run.output).toBe(2);
  const out = lines(run.output);
  expect(out, run.output).toHaveLength(1);
  expect(out[0]).toMatch(pattern);
  expect(run.output).not.toMatch(/\n\s+at /); // no stack trace
}

test('a malformed URL names the setting', async () => {
  const run = await runConformance({ env: { OIDC_BASE_URL: 'not a url' } });
  expectOneClearLine(run, /^\[conformance\] OIDC_BASE_URL: "not a url" is not a URL/);
});

test('a URL with another scheme names the setting', async () => {
  const run = await runConformance({ env: { OIDC_BASE_URL: 'ftp://127.0.0.1/' } });
  expectOneClearLine(run, /OIDC_BASE_URL: "ftp:\/\/127\.0\.0\.1\/" must use http or https/);
});

test('an unreachable target ends the run within the timeout', async () => {
  const run = await runConformance({ env: { OIDC_BASE_URL: 'http://127.0.0.1:9' } });
  expectOneClearLine(run, /OIDC_BASE_URL: http:\/\/127\.0\.0\.1:9 is unreachable: connection refused/);
});

test('a target that never answers ends the run after OIDC_TIMEOUT_MS', async () => {
  const { url, server } = await serve(() => {
    /* never answers */
  });
  try {
    const started = Date.now();
    const run = await runConformance({ env: { OIDC_BASE_URL: url, OIDC_TIMEOUT_MS: '800' } });
    expectOneClearLine(run, /OIDC_BASE_URL: .* is unreachable: no answer within 800 ms/);
    expect(Date.now() - started).toBeLessThan(30_000);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('a target that answers 500 is named unhealthy', async () => {
  const { url, server } = await serve((_req, res) => {
    res.statusCode = 500;
    res.end('oops');
  });
  try {
    const run = await runConformance({ env: { OIDC_BASE_URL: url } });
    expectOneClearLine(run, /OIDC_BASE_URL: the target answered HTTP 500 to GET .*\/\.well-known\/openid-configuration; it is not healthy/);
  } finally {
    server.close();
  }
});

test('a target that sends broken JSON is named', async () => {
  const { url, server } = await serve((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"issuer": ');
  });
  try {
    const run = await runConformance({ env: { OIDC_BASE_URL: url } });
    expectOneClearLine(run, /OIDC_BASE_URL: GET .* answered a body that is not a JSON object: "\{\\"issuer\\": "/);
  } finally {
    server.close();
  }
});

test('an unknown profile, a bad timeout and a missing baseline file name their settings', async () => {
  expectOneClearLine(
    await runConformance({ env: { OIDC_PROFILE: 'strictest' } }),
    /OIDC_PROFILE: "strictest" must be "ory" or "standards"/,
  );
  expectOneClearLine(await runConformance({ env: { OIDC_TIMEOUT_MS: 'soon' } }), /OIDC_TIMEOUT_MS: "soon" must be a whole number/);
  expectOneClearLine(
    await runConformance({ env: { OIDC_BASELINE: '/nonexistent/baseline.json' } }),
    /OIDC_BASELINE: cannot read \/nonexistent\/baseline\.json/,
  );
});

test('an admin API that refuses the token is named', async () => {
  const run = await runConformance({ env: { OIDC_ADMIN_TOKEN: 'wrong-token-value', OIDC_REFERENCE_ADMIN_TOKEN: 'the-right-token-value' } });
  expectOneClearLine(run, /OIDC_ADMIN_TOKEN: the admin API refused the token \(HTTP 401\)/);
  expect(run.output).not.toContain('wrong-token-value');
});

test('a CHROMIUM_PATH that names no file is a setting error, not a silent fallback to another browser', async () => {
  const run = await runConformance({ env: { CHROMIUM_PATH: '/nonexistent/chromium' } });
  expectOneClearLine(run, /^\[conformance\] CHROMIUM_PATH: "\/nonexistent\/chromium" names no file/);
});

test("the README's settings table is the one --help shows (harness/config/settings-table.ts)", () => {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  expect(readme).toContain(settingsMarkdown());
});

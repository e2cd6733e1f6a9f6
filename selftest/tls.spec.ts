// TLS and proxies, against an HTTPS listener with a CA made in the test: OIDC_CA_FILE trusted by the HTTP client and the
// browser, OIDC_INSECURE_TLS=1 said in the summary and the gate line, a client certificate presented when a server
// asks, and HTTPS_PROXY/HTTP_PROXY/NO_PROXY taken by the HTTP client and the browser. Two full runs: the embedded
// reference over HTTPS, and through a proxy that alone knows the target's host names; both green.
import { test, expect } from '@playwright/test';
import { createServer, type ServerOptions } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { chromium } from '@playwright/test';
import { HttpClient, TransportError } from '../harness/http/client.ts';
import { listen } from '../harness/http/starting-server.ts';
import { parseNetwork, type NetworkSettings } from '../harness/http/network-settings.ts';
import { browserProxy, browserTlsArgs, bypassesProxy } from '../harness/http/browser-trust.ts';
import { chromiumLaunchOptions } from '../harness/browser.ts';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import { startReference } from '../targets/reference/server.ts';
import { freePort } from '../targets/hydra/start.ts';
import { makeTestCa, type TestCa } from '../targets/reference/tls.ts';
import { startForwardProxy } from './support/forward-proxy.ts';

/** Suites that between them take every way a run reaches the provider and back (see the runs below). */
const WAYS_IN = ['discovery', 'registration-read', 'token-code', 'userinfo', 'logout-backchannel', 'logout-frontchannel', 'logout-rp'];

let ca: TestCa;
let other: TestCa;
test.beforeAll(() => {
  ca = makeTestCa();
  other = makeTestCa();
});

/** An HTTPS server with the test CA's certificate that says who the client was (the CN of its certificate, if any). */
async function httpsServer(extra: ServerOptions = {}) {
  const server = createServer({ cert: ca.serverCert, key: ca.serverKey, ...extra }, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ client: peer?.subject?.CN ?? null }));
  });
  const port = await listen(server, 0, '127.0.0.1');
  return { url: `https://127.0.0.1:${port}/`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function get(url: string, env: Record<string, string>): Promise<{ status?: number; client?: string; error?: string }> {
  const http = new HttpClient(5_000, undefined, undefined, parseNetwork(env));
  try {
    const res = await http.send({ url });
    return { status: res.status, client: res.json?.client ?? undefined };
  } catch (e) {
    return { error: e instanceof TransportError ? e.message : String(e) };
  } finally {
    await http.close();
  }
}

test('the HTTP client: a certificate of an unknown CA is refused with what to do; OIDC_CA_FILE trusts it; OIDC_INSECURE_TLS=1 skips the check', async () => {
  const server = await httpsServer();
  try {
    expect((await get(server.url, {})).error).toMatch(
      /^the provider's TLS certificate is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): set OIDC_CA_FILE to the CA that issued it, or OIDC_INSECURE_TLS=1/,
    );
    expect(await get(server.url, { OIDC_CA_FILE: ca.caFile })).toEqual({ status: 200 });
    expect((await get(server.url, { OIDC_CA_FILE: other.caFile })).error).toMatch(/not trusted/);
    expect(await get(server.url, { OIDC_INSECURE_TLS: '1' })).toEqual({ status: 200 });
  } finally {
    await server.close();
  }
});

test('a client certificate (OIDC_CLIENT_CERT_FILE, OIDC_CLIENT_KEY_FILE) is presented to a server that asks for one', async () => {
  const server = await httpsServer({ requestCert: true, rejectUnauthorized: true, ca: ca.caPem });
  try {
    expect((await get(server.url, { OIDC_CA_FILE: ca.caFile })).error).toBeDefined(); // no certificate: the handshake fails
    const withCert = { OIDC_CA_FILE: ca.caFile, OIDC_CLIENT_CERT_FILE: ca.clientCertFile, OIDC_CLIENT_KEY_FILE: ca.clientKeyFile };
    expect(await get(server.url, withCert)).toEqual({ status: 200, client: 'oidc-harness-client' });
  } finally {
    await server.close();
  }
});

test('bad TLS and proxy settings are one line naming the setting', () => {
  const bad = (env: Record<string, string>) => () => parseNetwork(env);
  expect(bad({ OIDC_CA_FILE: '/nonexistent/ca.pem' })).toThrow(/^OIDC_CA_FILE: cannot read \/nonexistent\/ca.pem/);
  expect(bad({ OIDC_CA_FILE: ca.serverKeyFile })).toThrow(/^OIDC_CA_FILE: .* holds no certificate in PEM form/);
  expect(bad({ OIDC_CLIENT_CERT_FILE: ca.clientCertFile })).toThrow(/^OIDC_CLIENT_KEY_FILE: is not set: a client certificate needs both/);
  expect(bad({ OIDC_CLIENT_CERT_FILE: ca.clientCertFile, OIDC_CLIENT_KEY_FILE: ca.selfSignedKeyFile })).toThrow(
    /^OIDC_CLIENT_KEY_FILE: .* does not go with/,
  );
  expect(bad({ OIDC_INSECURE_TLS: 'maybe' })).toThrow(/^OIDC_INSECURE_TLS: "maybe" must be 1 or 0/);
  expect(bad({ HTTPS_PROXY: 'socks5://proxy:1080' })).toThrow(/^HTTPS_PROXY: must be an http or https proxy, not socks5:/);
  expect(parseNetwork({ https_proxy: 'proxy.example.com:3128' }).proxy.https).toBe('http://proxy.example.com:3128');
});

test('NO_PROXY as curl reads it, and the browser given the same proxy', () => {
  const u = (s: string) => new URL(s);
  expect(bypassesProxy(u('https://auth.example.com/'), 'example.com')).toBe(true);
  expect(bypassesProxy(u('https://auth.example.com/'), '.example.com')).toBe(true);
  expect(bypassesProxy(u('https://example.org/'), 'example.com,localhost')).toBe(false);
  expect(bypassesProxy(u('http://127.0.0.1:8080/'), '127.0.0.1:9090')).toBe(false);
  expect(bypassesProxy(u('http://127.0.0.1:8080/'), '127.0.0.1:8080')).toBe(true);
  expect(bypassesProxy(u('https://anything/'), '*')).toBe(true);
  expect(browserProxy({ https: 'http://user:p%40ss@proxy:3128', noProxy: '.example.com' })).toEqual({
    server: 'http://proxy:3128',
    bypass: 'example.com,*.example.com',
    username: 'user',
    password: 'p@ss',
  });
  expect(browserProxy({})).toBeUndefined();
});

test('the browser accepts exactly the keys OIDC_CA_FILE vouches for: a server of another CA stays refused', async () => {
  const server = await httpsServer();
  const network = (file: string): NetworkSettings => parseNetwork({ OIDC_CA_FILE: file });
  try {
    const trusted = await browserTlsArgs([server.url], network(ca.caFile), 5_000);
    expect(trusted).toHaveLength(1);
    expect(await browserTlsArgs([server.url], network(other.caFile), 5_000)).toEqual([]);
    const options = chromiumLaunchOptions();
    for (const [args, expected] of [
      [trusted, 200],
      [[], 'ERR_CERT_AUTHORITY_INVALID'],
    ] as const) {
      const browser = await chromium.launch({ ...options, args: [...options.args, ...args] });
      try {
        const page = await browser.newPage();
        const got = await page.goto(server.url).then(
          (r) => r?.status(),
          (e: Error) => /ERR_CERT_[A-Z_]+/.exec(e.message)?.[0],
        );
        expect(got).toBe(expected);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
});

test('the embedded reference over HTTPS with a CA made here: green with OIDC_CA_FILE (browser suites included); OIDC_INSECURE_TLS=1 is said in the summary and the gate line', async () => {
  test.setTimeout(600_000);
  const target = await startReference({ tls: { cert: ca.serverCert, key: ca.serverKey } });
  try {
    const env = { OIDC_BASE_URL: target.issuer, OIDC_ADMIN_URL: target.adminUrl };
    expect(target.issuer).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // Every way a run reaches the provider, not every rule: the HTTP client (public and admin API), the sign-in, the
    // receiver's back-channel deliveries and the browser (front-channel and RP-initiated logout), declared the gate.
    const trusted = await runConformance({
      env: { ...env, OIDC_CA_FILE: ca.caFile, OIDC_GATE_ON_SELECTION: '1' },
      suites: WAYS_IN,
      timeoutMs: 540_000,
    });
    expect(trusted.summary?.gate.passed, trusted.output.slice(-3000)).toBe(true);
    expect(trusted.summary?.totals.failed).toBe(0);
    expect(trusted.summary?.totals.passed).toBeGreaterThan(40);
    expect(trusted.summary?.target.insecureTls).toBeUndefined();
    const logout = trusted.summary!.checks.filter((c) => c.id.startsWith('LOGOUT-FC-') || c.id === 'LOGOUT-RP-POST');
    expect(logout.length).toBeGreaterThan(0);
    for (const c of logout) expect(c.status, c.id).toBe('passed');

    const refused = await runConformance({ env, suites: ['discovery'] });
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(/the provider's TLS certificate is not trusted/);

    const insecure = await runConformance({ env: { ...env, OIDC_INSECURE_TLS: '1' }, suites: ['discovery'] });
    expect(insecure.summary?.target.insecureTls, insecure.output.slice(-2000)).toBe(true);
    expect(insecure.summary?.totals.failed).toBe(0);
    expect(insecure.output).toMatch(/^GATE: .*OIDC_INSECURE_TLS=1/m);
  } finally {
    await target.close();
  }
});

test('the browser takes the proxy and, through it, trusts the keys OIDC_CA_FILE vouches for: a host only the proxy knows loads', async () => {
  const named = makeTestCa(['provider.test.invalid']);
  const server = createServer({ cert: named.serverCert, key: named.serverKey }, (_req, res) => res.end('<title>through the proxy</title>'));
  const port = await listen(server, 0, '127.0.0.1');
  const proxy = await startForwardProxy({ 'provider.test.invalid': '127.0.0.1' });
  try {
    const network = parseNetwork({ OIDC_CA_FILE: named.caFile, HTTPS_PROXY: proxy.url });
    const url = `https://provider.test.invalid:${port}/`;
    const args = await browserTlsArgs([url], network, 5_000); // verified through a CONNECT tunnel of the proxy
    expect(args).toHaveLength(1);
    const options = chromiumLaunchOptions();
    const browser = await chromium.launch({ ...options, args: [...options.args, ...args], proxy: browserProxy(network.proxy)! });
    try {
      const page = await browser.newPage();
      expect((await page.goto(url))?.status()).toBe(200);
      expect(await page.title()).toBe('through the proxy');
    } finally {
      await browser.close();
    }
    expect(proxy.seen.get('provider.test.invalid')).toBeGreaterThanOrEqual(2); // the harness's probe and the browser
  } finally {
    await proxy.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('a run through a proxy (HTTP_PROXY, HTTPS_PROXY) against the embedded target over HTTPS, named by a host only the proxy knows: green, so every request went through it', async () => {
  test.setTimeout(600_000);
  // The target's URLs name provider.test.invalid, which no resolver knows: a request that bypassed the proxy gets no answer.
  const named = makeTestCa(['provider.test.invalid']);
  const [publicPort, adminPort] = [await freePort(), await freePort()];
  const target = await startReference({
    tls: { cert: named.serverCert, key: named.serverKey },
    publicPort,
    adminPort,
    publicUrl: `https://provider.test.invalid:${publicPort}`,
    adminUrl: `https://provider.test.invalid:${adminPort}`,
  });
  const proxy = await startForwardProxy({ 'provider.test.invalid': '127.0.0.1' });
  try {
    const run = await runConformance({
      env: {
        OIDC_BASE_URL: target.issuer,
        OIDC_ADMIN_URL: target.adminUrl,
        OIDC_CA_FILE: named.caFile,
        HTTPS_PROXY: proxy.url,
        HTTP_PROXY: proxy.url,
        NO_PROXY: '',
        OIDC_GATE_ON_SELECTION: '1',
      },
      suites: WAYS_IN,
      timeoutMs: 540_000,
    });
    expect(run.summary?.gate.passed, run.output.slice(-3000)).toBe(true);
    expect(run.summary?.totals.failed).toBe(0);
    expect(run.summary?.totals.passed).toBeGreaterThan(40);
    expect(proxy.seen.get('provider.test.invalid')).toBeGreaterThan(0);
  } finally {
    await proxy.close();
    await target.close();
  }
});

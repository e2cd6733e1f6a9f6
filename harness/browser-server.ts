// One browser for the whole run when it has more workers than cores (a remote provider), shared by its workers:
// the test runner starts it (this file is the config's globalSetup) and lends it out; each worker connects to it and
// each check still opens a fresh context of its own (fixtures/browser.ts). A launch per worker cost each worker's
// first browser check a second and more, and as many chromium processes as workers. Workers ask a loopback address
// (OIDC_BROWSER_BROKER, a random path) for the browser and the first ask launches it, so a run without a browser
// check never starts one. (Launching it at once instead slowed the runner's loading of the suites on 2 cores by as
// much as it saved the first browser check.) The browser is closed when the run ends, interrupted or not; if the
// runner dies instead, chromium sees its pipe close and exits.
import { randomUUID } from 'node:crypto';
import { createServer, get, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { chromium, type BrowserServer, type FullConfig } from '@playwright/test';
import { readSettings, type Settings } from './config/settings.ts';
import { chromiumLaunchOptionsFor, chromiumPath } from './browser.ts';
import { variants } from './run/variants.ts';

/** Where a worker asks for the run's browser; unset when the runner lends none (the worker then launches its own). */
export const BROWSER_BROKER_ENV = 'OIDC_BROWSER_BROKER';
/** Bound on starting the browser, and so on a worker's wait for it. */
const LAUNCH_TIMEOUT_MS = 60_000;
/** Bound on closing it at the end of the run, before it is killed. */
const CLOSE_TIMEOUT_MS = 10_000;

export interface LentBrowser {
  wsEndpoint: string;
  /** True for the first ask only: the check that counts the run's one launch (BROWSER_LAUNCH_ANNOTATION). */
  launched: boolean;
}

/** The run's browser, from the runner; undefined when it lends none. */
export function borrowBrowser(env: NodeJS.ProcessEnv = process.env): Promise<LentBrowser> | undefined {
  const broker = env[BROWSER_BROKER_ENV];
  if (!broker) return undefined;
  return new Promise((resolve, reject) => {
    // agent: false, so that no proxy setting of the environment is ever applied to this loopback request.
    const req = get(broker, { agent: false, timeout: LAUNCH_TIMEOUT_MS + 5_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        try {
          const lent = JSON.parse(body) as Partial<LentBrowser> & { error?: string };
          if (lent.wsEndpoint) resolve({ wsEndpoint: lent.wsEndpoint, launched: Boolean(lent.launched) });
          else reject(new Error(`the run's browser did not start: ${lent.error ?? `HTTP ${res.statusCode}`}`));
        } catch {
          reject(new Error(`the run's browser broker answered HTTP ${res.statusCode} without JSON`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`the run's browser was not lent within ${LAUNCH_TIMEOUT_MS + 5_000} ms`)));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Start lending the run's browser: the broker's address goes into the environment the workers are started with. */
export async function lendBrowser(settings: Settings): Promise<() => Promise<void>> {
  // A batch's targets are each an origin the CA must vouch for, beside the run's own.
  const origins = [settings.baseUrl, settings.issuer, ...variants().map((v) => v.baseUrl)];
  let launching: Promise<BrowserServer> | undefined;
  let lent = false;
  const launch = () =>
    (launching ??= chromiumLaunchOptionsFor(settings, origins).then((options) =>
      chromium.launchServer({
        ...options,
        host: '127.0.0.1', // never on another interface: whoever reaches it drives a browser holding the test user's session
        timeout: LAUNCH_TIMEOUT_MS,
        // The test runner handles Ctrl-C and SIGTERM itself (it reports the run as interrupted); the browser is
        // closed by the teardown below, or by Playwright on the runner's exit.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      }),
    ));
  const path = `/${randomUUID()}`;
  const server = createServer((req, res) => {
    if (req.url !== path) return answer(res, 404, { error: 'not here' });
    launch().then(
      (browser) => {
        answer(res, 200, { wsEndpoint: browser.wsEndpoint(), launched: !lent });
        lent = true;
      },
      (e: Error) => answer(res, 500, { error: e.message }),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  process.env[BROWSER_BROKER_ENV] = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return async () => {
    delete process.env[BROWSER_BROKER_ENV];
    server.closeAllConnections();
    server.close();
    const browser = await launching?.catch(() => undefined);
    if (!browser) return;
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      browser.close().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (!closed) await browser.kill();
  };
}

/**
 * The config's globalSetup: lend a browser when there are more workers than cores (a remote provider: one launch, not
 * one each), one is installed and the settings are sound; its teardown closes it. With a worker per core each worker's
 * own browser is faster (npm run bench: 1.2 s of 17 locally): a lent one relays every page event and trace through
 * the runner's process, which then competes for a core.
 */
export default async function globalSetup(config: FullConfig): Promise<(() => Promise<void>) | undefined> {
  if (config.workers <= availableParallelism()) return undefined;
  let settings: Settings;
  try {
    if (!chromiumPath()) return undefined; // the browser checks say why they do not run
    settings = readSettings();
  } catch {
    return undefined; // a bad setting: every worker reports it, and a worker without a broker works as before
  }
  return lendBrowser(settings);
}

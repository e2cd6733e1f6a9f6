// Where the browser comes from: Debian's chromium, or exactly the one CHROMIUM_PATH names. Playwright's
// own browser download is not used, since it cannot be fetched on machines without a CDN.
import { existsSync } from 'node:fs';
import { SettingsError, type Settings } from './config/settings.ts';
import { browserProxy, browserTlsArgs } from './http/browser-trust.ts';

const DEBIAN = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

/**
 * The browser to launch, or undefined when none is installed. A CHROMIUM_PATH that names no file is a
 * setting error, never a silent fallback to another browser.
 */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string | undefined {
  const chosen = env.CHROMIUM_PATH?.trim();
  if (chosen) {
    if (!existsSync(chosen))
      throw new SettingsError('CHROMIUM_PATH', `"${chosen}" names no file (unset it to use Debian's chromium at ${DEBIAN.join(' or ')})`);
    return chosen;
  }
  return DEBIAN.find((p) => existsSync(p));
}

export function chromiumLaunchOptions() {
  let executablePath: string | undefined;
  try {
    executablePath = chromiumPath();
  } catch {
    /* the runner reports the setting before any test starts */
  }
  return {
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
    ],
  };
}

/**
 * The launch options for the way to the provider the settings describe (a proxy, a CA, an insecure mode); `origins`
 * are the https origins the CA is to vouch for (the base URL and issuer, and a batch's targets).
 */
export async function chromiumLaunchOptionsFor(settings: Settings, origins: string[] = [settings.baseUrl, settings.issuer]) {
  const options = chromiumLaunchOptions();
  const proxy = browserProxy(settings.network.proxy);
  const tls = await browserTlsArgs(origins, settings.network, settings.timeoutMs);
  return { ...options, args: [...options.args, ...tls], ...(proxy ? { proxy } : {}) };
}

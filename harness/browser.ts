// Where the browser comes from: Debian's chromium (or CHROMIUM_PATH). Playwright's own browser
// download is not used, since it cannot be fetched on machines without a CDN.
import { existsSync } from 'node:fs';

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];
  return candidates.find((p) => p && existsSync(p));
}

export function chromiumLaunchOptions() {
  return {
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check'],
  };
}

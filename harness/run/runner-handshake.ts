// The test runner starts before the run's settings are final: `npm run conformance` starts it first and judges the
// settings, starts the embedded target and runs the preflight while Playwright loads (about a second on two cores),
// then hands it what changed (the target's address, the workers sized by the provider's round trip). The config
// (playwright.config.ts) waits for that before it reads anything; the workers, started after, inherit it. Light on
// purpose: the config imports it.

/** Set by the command for the test runner it starts early; the config takes it out, so no worker waits too. */
export const HANDSHAKE_ENV = 'OIDC_RUNNER_HANDSHAKE';

/** What the command hands the waiting test runner: the settings that changed. */
export interface Handshake {
  set: Record<string, string>;
  unset: string[];
}

/** Bound on the wait: the command's own steps are each bounded well below it. */
const WAIT_MS = 10 * 60_000;

/** In the config: wait for the command's settings, when it started this test runner early; otherwise return at once. */
export async function settingsFromCommand(): Promise<void> {
  if (process.env[HANDSHAKE_ENV] !== '1' || typeof process.send !== 'function') return;
  delete process.env[HANDSHAKE_ENV];
  if (!process.connected) process.exit(0); // the command is gone already
  let timer: NodeJS.Timeout | undefined;
  const message = await new Promise<Handshake | undefined>((resolve) => {
    process.once('message', (m: Handshake) => resolve(m));
    process.once('disconnect', () => resolve(undefined));
    timer = setTimeout(() => resolve(undefined), WAIT_MS);
  });
  clearTimeout(timer);
  if (process.connected) process.disconnect();
  // The command went away (it says why): nothing to run, and no output of this process's own.
  if (!message) process.exit(0);
  for (const [k, v] of Object.entries(message.set)) process.env[k] = v;
  for (const k of message.unset) delete process.env[k];
}

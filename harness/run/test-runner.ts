// The test runner (Playwright) as `npm run conformance` drives it: started first, so that it loads while the command
// judges the settings, starts the embedded target and runs the preflight (harness/run/runner-handshake.ts), then
// handed the final settings, or abandoned when there is nothing to run. While it runs, each signal is relayed to it
// once, bounded: the command stays alive to sweep and report afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { HANDSHAKE_ENV, type Handshake } from './runner-handshake.ts';

/** How long the test runner may take to stop after Ctrl-C (its checks end at once, their clean-up after them). */
const STOP_GRACE_MS = 30_000;
/** Bound on waiting for an abandoned test runner to be gone. */
const ABANDON_MS = 5_000;

export class TestRunner {
  /** Set when the run was stopped by a signal: whatever the reports say, it did not finish. */
  signalled = false;
  private readonly exited: Promise<number>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly startEnv: NodeJS.ProcessEnv,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  }

  /** Start Playwright on `config` with `args`; it waits for the settings before it loads the suites. */
  static start(config: string, env: NodeJS.ProcessEnv, args: string[]): TestRunner {
    const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
    const startEnv = { ...env, [HANDSHAKE_ENV]: '1' };
    // In a process group of its own, and each signal relayed to it once: a Ctrl-C given twice (the group's and a
    // wrapper's relay of it, as npm's and tsx's) while it was still starting its workers never ended.
    const child = spawn(process.execPath, [cli, 'test', '-c', config, ...args], {
      env: startEnv,
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      detached: true,
    });
    child.on('error', () => {}); // a send to a runner that is gone: its exit says the rest
    const runner = new TestRunner(child, startEnv);
    process.once('SIGINT', runner.stopEarly);
    process.once('SIGTERM', runner.stopEarly);
    return runner;
  }

  /** A signal before the run started: the runner goes (it has started nothing), and the signal ends the command. */
  private readonly stopEarly = (sig: NodeJS.Signals) => {
    this.kill();
    this.forgetEarlyStop();
    process.kill(process.pid, sig);
  };

  private forgetEarlyStop(): void {
    process.off('SIGINT', this.stopEarly);
    process.off('SIGTERM', this.stopEarly);
  }

  /** End it and whatever it started (its process group). */
  private kill(): void {
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      /* gone already */
    }
  }

  /**
   * Nothing to run (a setting, the target or the preflight failed, and the command said so): it is still loading or
   * waiting for the settings, has started nothing and written nothing, so it is ended at once.
   */
  async abandon(): Promise<void> {
    this.forgetEarlyStop();
    this.kill();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, ABANDON_MS)))]);
    clearTimeout(timer);
  }

  /** Hand it `env`, the run's final settings, and wait for the run: its exit code. `say` tells of a signal. */
  run(env: NodeJS.ProcessEnv, say: (line: string) => void): Promise<number> {
    const set: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== this.startEnv[k] && k !== HANDSHAKE_ENV) set[k] = v;
    const unset = Object.keys(this.startEnv).filter((k) => k !== HANDSHAKE_ENV && env[k] === undefined);
    this.send({ set, unset });
    this.forgetEarlyStop();
    const relayed = new Set<NodeJS.Signals>();
    let escalation: NodeJS.Timeout | undefined;
    const onSignal = (sig: NodeJS.Signals) => {
      this.signalled = true;
      if (relayed.has(sig)) return;
      relayed.add(sig);
      say(`${sig}: stopping the run, then deleting what it created`);
      try {
        if (env.OIDC_SIGNALLED_FILE) writeFileSync(env.OIDC_SIGNALLED_FILE, String(Date.now()), { flag: 'wx' });
      } catch {
        /* written for an earlier signal */
      }
      this.child.kill(sig);
      // A signal that lands while the runner is starting its workers can leave it waiting on them for ever: bounded.
      escalation ??= setTimeout(() => {
        say(`the test runner did not stop within ${STOP_GRACE_MS / 1000} s of ${sig}: ending it and its workers`);
        this.kill();
      }, STOP_GRACE_MS);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return this.exited.finally(() => {
      clearTimeout(escalation);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    });
  }

  private send(message: Handshake): void {
    if (this.child.connected) this.child.send(message);
  }
}

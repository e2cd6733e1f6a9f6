// The single-file Allure 3 report, from the finished results (harness/report/allure-finish.ts): one
// HTML file that opens from disk, with nothing loaded from the network.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';
import { REPORT_CATEGORIES } from './verdict-words.ts';

const TIMEOUT_MS = 120_000;

const allureDist = () => dirname(fileURLToPath(import.meta.resolve('allure')));
const cliPath = () => join(allureDist(), '..', 'cli.js');

/**
 * The Allure CLI in a child process that loads its commands while the checks run: loading them is about 0.7 s of the
 * 3 s a report takes, on the run's critical path when the CLI is started at the end. The child reads its arguments
 * from the first message (the CLI reads process.argv as it loads, so they are put there before), and exits at once,
 * unused, when the parent goes.
 */
const WARM_CLI = `
import { pathToFileURL } from 'node:url';
const [, commands, cli] = process.argv;
let started = false;
const loaded = import(pathToFileURL(commands).href).catch(() => undefined);
process.on('disconnect', () => { if (!started) process.exit(0); });
process.once('message', async (args) => {
  started = true;
  await loaded;
  process.argv.splice(1, Infinity, cli, ...args);
  process.disconnect();
  await import(pathToFileURL(cli).href);
});
`;

/** An Allure CLI process, started ahead of the report it will write (`AllureCli.warm()`), or when it is asked to. */
export class AllureCli {
  private output = '';
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ReturnType<typeof spawn>) {
    child.stdout?.on('data', (d: Buffer) => (this.output += d));
    child.stderr?.on('data', (d: Buffer) => (this.output += d));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.once('error', (e) => {
        this.output += e.message;
        resolve(null);
      });
    });
  }

  /** The child's process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Start loading the CLI now, for a report generated later. */
  static warm(): AllureCli {
    return new AllureCli(
      spawn(process.execPath, ['--input-type=module', '-e', WARM_CLI, join(allureDist(), 'commands', 'index.js'), cliPath()], {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      }),
    );
  }

  /**
   * Run the CLI with `args`: its exit code (null when it could not run or ran out of time), its output, and whether it
   * got the arguments at all.
   */
  async run(args: string[]): Promise<{ code: number | null; output: string; given: boolean }> {
    // Gone before its turn (killed, out of memory): it cannot be given the arguments.
    const given =
      this.child.connected &&
      (await new Promise<boolean>((resolve) => {
        try {
          this.child.send(args, (e) => resolve(!e));
        } catch {
          resolve(false);
        }
      }));
    if (!given) {
      this.close();
      return { code: null, output: this.output, given: false };
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), TIMEOUT_MS);
    const code = await this.exited;
    clearTimeout(timer);
    return { code, output: this.output, given: true };
  }

  /** Stop it unused (the run ended without a report to write). */
  close(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}

/**
 * Generate the single-file Allure 3 report; returns the path of index.html or an error line. With `historyPath`
 * (OIDC_HISTORY), Allure reads the earlier runs from that JSONL file and appends this one, so each check shows its
 * recent results: keep the file between runs (a CI artifact or cache) and pass it back in. `cli`: a CLI started
 * ahead (`AllureCli.warm()`); without one, or when that one could not take the arguments, a CLI started now.
 */
export async function generateAllureReport(
  resultsDir: string,
  outDir: string,
  name: string,
  historyPath?: string,
  cli?: AllureCli,
): Promise<{ ok: true; index: string } | { ok: false; error: string }> {
  rmSync(outDir, { recursive: true, force: true });
  // The harness's categories (by the labels allure-finish.ts gives each check), ahead of Allure's own.
  const config = join(resultsDir, '..', 'allurerc.json');
  writeFileSync(config, JSON.stringify({ categories: REPORT_CATEGORIES.map((c) => ({ name: c.name, matchers: { labels: c.labels } })) }));
  const args = [
    'awesome',
    resultsDir,
    '--config',
    config,
    '--single-file',
    '-o',
    outDir,
    '--report-name',
    name,
    '--group-by',
    'parentSuite,suite',
    '--report-language',
    'en',
    ...(historyPath ? ['--history-path', historyPath] : []),
  ];
  let r = await (cli ?? AllureCli.warm()).run(args);
  // A CLI started ahead that died before its turn (killed, out of memory): once more, started now. One that got the
  // arguments and failed or ran out of time is not tried again.
  if (cli && !r.given) r = await AllureCli.warm().run(args);
  rmSync(config, { force: true });
  const index = join(outDir, 'index.html');
  if (r.code !== 0 || !existsSync(index))
    return {
      ok: false,
      error: stripVTControlCharacters(r.output || 'allure failed')
        .trim()
        .split('\n')
        .pop()!,
    };
  // The template always loads Google's analytics tag; a report that opens from disk must not call out.
  const html = readFileSync(index, 'utf8').replace(
    /<script async src="https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=[^"]*"><\/script>/g,
    '',
  );
  writeFileSync(index, html);
  return { ok: true, index };
}

/** The report's name, at the top of every page: the gate's verdict first. */
export function reportName(baseUrl: string, summary: { gate: { verdict: string } } | undefined): string {
  const word = summary ? `GATE: ${summary.gate.verdict.replace('-', ' ').toUpperCase()}` : 'NO VERDICT (the run ended without a summary)';
  return `${word} · OIDC conformance of ${baseUrl}`;
}

// Run `npm run conformance` as a child process with extra settings and a private reports folder.
// Used by the project's own tests and by `npm run mutation`: both judge what a real run says.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Summary } from '../report/summary.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

export interface ConformanceRun {
  code: number | null;
  output: string;
  durationMs: number;
  reportsDir: string;
  summary?: Summary;
}

export interface ConformanceOptions {
  env?: Record<string, string | undefined>;
  /** Reference-target defects to switch on (only when no OIDC_BASE_URL is given). */
  defects?: string[];
  /** Suite file prefixes to run (OIDC_SUITES). */
  suites?: string[];
  reportsDir?: string;
  timeoutMs?: number;
  args?: string[];
  /** The runner to start (default bin/conformance.ts; e.g. bin/conformance-oidc-provider.ts). */
  script?: string;
  /** Start it in a process group of its own, as a terminal does: `process.kill(-child.pid, 'SIGINT')` is a Ctrl-C. */
  detached?: boolean;
  /** Called once the child is running, e.g. to interrupt it. */
  onStart?: (child: import('node:child_process').ChildProcess) => void;
}

export function scratchReportsDir(name: string): string {
  const base = join(ROOT, 'reports', 'selftest');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${name.replace(/[^a-z0-9-]+/gi, '-').slice(0, 60)}-`));
}

export function runConformance(o: ConformanceOptions = {}): Promise<ConformanceRun> {
  const reportsDir = o.reportsDir ?? scratchReportsDir(o.defects?.join('+') || 'run');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OIDC_REPORTS_DIR: reportsDir,
    OIDC_HTML_REPORT: '0',
    // One worker for a run of some suites: each worker costs about 1.5 CPU-seconds to start, more than such a run
    // gains from a second one on a machine the other tests keep busy. A whole suite gets two.
    OIDC_WORKERS: o.suites?.length ? '1' : '2',
    OIDC_BASE_URL: '',
    OIDC_ADMIN_URL: '',
    OIDC_REFERENCE_DEFECTS: o.defects?.join(','),
    OIDC_SUITES: o.suites?.join(','),
    // A selftest that runs some suites judges that selection (the gate line says so); one that tests partial runs sets it to 0.
    ...(o.suites?.length ? { OIDC_GATE_ON_SELECTION: '1' } : {}),
    ...o.env,
  };
  const started = Date.now();
  return new Promise((done) => {
    const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const child = spawn(process.execPath, [tsx, join(ROOT, o.script ?? 'bin/conformance.ts'), ...(o.args ?? [])], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: o.detached ?? false,
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 600_000);
    o.onStart?.(child);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const path = join(reportsDir, 'summary.json');
      const summary = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Summary) : undefined;
      done({ code, output, durationMs: Date.now() - started, reportsDir, summary });
    });
  });
}

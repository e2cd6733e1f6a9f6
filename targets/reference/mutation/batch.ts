// One Playwright run for a whole batch of reference targets: each variant (the clean reference, or the reference
// with one defect) is an instance in this process, sharing one signing key; every check is declared once per
// variant that runs it (harness/run/variants.ts), and the reporter writes one summary per variant.
// The start-up of the test runner and its workers is paid once for the batch, not once per defect.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startReference, type ReferenceTarget } from '../server.ts';
import { createSigningKey } from '../keys.ts';
import { makeTestCa, mtlsClientEnv, mtlsServerOptions } from '../tls.ts';
import type { DefectReach } from '../defect-trace.ts';
import type { Variant } from '../../../harness/run/variants.ts';
import type { Summary } from '../../../harness/report/summary.ts';
import { scratchReportsDir } from '../../../harness/run/spawn-conformance.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

export interface VariantSpec {
  name: string;
  defects: string[];
  /** Features Hydra does not offer that this instance offers (ReferenceOptions.offers). */
  offers?: readonly string[];
  /** The check ids it runs; all when absent. */
  checks?: string[];
  /** Record which checks reach which defect switch (a clean variant, to plan the others). */
  trace?: boolean;
}

export interface BatchRun {
  code: number | null;
  output: string;
  durationMs: number;
  reportsDir: string;
  summaries: Map<string, Summary>;
  /** Per traced variant: defect id → the checks (scenarios, or `*`) whose requests reached its switch. */
  reach: Map<string, DefectReach>;
}

export interface BatchOptions {
  env?: Record<string, string>;
  /** Default: the config's (OIDC_WORKERS, else the number of cores). */
  workers?: number;
  timeoutMs?: number;
  /** Called with each line the test runner prints. */
  onOutput?: (text: string) => void;
}

/** A variant offering mutual-TLS client authentication serves HTTPS that asks for the harness's client certificate. */
const mutualTls = (spec: VariantSpec) => spec.offers?.some((o) => o === 'tls_client_auth' || o === 'self_signed_tls_client_auth') ?? false;

export async function runBatch(specs: VariantSpec[], o: BatchOptions = {}): Promise<BatchRun> {
  const started = Date.now();
  const key = createSigningKey();
  const targets: Array<[VariantSpec, ReferenceTarget]> = [];
  const reportsDir = scratchReportsDir('batch');
  const privateDir = mkdtempSync(join(tmpdir(), 'oidc-batch-'));
  const ca = specs.some(mutualTls) ? makeTestCa() : undefined;
  try {
    const variants: Variant[] = [];
    for (const spec of specs) {
      const offers = spec.offers?.length ? ({ offers: spec.offers } as object) : {};
      const tls = ca && mutualTls(spec) ? { tls: mtlsServerOptions(ca) } : {};
      const t = await startReference({ defects: spec.defects, key, traceDefects: spec.trace, ...offers, ...tls });
      targets.push([spec, t]);
      variants.push({ name: spec.name, baseUrl: t.issuer, adminUrl: t.adminUrl, ...(spec.checks ? { checks: spec.checks } : {}) });
    }
    const file = join(privateDir, 'variants.json');
    writeFileSync(file, JSON.stringify(variants));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...o.env,
      OIDC_VARIANTS: file,
      OIDC_REPORTS_DIR: reportsDir,
      OIDC_BASE_URL: variants[0]!.baseUrl,
      OIDC_ADMIN_URL: variants[0]!.adminUrl,
      OIDC_SUITES: '',
      OIDC_HTML_REPORT: '0',
      OIDC_SECRET_LOG: join(privateDir, 'secrets.jsonl'),
      OIDC_LEDGER: join(privateDir, 'ledger.jsonl'),
      ...(specs.some((s) => s.trace) ? { OIDC_TRACE: '1' } : {}),
      ...(o.workers ? { OIDC_WORKERS: String(o.workers) } : {}),
      ...(ca ? mtlsClientEnv(ca) : {}),
    };
    const { code, output } = await runTestRunner(env, o.timeoutMs ?? 3_600_000, o.onOutput);
    const summaries = new Map<string, Summary>();
    for (const v of variants) {
      try {
        summaries.set(v.name, JSON.parse(readFileSync(join(reportsDir, 'variants', `${v.name}.json`), 'utf8')) as Summary);
      } catch {
        /* the run ended before its reporter wrote this one: judged as "no summary" */
      }
    }
    const reach = new Map(targets.filter(([, t]) => t.defectReach).map(([spec, t]) => [spec.name, t.defectReach!]));
    return { code, output, durationMs: Date.now() - started, reportsDir, summaries, reach };
  } finally {
    await Promise.all(targets.map(([, t]) => t.close()));
    rmSync(privateDir, { recursive: true, force: true });
    if (ca) rmSync(ca.dir, { recursive: true, force: true });
  }
}

function runTestRunner(
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  onOutput?: (text: string) => void,
): Promise<{ code: number | null; output: string }> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const child = spawn(process.execPath, [cli, 'test', '-c', join(ROOT, 'playwright.config.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (d: Buffer) => {
    output += d;
    onOutput?.(d.toString());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((done) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    }),
  );
}

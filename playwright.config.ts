// The conformance run. Normally started by `npm run conformance` (bin/conformance.ts), which checks
// the settings, starts the reference target when no target is configured, and builds the reports.
import { defineConfig } from '@playwright/test';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { HARNESS_VERSION } from './harness/version.ts';
import { chromiumLaunchOptions } from './harness/browser.ts';
import { settingsFromCommand } from './harness/run/runner-handshake.ts';

// Started by `npm run conformance` before its settings were final: wait for them (harness/run/runner-handshake.ts).
await settingsFromCommand();

// Reports go under the folder the run was started from; the config may live in an installed package (dist/).
const reports = resolve(process.env.OIDC_REPORTS_DIR || 'reports');
// TypeScript in this repository, JavaScript in the installed package (npm run build).
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const batch = Boolean(process.env.OIDC_VARIANTS?.trim());
const suites = process.env.OIDC_SUITES?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
// Reporters the person named (`--reporter`, put here by bin/conformance.ts): beside the harness's, never in their place.
const extraReporters = (process.env.OIDC_EXTRA_REPORTERS ?? '')
  .split(',')
  .map((r) => r.trim())
  .filter(Boolean)
  .map((r) => [r] as [string]);

export default defineConfig({
  testDir: './tests',
  testMatch: suites?.length ? suites.map((s) => `**/${s}*.spec.${ext}`) : `**/*.spec.${ext}`,
  // One project. The key rotation, which every other check's tokens depend on, takes Playwright's exclusive lock: it runs
  // when no other check runs and none starts until it ends, in a worker of the run (tests/token-keys.spec.ts).
  projects: [{ name: 'checks' }],
  // One browser for the run, lent to every worker (harness/browser-server.ts), started in this process.
  globalSetup: `./harness/browser-server.${ext}`,
  outputDir: join(reports, 'test-results'),
  fullyParallel: true,
  // As many workers as cores: more only adds start-up (each loads the harness) and contention.
  workers: Number(process.env.OIDC_WORKERS) || availableParallelism(),
  retries: 0,
  timeout: 60_000,
  forbidOnly: true,
  // A batch of defect variants (OIDC_VARIANTS) needs only the verdicts: no Allure results for thousands of checks.
  reporter: [
    [`./harness/report/summary-reporter.${ext}`],
    ...(batch
      ? []
      : [
          [
            `./harness/report/allure-reporter.${ext}`,
            {
              resultsDir: join(reports, 'allure-results'),
              detail: false,
              suiteTitle: false,
              environmentInfo: {
                'target public URL': process.env.OIDC_BASE_URL ?? '',
                'target issuer': process.env.OIDC_ISSUER || process.env.OIDC_BASE_URL || '',
                'target admin URL': process.env.OIDC_ADMIN_URL ?? '(none)',
                'provider version': process.env.OIDC_PROVIDER_VERSION ?? '(not told)',
                profile: process.env.OIDC_PROFILE || 'ory',
                strict: process.env.OIDC_STRICT === '1' ? 'yes' : 'no',
                baseline: process.env.OIDC_BASELINE || '(none)',
                'harness version': HARNESS_VERSION,
                node: process.version,
              },
            },
          ] as const,
        ]),
    // After the harness's: the Allure reporter takes the exchange evidence out of the results (it shows it as steps).
    ...extraReporters,
  ],
  use: {
    // API checks carry their own masked exchanges; traces and screenshots are for browser suites.
    trace: 'off',
    screenshot: 'off',
    video: 'off',
    launchOptions: chromiumLaunchOptions(),
  },
});

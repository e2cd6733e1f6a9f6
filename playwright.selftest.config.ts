// The project's own tests (npm test): unit tests of the harness's parts, and end-to-end tests that
// run the real conformance suite against the reference target, clean and with single defects.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './selftest',
  outputDir: 'reports/selftest/test-results',
  globalSetup: './selftest/support/global-setup.ts',
  fullyParallel: true,
  workers: Number(process.env.SELFTEST_WORKERS) || 2,
  timeout: 300_000,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'reports/selftest/results.json' }]],
});

// The project's own tests (npm test): unit tests of the harness's parts, and end-to-end tests that
// run the real conformance suite against the reference target, clean and with single defects.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './selftest',
  outputDir: 'reports/selftest/test-results',
  globalSetup: './selftest/support/global-setup.ts',
  fullyParallel: true,
  // Three: the defect batch (selftest/defects.spec.ts) holds one worker for minutes while its own runner works; most
  // other tests wait on a conformance run they started, so two more keep both cores of a small machine busy.
  workers: Number(process.env.SELFTEST_WORKERS) || 3,
  timeout: 300_000,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'reports/selftest/results.json' }]],
  // The defect batch first: it is the longest path of npm test (about eight of its ten minutes), so it starts with the
  // workers instead of after the files that sort before it (which held it back 45 s). Playwright hands out the test
  // groups in the order of the projects.
  projects: [
    { name: 'defect batch', testMatch: 'defects.spec.ts' },
    { name: 'selftests', testIgnore: 'defects.spec.ts' },
  ],
});

// The CI action and the example workflows are valid GitHub Actions (actionlint, a Go tool from the Go module
// proxy), and the README shows the workflows exactly as they are in .github/workflows/.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const HAS_GO = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
const BIN = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'oidc-harness', 'bin');
const ACTIONLINT = join(BIN, 'actionlint');
const WORKFLOWS = join(ROOT, '.github', 'workflows');

function actionlint(cwd: string) {
  if (!existsSync(ACTIONLINT)) {
    const got = spawnSync('go', ['install', 'github.com/rhysd/actionlint/cmd/actionlint@v1.7.12'], {
      env: { ...process.env, GOBIN: BIN },
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(got.status, got.stderr).toBe(0);
  }
  return spawnSync(ACTIONLINT, ['-no-color'], { cwd, encoding: 'utf8', timeout: 120_000 });
}

test.describe('the CI action', () => {
  test.skip(!HAS_GO, 'Go is not installed, so actionlint cannot be built here');

  test('actionlint passes on the action and the example workflows', () => {
    test.setTimeout(360_000);
    const r = actionlint(ROOT);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  test('actionlint fails a broken workflow (the lint is not vacuous)', () => {
    test.setTimeout(360_000);
    const dir = mkdtempSync(join(tmpdir(), 'oidc-actionlint-'));
    cpSync(join(ROOT, 'action.yml'), join(dir, 'action.yml'));
    cpSync(WORKFLOWS, join(dir, '.github', 'workflows'), { recursive: true });
    mkdirSync(join(dir, '.git')); // actionlint finds the project by its .git
    const wf = join(dir, '.github', 'workflows', 'conformance.yml');
    writeFileSync(wf, readFileSync(wf, 'utf8').replace('base-url:', 'base-urll:'));
    const r = actionlint(dir);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('base-urll');
  });
});

test('the README shows the example workflows exactly as they are in .github/workflows/', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const f of readdirSync(WORKFLOWS))
    expect(readme, `README.md does not show .github/workflows/${f} as it is`).toContain(readFileSync(join(WORKFLOWS, f), 'utf8').trim());
});

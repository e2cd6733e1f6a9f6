// The installable command: `npm pack`, then `npm install <tarball>` in an empty folder, then `npx oidc-conformance`
// runs the whole suite against the embedded reference target and writes the reports under that folder; a target
// that cannot be reached is one line and exit 2.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
/** The user's environment, without the settings of the project's own tests. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OIDC_')));

test('npm pack, npm install in an empty folder, npx oidc-conformance: green, with the three reports there', async () => {
  test.setTimeout(600_000);
  const packDir = mkdtempSync(join(tmpdir(), 'oidc-pack-'));
  const pack = spawnSync('npm', ['pack', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  expect(pack.status, pack.stderr.slice(-2000)).toBe(0);
  const tarball = join(
    packDir,
    readdirSync(packDir).find((f) => f.endsWith('.tgz'))!,
  );

  const user = mkdtempSync(join(tmpdir(), 'oidc-user-'));
  const install = spawnSync('npm', ['install', tarball, '--no-audit', '--no-fund'], {
    cwd: user,
    encoding: 'utf8',
    timeout: 300_000,
    env: cleanEnv(),
  });
  expect(install.status, install.stderr.slice(-2000)).toBe(0);

  const run = spawnSync('npx', ['oidc-conformance'], { cwd: user, encoding: 'utf8', timeout: 300_000, env: cleanEnv() });
  expect(run.status, (run.stdout + run.stderr).slice(-3000)).toBe(0);
  for (const f of ['summary.json', 'junit.xml', join('allure-report', 'index.html')])
    expect(existsSync(join(user, 'reports', f)), f).toBe(true);

  const bad = spawnSync('npx', ['oidc-conformance', '--base-url', 'http://127.0.0.1:9'], {
    cwd: user,
    encoding: 'utf8',
    timeout: 120_000,
    env: cleanEnv(),
  });
  expect(bad.status).toBe(2);
  const lines = (bad.stdout + bad.stderr).split('\n').filter((l) => l.trim());
  expect(lines, bad.stdout + bad.stderr).toEqual([
    expect.stringMatching(/^\[conformance\] OIDC_BASE_URL: http:\/\/127\.0\.0\.1:9 is unreachable/),
  ]);
});

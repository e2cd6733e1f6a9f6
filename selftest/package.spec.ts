// The installable command: `npm pack`, then `npm install <tarball>` in an empty folder, then `npx oidc-conformance`
// runs the whole suite against the embedded reference target and writes the reports under that folder, with a
// reporter the user adds beside the harness's own. A bad command line, a missing --env-file and a target that cannot
// be reached are one line and exit 2, before anything starts; messages name the installed command.
import { test, expect } from '@playwright/test';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
/** The user's environment, without the settings of the project's own tests. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OIDC_')));

/** The lines a command printed, stdout and stderr together. */
const linesOf = (r: SpawnSyncReturns<string>) => (r.stdout + r.stderr).split('\n').filter((l) => l.trim());

test('npm pack, npm install in an empty folder, npx oidc-conformance: green with an added reporter, and one line for each mistake', async () => {
  test.setTimeout(900_000);
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
  const npx = (args: string[], timeout = 120_000) => spawnSync('npx', args, { cwd: user, encoding: 'utf8', timeout, env: cleanEnv() });
  const bin = join(user, 'node_modules', '.bin', 'oidc-conformance');
  const cli = (args: string[]) => spawnSync(bin, args, { cwd: user, encoding: 'utf8', timeout: 120_000, env: cleanEnv() });

  // --reporter adds a Playwright reporter: the list reporter's lines and the harness's summary and reports both.
  const run = npx(['oidc-conformance', '--reporter=list'], 600_000);
  const output = stripVTControlCharacters(run.stdout + run.stderr);
  expect(run.status, output.slice(-3000)).toBe(0);
  expect(output).toMatch(/✓ .* DISC-STATUS-200/);
  expect(output).toContain('GATE: PASSED');
  expect(output).not.toContain('without a summary');
  expect(output).not.toContain('could not be generated');
  for (const f of ['summary.json', 'junit.xml', join('allure-report', 'index.html')])
    expect(existsSync(join(user, 'reports', f)), f).toBe(true);

  const oneLine = (r: SpawnSyncReturns<string>, pattern: RegExp) => {
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(linesOf(r), r.stdout + r.stderr).toEqual([expect.stringMatching(pattern)]);
  };
  oneLine(
    npx(['oidc-conformance', '--base-url', 'http://127.0.0.1:9']),
    /^\[conformance\] OIDC_BASE_URL: http:\/\/127\.0\.0\.1:9 is unreachable/,
  );
  // Node reads --env-file from a script's own arguments; the command runs under `node --`, so the option is its own.
  oneLine(cli(['--env-file', '/nonexistent.env']), /^\[conformance\] --env-file: cannot read \/nonexistent\.env: no such file/);
  oneLine(npx(['--', 'oidc-conformance', '--env-file', '/nonexistent.env']), /--env-file: cannot read \/nonexistent\.env/);
  oneLine(cli(['--strict', '1']), /^\[conformance\] unexpected argument "1": --strict takes no value \(see oidc-conformance --help\)$/);
  oneLine(cli(['--no-such-flag']), /^\[conformance\] unknown flag --no-such-flag \(see oidc-conformance --help\)$/);
  oneLine(cli(['merge']), /^\[merge\] name the report folders of the shards: oidc-conformance merge reports\/shard-1-of-3/);
  oneLine(cli(['compare', 'reports']), /usage: oidc-conformance compare A B/);
  oneLine(cli(['baseline', 'nowhere/summary.json']), /^\[baseline\] cannot read nowhere\/summary\.json: .*\(run oidc-conformance first\)$/);
  expect(cli(['--help']).stdout).toContain('oidc-conformance merge DIR…');
});

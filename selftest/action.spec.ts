// The CI action and the example workflows are valid GitHub Actions (actionlint, a Go tool from the Go module
// proxy), the action's scripts pass shellcheck where it is installed, the action's run script refuses an empty
// base-url and passes only the inputs that are given, and the README shows the workflows exactly as they are.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

const RUN_SH = join(ROOT, 'action', 'run.sh');

/**
 * action/run.sh with these inputs (IN_*), in a clean environment, with a stand-in for the command that prints the
 * settings and arguments it was given: what the action hands the real command, and nothing else.
 */
function actionRun(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'oidc-action-'));
  const fake = join(dir, 'oidc-conformance');
  writeFileSync(fake, '#!/usr/bin/env bash\nenv | grep ^OIDC_ | sort\necho "args: $*"\nexit 7\n');
  chmodSync(fake, 0o755);
  const r = spawnSync('bash', [RUN_SH], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH, HOME: dir, CONFORMANCE_COMMAND: fake, GITHUB_OUTPUT: join(dir, 'out'), ...inputs },
  });
  const output = existsSync(join(dir, 'out')) ? readFileSync(join(dir, 'out'), 'utf8') : '';
  return { code: r.status, lines: r.stdout.split('\n').filter(Boolean), stderr: r.stderr, output };
}

test.describe("the action's run script", () => {
  test('an empty base-url fails the step with one line, before the command starts', () => {
    for (const inputs of [{}, { IN_MODE: 'run', IN_BASE_URL: '', IN_TARGET: '' }] as Array<Record<string, string>>) {
      const r = actionRun(inputs);
      expect(r.code).toBe(2);
      expect(r.lines).toEqual([expect.stringMatching(/^::error title=OIDC conformance::base-url is empty: .*target: embedded/)]);
      expect(r.stderr).toBe('');
    }
  });

  test('target: embedded runs the embedded reference target, and only then; a wrong target or mode is one line', () => {
    const embedded = actionRun({ IN_TARGET: 'embedded', IN_BASE_URL: '', IN_ADMIN_URL: '' });
    expect(embedded.code).toBe(7); // the command's exit code is the step's
    expect(embedded.lines).toEqual(['args: ']);
    expect(embedded.output).toBe('exit-code=7\n');
    expect(actionRun({ IN_TARGET: 'embedded', IN_BASE_URL: 'https://idp.example' }).lines).toEqual([
      '::error title=OIDC conformance::target: embedded and base-url are both given: choose one',
    ]);
    expect(actionRun({ IN_TARGET: 'staging', IN_BASE_URL: 'https://idp.example' }).code).toBe(2);
    expect(actionRun({ IN_MODE: 'check', IN_BASE_URL: 'https://idp.example' }).lines).toEqual([
      '::error title=OIDC conformance::mode: "check" must be run or merge',
    ]);
  });

  test('only the inputs that are given become settings; secrets go to the environment, never to the arguments', () => {
    const r = actionRun({
      IN_BASE_URL: 'https://idp.example',
      IN_ADMIN_URL: '',
      IN_ADMIN_TOKEN: '',
      IN_PROFILE: 'standards',
      IN_STRICT: 'false',
      IN_LOGIN_PASSWORD: 'pw-secret',
      IN_LOGIN_URL_PATTERN: '/login$',
      IN_CONFIG: 'idp.json',
      IN_ARGS: '--shard=1/3 --operation getOidcUserInfo',
    });
    expect(r.code).toBe(7);
    expect(r.lines).toEqual([
      '::add-mask::pw-secret',
      'OIDC_BASE_URL=https://idp.example',
      'OIDC_LOGIN_PASSWORD=pw-secret',
      'OIDC_LOGIN_URL_PATTERN=/login$',
      'OIDC_PROFILE=standards',
      'args: --config idp.json --shard=1/3 --operation getOidcUserInfo',
    ]);
    expect(actionRun({ IN_BASE_URL: 'https://idp.example', IN_STRICT: 'true' }).lines).toContain('OIDC_STRICT=1');
    expect(actionRun({ IN_BASE_URL: 'https://idp.example', IN_STRICT: 'yes' }).lines).toEqual([
      '::error title=OIDC conformance::strict: "yes" must be true or false',
    ]);
  });

  test('merge mode merges every shard folder the artifacts hold, and needs no base-url', () => {
    const shards = mkdtempSync(join(tmpdir(), 'oidc-shards-'));
    for (const [artifact, shard] of [
      ['conformance-shard-1', 'shard-1-of-2'],
      ['conformance-shard-2', 'shard-2-of-2'],
    ])
      mkdirSync(join(shards, artifact, shard), { recursive: true });
    const r = actionRun({ IN_MODE: 'merge', IN_SHARDS: shards, IN_BASELINE: 'baselines/staging.json' });
    expect(r.lines).toEqual([
      'OIDC_BASELINE=baselines/staging.json',
      `args: merge ${shards}/conformance-shard-1/shard-1-of-2 ${shards}/conformance-shard-2/shard-2-of-2`,
    ]);
    const empty = actionRun({ IN_MODE: 'merge', IN_SHARDS: mkdtempSync(join(tmpdir(), 'oidc-shards-')) });
    expect(empty.code).toBe(2);
    expect(empty.lines).toEqual([expect.stringMatching(/^::error title=OIDC conformance::no shard report folders under /)]);
  });

  test('the action scripts pass shellcheck', () => {
    const shellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
    test.skip(shellcheck.status !== 0, 'shellcheck is not installed (apt-get install shellcheck)');
    const r = spawnSync('shellcheck', [RUN_SH, join(ROOT, 'action', 'install.sh')], { encoding: 'utf8' });
    expect(r.status, r.stdout).toBe(0);
  });
});

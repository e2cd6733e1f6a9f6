// Bad settings and broken targets end the run at once with one clear line and exit code 2:
// never a stack trace, never a hang.
import { test, expect } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settingsMarkdown } from '../harness/config/settings-table.ts';
import { applyCommandLine, parseCommandLine } from '../harness/config/command-line.ts';
import { commandFor, INVOKED_AS } from '../harness/config/command-name.ts';

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The run's own lines (tsx and Node print nothing else on a clean exit). */
function lines(output: string): string[] {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('[conformance] no OIDC_BASE_URL set'));
}

function expectOneClearLine(run: { code: number | null; output: string }, pattern: RegExp) {
  expect(run.code, run.output).toBe(2);
  const out = lines(run.output);
  expect(out, run.output).toHaveLength(1);
  expect(out[0]).toMatch(pattern);
  expect(run.output).not.toMatch(/\n\s+at /); // no stack trace
}

test('a malformed URL names the setting', async () => {
  const run = await runConformance({ env: { OIDC_BASE_URL: 'not a url' } });
  expectOneClearLine(run, /^\[conformance\] OIDC_BASE_URL: "not a url" is not a URL/);
});

test('a URL with another scheme names the setting', async () => {
  const run = await runConformance({ env: { OIDC_BASE_URL: 'ftp://127.0.0.1/' } });
  expectOneClearLine(run, /OIDC_BASE_URL: "ftp:\/\/127\.0\.0\.1\/" must use http or https/);
});

test('an unreachable target ends the run within the timeout', async () => {
  const run = await runConformance({ env: { OIDC_BASE_URL: 'http://127.0.0.1:9' } });
  expectOneClearLine(run, /OIDC_BASE_URL: http:\/\/127\.0\.0\.1:9 is unreachable: connection refused/);
});

test('a target that never answers ends the run after OIDC_TIMEOUT_MS', async () => {
  const { url, server } = await serve(() => {
    /* never answers */
  });
  try {
    const started = Date.now();
    const run = await runConformance({ env: { OIDC_BASE_URL: url, OIDC_TIMEOUT_MS: '800' } });
    expectOneClearLine(run, /OIDC_BASE_URL: .* is unreachable: no answer within 800 ms/);
    expect(Date.now() - started).toBeLessThan(30_000);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('a target that answers 500 is named unhealthy', async () => {
  const { url, server } = await serve((_req, res) => {
    res.statusCode = 500;
    res.end('oops');
  });
  try {
    const run = await runConformance({ env: { OIDC_BASE_URL: url } });
    expectOneClearLine(run, /OIDC_BASE_URL: the target answered HTTP 500 to GET .*\/\.well-known\/openid-configuration; it is not healthy/);
  } finally {
    server.close();
  }
});

test('a target that sends broken JSON is named', async () => {
  const { url, server } = await serve((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"issuer": ');
  });
  try {
    const run = await runConformance({ env: { OIDC_BASE_URL: url } });
    expectOneClearLine(run, /OIDC_BASE_URL: GET .* answered a body that is not a JSON object: "\{\\"issuer\\": "/);
  } finally {
    server.close();
  }
});

test('an unknown profile, a bad timeout and a missing baseline file name their settings', async () => {
  expectOneClearLine(
    await runConformance({ env: { OIDC_PROFILE: 'strictest' } }),
    /OIDC_PROFILE: "strictest" must be "ory" or "standards"/,
  );
  expectOneClearLine(await runConformance({ env: { OIDC_TIMEOUT_MS: 'soon' } }), /OIDC_TIMEOUT_MS: "soon" must be a whole number/);
  expectOneClearLine(
    await runConformance({ env: { OIDC_BASELINE: '/nonexistent/baseline.json' } }),
    /OIDC_BASELINE: cannot read \/nonexistent\/baseline\.json/,
  );
});

test('an admin API that refuses the token is named', async () => {
  const run = await runConformance({ env: { OIDC_ADMIN_TOKEN: 'wrong-token-value', OIDC_REFERENCE_ADMIN_TOKEN: 'the-right-token-value' } });
  expectOneClearLine(run, /OIDC_ADMIN_TOKEN: the admin API refused the token \(HTTP 401\)/);
  expect(run.output).not.toContain('wrong-token-value');
});

test('a CHROMIUM_PATH that names no file is a setting error, not a silent fallback to another browser', async () => {
  const run = await runConformance({ env: { CHROMIUM_PATH: '/nonexistent/chromium' } });
  expectOneClearLine(run, /^\[conformance\] CHROMIUM_PATH: "\/nonexistent\/chromium" names no file/);
});

test("the README's settings table is the one --help shows (harness/config/settings-table.ts)", () => {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  expect(readme).toContain(settingsMarkdown());
});

/** A bad command line ends before anything starts: no embedded target, no Playwright. */
function expectRefusedBeforeStart(run: { code: number | null; output: string }, pattern: RegExp) {
  expectOneClearLine(run, pattern);
  expect(run.output).not.toContain('started the embedded reference target');
}

test.describe('the command line', () => {
  test('flags are parsed as flags: a switch takes no value, an unknown flag or a stray word is one line and exit 2', async () => {
    expectRefusedBeforeStart(
      await runConformance({ args: ['--strict', '1'] }),
      /^\[conformance\] unexpected argument "1": --strict takes no value/,
    );
    expectRefusedBeforeStart(await runConformance({ args: ['--strict=1'] }), /--strict takes no value \(it sets OIDC_STRICT=1\)/);
    expectRefusedBeforeStart(
      await runConformance({ args: ['--no-such-flag'] }),
      /^\[conformance\] unknown flag --no-such-flag \(see npm run conformance -- --help\)$/,
    );
    expectRefusedBeforeStart(await runConformance({ args: ['discovery'] }), /unexpected argument "discovery" \(choose checks with --only/);
    expectRefusedBeforeStart(await runConformance({ args: ['--base-url'] }), /--base-url needs a value/);
  });

  test('--only and --exclude take check ids from the catalogue; an exclusion needs its reason', async () => {
    expectRefusedBeforeStart(await runConformance({ args: ['--only', 'DISC-NOPE'] }), /OIDC_ONLY: "DISC-NOPE" is not a check id/);
    expectRefusedBeforeStart(
      await runConformance({ args: ['--exclude', 'DISC-STATUS-200'] }),
      /OIDC_EXCLUDE: "DISC-STATUS-200" has no reason/,
    );
    expectRefusedBeforeStart(await runConformance({ args: ['--operation', 'getUser'] }), /OIDC_OPERATIONS: "getUser" is not an operation/);
    expectRefusedBeforeStart(await runConformance({ args: ['--severity', 'MAY'] }), /OIDC_SEVERITIES: "MAY" is not a severity/);
  });

  test('flags map to settings; --env-file and --config fill what the environment leaves unset; a missing file is one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oidc-cli-'));
    writeFileSync(join(dir, 'a.env'), 'OIDC_PROFILE=standards\nOIDC_TIMEOUT_MS=5000\n');
    writeFileSync(
      join(dir, 'c.json'),
      JSON.stringify({ OIDC_PROFILE: 'ory', OIDC_WORKERS: 1, OIDC_STRICT: true, OIDC_LOGIN_PASSWORD_FILE: 'pw.txt' }),
    );
    const cl = parseCommandLine('run', [
      '--env-file',
      join(dir, 'a.env'),
      '--config',
      join(dir, 'c.json'),
      '--only',
      'DISC-STATUS-200',
      '--severity',
      'MUST',
      '--gate-on-selection',
      '-g',
      'DISC-',
      '--reporter',
      'list',
      '--',
      '--reporter=dot',
      '--list',
    ]);
    expect(cl.flags).toEqual({ OIDC_ONLY: 'DISC-STATUS-200', OIDC_SEVERITIES: 'MUST', OIDC_GATE_ON_SELECTION: '1' });
    expect(cl.args).toEqual(['-g', 'DISC-', '--list']);
    expect(cl.reporters).toEqual(['list', 'dot']);
    const env: Record<string, string | undefined> = { OIDC_TIMEOUT_MS: '900', OIDC_SEVERITIES: 'SHOULD' };
    applyCommandLine(cl, env);
    expect(env).toMatchObject({
      OIDC_TIMEOUT_MS: '900', // the environment wins over the files
      OIDC_PROFILE: 'standards', // the first file that sets it wins
      OIDC_WORKERS: '1',
      OIDC_STRICT: '1',
      OIDC_LOGIN_PASSWORD_FILE: 'pw.txt',
      OIDC_SEVERITIES: 'MUST', // a flag wins over the environment
    });
    expect(() => parseCommandLine('run', ['--env-file', join(dir, 'missing.env')])).toThrow(
      /^--env-file: cannot read .*missing\.env: no such file$/,
    );
    writeFileSync(join(dir, 'secret.json'), JSON.stringify({ OIDC_LOGIN_PASSWORD: 'hunter2' }));
    expect(() => parseCommandLine('run', ['--config', join(dir, 'secret.json')])).toThrow(
      /holds OIDC_LOGIN_PASSWORD, a secret: .*OIDC_LOGIN_PASSWORD_FILE/,
    );
    writeFileSync(join(dir, 'typo.json'), JSON.stringify({ OIDC_BASEURL: 'https://x' }));
    expect(() => parseCommandLine('run', ['--config', join(dir, 'typo.json')])).toThrow(/"OIDC_BASEURL" is not a setting/);
    expect(() => parseCommandLine('run', ['--admin-token', 'x'])).toThrow(
      /secrets are not taken on the command line; set OIDC_ADMIN_TOKEN/,
    );
    expect(() => parseCommandLine('compare', ['a', 'b', '--strict'])).toThrow(/--strict is not a flag of compare/);
    expect(() => parseCommandLine('run', ['--fail-on-must-skip'])).toThrow(/--fail-on-must-skip is gone: .*--gate lenient/);
    // A list flag may be given again; an exclusion keeps each reason.
    expect(
      parseCommandLine('run', ['--operation', 'getOidcUserInfo', '--operation=revokeOidcSession', '--exclude', 'A=x', '--exclude', 'B=y'])
        .flags,
    ).toEqual({
      OIDC_OPERATIONS: 'getOidcUserInfo,revokeOidcSession',
      OIDC_EXCLUDE: 'A=x;B=y',
    });
  });

  test('messages name the command the user has', () => {
    const before = process.env[INVOKED_AS];
    try {
      delete process.env[INVOKED_AS];
      expect(commandFor('merge', 'DIR…')).toBe('npm run merge -- DIR…');
      expect(commandFor('run')).toBe('npm run conformance');
      process.env[INVOKED_AS] = 'oidc-conformance';
      expect(commandFor('merge', 'DIR…')).toBe('oidc-conformance merge DIR…');
      expect(commandFor('run')).toBe('oidc-conformance');
    } finally {
      if (before === undefined) delete process.env[INVOKED_AS];
      else process.env[INVOKED_AS] = before;
    }
  });
});

test.describe('secrets in settings', () => {
  test('a URL setting with credentials is refused, and the password is not printed', async () => {
    for (const name of ['OIDC_BASE_URL', 'OIDC_ADMIN_URL']) {
      const run = await runConformance({ env: { [name]: 'https://ops:s3cr3t-pw@auth.example.com' } });
      expectRefusedBeforeStart(run, new RegExp(`^\\[conformance\\] ${name}: "https://\\*\\*\\*@auth\\.example\\.com" carries credentials`));
      expect(run.output).not.toContain('s3cr3t-pw');
    }
  });

  test('a secret is read from <NAME>_FILE; a missing file, or both ways at once, is one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oidc-secret-'));
    writeFileSync(join(dir, 'token'), 'wrong-token-from-file\n');
    const wrong = await runConformance({
      env: { OIDC_ADMIN_TOKEN_FILE: join(dir, 'token'), OIDC_REFERENCE_ADMIN_TOKEN: 'the-right-token-value' },
    });
    expectOneClearLine(wrong, /OIDC_ADMIN_TOKEN: the admin API refused the token \(HTTP 401\)/);
    expect(wrong.output).not.toContain('wrong-token-from-file');
    expectRefusedBeforeStart(
      await runConformance({ env: { OIDC_ADMIN_TOKEN_FILE: join(dir, 'nope') } }),
      /^\[conformance\] OIDC_ADMIN_TOKEN_FILE: cannot read .*nope/,
    );
    expectRefusedBeforeStart(
      await runConformance({ env: { OIDC_ADMIN_TOKEN_FILE: join(dir, 'token'), OIDC_ADMIN_TOKEN: 'x' } }),
      /OIDC_ADMIN_TOKEN_FILE: and OIDC_ADMIN_TOKEN are both set/,
    );
  });
});

// The gate fails closed, end to end against the reference target (issue 15's measured cases):
//  - Ctrl-C mid-run: exit 130, summary.json and junit.xml say interrupted, the gate is NOT DECIDED, and the summary
//    cannot become a baseline;
//  - a narrowed run, even with a baseline: NOT DECIDED, exit 4; declared the gate (OIDC_GATE_ON_SELECTION=1), it passes
//    and the gate line says what it judged;
//  - discovery without userinfo_endpoint (a SHOULD that only warns) no longer excuses the 22 userinfo checks it blocks.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runConformance } from '../harness/run/spawn-conformance.ts';
import { writeBaseline } from '../harness/run/baseline-writer.ts';
import { MUTATION_ENV } from '../targets/reference/mutation/mutants.ts';
import { cleanRun } from './support/clean-run.ts';

const ROOT = resolve(import.meta.dirname, '..');

test('Ctrl-C mid-run: exit 130, interrupted in summary.json and junit.xml, NOT DECIDED, and no baseline can be made of it', async () => {
  let seen = '';
  const run = await runConformance({
    detached: true,
    onStart: (child) => {
      // Interrupt as a terminal does (the whole process group), once some checks have reported.
      child.stdout!.on('data', (d: Buffer) => {
        const before = seen;
        seen += d.toString();
        if (!before.includes('running ') && seen.includes('running ')) setTimeout(() => process.kill(-child.pid!, 'SIGINT'), 4_000);
      });
    },
  });
  expect(run.code, run.output.slice(-2000)).toBe(130);
  const s = run.summary!;
  expect(s.selection.interrupted).toBe(true);
  expect(s.gate.verdict).toBe('not-decided');
  expect(s.gate.passed).toBe(false);
  expect(s.checks.length).toBeLessThan(s.selection.expected);
  expect(run.output).toContain('GATE: NOT DECIDED');
  expect(run.output).not.toContain('GATE: PASSED');
  // A check cut off mid-way is not blamed on anyone: it has no verdict.
  expect(s.checks.filter((c) => c.cause === 'harness')).toEqual([]);
  const junit = readFileSync(join(run.reportsDir, 'junit.xml'), 'utf8');
  expect(junit).toMatch(/<testsuite name="gate" tests="1" failures="0" errors="1"/);
  expect(junit).toContain('type="interrupted"');
  const baseline = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'bin/baseline.ts'), join(run.reportsDir, 'summary.json')],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  expect(baseline.status).toBe(2);
  expect(baseline.stderr.trim()).toMatch(/^\[baseline\] .* cannot be a baseline: the run was interrupted before every check finished$/);
});

test('Ctrl-C while the test runner starts its workers: the run still ends (bounded), exit 130, never a verdict', async () => {
  test.setTimeout(120_000);
  let seen = '';
  const run = await runConformance({
    detached: true,
    timeoutMs: 90_000, // the runner's own bound is 30 s after the signal; past this the run hung
    onStart: (child) => {
      child.stdout!.on('data', (d: Buffer) => {
        const before = seen;
        seen += d.toString();
        if (!before.includes('running ') && seen.includes('running ')) process.kill(-child.pid!, 'SIGINT');
      });
    },
  });
  expect(run.code, run.output.slice(-2000)).toBe(130);
  expect(run.output).not.toContain('GATE: PASSED');
  // Either the runner stopped as asked (an interrupted summary) or it was ended, and the run says it has no summary.
  if (run.summary) expect(run.summary.selection.interrupted).toBe(true);
  else expect(run.output).toContain('the run ended without a summary');
});

test('a narrowed run with a baseline is NOT DECIDED (exit 4); declared the gate, it passes and says what it judged', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oidc-fail-closed-'));
  const baseline = join(dir, 'baseline.json');
  writeFileSync(baseline, JSON.stringify(writeBaseline(cleanRun().summary)));
  const env = { ...MUTATION_ENV, OIDC_BASELINE: baseline };
  const narrowed = await runConformance({ suites: ['discovery'], env: { ...env, OIDC_GATE_ON_SELECTION: '0' } });
  expect(narrowed.code, narrowed.output.slice(-2000)).toBe(4);
  expect(narrowed.summary!.selection.complete).toBe(false);
  expect(narrowed.output).toMatch(/GATE: NOT DECIDED — partial run \(OIDC_SUITES=discovery\)/);
  const declared = await runConformance({ suites: ['discovery'], env: { ...env, OIDC_GATE_ON_SELECTION: '1' } });
  expect(declared.code, declared.output.slice(-2000)).toBe(0);
  expect(declared.output).toMatch(/GATE: PASSED \[judged on the declared selection \(OIDC_SUITES=discovery; OIDC_GATE_ON_SELECTION=1\)\]/);
});

test('discovery without userinfo_endpoint: the userinfo checks it blocks are not excused by a SHOULD warning', async () => {
  // The suites that judge it (discovery, userinfo), declared the gate: the rest of the suite has nothing to add here.
  const run = await runConformance({
    defects: ['discovery.no-userinfo-endpoint'],
    suites: ['discovery', 'userinfo'],
    env: { ...MUTATION_ENV, OIDC_GATE_ON_SELECTION: '1' },
  });
  expect(run.code, run.output.slice(-3000)).toBe(1);
  const s = run.summary!;
  expect(s.gate.verdict).toBe('failed');
  const userinfo = s.checks.filter((c) => c.operation === 'getOidcUserInfo');
  expect(userinfo.length).toBeGreaterThan(15);
  expect(userinfo.every((c) => c.status === 'blocked')).toBe(true);
  // In the ory profile the missing operation is a failure of Ory's contract; the blocks name it.
  expect(s.checks.find((c) => c.id === 'DISC-ORY-OPERATIONS')).toMatchObject({
    status: 'failed',
    finding: 'not-advertised:userinfo_endpoint',
  });
  expect(run.output).not.toContain('GATE: PASSED');
});

/** The processes whose environment carries `mark` (Linux's /proc), with their command lines. */
function marked(mark: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`OIDC_SELFTEST_MARK=${mark}`))
        found.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}
const isTestRunner = (cmd: string) => /@playwright[/\\]test[/\\]cli\.js test/.test(cmd);

test('the test runner starts with the command; nothing to run (a bad setting, an unreachable target) is one line, a Ctrl-C before the run is exit 130, and neither leaves it behind', async () => {
  test.setTimeout(120_000);
  for (const [env, line] of [
    [{ OIDC_PROFILE: 'bogus' }, /^\[conformance\] OIDC_PROFILE: "bogus" must be/],
    [{ OIDC_BASE_URL: 'http://127.0.0.1:9' }, /^\[conformance\] OIDC_BASE_URL: http:\/\/127\.0\.0\.1:9 is unreachable/],
  ] as const) {
    const mark = randomUUID();
    let runnerSeen = false;
    const run = await runConformance({
      env: { ...env, OIDC_SELFTEST_MARK: mark },
      onStart: () => {
        const look = setInterval(() => (runnerSeen ||= marked(mark).some(isTestRunner)), 20);
        setTimeout(() => clearInterval(look), 5_000);
      },
    });
    expect(run.code, run.output).toBe(2);
    expect(
      run.output
        .trim()
        .split('\n')
        .filter((l) => l.trim()),
      run.output,
    ).toEqual([expect.stringMatching(line)]);
    expect(runnerSeen, 'the test runner was started before the settings were judged').toBe(true);
    await expect.poll(() => marked(mark).filter(isTestRunner), { timeout: 5_000 }).toEqual([]);
  }
  // Ctrl-C while the test runner loads and the command starts the target.
  const mark = randomUUID();
  const run = await runConformance({
    detached: true,
    env: { OIDC_SELFTEST_MARK: mark },
    onStart: (child) => {
      const look = setInterval(() => {
        if (!marked(mark).some(isTestRunner)) return;
        clearInterval(look);
        process.kill(-child.pid!, 'SIGINT');
      }, 20);
    },
  });
  expect(run.code, run.output).toBe(130);
  expect(run.output).not.toContain('GATE');
  await expect.poll(() => marked(mark), { timeout: 5_000 }).toEqual([]);
});

// The HTML report's Allure CLI is started while the checks run, to load ahead (harness/report/allure.ts): it must make
// the same report as one started at the end, make it even when it died before its turn, and leave no process behind
// when the run ends without a report, or when the command that started it is killed.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AllureCli, generateAllureReport } from '../harness/report/allure.ts';

/** A results folder with one passed result named `name`. */
function results(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'allure-cli-')), 'allure-results');
  mkdirSync(dir);
  const now = Date.now();
  const result = {
    uuid: randomUUID(),
    name,
    fullName: name,
    status: 'passed',
    stage: 'finished',
    start: now,
    stop: now + 5,
    labels: [],
    steps: [],
  };
  writeFileSync(join(dir, `${result.uuid}-result.json`), JSON.stringify(result));
  return dir;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(50);
  return !alive(pid);
}

test('a CLI started ahead makes the report; one that died before its turn is replaced by one started then', async () => {
  for (const kill of [false, true]) {
    const dir = results(`the check of the ${kill ? 'replaced' : 'warm'} CLI`);
    const cli = AllureCli.warm();
    if (kill) {
      process.kill(cli.pid!, 'SIGKILL');
      expect(await gone(cli.pid!)).toBe(true);
    }
    const report = await generateAllureReport(dir, join(dir, '..', 'allure-report'), 'GATE: PASSED · selftest', undefined, cli);
    expect(report.ok, JSON.stringify(report)).toBe(true);
    const html = readFileSync(join(dir, '..', 'allure-report', 'index.html'), 'utf8');
    expect(html).toContain('GATE: PASSED · selftest');
    expect(html).not.toContain('googletagmanager');
    expect(await gone(cli.pid!)).toBe(true);
  }
});

test('a CLI started ahead and not used ends with close(), and ends by itself when the process that started it dies', async () => {
  const unused = AllureCli.warm();
  unused.close();
  expect(await gone(unused.pid!)).toBe(true);

  // A command killed outright cannot close it: the CLI sees its channel to the command close, and exits.
  const parent = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "const { AllureCli } = await import('./harness/report/allure.ts'); process.stdout.write(`${AllureCli.warm().pid}\\n`); setInterval(() => {}, 1000);",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let pid: number | undefined;
  try {
    pid = await new Promise<number>((resolve) => parent.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
    expect(alive(pid)).toBe(true);
  } finally {
    parent.kill('SIGKILL');
  }
  try {
    expect(await gone(pid!), `the CLI ${pid} outlived the command that started it`).toBe(true);
    expect(existsSync(`/proc/${pid}`)).toBe(false);
  } finally {
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  }
});

// npm test: type-check the project, lint it, check its formatting and run its own tests, and end with the plain line
// CI reads. The three static steps run beside the test runner (each on one core, while the tests mostly wait on the
// runs they start); their output is printed after the tests', each counted as one test.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
let passed = 0;
let failed = 0;
let skipped = 0;

const bin = (pkg: string, file: string) => join(import.meta.dirname, '..', 'node_modules', pkg, 'bin', file);
const STATIC: Array<[string, string[]]> = [
  ['type-check', [bin('typescript', 'tsc'), '--noEmit']],
  ['lint', [bin('eslint', 'eslint.js'), '.']],
  ['format', [bin('prettier', 'prettier.cjs'), '--check', '--log-level', 'warn', '.']],
];

/** A static step, started now; resolves with its exit status and everything it printed. */
function started(args: string[]): Promise<{ status: number | null; output: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((done) => child.on('close', (status) => done({ status, output })));
}
const steps = STATIC.map(([name, args]) => [name, started(args)] as const);

const results = join('reports', 'selftest', 'results.json');
rmSync(results, { force: true });
mkdirSync(join('reports', 'selftest'), { recursive: true });
// Asynchronously, so that the static steps' output is read while the tests run.
const pw = spawn(
  process.execPath,
  [require.resolve('@playwright/test/cli'), 'test', '-c', 'playwright.selftest.config.ts', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
const pwStatus = await new Promise<number | null>((done) => pw.on('close', done));
if (existsSync(results)) {
  const stats = JSON.parse(readFileSync(results, 'utf8')).stats;
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
} else {
  failed++;
  console.log(`the test runner ended without results (exit ${pwStatus})`);
}
for (const [name, step] of steps) {
  const { status, output } = await step;
  if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  if (status === 0) passed++;
  else failed++;
  console.log(`${name}: ${status === 0 ? 'ok' : 'FAILED'}`);
}
const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
writeFileSync(join('reports', 'selftest', 'counts.txt'), line + '\n');
console.log(line);
process.exitCode = failed === 0 && pwStatus === 0 ? 0 : 1;

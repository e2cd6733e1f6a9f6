// npm test: type-check the project, run its own tests, and end with the plain line CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
let passed = 0;
let failed = 0;
let skipped = 0;

// The static steps first, each counted as one test: the type-check, ESLint and Prettier's check.
const bin = (pkg: string, file: string) => join(import.meta.dirname, '..', 'node_modules', pkg, 'bin', file);
const STATIC: Array<[string, string[]]> = [
  ['type-check', [bin('typescript', 'tsc'), '--noEmit']],
  ['lint', [bin('eslint', 'eslint.js'), '.']],
  ['format', [bin('prettier', 'prettier.cjs'), '--check', '--log-level', 'warn', '.']],
];
for (const [name, args] of STATIC) {
  const step = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (step.status === 0) {
    passed++;
    console.log(`${name}: ok`);
  } else {
    failed++;
    console.log(`${name}: FAILED`);
  }
}

const results = join('reports', 'selftest', 'results.json');
rmSync(results, { force: true });
mkdirSync(join('reports', 'selftest'), { recursive: true });
const pw = spawnSync(
  process.execPath,
  [require.resolve('@playwright/test/cli'), 'test', '-c', 'playwright.selftest.config.ts', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
if (existsSync(results)) {
  const stats = JSON.parse(readFileSync(results, 'utf8')).stats;
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
} else {
  failed++;
  console.log(`the test runner ended without results (exit ${pw.status})`);
}
const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
writeFileSync(join('reports', 'selftest', 'counts.txt'), line + '\n');
console.log(line);
process.exitCode = failed === 0 && pw.status === 0 ? 0 : 1;

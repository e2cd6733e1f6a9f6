// npm run build (and npm pack, through prepack): the installed command runs compiled JavaScript, no TypeScript
// loader. dist/ gets the code (tsconfig.build.json) and what it reads at run time (schemas, baselines).
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const built = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
for (const folder of ['schemas', 'baselines']) cpSync(join(root, folder), join(dist, folder), { recursive: true });
console.log(`[build] ${dist}`);

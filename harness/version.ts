// The harness's version: its package.json's, found from here in the repository (harness/) and in the installed
// package (dist/harness/).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = [join(import.meta.dirname, '..', 'package.json'), join(import.meta.dirname, '..', '..', 'package.json')].find((p) =>
  existsSync(p),
);

export const HARNESS_VERSION: string = manifest ? JSON.parse(readFileSync(manifest, 'utf8')).version : 'unknown';

// The last line of defence: after a run, every file the run wrote under its reports folder is rewritten with every secret
// the run used masked (values spilled by the workers into OIDC_SECRET_LOG). Text files are
// rewritten in place; zip archives (Playwright traces) entry by entry.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { loadSecretLog } from './vault.ts';
import { maskText } from './mask.ts';

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

const isText = (buf: Uint8Array) => !buf.subarray(0, 8000).includes(0);

function scrubBytes(buf: Uint8Array): Uint8Array | undefined {
  if (!isText(buf)) return undefined;
  const text = Buffer.from(buf).toString('utf8');
  const masked = maskText(text);
  return masked === text ? undefined : Buffer.from(masked, 'utf8');
}

/** The files and folders a run writes under its reports folder: only these are the run's to scrub. */
export const RUN_OUTPUTS = ['allure-results', 'test-results', 'summary.json', 'junit.xml', 'contract.json', 'timings.json'];

/**
 * Scrub a run's own outputs under `dir` (RUN_OUTPUTS; not other runs' folders that may share it, e.g. the shards
 * or the project's own tests). A file that goes away while it is read was not this run's to keep.
 */
export function scrubDirectory(dir: string, secretLog?: string): number {
  if (secretLog) {
    try {
      loadSecretLog(readFileSync(secretLog, 'utf8'));
    } catch {
      /* no secrets were spilled */
    }
  }
  let changed = 0;
  for (const output of RUN_OUTPUTS.map((o) => join(dir, o)).filter((p) => existsSync(p))) {
    for (const path of statSync(output).isDirectory() ? files(output) : [output]) {
      try {
        changed += scrubFile(path) ? 1 : 0;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  }
  return changed;
}

/** Rewrite one file with every known secret masked (zip archives entry by entry); true when it changed. */
function scrubFile(path: string): boolean {
  if (statSync(path).size > 200 * 1024 * 1024) return false;
  const buf = readFileSync(path);
  if (path.endsWith('.zip') || (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04)) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(buf);
    } catch {
      return false;
    }
    let dirty = false;
    for (const [name, data] of Object.entries(entries)) {
      const s = scrubBytes(data);
      if (s) {
        entries[name] = s;
        dirty = true;
      }
    }
    if (dirty) writeFileSync(path, zipSync(entries));
    return dirty;
  }
  const s = scrubBytes(buf);
  if (s) writeFileSync(path, s);
  return s !== undefined;
}

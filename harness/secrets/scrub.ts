// The last line of defence: after a run, every file under reports/ is rewritten with every secret
// the run used masked (values spilled by the workers into OIDC_SECRET_LOG). Text files are
// rewritten in place; zip archives (Playwright traces) entry by entry.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

export function scrubDirectory(dir: string, secretLog?: string): number {
  if (secretLog) {
    try { loadSecretLog(readFileSync(secretLog, 'utf8')); } catch { /* no secrets were spilled */ }
  }
  let changed = 0;
  for (const path of files(dir)) {
    if (statSync(path).size > 200 * 1024 * 1024) continue;
    const buf = readFileSync(path);
    if (path.endsWith('.zip') || (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04)) {
      let entries: Record<string, Uint8Array>;
      try { entries = unzipSync(buf); } catch { continue; }
      let dirty = false;
      for (const [name, data] of Object.entries(entries)) {
        const s = scrubBytes(data);
        if (s) { entries[name] = s; dirty = true; }
      }
      if (dirty) { writeFileSync(path, zipSync(entries)); changed++; }
      continue;
    }
    const s = scrubBytes(buf);
    if (s) { writeFileSync(path, s); changed++; }
  }
  return changed;
}

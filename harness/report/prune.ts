// Playwright makes an output folder for every test, and most checks leave nothing in theirs: a run should not leave
// hundreds of empty folders behind.
import { readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Remove the empty folders under `dir` (and `dir` itself when nothing is left); a folder that is gone is fine. */
export function pruneEmptyFolders(dir: string): void {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) return;
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) pruneEmptyFolders(join(dir, e));
  try {
    if (!readdirSync(dir).length) rmdirSync(dir);
  } catch {
    /* in use, or gone: leave it */
  }
}

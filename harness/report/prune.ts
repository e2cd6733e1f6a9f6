// Playwright makes an output folder for every test, and most checks leave nothing in theirs: a run should not leave
// hundreds of empty folders behind. A new run clears the previous run's reports without waiting for the disk.
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

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

/**
 * Take the previous run's reports (`names` under `reports`) out of the way at once and delete them while this run goes
 * on: moved aside in one rename each, then deleted in the background (a few thousand files were a quarter of a second
 * before the run could start). Resolves when they are gone; what cannot be moved is deleted in place.
 */
export function clearPreviousReports(reports: string, names: readonly string[]): Promise<void> {
  const present = names.filter((n) => existsSync(join(reports, n)));
  if (!present.length) return Promise.resolve();
  const aside = join(reports, `.previous-${randomUUID()}`);
  try {
    mkdirSync(aside);
    for (const n of present) renameSync(join(reports, n), join(aside, n));
  } catch {
    for (const n of present) rmSync(join(reports, n), { recursive: true, force: true });
  }
  return rm(aside, { recursive: true, force: true, maxRetries: 2 }).catch(() => {});
}

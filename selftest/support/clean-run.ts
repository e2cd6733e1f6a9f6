// Access to the clean run made by global-setup.ts.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Summary } from '../../harness/report/summary.ts';

export const CLEAN_RUN_DIR = resolve(import.meta.dirname, '..', '..', 'reports', 'selftest', 'clean-run');
/** The defect batch's verdicts, made once per npm test by selftest/defects.spec.ts. */
export const DEFECTS_BATCH_FILE = resolve(CLEAN_RUN_DIR, '..', 'defects-batch.json');

export interface CleanRun {
  code: number | null;
  output: string;
  durationMs: number;
  secretLog: string;
  /** Every secret the reference target handed out during the run (one {kind, value} per line). */
  issuedLog: string;
  summary: Summary;
}

let cached: CleanRun | undefined;
export function cleanRun(): CleanRun {
  if (cached) return cached;
  const meta = JSON.parse(readFileSync(join(CLEAN_RUN_DIR, '..', 'clean-run.json'), 'utf8'));
  const summary = JSON.parse(readFileSync(join(CLEAN_RUN_DIR, 'summary.json'), 'utf8')) as Summary;
  cached = { ...meta, summary };
  return cached!;
}

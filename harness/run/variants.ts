// A batch run: one Playwright run that judges several targets at once (the reference target with each defect of
// the catalogue, and without), so that the defect catalogue costs one run's start-up, not one per defect. The
// runner writes the batch to a file named by OIDC_VARIANTS; every check is declared once per variant that runs it
// (all checks, or the ones it names), and its fixtures talk to that variant's target.
import { readFileSync } from 'node:fs';

export interface Variant {
  /** A defect id, or "clean". */
  name: string;
  baseUrl: string;
  adminUrl: string;
  /** The check ids it runs; all when absent. */
  checks?: string[];
}

let cached: Variant[] | undefined;

/** The batch of this run, or [] for an ordinary run. */
export function variants(): Variant[] {
  const file = process.env.OIDC_VARIANTS?.trim();
  if (!file) return [];
  return (cached ??= JSON.parse(readFileSync(file, 'utf8')) as Variant[]);
}

/** The variants that run a check. */
export function variantsFor(id: string): Variant[] {
  return variants().filter((v) => !v.checks || v.checks.includes(id));
}

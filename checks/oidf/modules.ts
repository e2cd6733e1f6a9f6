// The OpenID Foundation's OP test modules that touch the operations this harness serves, each mapped to the check
// ids that judge what it judges, or to the reason none does. Rendered to docs/oidf-modules.md by `npm run coverage`.
import type { PlanName } from './plans.ts';

export interface OidfModule {
  plans: PlanName[];
  /** What the module judges, in one line. */
  judges: string;
  /** The check ids that judge it (empty when none does: then `reason` says why). */
  checks: string[];
  reason?: string;
}

export const MODULES: Readonly<Record<string, OidfModule>> = {};

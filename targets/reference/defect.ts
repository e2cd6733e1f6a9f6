// What a defect is: one way the reference target can be started broken, to prove that a check can fail.
// Adding one: an entry in the `<area>.defects.ts` file beside the code it breaks, and one `ctx.has('<id>')`
// at the exact place of the behaviour (docs/adding-a-check.md).
import type { Offer } from './client-auth.ts';
export interface Defect {
  /** The check id that must catch it (with `request` when the id judges several requests). Its operation is the defect's. */
  catches: string;
  request?: string;
  /** The finding the check must fail with (a short stable code the rule produces, e.g. `status:200`). */
  finding?: string;
  description: string;
  /** Other checks that fail by construction of the defect (the mutation judge allows these, and only these). */
  alsoFails?: string[];
  /** OIDC_SUITES prefixes that exercise it, when not every suite does (the batch derives them by tracing; kept for a run of one defect). */
  suites?: string[];
  /** Features Hydra does not offer that the variant and its clean comparison run are started offering. */
  reference?: { offers?: Offer[] };
}

/** Declares an area's defects, keeping their ids as literal types (for `ctx.has`). */
export function defects<T extends Record<string, Defect>>(d: T): T {
  return d;
}

// The defect catalogue: every single defect the reference target can be started with, from the
// `<area>.defects.ts` files beside the code each one breaks. `npm run mutation` runs them all.
import type { Defect } from './defect.ts';
import { DISCOVERY_DEFECTS } from './discovery.defects.ts';
import { REGISTRATION_DEFECTS } from './registration.defects.ts';
import { CLIENT_AUTH_DEFECTS } from './client-auth.defects.ts';
import { TOKENS_DEFECTS } from './tokens.defects.ts';
import { USERINFO_DEFECTS } from './userinfo.defects.ts';
import { LOGOUT_DEFECTS } from './logout.defects.ts';
import { CREDENTIALS_DEFECTS } from './credentials.defects.ts';
import { MTLS_DEFECTS } from './mtls.defects.ts';

const CATALOGUE = {
  ...DISCOVERY_DEFECTS,
  ...REGISTRATION_DEFECTS,
  ...CLIENT_AUTH_DEFECTS,
  ...TOKENS_DEFECTS,
  ...USERINFO_DEFECTS,
  ...LOGOUT_DEFECTS,
  ...CREDENTIALS_DEFECTS,
  ...MTLS_DEFECTS,
};

export type DefectId = keyof typeof CATALOGUE;
export type { Defect };

export const DEFECTS: Readonly<Record<string, Defect>> = CATALOGUE;

/** Validates the ids once at start-up and returns the cheap lookup the handlers consult. */
export function defectSwitch(ids: readonly string[] = []): (id: DefectId) => boolean {
  for (const id of ids) {
    if (!Object.hasOwn(DEFECTS, id)) throw new Error(`unknown defect: ${id}`);
  }
  const active = new Set<string>(ids);
  return (id) => active.has(id);
}

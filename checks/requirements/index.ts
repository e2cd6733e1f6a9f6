// The clause matrix: every standard the harness judges Ory's OidcApi by, in the order docs/coverage.md lists them.
import { CORE } from './core.ts';
import { DISCOVERY } from './discovery.ts';
import { BACKCHANNEL, FRONTCHANNEL, RP_LOGOUT } from './logout.ts';
import { RFC6749, RFC6750, RFC7009, RFC7523, RFC7636, RFC8414, RFC8705 } from './oauth.ts';
import { REGISTRATION, RFC7591, RFC7592 } from './registration.ts';
import { VCI } from './vci.ts';
import { located, type LocatedRequirement, type Standard } from './types.ts';

export const STANDARDS: readonly Standard[] = [
  DISCOVERY,
  CORE,
  REGISTRATION,
  RFC7591,
  RFC7592,
  RFC6749,
  RFC6750,
  RFC7009,
  RFC7523,
  RFC7636,
  RFC8414,
  RFC8705,
  RP_LOGOUT,
  FRONTCHANNEL,
  BACKCHANNEL,
  VCI,
];

/** Every requirement of the matrix, flat, with its standard, section and anchor. */
export const REQUIREMENTS: readonly LocatedRequirement[] = STANDARDS.flatMap(located);

/** Every check id the matrix names (crediting a requirement, or judging one no defect proves), sorted. */
export function namedCheckIds(): string[] {
  return [...new Set(REQUIREMENTS.flatMap((r) => r.checks ?? r.notChecked?.checks ?? []))].sort();
}

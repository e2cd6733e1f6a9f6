// Every check of the catalogue, in one list: for the reporter (is a run complete?), the coverage
// selftests (every check has a suite and a defect) and docs/coverage.md.
import { checkKey, type CheckDef } from './types.ts';
import * as credentials from './credentials.ts';
import * as discovery from './discovery.ts';
import * as logout from './logout.ts';
import * as openapi from './openapi.ts';
import * as registration from './registration.ts';
import * as registrationAuth from './registration-auth.ts';
import * as registrationFuzz from './registration-fuzz.ts';
import * as tokenAuth from './token-auth.ts';
import * as tokenMtls from './token-mtls.ts';
import * as tokens from './tokens.ts';
import * as userinfo from './userinfo.ts';

const isDef = (v: unknown): v is CheckDef =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as CheckDef).id === 'string' &&
  typeof (v as CheckDef).operation === 'string' &&
  typeof (v as CheckDef).rule === 'string';

/** Walk the exported catalogue objects (nested, e.g. AUTH[method][rule]) and collect their definitions. */
function collect(value: unknown, out: Map<string, CheckDef>, depth = 0): void {
  if (isDef(value)) out.set(checkKey(value), value);
  else if (value && typeof value === 'object' && depth < 3) for (const v of Object.values(value)) collect(v, out, depth + 1);
}

const all = new Map<string, CheckDef>();
for (const m of [credentials, discovery, logout, registration, registrationAuth, registrationFuzz, tokenAuth, tokenMtls, tokens, userinfo])
  collect(m, all);

/** Every check judged by a suite (id and request unique together). The OpenAPI checks are per request: see OAS. */
export const ALL_CHECKS: readonly CheckDef[] = [...all.values()];
export const ALL_CHECK_IDS: ReadonlySet<string> = new Set(ALL_CHECKS.map((c) => c.id));
export const OPENAPI_CHECKS = openapi.OAS;

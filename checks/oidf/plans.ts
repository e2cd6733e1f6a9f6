// The OpenID Foundation's OP test plans, as users know them (`--plan NAME`): each is the set of checks that judge what
// its modules judge (checks/oidf/modules.ts). A run of one plan is gated on exactly that set. This is not a
// certification: the README says what a team still needs the OIDF suite for.
import { MODULES } from './modules.ts';

export const PLANS = {
  config: 'oidcc-config-certification-test-plan',
  basic: 'oidcc-basic-certification-test-plan',
  dynamic: 'oidcc-dynamic-certification-test-plan',
  'rp-initiated-logout': 'oidcc-rp-initiated-logout-certification-test-plan',
  'frontchannel-logout': 'oidcc-frontchannel-rp-initiated-logout-certification-test-plan',
  'backchannel-logout': 'oidcc-backchannel-rp-initiated-logout-certification-test-plan',
  'vci-issuer': 'oid4vci-1_0-issuer-test-plan',
} as const;

export type PlanName = keyof typeof PLANS;
export const PLAN_NAMES = Object.keys(PLANS) as PlanName[];

/** The check ids of a plan: every check that judges one of its modules. */
export function planCheckIds(plan: string): ReadonlySet<string> {
  return new Set(
    Object.values(MODULES)
      .filter((m) => m.plans.includes(plan as PlanName))
      .flatMap((m) => m.checks),
  );
}

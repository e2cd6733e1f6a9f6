/**
 * default_max_age and require_auth_time (OpenID Connect Dynamic Client Registration 1.0 §2), which Hydra v2.3.0 does
 * not keep (its client has neither field, so its registration response leaves them out): only when the reference is
 * started offering 'default_max_age' or 'require_auth_time' (ReferenceOptions.offers). Then registration keeps and
 * echoes the offered member, and the authorization endpoint takes a client's default_max_age as the max_age of a
 * request without one (authorize.ts). ID tokens carry auth_time either way, as Hydra's always do.
 */
import type { Ctx } from './context.ts';

const MEMBERS = { default_max_age: 'number', require_auth_time: 'boolean' } as const;
type Member = keyof typeof MEMBERS;

/** What each client registered of the offered members, per instance. */
const kept = new WeakMap<Ctx, Map<string, Partial<Record<Member, number | boolean>>>>();

/** Registration: the offered members of the body, to keep once the client is created. */
export function authTimeRegistration(ctx: Ctx, body: string): Partial<Record<Member, number | boolean>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== 'object') return {};
  const sent = parsed as Record<string, unknown>;
  const members = (Object.keys(MEMBERS) as Member[]).filter((m) => ctx.offers(m) && typeof sent[m] === MEMBERS[m]);
  return Object.fromEntries(members.map((m) => [m, sent[m] as number | boolean]));
}

export function rememberAuthTime(ctx: Ctx, clientId: string, members: Partial<Record<Member, number | boolean>>): void {
  if (!Object.keys(members).length) return;
  let m = kept.get(ctx);
  if (!m) kept.set(ctx, (m = new Map()));
  m.set(clientId, members);
}

/** The kept members: for the registration response, the authorization endpoint (default_max_age) and ID tokens. */
export function authTimeMembers(ctx: Ctx, clientId: string): Partial<Record<Member, number | boolean>> {
  return kept.get(ctx)?.get(clientId) ?? {};
}

// The one end-user of the oidc-provider target, and the claims it can release. The credentials are
// fixed on purpose: the README shows them, and the browser login driver types them into the form.
import type { FindAccount } from 'oidc-provider';

export const TEST_USER = { username: 'alice', password: 'wonderland-conformance' } as const;

/** The claims per scope (OpenID Connect Core 1.0 §5.4), plus the ones oidc-provider lists by default. */
export const CLAIMS = {
  acr: null,
  sid: null,
  auth_time: null,
  iss: null,
  openid: ['sub'],
  email: ['email', 'email_verified'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username'],
} as const;

const PROFILE = {
  email: 'alice@example.com',
  email_verified: true,
  name: 'Alice Liddell',
  given_name: 'Alice',
  family_name: 'Liddell',
  preferred_username: 'alice',
};

export const findAccount: FindAccount = async (_ctx, sub) =>
  sub === TEST_USER.username ? { accountId: sub, claims: async () => ({ sub, ...PROFILE }) } : undefined;

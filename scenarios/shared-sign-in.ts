// A user signed in once per worker and target, for checks that only read with what the sign-in gave: the claims
// userinfo answers for its access token, a credential issued for it, the token response and ID token themselves. The
// sign-in is their precondition, not their subject, and a read changes nothing, so one sign-in serves them all (its
// exchanges are in the evidence of each; scenarios/shared.ts). Its client stays registered until the worker ends,
// since a client's tokens end with it. A check that changes the session (a revocation, a refresh, a logout) or asks
// for a sign-in of its own kind (max_age, a scope of its own) signs in itself.
import type { CheckFixtures } from '../fixtures/check.ts';
import type { SignedIn, SignInOptions } from '../fixtures/login.ts';
import { sharedScenario } from './shared.ts';

/** The default sign-in (client, scopes and request as `login.signIn()` makes them). */
export const PLAIN_SIGN_IN = 'plain sign-in';

export type SignInFixtures = Pick<CheckFixtures, 'login' | 'clients' | 'settings'>;

/** The sign-in `name` (one per kind of sign-in, `opts` its kind), made by whichever check of the worker asks first. */
export function sharedSignIn(fx: SignInFixtures, name: string, opts?: SignInOptions): Promise<SignedIn> {
  return sharedScenario(name, fx.settings.baseUrl, async () => {
    const signedIn = await fx.login.signIn(opts);
    if (signedIn.client) fx.clients.keep(signedIn.client, name);
    return signedIn;
  });
}

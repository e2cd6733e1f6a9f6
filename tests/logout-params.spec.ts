// RP-Initiated Logout 1.0 without some of its parameters, as the OpenID Foundation's suite sends them
// (no-params, no-post-logout-redirect-uri, only-state, no-state) and asks a person to judge from a
// screenshot. Judged here: the request comes from the signed-in user agent, the harness confirms any
// logout question as the user would, and then where the user agent ended (a page of the provider, or
// the registered URI as it was registered) and whether the session is over (prompt=none).
import { test } from '../fixtures/index.ts';
import { check, type CheckFixtures } from '../fixtures/check.ts';
import { LOGOUT } from '../checks/catalogue/logout.ts';
import { must } from '../checks/rules/verdict.ts';
import {
  at,
  logOutWith,
  mustHaveLoggedOut,
  newState,
  probeLogout,
  promptNone,
  signInForLogout,
  where,
  type LogoutSession,
} from '../scenarios/logout.ts';

/** A logout request with `params` in the signed-in user agent must log the user out and leave them at the provider. */
async function mustLogOutWith(fx: CheckFixtures, params: (session: LogoutSession) => Record<string, string>, what: string): Promise<void> {
  const session = await signInForLogout(fx);
  const before = await promptNone(fx, session);
  const landing = await logOutWith(fx, session, params(session));
  await mustHaveLoggedOut(fx, session, before, landing, what);
}

test.describe('revokeOidcSession: logout requests without some parameters', () => {
  check(LOGOUT.NO_PARAMS, (fx) => mustLogOutWith(fx, () => ({}), 'a logout request with no parameters'));

  check(LOGOUT.NO_REDIRECT_URI, (fx) =>
    mustLogOutWith(
      fx,
      (s) => ({ id_token_hint: s.users[0]!.signedIn.idToken!, state: newState() }),
      'a logout request with id_token_hint and state but no post_logout_redirect_uri',
    ),
  );

  check(LOGOUT.ONLY_STATE, (fx) => mustLogOutWith(fx, () => ({ state: newState() }), 'a logout request with only a state'));

  check(LOGOUT.RP_NO_STATE, async (fx) => {
    const session = await signInForLogout(fx);
    const { signedIn, rp } = session.users[0]!;
    const landing = await probeLogout(fx, { id_token_hint: signedIn.idToken!, post_logout_redirect_uri: rp.postLogout });
    must(
      at(landing, rp.postLogout),
      `without state, the user agent did not reach the registered ${rp.postLogout}: it ended at ${where(landing)}`,
      {
        finding: 'not-redirected',
        expected: rp.postLogout,
        actual: where(landing),
      },
    );
    const added = [...new Set(landing.url.searchParams.keys())];
    must(!added.length, `without state, the redirect to ${rp.postLogout} carries ${added.join(', ')}: ${where(landing)}`, {
      finding: added.includes('state') ? 'state-added' : `params-added:${added.join(',')}`,
      expected: rp.postLogout,
      actual: where(landing),
    });
  });
});

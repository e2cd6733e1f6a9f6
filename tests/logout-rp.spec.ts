// RP-Initiated Logout 1.0 at Ory's revokeOidcSession: a signed-in user logs out in a real browser
// and is sent back to the client; afterwards the session is over.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import type { CheckFixtures } from '../fixtures/check.ts';
import { Receiver } from '../fixtures/receiver.ts';
import { LOGOUT } from '../checks/catalogue/logout.ts';
import { must, mustEqual, mustHaveStatus, notApplicable } from '../checks/rules/verdict.ts';
import {
  endSessionEndpoint,
  logOut,
  promptNone,
  requireCompleted,
  signInForLogout,
  where,
  type LogoutResult,
  type LogoutSession,
} from '../scenarios/logout.ts';

/** The post-logout request the receiver answered, as evidence (in browser login mode the browser answers it itself). */
async function attachArrival(fx: CheckFixtures, session: LogoutSession): Promise<void> {
  const { nonce } = session.users[0]!.rp;
  for (const r of fx.receiver.requests((r) => r.nonce === nonce && r.kind === 'post-logout')) await Receiver.attach(r);
}

async function signInAndOut(fx: CheckFixtures, method: 'GET' | 'POST'): Promise<{ session: LogoutSession; result: LogoutResult }> {
  const session = await signInForLogout(fx);
  const result = await logOut(fx, session, { method });
  await attachArrival(fx, session);
  return { session, result };
}

function mustArrive(result: LogoutResult, session: LogoutSession): void {
  const { postLogout } = session.users[0]!.rp;
  must(result.completed, `the user agent ended at ${where(result.landing)}, not at the registered post_logout_redirect_uri ${postLogout}`);
}

test.describe('revokeOidcSession: RP-initiated logout', () => {
  check(LOGOUT.RP_GET, async (fx) => {
    const { session, result } = await signInAndOut(fx, 'GET');
    mustArrive(result, session);
  });

  check(LOGOUT.RP_POST, async (fx) => {
    const { session, result } = await signInAndOut(fx, 'POST');
    mustArrive(result, session);
  });

  check(LOGOUT.RP_STATE, async (fx) => {
    const { session, result } = await signInAndOut(fx, 'GET');
    requireCompleted(result, session.users[0]!.rp);
    mustEqual(result.landing.url.searchParams.get('state'), result.state, 'state at the post_logout_redirect_uri');
  });

  check(LOGOUT.ORY_CHALLENGE, async (fx) => {
    if (fx.login.mode !== 'ory-admin') notApplicable('the logout UI is answered through the admin API only in OIDC_LOGIN_MODE=ory-admin');
    const { session, result } = await signInAndOut(fx, 'GET');
    const step = result.browserLogout?.uiSteps[0];
    must(
      step,
      `the provider never sent the browser to its logout UI with a logout_challenge (a remembered login exists); it ended at ${where(result.landing)}`,
    );
    mustHaveStatus(step.request, 200, 'GET /admin/oauth2/auth/requests/logout');
    const lr = step.request.json ?? {};
    const claims = session.users[0]!.signedIn.idTokenClaims ?? {};
    mustEqual(lr.rp_initiated, true, 'rp_initiated of the logout request');
    mustEqual(lr.sid, claims.sid, "sid of the logout request (the ID token's sid)");
    mustEqual(lr.subject, claims.sub, "subject of the logout request (the ID token's sub)");
    mustHaveStatus(step.accept!, 200, 'PUT /admin/oauth2/auth/requests/logout/accept');
    const next = new URL(String(step.accept!.json?.redirect_to ?? ''), 'invalid:/');
    const endpoint = new URL(endSessionEndpoint(fx.discovery));
    must(
      next.origin === endpoint.origin && next.pathname === endpoint.pathname && next.searchParams.has('logout_verifier'),
      `redirect_to is not ${endpoint.origin}${endpoint.pathname}?logout_verifier=…`,
    );
  });

  check(LOGOUT.SESSION_ENDED, async (fx) => {
    const session = await signInForLogout(fx);
    const before = await promptNone(fx, session);
    if (before.error === undefined)
      notApplicable(
        `prompt=none before logout did not come back to the redirect URI (it ended at ${where(before.landing)}), so it cannot tell a live session from an ended one`,
      );
    if (before.error === 'login_required')
      notApplicable(
        'prompt=none is answered with login_required even before logout: the provider does not keep the remembered login, so this check would prove nothing',
      );
    const result = await logOut(fx, session);
    requireCompleted(result, session.users[0]!.rp);
    const after = await promptNone(fx, session);
    must(after.error !== undefined, `after logout, prompt=none did not come back to the redirect URI: it ended at ${where(after.landing)}`);
    must(
      after.error === 'login_required',
      after.error
        ? `after logout, prompt=none was answered with error=${after.error}, not login_required`
        : 'after logout, prompt=none was answered with a code: the session is still alive',
    );
  });
});

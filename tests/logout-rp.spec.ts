// RP-Initiated Logout 1.0 at Ory's revokeOidcSession: a signed-in user logs out in a real browser
// and is sent back to the client; afterwards the session is over. One GET logout per worker is judged
// by the checks that read it (arrival, state, the logout UI handover, the session before and after);
// the POST logout is its own.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import type { CheckFixtures } from '../fixtures/check.ts';
import { Receiver } from '../fixtures/receiver.ts';
import { LOGOUT } from '../checks/catalogue/logout.ts';
import { must, notApplicable } from '../checks/rules/verdict.ts';
import {
  endSessionEndpoint,
  logOut,
  mustHaveEnded,
  promptNone,
  registerForLogout,
  requireCompleted,
  requireSessionWasAlive,
  signInForLogout,
  where,
  type LogoutResult,
  type LogoutSession,
  type SessionProbe,
} from '../scenarios/logout.ts';
import { judgedTogether, sharedScenario } from '../scenarios/shared.ts';
import { mustDescribeLogout } from '../scenarios/logout-challenge.ts';

interface RpLogout {
  session: LogoutSession;
  /** prompt=none before the logout (the control) and after it (when the logout completed). */
  before: SessionProbe;
  after?: SessionProbe;
  result: LogoutResult;
}

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

/** The one GET logout (with the session probed before and after) that several checks judge (scenarios/shared.ts). */
function rpLogout(fx: CheckFixtures): Promise<RpLogout> {
  return sharedScenario('RP-initiated logout scenario', fx.settings.baseUrl, async () => {
    const session = await signInForLogout(fx);
    const before = await promptNone(fx, session);
    const result = await logOut(fx, session);
    await attachArrival(fx, session);
    const after = result.completed ? await promptNone(fx, session) : undefined;
    return { session, before, after, result };
  });
}

function mustArrive(result: LogoutResult, session: LogoutSession): void {
  const { postLogout } = session.users[0]!.rp;
  must(result.completed, `the user agent ended at ${where(result.landing)}, not at the registered post_logout_redirect_uri ${postLogout}`, {
    finding: 'not-redirected',
    expected: postLogout,
    actual: where(result.landing),
  });
}

test.describe('revokeOidcSession: RP-initiated logout', () => {
  judgedTogether();

  check(LOGOUT.RP_REGISTER, (fx) => registerForLogout(fx, {}));

  check(LOGOUT.RP_GET, async (fx) => {
    const { session, result } = await rpLogout(fx);
    mustArrive(result, session);
  });

  check(LOGOUT.RP_POST, async (fx) => {
    const { session, result } = await signInAndOut(fx, 'POST');
    mustArrive(result, session);
  });

  check(LOGOUT.RP_STATE, async (fx) => {
    const { session, result } = await rpLogout(fx);
    requireCompleted(result, session.users[0]!.rp);
    const state = result.landing.url.searchParams.get('state');
    must(state === result.state, `state at the post_logout_redirect_uri is ${JSON.stringify(state)}, not the state sent`, {
      finding: state === null ? 'state-missing' : 'state-mismatch',
      expected: result.state,
      actual: state,
    });
  });

  check(LOGOUT.ORY_CHALLENGE, async (fx) => {
    if (fx.login.mode !== 'ory-admin') notApplicable('the logout UI is answered through the admin API only in OIDC_LOGIN_MODE=ory-admin');
    const { session, result } = await rpLogout(fx);
    mustDescribeLogout(
      result.browserLogout?.uiSteps[0],
      session.users[0]!.signedIn.idTokenClaims,
      endSessionEndpoint(fx.discovery),
      where(result.landing),
    );
  });

  check(LOGOUT.SESSION_LIVE, async (fx) => {
    requireSessionWasAlive((await rpLogout(fx)).before);
  });

  check(LOGOUT.SESSION_ENDED, async (fx) => {
    const { session, before, after, result } = await rpLogout(fx);
    requireCompleted(result, session.users[0]!.rp);
    requireSessionWasAlive(before);
    mustHaveEnded(after!, 'after logout');
  });
});

// OpenID Connect Front-Channel Logout 1.0: two clients of one session, each with its
// frontchannel_logout_uri at the harness's receiver; the provider's logout page, loaded by a real
// browser, must make it request each of them with iss and sid. The logout runs once per worker; both checks judge it.
import { test } from '../fixtures/index.ts';
import { check, type CheckFixtures } from '../fixtures/check.ts';
import { Receiver, type ReceivedRequest } from '../fixtures/receiver.ts';
import { LOGOUT } from '../checks/catalogue/logout.ts';
import { must, mustEqual, blocked } from '../checks/rules/verdict.ts';
import { logOut, notifications, requireCompleted, signInForLogout, type LogoutSession } from '../scenarios/logout.ts';
import { sharedScenario } from '../scenarios/shared.ts';

/** The one browser logout whose front-channel requests both checks judge (scenarios/shared.ts). */
function frontChannel(fx: CheckFixtures): Promise<{ session: LogoutSession; received: Array<ReceivedRequest | undefined> }> {
  return sharedScenario('front-channel logout scenario', fx.settings.baseUrl, async () => {
    const session = await signInForLogout(fx, 2, { frontchannel: true });
    const result = await logOut(fx, session);
    requireCompleted(result, session.users[0]!.rp);
    const received = await notifications(fx.receiver, session, 'frontchannel');
    for (const r of received) if (r) await Receiver.attach(r);
    return { session, received };
  });
}

test.describe('revokeOidcSession: front-channel logout', () => {
  check(LOGOUT.FC_DELIVERED, async (fx) => {
    const { session, received } = await frontChannel(fx);
    const missing = session.users.filter((_, i) => !received[i]);
    must(
      !missing.length,
      `the browser never requested ${missing.map((u) => `${u.rp.frontchannel} (client ${u.signedIn.clientId})`).join(' and ')} during the logout`,
    );
  });

  check(LOGOUT.FC_ISS_SID, async (fx) => {
    const { session, received } = await frontChannel(fx);
    if (!received.some(Boolean)) blocked('no front-channel logout request arrived', 'LOGOUT-FC-DELIVERED');
    for (const [i, r] of received.entries()) {
      if (!r) continue;
      const { signedIn } = session.users[i]!;
      mustEqual(r.query.get('iss'), fx.settings.issuer, `iss of the front-channel request for client ${signedIn.clientId}`);
      const sid = r.query.get('sid');
      must(
        sid,
        `the front-channel request for client ${signedIn.clientId} carries no sid (the client registered frontchannel_logout_session_required)`,
        { finding: 'param-missing:sid', expected: 'sid', actual: sid },
      );
      if (typeof signedIn.idTokenClaims?.sid !== 'string')
        blocked(`the ID token of client ${signedIn.clientId} has no sid to compare the request's with`, 'TOKEN-ID-SID');
      mustEqual(sid, signedIn.idTokenClaims.sid, `sid of the front-channel request for client ${signedIn.clientId} (the ID token's sid)`);
    }
  });
});

// OpenID Connect Front-Channel Logout 1.0: two clients of one session, each with its
// frontchannel_logout_uri at the harness's receiver; the provider's logout page, loaded by a real
// browser, must make it request each of them with iss and sid, the query each URI was registered with kept. The logout
// runs once per worker; every check judges it.
import { test } from '../fixtures/index.ts';
import { check, type CheckFixtures } from '../fixtures/check.ts';
import { Receiver, type ReceivedRequest } from '../fixtures/receiver.ts';
import { LOGOUT } from '../checks/catalogue/logout.ts';
import { must, blocked } from '../checks/rules/verdict.ts';
import {
  logOut,
  LOGOUT_URI_QUERY,
  notifications,
  queryDropped,
  registerForLogout,
  requireCompleted,
  signInForLogout,
  type LogoutSession,
} from '../scenarios/logout.ts';
import { judgedTogether, sharedScenario } from '../scenarios/shared.ts';

/** The one browser logout whose front-channel requests both checks judge (scenarios/shared.ts). */
function frontChannel(fx: CheckFixtures): Promise<{ session: LogoutSession; received: Array<ReceivedRequest | undefined> }> {
  return sharedScenario('front-channel logout scenario', fx.settings.baseUrl, async () => {
    const session = await signInForLogout(fx, 2, { frontchannel: true, query: LOGOUT_URI_QUERY });
    const result = await logOut(fx, session);
    requireCompleted(result, session.users[0]!.rp);
    const received = await notifications(fx.receiver, session, 'frontchannel');
    for (const r of received) if (r) await Receiver.attach(r);
    return { session, received };
  });
}

/** Some client of the session got no front-channel request: what a rule about every request cannot be judged without. */
function requireEveryRequest(session: LogoutSession, received: Array<ReceivedRequest | undefined>): void {
  const missing = session.users.filter((_, i) => !received[i]);
  if (missing.length)
    blocked(
      `no front-channel logout request reached ${missing.map((u) => `client ${u.signedIn.clientId}`).join(' and ')}`,
      'LOGOUT-FC-DELIVERED',
      'not-delivered',
    );
}

test.describe('revokeOidcSession: front-channel logout', () => {
  judgedTogether();

  check(LOGOUT.FC_REGISTER, (fx) => registerForLogout(fx, { frontchannel: true }));

  check(LOGOUT.FC_DELIVERED, async (fx) => {
    const { session, received } = await frontChannel(fx);
    const missing = session.users.filter((_, i) => !received[i]);
    must(
      !missing.length,
      `the browser never requested ${missing.map((u) => `${u.rp.frontchannel} (client ${u.signedIn.clientId})`).join(' and ')} during the logout`,
      {
        finding: 'not-delivered',
        expected: session.users.map((u) => u.rp.frontchannel),
        actual: received.filter(Boolean).map((r) => r!.path),
      },
    );
  });

  check(LOGOUT.FC_ISS_SID, async (fx) => {
    const { session, received } = await frontChannel(fx);
    for (const [i, r] of received.entries()) {
      if (!r) continue; // judged below: blocked by LOGOUT-FC-DELIVERED
      const { signedIn } = session.users[i]!;
      const iss = r.query.get('iss');
      must(
        iss === fx.settings.issuer,
        `iss of the front-channel request for client ${signedIn.clientId} is ${JSON.stringify(iss)}, not the issuer`,
        {
          finding: iss === null ? 'param-missing:iss' : 'mismatch:iss',
          expected: fx.settings.issuer,
          actual: iss,
        },
      );
      const sid = r.query.get('sid');
      must(
        sid,
        `the front-channel request for client ${signedIn.clientId} carries no sid (the client registered frontchannel_logout_session_required)`,
        { finding: 'param-missing:sid', expected: 'sid', actual: sid },
      );
      if (typeof signedIn.idTokenClaims?.sid !== 'string')
        blocked(`the ID token of client ${signedIn.clientId} has no sid to compare the request's with`, 'TOKEN-ID-SID');
      must(
        sid === signedIn.idTokenClaims.sid,
        `sid of the front-channel request for client ${signedIn.clientId} is not the ID token's sid`,
        {
          finding: 'mismatch:sid',
          expected: signedIn.idTokenClaims.sid,
          actual: sid,
        },
      );
    }
    requireEveryRequest(session, received);
  });

  check(LOGOUT.FC_QUERY_KEPT, async (fx) => {
    const { session, received } = await frontChannel(fx);
    for (const [i, r] of received.entries()) {
      if (!r) continue; // judged below: blocked by LOGOUT-FC-DELIVERED
      const dropped = queryDropped(r.query, LOGOUT_URI_QUERY);
      must(
        !dropped.length,
        `the front-channel request for client ${session.users[i]!.signedIn.clientId} lost the query its frontchannel_logout_uri was registered with (${dropped.join('&')})`,
        { finding: 'query-dropped', expected: LOGOUT_URI_QUERY, actual: r.url },
      );
    }
    requireEveryRequest(session, received);
  });
});

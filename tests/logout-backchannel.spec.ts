// OpenID Connect Back-Channel Logout 1.0: two clients of one session, each with its
// backchannel_logout_uri at the harness's receiver; after an RP-initiated logout in the browser,
// each must receive a logout token, judged one rule per check (§2.4 claims, §2.5 the request,
// §2.6 what an RP validates). The logout runs once per worker; every check judges its deliveries.
import { test } from '../fixtures/index.ts';
import { check, type CheckFixtures } from '../fixtures/check.ts';
import { attachJson } from '../fixtures/evidence.ts';
import { Receiver, type ReceivedRequest } from '../fixtures/receiver.ts';
import { LOGOUT } from '../checks/catalogue/logout.ts';
import { audiences, decodeJws, mustVerifyWithKeys, providerKeys, SKEW_SECONDS, type Jws } from '../checks/rules/jwt.ts';
import { blocked, must, mustBeValid, mustEqual, notApplicable } from '../checks/rules/verdict.ts';
import {
  logOut,
  notifications,
  requireCompleted,
  signInForLogout,
  type LogoutResult,
  type LogoutSession,
  type LogoutUser,
} from '../scenarios/logout.ts';
import { sharedScenario } from '../scenarios/shared.ts';

const EVENT = 'http://schemas.openid.net/event/backchannel-logout';

interface Delivery {
  user: LogoutUser;
  request?: ReceivedRequest;
  token?: string;
  jws?: Jws;
}
interface BackChannel {
  session: LogoutSession;
  result: LogoutResult;
  deliveries: Delivery[];
}

/** The one logout whose deliveries every check here judges, each by its own rule (scenarios/shared.ts). */
async function backChannel(fx: CheckFixtures): Promise<BackChannel> {
  const bc = await sharedScenario('back-channel logout scenario', fx.settings.baseUrl, async () => {
    const session = await signInForLogout(fx, 2, { backchannel: true });
    const result = await logOut(fx, session, { browser: false });
    requireCompleted(result, session.users[0]!.rp);
    const received = await notifications(fx.receiver, session, 'backchannel');
    const deliveries: Delivery[] = [];
    for (const [i, user] of session.users.entries()) {
      const request = received[i];
      const token = request ? (new URLSearchParams(request.body).get('logout_token') ?? undefined) : undefined;
      const jws = token ? decodeJws(token) : undefined;
      if (request) await Receiver.attach(request, `client ${user.signedIn.clientId}`);
      deliveries.push({ user, request, token, jws });
    }
    return { session, result, deliveries };
  });
  for (const d of bc.deliveries) if (d.jws) await attachJson(`logout token for client ${d.user.signedIn.clientId} (decoded)`, d.jws);
  return bc;
}

function noDelivery(fx: CheckFixtures): string {
  const why = fx.receiver.reachability;
  return `no back-channel logout request arrived within ${fx.receiver.waitMs} ms (OIDC_WAIT_MS) of the logout${why ? `: ${why}` : ' (see LOGOUT-BC-DELIVERED)'}`;
}

/** The logout tokens that arrived and decode as JWS; the rule is judged on each. Skips when there is none. */
async function tokens(fx: CheckFixtures): Promise<Array<Required<Delivery> & { bc: BackChannel }>> {
  const bc = await backChannel(fx);
  const arrived = bc.deliveries.filter((d) => d.request);
  if (!arrived.length) notApplicable(noDelivery(fx));
  const usable = arrived.filter((d): d is Required<Delivery> => d.token !== undefined && d.jws !== undefined);
  if (!usable.length)
    blocked('no back-channel request carried a logout_token that decodes as a JWS', ['LOGOUT-BC-FORM', 'LOGOUT-BC-SIGNATURE']);
  return usable.map((d) => ({ ...d, bc }));
}

const who = (d: Delivery) => `the logout token for client ${d.user.signedIn.clientId}`;
/** When a request arrived, as a NumericDate. */
const seconds = (r: ReceivedRequest) => Math.floor(r.at / 1000);

test.describe('revokeOidcSession: back-channel logout', () => {
  check(LOGOUT.BC_DELIVERED, async (fx) => {
    const { deliveries } = await backChannel(fx);
    const missing = deliveries.filter((d) => !d.request);
    if (missing.length && fx.receiver.reachability) notApplicable(noDelivery(fx));
    must(
      !missing.length,
      `no logout request reached ${missing.map((d) => `${d.user.rp.backchannel} (client ${d.user.signedIn.clientId})`).join(' and ')} within ${fx.receiver.waitMs} ms (OIDC_WAIT_MS) after the logout completed`,
    );
  });

  check(LOGOUT.BC_FORM, async (fx) => {
    const { deliveries } = await backChannel(fx);
    const arrived = deliveries.filter((d) => d.request);
    if (!arrived.length) notApplicable(noDelivery(fx));
    for (const d of arrived) {
      const r = d.request!;
      mustEqual(r.method, 'POST', `method of the request to ${r.path}`);
      const ct = r.headers['content-type'] ?? '';
      must(
        /^application\/x-www-form-urlencoded\s*(;|$)/i.test(ct),
        `Content-Type of the request to ${r.path} is ${JSON.stringify(ct)}, not application/x-www-form-urlencoded`,
      );
      must(r.form.get('logout_token'), `the form body sent to ${r.path} has no logout_token parameter`);
    }
  });

  check(LOGOUT.BC_SIGNATURE, async (fx) => {
    // Fetched before the logout: right after one, Hydra v2.2.0 on in-memory sqlite once left this request unanswered.
    const keys = await providerKeys(fx.http, fx.discovery);
    const got = await tokens(fx);
    for (const d of got) await mustVerifyWithKeys(d.token, keys, who(d));
  });

  check(LOGOUT.BC_CLAIM_TYPES, async (fx) => {
    for (const d of await tokens(fx)) {
      mustBeValid(d.jws.payload, 'logout-token-claims', who(d));
    }
  });

  check(LOGOUT.BC_ISS, async (fx) => {
    for (const d of await tokens(fx)) mustEqual(d.jws.payload.iss, fx.settings.issuer, `iss of ${who(d)}`);
  });

  check(LOGOUT.BC_AUD, async (fx) => {
    for (const d of await tokens(fx)) {
      must(
        audiences(d.jws.payload).includes(d.user.signedIn.clientId),
        `aud of ${who(d)} is ${JSON.stringify(d.jws.payload.aud)}, without the client's id`,
      );
    }
  });

  check(LOGOUT.BC_IAT, async (fx) => {
    for (const d of await tokens(fx)) {
      const { iat } = d.jws.payload;
      must(typeof iat === 'number', `${who(d)} has no numeric iat (got ${JSON.stringify(iat)})`, {
        finding: 'claim-missing:iat',
        expected: 'iat',
        actual: iat ?? null,
      });
      must(iat <= seconds(d.request) + SKEW_SECONDS, `iat of ${who(d)} (${iat}) is after it arrived (${seconds(d.request)})`);
      must(
        iat >= d.bc.result.startedAt - SKEW_SECONDS,
        `iat of ${who(d)} (${iat}) is before the logout started (${d.bc.result.startedAt})`,
      );
    }
  });

  check(LOGOUT.BC_JTI, async (fx) => {
    const got = await tokens(fx);
    for (const d of got)
      must(
        typeof d.jws.payload.jti === 'string' && d.jws.payload.jti !== '',
        `${who(d)} has no jti (got ${JSON.stringify(d.jws.payload.jti)})`,
        { finding: 'claim-missing:jti', expected: 'jti', actual: d.jws.payload.jti ?? null },
      );
    const jtis = got.map((d) => d.jws.payload.jti);
    must(new Set(jtis).size === jtis.length, `the logout tokens of different clients share a jti: ${JSON.stringify(jtis)}`);
  });

  check(LOGOUT.BC_EVENTS, async (fx) => {
    for (const d of await tokens(fx)) {
      const events = d.jws.payload.events as unknown;
      must(
        events && typeof events === 'object' && !Array.isArray(events),
        `${who(d)} has no events object (got ${JSON.stringify(events)})`,
      );
      const event = (events as Record<string, unknown>)[EVENT];
      must(
        event !== null && typeof event === 'object' && !Array.isArray(event),
        `events of ${who(d)} has no ${EVENT} member whose value is a JSON object (got ${JSON.stringify(events)})`,
      );
    }
  });

  check(LOGOUT.BC_SID, async (fx) => {
    for (const d of await tokens(fx)) {
      const id = d.user.signedIn.idTokenClaims ?? {};
      // Every client of the session registered backchannel_logout_session_required: sid is required (§2.2).
      must(
        typeof d.jws.payload.sid === 'string',
        `${who(d)} has no sid, although the client registered backchannel_logout_session_required (got ${JSON.stringify(d.jws.payload.sid)})`,
        { finding: 'claim-missing:sid', expected: 'sid', actual: d.jws.payload.sid ?? null },
      );
      if (typeof id.sid !== 'string')
        blocked(`the ID token of client ${d.user.signedIn.clientId} has no sid to compare with`, 'TOKEN-ID-SID');
      mustEqual(d.jws.payload.sid, id.sid, `sid of ${who(d)} (the ID token's sid)`);
      if (d.jws.payload.sub !== undefined) mustEqual(d.jws.payload.sub, id.sub, `sub of ${who(d)} (the ID token's sub)`);
    }
  });

  check(LOGOUT.BC_SID_OR_SUB, async (fx) => {
    for (const d of await tokens(fx)) {
      const { sid, sub } = d.jws.payload;
      must(typeof sid === 'string' || typeof sub === 'string', `${who(d)} names no session and no user: it has neither sid nor sub`, {
        finding: 'claim-missing:sid-and-sub',
        expected: 'sid or sub',
        actual: null,
      });
    }
  });

  check(LOGOUT.BC_NONCE, async (fx) => {
    for (const d of await tokens(fx)) must(!('nonce' in d.jws.payload), `${who(d)} has a nonce claim`);
  });

  check(LOGOUT.BC_EXP, async (fx) => {
    for (const d of await tokens(fx)) {
      const { exp, iat } = d.jws.payload;
      must(typeof exp === 'number', `${who(d)} has no exp claim (got ${JSON.stringify(exp)})`, {
        finding: 'claim-missing:exp',
        expected: 'exp',
        actual: exp ?? null,
      });
      // An expired token is the finding an RP meets first (§2.6 step 4 rejects it), so it is judged first.
      must(exp > seconds(d.request) - SKEW_SECONDS, `${who(d)} had expired when it arrived (exp ${exp}, arrived ${seconds(d.request)})`, {
        finding: 'claim-expired:exp',
        expected: `> ${seconds(d.request) - SKEW_SECONDS}`,
        actual: exp,
      });
      if (typeof iat === 'number')
        must(exp > iat, `exp of ${who(d)} (${exp}) is not after its iat (${iat})`, {
          finding: 'claim-before-iat:exp',
          expected: `> ${iat}`,
          actual: exp,
        });
    }
  });

  check(LOGOUT.BC_TYP, async (fx) => {
    for (const d of await tokens(fx)) {
      const typ = d.jws.header.typ;
      must(
        typeof typ === 'string' && /^(application\/)?logout\+jwt$/i.test(typ),
        `the header of ${who(d)} says typ ${JSON.stringify(typ ?? null)}, not logout+jwt`,
        { finding: `typ:${typ ?? 'missing'}`, expected: 'logout+jwt', actual: typ ?? null },
      );
    }
  });
});

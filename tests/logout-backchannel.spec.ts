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
import { blocked, must, mustBeValid, notApplicable } from '../checks/rules/verdict.ts';
import {
  logOut,
  LOGOUT_URI_QUERY,
  notifications,
  queryDropped,
  registerForLogout,
  requireCompleted,
  signInForLogout,
  type LogoutResult,
  type LogoutSession,
  type LogoutUser,
} from '../scenarios/logout.ts';
import { judgedTogether, sharedScenario } from '../scenarios/shared.ts';

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
    const session = await signInForLogout(fx, 2, { backchannel: true, query: LOGOUT_URI_QUERY });
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

function noDelivery(fx: CheckFixtures, missing: Delivery[]): string {
  const why = fx.receiver.reachability;
  return `no back-channel logout request reached ${missing.map((d) => `${d.user.rp.backchannel} (client ${d.user.signedIn.clientId})`).join(' and ')} within ${fx.receiver.waitMs} ms (OIDC_WAIT_MS) of the logout${why ? `: ${why}` : ''}`;
}

/**
 * After a rule was judged on every delivery there was: the rule holds only if every client of the session got a
 * request (LOGOUT-BC-DELIVERED), with a logout_token (LOGOUT-BC-FORM) that is a JWS (LOGOUT-BC-SIGNATURE); else the
 * check is blocked by the one that judges what is missing, never passed on part of its evidence.
 */
function requireEveryToken(fx: CheckFixtures, bc: BackChannel, upTo: 'request' | 'token' | 'jws' = 'jws'): void {
  const missing = bc.deliveries.filter((d) => !d.request);
  if (missing.length) blocked(noDelivery(fx, missing), 'LOGOUT-BC-DELIVERED', 'not-delivered');
  if (upTo === 'request') return;
  const noToken = bc.deliveries.filter((d) => !d.token);
  if (noToken.length)
    blocked(`the back-channel request for ${noToken.map(clientOf).join(' and ')} carried no logout_token`, 'LOGOUT-BC-FORM');
  if (upTo === 'token') return;
  const notJws = bc.deliveries.filter((d) => !d.jws);
  if (notJws.length)
    blocked(
      `the logout_token sent for ${notJws.map(clientOf).join(' and ')} is not a compact JWS with a JSON claims set`,
      'LOGOUT-BC-SIGNATURE',
      'not-a-jws',
    );
}

/** Judge the rule on each logout token that decodes as a JWS (and `across` them all), then require that every client got one. */
async function eachToken(fx: CheckFixtures, judge: (d: Token) => void | Promise<void>, across?: (tokens: Token[]) => void): Promise<void> {
  const bc = await backChannel(fx);
  const tokens = bc.deliveries.filter((d): d is Required<Delivery> => d.jws !== undefined).map((d) => ({ ...d, bc }));
  for (const d of tokens) await judge(d);
  across?.(tokens);
  requireEveryToken(fx, bc);
}

type Token = Required<Delivery> & { bc: BackChannel };
const clientOf = (d: Delivery) => `client ${d.user.signedIn.clientId}`;
const who = (d: Delivery) => `the logout token for ${clientOf(d)}`;
/** When a request arrived, as a NumericDate. */
const seconds = (r: ReceivedRequest) => Math.floor(r.at / 1000);

test.describe('revokeOidcSession: back-channel logout', () => {
  judgedTogether();

  check(LOGOUT.BC_REGISTER, (fx) => registerForLogout(fx, { backchannel: true }));

  check(LOGOUT.BC_DELIVERED, async (fx) => {
    const { deliveries } = await backChannel(fx);
    const missing = deliveries.filter((d) => !d.request);
    // A receiver the provider cannot reach gives no evidence either way (said with what would make it run).
    if (missing.length && fx.receiver.reachability) notApplicable(noDelivery(fx, missing));
    must(!missing.length, `${noDelivery(fx, missing)}, after the logout completed`, {
      finding: 'not-delivered',
      expected: deliveries.map(clientOf),
      actual: deliveries.filter((d) => d.request).map(clientOf),
    });
  });

  check(LOGOUT.BC_FORM, async (fx) => {
    const bc = await backChannel(fx);
    for (const d of bc.deliveries) {
      const r = d.request;
      if (!r) continue; // judged below: blocked by LOGOUT-BC-DELIVERED
      must(r.method === 'POST', `the request to ${r.path} is a ${r.method}, not a POST`, {
        finding: `method:${r.method}`,
        expected: 'POST',
        actual: r.method,
      });
      const ct = r.headers['content-type'] ?? '';
      must(
        /^application\/x-www-form-urlencoded\s*(;|$)/i.test(ct),
        `Content-Type of the request to ${r.path} is ${JSON.stringify(ct)}, not application/x-www-form-urlencoded`,
        { finding: `content-type:${ct.split(';')[0]!.trim() || 'missing'}`, expected: 'application/x-www-form-urlencoded', actual: ct },
      );
      must(r.form.get('logout_token'), `the form body sent to ${r.path} has no logout_token parameter`, {
        finding: 'param-missing:logout_token',
        expected: 'logout_token',
        actual: [...r.form.keys()],
      });
    }
    requireEveryToken(fx, bc, 'request');
  });

  check(LOGOUT.BC_SIGNATURE, async (fx) => {
    // Fetched before the logout: right after one, Hydra v2.2.0 on in-memory sqlite once left this request unanswered.
    const keys = await providerKeys(fx.http, fx.discovery);
    const bc = await backChannel(fx);
    // Every token that arrived, JWS or not: one that is not a JWS is this check's finding (not-a-jws).
    for (const d of bc.deliveries) if (d.token) await mustVerifyWithKeys(d.token, keys, who(d));
    requireEveryToken(fx, bc, 'token');
  });

  check(LOGOUT.BC_CLAIM_TYPES, (fx) => eachToken(fx, (d) => mustBeValid(d.jws.payload, 'logout-token-claims', who(d))));

  check(LOGOUT.BC_ISS, (fx) =>
    eachToken(fx, (d) =>
      must(d.jws.payload.iss === fx.settings.issuer, `iss of ${who(d)} is ${JSON.stringify(d.jws.payload.iss ?? null)}, not the issuer`, {
        finding: d.jws.payload.iss === undefined ? 'claim-missing:iss' : 'mismatch:iss',
        expected: fx.settings.issuer,
        actual: d.jws.payload.iss ?? null,
      }),
    ),
  );

  check(LOGOUT.BC_AUD, (fx) =>
    eachToken(fx, (d) =>
      must(
        audiences(d.jws.payload).includes(d.user.signedIn.clientId),
        `aud of ${who(d)} is ${JSON.stringify(d.jws.payload.aud)}, without the client's id`,
        {
          finding: d.jws.payload.aud === undefined ? 'claim-missing:aud' : 'aud-without-client',
          expected: d.user.signedIn.clientId,
          actual: d.jws.payload.aud ?? null,
        },
      ),
    ),
  );

  check(LOGOUT.BC_IAT, (fx) =>
    eachToken(fx, (d) => {
      const { iat } = d.jws.payload;
      must(typeof iat === 'number', `${who(d)} has no numeric iat (got ${JSON.stringify(iat)})`, {
        finding: 'claim-missing:iat',
        expected: 'iat',
        actual: iat ?? null,
      });
      must(iat <= seconds(d.request) + SKEW_SECONDS, `iat of ${who(d)} (${iat}) is after it arrived (${seconds(d.request)})`, {
        finding: 'claim-future:iat',
        expected: `<= ${seconds(d.request) + SKEW_SECONDS}`,
        actual: iat,
      });
      must(
        iat >= d.bc.result.startedAt - SKEW_SECONDS,
        `iat of ${who(d)} (${iat}) is before the logout started (${d.bc.result.startedAt})`,
        {
          finding: 'claim-past:iat',
          expected: `>= ${d.bc.result.startedAt - SKEW_SECONDS}`,
          actual: iat,
        },
      );
    }),
  );

  check(LOGOUT.BC_JTI, (fx) =>
    eachToken(
      fx,
      (d) =>
        must(
          typeof d.jws.payload.jti === 'string' && d.jws.payload.jti !== '',
          `${who(d)} has no jti (got ${JSON.stringify(d.jws.payload.jti)})`,
          {
            finding: 'claim-missing:jti',
            expected: 'jti',
            actual: d.jws.payload.jti ?? null,
          },
        ),
      (tokens) => {
        const jtis = tokens.map((d) => d.jws.payload.jti);
        must(new Set(jtis).size === jtis.length, `the logout tokens of different clients share a jti: ${JSON.stringify(jtis)}`, {
          finding: 'jti-reused',
          expected: 'a jti per token',
          actual: jtis,
        });
      },
    ),
  );

  check(LOGOUT.BC_EVENTS, (fx) =>
    eachToken(fx, (d) => {
      const events = d.jws.payload.events as unknown;
      must(
        events && typeof events === 'object' && !Array.isArray(events),
        `${who(d)} has no events object (got ${JSON.stringify(events)})`,
        {
          finding: events === undefined ? 'claim-missing:events' : 'claim-type:events',
          expected: 'a JSON object',
          actual: events ?? null,
        },
      );
      const event = (events as Record<string, unknown>)[EVENT];
      must(
        event !== null && typeof event === 'object' && !Array.isArray(event),
        `events of ${who(d)} has no ${EVENT} member whose value is a JSON object (got ${JSON.stringify(events)})`,
        { finding: event === undefined ? 'event-missing' : 'event-not-object', expected: { [EVENT]: {} }, actual: events },
      );
    }),
  );

  check(LOGOUT.BC_EVENTS_EMPTY, (fx) =>
    eachToken(fx, (d) => {
      const events: unknown = d.jws.payload.events;
      const event = events && typeof events === 'object' ? (events as Record<string, unknown>)[EVENT] : undefined;
      // Not an object at all: LOGOUT-BC-EVENTS judges that (a MUST), this only what the object holds.
      if (event === null || typeof event !== 'object' || Array.isArray(event))
        blocked(`events of ${who(d)} has no ${EVENT} member whose value is a JSON object`, 'LOGOUT-BC-EVENTS');
      must(Object.keys(event).length === 0, `the ${EVENT} member of ${who(d)} is ${JSON.stringify(event)}, not {}`, {
        finding: 'event-not-empty',
        expected: {},
        actual: event,
      });
    }),
  );

  check(LOGOUT.BC_QUERY_KEPT, async (fx) => {
    const bc = await backChannel(fx);
    for (const d of bc.deliveries) {
      if (!d.request) continue; // judged below: blocked by LOGOUT-BC-DELIVERED
      const dropped = queryDropped(d.request.query, LOGOUT_URI_QUERY);
      must(
        !dropped.length,
        `the back-channel request for ${clientOf(d)} lost the query its backchannel_logout_uri was registered with (${dropped.join('&')})`,
        { finding: 'query-dropped', expected: LOGOUT_URI_QUERY, actual: d.request.url },
      );
    }
    requireEveryToken(fx, bc, 'request');
  });

  check(LOGOUT.BC_SID, (fx) =>
    eachToken(fx, (d) => {
      const id = d.user.signedIn.idTokenClaims ?? {};
      const { sid, sub } = d.jws.payload;
      // Every client of the session registered backchannel_logout_session_required: sid is required (§2.2).
      must(
        typeof sid === 'string',
        `${who(d)} has no sid, although the client registered backchannel_logout_session_required (got ${JSON.stringify(sid)})`,
        {
          finding: 'claim-missing:sid',
          expected: 'sid',
          actual: sid ?? null,
        },
      );
      if (typeof id.sid !== 'string') blocked(`the ID token of ${clientOf(d)} has no sid to compare with`, 'TOKEN-ID-SID');
      must(sid === id.sid, `sid of ${who(d)} is ${JSON.stringify(sid)}, not the ID token's ${JSON.stringify(id.sid)}`, {
        finding: 'mismatch:sid',
        expected: id.sid,
        actual: sid,
      });
      if (sub !== undefined)
        must(sub === id.sub, `sub of ${who(d)} is ${JSON.stringify(sub)}, not the ID token's ${JSON.stringify(id.sub)}`, {
          finding: 'mismatch:sub',
          expected: id.sub,
          actual: sub,
        });
    }),
  );

  check(LOGOUT.BC_SID_OR_SUB, (fx) =>
    eachToken(fx, (d) => {
      const { sid, sub } = d.jws.payload;
      must(typeof sid === 'string' || typeof sub === 'string', `${who(d)} names no session and no user: it has neither sid nor sub`, {
        finding: 'claim-missing:sid-and-sub',
        expected: 'sid or sub',
        actual: null,
      });
    }),
  );

  check(LOGOUT.BC_NONCE, (fx) =>
    eachToken(fx, (d) =>
      must(!('nonce' in d.jws.payload), `${who(d)} has a nonce claim`, {
        finding: 'claim-present:nonce',
        expected: 'no nonce',
        actual: d.jws.payload.nonce,
      }),
    ),
  );

  check(LOGOUT.BC_EXP, (fx) =>
    eachToken(fx, (d) => {
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
    }),
  );

  check(LOGOUT.BC_TYP, (fx) =>
    eachToken(fx, (d) => {
      const typ = d.jws.header.typ;
      must(
        typeof typ === 'string' && /^(application\/)?logout\+jwt$/i.test(typ),
        `the header of ${who(d)} says typ ${JSON.stringify(typ ?? null)}, not logout+jwt`,
        {
          finding: `typ:${typ ?? 'missing'}`,
          expected: 'logout+jwt',
          actual: typ ?? null,
        },
      );
    }),
  );
});

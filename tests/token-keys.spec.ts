// Key rotation, as the OpenID Foundation's oidcc-server-rotate-keys asks for it and Hydra does it: a key created in
// hydra.openid.id-token through the admin API. Rotating the target's key changes what every other check sees (Hydra
// verifies an id_token_hint with its newest key only), so this suite takes Playwright's exclusive lock: it runs when no
// other check runs, and none starts until it ends (Playwright keeps it back while others run, so it runs last, in a
// worker the run already has; it was the teardown project of the others, with a worker started for it alone). Its
// checks run one after the other in one worker.
import { compactVerify, createLocalJWKSet, type JWK } from 'jose';
import { test } from '../fixtures/index.ts';
import { check, type CheckFixtures } from '../fixtures/check.ts';
import { attachExchange } from '../fixtures/evidence.ts';
import type { SignedIn } from '../fixtures/login.ts';
import { Receiver } from '../fixtures/receiver.ts';
import { KEYS, KEYS_ADMIN, KEYS_LOGOUT } from '../checks/catalogue/tokens.ts';
import { PRIVATE_MEMBERS } from '../checks/rules/jwk.ts';
import { decodeJws, mustVerifyWithKeys, providerKeys, publicPart } from '../checks/rules/jwt.ts';
import { blocked, must, mustHaveStatus, notApplicable, Violation } from '../checks/rules/verdict.ts';
import type { HttpResponse } from '../harness/http/client.ts';
import { rememberSecret } from '../harness/secrets/vault.ts';
import { logOut, notifications, requireCompleted, signInForLogout, type LogoutSession } from '../scenarios/logout.ts';
import { sharedScenario } from '../scenarios/shared.ts';
import { ledger, type KeyEntry } from '../harness/run/ledger.ts';
import { deleteKey } from '../harness/run/sweep.ts';

test.describe.configure({ mode: 'default' });

const ID_TOKEN_SET = 'hydra.openid.id-token';

interface Rotation {
  /** A sign-in before the rotation. */
  before: SignedIn;
  /** The JWKS read before the rotation: the positive control (the ID token of then verifies with it). */
  beforeKeys: JWK[];
  /** The admin API's answer to the key creation. */
  created: HttpResponse;
  /** What follows a rotation the admin API took (201). */
  rotated?: {
    newKid?: string;
    /** The JWKS read right after the rotation, before anything was requested. */
    after: JWK[];
    /** A sign-in after the rotation. */
    signedIn: SignedIn;
    /** The back-channel logout after the rotation: its token and the JWKS read just before the logout, or why there is none. */
    logout: { token: string; keys: JWK[] } | { error: unknown };
    /** The JWKS read at the end. */
    final: JWK[];
  };
}

/** The admin call, recorded without the private members Hydra returns with the new key (go-jose marshals them). */
async function createKey(fx: CheckFixtures): Promise<HttpResponse> {
  const kid = `oidc-harness-${Date.now().toString(36)}`;
  const res = await fx.quietHttp.send({
    method: 'POST',
    url: `${fx.settings.adminUrl}/admin/keys/${ID_TOKEN_SET}`,
    json: { alg: 'RS256', use: 'sig', kid },
    bearer: fx.settings.adminToken,
  });
  const keys: unknown = res.json?.keys;
  const redacted = Array.isArray(keys)
    ? JSON.stringify({
        keys: keys.map((k: Record<string, unknown>) => {
          const out = { ...k };
          for (const m of PRIVATE_MEMBERS) {
            if (typeof out[m] !== 'string') continue;
            rememberSecret(out[m], 'private_key');
            out[m] = '[private key member, not recorded]';
          }
          return out;
        }),
      })
    : res.exchange.responseBody;
  await attachExchange({ ...res.exchange, responseBody: redacted });
  if (res.status === 201) ledger.keyCreated(keyEntry(fx, kid));
  return res;
}

const keyEntry = (fx: CheckFixtures, kid: string): KeyEntry => ({
  set: ID_TOKEN_SET,
  kid,
  deleteUrl: `${fx.settings.adminUrl}/admin/keys/${ID_TOKEN_SET}/${encodeURIComponent(kid)}`,
});

/** The back-channel logout of `session`, signed in after the rotation: the logout token, and the JWKS read just before the logout. */
async function logoutAfterRotation(fx: CheckFixtures, session: LogoutSession): Promise<{ token: string; keys: JWK[] }> {
  const keys = await providerKeys(fx.http, fx.discovery);
  const result = await logOut(fx, session, { browser: false });
  requireCompleted(result, session.users[0]!.rp);
  const [request] = await notifications(fx.receiver, session, 'backchannel');
  if (!request)
    blocked(`no back-channel logout request arrived within ${fx.receiver.waitMs} ms of the logout`, 'LOGOUT-BC-DELIVERED', 'not-delivered');
  await Receiver.attach(request);
  const token = new URLSearchParams(request.body).get('logout_token');
  if (!token) blocked('the back-channel logout request carried no logout_token', 'LOGOUT-BC-FORM');
  return { token, keys };
}

/** The rotation every check here judges, once per worker (they run in one worker, one after the other). */
function rotation(fx: CheckFixtures): Promise<Rotation> {
  if (!fx.settings.adminUrl)
    notApplicable(`the key rotation is made through Ory's admin API (POST /admin/keys/${ID_TOKEN_SET}): set OIDC_ADMIN_URL`);
  fx.login.requireFreshFlow('the rotation is judged on tokens issued before and after it');
  return sharedScenario('key rotation', fx.settings.baseUrl, async () => {
    const before = await fx.login.signIn();
    const beforeKeys = await providerKeys(fx.http, fx.discovery);
    const created = await createKey(fx);
    if (created.status !== 201) return { before, beforeKeys, created };
    const newKid: unknown = created.json?.keys?.[0]?.kid;
    const after = await providerKeys(fx.http, fx.discovery);
    // One sign-in after the rotation serves both: the ID token of the back-channel logout's client, and its logout.
    // A provider without back-channel logout gets a plain sign-in (and the logout token check its reason).
    const forLogout = await signInForLogout(fx, 1, { backchannel: true }).catch((error: unknown) => ({ error }));
    const signedIn = 'error' in forLogout ? await fx.login.signIn() : forLogout.users[0]!.signedIn;
    const logout = 'error' in forLogout ? forLogout : await logoutAfterRotation(fx, forLogout).catch((error: unknown) => ({ error }));
    const final = await providerKeys(fx.http, fx.discovery);
    // Leave no trace: the key goes once its effects are recorded (the previous newest key signs again). A refusal is
    // left to the runner's sweep, which tries again and names the key it could not delete.
    if (typeof newKid === 'string') await deleteKey(fx.quietHttp, keyEntry(fx, newKid), fx.settings);
    return {
      before,
      beforeKeys,
      created,
      rotated: { newKid: typeof newKid === 'string' ? newKid : undefined, after, signedIn, logout, final },
    };
  });
}

/**
 * The positive control of every rule here: before the rotation, the ID token verified with the JWKS of then. If it did
 * not, the provider's ID tokens do not verify at all, which TOKEN-ID-SIGNATURE judges.
 */
async function requireVerifiedBefore(r: Rotation): Promise<void> {
  try {
    await mustVerifyWithKeys(idTokenOf(r.before, 'before'), r.beforeKeys, 'the ID token issued before the rotation');
  } catch (e) {
    if (e instanceof Violation) blocked(`before the rotation already: ${e.message}`, 'TOKEN-ID-SIGNATURE');
    throw e;
  }
}

/** What the checks after the rotation judge; without a rotation they are blocked by the check that judges it. */
async function rotated(fx: CheckFixtures): Promise<NonNullable<Rotation['rotated']> & Pick<Rotation, 'before'>> {
  const r = await rotation(fx);
  await requireVerifiedBefore(r);
  if (!r.rotated) blocked(`the admin API answered HTTP ${r.created.status} to the key creation`, KEYS_ADMIN.ROTATION.id);
  return { ...r.rotated, before: r.before };
}

function idTokenOf(signedIn: SignedIn, when: string): string {
  if (!signedIn.idToken) blocked(`the sign-in ${when} the rotation returned no id_token`, 'TOKEN-RESPONSE-SCHEMA');
  return signedIn.idToken;
}

test.describe('createJsonWebKeySet: POST /admin/keys/hydra.openid.id-token (key rotation)', { lock: '-exclusive-' }, () => {
  check(KEYS_ADMIN.ROTATION, async (fx) => {
    const r = await rotation(fx);
    await requireVerifiedBefore(r);
    mustHaveStatus(r.created, 201, `POST /admin/keys/${ID_TOKEN_SET}`);
    const { newKid, final, signedIn } = r.rotated!;
    must(newKid, 'the admin API answered 201 without the new key (keys[0].kid)', {
      finding: 'kid-missing',
      expected: 'keys[0].kid',
      actual: null,
    });
    must(
      final.some((k) => k.kid === newKid),
      `the JWKS does not list the new key ${newKid}`,
      {
        finding: 'not-published:new-key',
        expected: newKid,
        actual: final.map((k) => k.kid),
      },
    );
    // By the signature, not the kid (whether a kid is given is TOKEN-KEYS-ROTATED-ID-TOKEN's rule). Its public part,
    // once: a set that repeats a kid, or publishes private members, is DISC-JWKS-KEYS-VALID's and -PUBLIC-ONLY's finding.
    const newKey = final
      .filter((k) => k.kid === newKid)
      .slice(0, 1)
      .map(publicPart);
    const signedWithIt = await compactVerify(idTokenOf(signedIn, 'after'), createLocalJWKSet({ keys: newKey })).then(
      () => true,
      () => false,
    );
    must(signedWithIt, `the ID token issued after the rotation is not signed with the new key ${newKid}`, {
      finding: 'not-used:new-key',
      expected: newKid,
      actual: decodeJws(idTokenOf(signedIn, 'after'))?.header.kid ?? null,
    });
  });

  check(KEYS.ROTATED_ID_TOKEN, async (fx) => {
    const { after, signedIn } = await rotated(fx);
    const jws = await mustVerifyWithKeys(idTokenOf(signedIn, 'after'), after, 'the ID token issued after the rotation');
    must(
      after.length < 2 || typeof jws.header.kid === 'string',
      `the JWKS lists ${after.length} keys, but the ID token names none (no kid)`,
      {
        finding: 'kid-missing',
        expected: 'kid',
        actual: null,
      },
    );
  });

  check(KEYS.OLD_TOKEN, async (fx) => {
    const { before, final } = await rotated(fx);
    await mustVerifyWithKeys(idTokenOf(before, 'before'), final, 'the ID token issued before the rotation');
  });

  check(KEYS_LOGOUT.ROTATED_LOGOUT_TOKEN, async (fx) => {
    const { logout } = await rotated(fx);
    if ('error' in logout) throw logout.error;
    await mustVerifyWithKeys(logout.token, logout.keys, 'the logout token sent after the rotation');
  });
});

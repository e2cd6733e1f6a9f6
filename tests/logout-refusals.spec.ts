// What RP-initiated logout must refuse (RP-Initiated Logout 1.0 §2–§4): redirects to URIs the
// client did not register or did not prove, and id_token_hints the provider did not issue as they
// are. The bad requests come from another user agent, without cookies, so that only the hint can
// name the signed-in user's session; that session must survive them.
import { decodeProtectedHeader, type JWTPayload } from 'jose';
import { test } from '../fixtures/index.ts';
import { check, type CheckFixtures } from '../fixtures/check.ts';
import { LOGOUT } from '../checks/catalogue/logout.ts';
import { signedByAnotherKey, withAlteredPayload } from '../checks/rules/jws.ts';
import { nowSeconds } from '../checks/rules/jwt.ts';
import { must, notOffered } from '../checks/rules/verdict.ts';
import {
  at,
  logoutMetadata,
  mustReachWithGenuineHint,
  newState,
  probeLogout,
  sessionAlive,
  signInForLogout,
  where,
  type LogoutSession,
} from '../scenarios/logout.ts';

/** A foreign issuer: the reserved .invalid name guarantees it is nobody's. */
const FOREIGN_ISSUER = 'https://issuer.oidc-harness.invalid';

/** Send a logout request with a forged hint for the signed-in user; it must neither redirect nor end the session. */
async function mustRefuseHint(fx: CheckFixtures, forge: (idToken: string, claims: JWTPayload) => Promise<string> | string): Promise<void> {
  const session: LogoutSession = await signInForLogout(fx);
  const { signedIn, rp } = session.users[0]!;
  // "No logout" can only be judged when prompt=none can tell a live session.
  const judgeSession = await sessionAlive(fx, session);
  const hint = await forge(signedIn.idToken!, signedIn.idTokenClaims ?? {});
  const landing = await probeLogout(fx, { id_token_hint: hint, post_logout_redirect_uri: rp.postLogout, state: newState() }, rp.postLogout);
  must(
    !at(landing, rp.postLogout),
    `the user agent was sent to the post_logout_redirect_uri: the provider acted on the hint (${where(landing)})`,
    { finding: 'redirected' },
  );
  if (judgeSession)
    must(await sessionAlive(fx, session), 'the signed-in session ended: the provider logged the user out on the strength of this hint', {
      finding: 'session-ended',
    });
  await mustReachWithGenuineHint(fx, session);
}

test.describe('revokeOidcSession: refusals', () => {
  check(LOGOUT.UNREGISTERED_URI, async (fx) => {
    const session = await signInForLogout(fx);
    const { signedIn } = session.users[0]!;
    // Same host and port as the registered one, another path: only exact matching refuses it.
    const unregistered = fx.receiver.rp().postLogout;
    const landing = await probeLogout(
      fx,
      { id_token_hint: signedIn.idToken!, post_logout_redirect_uri: unregistered, state: newState() },
      unregistered,
    );
    must(!at(landing, unregistered), `the user agent was redirected to the unregistered post_logout_redirect_uri ${unregistered}`, {
      finding: 'redirected',
    });
    await mustReachWithGenuineHint(fx, session);
  });

  check(LOGOUT.URI_OTHER_CLIENT, async (fx) => {
    const session = await signInForLogout(fx);
    const { signedIn } = session.users[0]!;
    // Another client, registered with its own post-logout URI at the receiver: the hint names the first one.
    const other = fx.receiver.rp();
    await fx.clients.create(logoutMetadata(other, {}));
    const landing = await probeLogout(
      fx,
      { id_token_hint: signedIn.idToken!, post_logout_redirect_uri: other.postLogout, state: newState() },
      other.postLogout,
    );
    must(
      !at(landing, other.postLogout),
      `with the hint of client ${signedIn.clientId}, the user agent was redirected to ${other.postLogout}, which only another client registered`,
      { finding: 'redirected' },
    );
    await mustReachWithGenuineHint(fx, session);
  });

  check(LOGOUT.URI_EXACT, async (fx) => {
    const session = await signInForLogout(fx);
    const { signedIn, rp } = session.users[0]!;
    const registered = new URL(rp.postLogout);
    const otherPort = new URL(registered.toString());
    otherPort.port = String(Number(registered.port || (registered.protocol === 'https:' ? 443 : 80)) + 1);
    const variants: Array<[string, string]> = [
      ['longer-path', `${registered.toString().replace(/\/$/, '')}/more`],
      ['extra-query', `${registered.toString()}${registered.search ? '&' : '?'}extra=1`],
      ['other-port', otherPort.toString()],
    ];
    const honoured: string[] = [];
    for (const [kind, uri] of variants) {
      const landing = await probeLogout(fx, { id_token_hint: signedIn.idToken!, post_logout_redirect_uri: uri, state: newState() }, uri);
      if (at(landing, uri)) honoured.push(kind);
    }
    must(
      honoured.length === 0,
      `post_logout_redirect_uri values that only resemble the registered ${rp.postLogout} were honoured: ${honoured.join(', ')}`,
      { finding: `honoured:${honoured.join(',')}`, expected: 'exact match only', actual: honoured },
    );
    await mustReachWithGenuineHint(fx, session);
  });

  check(LOGOUT.CLIENT_ID_MISMATCH, async (fx) => {
    const session = await signInForLogout(fx);
    const { signedIn, rp } = session.users[0]!;
    const other = await fx.clients.create(logoutMetadata(fx.receiver.rp(), {}));
    const judgeSession = await sessionAlive(fx, session);
    const landing = await probeLogout(
      fx,
      { id_token_hint: signedIn.idToken!, client_id: other.clientId, post_logout_redirect_uri: rp.postLogout, state: newState() },
      rp.postLogout,
    );
    must(
      !at(landing, rp.postLogout),
      `with client_id ${other.clientId} and a hint issued to ${signedIn.clientId}, the user agent was still redirected to ${rp.postLogout}`,
      { finding: 'mismatch-accepted' },
    );
    // A request the OP must refuse ends no session either (the probe carries no cookies: only the hint names it).
    if (judgeSession)
      must(
        await sessionAlive(fx, session),
        `with client_id ${other.clientId} and a hint issued to ${signedIn.clientId}, the session ended`,
        {
          finding: 'session-ended',
        },
      );
    // The control: the same request with the hint's own client_id must go through, else the provider does not take client_id.
    const control = await probeLogout(
      fx,
      { id_token_hint: signedIn.idToken!, client_id: signedIn.clientId, post_logout_redirect_uri: rp.postLogout, state: newState() },
      rp.postLogout,
    );
    if (!at(control, rp.postLogout)) {
      await mustReachWithGenuineHint(fx, session);
      notOffered(
        'end_session_endpoint client_id parameter',
        `the provider does not take client_id in a logout request: with the matching client_id it did not reach ${rp.postLogout} either (it ended at ${where(control)}), without it it does`,
      );
    }
  });

  check(LOGOUT.HINT_TAMPERED, (fx) =>
    mustRefuseHint(fx, (idToken, claims) =>
      withAlteredPayload(idToken, (c) => ({ ...c, exp: (typeof claims.exp === 'number' ? claims.exp : nowSeconds()) + 3600 })),
    ),
  );

  check(LOGOUT.HINT_WRONG_KEY, (fx) =>
    mustRefuseHint(fx, (idToken, claims) =>
      // The provider's own claims and kid: only the signature tells the forgery.
      signedByAnotherKey(claims, decodeProtectedHeader(idToken).kid),
    ),
  );

  check(LOGOUT.HINT_FOREIGN_ISSUER, (fx) =>
    mustRefuseHint(fx, (_idToken, claims) => signedByAnotherKey({ ...claims, iss: FOREIGN_ISSUER })),
  );

  check(LOGOUT.URI_WITHOUT_HINT, async (fx) => {
    const session = await signInForLogout(fx);
    const { rp } = session.users[0]!;
    // No state either: a provider may refuse a state without a hint first, and then the URI rule would go unjudged.
    const landing = await probeLogout(fx, { post_logout_redirect_uri: rp.postLogout }, rp.postLogout);
    must(!at(landing, rp.postLogout), `without id_token_hint, the user agent was still redirected to ${rp.postLogout}`, {
      finding: 'redirected',
    });
    await mustReachWithGenuineHint(fx, session);
  });

  check(LOGOUT.ORY_STATE_WITHOUT_HINT, async (fx) => {
    fx.login.requireFreshFlow('the request is sent from a user agent of the login driver');
    const rp = fx.receiver.rp();
    const landing = await probeLogout(fx, { state: newState() }, rp.postLogout);
    const error = landing.url.searchParams.get('error');
    must(
      !landing.url.toString().startsWith(fx.receiver.baseUrl),
      `a state without id_token_hint sent the user agent to a client's URI: ${where(landing)}`,
      { finding: 'redirected-to-client' },
    );
    must(
      error === 'invalid_request',
      `a state without id_token_hint ended at ${where(landing)}${error ? ` with error=${error}` : ''}, not at the provider's error URL with error=invalid_request`,
      { finding: `error:${error ?? 'none'}`, expected: 'invalid_request', actual: error },
    );
  });
});

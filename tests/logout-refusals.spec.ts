// What RP-initiated logout must refuse (RP-Initiated Logout 1.0 §2–§4): redirects to URIs the
// client did not register or did not prove, and id_token_hints the provider did not issue as they
// are. The bad requests come from another user agent, without cookies, so that only the hint can
// name the signed-in user's session; that session must survive them. What the OpenID Foundation's
// suite asks a person to judge from a screenshot is judged here: where the user agent ended (never
// at the client: on the provider's error page or a logout confirmation), and whether the session lives.
import { decodeProtectedHeader, type JWTPayload } from 'jose';
import { test } from '../fixtures/index.ts';
import { check, type CheckFixtures } from '../fixtures/check.ts';
import { LOGOUT } from '../checks/catalogue/logout.ts';
import { signedByAnotherKey, withAlteredPayload } from '../checks/rules/jws.ts';
import { nowSeconds } from '../checks/rules/jwt.ts';
import { must, notOffered } from '../checks/rules/verdict.ts';
import { rememberSecret } from '../harness/secrets/vault.ts';
import {
  at,
  atClient,
  logoutMetadata,
  mustReachWithGenuineHint,
  mustStayAtProvider,
  mustSurvive,
  newState,
  probeLogout,
  promptNone,
  signInForLogout,
  where,
  type LogoutSession,
  type RpEndpoints,
} from '../scenarios/logout.ts';

/** A foreign issuer: the reserved .invalid name guarantees it is nobody's. */
const FOREIGN_ISSUER = 'https://issuer.oidc-harness.invalid';

/** The token re-encoded as an unsecured JWS (alg none, no signature): what the OIDF suite's modified-id-token-hint sends. */
function withAlgNone(jwt: string): string {
  const [, payload] = jwt.split('.');
  const header = Buffer.from(JSON.stringify({ ...decodeProtectedHeader(jwt), alg: 'none' })).toString('base64url');
  const forged = `${header}.${payload}.`;
  rememberSecret(forged, 'id_token_hint');
  return forged;
}

/** Send a logout request with a forged hint for the signed-in user; it must neither redirect nor end the session. */
async function mustRefuseHint(fx: CheckFixtures, forge: (idToken: string, claims: JWTPayload) => Promise<string> | string): Promise<void> {
  const session: LogoutSession = await signInForLogout(fx);
  const { signedIn, rp } = session.users[0]!;
  const before = await promptNone(fx, session);
  const hint = await forge(signedIn.idToken!, signedIn.idTokenClaims ?? {});
  const landing = await probeLogout(fx, { id_token_hint: hint, post_logout_redirect_uri: rp.postLogout, state: newState() });
  await mustStayAtProvider(fx, landing, rp.postLogout, 'a logout request with this id_token_hint');
  await mustSurvive(fx, session, before, 'the provider logged the user out on the strength of this hint');
  await mustReachWithGenuineHint(fx, session);
}

test.describe('revokeOidcSession: refusals', () => {
  check(LOGOUT.UNREGISTERED_URI, async (fx) => {
    const session = await signInForLogout(fx);
    const { signedIn } = session.users[0]!;
    // Same host and port as the registered one, another path: only exact matching refuses it.
    const unregistered = fx.receiver.rp().postLogout;
    const landing = await probeLogout(fx, { id_token_hint: signedIn.idToken!, post_logout_redirect_uri: unregistered, state: newState() });
    await mustStayAtProvider(fx, landing, unregistered, 'an unregistered post_logout_redirect_uri with a valid id_token_hint');
    await mustReachWithGenuineHint(fx, session);
  });

  check(LOGOUT.URI_OTHER_CLIENT, async (fx) => {
    const session = await signInForLogout(fx);
    const { signedIn } = session.users[0]!;
    // Another client, registered with its own post-logout URI at the receiver: the hint names the first one.
    const other = fx.receiver.rp();
    await fx.clients.create(logoutMetadata(other, {}));
    const landing = await probeLogout(fx, {
      id_token_hint: signedIn.idToken!,
      post_logout_redirect_uri: other.postLogout,
      state: newState(),
    });
    await mustStayAtProvider(
      fx,
      landing,
      other.postLogout,
      `the hint of client ${signedIn.clientId} with a URI only another client registered`,
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
    const honoured = await honouredVariants(fx, signedIn.idToken!, variants);
    must(
      honoured.length === 0,
      `post_logout_redirect_uri values that only resemble the registered ${rp.postLogout} were honoured: ${honoured.join(', ')}`,
      { finding: `honoured:${honoured.join(',')}`, expected: 'exact match only', actual: honoured },
    );
    await mustReachWithGenuineHint(fx, session);
  });

  check(LOGOUT.URI_QUERY, async (fx) => {
    // The only post_logout_redirect_uri the client registers carries a query.
    const withQuery = (rp: RpEndpoints) => `${rp.postLogout}?rp=oidc-harness&tab=logout`;
    const session = await signInForLogout(fx, 1, {}, (rp) => [withQuery(rp)]);
    const { signedIn, rp } = session.users[0]!;
    const registered = withQuery(rp);
    // The refusals first: the genuine request below logs the user out.
    const honoured = await honouredVariants(fx, signedIn.idToken!, [
      ['query-dropped', rp.postLogout],
      ['query-extended', `${registered}&extra=1`],
    ]);
    must(honoured.length === 0, `URIs that differ from the registered ${registered} in their query were honoured: ${honoured.join(', ')}`, {
      finding: `honoured:${honoured.join(',')}`,
      expected: 'exact match only',
      actual: honoured,
    });
    const state = newState();
    const landing = await probeLogout(fx, { id_token_hint: signedIn.idToken!, post_logout_redirect_uri: registered, state });
    const got = landing.url;
    must(
      atClient(fx, landing) && `${got.origin}${got.pathname}` === rp.postLogout,
      `the registered ${registered} was not honoured: the user agent ended at ${where(landing)}`,
      { finding: 'not-redirected', expected: registered, actual: where(landing) },
    );
    const lost = [...new URL(registered).searchParams].filter(([k, v]) => got.searchParams.get(k) !== v).map(([k]) => k);
    must(!lost.length, `the redirect to ${registered} lost its query parameter(s) ${lost.join(', ')}: ${where(landing)}`, {
      finding: 'query-lost',
      expected: registered,
      actual: where(landing),
    });
    must(got.searchParams.get('state') === state, `the redirect to ${registered} does not carry the state sent: ${where(landing)}`, {
      finding: got.searchParams.has('state') ? 'state-mismatch' : 'state-missing',
      expected: state,
      actual: got.searchParams.get('state'),
    });
  });

  check(LOGOUT.CLIENT_ID_MISMATCH, async (fx) => {
    const session = await signInForLogout(fx);
    const { signedIn, rp } = session.users[0]!;
    const other = await fx.clients.create(logoutMetadata(fx.receiver.rp(), {}));
    const before = await promptNone(fx, session);
    const landing = await probeLogout(fx, {
      id_token_hint: signedIn.idToken!,
      client_id: other.clientId,
      post_logout_redirect_uri: rp.postLogout,
      state: newState(),
    });
    const what = `client_id ${other.clientId} with a hint issued to ${signedIn.clientId}`;
    await mustStayAtProvider(fx, landing, rp.postLogout, what, 'mismatch-accepted');
    // A request the OP must refuse ends no session either (the probe carries no cookies: only the hint names it).
    await mustSurvive(fx, session, before, what);
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

  check(LOGOUT.HINT_ALG_NONE, (fx) => mustRefuseHint(fx, (idToken) => withAlgNone(idToken)));

  check(LOGOUT.URI_WITHOUT_HINT, async (fx) => {
    const session = await signInForLogout(fx);
    const { rp } = session.users[0]!;
    const before = await promptNone(fx, session);
    // No state either: a provider may refuse a state without a hint first, and then the URI rule would go unjudged.
    const landing = await probeLogout(fx, { post_logout_redirect_uri: rp.postLogout });
    await mustStayAtProvider(fx, landing, rp.postLogout, 'a post_logout_redirect_uri without id_token_hint');
    await mustSurvive(fx, session, before, 'a logout request without id_token_hint');
    await mustReachWithGenuineHint(fx, session);
  });

  check(LOGOUT.ORY_STATE_WITHOUT_HINT, async (fx) => {
    fx.login.requireFreshFlow('the request is sent from a user agent of the login driver');
    const landing = await probeLogout(fx, { state: newState() });
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

/** The variants (kind, URI) a valid hint of the user's client got the user agent to, or to another URI of the client instead. */
async function honouredVariants(fx: CheckFixtures, idToken: string, variants: Array<[string, string]>): Promise<string[]> {
  const honoured: string[] = [];
  for (const [kind, uri] of variants) {
    const landing = await probeLogout(fx, { id_token_hint: idToken, post_logout_redirect_uri: uri, state: newState() });
    if (at(landing, uri)) honoured.push(kind);
    else if (atClient(fx, landing)) honoured.push(`${kind}->client`);
  }
  return honoured;
}

// The authorization endpoint as OpenID Connect Core 1.0 §3.1.2.1, RFC 6749 §4.1.2.1 and Dynamic Client Registration
// 1.0 §2 ask it: the sign-in's request sent by POST completes as the GET does, an error redirect carries the state
// sent, and a remembered login that max_age (or the client's
// default_max_age) has outlived is not reused: the user is asked to sign in again, where a request without it skips
// the login.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { AUTHZ } from '../checks/catalogue/tokens.ts';
import { must, notOffered, Precondition, violation } from '../checks/rules/verdict.ts';
import type { SignedIn } from '../fixtures/login.ts';
import type { CheckFixtures } from '../fixtures/check.ts';
import {
  askAgain,
  mustHaveAskedLoginAgain,
  postAuthorization,
  reauthenticate,
  refusedWithRedirect,
  SCOPE,
} from '../scenarios/authorization.ts';
import { judgedTogether, sharedScenario } from '../scenarios/shared.ts';
import { codeClientMetadata } from '../scenarios/token-endpoint.ts';

/** A second authorization request in the signed-in user agent, for `client` (default: the sign-in's). */
const again =
  (fx: CheckFixtures, signedIn: SignedIn, params: Record<string, string> = {}, client: { clientId: string } = signedIn.client!) =>
  () =>
    askAgain(fx, signedIn.userAgent!, client, signedIn.redirectUri!, params);

/** The scenario of the re-authentication checks: each one's remembered sign-in in a user agent of its own, made once per worker. */
function reauthentications(fx: CheckFixtures) {
  fx.login.requireFreshFlow('the check signs in twice in a user agent of its own');
  return sharedScenario('remembered sign-ins, two seconds old', fx.settings.baseUrl, () =>
    reauthenticate({
      maxAge: async () => {
        const signedIn = await fx.login.signIn({ scope: SCOPE });
        return { signedAt: Date.now(), control: again(fx, signedIn), judged: again(fx, signedIn, { max_age: '1' }) };
      },
      defaultMaxAge: async () => {
        const client = await fx.clients.create({ ...codeClientMetadata(), default_max_age: 1 });
        if (client.created.json?.default_max_age !== 1)
          notOffered(
            'registration response default_max_age',
            'the provider did not register default_max_age 1 (the registration response leaves it out or says otherwise)',
          );
        const signedIn = await fx.login.signIn({ client, scope: SCOPE });
        const signedAt = Date.now();
        // The control: another client, without default_max_age, in the same user agent.
        const other = await fx.clients.create(codeClientMetadata());
        return { signedAt, control: again(fx, signedIn, {}, other), judged: again(fx, signedIn) };
      },
    }),
  );
}

test.describe('oauth2TokenExchange: GET|POST /oauth2/auth (the authorization request)', () => {
  // Both re-authentication checks judge one scenario: their sign-ins, one two-second wait, then each one's requests.
  // First in the file: the longest group of its checks, handed out first.
  test.describe('a remembered login outlived by max_age or default_max_age', () => {
    judgedTogether();

    check(AUTHZ.MAX_AGE, async (fx) => {
      mustHaveAskedLoginAgain((await reauthentications(fx)).maxAge, 'max_age=1, two seconds after the sign-in');
    });

    check(AUTHZ.DEFAULT_MAX_AGE, async (fx) => {
      mustHaveAskedLoginAgain(
        (await reauthentications(fx)).defaultMaxAge,
        'a request without max_age of a client registered with default_max_age 1, two seconds after the sign-in',
      );
    });
  });

  check(AUTHZ.POST, async (fx) => {
    fx.login.requireFreshFlow('the check sends an authorization request of its own');
    const client = await fx.clients.create(codeClientMetadata());
    // The positive control: the same sign-in by GET completes and its code exchanges (TOKEN-CODE-FLOW judges it).
    const signedIn = await fx.login.signIn({ client, scope: SCOPE });
    const { request, back } = await postAuthorization(fx, client, signedIn.redirectUri!);
    const res = await fx.login.exchangeCode(client, back.searchParams.get('code')!, request);
    must(
      res.status === 200 && typeof res.json?.access_token === 'string',
      `the code of the POSTed request answered HTTP ${res.status} at the token endpoint`,
      {
        finding: `post:exchange:status:${res.status}`,
        expected: 200,
        actual: res.status,
      },
    );
  });

  check(AUTHZ.ERROR_STATE, async (fx) => {
    fx.login.requireFreshFlow('the check sends an authorization request of its own');
    const client = await fx.clients.create(codeClientMetadata());
    const redirectUri = (client.sent.redirect_uris as string[])[0]!;
    const { request, landing } = await refusedWithRedirect(fx, client, redirectUri);
    const state = landing.url.searchParams.get('state');
    must(
      state === request.state,
      `the error redirect (error=${landing.url.searchParams.get('error')}) carries state ${JSON.stringify(state)}, not the state sent`,
      {
        finding: state === null ? 'state-missing' : 'state-mismatch',
        expected: request.state,
        actual: state,
      },
    );
  });

  check(AUTHZ.UNKNOWN_PARAM, async (fx) => {
    fx.login.requireFreshFlow('the check sends an authorization request of its own');
    const client = await fx.clients.create(codeClientMetadata());
    // The positive control: the same sign-in without the parameter completes (TOKEN-CODE-FLOW judges it).
    await fx.login.signIn({ client, scope: SCOPE });
    const extra = { oidc_harness_unrecognized: 'ignore-me' };
    const signedIn = await fx.login.signIn({ client, scope: SCOPE, authorizeParams: extra }).catch((e: unknown) =>
      e instanceof Precondition
        ? violation(`the sign-in with the unrecognized parameter oidc_harness_unrecognized did not complete: ${e.message}`, {
            finding: `unknown-param:${e.finding ?? 'incomplete'}`,
            expected: 'a code and tokens, as without it',
            actual: e.message,
          })
        : Promise.reject(e),
    );
    must(typeof signedIn.tokens.accessToken === 'string', 'the sign-in with the unrecognized parameter got no access token', {
      finding: 'unknown-param:no-token',
      expected: 'an access token',
      actual: null,
    });
  });
});

// The authorization code at the token endpoint (RFC 6749 §4.1.2-§4.1.3, RFC 7636 §4.4-§4.6): one code exchanged
// twice, with another verifier or none, by another client, with another redirect_uri or none, and a plain PKCE
// challenge. Each refusal has its positive control: the same exchange done right succeeds.
import { randomBytes } from 'node:crypto';
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import type { CheckFixtures } from '../fixtures/check.ts';
import { CODE, TOK } from '../checks/catalogue/tokens.ts';
import { blocked, must, notApplicable, notOffered } from '../checks/rules/verdict.ts';
import type { HttpResponse } from '../harness/http/client.ts';
import { rememberSecret } from '../harness/secrets/vault.ts';
import {
  authorizationCode,
  authorizationResponse,
  codeClientMetadata,
  exchange,
  controlExchange,
  mustRefuseClient,
  mustRefuseGrant,
  refreshWith,
  type CodeGrant,
} from '../scenarios/token-endpoint.ts';

/** The check of the code exchange done right: a 5xx to a changed one is neither a refusal nor a token. */
const CODE_FLOW = 'TOKEN-CODE-FLOW';

/** A well-formed code_verifier (RFC 7636 §4.1) that is not the one whose challenge was sent. */
function otherVerifier(): string {
  const v = randomBytes(32).toString('base64url');
  rememberSecret(v, 'code_verifier');
  return v;
}

/**
 * A fresh code of a client whose own code exchange just succeeded: the control for the refusals that spend the
 * code they judge (the provider may discard a code, or its PKCE data, at a failed exchange).
 */
async function codeAfterControl(fx: CheckFixtures): Promise<CodeGrant> {
  const first = await authorizationCode(fx);
  await controlExchange(fx, first, 'the code exchange of the same client with its own code_verifier');
  return authorizationCode(fx, { client: first.client, userAgent: first.userAgent });
}

/** Whether an access token works: GET userinfo (undefined when the provider has no userinfo). */
async function userinfo(fx: CheckFixtures, accessToken: string): Promise<HttpResponse | undefined> {
  const url = fx.discovery.doc?.userinfo_endpoint;
  return typeof url === 'string' ? fx.http.send({ url, bearer: accessToken }) : undefined;
}

/** A token that must have stopped working: any 4xx (the error codes are the userinfo and refresh checks' subject). */
function mustHaveStopped(res: HttpResponse, what: string, finding: string): void {
  must(res.status !== 200, `${what} still works after the code was presented again (HTTP 200)`, { finding, expected: '4xx', actual: 200 });
  must(res.status >= 400 && res.status < 500, `${what} answered HTTP ${res.status}, neither working nor refused`, {
    finding: `status:${res.status}`,
    expected: '4xx',
    actual: res.status,
  });
}

/** The scope the response-scope check's consent grants, of what it requests (GRANTED and profile). */
const GRANTED = ['openid', 'offline_access'];

test.describe('oauth2TokenExchange: POST /oauth2/token (authorization_code: the scope granted)', () => {
  check(TOK.RESPONSE_SCOPE, async (fx) => {
    fx.login.requireFreshFlow('the check exchanges a code of its own');
    if (fx.settings.loginMode !== 'ory-admin')
      notApplicable(
        'the harness grants less than was requested only in OIDC_LOGIN_MODE=ory-admin (it accepts the consent through the admin API); a browser consent page grants what it offers',
      );
    const requested = [...GRANTED, 'profile'];
    const client = await fx.clients.create(codeClientMetadata(undefined, requested.join(' ')));
    const grant = await authorizationCode(fx, { client, scope: requested, grantScopes: GRANTED });
    const res = await controlExchange(fx, grant, 'the code exchange of a grant narrower than the request');
    const scope: unknown = res.json?.scope;
    must(typeof scope === 'string', `openid offline_access of ${requested.join(' ')} was granted, but the token response has no scope`, {
      finding: 'scope-missing',
      expected: GRANTED.join(' '),
      actual: scope ?? null,
    });
    const beyond = scope.split(' ').filter((s) => s !== '' && !GRANTED.includes(s));
    must(beyond.length === 0, `the token response's scope ${JSON.stringify(scope)} names ${beyond.join(', ')}, which was not granted`, {
      finding: `scope-not-granted:${beyond.join(',')}`,
      expected: GRANTED.join(' '),
      actual: scope,
    });
  });
});

test.describe('oauth2TokenExchange: GET /oauth2/auth (a public client without PKCE)', () => {
  check(CODE.PKCE_PUBLIC_REQUIRED, async (fx) => {
    fx.login.requireFreshFlow('the check sends an authorization request of its own');
    const client = await fx.clients.create({ ...codeClientMetadata(), token_endpoint_auth_method: 'none' });
    // The positive control: the same public client's sign-in with an S256 challenge reaches a code.
    await authorizationCode(fx, { client });
    const { back } = await authorizationResponse(fx, { client, params: { code_challenge: '', code_challenge_method: '' } });
    const error = back.searchParams.get('error');
    if (error === null) {
      must(back.searchParams.has('code'), 'the request without code_challenge came back with neither a code nor an error', {
        finding: 'code-missing',
        expected: 'a code, or error=invalid_request',
        actual: back.search,
      });
      return; // the server does not require PKCE of public clients: the rule does not bind it
    }
    must(error === 'invalid_request', `a public client's request without code_challenge was refused with error=${error}`, {
      finding: `error:${error}`,
      expected: 'invalid_request',
      actual: error,
    });
  });
});

test.describe('oauth2TokenExchange: POST /oauth2/token (authorization_code: the code and its binding)', () => {
  check(CODE.REUSE, async (fx) => {
    const grant = await authorizationCode(fx);
    await controlExchange(fx, grant, 'the first exchange of the code');
    mustRefuseGrant(await exchange(fx.http, fx.discovery, grant), {
      what: 'the same code exchanged a second time',
      accepted: 'reused-code',
      client: grant.client,
      root: CODE_FLOW,
    });
  });

  check(CODE.REUSE_REVOKES, async (fx) => {
    const grant = await authorizationCode(fx);
    const first = await controlExchange(fx, grant, 'the first exchange of the code');
    const accessToken = first.json.access_token as string;
    const refreshToken = typeof first.json.refresh_token === 'string' ? first.json.refresh_token : undefined;
    const before = await userinfo(fx, accessToken);
    if (before && before.status !== 200) blocked(`userinfo with the fresh access token answered HTTP ${before.status}`, 'UI-GET-BEARER');
    if (!before && !refreshToken)
      notOffered(
        'discovery userinfo_endpoint',
        'neither a userinfo_endpoint nor a refresh token: nothing can show whether the tokens still work',
      );
    if ((await exchange(fx.http, fx.discovery, grant)).status === 200) blocked('the code was accepted a second time', 'TOKEN-CODE-REUSE');
    const after = await userinfo(fx, accessToken);
    if (after) mustHaveStopped(after, 'the access token issued from the code (at userinfo)', 'active:access-token');
    if (refreshToken)
      mustHaveStopped(
        await refreshWith(fx.http, fx.discovery, grant.client, refreshToken),
        'the refresh token issued from the code',
        'active:refresh-token',
      );
  });

  check(CODE.PKCE_WRONG_VERIFIER, async (fx) => {
    const grant = await codeAfterControl(fx);
    mustRefuseGrant(await exchange(fx.http, fx.discovery, grant, { code_verifier: otherVerifier() }), {
      what: 'a code exchanged with another code_verifier than the one of its S256 challenge',
      accepted: 'wrong-verifier',
      client: grant.client,
      root: CODE_FLOW,
    });
  });

  check(CODE.PKCE_NO_VERIFIER, async (fx) => {
    const grant = await codeAfterControl(fx);
    mustRefuseGrant(await exchange(fx.http, fx.discovery, grant, { code_verifier: undefined }), {
      what: 'a code whose request carried a code_challenge, exchanged without code_verifier',
      accepted: 'no-verifier',
      client: grant.client,
      root: CODE_FLOW,
      codes: ['invalid_grant', 'invalid_request'],
    });
  });

  check(CODE.PKCE_PLAIN, async (fx) => {
    const methods = fx.discovery.doc?.code_challenge_methods_supported;
    const plainAdvertised = Array.isArray(methods) && methods.includes('plain');
    const control = await authorizationCode(fx);
    await controlExchange(fx, control, 'the code exchange of the same client with an S256 challenge');
    // The plain method: the challenge is the verifier itself (RFC 7636 §4.2).
    const verifier = otherVerifier();
    const { back, request } = await authorizationResponse(fx, {
      client: control.client,
      userAgent: control.userAgent,
      params: { code_challenge: verifier, code_challenge_method: 'plain' },
    });
    const code = back.searchParams.get('code');
    const error = back.searchParams.get('error');
    if (!plainAdvertised) {
      must(!code, 'code_challenge_methods_supported does not list plain, but an authorization request with a plain challenge got a code', {
        finding: 'accepted:plain',
        expected: 'invalid_request',
        actual: 'code',
      });
      must(error === 'invalid_request', `the plain challenge was refused with error ${JSON.stringify(error)}, expected invalid_request`, {
        finding: `error:${error ?? 'none'}`,
        expected: 'invalid_request',
        actual: error,
      });
      return;
    }
    // plain is advertised: refusing it anyway is safe; accepting it must mean enforcing it.
    if (!code) return;
    const grant: CodeGrant = { ...control, code, request: { ...request, codeVerifier: verifier } };
    mustRefuseGrant(await exchange(fx.http, fx.discovery, grant, { code_verifier: otherVerifier() }), {
      what: 'a code of a plain challenge exchanged with another code_verifier',
      accepted: 'wrong-plain-verifier',
      client: grant.client,
      root: CODE_FLOW,
    });
  });

  check(CODE.NO_CLIENT_AUTH, async (fx) => {
    const grant = await authorizationCode(fx);
    const res = await exchange(fx.http, fx.discovery, grant, { idOnly: true });
    if (res.status >= 500)
      blocked(`the exchange without client authentication answered HTTP ${res.status}: neither a refusal nor a token`, CODE_FLOW);
    mustRefuseClient(res, "a confidential client's code exchanged with its client_id alone", 'accepted:no-client-auth');
    await controlExchange(fx, grant, 'the exchange with the client authentication, afterwards');
  });

  check(CODE.OTHER_CLIENT, async (fx) => {
    const grant = await authorizationCode(fx);
    const other = await fx.clients.create(codeClientMetadata());
    mustRefuseGrant(await exchange(fx.http, fx.discovery, grant, { client: other }), {
      what: "another client presenting the code (with its own credentials, the code's redirect_uri and code_verifier)",
      accepted: 'other-client',
      client: other,
      root: CODE_FLOW,
    });
    await controlExchange(fx, grant, 'the exchange of the code by the client it was issued to, afterwards');
  });

  check(CODE.OTHER_REDIRECT_URI, async (fx) => {
    const [first, second] = ['https://a.example.com/oidc-harness/callback', 'https://b.example.com/oidc-harness/callback'];
    const client = await fx.clients.create(codeClientMetadata([first, second]));
    const grant = await authorizationCode(fx, { client, redirectUri: first });
    mustRefuseGrant(await exchange(fx.http, fx.discovery, grant, { redirect_uri: second }), {
      what: "the code exchanged with another of the client's registered redirect URIs",
      accepted: 'other-redirect-uri',
      client,
      root: CODE_FLOW,
    });
    await controlExchange(fx, grant, 'the exchange with the redirect_uri of the authorization request, afterwards');
  });

  check(CODE.NO_REDIRECT_URI, async (fx) => {
    const grant = await authorizationCode(fx);
    mustRefuseGrant(await exchange(fx.http, fx.discovery, grant, { redirect_uri: undefined }), {
      what: 'the code of an authorization request that carried redirect_uri, exchanged without it',
      accepted: 'no-redirect-uri',
      client: grant.client,
      root: CODE_FLOW,
      codes: ['invalid_grant', 'invalid_request'],
    });
    await controlExchange(fx, grant, 'the exchange with the redirect_uri of the authorization request, afterwards');
  });
});

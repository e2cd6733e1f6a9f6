// The authorization endpoint beyond the sign-in's GET (OpenID Connect Core 1.0 §3.1.2.1): the sign-in's request sent
// as a form POST, and whether a second request in a signed-in user agent makes the user sign in again (max_age, a
// client's default_max_age), told by where the user agent stops: at the login step, or past it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckFixtures } from '../fixtures/check.ts';
import type { RegisteredClient } from '../fixtures/clients.ts';
import type { Landing, UserAgent } from '../fixtures/login-driver.ts';
import { DEFAULT_ID_TOKEN_CLAIMS, DEFAULT_SUBJECT, type AuthorizationRequest } from '../fixtures/login.ts';
import { Precondition, blocked, must, violation } from '../checks/rules/verdict.ts';
import { rememberSecret } from '../harness/secrets/vault.ts';
import { errorShown, where } from './logout.ts';
import { isBareAnswer } from '../checks/rules/authorize-answer.ts';

type Fixtures = Pick<CheckFixtures, 'login' | 'settings' | 'discovery'>;

/** The scope of these sign-ins: openid alone, so that no prompt=consent is added (Core §11 asks it for offline_access). */
export const SCOPE = ['openid'];

/** The check that judges whether a remembered login is kept at all: the control of a re-authentication check. */
const SESSION_KEPT = 'LOGOUT-SESSION-LIVE';
const SIGN_IN = 'TOKEN-CODE-FLOW';

/** How long after the sign-in the second request is made: max_age (or default_max_age) 1 has surely passed by then. */
const AFTER_MS = 2_100;

/** Where a second authorization request stopped: at the login step, past it (consent, or the client with a code), or elsewhere. */
export interface Attempt {
  step: 'login' | 'past-login' | 'other';
  landing: Landing;
}

function stepOf(fx: Fixtures, landing: Landing, redirectUri: string): Attempt['step'] {
  const url = landing.url;
  // ory-admin: the login UI with its challenge; browser: the login form's URL.
  if (url.searchParams.has('login_challenge') || fx.settings.browserLogin?.urlPattern.test(url.toString())) return 'login';
  if (url.toString().startsWith(redirectUri)) return url.searchParams.has('code') ? 'past-login' : 'other';
  if (url.searchParams.has('consent_challenge')) return 'past-login';
  // browser: the consent page (the driver stops there), unless the page is an error.
  return fx.settings.loginMode === 'browser' && landing.status < 400 && !url.searchParams.has('error') ? 'past-login' : 'other';
}

/** An authorization request (openid, the sign-in's PKCE, state and nonce, `params`) in `agent`, which stops at any step. */
export async function askAgain(
  fx: Fixtures,
  agent: UserAgent,
  client: { clientId: string },
  redirectUri: string,
  params: Record<string, string> = {},
): Promise<Attempt> {
  const request = fx.login.authorizationRequest(client, { redirectUri, scope: SCOPE, params });
  const landing = await agent.visit(request.url, redirectUri);
  return { step: stepOf(fx, landing, redirectUri), landing };
}

/** A remembered sign-in made at `signedAt` (ms), and the two requests a re-authentication check makes two seconds later. */
export interface Reauthentication {
  signedAt: number;
  /** A request the provider may answer from the remembered login: it goes past the login step. */
  control: () => Promise<Attempt>;
  /** The request judged: the user must be asked to sign in again. */
  judged: () => Promise<Attempt>;
}

/** Where the two requests stopped (the judged one is not made when the control failed), or why they were not made. */
export type Reauthenticated = { control: Attempt; judged?: Attempt } | { error: unknown };

/**
 * The sign-ins of several re-authentication checks (`parts`, one after the other), one wait until two seconds after
 * the last of them, then each one's control and judged request: one wait for all instead of one each. A part that
 * could not be prepared keeps its error for its own check to throw; the others go on.
 */
export async function reauthenticate<K extends string>(
  parts: Record<K, () => Promise<Reauthentication>>,
): Promise<Record<K, Reauthenticated>> {
  const prepared = new Map<K, Reauthentication | { error: unknown }>();
  for (const [k, prepare] of Object.entries(parts) as Array<[K, () => Promise<Reauthentication>]>)
    prepared.set(k, await prepare().catch((error: unknown) => ({ error })));
  const signedAt = [...prepared.values()].map((p) => ('signedAt' in p ? p.signedAt : 0));
  await sleep(Math.max(0, Math.max(...signedAt) + AFTER_MS - Date.now()));
  const out = {} as Record<K, Reauthenticated>;
  for (const [k, p] of prepared) {
    if ('error' in p) {
      out[k] = p;
      continue;
    }
    try {
      const control = await p.control();
      out[k] = { control, ...(control.step === 'past-login' ? { judged: await p.judged() } : {}) };
    } catch (error) {
      out[k] = { error };
    }
  }
  return out;
}

/** Two seconds after a remembered sign-in, the control went past the login step and the judged request stopped at it. */
export function mustHaveAskedLoginAgain(r: Reauthenticated, what: string): void {
  if ('error' in r) throw r.error;
  const c = r.control;
  if (c.step === 'login')
    blocked(
      `${what}: the control, which may be answered from the remembered login, asked for the login again: the login was not kept`,
      SESSION_KEPT,
    );
  if (c.step === 'other' || !r.judged) blocked(`${what}: the control ended at ${where(c.landing)}`, SIGN_IN);
  const j = r.judged;
  if (j.step === 'login') return;
  must(j.step !== 'past-login', `${what}: the provider skipped the login (it went on to ${where(j.landing)}), as the control did`, {
    finding: 'login-skipped',
    expected: 'the login step',
    actual: where(j.landing),
  });
  violation(`${what}: the provider neither asked for the login again nor went past it: it ended at ${where(j.landing)}`, {
    finding: errorShown(j.landing) ?? 'no-login',
    expected: 'the login step',
    actual: where(j.landing),
  });
}

/** What a POSTed authorization request brought back: the request, and the redirect URI reached. */
export interface PostedAuthorization {
  request: AuthorizationRequest;
  back: URL;
}

/**
 * The sign-in's authorization request sent as a form POST to the authorization endpoint (its own query, if it has one,
 * stays in the URL), through login and consent in a new user agent. A flow that does not come back is the finding
 * `post:incomplete`; one that comes back with an error, `post:error:<code>`.
 */
export async function postAuthorization(fx: Fixtures, client: RegisteredClient, redirectUri: string): Promise<PostedAuthorization> {
  const endpoint = String(fx.discovery.doc?.authorization_endpoint);
  const request = fx.login.authorizationRequest(client, { redirectUri, scope: SCOPE });
  const own = new URL(endpoint).searchParams;
  const form = Object.fromEntries([...new URL(request.url).searchParams].filter(([k]) => !own.has(k)));
  const agent = await fx.login.newUserAgent('user agent posting the authorization request');
  const back = await agent
    .authorize(
      endpoint,
      redirectUri,
      { subject: DEFAULT_SUBJECT, remember: true, grantScopes: SCOPE, idTokenClaims: DEFAULT_ID_TOKEN_CLAIMS },
      { method: 'POST', form },
    )
    .catch((e: unknown) =>
      e instanceof Precondition
        ? violation(`the authorization request sent by POST did not complete: ${e.message}`, {
            finding: 'post:incomplete',
            expected: redirectUri,
            actual: e.message,
          })
        : Promise.reject(e),
    );
  const error = back.searchParams.get('error');
  if (error)
    violation(`the authorization request sent by POST came back with error=${error}`, {
      finding: `post:error:${error}`,
      expected: 'a code',
      actual: error,
    });
  must(back.searchParams.get('state') === request.state, 'the authorization response to the POST does not carry the state sent', {
    finding: 'post:state-mismatch',
    expected: 'the state sent',
    actual: back.searchParams.get('state'),
  });
  const code = back.searchParams.get('code');
  must(code, 'the authorization response to the POST carries no code', { finding: 'post:code-missing', expected: 'code', actual: null });
  rememberSecret(code, 'code');
  return { request, back };
}

/**
 * prompt=none in a user agent without a session (OpenID Connect Core 1.0 §3.1.2.1: the answer is the error
 * login_required, at the redirect URI): what an error redirect carries. Back with neither an error nor a code is an
 * error redirect without error=, TOKEN-AUTHZ-ERROR-STATE's finding (its only caller); one that does not come back, or
 * comes back with a code, is LOGOUT-SESSION-ENDED's to judge (prompt=none without a session must be answered login_required).
 */
export async function refusedWithRedirect(
  fx: Fixtures,
  client: { clientId: string },
  redirectUri: string,
): Promise<{ request: AuthorizationRequest; landing: Landing }> {
  const agent = await fx.login.newUserAgent('a user agent without a session');
  const request = fx.login.authorizationRequest(client, { redirectUri, scope: SCOPE, params: { prompt: 'none' } });
  const landing = await agent.visit(request.url, redirectUri);
  const back = landing.url.toString().startsWith(redirectUri);
  // Back with neither a code nor an error: an error redirect that lost its error= (this check's own finding).
  if (back && isBareAnswer(landing.url))
    violation(`prompt=none without a session came back to the redirect URI with neither error= nor a code: ${where(landing)}`, {
      finding: 'error-missing',
      expected: 'error=login_required',
      actual: where(landing),
    });
  if (!back || !landing.url.searchParams.get('error'))
    blocked(
      `prompt=none without a session did not come back to the redirect URI with an error: it ended at ${where(landing)}`,
      'LOGOUT-SESSION-ENDED',
    );
  return { request, landing };
}

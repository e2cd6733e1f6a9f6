// The redirect URIs a registration gives a client, as the authorization endpoint honours them: exact matching, a
// registered query kept and any other refused, redirect_uri required for OpenID, and the error for an unregistered URI
// shown by the provider itself. Each refusal is judged from the HTTP answer to a request that carries no user
// (checks/rules/authorize-answer.ts), beside the same request with the registered URI, which goes on to the login.
import { test } from '../fixtures/index.ts';
import { check, type CheckFixtures } from '../fixtures/check.ts';
import { REDIRECT } from '../checks/catalogue/registration.ts';
import { blocked, must, violation } from '../checks/rules/verdict.ts';
import { marker, sampleMetadata } from '../checks/rules/client-metadata.ts';
import { authorizeOutcome, describeOutcome, errorOf, type AuthorizeOutcome } from '../checks/rules/authorize-answer.ts';
import { askAuthorization, mustGoOn, registered } from '../scenarios/registration.ts';
import { DEFAULT_REDIRECT_URI, DEFAULT_SUBJECT } from '../fixtures/login.ts';
import { rememberSecret } from '../harness/secrets/vault.ts';
import { mustBeRefusedWith } from '../checks/rules/refusal.ts';

const REGISTERED = 'https://rp.example.com/cb';
/** A registered redirect URI that carries a query (OIDF's redirect-uri-query modules). */
const WITH_QUERY = 'https://rp.example.com/cb?rp=kept';

/** A client with exactly these redirect URIs (and a post-logout URI on their origin, as Hydra requires). */
function clientWith(fx: CheckFixtures, what: string, redirectUris: string[]) {
  return registered(fx.clients, sampleMetadata(`redirect ${what}`, { redirect_uris: redirectUris }));
}

/** The finding of an answer that was not a refusal. */
function notRefused(o: AuthorizeOutcome, what: string, variant?: string): { finding: string; message: string } {
  const tag = variant ? `:${variant}` : '';
  if (o.kind === 'server-error') return { finding: `status:${o.status}${tag}`, message: `${what} answered ${describeOutcome(o)}` };
  return { finding: `accepted${tag}`, message: `${what} was taken on (${describeOutcome(o)}) instead of refused` };
}

const refusedAtAll = (o: AuthorizeOutcome) => o.kind === 'refused' || o.kind === 'error-to-client';

/** A request with `requested` (a mismatch of the registered URIs) must be refused; the registered one goes on first. */
async function mustRefuseMismatch(fx: CheckFixtures, what: string, registeredUris: string[], requested: string): Promise<void> {
  const client = await clientWith(fx, what, registeredUris);
  await mustGoOn(fx.http, fx.discovery, client, registeredUris[0]!);
  const o = authorizeOutcome(await askAuthorization(fx.http, fx.discovery, client.clientId, requested), [requested, ...registeredUris]);
  if (refusedAtAll(o)) return;
  const { finding, message } = notRefused(
    o,
    `an authorization request with redirect_uri ${requested} (registered: ${registeredUris.join(', ')})`,
  );
  violation(message, { finding, expected: 'a refusal', actual: describeOutcome(o) });
}

/**
 * RFC 6749 §3.1.2.2: a client of `kind` registered without redirect_uris is refused, or cannot use the authorization
 * endpoint: its request naming a redirect URI is refused by the provider itself (an error redirected to that URI is no
 * refusal here: nothing was registered). The control: the same client with that URI registered is taken on.
 */
async function mustRequireRedirectUris(fx: CheckFixtures, kind: 'public' | 'confidential'): Promise<void> {
  const method = { token_endpoint_auth_method: kind === 'public' ? 'none' : 'client_secret_basic' };
  const control = await registered(fx.clients, sampleMetadata(`${kind} with redirect uri`, { ...method, redirect_uris: [REGISTERED] }));
  await mustGoOn(fx.http, fx.discovery, control, REGISTERED);
  const without = sampleMetadata(`${kind} without redirect uris`, { ...method, redirect_uris: undefined, post_logout_redirect_uris: [] });
  const { res, client } = await fx.clients.register(without);
  if (!client)
    return mustBeRefusedWith(res, 400, ['invalid_redirect_uri', 'invalid_client_metadata'], `a ${kind} client without redirect_uris`);
  const o = authorizeOutcome(await askAuthorization(fx.http, fx.discovery, client.clientId, REGISTERED), [REGISTERED]);
  if (o.kind === 'refused') return;
  const what = `the ${kind} client was registered without redirect_uris, and its authorization request naming redirect_uri ${REGISTERED}`;
  if (o.kind === 'error-to-client')
    violation(`${what} was refused with a redirect to that URI (${describeOutcome(o)}), which was never registered`, {
      finding: 'redirected-to-unregistered',
      expected: 'an error shown by the provider',
      actual: o.location,
    });
  const { finding, message } = notRefused(o, what);
  violation(message, { finding, expected: 'a refusal: the client has no redirection endpoint registered', actual: describeOutcome(o) });
}

test.describe('createOidcDynamicClient: GET /oauth2/auth (the registered redirect URIs)', () => {
  check(REDIRECT.URIS_REQUIRED_PUBLIC, (fx) => mustRequireRedirectUris(fx, 'public'));

  check(REDIRECT.URIS_REQUIRED_CONFIDENTIAL, (fx) => mustRequireRedirectUris(fx, 'confidential'));

  check(REDIRECT.EXACT, async (fx) => {
    const client = await clientWith(fx, 'exact', [REGISTERED]);
    await mustGoOn(fx.http, fx.discovery, client, REGISTERED);
    const variants: Array<[string, string]> = [
      ['longer-path', `${REGISTERED}/extra`],
      ['trailing-slash', `${REGISTERED}/`],
      ['other-case', REGISTERED.replace('/cb', '/CB')],
    ];
    const problems: Array<{ finding: string; message: string }> = [];
    for (const [variant, requested] of variants) {
      const o = authorizeOutcome(await askAuthorization(fx.http, fx.discovery, client.clientId, requested), [requested, REGISTERED]);
      if (!refusedAtAll(o)) problems.push(notRefused(o, `redirect_uri ${requested} (registered: ${REGISTERED})`, variant));
    }
    must(problems.length === 0, problems.map((p) => p.message).join('; '), {
      finding: problems.map((p) => p.finding).join(','),
      expected: 'each refused',
      actual: problems.map((p) => p.message),
    });
  });

  check(REDIRECT.QUERY_ADDED, async (fx) => {
    await mustRefuseMismatch(fx, 'query added', [REGISTERED], `${REGISTERED}?extra=added`);
  });

  check(REDIRECT.QUERY_MISMATCH, async (fx) => {
    await mustRefuseMismatch(fx, 'query mismatch', [WITH_QUERY], WITH_QUERY.replace('rp=kept', 'rp=other'));
  });

  check(REDIRECT.REQUIRED, async (fx) => {
    const client = await clientWith(fx, 'required', [REGISTERED]);
    await mustGoOn(fx.http, fx.discovery, client, REGISTERED);
    const o = authorizeOutcome(await askAuthorization(fx.http, fx.discovery, client.clientId, undefined), [REGISTERED]);
    if (refusedAtAll(o)) return;
    const { finding, message } = notRefused(o, 'an OpenID authorization request without redirect_uri');
    violation(message, { finding, expected: 'a refusal: redirect_uri is REQUIRED', actual: describeOutcome(o) });
  });

  check(REDIRECT.ERROR_SHOWN, async (fx) => {
    const client = await clientWith(fx, 'error shown', [REGISTERED]);
    await mustGoOn(fx.http, fx.discovery, client, REGISTERED);
    const unregistered = 'https://elsewhere.example.net/cb';
    const res = await askAuthorization(fx.http, fx.discovery, client.clientId, unregistered);
    const o = authorizeOutcome(res, [unregistered, REGISTERED]);
    if (o.kind === 'refused') return;
    if (o.kind === 'error-to-client' || o.kind === 'to-client') {
      const toUnregistered = o.location.startsWith(unregistered);
      violation(
        `the refusal of the unregistered redirect_uri ${unregistered} was redirected to ${toUnregistered ? 'that URI' : "the client's registered URI"} (${describeOutcome(o)}), instead of being shown by the provider`,
        {
          finding: toUnregistered ? 'redirected-to-unregistered' : 'redirected-to-client',
          expected: 'a 4xx error page, or a redirect to the provider’s error page with error=',
          actual: o.location,
        },
      );
    }
    const { finding, message } = notRefused(o, `an authorization request with the unregistered redirect_uri ${unregistered}`);
    violation(message, { finding, expected: 'an error shown by the provider', actual: describeOutcome(o) });
  });

  check(REDIRECT.QUERY_KEPT, async (fx) => {
    const { login, clients, http, discovery } = fx;
    login.requireFreshFlow("the redirect URI's query is judged on a sign-in of its own");
    const uri = `${DEFAULT_REDIRECT_URI}?rp=kept`;
    const client = await registered(clients, {
      client_name: marker('redirect query kept'),
      redirect_uris: [uri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      scope: 'openid',
    });
    // The registered URI with its query must be taken on at all (OIDF oidcc-redirect-uri-query-OK) before a sign-in can show where the answer goes.
    const first = authorizeOutcome(await askAuthorization(http, discovery, client.clientId, uri), [uri]);
    if (first.kind !== 'went-on') {
      if (refusedAtAll(first) || first.kind === 'server-error')
        violation(`an authorization request with the registered redirect URI ${uri} was refused: ${describeOutcome(first)}`, {
          finding: first.kind === 'server-error' ? `status:${first.status}` : 'refused',
          expected: 'taken on to the login',
          actual: describeOutcome(first),
        });
      blocked(`the request was answered ${describeOutcome(first)}`, 'TOKEN-CODE-FLOW', 'not-taken-on');
    }
    const request = login.authorizationRequest(client, { redirectUri: uri, scope: ['openid'] });
    const agent = await login.newUserAgent('redirect query');
    const back = await agent.authorize(request.url, DEFAULT_REDIRECT_URI, {
      subject: DEFAULT_SUBJECT,
      remember: false,
      grantScopes: ['openid'],
    });
    const code = back.searchParams.get('code');
    rememberSecret(code ?? undefined, 'code');
    if (errorOf(back) || !code)
      blocked(`the sign-in ended at the redirect URI without a code (error=${errorOf(back) ?? 'none'})`, 'TOKEN-CODE-FLOW', 'no-code');
    must(
      back.searchParams.get('rp') === 'kept',
      `the authorization response reached ${back.origin}${back.pathname} without the registered query rp=kept`,
      {
        finding: 'query-dropped:rp',
        expected: 'rp=kept beside code and state',
        actual: [...back.searchParams.keys()].join('&'),
      },
    );
    must(back.searchParams.get('state') === request.state, "the authorization response's state is not the state sent", {
      finding: 'state-mismatch',
      expected: 'the state sent',
      actual: back.searchParams.has('state') ? 'another state' : 'no state',
    });
  });
});

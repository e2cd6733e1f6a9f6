// The secret of a dynamically registered client works at the token endpoint, with the registered
// method only (client_credentials grant).
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { TOKEN } from '../checks/catalogue/token-auth.ts';
import { must, notApplicable, blocked } from '../checks/rules/verdict.ts';
import { sampleMetadata } from '../checks/rules/client-metadata.ts';
import { registered } from '../scenarios/registration.ts';
import {
  clientCredentials,
  mustIssueToken,
  mustRefuseClient,
  requireAuthMethod,
  requireClientCredentials,
  type Presentation,
} from '../scenarios/token-endpoint.ts';
import type { Clients, RegisteredClient } from '../fixtures/clients.ts';
import type { Discovery } from '../fixtures/harness.ts';
import type { HttpClient } from '../harness/http/client.ts';

type SecretMethod = 'client_secret_basic' | 'client_secret_post';
const PRESENTATION: Record<SecretMethod, Presentation> = { client_secret_basic: 'basic', client_secret_post: 'post' };
const WORKS: Record<SecretMethod, string> = { client_secret_basic: 'TOKEN-AUTH-BASIC-WORKS', client_secret_post: 'TOKEN-AUTH-POST-WORKS' };

/** A client registered for `method` with a secret; skips when the provider cannot give one. */
async function secretClient(
  clients: Clients,
  discovery: Discovery,
  method: SecretMethod,
): Promise<RegisteredClient & { clientSecret: string }> {
  requireClientCredentials(discovery);
  requireAuthMethod(discovery, method);
  const client = await registered(clients, sampleMetadata(`token ${method}`, { token_endpoint_auth_method: method }));
  const got = client.created.json?.token_endpoint_auth_method;
  if (got !== undefined && got !== method)
    notApplicable(
      `the provider registered the client with ${JSON.stringify(got)} instead of ${method} (RFC 7591 §3.2.1 lets it substitute)`,
    );
  if (!client.clientSecret) blocked('no client_secret was issued', 'REG-CREATE-SECRET-ISSUED');
  return client as RegisteredClient & { clientSecret: string };
}

/** The same client with its registered method works: the precondition of the refusal rules. */
async function working(clients: Clients, http: HttpClient, discovery: Discovery, method: SecretMethod) {
  const client = await secretClient(clients, discovery, method);
  const res = await clientCredentials(http, discovery, client.clientId, client.clientSecret, PRESENTATION[method]);
  if (res.status !== 200) blocked('the registered method does not work either', WORKS[method]);
  return client;
}

async function publicClient(clients: Clients, discovery: Discovery, grants: string[]): Promise<RegisteredClient | undefined> {
  requireClientCredentials(discovery);
  const { res, client } = await clients.register(sampleMetadata('token none', { token_endpoint_auth_method: 'none', grant_types: grants }));
  if (!client && res.status >= 400 && res.status < 500) return undefined;
  if (!client) blocked(`registering a public client answered HTTP ${res.status}`, 'REG-CREATE-STATUS-201');
  return client;
}

test.describe('oauth2TokenExchange: POST /oauth2/token (client authentication of registered clients)', () => {
  check(TOKEN.BASIC_WORKS, async ({ clients, http, discovery }) => {
    const client = await secretClient(clients, discovery, 'client_secret_basic');
    mustIssueToken(
      await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic'),
      'a client_secret_basic client with HTTP Basic',
    );
  });

  check(TOKEN.POST_WORKS, async ({ clients, http, discovery }) => {
    const client = await secretClient(clients, discovery, 'client_secret_post');
    mustIssueToken(
      await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'post'),
      'a client_secret_post client with the secret in the form body',
    );
  });

  check(TOKEN.BASIC_REFUSES_POST, async ({ clients, http, discovery }) => {
    const client = await working(clients, http, discovery, 'client_secret_basic');
    mustRefuseClient(
      await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'post'),
      'a client_secret_basic client with the secret in the form body',
    );
  });

  check(TOKEN.POST_REFUSES_BASIC, async ({ clients, http, discovery }) => {
    const client = await working(clients, http, discovery, 'client_secret_post');
    mustRefuseClient(
      await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic'),
      'a client_secret_post client with HTTP Basic',
    );
  });

  check(TOKEN.NONE_SECRET, async ({ clients, http, discovery }) => {
    const client = await publicClient(clients, discovery, ['authorization_code', 'refresh_token']);
    if (!client) notApplicable('the provider refused to register a public client');
    mustRefuseClient(
      await clientCredentials(http, discovery, client.clientId, 'a-secret-never-issued-0123456789', 'basic'),
      'a public client presenting a secret',
    );
  });

  check(TOKEN.NONE_CLIENT_CREDENTIALS, async ({ clients, http, discovery }) => {
    const client = await publicClient(clients, discovery, ['client_credentials']);
    if (!client) return; // refusing to register such a client keeps the rule as well
    const res = await clientCredentials(http, discovery, client.clientId, undefined, 'id-only');
    must(res.status !== 200 || typeof res.json?.access_token !== 'string', 'a public client got a token from the client_credentials grant');
  });

  check(TOKEN.WRONG_SECRET, async ({ clients, http, discovery }) => {
    const client = await working(clients, http, discovery, 'client_secret_basic');
    mustRefuseClient(await clientCredentials(http, discovery, client.clientId, `${client.clientSecret}x`, 'basic'), 'a wrong secret');
  });

  check(TOKEN.WWW_AUTHENTICATE, async ({ clients, http, discovery }) => {
    const client = await working(clients, http, discovery, 'client_secret_basic');
    const res = await clientCredentials(http, discovery, client.clientId, `${client.clientSecret}x`, 'basic');
    if (res.status === 200) blocked('the wrong secret was accepted', 'TOKEN-AUTH-WRONG-SECRET');
    must(res.status === 401, `a failed HTTP Basic client authentication answered HTTP ${res.status}, expected 401`, {
      finding: `status:${res.status}`,
      expected: 401,
      actual: res.status,
    });
    // RFC 6749 §5.2: the challenge names the scheme the client used (RFC 7235 §4.1: a list of challenges, any order).
    const challenge = res.header('www-authenticate');
    must(challenge !== undefined, 'the 401 after HTTP Basic has no WWW-Authenticate header', {
      finding: 'challenge-missing',
      expected: 'Basic',
      actual: null,
    });
    must(
      /(?:^|,)\s*Basic(?=\s|,|$)/i.test(challenge),
      `the 401 after HTTP Basic challenges ${JSON.stringify(challenge)}, not the Basic scheme the client used`,
      { finding: 'challenge-not-basic', expected: 'Basic', actual: challenge },
    );
  });
});

// The secret of a dynamically registered client works at the token endpoint, with the registered
// method only (client_credentials grant).
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { ORY_TOKEN, TOKEN } from '../checks/catalogue/token-auth.ts';
import { ORY_CONTRACT_DECLARATIONS } from '../checks/catalogue/ory-contract.ts';
import { must, blocked } from '../checks/rules/verdict.ts';
import { sampleMetadata } from '../checks/rules/client-metadata.ts';
import { registered } from '../scenarios/registration.ts';
import {
  clientCredentials,
  mustIssueToken,
  mustRefuseClient,
  requireAuthMethod,
  requireClientCredentials,
  requireRegisteredMethod,
  type Presentation,
} from '../scenarios/token-endpoint.ts';
import type { CheckFixtures } from '../fixtures/check.ts';
import type { Clients, RegisteredClient } from '../fixtures/clients.ts';
import type { Discovery } from '../fixtures/harness.ts';

type Fixtures = Pick<CheckFixtures, 'clients' | 'discovery' | 'settings' | 'http'>;

type SecretMethod = 'client_secret_basic' | 'client_secret_post';
const PRESENTATION: Record<SecretMethod, Presentation> = { client_secret_basic: 'basic', client_secret_post: 'post' };
const WORKS: Record<SecretMethod, string> = { client_secret_basic: 'TOKEN-AUTH-BASIC-WORKS', client_secret_post: 'TOKEN-AUTH-POST-WORKS' };

/** A client registered for `method` with a secret. */
async function secretClient(
  { clients, discovery, settings }: Fixtures,
  method: SecretMethod,
): Promise<RegisteredClient & { clientSecret: string }> {
  requireClientCredentials(discovery);
  requireAuthMethod(discovery, method);
  const client = await registered(clients, sampleMetadata(`token ${method}`, { token_endpoint_auth_method: method }));
  requireRegisteredMethod(client, method, settings.profile);
  if (!client.clientSecret) blocked('no client_secret was issued', 'REG-CREATE-SECRET-ISSUED');
  return client as RegisteredClient & { clientSecret: string };
}

/** The same client with its registered method works: the precondition of the refusal rules. */
async function working(fx: Fixtures, method: SecretMethod) {
  const { http, discovery } = fx;
  const client = await secretClient(fx, method);
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
  check(TOKEN.BASIC_WORKS, async (fx) => {
    const { http, discovery } = fx;
    const client = await secretClient(fx, 'client_secret_basic');
    mustIssueToken(
      await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic'),
      'a client_secret_basic client with HTTP Basic',
    );
  });

  check(TOKEN.POST_WORKS, async (fx) => {
    const { http, discovery } = fx;
    const client = await secretClient(fx, 'client_secret_post');
    mustIssueToken(
      await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'post'),
      'a client_secret_post client with the secret in the form body',
    );
  });

  check(TOKEN.BASIC_REFUSES_POST, async (fx) => {
    const { http, discovery } = fx;
    const client = await working(fx, 'client_secret_basic');
    mustRefuseClient(
      await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'post'),
      'a client_secret_basic client with the secret in the form body',
    );
  });

  check(TOKEN.POST_REFUSES_BASIC, async (fx) => {
    const { http, discovery } = fx;
    const client = await working(fx, 'client_secret_post');
    mustRefuseClient(
      await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic'),
      'a client_secret_post client with HTTP Basic',
    );
  });

  check(TOKEN.NONE_SECRET, async ({ clients, http, discovery }) => {
    const client = await publicClient(clients, discovery, ['authorization_code', 'refresh_token']);
    if (!client) return; // no public client can be registered (a 4xx): none can present a secret either
    mustRefuseClient(
      await clientCredentials(http, discovery, client.clientId, 'a-secret-never-issued-0123456789', 'basic'),
      'a public client presenting a secret',
    );
  });

  check(TOKEN.NONE_CLIENT_CREDENTIALS, async ({ clients, http, discovery }) => {
    const client = await publicClient(clients, discovery, ['client_credentials']);
    if (!client) return; // refusing to register such a client (a 4xx) keeps the rule as well
    const res = await clientCredentials(http, discovery, client.clientId, undefined, 'id-only');
    must(
      res.status !== 200 || typeof res.json?.access_token !== 'string',
      'a public client got a token from the client_credentials grant',
      {
        finding: 'accepted',
        expected: 'a refusal',
        actual: res.status,
      },
    );
  });

  check(TOKEN.WRONG_SECRET, async (fx) => {
    const { http, discovery } = fx;
    const client = await working(fx, 'client_secret_basic');
    mustRefuseClient(await clientCredentials(http, discovery, client.clientId, `${client.clientSecret}x`, 'basic'), 'a wrong secret');
  });

  check(TOKEN.WWW_AUTHENTICATE, async (fx) => {
    const { http, discovery } = fx;
    const client = await working(fx, 'client_secret_basic');
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

  check(ORY_TOKEN.OFFERS, async ({ discovery }) => {
    if (!discovery.doc) blocked('the discovery document is not a JSON object', 'DISC-STATUS-200');
    // What the declarations of ory-contract.ts that this check judges name: `discovery <member>: <value>`.
    const promised = Object.entries(ORY_CONTRACT_DECLARATIONS)
      .filter(([, by]) => by === ORY_TOKEN.OFFERS.id)
      .map(([declaration]) => /^discovery (\S+): (\S+)$/.exec(declaration)!)
      .map(([, member, value]) => ({ member: member!, value: value! }));
    const missing = promised.filter(({ member, value }) => {
      const list = discovery.doc?.[member];
      return !Array.isArray(list) || !list.includes(value);
    });
    must(
      missing.length === 0,
      `discovery does not advertise ${missing.map((m) => `${m.value} (${m.member})`).join(', ')}: Ory's token endpoint offers each`,
      {
        finding: `not-advertised:${missing.map((m) => m.value).join('+')}`,
        expected: promised.map((m) => `${m.member}: ${m.value}`),
        actual: missing.map((m) => `${m.member}: ${m.value} missing`),
      },
    );
  });
});

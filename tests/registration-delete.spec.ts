// RFC 7592 §2.3, as Ory's deleteOidcDynamicClient serves it.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { DELETE } from '../checks/catalogue/registration.ts';
import { must, mustHaveStatus, blocked } from '../checks/rules/verdict.ts';
import { sampleMetadata } from '../checks/rules/client-metadata.ts';
import { randomBytes } from 'node:crypto';
import { gate, managed, manage, noteDeletion } from '../scenarios/registration.ts';
import type { HttpResponse } from '../harness/http/client.ts';
import { clientCredentials, mustRefuseClient, requireClientCredentials } from '../scenarios/token-endpoint.ts';

test.describe('deleteOidcDynamicClient: DELETE /oauth2/register/{id}', () => {
  check(DELETE.ENABLED, async ({ clients, http }) => {
    await gate(clients, 'DELETE /oauth2/register/{id}', async () => {
      const client = await managed(clients, sampleMetadata('delete gate'));
      const res = await manage(http, client, 'DELETE', { bearer: client.token });
      noteDeletion(clients, client, res);
      return res;
    });
  });

  check(DELETE.STATUS, async ({ clients, http }) => {
    const client = await managed(clients, sampleMetadata('delete'));
    const res = await manage(http, client, 'DELETE', { bearer: client.token });
    noteDeletion(clients, client, res);
    mustHaveStatus(res, 204);
    must(res.text === '', `the 204 has a body: ${JSON.stringify(res.text.slice(0, 80))}`);
  });

  check(DELETE.AUTHZ_REFUSED, async ({ clients, http, discovery }) => {
    const endpoint = discovery.doc?.authorization_endpoint;
    if (typeof endpoint !== 'string') blocked('no authorization_endpoint is advertised', 'DISC-REQUIRED-MEMBERS');
    const client = await managed(clients, sampleMetadata('delete authorize'));
    const redirectUri = (client.sent.redirect_uris as string[])[0]!;
    const authorize = () =>
      http.send({
        url: endpoint,
        headers: { accept: 'text/html' },
        query: {
          client_id: client.clientId,
          response_type: 'code',
          scope: 'openid',
          redirect_uri: redirectUri,
          state: randomBytes(12).toString('base64url'),
          code_challenge: randomBytes(32).toString('base64url'),
          code_challenge_method: 'S256',
        },
      });
    const refusal = (res: HttpResponse) => {
      const location = res.header('location');
      if (res.status >= 400) return 'an error page';
      return location && /[?&#]error=/.test(location) && !location.startsWith(redirectUri) ? 'a redirect to an error page' : undefined;
    };
    // The control: before the delete, the same request goes on (to the login), so a refusal afterwards is the delete's doing.
    const before = await authorize();
    if (refusal(before) || (before.header('location') ?? '').startsWith(redirectUri))
      blocked(
        `before the delete the authorization request already answered HTTP ${before.status}${before.header('location') ? ` to ${before.header('location')}` : ''}`,
        'TOKEN-CODE-FLOW',
      );
    const res = await manage(http, client, 'DELETE', { bearer: client.token });
    noteDeletion(clients, client, res);
    if (res.status !== 204 && res.status !== 200) blocked(`the delete answered HTTP ${res.status}`, 'REG-DELETE-STATUS-204');
    const after = await authorize();
    const location = after.header('location') ?? '';
    must(
      !location.startsWith(redirectUri),
      `after the delete the authorization endpoint still redirected to the client's redirect URI (${location})`,
      { finding: 'redirected-to-client', expected: 'an error', actual: location },
    );
    must(
      refusal(after),
      `after the delete the authorization request for the deleted client went on as before (HTTP ${after.status}${location ? ` to ${location}` : ''}), instead of an error`,
      { finding: 'not-refused', expected: 'an error page or a redirect with error=', actual: after.status },
    );
  });

  check(DELETE.CREDENTIALS_REVOKED, async ({ clients, http, discovery }) => {
    requireClientCredentials(discovery);
    const client = await managed(clients, sampleMetadata('delete credentials'));
    if (!client.clientSecret) blocked('no client_secret was issued', 'REG-CREATE-SECRET-ISSUED');
    const before = await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic');
    if (before.status !== 200) blocked('the secret does not work even before the delete', 'TOKEN-AUTH-BASIC-WORKS');
    const res = await manage(http, client, 'DELETE', { bearer: client.token });
    noteDeletion(clients, client, res);
    if (res.status !== 204 && res.status !== 200) blocked(`the delete answered HTTP ${res.status}`, 'REG-DELETE-STATUS-204');
    mustRefuseClient(
      await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic'),
      "the deleted client's id and secret",
    );
  });
});

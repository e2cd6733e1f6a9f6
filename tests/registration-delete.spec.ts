// RFC 7592 §2.3, as Ory's deleteOidcDynamicClient serves it.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { DELETE } from '../checks/catalogue/registration.ts';
import { blocked, must, mustHaveStatus, violation } from '../checks/rules/verdict.ts';
import { sampleMetadata } from '../checks/rules/client-metadata.ts';
import { authorizeOutcome, describeOutcome } from '../checks/rules/authorize-answer.ts';
import { askAuthorization, gate, managed, manage, mustGoOn, noteDeletion } from '../scenarios/registration.ts';
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
    must(res.text === '', `the 204 has a body: ${JSON.stringify(res.text.slice(0, 80))}`, {
      finding: 'body-not-empty',
      expected: '',
      actual: res.text.slice(0, 80),
    });
  });

  check(DELETE.AUTHZ_REFUSED, async ({ clients, http, discovery }) => {
    const client = await managed(clients, sampleMetadata('delete authorize'));
    const redirectUri = (client.sent.redirect_uris as string[])[0]!;
    // The control: before the delete, the same request goes on (to the login), so a refusal afterwards is the delete's doing.
    await mustGoOn(http, discovery, client, redirectUri);
    const res = await manage(http, client, 'DELETE', { bearer: client.token });
    noteDeletion(clients, client, res);
    if (res.status !== 204 && res.status !== 200)
      blocked(`the delete answered HTTP ${res.status}`, 'REG-DELETE-STATUS-204', `status:${res.status}`);
    const o = authorizeOutcome(
      await askAuthorization(http, discovery, client.clientId, redirectUri),
      client.sent.redirect_uris as string[],
    );
    if (o.kind === 'refused') return;
    const [finding, expected] =
      o.kind === 'server-error'
        ? [`status:${o.status}`, 'a refusal (a 5xx is a failure, not a refusal)']
        : o.kind === 'went-on'
          ? ['not-refused', 'an error page or a redirect with error= to the provider’s error page']
          : ['redirected-to-client', 'no redirect to the deleted client'];
    violation(`after the delete the authorization request for the deleted client was answered ${describeOutcome(o)}`, {
      finding,
      expected,
      actual: describeOutcome(o),
    });
  });

  check(DELETE.CREDENTIALS_REVOKED, async ({ clients, http, discovery }) => {
    requireClientCredentials(discovery);
    const client = await managed(clients, sampleMetadata('delete credentials'));
    if (!client.clientSecret) blocked('no client_secret was issued', 'REG-CREATE-SECRET-ISSUED', 'no-secret');
    const before = await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic');
    if (before.status !== 200)
      blocked('the secret does not work even before the delete', 'TOKEN-AUTH-BASIC-WORKS', `status:${before.status}`);
    const res = await manage(http, client, 'DELETE', { bearer: client.token });
    noteDeletion(clients, client, res);
    if (res.status !== 204 && res.status !== 200)
      blocked(`the delete answered HTTP ${res.status}`, 'REG-DELETE-STATUS-204', `status:${res.status}`);
    mustRefuseClient(
      await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic'),
      "the deleted client's id and secret",
    );
  });
});

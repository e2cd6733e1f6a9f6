// RFC 7592 §2.3, as Ory's deleteOidcDynamicClient serves it.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { DELETE } from '../checks/catalogue/registration.ts';
import { must, mustHaveStatus, notApplicable, blocked } from '../checks/rules/verdict.ts';
import { sampleMetadata } from '../checks/rules/client-metadata.ts';
import { gate, managed, manage, noteDeletion } from '../scenarios/registration.ts';
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

  check(DELETE.CREDENTIALS_REVOKED, async ({ clients, http, discovery }) => {
    requireClientCredentials(discovery);
    const client = await managed(clients, sampleMetadata('delete credentials'));
    if (!client.clientSecret) blocked('no client_secret was issued', 'REG-CREATE-SECRET-ISSUED');
    const before = await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic');
    if (before.status !== 200) blocked('the secret does not work even before the delete', 'TOKEN-AUTH-BASIC-WORKS');
    const res = await manage(http, client, 'DELETE', { bearer: client.token });
    noteDeletion(clients, client, res);
    if (res.status !== 204 && res.status !== 200) blocked(`the delete answered HTTP ${res.status}`, 'REG-DELETE-STATUS-204');
    mustRefuseClient(await clientCredentials(http, discovery, client.clientId, client.clientSecret, 'basic'), "the deleted client's id and secret");
  });
});

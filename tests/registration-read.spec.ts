// RFC 7592 §2.1, as Ory's getOidcDynamicClient serves it: the registration access token reads the client.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { READ } from '../checks/catalogue/registration.ts';
import { must, mustHaveStatus, mustMatchSchema, notApplicable, blocked } from '../checks/rules/verdict.ts';
import { driftProblems, sampleMetadata } from '../checks/rules/client-metadata.ts';
import { gate, managed, manage, readBack } from '../scenarios/registration.ts';
import type { Settings } from '../harness/config/settings.ts';

/** The one-time rule is Ory's; RFC 7592 lets a read return both (see REG-READ-RFC7592-MEMBERS). */
function oryOnly(settings: Settings, what: string): void {
  if (settings.profile === 'standards')
    notApplicable(`RFC 7592 §2.1 allows a read to return the ${what}; showing it only once is Ory's contract`);
}

const present = (v: unknown) => typeof v === 'string' && v.length > 0;

test.describe('getOidcDynamicClient: GET /oauth2/register/{id}', () => {
  check(READ.ENABLED, async ({ clients, http }) => {
    await gate(clients, 'GET /oauth2/register/{id}', async () => {
      const client = await managed(clients, sampleMetadata('read gate'));
      return manage(http, client, 'GET', { bearer: client.token });
    });
  });

  check(READ.STATUS, async ({ clients, http }) => {
    const client = await managed(clients, sampleMetadata('read'));
    mustHaveStatus(await manage(http, client, 'GET', { bearer: client.token }), 200);
  });

  check(READ.SCHEMA_ORY, async ({ clients, http }) => {
    const client = await managed(clients, sampleMetadata('read schema'));
    const res = await manage(http, client, 'GET', { bearer: client.token });
    if (res.status !== 200) blocked(`the read answered HTTP ${res.status}`, 'REG-READ-STATUS-200');
    mustMatchSchema(res, 'oauth2-client');
  });

  check(READ.VALUES, async ({ clients, http }) => {
    const client = await managed(clients, sampleMetadata('read values'));
    const problems = driftProblems(client.sent, client.created.json, await readBack(http, client));
    must(problems.length === 0, `the read differs from the registration: ${problems.join('; ')}`);
  });

  check(READ.NO_SECRET, async ({ clients, http, settings }) => {
    oryOnly(settings, 'client_secret');
    const body = await readBack(http, await managed(clients, sampleMetadata('read secret')));
    must(!present(body.client_secret), 'the read returned the client_secret, which Ory shows only in the create response');
  });

  check(READ.NO_RAT, async ({ clients, http, settings }) => {
    oryOnly(settings, 'registration access token');
    const body = await readBack(http, await managed(clients, sampleMetadata('read token')));
    must(
      !present(body.registration_access_token),
      'the read returned a registration_access_token, which Ory shows only when it issues one',
    );
  });

  check(READ.RFC7592_MEMBERS, async ({ clients, http }) => {
    const body = await readBack(http, await managed(clients, sampleMetadata('read members')));
    const missing = ['registration_access_token', 'registration_client_uri'].filter((m) => !present(body[m]));
    must(missing.length === 0, `the client information response lacks ${missing.join(' and ')}`);
  });
});

// RFC 7592 §2.1, as Ory's getOidcDynamicClient serves it: the registration access token reads the client.
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { READ } from '../checks/catalogue/registration.ts';
import { must, mustHaveStatus, mustMatchSchema, blocked } from '../checks/rules/verdict.ts';
import { driftProblems, sampleMetadata } from '../checks/rules/client-metadata.ts';
import { gate, managed, manage, readBack } from '../scenarios/registration.ts';

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
    if (res.status !== 200) blocked(`the read answered HTTP ${res.status}`, 'REG-READ-STATUS-200', `status:${res.status}`);
    mustMatchSchema(res, 'oauth2-client');
  });

  check(READ.VALUES, async ({ clients, http }) => {
    const client = await managed(clients, sampleMetadata('read values', { logo_uri: 'https://rp.example.com/logo.png' }));
    const read = await readBack(http, client);
    // RFC 7592 §2.1: client_id MUST NOT change from the registration response; the metadata reads as registered.
    const problems = [
      ...(read.client_id === client.clientId
        ? []
        : [`client_id: registered ${client.clientId}, read ${JSON.stringify(read.client_id ?? null)}`]),
      ...driftProblems(client.sent, client.created.json, read),
    ];
    must(problems.length === 0, `the read differs from the registration: ${problems.join('; ')}`, {
      finding: `differs:${problems.map((p) => p.split(':')[0]).join(',')}`,
      expected: 'the metadata as registered',
      actual: problems,
    });
  });

  check(READ.NO_SECRET, async ({ clients, http }) => {
    const body = await readBack(http, await managed(clients, sampleMetadata('read secret')));
    must(!present(body.client_secret), 'the read returned the client_secret, which Ory shows only in the create response', {
      finding: 'secret-shown',
      expected: 'no client_secret',
      actual: 'a client_secret',
    });
  });

  check(READ.NO_RAT, async ({ clients, http }) => {
    const body = await readBack(http, await managed(clients, sampleMetadata('read token')));
    must(
      !present(body.registration_access_token),
      'the read returned a registration_access_token, which Ory shows only when it issues one',
      { finding: 'rat-shown', expected: 'no registration_access_token', actual: 'a registration_access_token' },
    );
  });

  check(READ.RFC7592_MEMBERS, async ({ clients, http }) => {
    const body = await readBack(http, await managed(clients, sampleMetadata('read members')));
    const missing = ['registration_access_token', 'registration_client_uri'].filter((m) => !present(body[m]));
    must(missing.length === 0, `the client information response lacks ${missing.join(' and ')}`, {
      finding: `missing:${missing.join(',')}`,
      expected: ['registration_access_token', 'registration_client_uri'],
      actual: `without ${missing.join(', ')}`,
    });
  });
});

// What RFC 7591 §3.2.1 and OpenID Connect Registration §3.2 say a client information response holds: a client_id that
// no other client has, every metadata member registered (the URIs a consent screen shows among them), and, with a
// client_secret, when it expires.
import { randomBytes } from 'node:crypto';
import { test } from '../fixtures/index.ts';
import { check } from '../fixtures/check.ts';
import { CREATE } from '../checks/catalogue/registration.ts';
import { blocked, must } from '../checks/rules/verdict.ts';
import { missingMembers, sampleMetadata } from '../checks/rules/client-metadata.ts';
import { registered } from '../scenarios/registration.ts';
import type { HttpResponse } from '../harness/http/client.ts';

/** The URIs OIDF's oidcc-registration-logo-uri, -policy-uri and -tos-uri register (and then ask a person to look at). */
const DISPLAY = {
  logo_uri: 'https://rp.example.com/logo.png',
  policy_uri: 'https://rp.example.com/privacy',
  tos_uri: 'https://rp.example.com/terms',
};

/** The provider's time when it answered (its Date header), else ours: seconds since the epoch. */
const answeredAt = (res: HttpResponse) => Math.floor((Date.parse(res.header('date') ?? '') || Date.now()) / 1000);
/** How far the provider's clock and the Date header may be off from a time it writes into a body. */
const SKEW_S = 300;

test.describe('createOidcDynamicClient: POST /oauth2/register (the client information response)', () => {
  check(CREATE.CLIENT_ID_UNIQUE, async ({ clients }) => {
    // Two installations of one piece of software (RFC 7591 §2: the same software_id), otherwise different clients.
    const software = { software_id: `conformance-software-${randomBytes(6).toString('hex')}`, software_version: '1.0' };
    // software_id is metadata a server may not know (RFC 7591 §3.1: ignored): a refusal is judged by REG-CREATE-UNKNOWN-MEMBERS.
    const instance = async (what: string, host: string) => {
      const { res, client } = await clients.register(
        sampleMetadata(what, { ...software, redirect_uris: [`https://${host}.rp.example.com/cb`], post_logout_redirect_uris: [] }),
      );
      if (!client)
        blocked(
          `registering ${what} answered HTTP ${res.status}`,
          ['REG-CREATE-STATUS-201', 'REG-CREATE-UNKNOWN-MEMBERS'],
          `status:${res.status}`,
        );
      return client;
    };
    const one = await instance('instance one', 'one');
    const two = await instance('instance two', 'two');
    must(one.clientId !== two.clientId, `two registrations of different clients were both given the client_id ${one.clientId}`, {
      finding: 'client-id-reused',
      expected: 'two client_ids',
      actual: 'the same client_id twice',
    });
  });

  check(CREATE.METADATA_RETURNED, async ({ clients }) => {
    const client = await registered(clients, sampleMetadata('returned', DISPLAY));
    const missing = missingMembers(client.sent, client.created.json);
    must(missing.length === 0, `the create response leaves out registered metadata: ${missing.join(', ')}`, {
      finding: `missing:${missing.join(',')}`,
      expected: Object.keys(client.sent),
      actual: `without ${missing.join(', ')}`,
    });
  });

  check(CREATE.SECRET_MEMBERS, async ({ clients }) => {
    const client = await registered(clients, sampleMetadata('secret members'));
    const body = client.created.json as Record<string, unknown>;
    if (typeof body.client_secret !== 'string' || !body.client_secret)
      blocked('no client_secret was issued', 'REG-CREATE-SECRET-ISSUED', 'no-secret');
    const expires = body.client_secret_expires_at;
    if (expires === undefined || expires === null)
      blocked('the response has a client_secret but no client_secret_expires_at', 'REG-CREATE-SCHEMA', 'expires-at-missing');
    const now = answeredAt(client.created);
    const issued = body.client_id_issued_at;
    if (issued !== undefined && issued !== null)
      must(
        typeof issued === 'number' && Number.isInteger(issued) && Math.abs(issued - now) <= SKEW_S,
        `client_id_issued_at is ${JSON.stringify(issued)}, not the time of the registration (${now}, the response's Date)`,
        { finding: 'issued-at-off', expected: `${now} ± ${SKEW_S} s`, actual: issued },
      );
    must(
      typeof expires === 'number' && Number.isInteger(expires) && (expires === 0 || expires > now),
      `client_secret_expires_at is ${JSON.stringify(expires)}: ${typeof expires === 'number' && expires > 0 ? 'the secret has expired by the time it is issued' : 'neither 0 (never) nor a time'} (the response's Date: ${now})`,
      {
        finding: typeof expires === 'number' && Number.isInteger(expires) && expires > 0 ? 'expired-at-issue' : 'expires-at-not-a-time',
        expected: `0, or later than ${now}`,
        actual: expires,
      },
    );
  });
});

// sector_identifier_uri (OpenID Connect Dynamic Client Registration 1.0 §5): the provider fetches the document, a JSON
// array that must list every redirect URI of the client. The harness's receiver serves it over https (its own
// certificate, which the provider must trust: harness/http/tls-identity.ts); whether the provider fetched it is seen there.
import { test } from '../fixtures/index.ts';
import { check, type CheckFixtures } from '../fixtures/check.ts';
import { CREATE } from '../checks/catalogue/registration.ts';
import { blocked, notApplicable, violation } from '../checks/rules/verdict.ts';
import { sampleMetadata } from '../checks/rules/client-metadata.ts';
import { mustBeRefusedWith } from '../checks/rules/refusal.ts';
import { RECEIVER_CERT_DIR } from '../harness/http/tls-identity.ts';
import type { HttpResponse } from '../harness/http/client.ts';

const REDIRECTS = ['https://rp.example.com/cb', 'https://rp.example.com/cb2'];
/** What a sector of several clients lists: this client's redirect URIs and another client's. */
const SECTOR = [...REDIRECTS, 'https://other.rp.example.com/cb'];

interface Registration {
  res: HttpResponse;
  url: string;
}

/** Register with a sector_identifier_uri whose document lists `listed`; skipped when the provider cannot fetch it. */
async function registerWithSector(fx: CheckFixtures, what: string, listed: string[]): Promise<Registration> {
  const rp = fx.receiver.rp();
  const doc = fx.receiver.serveSectorDocument(rp, listed);
  if ('error' in doc)
    notApplicable(
      `${doc.error}: a sector_identifier_uri is fetched over https only (run on loopback with openssl, or set OIDC_CALLBACK_BASE_URL to an https address)`,
    );
  const failures = fx.receiver.httpsHandshakeFailures;
  const { res } = await fx.clients.register(sampleMetadata(`sector ${what}`, { redirect_uris: REDIRECTS, sector_identifier_uri: doc.url }));
  const fetched = fx.receiver.requests((r) => r.nonce === rp.nonce && r.kind === 'sector').length > 0;
  if (!fetched && !(res.status >= 200 && res.status < 300))
    notApplicable(
      `the provider refused the registration (HTTP ${res.status}) without fetching its sector_identifier_uri ${doc.url}: ${
        fx.receiver.httpsHandshakeFailures > failures
          ? 'the TLS handshake with the receiver failed (the provider does not trust its certificate)'
          : (fx.receiver.reachability ?? 'no request reached the receiver')
      }; the provider must reach the receiver and trust ${RECEIVER_CERT_DIR}/receiver.pem (Go: SSL_CERT_DIR; Node: NODE_EXTRA_CA_CERTS)`,
    );
  return { res, url: doc.url };
}

const accepted = (res: HttpResponse) => res.status >= 200 && res.status < 300;

test.describe('createOidcDynamicClient: POST /oauth2/register (sector_identifier_uri)', () => {
  check(CREATE.SECTOR_ACCEPTED, async (fx) => {
    const { res, url } = await registerWithSector(fx, 'accepted', SECTOR);
    if (accepted(res)) return;
    violation(
      `a registration whose sector_identifier_uri (${url}) lists every redirect URI was refused: HTTP ${res.status}${res.json?.error ? ` (${res.json.error})` : ''}`,
      { finding: res.status >= 500 ? `status:${res.status}` : `refused:${String(res.json?.error)}`, expected: '201', actual: res.status },
    );
  });

  check(CREATE.SECTOR_UNLISTED, async (fx) => {
    const control = await registerWithSector(fx, 'complete', SECTOR);
    if (!accepted(control.res))
      blocked(
        `the same registration with a complete sector document was refused (HTTP ${control.res.status})`,
        'REG-CREATE-SECTOR-URI-ACCEPTED',
        `refused:${String(control.res.json?.error)}`,
      );
    const { res, url } = await registerWithSector(fx, 'unlisted', [REDIRECTS[0]!]);
    if (accepted(res))
      violation(
        `a registration whose sector_identifier_uri (${url}) leaves the redirect URI ${REDIRECTS[1]} out was accepted (HTTP ${res.status})`,
        {
          finding: 'accepted',
          expected: '400 invalid_client_metadata',
          actual: res.status,
        },
      );
    mustBeRefusedWith(res, 400, 'invalid_client_metadata', 'a sector_identifier_uri whose document leaves a redirect URI out');
  });
});

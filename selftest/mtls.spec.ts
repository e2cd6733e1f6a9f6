// Mutual-TLS client authentication (tests/token-endpoint-mtls.spec.ts): excused as not offered where the provider does
// not advertise it (Hydra v2.3.0, the embedded reference by default); judged, and green, against the reference offering
// both methods over HTTPS with a CA made here and the harness presenting a certificate of that CA; one defect, one finding.
import { test, expect } from '@playwright/test';
import { runConformance, type ConformanceRun } from '../harness/run/spawn-conformance.ts';
import { startReference } from '../targets/reference/server.ts';
import { makeTestCa, mtlsClientEnv, mtlsServerOptions } from '../targets/reference/tls.ts';
import { MTLS_REGISTRATION, MTLS_TOKEN } from '../checks/catalogue/token-mtls.ts';

const IDS = [...Object.values(MTLS_REGISTRATION), ...Object.values(MTLS_TOKEN)].map((c) => c.id).sort();
const mtlsChecks = (run: ConformanceRun) => (run.summary?.checks ?? []).filter((c) => IDS.includes(c.id));

test.describe.configure({ timeout: 300_000 });

test('a provider that does not advertise tls_client_auth or self_signed_tls_client_auth: every mTLS check is excused as not offered', async () => {
  const run = await runConformance({ suites: ['token-endpoint-mtls'] });
  const checks = mtlsChecks(run);
  expect(checks.map((c) => c.id).sort(), run.output.slice(-2000)).toEqual(IDS);
  for (const c of checks) {
    expect(c.status, c.id).toBe('excused');
    expect(c.excuse?.member, c.id).toMatch(/^discovery token_endpoint_auth_methods_supported: (self_signed_)?tls_client_auth$/);
  }
});

async function mtlsRun(defects: string[] = [], withCertificate = true): Promise<ConformanceRun> {
  const ca = makeTestCa();
  const target = await startReference({ tls: mtlsServerOptions(ca), offers: ['tls_client_auth', 'self_signed_tls_client_auth'], defects });
  try {
    const env = withCertificate ? mtlsClientEnv(ca) : { OIDC_CA_FILE: ca.caFile };
    return await runConformance({
      suites: ['token-endpoint-mtls'],
      env: { ...env, OIDC_BASE_URL: target.issuer, OIDC_ADMIN_URL: target.adminUrl },
    });
  } finally {
    await target.close();
  }
}

test('the reference offering both methods over HTTPS, with a client certificate of its CA: every mTLS check passes', async () => {
  const run = await mtlsRun();
  const checks = mtlsChecks(run);
  expect(checks.map((c) => c.id).sort(), run.output.slice(-2000)).toEqual(IDS);
  for (const c of checks) expect(`${c.id} ${c.status} ${c.message}`).toBe(`${c.id} passed `);
});

test('without a client certificate, the checks that need one say what to set; the one that needs none still runs', async () => {
  const run = await mtlsRun([], false);
  for (const c of mtlsChecks(run)) {
    if (c.id === MTLS_REGISTRATION.PKI_NO_SUBJECT.id) expect(c.status).toBe('passed');
    else expect(c.message, c.id).toMatch(/^no client certificate is configured: set OIDC_CLIENT_CERT_FILE and OIDC_CLIENT_KEY_FILE/);
  }
});

test('a provider that compares no subject: TOKEN-MTLS-PKI-OTHER-SUBJECT fails (accepted), nothing else does', async () => {
  const run = await mtlsRun(['mtls.any-subject']);
  const failed = mtlsChecks(run).filter((c) => c.status === 'failed');
  expect(failed.map((c) => [c.id, c.finding])).toEqual([[MTLS_TOKEN.PKI_OTHER_SUBJECT.id, 'accepted']]);
});

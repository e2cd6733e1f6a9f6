/**
 * npm run conformance:oidc-provider — the suite against an independent provider: oidc-provider
 * (targets/oidc-provider/), started in this process, judged by the standards profile, signed in
 * through its own login form by the browser login driver, with its reviewed baseline.
 * Everything after the start is `npm run conformance` itself (bin/conformance.ts, imported with
 * these settings), so the two can never drift apart. Extra settings (OIDC_SUITES,
 * OIDC_REPORTS_DIR, OIDC_HTML_REPORT, OIDC_WORKERS, ...) and arguments pass through.
 */
import { startOidcProvider } from '../targets/oidc-provider/server.ts';
import { OIDC_PROVIDER_SETTINGS } from '../targets/oidc-provider/run-settings.ts';
import { deploymentCleanup } from '../harness/run/sweep.ts';

const started = Date.now();
const target = await startOidcProvider();
console.log(
  `[conformance] started ${target.version} at ${target.issuer} in ${Date.now() - started} ms (${target.notices.length} development notices muted)`,
);
Object.assign(process.env, {
  OIDC_BASE_URL: target.issuer,
  OIDC_ISSUER: '',
  OIDC_ADMIN_URL: '',
  OIDC_ADMIN_TOKEN: '',
  OIDC_PROVIDER_VERSION: target.version,
  ...OIDC_PROVIDER_SETTINGS,
  // A caller's OIDC_BASELINE wins ('' for the raw verdicts, as npm run compare:releases wants them).
  ...(process.env.OIDC_BASELINE !== undefined ? { OIDC_BASELINE: process.env.OIDC_BASELINE } : {}),
});
// What RFC 7592 cannot delete (a registration access token the provider revoked), the sweep deletes from the
// provider's storage, as an operator would, saying which and why; a user's own provider gets one line per client instead.
deploymentCleanup.current = { name: "oidc-provider's storage (the test deployment)", deleteClient: target.deleteClient };
try {
  await import('./conformance.ts'); // resolves when its run has finished and set process.exitCode
} finally {
  await target.close();
}

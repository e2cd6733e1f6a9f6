/**
 * npm run conformance:hydra -- v2.3.0 [playwright args]: the suite against real Ory Hydra, built
 * from its published Go module (targets/hydra/, cached under ~/.cache) and started on loopback,
 * judged with the `ory` profile and the release's reviewed baseline (baselines/hydra-<release>.json).
 * Everything after the start is `npm run conformance` itself (bin/conformance.ts, imported).
 */
import { existsSync } from 'node:fs';
import { startHydra } from '../targets/hydra/start.ts';

const RELEASES = ['v2.3.0', 'v2.2.0'];
const release = process.argv[2];
if (!release || !RELEASES.includes(release)) {
  console.error(`[conformance:hydra] name a release: npm run conformance:hydra -- ${RELEASES.join(' | ')}`);
  process.exit(2);
}
process.argv.splice(2, 1); // the rest goes to Playwright, as with npm run conformance

let hydra;
try {
  hydra = await startHydra(release, { onBuildOutput: (l) => console.log(`[hydra build] ${l}`) });
} catch (e) {
  console.error(`[conformance:hydra] Ory Hydra ${release} could not be started: ${(e as Error).message.split('\n')[0]}`);
  process.exit(2);
}
console.log(`[conformance:hydra] Ory Hydra ${hydra.version} public ${hydra.publicUrl} admin ${hydra.adminUrl}`);
const baseline = `baselines/hydra-${release}.json`;
if (process.env.OIDC_WORKERS && process.env.OIDC_WORKERS !== '1')
  console.log(`[conformance:hydra] OIDC_WORKERS=${process.env.OIDC_WORKERS} is not used: Hydra's in-memory SQLite needs one worker`);
Object.assign(process.env, {
  OIDC_BASE_URL: hydra.issuer,
  OIDC_ISSUER: '',
  OIDC_ADMIN_URL: hydra.adminUrl,
  OIDC_ADMIN_TOKEN: '',
  OIDC_PROFILE: process.env.OIDC_PROFILE || 'ory',
  OIDC_BASELINE: process.env.OIDC_BASELINE ?? (existsSync(baseline) ? baseline : ''),
  OIDC_PROVIDER_VERSION: `Ory Hydra ${hydra.version}`,
  // DSN=memory is SQLite: a write that races another one is refused ("Unable to serialize access due to a concurrent
  // update", "database table is locked"), a limit of this test deployment, not a finding. Two workers were tried: such
  // answers can be tried again, but now and then a write is lost without an error (a code whose PKCE data was never
  // stored), and a file in WAL mode fares no better. One worker keeps the verdicts true on a busy machine, so it is not a
  // choice (a caller that spawns runs, like the project's tests, sets OIDC_WORKERS for the embedded target).
  OIDC_WORKERS: '1',
  OIDC_RETRY_STORAGE_CONFLICTS: process.env.OIDC_RETRY_STORAGE_CONFLICTS || '1',
});
try {
  await import('./conformance.ts'); // resolves when its run has finished and set process.exitCode
} finally {
  await hydra.close();
}

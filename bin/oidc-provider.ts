/**
 * Start oidc-provider (the independent target, see targets/oidc-provider/) for manual testing:
 *   npx tsx bin/oidc-provider.ts [--port N]
 * Prints its issuer and the login settings for its form, and runs until Ctrl-C.
 */
import { startOidcProvider } from '../targets/oidc-provider/server.ts';
import { OIDC_PROVIDER_SETTINGS } from '../targets/oidc-provider/run-settings.ts';

const argv = process.argv.slice(2);
const portAt = argv.indexOf('--port');
const port = portAt >= 0 ? Number(argv[portAt + 1]) : undefined;
if (argv.includes('--help') || (port !== undefined && !Number.isInteger(port))) {
  process.stderr.write('usage: npx tsx bin/oidc-provider.ts [--port N]\n');
  process.exit(argv.includes('--help') ? 0 : 2);
}

const started = Date.now();
const target = await startOidcProvider({ port });
process.stdout.write(
  `${target.version} issuer: ${target.issuer} (started in ${Date.now() - started} ms; ${target.notices.length} development notices muted)\n`,
);
process.stdout.write(
  `  to run the suite against it, give npm run conformance these settings:\n    OIDC_BASE_URL='${target.issuer}'\n${Object.entries(
    OIDC_PROVIDER_SETTINGS,
  )
    .map(([k, v]) => `    ${k}='${v}'`)
    .join('\n')}\n  press Ctrl-C to stop\n`,
);
const stop = async () => {
  await target.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

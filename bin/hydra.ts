/**
 * Start a real Ory Hydra for manual testing:
 *   npx tsx bin/hydra.ts v2.3.0 [--no-registration] [-- extra hydra serve args]
 * Builds it on first use (see targets/hydra/build.sh), prints its URLs and runs until Ctrl-C.
 */
import { startHydra } from '../targets/hydra/start.ts';

const argv = process.argv.slice(2);
const dashdash = argv.indexOf('--');
const own = dashdash >= 0 ? argv.slice(0, dashdash) : argv;
const extraArgs = dashdash >= 0 ? argv.slice(dashdash + 1) : [];
const registration = !own.includes('--no-registration');
const positional = own.filter((a) => !a.startsWith('--'));

if (positional.length !== 1 || own.includes('--help') || own.includes('-h')) {
  process.stderr.write(
    'usage: npx tsx bin/hydra.ts RELEASE [--no-registration] [-- extra hydra serve args]\n  RELEASE: v2.3.0 or v2.2.0\n',
  );
  process.exit(positional.length === 1 ? 0 : 2);
}
const release = positional[0]!;

try {
  const hydra = await startHydra(release, { registration, extraArgs });
  process.stdout.write(`Ory Hydra ${release} public: ${hydra.publicUrl} admin: ${hydra.adminUrl}\n`);
  process.stdout.write(`  issuer: ${hydra.issuer}  version: ${hydra.version}  login/consent stub: ${hydra.uiUrl}\n`);
  process.stdout.write('  press Ctrl-C to stop\n');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await hydra.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // Keep the event loop alive until a signal arrives.
  setInterval(() => {}, 1 << 30);
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}

/**
 * `npm run reference`: starts the embedded reference target (Ory Hydra v2.3.0 behaviour) until Ctrl-C / SIGTERM.
 * Settings come from REFERENCE_* environment variables.
 */
import { startReference, type ReferenceOptions, type ReferenceTarget } from '../targets/reference/server.ts';
import type { Offer } from '../targets/reference/client-auth.ts';
import { commandFor } from '../harness/config/command-name.ts';

function port(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`${name} must be a port number (0-65535), got "${value}"`);
    process.exit(2);
  }
  return n;
}

function text(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

const options: ReferenceOptions = {
  host: text('REFERENCE_HOST'),
  publicPort: port('REFERENCE_PUBLIC_PORT'),
  adminPort: port('REFERENCE_ADMIN_PORT'),
  publicUrl: text('REFERENCE_PUBLIC_URL'),
  issuer: text('REFERENCE_ISSUER'),
  adminUrl: text('REFERENCE_ADMIN_URL'),
  adminToken: text('REFERENCE_ADMIN_TOKEN'),
  registration: process.env['REFERENCE_REGISTRATION'] !== 'off',
  // The same switch as a run's (OIDC_REFERENCE_DEFECTS); REFERENCE_DEFECTS, this command's own older name, still works.
  defects: (process.env['OIDC_REFERENCE_DEFECTS'] || process.env['REFERENCE_DEFECTS'] || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
  // Features Hydra does not offer, switched on (e.g. client_secret_jwt): what a defect's `reference.offers` names.
  offers: (process.env['REFERENCE_OFFERS'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean) as Offer[],
  log: process.env['REFERENCE_LOG'] === 'on' ? (line) => console.log(line) : undefined,
};

let target: ReferenceTarget;
try {
  target = await startReference(options);
} catch (e) {
  console.error(`reference target failed to start: ${(e as Error).message}`);
  process.exit(1);
}

console.log(`reference target: public ${target.publicUrl}  admin ${target.adminUrl}  issuer ${target.issuer}`);
console.log(`${target.version}${options.defects?.length ? `, defects: ${options.defects.join(', ')}` : ''}`);
console.log('');
console.log(`  OIDC_BASE_URL=${target.publicUrl} OIDC_ADMIN_URL=${target.adminUrl} ${commandFor('run')}`);
console.log('');
console.log('Ctrl-C stops it.');

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the reference target`);
  await target.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

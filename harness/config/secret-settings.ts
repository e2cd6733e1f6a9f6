// Settings that hold secrets: every OIDC_*_PASSWORD, *_SECRET and *_TOKEN. They are never taken on the command line,
// never inline in a --config file, and may instead be read from a file named by <NAME>_FILE (as container secrets
// are mounted). Their values are masked wherever they turn up, whatever their length (harness/secrets/vault.ts).
import { readFileSync } from 'node:fs';
import { SettingsError } from './settings.ts';
import { isSecretSetting } from '../secrets/vault.ts';

export { isSecretSetting };

/** The secret settings given as `<NAME>_FILE`, read (one trailing newline dropped). A setting given both ways is an error. */
export function secretsFromFiles(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [fileSetting, path] of Object.entries(env)) {
    const name = fileSetting.replace(/_FILE$/, '');
    if (name === fileSetting || !isSecretSetting(name) || !path?.trim()) continue;
    if (env[name]?.trim()) throw new SettingsError(fileSetting, `and ${name} are both set: give one of them`);
    try {
      out[name] = readFileSync(path.trim(), 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new SettingsError(fileSetting, `cannot read ${path.trim()}: ${(e as Error).message.split('\n')[0]}`);
    }
    if (!out[name]) throw new SettingsError(fileSetting, `${path.trim()} is empty`);
  }
  return out;
}

/** Read the `<NAME>_FILE` secrets into `env` once, in place of their file settings (the processes a run starts inherit the values). */
export function resolveSecretFiles(env: Record<string, string | undefined>): void {
  const read = secretsFromFiles(env);
  for (const [name, value] of Object.entries(read)) {
    env[name] = value;
    delete env[`${name}_FILE`];
  }
}

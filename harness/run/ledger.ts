// The ledger of what the harness created on the target (clients; the signing key the rotation check creates), so
// that nothing is left behind: each fixture or scenario deletes its own, and the runner sweeps whatever an interrupted
// or crashed worker could not. The ledger holds registration access tokens, so it lives in a private temporary file
// (OIDC_LEDGER), never under reports/.
import { appendFileSync, readFileSync } from 'node:fs';

export interface LedgerEntry {
  clientId: string;
  /** Where to DELETE the client (its registration_client_uri, or the admin URL). */
  deleteUrl: string;
  /** The current registration access token; absent for admin-created clients. */
  token?: string;
}

/** A key the harness created in a key set through the admin API. */
export interface KeyEntry {
  set: string;
  kid: string;
  /** Where to DELETE it (the admin API's /admin/keys/{set}/{kid}). */
  deleteUrl: string;
}

type Line =
  | { op: 'created'; entry: LedgerEntry }
  | { op: 'rotated'; clientId: string; token: string }
  | { op: 'deleted'; clientId: string }
  | { op: 'key-created'; key: KeyEntry }
  | { op: 'key-deleted'; kid: string };

function write(line: Line): void {
  const path = process.env.OIDC_LEDGER;
  if (path) appendFileSync(path, JSON.stringify(line) + '\n', { mode: 0o600 });
}

export const ledger = {
  created: (entry: LedgerEntry) => write({ op: 'created', entry }),
  rotated: (clientId: string, token: string) => write({ op: 'rotated', clientId, token }),
  deleted: (clientId: string) => write({ op: 'deleted', clientId }),
  keyCreated: (key: KeyEntry) => write({ op: 'key-created', key }),
  keyDeleted: (kid: string) => write({ op: 'key-deleted', kid }),
};

function lines(path: string): Line[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const out: Line[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    try {
      out.push(JSON.parse(raw) as Line);
    } catch {
      /* a line cut short by a crash: what it said is lost, the rest stands */
    }
  }
  return out;
}

/** Keys created and not (yet) deleted. */
export function outstandingKeys(path: string): KeyEntry[] {
  const live = new Map<string, KeyEntry>();
  for (const line of lines(path)) {
    if (line.op === 'key-created') live.set(line.key.kid, line.key);
    else if (line.op === 'key-deleted') live.delete(line.kid);
  }
  return [...live.values()];
}

/** Clients created and not (yet) deleted, with their latest token. */
export function outstanding(path: string): LedgerEntry[] {
  const live = new Map<string, LedgerEntry>();
  for (const line of lines(path)) {
    if (line.op === 'created') live.set(line.entry.clientId, { ...line.entry });
    else if (line.op === 'rotated') {
      const e = live.get(line.clientId);
      if (e) e.token = line.token;
    } else if (line.op === 'deleted') live.delete(line.clientId);
  }
  return [...live.values()];
}

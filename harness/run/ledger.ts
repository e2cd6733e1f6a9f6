// The ledger of clients the harness created on the target, so that none is left behind: each
// fixture deletes its own clients, and the runner sweeps whatever an interrupted or crashed
// worker could not. The ledger holds registration access tokens, so it lives in a private
// temporary file (OIDC_LEDGER), never under reports/.
import { appendFileSync, readFileSync } from 'node:fs';

export interface LedgerEntry {
  clientId: string;
  /** Where to DELETE the client (its registration_client_uri, or the admin URL). */
  deleteUrl: string;
  /** The current registration access token; absent for admin-created clients. */
  token?: string;
}

type Line =
  { op: 'created'; entry: LedgerEntry } | { op: 'rotated'; clientId: string; token: string } | { op: 'deleted'; clientId: string };

function write(line: Line): void {
  const path = process.env.OIDC_LEDGER;
  if (path) appendFileSync(path, JSON.stringify(line) + '\n', { mode: 0o600 });
}

export const ledger = {
  created: (entry: LedgerEntry) => write({ op: 'created', entry }),
  rotated: (clientId: string, token: string) => write({ op: 'rotated', clientId, token }),
  deleted: (clientId: string) => write({ op: 'deleted', clientId }),
};

/** Clients created and not (yet) deleted, with their latest token. */
export function outstanding(path: string): LedgerEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const live = new Map<string, LedgerEntry>();
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let line: Line;
    try {
      line = JSON.parse(raw);
    } catch {
      continue;
    }
    if (line.op === 'created') live.set(line.entry.clientId, { ...line.entry });
    else if (line.op === 'rotated') {
      const e = live.get(line.clientId);
      if (e) e.token = line.token;
    } else live.delete(line.clientId);
  }
  return [...live.values()];
}

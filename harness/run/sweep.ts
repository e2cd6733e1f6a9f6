// After the run: delete every client the ledger still lists (a worker that was interrupted or
// crashed could not). First with the client's own registration access token, then through the
// admin API when one is configured.
import { HttpClient } from '../http/client.ts';
import type { Settings } from '../config/settings.ts';
import { outstanding, type LedgerEntry } from './ledger.ts';

/**
 * Delete one client the harness created: with its registration access token, else through the admin
 * API when one is configured. True when it is gone. Used by the client fixture and by the sweep.
 */
export async function deleteClient(http: HttpClient, e: LedgerEntry, s: Settings): Promise<boolean> {
  const gone = (status: number) => status === 204 || status === 200 || status === 404;
  try {
    if (e.token && gone((await http.send({ method: 'DELETE', url: e.deleteUrl, bearer: e.token })).status)) return true;
    if (
      s.adminUrl &&
      gone(
        (await http.send({ method: 'DELETE', url: `${s.adminUrl}/admin/clients/${encodeURIComponent(e.clientId)}`, bearer: s.adminToken }))
          .status,
      )
    )
      return true;
  } catch {
    /* no answer: not gone */
  }
  return false;
}

export async function sweep(ledgerPath: string, s: Settings): Promise<{ deleted: number; left: string[] }> {
  const entries = outstanding(ledgerPath);
  if (!entries.length) return { deleted: 0, left: [] };
  const http = new HttpClient(s.timeoutMs, undefined, s.maxBodyBytes);
  const left: string[] = [];
  let deleted = 0;
  try {
    await Promise.all(
      entries.map(async (e) => {
        if (await deleteClient(http, e, s)) deleted++;
        else left.push(e.clientId);
      }),
    );
  } finally {
    await http.close();
  }
  return { deleted, left };
}

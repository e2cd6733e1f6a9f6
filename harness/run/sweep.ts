// After the run: delete every client the ledger still lists (a worker that was interrupted or
// crashed could not). First with the client's own registration access token, then through the
// admin API when one is configured, then through the test deployment's own storage when the runner
// started the target in-process and offers one (deploymentCleanup). A client that stays is named,
// with each answer the provider gave and what the user can do.
import { readFileSync, writeFileSync } from 'node:fs';
import { HttpClient, TransportError, type HttpResponse } from '../http/client.ts';
import type { Settings } from '../config/settings.ts';
import { ledger, outstanding, outstandingKeys, type KeyEntry, type LedgerEntry } from './ledger.ts';
import { errorText } from '../http/error-body.ts';

export interface DeleteOutcome {
  gone: boolean;
  /** Each way tried and what the provider answered, e.g. "RFC 7592 DELETE: HTTP 401 invalid_token (invalid token provided)". */
  answers: string[];
}

/** A way to delete a client that the provider does not offer over HTTP: the in-process test deployment's own storage. */
export interface DeploymentCleanup {
  /** What it is, for the report ("oidc-provider's storage (the test deployment)"). */
  name: string;
  /** True when the client is gone afterwards. */
  deleteClient(clientId: string): Promise<boolean>;
}

/** Set by a runner that starts its target in-process (bin/conformance-oidc-provider.ts) before the run. */
export const deploymentCleanup: { current?: DeploymentCleanup } = {};

const gone = (status: number) => status === 204 || status === 200 || status === 404;

const errorOf = (res: HttpResponse) => errorText(res, 400);

async function attempt(http: HttpClient, way: string, url: string, bearer: string | undefined, answers: string[]): Promise<boolean> {
  try {
    const res = await http.send({ method: 'DELETE', url, bearer });
    if (gone(res.status)) return true;
    const why = errorOf(res);
    answers.push(`${way}: HTTP ${res.status}${why ? ` ${why}` : ''}`);
  } catch (e) {
    answers.push(`${way}: no answer (${e instanceof TransportError ? e.message : (e as Error).message.split('\n')[0]})`);
  }
  return false;
}

/** Delete one client the harness created, each way it can; say what each way answered. */
export async function tryDelete(http: HttpClient, e: LedgerEntry, s: Settings): Promise<DeleteOutcome> {
  const answers: string[] = [];
  if (e.token && (await attempt(http, 'RFC 7592 DELETE with its registration access token', e.deleteUrl, e.token, answers)))
    return { gone: true, answers };
  if (!e.token) answers.push('the provider gave no registration access token for it');
  if (s.adminUrl) {
    const url = `${s.adminUrl}/admin/clients/${encodeURIComponent(e.clientId)}`;
    if (await attempt(http, 'DELETE through the admin API', url, s.adminToken, answers)) return { gone: true, answers };
  }
  return { gone: false, answers };
}

/**
 * Delete one client the harness created: with its registration access token, else through the admin
 * API when one is configured. True when it is gone. Used by the client fixture and by the sweep.
 */
export async function deleteClient(http: HttpClient, e: LedgerEntry, s: Settings): Promise<boolean> {
  return (await tryDelete(http, e, s)).gone;
}

export interface LeftClient {
  clientId: string;
  /** What the provider answered to each way of deleting it. */
  answers: string[];
}

export interface SweepResult {
  /** Deleted over HTTP (RFC 7592 or the admin API). */
  deleted: number;
  /** Signing keys the run created (the rotation check) and the sweep deleted, and those left, with the answer. */
  keys: { deleted: number; left: Array<{ set: string; kid: string; answer: string }> };
  /** Refused over HTTP, then deleted through the test deployment's storage (deploymentCleanup), with the refusals. */
  deletedByDeployment: LeftClient[];
  /** Still on the provider. */
  left: LeftClient[];
}

export async function sweep(ledgerPath: string, s: Settings): Promise<SweepResult> {
  const result: SweepResult = { deleted: 0, deletedByDeployment: [], left: [], keys: { deleted: 0, left: [] } };
  const entries = outstanding(ledgerPath);
  const keys = outstandingKeys(ledgerPath);
  if (!entries.length && !keys.length) return result;
  const http = new HttpClient(s.timeoutMs, undefined, s.maxBodyBytes, s.network);
  const deployment = deploymentCleanup.current;
  try {
    await Promise.all(
      entries.map(async (e) => {
        const outcome = await tryDelete(http, e, s);
        if (outcome.gone) result.deleted++;
        else if (deployment && (await deployment.deleteClient(e.clientId).catch(() => false)))
          result.deletedByDeployment.push({ clientId: e.clientId, answers: outcome.answers });
        else result.left.push({ clientId: e.clientId, answers: outcome.answers });
      }),
    );
    for (const k of keys) {
      const answer = await deleteKey(http, k, s);
      if (answer === undefined) result.keys.deleted++;
      else result.keys.left.push({ set: k.set, kid: k.kid, answer });
    }
  } finally {
    await http.close();
  }
  return result;
}

/**
 * Delete a key the harness created (DELETE /admin/keys/{set}/{kid}); undefined when it is gone, else the answer. Used by
 * the rotation scenario when it ends and by the sweep.
 */
export async function deleteKey(http: HttpClient, k: KeyEntry, s: Settings): Promise<string | undefined> {
  try {
    const res = await http.send({ method: 'DELETE', url: k.deleteUrl, bearer: s.adminToken });
    if (gone(res.status)) {
      ledger.keyDeleted(k.kid);
      return undefined;
    }
    return `HTTP ${res.status}${errorOf(res) ? ` ${errorOf(res)}` : ''}`;
  } catch (e) {
    return e instanceof TransportError ? `no answer (${e.message})` : (e as Error).message;
  }
}

/** What a refused deletion means for the user, after the provider's answers. */
const ADVICE =
  'delete it with the provider’s own administration (some providers revoke a registration access token presented for another client, as the REG-AUTH-OTHER-CLIENT and REG-AUTH-UNKNOWN-CLIENT checks do; Ory: set OIDC_ADMIN_URL and the sweep deletes it)';

/** The console lines of a sweep: one per client that is left (with the answers and what to do), one for those the deployment deleted. */
export function sweepLines(r: SweepResult): string[] {
  const lines: string[] = [];
  if (r.deleted) lines.push(`deleted ${r.deleted} client(s) that the run had left on the target`);
  if (r.deletedByDeployment.length)
    lines.push(
      `the provider refused to delete ${r.deletedByDeployment.length} client(s) (${[...new Set(r.deletedByDeployment.flatMap((c) => c.answers))].join('; ')}); deleted through ${deploymentCleanup.current?.name ?? 'the test deployment'}: ${r.deletedByDeployment.map((c) => c.clientId).join(', ')}`,
    );
  for (const c of r.left) lines.push(`client ${c.clientId} is left on the provider: ${c.answers.join('; ')}; ${ADVICE}`);
  if (r.left.length) lines.push(`${r.left.length} client(s) the run created are left on the provider (summary.json "cleanup")`);
  if (r.keys.deleted) lines.push(`deleted ${r.keys.deleted} signing key(s) that the run had left in the provider's key sets`);
  for (const k of r.keys.left)
    lines.push(
      `signing key ${k.kid} that the rotation check created is left in ${k.set}: DELETE answered ${k.answer}; delete it through the admin API (DELETE /admin/keys/${k.set}/${k.kid}), or the provider keeps signing with it`,
    );
  return lines;
}

/** summary.json's "cleanup": what the sweep deleted and what it left, so that leftovers are counted, not only printed. */
export function recordSweep(summaryPath: string, r: SweepResult): void {
  const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as Record<string, unknown>;
  summary.cleanup = {
    deleted: r.deleted,
    deletedByDeployment: r.deletedByDeployment,
    left: r.left,
    keys: r.keys,
  };
  writeFileSync(summaryPath, JSON.stringify(summary, null, 2) + '\n');
}

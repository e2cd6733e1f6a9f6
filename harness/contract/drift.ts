// Contract drift between two observed contracts (reports/contract.json of run A and of run B): per operation
// and request, the status codes added or gone, and per status seen in both runs the members added, gone, of
// another type or of another presence, the header names added or gone, the error codes added or gone, and a
// change of media type or of body kind. A status (or request) seen in only one run is one item, not one per member.
import type { Contract, MemberShape, RequestContract, StatusShape } from './contract.ts';

export type DriftChange =
  | 'request-added'
  | 'request-gone'
  | 'status-added'
  | 'status-gone'
  | 'content-type'
  | 'body'
  | 'member-added'
  | 'member-gone'
  | 'member-type'
  | 'member-presence'
  | 'header-added'
  | 'header-gone'
  | 'error-added'
  | 'error-gone';

export interface DriftItem {
  operation: string;
  request: string;
  /** The status code, or `received` for what the provider sent to the harness; absent for request-added/gone. */
  status?: string;
  change: DriftChange;
  /** The member path, header name or error code the change is about. */
  subject?: string;
  /** What A and B had (types, media types, body kinds, `always`/`sometimes`), for the changes that have a before and after. */
  a?: string;
  b?: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const keys = (o: object | undefined) => Object.keys(o ?? {});
const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort(byText);
const list = (xs: string[]) => (xs.length ? xs.join(' | ') : '(none)');
const presence = (m: MemberShape) => (m.always ? 'always' : 'sometimes');

function slotsOf(r: RequestContract | undefined): Map<string, StatusShape> {
  const m = new Map<string, StatusShape>(Object.entries(r?.responses ?? {}));
  if (r?.received) m.set('received', r.received);
  return m;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function diffStatus(a: StatusShape, b: StatusShape, at: Pick<DriftItem, 'operation' | 'request' | 'status'>): DriftItem[] {
  const out: DriftItem[] = [];
  const ca = [...a.contentTypes].sort(byText),
    cb = [...b.contentTypes].sort(byText);
  if (!sameList(ca, cb)) out.push({ ...at, change: 'content-type', a: list(ca), b: list(cb) });
  const ba = [...a.body].sort(byText),
    bb = [...b.body].sort(byText);
  if (!sameList(ba, bb)) out.push({ ...at, change: 'body', a: list(ba), b: list(bb) });
  for (const path of union(keys(a.members), keys(b.members))) {
    const ma = a.members[path],
      mb = b.members[path];
    if (!ma) out.push({ ...at, change: 'member-added', subject: path, b: `${list(mb.types)}, ${presence(mb)}` });
    else if (!mb) out.push({ ...at, change: 'member-gone', subject: path, a: `${list(ma.types)}, ${presence(ma)}` });
    else {
      const ta = [...ma.types].sort(byText),
        tb = [...mb.types].sort(byText);
      if (!sameList(ta, tb)) out.push({ ...at, change: 'member-type', subject: path, a: list(ta), b: list(tb) });
      if (ma.always !== mb.always) out.push({ ...at, change: 'member-presence', subject: path, a: presence(ma), b: presence(mb) });
    }
  }
  for (const [field, added, gone] of [
    ['headers', 'header-added', 'header-gone'],
    ['errors', 'error-added', 'error-gone'],
  ] as const) {
    const sa = new Set(a[field]),
      sb = new Set(b[field]);
    for (const x of union(a[field], b[field])) {
      if (!sa.has(x)) out.push({ ...at, change: added, subject: x });
      else if (!sb.has(x)) out.push({ ...at, change: gone, subject: x });
    }
  }
  return out;
}

/** Every difference between the two contracts, sorted by operation, request, status, then as found. */
export function diffContracts(a: Contract, b: Contract): DriftItem[] {
  const out: DriftItem[] = [];
  for (const operation of union(keys(a.operations), keys(b.operations))) {
    const ra = a.operations[operation] ?? {},
      rb = b.operations[operation] ?? {};
    for (const request of union(keys(ra), keys(rb))) {
      if (!ra[request]) {
        out.push({ operation, request, change: 'request-added', b: list([...slotsOf(rb[request]).keys()]) });
        continue;
      }
      if (!rb[request]) {
        out.push({ operation, request, change: 'request-gone', a: list([...slotsOf(ra[request]).keys()]) });
        continue;
      }
      const sa = slotsOf(ra[request]),
        sb = slotsOf(rb[request]);
      const statuses = [...new Set([...sa.keys(), ...sb.keys()])].sort((x, y) => (Number(x) || 1e9) - (Number(y) || 1e9));
      for (const status of statuses) {
        const x = sa.get(status),
          y = sb.get(status);
        if (!x) out.push({ operation, request, status, change: 'status-added' });
        else if (!y) out.push({ operation, request, status, change: 'status-gone' });
        else out.push(...diffStatus(x, y, { operation, request, status }));
      }
    }
  }
  return out;
}

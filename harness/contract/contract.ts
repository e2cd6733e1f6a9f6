// reports/contract.json: the observed contract of a run, merged from the shape of every exchange the checks
// attached (harness/contract/shape.ts). Per operation and templated request, per status code: the media
// types, response header names, body kinds, member paths with the set of JSON types seen and whether each
// was always present, and the error codes. Deterministic: every key and list is sorted, no counts, times,
// hosts or ports; the order in which exchanges arrive does not matter.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BodyKind, ExchangeShape, JsonType } from './shape.ts';

export const CONTRACT_FILE = 'contract.json';
export const CONTRACT_VERSION = 1;

export interface MemberShape {
  types: JsonType[];
  /** Present in every instance of its parent object in every response of this status that had that parent. */
  always: boolean;
}

export interface StatusShape {
  /** Media types (without parameters) seen; empty when no response had a Content-Type. */
  contentTypes: string[];
  /** Response header names seen in any response, lower-case, without date, content-length, connection, keep-alive, transfer-encoding, age. */
  headers: string[];
  /** What the bodies were: JSON types of the body itself, or empty / not-json / invalid-json / truncated / form. */
  body: BodyKind[];
  members: Record<string, MemberShape>;
  errors: string[];
}

export interface RequestContract {
  /** Answers of the provider, by status code. */
  responses?: Record<string, StatusShape>;
  /** What the provider sent to the harness's receiver (form field names, `?query` names). */
  received?: StatusShape;
}

export interface Contract {
  version: number;
  /** operation → `METHOD /template` → what was observed. */
  operations: Record<string, Record<string, RequestContract>>;
}

interface Slot {
  contentTypes: Set<string>;
  headers: Set<string>;
  body: Set<BodyKind>;
  errors: Set<string>;
  members: Map<string, { parent: string; types: Set<JsonType>; always: boolean }>;
  rootSeen: boolean;
}

const newSlot = (): Slot => ({
  contentTypes: new Set(),
  headers: new Set(),
  body: new Set(),
  errors: new Set(),
  members: new Map(),
  rootSeen: false,
});
const isElement = (path: string) => path.endsWith('[]');
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Merges exchange shapes into the contract, in any order. */
export class ContractBuilder {
  private readonly slots = new Map<string, Map<string, Map<string, Slot>>>();

  add(shape: ExchangeShape | undefined): void {
    if (!shape) return;
    const requests = this.slots.get(shape.operation) ?? this.slots.set(shape.operation, new Map()).get(shape.operation)!;
    const statuses = requests.get(shape.request) ?? requests.set(shape.request, new Map()).get(shape.request)!;
    const key = shape.received ? 'received' : String(shape.status);
    const slot = statuses.get(key) ?? statuses.set(key, newSlot()).get(key)!;

    if (shape.contentType) slot.contentTypes.add(shape.contentType);
    for (const h of shape.headers) slot.headers.add(h);
    slot.body.add(shape.body);
    for (const e of shape.errors) slot.errors.add(e);

    // A member is "always" present when every instance of its parent, in every response that had one, held it.
    const rootHere = shape.received === true || shape.body === 'object';
    const objectsHere = new Set(shape.members.filter((m) => m.types.includes('object')).map((m) => m.path));
    if (rootHere) objectsHere.add('');
    const here = new Map(shape.members.map((m) => [m.path, m]));
    const parentSeenBefore = (parent: string) => (parent === '' ? slot.rootSeen : slot.members.get(parent)?.types.has('object') === true);
    const fresh = shape.members.filter((m) => !slot.members.has(m.path)).map((m) => ({ m, before: parentSeenBefore(m.parent) }));
    for (const [path, known] of slot.members) {
      const m = here.get(path);
      if (m) {
        for (const t of m.types) known.types.add(t);
        known.always &&= m.always;
      } else if (!isElement(path) && objectsHere.has(known.parent)) {
        known.always = false;
      }
    }
    for (const { m, before } of fresh) {
      slot.members.set(m.path, { parent: m.parent, types: new Set(m.types), always: isElement(m.path) || (m.always && !before) });
    }
    slot.rootSeen ||= rootHere;
  }

  /** The contract, every key and list sorted. */
  build(): Contract {
    const operations: Contract['operations'] = {};
    for (const op of [...this.slots.keys()].sort(byText)) {
      const requests: Record<string, RequestContract> = {};
      const byRequest = this.slots.get(op)!;
      for (const req of [...byRequest.keys()].sort(byText)) {
        const statuses = byRequest.get(req)!;
        const entry: RequestContract = {};
        const codes = [...statuses.keys()].filter((k) => k !== 'received').sort((a, b) => Number(a) - Number(b));
        if (codes.length) entry.responses = Object.fromEntries(codes.map((c) => [c, render(statuses.get(c)!)]));
        const received = statuses.get('received');
        if (received) entry.received = render(received);
        requests[req] = entry;
      }
      operations[op] = requests;
    }
    return { version: CONTRACT_VERSION, operations };
  }
}

function render(s: Slot): StatusShape {
  const members: Record<string, MemberShape> = {};
  for (const path of [...s.members.keys()].sort(byText)) {
    const m = s.members.get(path)!;
    members[path] = { types: [...m.types].sort(byText), always: m.always };
  }
  return {
    contentTypes: [...s.contentTypes].sort(byText),
    headers: [...s.headers].sort(byText),
    body: [...s.body].sort(byText),
    members,
    errors: [...s.errors].sort(byText),
  };
}

/** The contract as its file holds it: two-space JSON with a final newline. */
export function contractText(c: Contract): string {
  return JSON.stringify(c, null, 2) + '\n';
}

/**
 * Write reports/contract.json (through a temporary file, so that a reader never sees half of it). Never throws:
 * on failure the old file is removed (a stale contract must not sit beside a fresh summary) and the reason is returned.
 */
export function writeContract(dir: string, builder: ContractBuilder): string | undefined {
  const path = join(dir, CONTRACT_FILE);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${path}.tmp`, contractText(builder.build()));
    renameSync(`${path}.tmp`, path);
    return undefined;
  } catch (e) {
    rmSync(path, { force: true });
    rmSync(`${path}.tmp`, { force: true });
    return (e as Error).message.split('\n')[0];
  }
}

/** Whether a parsed file is a contract this code can read (for `npm run compare`). */
export function isContract(v: unknown): v is Contract {
  if (!v || typeof v !== 'object') return false;
  const c = v as Contract;
  if (c.version !== CONTRACT_VERSION || !c.operations || typeof c.operations !== 'object') return false;
  return Object.values(c.operations).every(
    (reqs) =>
      reqs &&
      typeof reqs === 'object' &&
      Object.values(reqs).every((r) => {
        if (!r || typeof r !== 'object') return false;
        const slots = [...Object.values(r.responses ?? {}), ...(r.received ? [r.received] : [])];
        return slots.every(
          (s) =>
            s &&
            Array.isArray(s.contentTypes) &&
            Array.isArray(s.headers) &&
            Array.isArray(s.body) &&
            Array.isArray(s.errors) &&
            s.members &&
            typeof s.members === 'object' &&
            Object.values(s.members).every((m) => m && Array.isArray(m.types) && typeof m.always === 'boolean'),
        );
      }),
  );
}

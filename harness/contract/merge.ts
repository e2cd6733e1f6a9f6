// The observed contract of a sharded run: the shards' contracts merged. A member is `always` present when every
// shard that saw its status saw it always; seen by one shard and missing from another's same status, it is not.
import type { Contract, MemberShape, StatusShape } from './contract.ts';

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
const sortedKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function mergeStatus(a: StatusShape | undefined, b: StatusShape | undefined): StatusShape | undefined {
  if (!a || !b) return a ?? b;
  const members: Record<string, MemberShape> = {};
  for (const path of union(Object.keys(a.members), Object.keys(b.members))) {
    const x = a.members[path];
    const y = b.members[path];
    const element = path.endsWith('[]');
    members[path] = {
      types: union(x?.types ?? [], y?.types ?? []) as MemberShape['types'],
      always: element || (!!x && !!y && x.always && y.always),
    };
  }
  return {
    contentTypes: union(a.contentTypes, b.contentTypes),
    headers: union(a.headers, b.headers),
    body: union(a.body, b.body) as StatusShape['body'],
    members,
    errors: union(a.errors, b.errors),
  };
}

export function mergeContracts(contracts: Contract[]): Contract {
  const operations: Contract['operations'] = {};
  for (const c of contracts) {
    for (const [op, requests] of Object.entries(c.operations)) {
      const into = (operations[op] ??= {});
      for (const [req, entry] of Object.entries(requests)) {
        const have = (into[req] ??= {});
        const responses: Record<string, StatusShape> = {};
        for (const code of union(Object.keys(have.responses ?? {}), Object.keys(entry.responses ?? {}))) {
          responses[code] = mergeStatus(have.responses?.[code], entry.responses?.[code])!;
        }
        if (Object.keys(responses).length)
          have.responses = Object.fromEntries(Object.entries(responses).sort(([x], [y]) => Number(x) - Number(y)));
        const received = mergeStatus(have.received, entry.received);
        if (received) have.received = received;
      }
      operations[op] = sortedKeys(into);
    }
  }
  return { version: contracts[0]?.version ?? 1, operations: sortedKeys(operations) };
}

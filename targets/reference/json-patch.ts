/**
 * JSON Patch (RFC 6902) as Hydra's PATCH /admin/clients/{id} applies it: ory/x's jsonx.ApplyJSONPatch over
 * evanphx/json-patch (https://github.com/ory/x/blob/v0.0.675/jsonx/patch.go). Only add, remove and replace are
 * allowed; a replace of a member (not of an array element) is done as an add, so that it may create the member; an add
 * creates the objects on its path that are missing (EnsurePathExistsOnAdd); denied paths are refused. Any problem is a
 * plain Go error in Hydra: JsonPatchError here.
 */

export class JsonPatchError extends Error {}

type Json = unknown;
type Container = Record<string, Json> | Json[];

const ALLOWED = new Set(['add', 'remove', 'replace']);

/** RFC 6901 reference tokens of a pointer ('' is the whole document). */
function tokens(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new JsonPatchError(`error parsing patch operations: invalid path ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** jsonx's isElementAccess: the last token is "-" or an integer. */
function isElementAccess(path: string): boolean {
  const last = path.split('/').pop() ?? '';
  return path !== '' && (last === '-' || /^-?\d+$/.test(last));
}

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function index(array: Json[], token: string, forInsert: boolean): number {
  if (forInsert && token === '-') return array.length;
  if (!/^\d+$/.test(token)) throw new JsonPatchError(`invalid array index: ${token}`);
  const i = Number(token);
  if (i > array.length || (!forInsert && i === array.length)) throw new JsonPatchError(`index out of bounds: ${i}`);
  return i;
}

/** The container a path's last token lives in; with `ensure`, missing objects on the way are created. */
function parentOf(doc: Json, path: string[], ensure: boolean): Container {
  let node = doc;
  for (const token of path.slice(0, -1)) {
    if (Array.isArray(node)) {
      node = node[index(node, token, false)];
    } else if (isObject(node)) {
      if (!Object.hasOwn(node, token)) {
        if (!ensure) throw new JsonPatchError(`unable to find the path: ${token}`);
        node[token] = {};
      }
      node = node[token];
    } else {
      throw new JsonPatchError(`unable to traverse the path at: ${token}`);
    }
  }
  if (!Array.isArray(node) && !isObject(node)) throw new JsonPatchError('the path does not name a member or an element');
  return node;
}

/** Applies `patchText` to a copy of `doc`; refuses any operation on a path in `deny`. */
export function applyJsonPatch(doc: Record<string, Json>, patchText: string, deny: readonly string[]): Record<string, Json> {
  let patch: unknown;
  try {
    patch = JSON.parse(patchText);
  } catch (e) {
    throw new JsonPatchError((e as Error).message);
  }
  if (!Array.isArray(patch)) throw new JsonPatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  const ops = patch.map((op) => {
    if (!isObject(op)) throw new JsonPatchError('json: cannot unmarshal into Go value of type jsonpatch.Operation');
    const kind = typeof op['op'] === 'string' ? op['op'] : 'unknown';
    if (!ALLOWED.has(kind)) throw new JsonPatchError(`unsupported operation: ${kind}`);
    if (typeof op['path'] !== 'string') throw new JsonPatchError('error parsing patch operations: operation missing path field');
    const path = op['path'];
    if (deny.includes(path)) throw new JsonPatchError(`patch includes denied path: ${path}`);
    if (kind !== 'remove' && !Object.hasOwn(op, 'value')) throw new JsonPatchError(`${kind} operation has no value`);
    return { kind: kind === 'replace' && !isElementAccess(path) ? 'add' : kind, path, value: op['value'] };
  });

  const out = structuredClone(doc);
  for (const { kind, path, value } of ops) {
    const parts = tokens(path);
    if (parts.length === 0) throw new JsonPatchError('the whole document cannot be patched');
    const last = parts[parts.length - 1]!;
    const parent = parentOf(out, parts, kind === 'add');
    const copy = structuredClone(value);
    if (Array.isArray(parent)) {
      const i = index(parent, last, kind === 'add');
      if (kind === 'add') parent.splice(i, 0, copy);
      else if (kind === 'remove') parent.splice(i, 1);
      else parent[i] = copy;
    } else if (kind === 'add') {
      parent[last] = copy;
    } else {
      if (!Object.hasOwn(parent, last)) throw new JsonPatchError(`Unable to ${kind} nonexistent key: ${last}: missing value`);
      if (kind === 'remove') delete parent[last];
      else parent[last] = copy;
    }
  }
  return out;
}

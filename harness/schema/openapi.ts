// OIDC_OPENAPI: the provider's own OpenAPI 3.0/3.1 document. Each response the run sees is judged
// against it: is the status listed for the operation (a catch-all `default` does not list a
// success status), and does the body match the schema given for that status?
import { readFileSync } from 'node:fs';
import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import _addFormats from 'ajv-formats';
import { HttpClient } from '../http/client.ts';
import { SettingsError } from '../config/settings.ts';
import { explain, formatProblems, type SchemaProblem } from './validator.ts';
import { looksRandom } from '../contract/operations.ts';

const addFormats = ((_addFormats as any).default ?? _addFormats) as typeof _addFormats.default;
type Doc = OpenAPIV3.Document | OpenAPIV3_1.Document;
type Responses = Record<string, OpenAPIV3.ResponseObject | OpenAPIV3.ReferenceObject>;

export interface OpenApiVerdict {
  operation: string;
  /** Why the status is not documented, or undefined when it is. */
  statusProblem?: string;
  /** Schema problems of the body, or undefined when there was no schema to judge against. */
  schemaProblem?: string;
  schemaJudged: boolean;
}

/** The methods a path item can declare, in the order the document lists them (OpenAPI 3.0/3.1 Path Item Object). */
export const PATH_ITEM_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One operation the document declares. */
export interface DocumentedOperation {
  /** Upper case, e.g. `POST`. */
  method: string;
  /** The document's path template, e.g. `/oauth2/register/{client_id}`. */
  template: string;
  /** `METHOD /template`, as OpenApiVerdict.operation names it. */
  operation: string;
  operationId?: string;
}

/**
 * The members a documented JSON schema declares, as paths in the observed contract's notation
 * (harness/contract/shape.ts: `client_id`, `keys[].kty`, `["odd name"]`, `{key}` for any name of a map).
 */
export interface DeclaredMembers {
  /** Every declared member path (a map's members as `{key}`); writeOnly members are kept apart in `writeOnly`. */
  paths: string[];
  /** Members marked writeOnly: declared, but a response is not expected to carry them. */
  writeOnly: string[];
  /** Paths (`''` is the body) under which the document allows anything: a free-form object, a depth or cycle cut. */
  open: string[];
}

/** A member step as shape.ts writes it: identifiers as they are, other names quoted, ids and random names as {key}. */
export function memberStep(name: string): string {
  if (name === '' || looksRandom(name)) return '{key}';
  if (/^[A-Za-z0-9_$@:-]+$/.test(name)) return name;
  return `[${JSON.stringify(name)}]`;
}

/** Join steps into a member path (`a.b`, `a[]`, `a["x y"]`), as shape.ts does. */
export function joinSteps(steps: readonly string[]): string {
  let out = '';
  for (const s of steps) out = s === '[]' || s.startsWith('["') ? out + s : out === '' ? s : `${out}.${s}`;
  return out;
}

/** Split a member path of the observed contract into its steps. */
export function splitSteps(path: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < path.length) {
    if (path.startsWith('[]', i)) {
      out.push('[]');
      i += 2;
      continue;
    }
    if (path[i] === '.') {
      i++;
      continue;
    }
    if (path.startsWith('["', i)) {
      let j = i + 2;
      while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
      out.push(path.slice(i, j + 2));
      i = j + 2;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    out.push(path.slice(i, j));
    i = j;
  }
  return out;
}

/** How deep a schema is walked for its members, and how many are listed at most. */
export const MEMBER_DEPTH = 8;
const MAX_DECLARED = 2000;

// Keywords of OpenAPI that are not JSON Schema, removed before compiling.
export function clean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(clean);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'example' || k === 'xml' || k === 'externalDocs' || k.startsWith('x-')) continue;
    if (k === 'discriminator' && v && typeof v === 'object') {
      const { mapping: _m, ...rest } = v as Record<string, unknown>;
      out[k] = rest;
      continue;
    }
    out[k] = clean(v);
  }
  return out;
}

/**
 * The documented response that covers a status: the status itself, its range (`4XX`), or `default` (never for a
 * success status: a catch-all does not document one). Undefined when none does.
 */
export function responseKeyFor(keys: readonly string[], status: number): string | undefined {
  const wildcard = `${String(status)[0]}XX`;
  return keys.includes(String(status))
    ? String(status)
    : keys.includes(wildcard)
      ? wildcard
      : keys.includes('default') && status >= 300
        ? 'default'
        : undefined;
}

/** Order of response keys: codes by number, then ranges, then default. */
export function byResponseKey(a: string, b: string): number {
  const rank = (k: string) => (/^\d+$/.test(k) ? Number(k) : /^\dXX$/i.test(k) ? 1000 + Number(k[0]) : 2000);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isObject = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);
/** How many $ref levels a request schema is inlined to (a recursive schema is cut there, as `{}`). */
const INLINE_DEPTH = 12;

/** A documented JSON request body, made self-contained for a generator and a validator. */
export interface RequestBodySchema {
  mediaType: string;
  /** refs inlined, OpenAPI-only keywords removed, readOnly members left out (OpenAPI: not sent in a request). */
  schema: Record<string, unknown>;
  required: boolean;
}

// A response schema is compiled on its own; its local refs point into the registered components.
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `oas${v}` : rebase(v)]),
  );
}

export class OpenApiContract {
  private readonly ajv: Ajv | Ajv2020;
  private readonly validators = new Map<string, import('ajv').ValidateFunction>();
  private readonly routes: Array<{ re: RegExp; template: string; item: OpenAPIV3.PathItemObject }>;

  constructor(private readonly doc: Doc) {
    const is31 = String(doc.openapi).startsWith('3.1');
    this.ajv = is31
      ? new Ajv2020({ strict: false, allErrors: true, discriminator: true })
      : new Ajv({ strict: false, allErrors: true, discriminator: true });
    addFormats(this.ajv as Ajv);
    this.ajv.addSchema({ $id: 'oas', components: clean(doc.components ?? {}) } as object);
    this.routes = Object.entries(doc.paths ?? {}).map(([template, item]) => ({
      template,
      item: item as OpenAPIV3.PathItemObject,
      re: new RegExp(
        '(^|/)' +
          template
            .replace(/^\//, '')
            .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
            .replace(/\\?\{[^}]+\\?\}/g, '[^/]+')
            .replace(/\{[^}]+\}/g, '[^/]+') +
          '$',
      ),
    }));
  }

  private findOperation(method: string, path: string): { template: string; op: OpenAPIV3.OperationObject } | undefined {
    const m = method.toLowerCase() as (typeof PATH_ITEM_METHODS)[number];
    // Prefer the most specific template (fewest parameters) that matches.
    const hits = this.routes
      .filter((r) => r.re.test(path) && r.item[m])
      .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
    return hits[0] ? { template: hits[0].template, op: hits[0].item[m] as OpenAPIV3.OperationObject } : undefined;
  }

  private deref<T>(node: T | OpenAPIV3.ReferenceObject): T {
    let cur: any = node;
    for (let i = 0; i < 10 && cur && typeof cur.$ref === 'string'; i++) {
      cur = cur.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce((o: any, k: string) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc);
    }
    return cur as T;
  }

  /** Every operation the document declares, by path template and then in the Path Item's method order. */
  operations(): DocumentedOperation[] {
    const out: DocumentedOperation[] = [];
    for (const r of [...this.routes].sort((a, b) => byText(a.template, b.template))) {
      for (const m of PATH_ITEM_METHODS) {
        const op = (r.item as Record<string, unknown>)[m];
        if (!isObject(op)) continue;
        const method = m.toUpperCase();
        out.push({
          method,
          template: r.template,
          operation: `${method} ${r.template}`,
          ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
        });
      }
    }
    return out;
  }

  /** The documented paths, sorted, each with the methods it declares (upper case, in the Path Item's order). */
  paths(): Array<{ template: string; methods: string[] }> {
    const byPath = new Map<string, string[]>();
    for (const o of this.operations()) byPath.set(o.template, [...(byPath.get(o.template) ?? []), o.method]);
    return [...byPath.entries()].map(([template, methods]) => ({ template, methods }));
  }

  /** The documented operation that answers `method path` (a URL path, the query left out), as judge() finds it. */
  operationFor(method: string, path: string): DocumentedOperation | undefined {
    const found = this.findOperation(method, path);
    if (!found) return undefined;
    const m = method.toUpperCase();
    return {
      method: m,
      template: found.template,
      operation: `${m} ${found.template}`,
      ...(found.op.operationId ? { operationId: found.op.operationId } : {}),
    };
  }

  private operationObject(method: string, template: string): OpenAPIV3.OperationObject | undefined {
    const item = (this.doc.paths ?? {})[template] as Record<string, unknown> | undefined;
    const op = item?.[method.toLowerCase()];
    return isObject(op) ? (op as OpenAPIV3.OperationObject) : undefined;
  }

  /**
   * The responses an operation documents, in order (codes, ranges, default), each with the members its JSON schema
   * declares; `members` is absent when the response has no JSON schema.
   */
  documentedResponses(method: string, template: string): Array<{ key: string; members?: DeclaredMembers }> {
    const responses = (this.operationObject(method, template)?.responses ?? {}) as Responses;
    return Object.keys(responses)
      .sort(byResponseKey)
      .map((key) => {
        const response = this.deref(responses[key]) as OpenAPIV3.ResponseObject | undefined;
        const media = Object.entries(response?.content ?? {})
          .filter(([t]) => /json/i.test(t))
          .sort(([a], [b]) => byText(a, b))
          .find(([, m]) => m?.schema);
        return media ? { key, members: this.declaredMembers(media[1].schema) } : { key };
      });
  }

  /**
   * The members a schema declares (properties, $ref, allOf/oneOf/anyOf, array items as `name[]`, a map's members as
   * `{key}`), down to MEMBER_DEPTH steps. A free-form object, a cycle and the depth bound leave an open path: anything
   * below it counts as declared.
   */
  declaredMembers(schema: unknown): DeclaredMembers {
    const paths = new Map<string, boolean>();
    const open = new Set<string>();
    const declare = (steps: string[], writeOnly: boolean) => {
      const p = joinSteps(steps);
      paths.set(p, (paths.get(p) ?? true) && writeOnly);
    };
    const resolve = (node: unknown, chain: string[]): { node: unknown; chain: string[] } | undefined => {
      let n = node;
      const seen = [...chain];
      while (isObject(n) && typeof n.$ref === 'string') {
        if (!n.$ref.startsWith('#/') || seen.includes(n.$ref)) return undefined;
        seen.push(n.$ref);
        n = this.deref(n);
      }
      return { node: n, chain: seen };
    };
    const visit = (node: unknown, steps: string[], chain: string[]): void => {
      const here = joinSteps(steps);
      const r = resolve(node, chain);
      if (!r || r.node === true || r.node === undefined || paths.size >= MAX_DECLARED || steps.length >= MEMBER_DEPTH) {
        open.add(here);
        return;
      }
      const n = r.node;
      if (!isObject(n)) return;
      let structured = false;
      for (const k of ['allOf', 'oneOf', 'anyOf'] as const) {
        if (!Array.isArray(n[k])) continue;
        structured = true;
        for (const sub of n[k]) visit(sub, steps, r.chain);
      }
      if (isObject(n.properties)) {
        structured = true;
        for (const [name, sub] of Object.entries(n.properties)) {
          const child = [...steps, memberStep(name)];
          const target = resolve(sub, r.chain)?.node;
          declare(child, isObject(target) && target.writeOnly === true);
          visit(sub, child, r.chain);
        }
      }
      const extra = n.additionalProperties;
      if (extra === true || (isObject(extra) && Object.keys(extra).length === 0) || isObject(n.patternProperties)) {
        structured = true;
        open.add(here);
      } else if (isObject(extra)) {
        structured = true;
        declare([...steps, '{key}'], false);
        visit(extra, [...steps, '{key}'], r.chain);
      }
      const items = Array.isArray(n.prefixItems)
        ? { anyOf: [...n.prefixItems, ...(isObject(n.items) ? [n.items] : [])] }
        : Array.isArray(n.items)
          ? { anyOf: n.items }
          : n.items;
      if (isObject(items)) {
        structured = true;
        declare([...steps, '[]'], false);
        visit(items, [...steps, '[]'], r.chain);
      }
      if (!structured) {
        const types = Array.isArray(n.type) ? n.type : n.type ? [n.type] : [];
        if (!types.length || types.includes('object') || types.includes('array')) open.add(here);
      }
    };
    visit(schema, [], []);
    const all = [...paths.keys()].sort(byText);
    return { paths: all.filter((p) => !paths.get(p)), writeOnly: all.filter((p) => paths.get(p)), open: [...open].sort(byText) };
  }

  /** Whether the operation asks for credentials (its own `security`, else the document's; `{}` among them means optional). */
  requiresCredentials(method: string, template: string): boolean {
    const own = this.operationObject(method, template)?.security;
    const security = own ?? (this.doc as OpenAPIV3.Document).security;
    return Array.isArray(security) && security.length > 0 && !security.some((s) => isObject(s) && Object.keys(s).length === 0);
  }

  /** The operation's JSON request body, self-contained; undefined when it documents none. */
  requestBody(method: string, template: string): RequestBodySchema | undefined {
    const op = this.operationObject(method, template);
    const body = op?.requestBody ? (this.deref(op.requestBody) as OpenAPIV3.RequestBodyObject | undefined) : undefined;
    const media = Object.entries(body?.content ?? {})
      .filter(([t]) => /json/i.test(t))
      .sort(([a], [b]) => byText(a, b))
      .find(([, m]) => m?.schema);
    if (!media) return undefined;
    const schema = withoutReadOnly(clean(this.inline(media[1].schema, 0, []))) as Record<string, unknown>;
    return { mediaType: media[0], schema: isObject(schema) ? schema : {}, required: body?.required === true };
  }

  /** Problems of a request body against the operation's documented request schema (none: valid). */
  validateRequestBody(method: string, template: string, body: unknown): SchemaProblem[] {
    const request = this.requestBody(method, template);
    if (!request) return [];
    const key = `request ${method.toUpperCase()} ${template}`;
    let validate = this.validators.get(key);
    if (!validate) this.validators.set(key, (validate = this.ajv.compile(request.schema)));
    return validate(body) ? [] : explain(validate.errors, body);
  }

  /** A schema with its local refs replaced by what they point to (a cycle, or more than INLINE_DEPTH levels, by {}). */
  private inline(node: unknown, depth: number, chain: string[]): unknown {
    if (Array.isArray(node)) return node.map((n) => this.inline(n, depth, chain));
    if (!isObject(node)) return node;
    if (typeof node.$ref === 'string') {
      const { $ref, ...siblings } = node;
      if (!$ref.startsWith('#/') || chain.includes($ref) || depth >= INLINE_DEPTH) return {};
      const target = this.inline(this.deref(node), depth + 1, [...chain, $ref]);
      return isObject(target) ? { ...target, ...(this.inline(siblings, depth, chain) as object) } : target;
    }
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, ['enum', 'const', 'default', 'examples'].includes(k) ? v : this.inline(v, depth, chain)]),
    );
  }

  /** Judge one response; undefined when the document has no operation for the request. */
  judge(method: string, url: string, status: number, contentType: string | undefined, body: string): OpenApiVerdict | undefined {
    const path = new URL(url).pathname;
    const found = this.findOperation(method, path);
    if (!found) return undefined;
    const operation = `${method.toUpperCase()} ${found.template}`;
    const responses = (found.op.responses ?? {}) as Responses;
    const key = responseKeyFor(Object.keys(responses), status);
    const verdict: OpenApiVerdict = { operation, schemaJudged: false };
    if (!key) {
      verdict.statusProblem = `HTTP ${status} is not listed for ${operation} (listed: ${Object.keys(responses).join(', ') || 'none'}${responses.default && status < 300 ? '; a catch-all default does not document a success status' : ''})`;
      return verdict;
    }
    const response = this.deref(responses[key]) as OpenAPIV3.ResponseObject;
    const media = Object.entries(response?.content ?? {}).find(([t]) => /json/i.test(t));
    if (!media?.[1].schema || !/json/i.test(contentType ?? '')) return verdict;
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      verdict.schemaJudged = true;
      verdict.schemaProblem = 'the body is not JSON';
      return verdict;
    }
    const cacheKey = `${operation} ${key}`;
    const validate = this.validators.get(cacheKey) ?? this.ajv.compile(rebase(clean(media[1].schema)) as object);
    this.validators.set(cacheKey, validate);
    verdict.schemaJudged = true;
    if (!validate(data))
      verdict.schemaProblem = `the ${key} response schema${found.op.operationId ? ` of ${found.op.operationId}` : ''}: ${formatProblems(explain(validate.errors, data))}`;
    return verdict;
  }
}

/** readOnly members are left out of a request schema (and out of its `required`): OpenAPI says they are not sent. */
function withoutReadOnly(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutReadOnly);
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = ['enum', 'const', 'default', 'examples'].includes(k) ? v : withoutReadOnly(v);
  if (isObject(out.properties)) {
    const dropped = Object.entries(out.properties)
      .filter(([, v]) => isObject(v) && v.readOnly === true)
      .map(([k]) => k);
    if (dropped.length) {
      out.properties = Object.fromEntries(Object.entries(out.properties).filter(([k]) => !dropped.includes(k)));
      if (Array.isArray(out.required)) out.required = out.required.filter((r) => !dropped.includes(r as string));
    }
  }
  return out;
}

/** Load OIDC_OPENAPI (a path or an http(s) URL of a JSON document). */
export async function loadOpenApi(location: string, timeoutMs: number): Promise<OpenApiContract> {
  let text: string;
  try {
    if (/^https?:\/\//.test(location)) {
      const http = new HttpClient(timeoutMs);
      try {
        const res = await http.send({ url: location });
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        text = res.text;
      } finally {
        await http.close();
      }
    } else {
      text = readFileSync(location, 'utf8');
    }
  } catch (e) {
    throw new SettingsError('OIDC_OPENAPI', `cannot read ${location}: ${(e as Error).message.split('\n')[0]}`);
  }
  let doc: Doc;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new SettingsError('OIDC_OPENAPI', `${location} is not a JSON document (YAML is not supported; convert it to JSON)`);
  }
  if (!/^3\.[01]\./.test(String(doc?.openapi)))
    throw new SettingsError('OIDC_OPENAPI', `${location} is not an OpenAPI 3.0 or 3.1 document (openapi: ${JSON.stringify(doc?.openapi)})`);
  return new OpenApiContract(doc);
}

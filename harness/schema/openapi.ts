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
import { explain, formatProblems } from './validator.ts';

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

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

// Keywords of OpenAPI that are not JSON Schema, removed before compiling.
function clean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(clean);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'example' || k === 'xml' || k === 'externalDocs' || k.startsWith('x-')) continue;
    if (k === 'discriminator' && v && typeof v === 'object') { const { mapping: _m, ...rest } = v as Record<string, unknown>; out[k] = rest; continue; }
    out[k] = clean(v);
  }
  return out;
}

// A response schema is compiled on its own; its local refs point into the registered components.
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `oas${v}` : rebase(v)]));
}

export class OpenApiContract {
  private readonly ajv: Ajv | Ajv2020;
  private readonly validators = new Map<string, import('ajv').ValidateFunction>();
  private readonly routes: Array<{ re: RegExp; template: string; item: OpenAPIV3.PathItemObject }>;

  constructor(private readonly doc: Doc) {
    const is31 = String(doc.openapi).startsWith('3.1');
    this.ajv = is31 ? new Ajv2020({ strict: false, allErrors: true, discriminator: true }) : new Ajv({ strict: false, allErrors: true, discriminator: true });
    addFormats(this.ajv as Ajv);
    this.ajv.addSchema({ $id: 'oas', components: clean(doc.components ?? {}) } as object);
    this.routes = Object.entries(doc.paths ?? {}).map(([template, item]) => ({
      template,
      item: item as OpenAPIV3.PathItemObject,
      re: new RegExp('(^|/)' + template.replace(/^\//, '').replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+').replace(/\{[^}]+\}/g, '[^/]+') + '$'),
    }));
  }

  private findOperation(method: string, path: string): { template: string; op: OpenAPIV3.OperationObject } | undefined {
    const m = method.toLowerCase() as (typeof METHODS)[number];
    // Prefer the most specific template (fewest parameters) that matches.
    const hits = this.routes.filter((r) => r.re.test(path) && r.item[m]).sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
    return hits[0] ? { template: hits[0].template, op: hits[0].item[m] as OpenAPIV3.OperationObject } : undefined;
  }

  private deref<T>(node: T | OpenAPIV3.ReferenceObject): T {
    let cur: any = node;
    for (let i = 0; i < 10 && cur && typeof cur.$ref === 'string'; i++) {
      cur = cur.$ref.replace(/^#\//, '').split('/').reduce((o: any, k: string) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc);
    }
    return cur as T;
  }

  /** Judge one response; undefined when the document has no operation for the request. */
  judge(method: string, url: string, status: number, contentType: string | undefined, body: string): OpenApiVerdict | undefined {
    const path = new URL(url).pathname;
    const found = this.findOperation(method, path);
    if (!found) return undefined;
    const operation = `${method.toUpperCase()} ${found.template}`;
    const responses = (found.op.responses ?? {}) as Responses;
    const wildcard = `${String(status)[0]}XX`;
    const key = responses[String(status)] ? String(status) : responses[wildcard] ? wildcard : responses.default && status >= 300 ? 'default' : undefined;
    const verdict: OpenApiVerdict = { operation, schemaJudged: false };
    if (!key) {
      verdict.statusProblem = `HTTP ${status} is not listed for ${operation} (listed: ${Object.keys(responses).join(', ') || 'none'}${responses.default && status < 300 ? '; a catch-all default does not document a success status' : ''})`;
      return verdict;
    }
    const response = this.deref(responses[key]) as OpenAPIV3.ResponseObject;
    const media = Object.entries(response?.content ?? {}).find(([t]) => /json/i.test(t));
    if (!media?.[1].schema || !/json/i.test(contentType ?? '')) return verdict;
    let data: unknown;
    try { data = JSON.parse(body); } catch { verdict.schemaJudged = true; verdict.schemaProblem = 'the body is not JSON'; return verdict; }
    const cacheKey = `${operation} ${key}`;
    const validate = this.validators.get(cacheKey) ?? this.ajv.compile(rebase(clean(media[1].schema)) as object);
    this.validators.set(cacheKey, validate);
    verdict.schemaJudged = true;
    if (!validate(data)) verdict.schemaProblem = `the ${key} response schema${found.op.operationId ? ` of ${found.op.operationId}` : ''}: ${formatProblems(explain(validate.errors, data))}`;
    return verdict;
  }
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
      } finally { await http.close(); }
    } else {
      text = readFileSync(location, 'utf8');
    }
  } catch (e) {
    throw new SettingsError('OIDC_OPENAPI', `cannot read ${location}: ${(e as Error).message.split('\n')[0]}`);
  }
  let doc: Doc;
  try { doc = JSON.parse(text); } catch { throw new SettingsError('OIDC_OPENAPI', `${location} is not a JSON document (YAML is not supported; convert it to JSON)`); }
  if (!/^3\.[01]\./.test(String(doc?.openapi))) throw new SettingsError('OIDC_OPENAPI', `${location} is not an OpenAPI 3.0 or 3.1 document (openapi: ${JSON.stringify(doc?.openapi)})`);
  return new OpenApiContract(doc);
}

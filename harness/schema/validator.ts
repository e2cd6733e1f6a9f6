// JSON Schema validation (Ajv, draft 2020-12, with ajv-formats) of response bodies against the
// project's own schemas in schemas/. A problem says where (JSON pointer), what was expected
// and what came, in one line a reader can act on.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import _addFormats from 'ajv-formats';

const addFormats = ((_addFormats as any).default ?? _addFormats) as typeof _addFormats.default;
const SCHEMA_DIR = join(import.meta.dirname, '..', '..', 'schemas');

export interface SchemaProblem { pointer: string; expected: string; got: string }

export function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  return ajv;
}

let shared: Ajv2020 | undefined;
function projectAjv(): Ajv2020 {
  if (shared) return shared;
  shared = newAjv();
  for (const f of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'))) {
    shared.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, f), 'utf8')));
  }
  return shared;
}

const describe = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  const t = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
  const text = JSON.stringify(v);
  return `${t} ${text.length > 80 ? text.slice(0, 77) + '...' : text}`;
};

function valueAt(data: unknown, pointer: string): unknown {
  let cur: any = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Turn Ajv errors into reader-sized problems; drops the noise of anyOf/oneOf parents. */
export function explain(errors: ErrorObject[] | null | undefined, data: unknown): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const e of errors ?? []) {
    const p = e.params as Record<string, any>;
    switch (e.keyword) {
      case 'required':
        out.push({ pointer: `${e.instancePath}/${p.missingProperty}`, expected: 'a member (required)', got: 'nothing' });
        break;
      case 'additionalProperties':
      case 'unevaluatedProperties': {
        const name = p.additionalProperty ?? p.unevaluatedProperty;
        out.push({ pointer: `${e.instancePath}/${name}`, expected: 'no such member', got: describe(valueAt(data, `${e.instancePath}/${name}`)) });
        break;
      }
      case 'type':
        out.push({ pointer: e.instancePath || '/', expected: `type ${p.type}`, got: describe(valueAt(data, e.instancePath)) });
        break;
      case 'const':
        out.push({ pointer: e.instancePath || '/', expected: `exactly ${JSON.stringify(p.allowedValue)}`, got: describe(valueAt(data, e.instancePath)) });
        break;
      case 'enum':
        out.push({ pointer: e.instancePath || '/', expected: `one of ${JSON.stringify(p.allowedValues)}`, got: describe(valueAt(data, e.instancePath)) });
        break;
      case 'anyOf':
      case 'oneOf':
      case 'if':
        break; // their branches' errors say more
      default:
        out.push({ pointer: e.instancePath || '/', expected: `${e.keyword}: ${e.message}`, got: describe(valueAt(data, e.instancePath)) });
    }
  }
  return out;
}

export function formatProblems(problems: SchemaProblem[]): string {
  return problems.map((p) => `at ${p.pointer}: expected ${p.expected}, got ${p.got}`).join('; ');
}

/** Validate data against the project schema with the given $id (e.g. "discovery"). */
export function validateAgainst(schemaId: string, data: unknown): SchemaProblem[] {
  const ajv = projectAjv();
  const fn = ajv.getSchema(schemaId) as ValidateFunction | undefined;
  if (!fn) throw new Error(`no schema with $id "${schemaId}" in schemas/`);
  return fn(data) ? [] : explain(fn.errors, data);
}

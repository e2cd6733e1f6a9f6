// JSON Schema validation (Ajv, draft 2020-12, with ajv-formats) of response bodies against the
// project's own schemas in schemas/. A problem says where (JSON pointer), what was expected
// and what came, in one line a reader can act on.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import _addFormats from 'ajv-formats';

const addFormats = ((_addFormats as any).default ?? _addFormats) as typeof _addFormats.default;
const SCHEMA_DIR = join(import.meta.dirname, '..', '..', 'schemas');

export interface SchemaProblem {
  pointer: string;
  keyword: string;
  expected: string;
  got: string;
  message: string;
}

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

type Problem = Omit<SchemaProblem, 'keyword' | 'message'>;

function problemOf(e: ErrorObject, data: unknown): Problem {
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case 'required':
      return { pointer: `${e.instancePath}/${p.missingProperty}`, expected: 'a member (required)', got: 'nothing' };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = p.additionalProperty ?? p.unevaluatedProperty;
      return {
        pointer: `${e.instancePath}/${name}`,
        expected: 'no such member',
        got: describe(valueAt(data, `${e.instancePath}/${name}`)),
      };
    }
    case 'type':
      return { pointer: e.instancePath || '/', expected: `type ${p.type}`, got: describe(valueAt(data, e.instancePath)) };
    case 'const':
      return {
        pointer: e.instancePath || '/',
        expected: `exactly ${JSON.stringify(p.allowedValue)}`,
        got: describe(valueAt(data, e.instancePath)),
      };
    case 'enum':
      return {
        pointer: e.instancePath || '/',
        expected: `one of ${JSON.stringify(p.allowedValues)}`,
        got: describe(valueAt(data, e.instancePath)),
      };
    default:
      return { pointer: e.instancePath || '/', expected: `${e.keyword}: ${e.message}`, got: describe(valueAt(data, e.instancePath)) };
  }
}

const COMBINATORS = new Set(['anyOf', 'oneOf', 'if']);

/**
 * Turn Ajv errors into reader-sized problems. An anyOf/oneOf/if error is left out only when an error of one of
 * its branches (at the same place or deeper) says more; alone (e.g. a value that matches two oneOf branches) it stays.
 */
export function explain(errors: ErrorObject[] | null | undefined, data: unknown): SchemaProblem[] {
  const all = errors ?? [];
  const branchErrors = all.filter((e) => !COMBINATORS.has(e.keyword));
  const said = (e: ErrorObject) =>
    branchErrors.some((b) => b.instancePath === e.instancePath || b.instancePath.startsWith(`${e.instancePath}/`));
  return all
    .filter((e) => !COMBINATORS.has(e.keyword) || !said(e))
    .map((e) => {
      const problem = problemOf(e, data);
      return { ...problem, keyword: e.keyword, message: `at ${problem.pointer}: expected ${problem.expected}, got ${problem.got}` };
    });
}

export function formatProblems(problems: SchemaProblem[]): string {
  return problems.map((p) => p.message).join('; ');
}

/** Validate data against the project schema with the given $id (e.g. "discovery"). */
export function validateAgainst(schemaId: string, data: unknown): SchemaProblem[] {
  const ajv = projectAjv();
  const fn = ajv.getSchema(schemaId) as ValidateFunction | undefined;
  if (!fn) throw new Error(`no schema with $id "${schemaId}" in schemas/`);
  if (fn(data)) return [];
  const problems = explain(fn.errors, data);
  // Never "invalid" without a problem to show: that would read as valid.
  return problems.length
    ? problems
    : [
        {
          pointer: '/',
          keyword: 'invalid',
          expected: `valid against ${schemaId}`,
          got: describe(data),
          message: `at /: expected valid against ${schemaId}, got ${describe(data)}`,
        },
      ];
}

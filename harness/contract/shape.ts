// The shape of one exchange, for the observed contract (reports/contract.json): which operation and
// templated request it was, the status, the response's media type and header names, the JSON body's
// member paths with their JSON types, and the `error` codes it carried. Never a value: the only strings
// taken from a body are error codes, and only when they look like one (and are no secret the run knows).
//
// A request the provider sent to the harness's receiver (back-channel logout POST, front-channel and
// post-logout GETs, the redirect to the client's redirect_uri) is described by what it *sent*: its
// media type, form field names and query parameter names (as `?name`); the receiver's answer is ours.
import type { Exchange, HeaderMap } from '../http/exchange.ts';
import { maskText } from '../secrets/mask.ts';
import { classify, looksRandom } from './operations.ts';

/** JSON types: integer is a number without a fractional part. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object' | 'array';
/**
 * What a body was: a JSON value of some type, nothing, something that is not JSON (HTML, text, a JWT), JSON
 * that does not parse, cut at the size bound, or (a received request) a form.
 */
export type BodyKind = JsonType | 'empty' | 'not-json' | 'invalid-json' | 'truncated' | 'form';

export interface MemberObservation {
  /** `client_id`, `keys[].kty`, `redirect_uris[]`; `[]` is an array's elements; a name that is no identifier is `["name"]`, a random one `{key}`. */
  path: string;
  /** The path of the object (or array) that holds it; '' is the body itself. */
  parent: string;
  types: JsonType[];
  /** Present in every instance of its parent object in this exchange (always true for `[]`). */
  always: boolean;
}

export interface ExchangeShape {
  operation: string;
  request: string;
  /** A request the provider sent to the harness (then status is absent and the rest describes the request). */
  received?: true;
  status?: number;
  /** The media type without parameters, lower-case. */
  contentType?: string;
  /** Response header names, lower-case, without the ones that vary per response. */
  headers: string[];
  body: BodyKind;
  members: MemberObservation[];
  /** `error` codes: of a JSON body, a redirect's Location (query or fragment), a WWW-Authenticate challenge, a received form or query. */
  errors: string[];
}

/** Header names that vary per response (or per connection) and say nothing about the contract. */
export const VOLATILE_HEADERS = new Set(['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'age']);

const MAX_DEPTH = 16;
const MAX_MEMBERS = 2000;
const ERROR_CODE = /^[A-Za-z0-9_ .-]{1,64}$/;
const TOKEN = /^[a-z0-9!#$%&'*+.^_`|~-]{1,64}$/;
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

/** An error code worth recording: short, of code-like characters, and not a secret the run knows. */
export function errorCode(v: unknown): string | undefined {
  if (typeof v !== 'string' || !ERROR_CODE.test(v) || v.trim() !== v) return undefined;
  return maskText(v) === v ? v : undefined;
}

/** `application/json; charset=utf-8` → `application/json`; undefined when there is none, `(invalid)` when it does not parse. */
export function mediaType(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const t = value.split(';')[0].trim().toLowerCase();
  return MEDIA_TYPE.test(t) ? t : '(invalid)';
}

export function jsonType(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as 'string' | 'boolean' | 'object';
}

/** A member name as a path step: identifiers verbatim, other names quoted, ids and random names as {key}. */
function step(name: string): { dotted: boolean; text: string } {
  if (name === '' || looksRandom(name)) return { dotted: true, text: '{key}' };
  if (/^[A-Za-z0-9_$@:-]+$/.test(name)) return { dotted: true, text: name };
  return { dotted: false, text: `[${JSON.stringify(name)}]` };
}

function child(parent: string, name: string): string {
  const s = step(name);
  if (!s.dotted) return `${parent}${s.text}`;
  return parent === '' ? s.text : `${parent}.${s.text}`;
}

/** Member paths of a JSON value with their types and whether each is present in every instance of its parent. */
export function jsonMembers(root: unknown): MemberObservation[] {
  const types = new Map<string, Set<JsonType>>();
  const parents = new Map<string, string>();
  const present = new Map<string, number>(); // object instances of the parent that hold the member
  const objects = new Map<string, number>(); // object instances at a path
  const visit = (v: unknown, path: string, depth: number) => {
    if (depth > MAX_DEPTH || types.size > MAX_MEMBERS) return;
    if (Array.isArray(v)) {
      const el = `${path}[]`;
      for (const x of v) {
        parents.set(el, path);
        (types.get(el) ?? types.set(el, new Set()).get(el)!).add(jsonType(x));
        visit(x, el, depth + 1);
      }
    } else if (v && typeof v === 'object') {
      objects.set(path, (objects.get(path) ?? 0) + 1);
      const seen = new Set<string>();
      for (const [k, x] of Object.entries(v)) {
        const p = child(path, k);
        parents.set(p, path);
        (types.get(p) ?? types.set(p, new Set()).get(p)!).add(jsonType(x));
        if (!seen.has(p)) present.set(p, (present.get(p) ?? 0) + 1);
        seen.add(p);
        visit(x, p, depth + 1);
      }
    }
  };
  visit(root, '', 0);
  return [...types.entries()]
    .map(([path, t]) => {
      const parent = parents.get(path)!;
      const always = path.endsWith('[]') || present.get(path) === objects.get(parent);
      return { path, parent, types: [...t].sort(), always };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function headerValue(h: HeaderMap | Record<string, string> | undefined, name: string): string | undefined {
  const v = h?.[name] ?? Object.entries(h ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(v) ? v.join(', ') : v;
}

function paramsOf(s: string): URLSearchParams {
  try {
    return new URLSearchParams(s);
  } catch {
    return new URLSearchParams();
  }
}

/** Parameter names as members (`?name` for a query parameter, the bare name for a form field). */
function paramMembers(params: URLSearchParams, prefix: string, parent: string): MemberObservation[] {
  const names = new Set<string>();
  for (const k of params.keys()) {
    const s = step(k);
    names.add(`${prefix}${s.text}`);
  }
  return [...names].map((path) => ({ path, parent, types: ['string' as const], always: true }));
}

function codesOfLocation(location: string | undefined): string[] {
  if (!location) return [];
  let u: URL;
  try {
    u = new URL(location, 'http://relative.invalid');
  } catch {
    return [];
  }
  return [u.searchParams.get('error'), paramsOf(u.hash.slice(1)).get('error')].map(errorCode).filter((c): c is string => c !== undefined);
}

function codesOfChallenge(challenge: string | undefined): string[] {
  return [...(challenge ?? '').matchAll(/\berror\s*=\s*"?([^",\s]*)"?/g)]
    .map((m) => errorCode(m[1]))
    .filter((c): c is string => c !== undefined);
}

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

function bodyOf(body: string | undefined, contentType: string | undefined, truncated: boolean): { kind: BodyKind; value?: unknown } {
  if (truncated) return { kind: 'truncated' };
  if (!body) return { kind: 'empty' };
  if (!contentType?.includes('json')) return { kind: 'not-json' };
  try {
    const value = JSON.parse(body) as unknown;
    return { kind: jsonType(value), value };
  } catch {
    return { kind: 'invalid-json' };
  }
}

/** The shape of one exchange; undefined when no response came (no status to describe) or it cannot be read. */
export function exchangeShape(ex: Exchange): ExchangeShape | undefined {
  try {
    const { operation, request, received } = classify(ex.method, ex.url);
    if (received) {
      const contentType = mediaType(headerValue(ex.requestHeaders, 'content-type'));
      let query = new URLSearchParams();
      try {
        query = new URL(ex.url).searchParams;
      } catch {
        /* no query */
      }
      const form = contentType === 'application/x-www-form-urlencoded' ? paramsOf(ex.requestBody ?? '') : undefined;
      const b = form ? { kind: (ex.requestBody ? 'form' : 'empty') as BodyKind } : bodyOf(ex.requestBody, contentType, false);
      const members = [
        ...paramMembers(query, '?', ''),
        ...(form ? paramMembers(form, '', '') : b.value !== undefined ? jsonMembers(b.value) : []),
      ];
      const errors = [query.get('error'), form?.get('error'), jsonError(b.value)]
        .map(errorCode)
        .filter((c): c is string => c !== undefined);
      return {
        operation,
        request,
        received: true,
        ...(contentType ? { contentType } : {}),
        headers: [],
        body: b.kind,
        members: members.sort((x, y) => (x.path < y.path ? -1 : 1)),
        errors: sorted(errors),
      };
    }
    if (ex.error || ex.status === undefined) return undefined;
    const contentType = mediaType(headerValue(ex.responseHeaders, 'content-type'));
    const headers = sorted(
      Object.keys(ex.responseHeaders ?? {})
        .map((h) => h.toLowerCase())
        .filter((h) => TOKEN.test(h) && !VOLATILE_HEADERS.has(h)),
    );
    const b = bodyOf(ex.responseBody, contentType, ex.truncatedAt !== undefined);
    const errors = [
      ...[jsonError(b.value)].map(errorCode).filter((c): c is string => c !== undefined),
      ...codesOfLocation(headerValue(ex.responseHeaders, 'location')),
      ...codesOfChallenge(headerValue(ex.responseHeaders, 'www-authenticate')),
    ];
    return {
      operation,
      request,
      status: ex.status,
      ...(contentType ? { contentType } : {}),
      headers,
      body: b.kind,
      members: b.value !== undefined ? jsonMembers(b.value) : [],
      errors: sorted(errors),
    };
  } catch {
    return undefined;
  }
}

function jsonError(v: unknown): unknown {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>).error : undefined;
}

/**
 * JSON the way Go's encoding/json reads and writes it, so that Hydra's decode-error texts
 * ("Unable to decode the request body: <go error>") and body bytes can be reproduced.
 */

/** An error whose message is the text Go's decoder would have produced. */
export class GoJsonError extends Error {}

/** Parses the first JSON value of a body like json.Decoder.Decode (trailing data is ignored, as in Go). */
export function goParse(text: string): unknown {
  if (text.trim() === '') throw new GoJsonError('EOF');
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const trailing = /after JSON at position (\d+)/.exec(message);
    if (trailing) return JSON.parse(text.slice(0, Number(trailing[1])));
    const at = /at position (\d+)/.exec(message);
    if (/end of JSON input|Unterminated string/.test(message) || (at && Number(at[1]) >= text.trimEnd().length)) {
      throw new GoJsonError('unexpected EOF');
    }
    const token = /Unexpected token '(.)'/.exec(message);
    const char = token?.[1] ?? (at ? text.charAt(Number(at[1])) : text.trim().charAt(0));
    throw new GoJsonError(`invalid character '${char}' looking for beginning of value`);
  }
}

/** Go's name for the kind of a JSON value, as used in "cannot unmarshal <kind> into ...". */
export function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  return typeof value; // number, string, object
}

/** Decodes one field value; `where` is Go's "Struct.field" path for error texts. Throws GoJsonError. */
export type FieldDecoder = (value: unknown, where: string) => unknown;

function mismatch(value: unknown, where: string, goType: string): GoJsonError {
  return new GoJsonError(`json: cannot unmarshal ${jsonKind(value)} into Go struct field ${where} of type ${goType}`);
}

export const goField = {
  string: ((v, where) => {
    if (typeof v !== 'string') throw mismatch(v, where, 'string');
    return v;
  }) as FieldDecoder,
  strings: ((v, where) => {
    if (!Array.isArray(v)) throw mismatch(v, where, '[]string');
    return v.map((item) => {
      if (item === null) return '';
      if (typeof item !== 'string') throw mismatch(item, where, 'string');
      return item;
    });
  }) as FieldDecoder,
  bool: ((v, where) => {
    if (typeof v !== 'boolean') throw mismatch(v, where, 'bool');
    return v;
  }) as FieldDecoder,
  int: ((v, where) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw mismatch(v, where, 'int');
    return v;
  }) as FieldDecoder,
  object: ((v, where) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw mismatch(v, where, 'map[string]interface {}');
    return v;
  }) as FieldDecoder,
  any: ((v) => v) as FieldDecoder,
};

export interface DecodedStruct {
  /** Fields that were present with a non-null value, decoded. */
  values: Record<string, unknown>;
  /** Every known field name present in the body, including those set to null. */
  present: Set<string>;
}

/**
 * Decodes a parsed JSON value into a Go struct described by `fields`: unknown fields are ignored (or refused when
 * `disallowUnknown`, like Decoder.DisallowUnknownFields), null leaves a field at its zero value, and a top-level
 * null decodes to the empty struct.
 */
export function goDecodeStruct(
  input: unknown,
  typeName: string,
  fields: Readonly<Record<string, FieldDecoder>>,
  disallowUnknown = false,
): DecodedStruct {
  const result: DecodedStruct = { values: {}, present: new Set() };
  if (input === null) return result;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new GoJsonError(`json: cannot unmarshal ${jsonKind(input)} into Go value of type ${typeName}`);
  }
  for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
    const decode = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!decode) {
      if (disallowUnknown) throw new GoJsonError(`json: unknown field "${name}"`);
      continue;
    }
    result.present.add(name);
    if (value !== null) result.values[name] = decode(value, `${typeName.split('.').pop()}.${name}`);
  }
  return result;
}

/** Serialises like Go's json.Encoder: HTML-significant characters escaped, trailing newline. */
export function goEncode(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) + '\n';
}

/** Go marshals maps with their keys sorted; Hydra's userinfo and token responses are maps. */
export function sortedKeys<T>(map: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key] as T;
  return out;
}

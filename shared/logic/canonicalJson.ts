/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * Object members are sorted by their names as arrays of UTF-16 code units, no whitespace is
 * emitted, strings and numbers are serialised exactly as ECMAScript's JSON.stringify does (which is
 * what RFC 8785 section 3.2.2 prescribes). Custos itself only stores integers, strings, booleans and
 * null, but any finite number is accepted so a third party's test vectors round-trip.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

import { isWellFormed } from './text.ts';

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

export function canonicalJson(value: unknown): string {
  return serialise(value, '$');
}

function serialise(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      // A lone surrogate cannot be stored as itself (UTF-8 has no form for it): what is hashed would
      // not be what is stored. Text is checked at every boundary; this keeps the hash honest anyway.
      if (!isWellFormed(value)) {
        throw new CanonicalJsonError(
          `${path}: text that is not well-formed UTF-16 (a lone surrogate) cannot be stored`,
        );
      }
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalJsonError(`${path}: ${String(value)} cannot be represented in JSON`);
      }
      // JSON.stringify(-0) is "0", as RFC 8785 requires.
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item, index) => serialise(item, `${path}[${index}]`)).join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, exactly the RFC 8785 ordering.
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      const members = keys.map((key) => `${JSON.stringify(key)}:${serialise(record[key], `${path}.${key}`)}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${path}: a ${typeof value} cannot be represented in JSON`);
  }
}

/**
 * The `changes` text of an audit entry, read as the format defines it (docs/case-file-format.md,
 * sections 3 and 4): a JSON array of change objects with exactly the members after, before, id and
 * table; row images whose values are text, whole numbers within ±(2^53 − 1), or null; all of it in
 * RFC 8785 canonical form. The hash covers the stored text, so anything else can only come from
 * someone who rebuilt the chain: verification names such an entry instead of reading past it.
 */
export type Image = Record<string, string | number | null>;
export type ImageChange = { table: string; id: string; before: Image | null; after: Image | null };

export type ChangeData = {
  /** The changes, when their shape is the format's (even if the text is not canonical). */
  changes?: ImageChange[];
  /** What is wrong with the text, if anything. */
  problem?: string;
};

const MEMBERS = ['after', 'before', 'id', 'table'] as const;

/** An image: null, or an object of text, safe integers and nulls, its members in sorted order. */
function imageProblem(value: unknown): string | undefined {
  if (value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return 'a row image is not an object';
  let previous: string | undefined;
  for (const key in value) {
    // JSON.parse keeps the members in the order of the text, and JCS sorts them by UTF-16 code
    // units, which is how JavaScript compares strings.
    if (previous !== undefined && !(previous < key)) return 'the members of a row image are not in canonical order';
    previous = key;
    const cell = (value as Record<string, unknown>)[key];
    if (cell !== null && typeof cell !== 'string' && !Number.isSafeInteger(cell)) {
      return 'a row image holds a value that is not text, a whole number or null';
    }
  }
  return undefined;
}

function changeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a change is not an object';
  const keys = Object.keys(value);
  if (keys.length !== MEMBERS.length || keys.some((key, i) => key !== MEMBERS[i])) {
    return 'a change does not have exactly the members after, before, id and table, in that order';
  }
  const change = value as Record<string, unknown>;
  if (typeof change.id !== 'string' || typeof change.table !== 'string') return 'a change’s id or table is not text';
  return imageProblem(change.after) ?? imageProblem(change.before);
}

export function readChangeData(text: string): ChangeData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: 'it is not JSON' };
  }
  if (!Array.isArray(parsed)) return { problem: 'it is not a list of changes' };
  for (const change of parsed) {
    const problem = changeProblem(change);
    if (problem) return { problem };
  }
  const changes = parsed as ImageChange[];
  // With members known to be in sorted order, JSON.stringify writes exactly the canonical form
  // (RFC 8785 3.2.2 is ECMAScript's serialisation); any other spacing, escaping, duplicate member or
  // spelling of a number makes the text differ.
  if (JSON.stringify(changes) !== text) return { changes, problem: 'it is not written in canonical form (RFC 8785)' };
  return { changes };
}

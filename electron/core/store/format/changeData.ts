import { canonicalJson } from '../../../../shared/logic/canonicalJson.ts';

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

/** Member names JavaScript lists first, in numeric order, whatever the text's order ("10" before "9"). */
const INDEX_LIKE = /^(0|[1-9][0-9]{0,9})$/;

/**
 * An image: null, or an object of text, safe integers and nulls, its members in sorted order.
 * Returns 'slow' when a member name looks like an array index: the order of the text cannot then
 * be seen from the parsed object, and the caller compares a full re-serialisation instead.
 */
function imageProblem(value: unknown): string | 'slow' | undefined {
  if (value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return 'a row image is not an object';
  let previous: string | undefined;
  let slow = false;
  for (const key in value) {
    if (INDEX_LIKE.test(key)) slow = true;
    // JSON.parse keeps the members in the order of the text, and JCS sorts them by UTF-16 code
    // units, which is how JavaScript compares strings.
    else if (previous !== undefined && !(previous < key)) {
      return 'the members of a row image are not in canonical order';
    } else previous = key;
    const cell = (value as Record<string, unknown>)[key];
    if (cell !== null && typeof cell !== 'string' && !Number.isSafeInteger(cell)) {
      return 'a row image holds a value that is not text, a whole number or null';
    }
  }
  return slow ? 'slow' : undefined;
}

function changeProblem(value: unknown): string | 'slow' | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a change is not an object';
  const keys = Object.keys(value);
  if (keys.length !== MEMBERS.length || keys.some((key, i) => key !== MEMBERS[i])) {
    return 'a change does not have exactly the members after, before, id and table, in that order';
  }
  const change = value as Record<string, unknown>;
  if (typeof change.id !== 'string' || typeof change.table !== 'string') return 'a change’s id or table is not text';
  const after = imageProblem(change.after);
  const before = imageProblem(change.before);
  if (after !== undefined && after !== 'slow') return after;
  if (before !== undefined && before !== 'slow') return before;
  return after ?? before;
}

export function readChangeData(text: string): ChangeData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: 'it is not JSON' };
  }
  if (!Array.isArray(parsed)) return { problem: 'it is not a list of changes' };
  let slow = false;
  for (const change of parsed) {
    const problem = changeProblem(change);
    if (problem === 'slow') slow = true;
    else if (problem) return { problem };
  }
  const changes = parsed as ImageChange[];
  // With members known to be in sorted order, JSON.stringify writes exactly the canonical form
  // (RFC 8785 3.2.2 is ECMAScript's serialisation); any other spacing, escaping, duplicate member or
  // spelling of a number makes the text differ. Index-like member names need the full sort.
  const canonical = slow ? canonicalJson(changes) : JSON.stringify(changes);
  if (canonical !== text) return { changes, problem: 'it is not written in canonical form (RFC 8785)' };
  return { changes };
}

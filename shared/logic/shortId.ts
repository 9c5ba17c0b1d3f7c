/**
 * Short ids a person can read out and type back: the shortest start of each id that no other id in
 * the same list shares, never under 8 characters (as git abbreviates commits). A fixed length would
 * not do: among 100,000 events two ids share their first 8 hex digits more often than not.
 */
export const SHORT_ID_MIN = 8;

/** Each id's short form among `ids` (sorted once: only neighbours can share the longest start). */
export function shortIds(ids: readonly string[]): Map<string, string> {
  const sorted = [...new Set(ids.map((id) => id.toLowerCase()))].sort();
  const shared = (a: string | undefined, b: string | undefined): number => {
    if (a === undefined || b === undefined) return 0;
    let n = 0;
    while (n < a.length && a[n] === b[n]) n++;
    return n;
  };
  const out = new Map<string, string>();
  sorted.forEach((id, i) => {
    const length = Math.max(SHORT_ID_MIN, shared(id, sorted[i - 1]) + 1, shared(id, sorted[i + 1]) + 1);
    out.set(id, id.slice(0, length));
  });
  return new Map(ids.map((id) => [id, out.get(id.toLowerCase())!]));
}

/** True for text that may be the start of an id (hex digits and hyphens, at least 4 characters). */
export function looksLikeIdStart(text: string): boolean {
  return /^[0-9a-f-]{4,36}$/i.test(text);
}

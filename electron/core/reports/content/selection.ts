import type { ExcludableKind } from '../../../../shared/domain/report.ts';
import type { CaseSnapshot } from './data.ts';

/**
 * The case as one report sees it: the snapshot and what the examiner left out. Every reference
 * from one record to another (an indicator seen in an exhibit, a proof, a subject's link) goes
 * through here, so an item left out is absent from every table, not only from its own section.
 */
export type Selection = {
  snapshot: CaseSnapshot;
  excluded: ReadonlySet<string>;
  /** Whether the examiner left this item out. */
  out: (kind: ExcludableKind, id: string | null | undefined) => boolean;
  /** An exhibit number to print for an item id: '' when none, unknown, or left out. */
  exhibit: (id: string | null | undefined) => string;
  /** "E-0003 Laptop image": '' when none, unknown, or left out. */
  exhibitLabel: (id: string | null | undefined) => string;
};

export function selectionOf(snapshot: CaseSnapshot, exclude: readonly string[]): Selection {
  const excluded = new Set(exclude);
  const out = (kind: ExcludableKind, id: string | null | undefined) => Boolean(id) && excluded.has(`${kind}:${id}`);
  const items = new Map(snapshot.evidence.map((item) => [item.id, item]));
  const shown = (id: string | null | undefined) => {
    if (!id || out('evidence', id)) return undefined;
    return items.get(id);
  };
  return {
    snapshot,
    excluded,
    out,
    exhibit: (id) => shown(id)?.exhibit ?? '',
    exhibitLabel: (id) => {
      const item = shown(id);
      return item ? `${item.exhibit} ${item.description || item.originalName}`.trim() : '';
    },
  };
}

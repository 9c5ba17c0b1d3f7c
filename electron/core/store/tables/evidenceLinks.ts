import type { EvidenceLink, EvidenceLinkView, LinkTargetType } from '../../../../shared/domain/evidence.ts';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { mutate } from '../db/mutate.ts';
import type { MutationContext } from '../db/mutate.ts';

/** evidence_link: an item tied to a timeline event, a note or another item. Removal marks. */

type Row = Record<string, string | number | null>;

export function listLinks(caseDb: CaseDb, itemId: string): EvidenceLink[] {
  return (
    caseDb
      .statement('SELECT * FROM evidence_link WHERE item_id = ? AND removed = 0 ORDER BY created_at, rowid')
      .all(itemId) as Row[]
  ).map((r) => ({
    id: String(r.id),
    itemId: String(r.item_id),
    targetType: r.target_type as LinkTargetType,
    targetId: String(r.target_id),
    relation: String(r.relation),
    createdAt: String(r.created_at),
  }));
}

export function targetExists(caseDb: CaseDb, type: LinkTargetType, id: string): boolean {
  const sql = {
    timeline_event: 'SELECT 1 FROM timeline_event WHERE id = ? AND removed = 0',
    note: 'SELECT 1 FROM note WHERE id = ? AND removed = 0',
    evidence_item: 'SELECT 1 FROM evidence_item WHERE id = ?',
  }[type];
  return caseDb.statement(sql).get(id) !== undefined;
}

export function insertLink(caseDb: CaseDb, ctx: MutationContext, link: Omit<EvidenceLink, 'createdAt'>): EvidenceLink {
  const now = ctx.clock().toISOString();
  mutate(caseDb, ctx, {
    action: 'evidence.link',
    entity: { type: 'evidence_item', id: link.itemId },
    writes: [
      {
        op: 'insert',
        table: 'evidence_link',
        values: {
          id: link.id,
          item_id: link.itemId,
          target_type: link.targetType,
          target_id: link.targetId,
          relation: link.relation,
          created_at: now,
          removed: 0,
        },
      },
    ],
  });
  return listLinks(caseDb, link.itemId).find((l) => l.id === link.id)!;
}

export function removeLink(caseDb: CaseDb, ctx: MutationContext, linkId: string): void {
  const itemId = caseDb
    .statement('SELECT item_id FROM evidence_link WHERE id = ? AND removed = 0')
    .pluck()
    .get(linkId) as string | undefined;
  if (!itemId) throw new CustosError('NOT_FOUND', `no link ${linkId} in this case`);
  mutate(caseDb, ctx, {
    action: 'evidence.unlink',
    entity: { type: 'evidence_item', id: itemId },
    writes: [{ op: 'update', table: 'evidence_link', id: linkId, values: { removed: 1 } }],
  });
}

/** Links with a readable name for what they point at (an event's title, a note's first words, an exhibit). */
export function describeLinks(caseDb: CaseDb, itemId: string): EvidenceLinkView[] {
  return listLinks(caseDb, itemId).map((link) => {
    let label: string | undefined;
    if (link.targetType === 'timeline_event') {
      label = caseDb.statement('SELECT title FROM timeline_event WHERE id = ?').pluck().get(link.targetId) as
        string | undefined;
    }
    if (link.targetType === 'note') {
      label = (
        caseDb.statement('SELECT body FROM note WHERE id = ?').pluck().get(link.targetId) as string | undefined
      )?.slice(0, 80);
    }
    if (link.targetType === 'evidence_item') {
      const row = caseDb
        .statement('SELECT exhibit, description, original_name FROM evidence_item WHERE id = ?')
        .get(link.targetId) as { exhibit: string; description: string; original_name: string } | undefined;
      label = row ? `${row.exhibit} ${row.original_name || row.description}` : undefined;
    }
    const { id, targetType, targetId, relation } = link;
    return { id, targetType, targetId, relation, label: label ?? '(no longer in the case)' };
  });
}

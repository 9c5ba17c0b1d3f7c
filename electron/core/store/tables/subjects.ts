import type { Subject, SubjectLink } from '../../../../shared/domain/subject.ts';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { mutate } from '../db/mutate.ts';
import type { MutationContext } from '../db/mutate.ts';
import { fromRow, toColumns } from './rowMapping.ts';

/**
 * subject and subject_link: the people and personas of a case and what each is linked to. A subject
 * is never deleted (removed = 1 keeps the record); a link is removed the same way.
 */

type Row = Record<string, unknown>;
const SUBJECT = { flags: ['removed'], lists: ['aliases'] } as const;
const toSubject = (r: Row) => fromRow<Subject>(r, SUBJECT);
const toLink = (r: Row) => fromRow<SubjectLink & { removed: boolean }>(r, { flags: ['removed'] });

export type SubjectValues = Omit<Subject, 'id' | 'createdAt' | 'updatedAt' | 'removed'>;

export function listSubjects(caseDb: CaseDb, includeRemoved = false): Subject[] {
  const sql = `SELECT * FROM subject ${includeRemoved ? '' : 'WHERE removed = 0'} ORDER BY created_at, id`;
  return (caseDb.statement(sql).all() as Row[]).map(toSubject);
}

export function getSubject(caseDb: CaseDb, id: string): Subject {
  const row = caseDb.statement('SELECT * FROM subject WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new CustosError('NOT_FOUND', `subject ${id} does not exist in this case`);
  return toSubject(row);
}

export function insertSubject(caseDb: CaseDb, ctx: MutationContext, id: string, values: SubjectValues): void {
  const now = ctx.clock().toISOString();
  mutate(caseDb, ctx, {
    action: 'subject.add',
    entity: { type: 'subject', id },
    writes: [
      {
        op: 'insert',
        table: 'subject',
        values: { id, ...toColumns(values), created_at: now, updated_at: now, removed: 0 },
      },
    ],
  });
}

export function updateSubject(
  caseDb: CaseDb,
  ctx: MutationContext,
  id: string,
  patch: Partial<SubjectValues> & { removed?: boolean },
  action = 'subject.update',
): void {
  mutate(caseDb, ctx, {
    action,
    entity: { type: 'subject', id },
    writes: [
      {
        op: 'update',
        table: 'subject',
        id,
        values: { ...toColumns(patch), updated_at: ctx.clock().toISOString() },
      },
    ],
  });
}

/** Links from a subject (or to one, when `to` is set), not removed, oldest first. */
export function subjectLinks(caseDb: CaseDb, subjectId: string, to = false): SubjectLink[] {
  const sql = to
    ? "SELECT * FROM subject_link WHERE target_type = 'subject' AND target_id = ? AND removed = 0 ORDER BY created_at, id"
    : 'SELECT * FROM subject_link WHERE subject_id = ? AND removed = 0 ORDER BY created_at, id';
  return (caseDb.statement(sql).all(subjectId) as Row[]).map(toLink).map(({ removed: _, ...link }) => link);
}

/** Every live link to a target of one type: which subjects an indicator or exhibit belongs to. */
export function linksToTargets(caseDb: CaseDb, targetType: SubjectLink['targetType']): SubjectLink[] {
  return (
    caseDb
      .statement('SELECT * FROM subject_link WHERE target_type = ? AND removed = 0 ORDER BY created_at, id')
      .all(targetType) as Row[]
  )
    .map(toLink)
    .map(({ removed: _, ...link }) => link);
}

export function getLink(caseDb: CaseDb, id: string): SubjectLink & { removed: boolean } {
  const row = caseDb.statement('SELECT * FROM subject_link WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new CustosError('NOT_FOUND', `subject link ${id} does not exist in this case`);
  return toLink(row);
}

export type LinkValues = Omit<SubjectLink, 'id' | 'createdAt'>;

export function insertLinks(
  caseDb: CaseDb,
  ctx: MutationContext,
  entity: { type: string; id: string },
  links: (LinkValues & { id: string })[],
  action = 'subject.link',
): void {
  const now = ctx.clock().toISOString();
  mutate(caseDb, ctx, {
    action,
    entity,
    writes: links.map((link) => ({
      op: 'insert' as const,
      table: 'subject_link' as const,
      values: { ...toColumns(link), id: link.id, created_at: now, removed: 0 },
    })),
  });
}

export function removeLink(caseDb: CaseDb, ctx: MutationContext, id: string): void {
  mutate(caseDb, ctx, {
    action: 'subject.unlink',
    entity: { type: 'subject_link', id },
    writes: [{ op: 'update', table: 'subject_link', id, values: { removed: 1 } }],
  });
}

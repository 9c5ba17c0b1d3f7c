import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import type { z } from 'zod';
import type { CaseDraft, CasePatch } from '../../../shared/domain/case.ts';
import type { TimelineDraft, TimelinePatch, TimelineEvent } from '../../../shared/domain/timeline.ts';
import type { CaseInfo } from '../../../shared/ipc/contract.ts';
import { TimeInputError, resolveTime } from '../../../shared/logic/time.ts';
import { CustosError } from '../errors.ts';
import { createCaseDb, openCaseDb, openCaseDbReadOnly } from '../store/db/caseDb.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import { getCase, insertCase, updateCase } from '../store/tables/caseRecord.ts';
import type { CaseValues } from '../store/tables/caseRecord.ts';
import { auditHead } from '../store/tables/auditLog.ts';
import { getTimelineEvent, insertTimelineEvent, updateTimelineEvent } from '../store/tables/timelineEvents.ts';
import type { MutationContext } from '../store/db/mutate.ts';

export const CASE_EXTENSION = '.custos';

/** A time as entered, or now when none was given (then in `zone`, or UTC). */
export function timeOrNow(
  at: string | undefined,
  zone: string | undefined,
  now: Date,
  what: string,
): { utc: string; zone: string } {
  return at ? resolveOrExplain(at, zone, what) : { utc: now.toISOString(), zone: zone || 'UTC' };
}

export function resolveOrExplain(at: string, zone: string | undefined, what: string): { utc: string; zone: string } {
  try {
    return resolveTime(at, zone);
  } catch (error) {
    if (error instanceof TimeInputError) throw new CustosError('INVALID_INPUT', `${what}: ${error.message}`);
    throw error;
  }
}

export function requireCaseExtension(path: string): void {
  if (extname(path).toLowerCase() !== CASE_EXTENSION) {
    throw new CustosError(
      'INVALID_INPUT',
      `case files end in ${CASE_EXTENSION}; name it e.g. ${path}${CASE_EXTENSION}`,
    );
  }
}

export function caseInfo(caseDb: CaseDb): CaseInfo {
  return { path: caseDb.path, record: getCase(caseDb), head: auditHead(caseDb), readOnly: caseDb.readOnly };
}

/** Creates the file and its first audit entry ("case.create") together. */
export function createCase(path: string, draft: z.output<typeof CaseDraft>, ctx: MutationContext): CaseDb {
  requireCaseExtension(path);
  const aware = draft.awareAt ? resolveOrExplain(draft.awareAt, draft.awareZone, 'Became aware') : undefined;
  const values: CaseValues = {
    title: draft.title,
    reference: draft.reference,
    caseType: draft.caseType,
    status: draft.status,
    severity: draft.severity,
    tlp: draft.tlp,
    privilegeMarking: draft.privilegeMarking,
    leadInvestigator: draft.leadInvestigator,
    legalCounsel: draft.legalCounsel,
    awareAt: aware?.utc ?? null,
    awareZone: aware?.zone ?? null,
    summary: draft.summary,
  };
  return createCaseDb(path, (caseDb) => insertCase(caseDb, ctx, randomUUID(), values));
}

/**
 * Opens a case to work on. A case that cannot be written where it lies (read-only media, no
 * permission) is opened to be read instead: it can be looked at and verified, and every change is
 * refused with the reason.
 */
export function openCase(path: string): CaseDb {
  try {
    return openCaseDb(path);
  } catch (error) {
    if (error instanceof CustosError && error.code === 'READ_ONLY') return openCaseDbReadOnly(path);
    throw error;
  }
}

export function editCase(caseDb: CaseDb, ctx: MutationContext, patch: z.output<typeof CasePatch>): CaseInfo {
  const { awareAt, awareZone, ...rest } = patch;
  const values: Partial<CaseValues> = { ...rest };
  if (awareAt !== undefined) {
    if (awareAt === null || awareAt === '') {
      values.awareAt = null;
      values.awareZone = null;
    } else {
      const resolved = resolveOrExplain(awareAt, awareZone ?? undefined, 'Became aware');
      values.awareAt = resolved.utc;
      values.awareZone = resolved.zone;
    }
  } else if (awareZone !== undefined) {
    throw new CustosError('INVALID_INPUT', 'Became aware: give the time together with its zone');
  }
  updateCase(caseDb, ctx, values);
  return caseInfo(caseDb);
}

export function addTimelineEvent(
  caseDb: CaseDb,
  ctx: MutationContext,
  draft: z.output<typeof TimelineDraft>,
): TimelineEvent {
  const time = resolveOrExplain(draft.at, draft.zone, 'Time');
  return insertTimelineEvent(caseDb, ctx, randomUUID(), {
    occurredAt: time.utc,
    zone: time.zone,
    title: draft.title,
    description: draft.description,
    source: draft.source,
    category: draft.category,
  });
}

export function editTimelineEvent(
  caseDb: CaseDb,
  ctx: MutationContext,
  id: string,
  patch: z.output<typeof TimelinePatch>,
): TimelineEvent {
  const { at, zone, ...rest } = patch;
  const values: Parameters<typeof updateTimelineEvent>[3] = { ...rest };
  if (at !== undefined) {
    const current = getTimelineEvent(caseDb, id);
    const time = resolveOrExplain(at, zone ?? current.zone, 'Time');
    values.occurredAt = time.utc;
    values.zone = time.zone;
  } else if (zone !== undefined) {
    throw new CustosError('INVALID_INPUT', 'Time: give the time together with its zone');
  }
  return updateTimelineEvent(caseDb, ctx, id, values);
}

import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import type { z } from 'zod';
import type { CaseDraft, CasePatch } from '../../../shared/domain/case.ts';
import type { CaseInfo } from '../../../shared/ipc/contract.ts';
import { CustosError } from '../errors.ts';
import { createCaseDb, openCaseDb, openCaseDbReadOnly } from '../store/db/caseDb.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import { getCase, insertCase, updateCase } from '../store/tables/caseRecord.ts';
import type { CaseValues } from '../store/tables/caseRecord.ts';
import { auditHead } from '../store/tables/auditLog.ts';
import { countTimeline } from '../store/tables/timelineEvents.ts';
import { countNotes } from '../store/tables/notes.ts';
import { listEvidence } from '../store/tables/evidenceItems.ts';
import { countAudit } from '../store/tables/auditLog.ts';
import { resolveOrExplain } from './timeInput.ts';
import type { MutationContext } from '../store/db/mutate.ts';

export const CASE_EXTENSION = '.custos';

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

export type CaseCounts = { timeline: number; notes: number; evidence: number; flagged: number; audit: number };

/** What a case holds, counted (custos info): flagged exhibits are those whose last check failed. */
export function caseCounts(caseDb: CaseDb): CaseCounts {
  const evidence = listEvidence(caseDb);
  return {
    timeline: countTimeline(caseDb),
    notes: countNotes(caseDb),
    evidence: evidence.length,
    flagged: evidence.filter((i) => i.flagged).length,
    audit: countAudit(caseDb),
  };
}

import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  Subject,
  SubjectDetail,
  SubjectDraft,
  SubjectLink,
  SubjectLinkDraft,
  SubjectLinkTarget,
  SubjectPatch,
} from '../../../shared/domain/subject.ts';
import { INDICATOR_TYPES } from '../../../shared/domain/indicator.ts';
import type { Indicator } from '../../../shared/domain/indicator.ts';
import { cut, escapeControl } from '../../../shared/logic/text.ts';
import { CustosError } from '../errors.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import type { MutationContext } from '../store/db/mutate.ts';
import { getEvidence } from '../store/tables/evidenceItems.ts';
import { getIndicator, indicatorsByNormalised } from '../store/tables/indicators.ts';
import { normaliseIndicator } from '../indicators/normalise.ts';
import { getNote } from '../store/tables/notes.ts';
import {
  getLink,
  getSubject,
  insertLinks,
  insertSubject,
  listSubjects as subjectRows,
  removeLink,
  subjectLinks,
  updateSubject,
} from '../store/tables/subjects.ts';
import type { SubjectValues } from '../store/tables/subjects.ts';
import { getTimelineEvent } from '../store/tables/timelineEvents.ts';

/**
 * The people and personas of a case (the hired worker, facilitators, laptop-farm hosts, references,
 * the agency, operators behind an alias) and what each is tied to: exhibits, indicators, events,
 * notes and one another. Nothing is deleted: a removed subject or link keeps its row and its audit.
 */

const shown = (text: string) => `"${escapeControl(cut(text, 80))}"`;

const TARGET_WORDS: Record<SubjectLinkTarget, string> = {
  evidence_item: 'evidence item',
  timeline_event: 'timeline event',
  note: 'note',
  subject: 'subject',
  indicator: 'indicator',
};

export function listSubjects(caseDb: CaseDb): Subject[] {
  return subjectRows(caseDb);
}

/** Dates that cannot be in this order: a worker terminated before being hired or starting. */
function dateProblem(s: Pick<Subject, 'hiredOn' | 'startedOn' | 'terminatedOn'>): string | null {
  if (s.hiredOn && s.startedOn && s.startedOn < s.hiredOn) {
    return `the start date ${s.startedOn} is before the hire date ${s.hiredOn}; check the two dates`;
  }
  const earliest = [s.hiredOn, s.startedOn].filter((d): d is string => Boolean(d)).sort()[0];
  if (earliest && s.terminatedOn && s.terminatedOn < earliest) {
    return `the termination date ${s.terminatedOn} is before ${earliest === s.hiredOn ? 'the hire' : 'the start'} date ${earliest}; check the dates`;
  }
  return null;
}

/** A subject that is in the case and not removed, or the refusal that names it. */
function liveSubject(caseDb: CaseDb, id: string): Subject {
  const subject = getSubject(caseDb, id);
  if (subject.removed) {
    throw new CustosError(
      'NOT_FOUND',
      `subject ${shown(subject.name)} was removed from this case; it cannot be changed or linked`,
    );
  }
  return subject;
}

export function addSubject(caseDb: CaseDb, ctx: MutationContext, draft: z.output<typeof SubjectDraft>): Subject {
  const problem = dateProblem(draft);
  if (problem) throw new CustosError('INVALID_INPUT', problem);
  const id = randomUUID();
  // Names and aliases are kept exactly as typed (Hangul, Cyrillic, any script): only trimmed.
  insertSubject(caseDb, ctx, id, draft satisfies SubjectValues);
  return getSubject(caseDb, id);
}

export function editSubject(
  caseDb: CaseDb,
  ctx: MutationContext,
  id: string,
  patch: z.output<typeof SubjectPatch>,
): Subject {
  const current = liveSubject(caseDb, id);
  const problem = dateProblem({ ...current, ...patch });
  if (problem) throw new CustosError('INVALID_INPUT', problem);
  // Only what differs is written: a form saved unchanged writes nothing, and no audit entry says otherwise.
  const changed = Object.fromEntries(
    Object.entries(patch).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(current[key as keyof SubjectValues]),
    ),
  ) as Partial<SubjectValues>;
  if (Object.keys(changed).length === 0) return current;
  updateSubject(caseDb, ctx, id, changed);
  return getSubject(caseDb, id);
}

/** Marks a subject removed; its links stay (and show it removed), the audit log keeps everything. */
export function removeSubject(caseDb: CaseDb, ctx: MutationContext, id: string): void {
  liveSubject(caseDb, id);
  updateSubject(caseDb, ctx, id, { removed: true }, 'subject.remove');
}

/**
 * What a link points at, as a person reads it: "E-0003 — laptop image" for an exhibit, "btc bc1q…"
 * for an indicator, a subject's name, an event's title, a note's first line. A target removed
 * since says so.
 */
export function targetLabel(caseDb: CaseDb, type: SubjectLinkTarget, id: string): string {
  try {
    switch (type) {
      case 'evidence_item': {
        const item = getEvidence(caseDb, id);
        return `${item.exhibit} — ${item.description || item.originalName}${item.disposed ? ' (disposed of)' : ''}`;
      }
      case 'indicator': {
        const ind = getIndicator(caseDb, id);
        return `${ind.type} ${ind.normalised}${ind.platform ? ` (${ind.platform})` : ''}${ind.removed ? ' (removed)' : ''}`;
      }
      case 'subject': {
        const subject = getSubject(caseDb, id);
        return `${subject.name}${subject.removed ? ' (removed)' : ''}`;
      }
      case 'timeline_event': {
        const event = getTimelineEvent(caseDb, id);
        return `${event.title}${event.removed ? ' (removed)' : ''}`;
      }
      case 'note': {
        const note = getNote(caseDb, id);
        return `${cut(note.body.split('\n', 1)[0]!.trim(), 80)}${note.removed ? ' (removed)' : ''}`;
      }
    }
  } catch (error) {
    if (error instanceof CustosError && error.code === 'NOT_FOUND') return `${TARGET_WORDS[type]} ${id} (not found)`;
    throw error;
  }
}

/** Whether a link may point at this target: it is in the case and not removed. */
function assertLinkable(caseDb: CaseDb, type: SubjectLinkTarget, id: string): void {
  const removed = (() => {
    try {
      switch (type) {
        case 'evidence_item':
          // An item disposed of is still part of the record, and may still be what ties a person in.
          getEvidence(caseDb, id);
          return false;
        case 'indicator':
          return getIndicator(caseDb, id).removed;
        case 'subject':
          return getSubject(caseDb, id).removed;
        case 'timeline_event':
          return getTimelineEvent(caseDb, id).removed;
        case 'note':
          return getNote(caseDb, id).removed;
      }
    } catch (error) {
      if (error instanceof CustosError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  })();
  if (removed === null) {
    throw new CustosError('NOT_FOUND', `there is no ${TARGET_WORDS[type]} ${shown(id)} in this case to link to`);
  }
  if (removed) {
    throw new CustosError(
      'NOT_FOUND',
      `the ${TARGET_WORDS[type]} ${shown(targetLabel(caseDb, type, id))} was removed from this case; it cannot be linked`,
    );
  }
}

const labelled = (caseDb: CaseDb, link: SubjectLink) => ({
  ...link,
  label: targetLabel(caseDb, link.targetType, link.targetId),
});

/** A subject (removed ones too: their record stays readable) with what it links to and what links to it. */
export function subjectDetail(caseDb: CaseDb, id: string): SubjectDetail {
  const subject = getSubject(caseDb, id);
  return {
    subject,
    links: subjectLinks(caseDb, id).map((link) => labelled(caseDb, link)),
    linkedFrom: subjectLinks(caseDb, id, true).map((link) => ({
      ...link,
      label: targetLabel(caseDb, 'subject', link.subjectId),
    })),
  };
}

/**
 * Ties a subject to an exhibit, indicator, event, note or another subject, with a relation in the
 * person's words ("received the laptop for", "same person as?") and how sure they are.
 */
export function linkSubject(
  caseDb: CaseDb,
  ctx: MutationContext,
  draft: z.output<typeof SubjectLinkDraft>,
): SubjectDetail {
  const subject = liveSubject(caseDb, draft.subjectId);
  if (draft.targetType === 'subject' && draft.targetId === draft.subjectId) {
    throw new CustosError('INVALID_INPUT', `a subject cannot be linked to itself; choose the other subject`);
  }
  assertLinkable(caseDb, draft.targetType, draft.targetId);
  const relation = draft.relation.trim();
  const twin = subjectLinks(caseDb, subject.id).find(
    (l) =>
      l.targetType === draft.targetType &&
      l.targetId === draft.targetId &&
      l.relation.toLowerCase() === relation.toLowerCase(),
  );
  if (twin) {
    throw new CustosError(
      'ALREADY_EXISTS',
      `${shown(subject.name)} is already linked to ${shown(targetLabel(caseDb, draft.targetType, draft.targetId))} as ${shown(twin.relation)}; remove that link first to change it`,
    );
  }
  insertLinks(caseDb, ctx, { type: 'subject', id: subject.id }, [
    {
      id: randomUUID(),
      subjectId: subject.id,
      targetType: draft.targetType,
      targetId: draft.targetId,
      relation,
      confidence: draft.confidence,
    },
  ]);
  return subjectDetail(caseDb, subject.id);
}

/** Removes a link (marked removed: the audit log keeps it). */
export function unlinkSubject(caseDb: CaseDb, ctx: MutationContext, linkId: string): void {
  const link = getLink(caseDb, linkId);
  if (link.removed) throw new CustosError('NOT_FOUND', `the link ${shown(linkId)} was already removed`);
  removeLink(caseDb, ctx, linkId);
}

// ---- finding what a person names -----------------------------------------------------------------

/** Names compared as people mean them: the same letters, any case, composed or not. */
const fold = (text: string) => text.normalize('NFC').trim().toLowerCase();

/**
 * A subject by id, else by name (exact, any case), else by alias; a name two subjects share is
 * refused with their ids, so the person can pick one.
 */
export function findSubject(caseDb: CaseDb, ref: string): Subject {
  const wanted = fold(ref);
  const subjects = subjectRows(caseDb, true);
  const byId = subjects.find((s) => s.id === ref.trim());
  if (byId) return byId;
  const live = subjects.filter((s) => !s.removed);
  const byName = live.filter((s) => fold(s.name) === wanted);
  const matches = byName.length > 0 ? byName : live.filter((s) => s.aliases.some((a) => fold(a) === wanted));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new CustosError(
      'INVALID_INPUT',
      `${matches.length} subjects are called ${shown(ref)}: ${matches.map((s) => `${shown(s.name)} (${s.role}) ${s.id}`).join(', ')}; give the id`,
    );
  }
  throw new CustosError(
    'NOT_FOUND',
    `no subject ${shown(ref)} in this case (by id, name or alias); custos subject list lists them`,
  );
}

type TargetRef = { targetType: SubjectLinkTarget; targetId: string; label: string };

/**
 * What a person names as the other end of a link: a subject (id, name or alias), an exhibit
 * (number or id), an indicator (id, or its value in any form: a lower-case EIP-55 address finds the
 * checksummed one), a timeline event or a note (id). A name that fits two is refused with both.
 */
export function findLinkTarget(caseDb: CaseDb, ref: string): TargetRef {
  const text = ref.trim();
  const found: TargetRef[] = [];
  const add = (targetType: SubjectLinkTarget, targetId: string) => {
    if (!found.some((f) => f.targetType === targetType && f.targetId === targetId)) {
      found.push({ targetType, targetId, label: targetLabel(caseDb, targetType, targetId) });
    }
  };
  const attempt = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      if (!(error instanceof CustosError) || (error.code !== 'NOT_FOUND' && error.code !== 'INVALID_INPUT')) {
        throw error;
      }
    }
  };
  attempt(() => add('subject', findSubject(caseDb, text).id));
  attempt(() => add('evidence_item', getEvidence(caseDb, text).id));
  attempt(() => {
    const event = getTimelineEvent(caseDb, text);
    if (!event.removed) add('timeline_event', event.id);
  });
  attempt(() => {
    const note = getNote(caseDb, text);
    if (!note.removed) add('note', note.id);
  });
  for (const indicator of findIndicatorsNamed(caseDb, text)) add('indicator', indicator.id);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    throw new CustosError(
      'INVALID_INPUT',
      `${shown(ref)} could be ${found.map((f) => `the ${TARGET_WORDS[f.targetType]} ${shown(f.label)} (${f.targetId})`).join(' or ')}; give the id`,
    );
  }
  throw new CustosError(
    'NOT_FOUND',
    `nothing in this case is called ${shown(ref)}: give a subject's id or name, an exhibit number, an indicator's id or value, or an event's or note's id`,
  );
}

/** Live indicators by id, or whose canonical form is `text` as written or as any type would write it. */
function findIndicatorsNamed(caseDb: CaseDb, text: string): Indicator[] {
  try {
    const byId = getIndicator(caseDb, text);
    return byId.removed ? [] : [byId];
  } catch (error) {
    if (!(error instanceof CustosError) || error.code !== 'NOT_FOUND') throw error;
  }
  const forms = new Set([text]);
  for (const type of INDICATOR_TYPES) {
    const result = normaliseIndicator(type, text);
    if (result.ok) forms.add(result.value);
  }
  return indicatorsByNormalised(caseDb, [...forms]);
}

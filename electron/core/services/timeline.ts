import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { TimelineDraft, TimelinePatch, TimelineEvent } from '../../../shared/domain/timeline.ts';
import { CustosError } from '../errors.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import type { MutationContext } from '../store/db/mutate.ts';
import {
  countTimeline,
  getTimelineEvent,
  insertTimelineEvent,
  listTimeline,
  removeTimelineEvent as markEventRemoved,
  updateTimelineEvent,
} from '../store/tables/timelineEvents.ts';
import { resolveOrExplain } from './timeInput.ts';

/** One page of the timeline, in time order, and how many events there are. */
export function timelinePage(caseDb: CaseDb, offset: number, limit: number): { total: number; items: TimelineEvent[] } {
  return { total: countTimeline(caseDb), items: listTimeline(caseDb, offset, limit) };
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

/** Marks an event removed; the audit log keeps it. */
export function removeTimelineEvent(caseDb: CaseDb, ctx: MutationContext, id: string): void {
  markEventRemoved(caseDb, ctx, id);
}

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
import { looksLikeIdStart, shortIds } from '../../../shared/logic/shortId.ts';
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

const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An event's id from what a person typed: the full id, or its short form as `custos timeline add`
 * and `timeline list` print it (any start of the id that only one event has).
 */
export function resolveEventId(caseDb: CaseDb, given: string): string {
  const text = given.trim().toLowerCase();
  if (FULL_ID.test(text)) return text;
  if (!looksLikeIdStart(text)) {
    throw new CustosError(
      'INVALID_INPUT',
      `"${given}" is not an event id: give the id (or its first 8 characters) as custos timeline list prints it`,
    );
  }
  const matches = listTimeline(caseDb, 0, Number.MAX_SAFE_INTEGER).filter((e) => e.id.startsWith(text));
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length === 0) {
    throw new CustosError(
      'NOT_FOUND',
      `No timeline event has an id starting with ${text}: custos timeline list FILE shows the events and their ids`,
    );
  }
  const shown = matches.slice(0, 3).map((e) => `${shortIds(matches.map((m) => m.id)).get(e.id)} (${e.title})`);
  throw new CustosError(
    'INVALID_INPUT',
    `${text} is the start of ${matches.length} events' ids, e.g. ${shown.join(', ')}: give more of the id`,
  );
}

/** The short ids of the whole timeline (for lists a person reads). */
export function eventShortIds(caseDb: CaseDb): Map<string, string> {
  return shortIds(listTimeline(caseDb, 0, Number.MAX_SAFE_INTEGER).map((e) => e.id));
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TimelineEvent } from '../../../shared/domain/timeline.ts';
import {
  countTimeline,
  getTimelineEvent,
  insertTimelineEvent,
  listTimeline,
  removeTimelineEvent,
  updateTimelineEvent,
} from '../../../electron/core/store/tables/timelineEvents.ts';
import type { TimelineValues } from '../../../electron/core/store/tables/timelineEvents.ts';
import { expectIntact, expectRefused, memoryCase, noEntry, oneEntry, rowOf } from './memoryCase.ts';
import type { MemoryCase } from './memoryCase.ts';

const E1 = '11111111-1111-4111-8111-111111111111';
const E2 = '22222222-2222-4222-8222-222222222222';
const E3 = '33333333-3333-4333-8333-333333333333';

const event = (occurredAt: string, title: string): TimelineValues => ({
  occurredAt,
  zone: 'Asia/Seoul',
  title,
  description: '',
  source: 'Door controller',
  category: 'access',
});

describe('timelineEvents: the incident timeline', () => {
  let mc: MemoryCase;
  beforeEach(() => (mc = memoryCase()));
  afterEach(() => mc.caseDb.close());

  it('an insert is one timeline.add entry and reads back as a TimelineEvent', () => {
    const { caseDb, ctx, times } = mc;
    const values = event('2026-11-02T00:15:00.000Z', 'Badge of "J. Kim" used at the Łódź office');
    const { result, entry } = oneEntry(caseDb, 'timeline.add', () => insertTimelineEvent(caseDb, ctx, E1, values));
    expect(TimelineEvent.parse(result)).toEqual(result);
    expect(result).toEqual({ id: E1, ...values, createdAt: times[0], updatedAt: times[0], removed: false });
    expect(getTimelineEvent(caseDb, E1)).toEqual(result);
    expect(entry.entity).toEqual({ type: 'timeline_event', id: E1 });
    expect(entry.changes).toEqual([
      { table: 'timeline_event', id: E1, before: null, after: rowOf(caseDb, 'timeline_event', E1) },
    ]);
    expectIntact(caseDb);
  });

  it('lists in time order (ties by id), a page at a time, and counts what is not removed', () => {
    const { caseDb, ctx } = mc;
    insertTimelineEvent(caseDb, ctx, E3, event('2026-11-02T00:15:00.000Z', 'third by id, same time'));
    insertTimelineEvent(caseDb, ctx, E2, event('2026-11-02T00:15:00.000Z', 'second by id, same time'));
    insertTimelineEvent(caseDb, ctx, E1, event('2026-11-03T08:00:00.000Z', 'latest'));
    expect(listTimeline(caseDb, 0, 10).map((e) => e.id)).toEqual([E2, E3, E1]);
    expect(listTimeline(caseDb, 1, 1).map((e) => e.id)).toEqual([E3]);
    expect(countTimeline(caseDb)).toBe(3);
  });

  it('an edit is one timeline.update entry with the old and new row; repeating the values writes nothing', () => {
    const { caseDb, ctx, times } = mc;
    insertTimelineEvent(caseDb, ctx, E1, event('2026-11-02T00:15:00.000Z', 'Badge used'));
    const before = rowOf(caseDb, 'timeline_event', E1);
    const given = times.length;
    const { result, entry } = oneEntry(caseDb, 'timeline.update', () =>
      updateTimelineEvent(caseDb, ctx, E1, { title: 'Badge used twice', category: 'identity' }),
    );
    // The edit's time is the clock's, read just before the entry's own.
    expect(times.slice(given)).toEqual([result.updatedAt, entry.at]);
    expect(result).toMatchObject({ title: 'Badge used twice', category: 'identity' });
    expect(entry.changes).toEqual([
      { table: 'timeline_event', id: E1, before, after: rowOf(caseDb, 'timeline_event', E1) },
    ]);
    expect(noEntry(caseDb, () => updateTimelineEvent(caseDb, ctx, E1, { title: 'Badge used twice' }))).toEqual(result);
    expectIntact(caseDb);
  });

  it('a removal marks the event in one timeline.remove entry: it leaves the list, not the case', () => {
    const { caseDb, ctx } = mc;
    insertTimelineEvent(caseDb, ctx, E1, event('2026-11-02T00:15:00.000Z', 'Badge used'));
    insertTimelineEvent(caseDb, ctx, E2, event('2026-11-02T01:15:00.000Z', 'Laptop on VPN'));
    const { entry } = oneEntry(caseDb, 'timeline.remove', () => removeTimelineEvent(caseDb, ctx, E1));
    expect(entry.changes[0]).toMatchObject({ before: { removed: 0 }, after: { removed: 1 } });
    expect(listTimeline(caseDb, 0, 10).map((e) => e.id)).toEqual([E2]);
    expect(countTimeline(caseDb)).toBe(1);
    expect(getTimelineEvent(caseDb, E1).removed).toBe(true);
    // Removing it again changes nothing, so it records nothing.
    noEntry(caseDb, () => removeTimelineEvent(caseDb, ctx, E1));
    expectIntact(caseDb);
  });

  it('refuses to edit a removed event, and names an unknown one', () => {
    const { caseDb, ctx } = mc;
    insertTimelineEvent(caseDb, ctx, E1, event('2026-11-02T00:15:00.000Z', 'Badge used'));
    removeTimelineEvent(caseDb, ctx, E1);
    expectRefused(
      caseDb,
      () => updateTimelineEvent(caseDb, ctx, E1, { title: 'x' }),
      'INVALID_INPUT',
      `timeline event ${E1} was removed; it can no longer be edited`,
    );
    const unknown = `timeline event ${E2} does not exist in this case`;
    expectRefused(caseDb, () => getTimelineEvent(caseDb, E2), 'NOT_FOUND', unknown);
    expectRefused(caseDb, () => updateTimelineEvent(caseDb, ctx, E2, { title: 'x' }), 'NOT_FOUND', unknown);
    expectRefused(caseDb, () => removeTimelineEvent(caseDb, ctx, E2), 'NOT_FOUND', unknown);
    expectIntact(caseDb);
  });
});

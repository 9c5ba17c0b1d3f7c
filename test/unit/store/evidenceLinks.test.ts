import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EvidenceLink } from '../../../shared/domain/evidence.ts';
import {
  describeLinks,
  insertLink,
  listLinks,
  removeLink,
  targetExists,
} from '../../../electron/core/store/tables/evidenceLinks.ts';
import { insertNote, removeNote } from '../../../electron/core/store/tables/notes.ts';
import { insertTimelineEvent } from '../../../electron/core/store/tables/timelineEvents.ts';
import { logItem, physicalItem, uuid } from './evidenceValues.ts';
import { expectIntact, expectRefused, memoryCase, oneEntry, rowOf } from './memoryCase.ts';
import type { MemoryCase } from './memoryCase.ts';

const EVENT = uuid(300);
const NOTE = uuid(301);
const LONG_NOTE = `Counsel: keep the laptop sealed until the hearing. ${'More detail. '.repeat(10)}`;

describe('evidenceLinks: what an item supports', () => {
  let mc: MemoryCase;
  beforeEach(() => {
    mc = memoryCase();
    const { caseDb, ctx } = mc;
    logItem(mc, 1, physicalItem());
    logItem(mc, 2, physicalItem({ description: 'Door badge' }));
    insertTimelineEvent(caseDb, ctx, EVENT, {
      occurredAt: '2026-11-02T00:15:00.000Z',
      zone: 'Asia/Seoul',
      title: 'Badge used at the Łódź office',
      description: '',
      source: 'Door controller',
      category: 'access',
    });
    insertNote(caseDb, ctx, NOTE, { body: LONG_NOTE, author: 'Dana', privileged: true });
  });
  afterEach(() => mc.caseDb.close());

  it('a link is one evidence.link entry on its item, and reads back as an EvidenceLink', () => {
    const { caseDb, ctx, times } = mc;
    const link = { id: uuid(400), itemId: uuid(1), targetType: 'timeline_event' as const, targetId: EVENT };
    const { result, entry } = oneEntry(caseDb, 'evidence.link', () =>
      insertLink(caseDb, ctx, { ...link, relation: 'supports' }),
    );
    expect(EvidenceLink.parse(result)).toEqual(result);
    expect(result).toEqual({ ...link, relation: 'supports', createdAt: times.at(-2) });
    expect(listLinks(caseDb, uuid(1))).toEqual([result]);
    expect(listLinks(caseDb, uuid(2))).toEqual([]);
    expect(entry.entity).toEqual({ type: 'evidence_item', id: uuid(1) });
    expect(entry.changes).toEqual([
      { table: 'evidence_link', id: uuid(400), before: null, after: rowOf(caseDb, 'evidence_link', uuid(400)) },
    ]);
    expectIntact(caseDb);
  });

  it('knows which targets exist: removed notes and events do not, items always do', () => {
    const { caseDb, ctx } = mc;
    expect(targetExists(caseDb, 'timeline_event', EVENT)).toBe(true);
    expect(targetExists(caseDb, 'note', NOTE)).toBe(true);
    expect(targetExists(caseDb, 'evidence_item', uuid(2))).toBe(true);
    expect(targetExists(caseDb, 'note', EVENT)).toBe(false);
    expect(targetExists(caseDb, 'evidence_item', uuid(9))).toBe(false);
    removeNote(caseDb, ctx, NOTE);
    expect(targetExists(caseDb, 'note', NOTE)).toBe(false);
  });

  it('names what each link points at: an event’s title, a note’s first 80 characters, an exhibit', () => {
    const { caseDb, ctx } = mc;
    insertLink(caseDb, ctx, {
      id: uuid(400),
      itemId: uuid(1),
      targetType: 'timeline_event',
      targetId: EVENT,
      relation: 'supports',
    });
    insertLink(caseDb, ctx, {
      id: uuid(401),
      itemId: uuid(1),
      targetType: 'note',
      targetId: NOTE,
      relation: 'discussed in',
    });
    insertLink(caseDb, ctx, {
      id: uuid(402),
      itemId: uuid(1),
      targetType: 'evidence_item',
      targetId: uuid(2),
      relation: 'found with',
    });
    insertLink(caseDb, ctx, {
      id: uuid(403),
      itemId: uuid(1),
      targetType: 'note',
      targetId: uuid(9),
      relation: 'gone',
    });
    expect(describeLinks(caseDb, uuid(1)).map((l) => [l.relation, l.label])).toEqual([
      ['supports', 'Badge used at the Łódź office'],
      ['discussed in', LONG_NOTE.slice(0, 80)],
      ['found with', 'E-0002 Door badge'],
      ['gone', '(no longer in the case)'],
    ]);
  });

  it('removing a link marks it in one evidence.unlink entry; removing it again, or an unknown link, is refused', () => {
    const { caseDb, ctx } = mc;
    insertLink(caseDb, ctx, {
      id: uuid(400),
      itemId: uuid(1),
      targetType: 'note',
      targetId: NOTE,
      relation: 'supports',
    });
    const before = rowOf(caseDb, 'evidence_link', uuid(400));
    const { entry } = oneEntry(caseDb, 'evidence.unlink', () => removeLink(caseDb, ctx, uuid(400)));
    expect(entry.entity).toEqual({ type: 'evidence_item', id: uuid(1) });
    expect(entry.changes).toEqual([
      { table: 'evidence_link', id: uuid(400), before, after: { ...before, removed: 1 } },
    ]);
    expect(listLinks(caseDb, uuid(1))).toEqual([]);
    expect(rowOf(caseDb, 'evidence_link', uuid(400))).toMatchObject({ removed: 1 });
    expectRefused(caseDb, () => removeLink(caseDb, ctx, uuid(400)), 'NOT_FOUND', `no link ${uuid(400)} in this case`);
    expectRefused(caseDb, () => removeLink(caseDb, ctx, uuid(499)), 'NOT_FOUND', `no link ${uuid(499)} in this case`);
    expectIntact(caseDb);
  });
});

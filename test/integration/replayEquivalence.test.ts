import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCaseDbReadOnly } from '../../electron/core/store/db/caseDb.ts';
import { runReplayCheck, runReplayCheckFast } from '../../electron/core/store/verify/replay.ts';
import { addTimelineEvent, editTimelineEvent } from '../../electron/core/services/timeline.ts';
import { insertNote, updateNote } from '../../electron/core/store/tables/notes.ts';
import { removeTimelineEvent } from '../../electron/core/store/tables/timelineEvents.ts';
import { newCase, tempDir } from '../helpers/tempCase.ts';
import { tamper } from '../helpers/tamper.ts';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAMPERS: ((
  ids: { events: string[]; notes: string[] },
  pick: <T>(xs: T[]) => T,
) => [string, ...unknown[]] | null)[] = [
  () => null,
  (ids, pick) => ["UPDATE timeline_event SET title = title || ' (edited)' WHERE id = ?", pick(ids.events)],
  (ids, pick) => ['UPDATE timeline_event SET removed = 1 - removed WHERE id = ?', pick(ids.events)],
  (ids, pick) => ['DELETE FROM timeline_event WHERE id = ?', pick(ids.events)],
  (ids, pick) => [
    "INSERT INTO timeline_event SELECT id || '-copy', occurred_at, zone, title, description, source, category, created_at, updated_at, removed FROM timeline_event WHERE id = ?",
    pick(ids.events),
  ],
  (ids, pick) =>
    ids.notes.length ? ['UPDATE note SET privileged = 1 - privileged WHERE id = ?', pick(ids.notes)] : null,
  () => ["UPDATE case_meta SET tlp = 'CLEAR'"],
  (ids, pick) => [
    "UPDATE timeline_event SET updated_at = created_at, title = 'Event 0' WHERE id = ?",
    pick(ids.events),
  ],
];

describe('the fast replay and the reference replay always agree', () => {
  it('on 40 random cases, each edited and then (mostly) tampered with', () => {
    const verdicts = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = random(seed);
      const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const { path, ctx, caseDb } = newCase(dir, {}, `case-${seed}.custos`);
      const ids = { events: [] as string[], notes: [] as string[] };
      const removed = new Set<string>();
      const operations = 5 + Math.floor(rnd() * 25);
      for (let i = 0; i < operations; i++) {
        const roll = rnd();
        if (roll < 0.5 || ids.events.length === 0) {
          ids.events.push(
            addTimelineEvent(caseDb, ctx, {
              at: `2026-10-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}T10:00Z`,
              title: `Event ${i}`,
              description: '',
              source: '',
              category: 'other',
            }).id,
          );
        } else if (roll < 0.7) {
          const id = pick(ids.events);
          if (!removed.has(id)) editTimelineEvent(caseDb, ctx, id, { title: `Event ${i} (rev)` });
        } else if (roll < 0.8) {
          const id = pick(ids.events);
          removeTimelineEvent(caseDb, ctx, id);
          removed.add(id);
        } else if (roll < 0.9 || ids.notes.length === 0) {
          ids.notes.push(
            insertNote(caseDb, ctx, crypto.randomUUID(), { body: `note ${i}`, author: 'Dana', privileged: rnd() < 0.5 })
              .id,
          );
        } else {
          updateNote(caseDb, ctx, pick(ids.notes), { body: `note ${i} (rev)` });
        }
      }
      caseDb.close();
      const change = pick(TAMPERS)(ids, pick);
      if (change) tamper(path, ...change);
      const reader = openCaseDbReadOnly(path);
      const reference = runReplayCheck(reader.db);
      expect(runReplayCheckFast(reader.db, 0), `seed ${seed}`).toEqual(reference);
      expect(runReplayCheckFast(reader.db), `seed ${seed}`).toEqual(reference);
      verdicts.add(reference.status);
      reader.close();
    }
    // Both outcomes occurred, so the comparison covered passes and failures.
    expect([...verdicts].sort()).toEqual(['fail', 'pass']);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerSet } from '../../electron/core/handlers/index.ts';
import type { AuditEntry } from '../../shared/domain/audit.ts';
import type { Subject, SubjectDetail } from '../../shared/domain/subject.ts';
import { readCase, runCustosInProcess } from '../helpers/cli.ts';
import { handlerCase } from '../helpers/handlerCase.ts';
import type { HandlerCase } from '../helpers/handlerCase.ts';

// The people of an infiltration case through the handlers the window calls: the hired worker whose
// claimed identity was not theirs (aliases in Hangul and Cyrillic), the two facilitators who received
// the laptop for him, an operator who may be the same person, and what each is tied to.

let dataDir: string;
let casePath: string;
let handlers: HandlerSet;
let ok: HandlerCase['ok'];
let cleanup: () => void;
let refused: HandlerCase['refused'];

beforeEach(async () => {
  ({ dataDir, casePath, handlers, ok, refused, cleanup } = await handlerCase({
    title: 'Contractor "Jin-ho Park"',
    fileName: 'park.custos',
  }));
});
afterEach(() => cleanup());
const audit = async () =>
  (await ok<{ items: AuditEntry[] }>('audit:list', { offset: 0, limit: 1000 })).items.slice().reverse();

const WORKER = {
  kind: 'person',
  role: 'worker',
  name: 'Jin-ho Park',
  aliases: ['김정호', 'Ярослав'],
  claimedName: 'Jin-ho Park',
  claimedNationality: 'South Korean',
  claimedLocation: 'Austin, Texas',
  claimedDocuments: 'Passport KR M12345678 (photo does not match the video interview)',
  verifiedLocation: 'Shenyang, China (VPN exit and shipping address disagree)',
  findings: 'The passport photo is a stock image; the voice on calls changed after week 2.',
  identityVerdict: 'false',
  hiredOn: '2026-01-05',
  startedOn: '2026-01-12',
  terminatedOn: '2026-03-02',
  manager: 'Priya Raman',
};

describe('subjects of an infiltration case', () => {
  it('keeps what was claimed beside what was found, names in any script exactly as entered', async () => {
    const worker = await ok<Subject>('subject:add', WORKER);
    expect(worker).toMatchObject({ ...WORKER, verifiedName: '', tlp: 'AMBER', removed: false });
    // The file holds the aliases as typed: Hangul and Cyrillic, not transliterated or folded.
    const stored = readCase(casePath, (db) =>
      db.prepare('SELECT name, aliases, identity_verdict FROM subject WHERE id = ?').get(worker.id),
    );
    expect(stored).toEqual({ name: 'Jin-ho Park', aliases: '["김정호","Ярослав"]', identity_verdict: 'false' });

    const verified = await ok<Subject>('subject:update', {
      id: worker.id,
      patch: { verifiedName: 'unknown (operator "Yaroslav")', identityVerdict: 'false' },
    });
    expect(verified.verifiedName).toBe('unknown (operator "Yaroslav")');
    expect(verified.claimedName).toBe('Jin-ho Park');

    // Dates that cannot be: terminated before hired.
    const early = await refused('subject:update', { id: worker.id, patch: { terminatedOn: '2025-12-31' } });
    expect(early.message).toMatch(/termination date 2025-12-31 is before the hire date 2026-01-05/);

    const entries = await audit();
    const update = entries.find((e) => e.action === 'subject.update')!;
    expect(update.changes[0]!.before).toMatchObject({ verified_name: '' });
    expect(update.changes[0]!.after).toMatchObject({ verified_name: 'unknown (operator "Yaroslav")' });
    expect(entries.filter((e) => e.action.startsWith('subject.')).map((e) => e.action)).toEqual([
      'subject.add',
      'subject.update',
    ]);
  });

  it('links facilitators, an operator who may be the same person, an exhibit, an event and a note, each labelled', async () => {
    const worker = await ok<Subject>('subject:add', WORKER);
    const host = await ok<Subject>('subject:add', { name: 'Mark Ellison', role: 'laptop-farm-host' });
    const courier = await ok<Subject>('subject:add', { name: 'Dana Kowalczyk', role: 'facilitator' });
    const operator = await ok<Subject>('subject:add', { name: 'Ярослав К.', role: 'operator', kind: 'persona' });
    const item = await ok<{ id: string; exhibit: string }>('evidence:addText', {
      description: 'Offer letter shipping address',
      capturedText: 'Ship the laptop to 1200 Harbor Blvd, Apt 4B, Weehawken, NJ',
      method: 'Copied from the HR system',
    });
    const event = await ok<{ id: string }>('timeline:add', {
      at: '2026-01-09T15:20:00-05:00',
      title: 'Laptop delivered to Weehawken',
    });
    const longLine = `Interview notes: ${'the candidate read answers off a second screen, '.repeat(3)}`;
    const note = await ok<{ id: string }>('notes:add', { body: `${longLine}\nSecond line`, privileged: false });

    const link = (subjectId: string, targetType: string, targetId: string, relation: string, confidence = '') =>
      ok<SubjectDetail>('subject:link', { subjectId, targetType, targetId, relation, confidence });
    await link(host.id, 'subject', worker.id, 'received the laptop for');
    await link(courier.id, 'subject', worker.id, 'received the laptop for');
    await link(operator.id, 'subject', worker.id, 'same person as?', 'medium');
    await link(worker.id, 'evidence_item', item.id, 'shipping address in');
    await link(worker.id, 'timeline_event', event.id, 'laptop delivered');
    const detail = await link(worker.id, 'note', note.id, 'interviewed');

    expect(detail.links.map((l) => [l.relation, l.label])).toEqual([
      ['shipping address in', `${item.exhibit} — Offer letter shipping address`],
      ['laptop delivered', 'Laptop delivered to Weehawken'],
      ['interviewed', `${longLine.slice(0, 79)}…`],
    ]);
    expect(detail.linkedFrom.map((l) => [l.label, l.relation, l.confidence])).toEqual([
      ['Mark Ellison', 'received the laptop for', ''],
      ['Dana Kowalczyk', 'received the laptop for', ''],
      ['Ярослав К.', 'same person as?', 'medium'],
    ]);

    // What is refused, and why: itself, the same link twice, something not in the case, a removed subject.
    expect(
      (
        await refused('subject:link', {
          subjectId: worker.id,
          targetType: 'subject',
          targetId: worker.id,
          relation: 'x',
        })
      ).message,
    ).toMatch(/cannot be linked to itself/);
    const twice = await refused('subject:link', {
      subjectId: host.id,
      targetType: 'subject',
      targetId: worker.id,
      relation: 'Received the laptop for',
    });
    expect(twice).toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(twice.message).toMatch(/"Mark Ellison" is already linked to "Jin-ho Park"/);
    const missing = await refused('subject:link', {
      subjectId: worker.id,
      targetType: 'indicator',
      targetId: '00000000-0000-4000-8000-000000000000',
      relation: 'used',
    });
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
    expect(missing.message).toMatch(/no indicator "00000000-0000-4000-8000-000000000000" in this case/);

    // Removing a subject keeps its links: the worker's page shows who received the laptop, marked removed.
    await ok('subject:remove', { id: courier.id });
    expect((await ok<Subject[]>('subject:list', {})).map((s) => s.name)).toEqual([
      'Jin-ho Park',
      'Mark Ellison',
      'Ярослав К.',
    ]);
    const gone = await refused('subject:link', {
      subjectId: worker.id,
      targetType: 'subject',
      targetId: courier.id,
      relation: 'works with',
    });
    expect(gone.message).toMatch(/the subject "Dana Kowalczyk \(removed\)" was removed from this case/);
    const after = await ok<SubjectDetail>('subject:get', { id: worker.id });
    expect(after.linkedFrom.map((l) => l.label)).toContain('Dana Kowalczyk (removed)');

    // Unlinking marks the link removed; a second unlink says so.
    const sameAs = after.linkedFrom.find((l) => l.relation === 'same person as?')!;
    await ok('subject:unlink', { id: sameAs.id });
    expect((await refused('subject:unlink', { id: sameAs.id })).message).toMatch(/already removed/);
    expect((await ok<SubjectDetail>('subject:get', { id: worker.id })).linkedFrom).toHaveLength(2);

    const entries = await audit();
    const actions = entries.map((e) => e.action).filter((a) => a.startsWith('subject.'));
    expect(actions).toEqual([
      ...Array<string>(4).fill('subject.add'),
      ...Array<string>(6).fill('subject.link'),
      'subject.remove',
      'subject.unlink',
    ]);
    const unlink = entries.find((e) => e.action === 'subject.unlink')!;
    expect(unlink.changes[0]).toMatchObject({ table: 'subject_link', before: { removed: 0 }, after: { removed: 1 } });
    const remove = entries.find((e) => e.action === 'subject.remove')!;
    expect(remove.changes[0]).toMatchObject({ table: 'subject', before: { removed: 0 }, after: { removed: 1 } });

    // The file still verifies: every row the audit log's replay expects, the chain intact.
    handlers.dispose();
    const verify = await runCustosInProcess(dataDir, ['verify', casePath]);
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
  });

  it('refuses a day the calendar does not have, naming it', async () => {
    const worker = await ok<Subject>('subject:add', WORKER);
    for (const day of ['2026-02-30', '2026-02-29', '2026-04-31']) {
      const result = await refused('subject:update', { id: worker.id, patch: { terminatedOn: day } });
      expect(result.message, day).toMatch(new RegExp(`${day} is not a date`));
    }
    expect((await refused('subject:add', { name: 'Dana', hiredOn: ' 2026-02-30 ' })).message).toMatch(
      /2026-02-30 is not a date/,
    );
    // The shape alone is refused once, with the example.
    expect((await refused('subject:add', { name: 'Dana', hiredOn: '30.02.2026' })).message).not.toMatch(
      /is not a date/,
    );
    const leap = await ok<Subject>('subject:update', { id: worker.id, patch: { terminatedOn: '2028-02-29' } });
    expect(leap.terminatedOn).toBe('2028-02-29');
  });

  it('writes nothing, and no audit entry, when an update changes nothing', async () => {
    const worker = await ok<Subject>('subject:add', WORKER);
    const count = async () => (await audit()).length;
    const before = await count();
    // The form sends every field back as it was: nothing changes, nothing is written.
    const { id: _id, createdAt: _c, updatedAt: _u, removed: _r, ...fields } = worker;
    const same = await ok<Subject>('subject:update', { id: worker.id, patch: { ...fields, name: ' Jin-ho Park ' } });
    expect(same).toEqual(worker);
    expect(await count()).toBe(before);
    // One field changed: one entry, holding that field (and the time) alone.
    await ok<Subject>('subject:update', { id: worker.id, patch: { ...fields, aliases: ['김정호'] } });
    const entries = await audit();
    expect(entries).toHaveLength(before + 1);
    const change = entries.at(-1)!.changes[0]!;
    const differs = Object.keys(change.after!).filter((k) => change.before![k] !== change.after![k]);
    expect(differs.sort()).toEqual(['aliases', 'updated_at']);
  });
});

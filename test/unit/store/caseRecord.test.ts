import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseRecord } from '../../../shared/domain/case.ts';
import { getCase, insertCase, updateCase } from '../../../electron/core/store/tables/caseRecord.ts';
import type { CaseValues } from '../../../electron/core/store/tables/caseRecord.ts';
import { expectIntact, expectRefused, memoryCase, noEntry, oneEntry, rowOf } from './memoryCase.ts';
import type { MemoryCase } from './memoryCase.ts';

const ID = '3c1e0b7a-2f4d-4e6a-9b8c-7d6e5f4a3b2c';

const VALUES: CaseValues = {
  title: 'Contractor "J. Kim" infiltration',
  reference: 'IR-2026-014',
  caseType: 'infiltration',
  status: 'open',
  severity: 'high',
  tlp: 'AMBER',
  privilegeMarking: 'Privileged & Confidential',
  leadInvestigator: 'Dana Whitfield',
  legalCounsel: 'R. Osei',
  awareAt: null,
  awareZone: null,
  summary: 'Remote contractor suspected of passing access to a third party.',
};

describe('caseRecord: the one case_meta row', () => {
  let mc: MemoryCase;
  beforeEach(() => (mc = memoryCase()));
  afterEach(() => mc.caseDb.close());

  it('a case without its record is refused as not a case', () => {
    expectRefused(mc.caseDb, () => getCase(mc.caseDb), 'NOT_A_CASE', ':memory: has no case record');
    expectRefused(mc.caseDb, () => updateCase(mc.caseDb, mc.ctx, { status: 'closed' }), 'NOT_A_CASE', /no case record/);
  });

  it('insertCase writes the record in one case.create entry; getCase reads it back as a CaseRecord', () => {
    const { caseDb, ctx, times } = mc;
    const { entry } = oneEntry(caseDb, 'case.create', () => insertCase(caseDb, ctx, ID, VALUES));
    const record = getCase(caseDb);
    expect(CaseRecord.parse(record)).toEqual(record);
    expect(record).toEqual({ id: ID, ...VALUES, createdAt: times[0], updatedAt: times[0] });
    expect(entry.entity).toEqual({ type: 'case', id: ID });
    expect(entry.changes).toEqual([
      { table: 'case_meta', id: ID, before: null, after: rowOf(caseDb, 'case_meta', ID) },
    ]);
    expectIntact(caseDb);
  });

  it('updateCase changes only what differs, in one case.update entry, and stamps the time', () => {
    const { caseDb, ctx, times } = mc;
    insertCase(caseDb, ctx, ID, VALUES);
    const before = rowOf(caseDb, 'case_meta', ID);
    const given = times.length;
    const { result, entry } = oneEntry(caseDb, 'case.update', () =>
      updateCase(caseDb, ctx, { status: 'contained', awareAt: '2026-11-01T22:15:00.000Z', awareZone: 'Asia/Seoul' }),
    );
    expect(result).toMatchObject({
      status: 'contained',
      awareAt: '2026-11-01T22:15:00.000Z',
      awareZone: 'Asia/Seoul',
      title: VALUES.title,
    });
    // The edit's time is the clock's, read just before the entry's own; the creation time stays.
    expect(times.slice(given)).toEqual([result.updatedAt, entry.at]);
    expect(result.createdAt).toBe(times[0]);
    expect(entry.changes).toEqual([{ table: 'case_meta', id: ID, before, after: rowOf(caseDb, 'case_meta', ID) }]);
    expectIntact(caseDb);
  });

  it('an update that repeats the current values writes nothing, not even the time', () => {
    const { caseDb, ctx } = mc;
    insertCase(caseDb, ctx, ID, VALUES);
    const record = getCase(caseDb);
    expect(noEntry(caseDb, () => updateCase(caseDb, ctx, { status: 'open', title: VALUES.title }))).toEqual(record);
    expect(noEntry(caseDb, () => updateCase(caseDb, ctx, {}))).toEqual(record);
  });
});

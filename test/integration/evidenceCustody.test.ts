import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddFilesResult, EvidenceDetail, RegisterItem } from '../../shared/domain/evidence.ts';
import { readCase, runCustosInProcess } from '../helpers/cli.ts';
import { handlerCase } from '../helpers/handlerCase.ts';
import type { HandlerCase } from '../helpers/handlerCase.ts';

// Custody at a glance (issue 12): where each exhibit is now, on the register the window reads and
// on `custos evidence show`; and a batch of files each with its own description.

let c: HandlerCase;
let files: string[];

beforeEach(async () => {
  c = await handlerCase({
    title: 'Extortion by former contractor',
    evidenceFiles: (dir) => files.map((f) => join(dir, f)),
  });
  files = ['demand.eml', 'chat.json', 'shot.png'];
  for (const [i, f] of files.entries()) writeFileSync(join(c.dir, f), `evidence ${i} ${f}`);
  await c.ok('dialog:chooseEvidenceFiles', {});
});
afterEach(() => c.cleanup());

const paths = () => files.map((f) => join(c.dir, f));

describe('several files added at once', () => {
  it('gives each its own description; a blank one takes the shared description', async () => {
    const result = await c.ok<AddFilesResult>('evidence:add', {
      paths: paths(),
      draft: { description: 'Sent by the contractor' },
      descriptions: ['The extortion e-mail to the CFO', 'Telegram export of the chat', ''],
    });
    expect(result.added.map((i) => [i.exhibit, i.description])).toEqual([
      ['E-0001', 'The extortion e-mail to the CFO'],
      ['E-0002', 'Telegram export of the chat'],
      ['E-0003', 'Sent by the contractor'],
    ]);
    const register = await c.ok<RegisterItem[]>('evidence:list', {});
    expect(register.map((i) => i.description)).toEqual(result.added.map((i) => i.description));
  });

  it('keeps a request without descriptions valid, and refuses a count that does not match the files', async () => {
    const refusal = await c.refused('evidence:add', {
      paths: paths(),
      draft: {},
      descriptions: ['one', 'two'],
    });
    expect(refusal.message).toMatch(/give one description per file, in the order of the files/);
    expect(readCase(c.casePath, (db) => db.prepare('SELECT count(*) FROM evidence_item').pluck().get())).toBe(0);
    const result = await c.ok<AddFilesResult>('evidence:add', { paths: paths(), draft: { description: 'Batch' } });
    expect(result.added.map((i) => i.description)).toEqual(['Batch', 'Batch', 'Batch']);
  });
});

describe('where each exhibit is now', () => {
  it('the register and the item page say it: held, handed to the police, returned, disposed of', async () => {
    await c.ok('evidence:add', { paths: paths(), draft: {} });
    await c.ok('evidence:transfer', {
      id: 'E-0001',
      draft: {
        from: 'Dana Whitfield',
        to: 'DC Amara Ruiz, Metropolitan Police',
        purpose: 'Referral',
        at: '2026-11-03T15:00',
        zone: 'Europe/London',
      },
    });
    await c.ok('evidence:transfer', {
      id: 'E-0002',
      draft: { kind: 'return', from: 'Dana Whitfield', to: 'R. Alvarez (counsel)', purpose: 'Agreed return' },
    });
    await c.ok('evidence:dispose', {
      id: 'E-0003',
      draft: { method: 'Securely erased', reason: 'Duplicate', authorisedBy: 'Counsel' },
    });
    await c.ok('evidence:verify', { ids: ['E-0001'] });
    const register = await c.ok<RegisterItem[]>('evidence:list', {});
    expect(register.map((i) => [i.exhibit, i.custodyNow.state, i.custodyNow.holder])).toEqual([
      // The verification afterwards is a check, not a move: E-0001 stays with the police.
      ['E-0001', 'transferred', 'DC Amara Ruiz, Metropolitan Police'],
      ['E-0002', 'returned', 'R. Alvarez (counsel)'],
      ['E-0003', 'disposed', ''],
    ]);
    expect(register[0]!.custodyNow).toMatchObject({
      since: '2026-11-03T15:00:00.000Z',
      text: 'with DC Amara Ruiz, Metropolitan Police since 2026-11-03 15:00 UTC',
    });
    const page = await c.ok<EvidenceDetail>('evidence:get', { id: 'E-0001' });
    expect(page.custodyNow).toEqual(register[0]!.custodyNow);
    expect(page.custody.map((e) => e.type).sort()).toEqual(['acquisition', 'transfer', 'verification']);
  });

  it('custos evidence show heads the history with it, and each row says what it was', async () => {
    await c.ok('evidence:add', { paths: paths().slice(0, 1), draft: { description: 'The demand' } });
    await c.ok('evidence:verify', { ids: ['E-0001'] });
    await c.ok('evidence:transfer', {
      id: 'E-0001',
      draft: { from: 'Dana Whitfield', to: 'DC Amara Ruiz', purpose: 'Referral', sealAfter: 'EVB-1' },
    });
    c.handlers.dispose();
    const shown = await runCustosInProcess(c.dataDir, ['evidence', 'show', c.casePath, 'E-0001']);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/\nCustody: with DC Amara Ruiz since \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(shown.stdout).toMatch(/\n {2}\S+ {2}Acquired {6}by Dana Whitfield {2}Acquisition\n/);
    expect(shown.stdout).toMatch(/\n {2}\S+ {2}Verified {6}by Dana Whitfield: match {2}Integrity verification\n/);
    expect(shown.stdout).toMatch(
      /\n {2}\S+ {2}Handed over {3}Dana Whitfield → DC Amara Ruiz {2}Referral {2}\(seal after EVB-1\)/,
    );
    expect(shown.stdout).not.toContain('— → —');
    const json = await runCustosInProcess(c.dataDir, ['evidence', 'show', c.casePath, 'E-0001', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      item: { exhibit: 'E-0001', description: 'The demand' },
      custodyNow: { state: 'transferred', holder: 'DC Amara Ruiz' },
    });
  });
});

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessItem, RunStep } from '../../shared/domain/playbook.ts';
import { CUSTOS_EXTENSION } from '../../electron/core/playbooks/cacao.ts';
import { cacaoSchemaErrors } from '../../electron/core/playbooks/cacaoSchema.ts';
import { findTemplate, listTemplates, saveTemplate } from '../../electron/core/playbooks/library.ts';
import { parseCacaoPlaybook, templateProblems } from '../../electron/core/playbooks/importCacao.ts';
import { readCase } from '../helpers/cli.ts';
import { cliCase } from '../helpers/cliCase.ts';
import { pythonVerdict } from '../helpers/verdicts.ts';
import { ID, thirdParty } from '../helpers/cacao.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed JSON document, read field by field
type Json = any;

// Branches answered by a person, a run exported with its record, access items followed to "verified
// dead", and templates edited into new versions: as a security lead does them on the command line.

let dir: string;
let dataDir: string;
let path: string;
let custos: Awaited<ReturnType<typeof cliCase>>['custos'];
let ok: Awaited<ReturnType<typeof cliCase>>['ok'];
let cleanup: () => void;
beforeEach(async () => {
  ({ dir, dataDir, path, custos, ok, cleanup } = await cliCase());
});
afterEach(() => cleanup());

const steps = async () => (JSON.parse(await ok('playbook', 'show', path, '--json')) as { steps: RunStep[] }).steps;
const state = async (code: string) => (await steps()).find((s) => s.code === code)!.state;

describe('branches', () => {
  it('answering "laptop returned?" sets the other branch aside with the reason, and answering again brings it back', async () => {
    await ok('playbook', 'start', path, 'termination', '--t0', '2031-03-03 09:00', '--zone', 'Europe/Berlin');
    const d4 = (await steps()).find((s) => s.code === 'D4')!;
    expect(d4).toMatchObject({
      kind: 'decision',
      state: 'pending',
      name: 'Has the worker returned the company laptop?',
    });
    expect(d4.options).toEqual([
      { value: 'true', label: 'Yes', leadsTo: 'D4a' },
      { value: 'false', label: 'No', leadsTo: 'D4b' },
    ]);
    expect(await ok('playbook', 'show', path)).toMatch(/D4 {4}question .*\n {8}answers: Yes → D4a, No → D4b/);

    const said = await ok(
      'playbook',
      'decide',
      path,
      'D4',
      '--answer',
      'no',
      '--at',
      '2031-03-10 12:00',
      '--zone',
      'Europe/Berlin',
      '--reason',
      'Courier returned nothing',
    );
    expect(said).toMatch(
      /^D4 answered No \(leads to D4b\) at 2031-03-10 12:00:00 \+01:00 Europe\/Berlin by Dana Whitfield/,
    );
    expect(await state('D4a')).toBe('not_applicable');
    expect((await steps()).find((s) => s.code === 'D4a')!.reason).toBe(
      'Branch not taken: "Has the worker returned the company laptop?" was answered No',
    );
    expect(await state('D4b')).toBe('pending');
    expect(await state('D5')).toBe('pending');
    expect(await ok('playbook', 'show', path)).toMatch(
      /answered No 2031-03-10 12:00:00 \+01:00 Europe\/Berlin by Dana Whitfield; reason: Courier returned nothing/,
    );

    // The laptop arrives after all: the answer changes, and the record shows both answers.
    await ok('playbook', 'decide', path, 'D4', '--answer', 'Yes');
    expect(await state('D4a')).toBe('pending');
    expect(await state('D4b')).toBe('not_applicable');
    const audit = readCase(path, (db) =>
      db.prepare("SELECT action FROM audit_log WHERE action = 'playbook.decide'").pluck().all(),
    );
    expect(audit).toEqual(['playbook.decide', 'playbook.decide']);

    // A question is answered, not marked; a step is marked, not answered. Both say which to use.
    const wrong = await custos('playbook', 'step', path, 'D4', '--state', 'done');
    expect(wrong.stderr).toMatch(/D4 is a question .*custos playbook decide D4 --answer/);
    const wrongAnswer = await custos('playbook', 'decide', path, 'D4', '--answer', 'maybe');
    expect(wrongAnswer.stderr).toMatch(
      /"maybe" is not an answer to "Has the worker returned the company laptop\?"; the answers are Yes, No/,
    );
    expect(await ok('verify', path)).toMatch(/^INTACT: /);
    expect(pythonVerdict(path).ok).toBe(true);
  });

  it('the extortion switch: filing in Germany sets the US, UK, PT and other reports aside', async () => {
    await ok('playbook', 'start', path, 'extortion', '--t0', '2031-03-03 09:00', '--zone', 'UTC');
    await ok('playbook', 'decide', path, 'E8', '--answer', 'DE');
    const byCode = new Map((await steps()).map((s) => [s.code, s.state]));
    expect([...byCode].filter(([code]) => code.startsWith('E8-'))).toEqual([
      ['E8-US', 'not_applicable'],
      ['E8-UK', 'not_applicable'],
      ['E8-DE', 'pending'],
      ['E8-PT', 'not_applicable'],
      ['E8-other', 'not_applicable'],
    ]);
    // What comes after the switch is still to do.
    expect(byCode.get('E9')).toBe('pending');
  });
});

describe('a run exported as CACAO 2.0', () => {
  it('carries the step record in the extension, passes the official schemas, and imports back as its template', async () => {
    writeFileSync(join(dir, 'idp.csv'), 'log');
    await ok('evidence', 'add', path, join(dir, 'idp.csv'), '--description', 'IdP log');
    await ok('playbook', 'start', path, 'termination', '--t0', '2031-03-03 09:00', '--zone', 'Europe/Berlin');
    await ok(
      'playbook',
      'step',
      path,
      'B1',
      '--state',
      'done',
      '--at',
      '2031-03-03 09:02',
      '--zone',
      'Europe/Berlin',
      '--proof',
      'E-0001',
      '--outcome',
      'Sessions revoked',
    );
    await ok('playbook', 'step', path, 'B5', '--state', 'skipped', '--reason', 'No cloud access');
    await ok('access', 'add', path, '--system', 'GitHub', '--identifier', 'jkim-dev');
    const out = join(dir, 'run.json');
    const before = readFileSync(path);
    const said = await ok('playbook', 'export', path, '--out', out);
    expect(said).toMatch(
      /^Exported the run "Termination.*" with its step record as CACAO 2\.0 to .*run\.json \(SHA-256 [0-9a-f]{64}\)/,
    );
    // Exporting reads the case: not one byte of it changes.
    expect(readFileSync(path).equals(before)).toBe(true);

    const doc = JSON.parse(readFileSync(out, 'utf8')) as Record<string, Json>;
    expect(cacaoSchemaErrors(doc)).toEqual([]);
    const ext = doc.playbook_extensions[CUSTOS_EXTENSION];
    expect(ext.run).toMatchObject({
      anchor_at: '2031-03-03T08:00:00.000Z',
      anchor_zone: 'Europe/Berlin',
      started_by: 'Dana Whitfield',
    });
    expect(ext.access_inventory).toEqual([
      expect.objectContaining({ system: 'GitHub', identifier: 'jkim-dev', status: 'active' }),
    ]);
    const byCode = new Map(
      Object.values(doc.workflow as Record<string, Json>).map((s) => [
        s.step_extensions?.[CUSTOS_EXTENSION]?.step_code,
        s.step_extensions?.[CUSTOS_EXTENSION],
      ]),
    );
    expect(byCode.get('B1')).toMatchObject({
      state: 'done',
      done_at: '2031-03-03T08:02:00.000Z',
      done_zone: 'Europe/Berlin',
      done_by: 'Dana Whitfield',
      outcome: 'Sessions revoked',
      proof: [expect.objectContaining({ type: 'evidence_item', label: 'E-0001 IdP log' })],
    });
    expect(byCode.get('B5')).toMatchObject({ state: 'skipped', reason: 'No cloud access' });
    expect(byCode.get('C1')).toMatchObject({ state: 'pending' });
    expect(byCode.get('C1')).not.toHaveProperty('done_at');

    // Read back as a template it is the playbook the run started from, state left aside.
    const back = parseCacaoPlaybook(readFileSync(out), out);
    expect(back).toEqual(findTemplate(dataDir, 'termination').template);

    const again = await custos('playbook', 'export', path, '--out', out);
    expect(again.stderr).toMatch(/exists; choose a new file name \(nothing is overwritten\)/);
  });
});

describe('closing a run', () => {
  it('closes a run whose work is over, refuses changes until it is reopened, and says what was left open', async () => {
    await ok('playbook', 'start', path, 'extortion', '--t0', '2031-03-03 09:00', '--zone', 'UTC');
    await ok('playbook', 'step', path, 'E1', '--state', 'done');
    expect(await ok('playbook', 'close', path)).toMatch(
      /^Closed the run "Extortion response.*"; 16 steps were still open and stay as they were\n/,
    );
    const refused = await custos('playbook', 'step', path, 'E2', '--state', 'done');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/is closed; reopen it first \(custos playbook close CASE --reopen/);
    expect(await ok('playbook', 'show', path)).toMatch(/\(run [0-9a-f-]{36}, closed\)/);
    expect(await ok('playbook', 'close', path, '--reopen')).toMatch(/^Reopened the run/);
    await ok('playbook', 'step', path, 'E2', '--state', 'done');
    const actions = readCase(path, (db) =>
      db.prepare("SELECT action FROM audit_log WHERE action LIKE 'playbook.%' ORDER BY seq").pluck().all(),
    );
    expect(actions).toEqual(['playbook.start', 'playbook.step', 'playbook.close', 'playbook.reopen', 'playbook.step']);
  });
});

describe('the access inventory over time', () => {
  it('records revoked at and verified dead at, with proof, each as one audited write', async () => {
    writeFileSync(join(dir, 'denied.png'), 'login refused');
    await ok('evidence', 'add', path, join(dir, 'denied.png'), '--description', 'Login refused');
    await ok('access', 'add', path, '--system', 'AWS', '--identifier', 'AKIAEXAMPLE', '--category', 'cloud key');
    const [item] = JSON.parse(await ok('access', 'list', path, '--json')) as AccessItem[];
    const revoked = await ok(
      'access',
      'update',
      path,
      item!.id.slice(0, 8),
      '--status',
      'revoked',
      '--at',
      '2031-03-03 09:01',
      '--zone',
      'Europe/Berlin',
    );
    expect(revoked).toMatch(/^AWS AKIAEXAMPLE: revoked at 2031-03-03 08:01:00 UTC\nAudit head: 4:[0-9a-f]{64}\n$/);
    await ok(
      'access',
      'update',
      path,
      item!.id,
      '--status',
      'verified_dead',
      '--at',
      '2031-03-03 10:00',
      '--zone',
      'UTC',
      '--proof',
      'E-0001',
    );
    const [after] = JSON.parse(await ok('access', 'list', path, '--json')) as AccessItem[];
    expect(after).toMatchObject({
      status: 'verified_dead',
      revokedAt: '2031-03-03T08:01:00.000Z',
      verifiedAt: '2031-03-03T10:00:00.000Z',
    });
    expect(after!.proofItemId).not.toBeNull();
    expect(await ok('access', 'list', path)).toMatch(
      /verified_dead +AWS {2}AKIAEXAMPLE .*revoked 2031-03-03 08:01:00 UTC {2}verified dead 2031-03-03 10:00:00 UTC/,
    );
    const unknown = await custos('access', 'update', path, 'ffffffff', '--status', 'revoked');
    expect(unknown.stderr).toMatch(
      /no access item ffffffff in this case \(by id or identifier\); custos access list shows them/,
    );
    const audit = readCase(path, (db) =>
      db.prepare("SELECT action FROM audit_log WHERE action LIKE 'access.%'").pluck().all(),
    );
    expect(audit).toEqual(['access.add', 'access.update', 'access.update']);
    expect(pythonVerdict(path).ok).toBe(true);
  });
});

describe('editing a template', () => {
  it('saves an edited copy as a new version; a built-in stays read-only; a broken edit is refused with where', async () => {
    await ok('playbook', 'duplicate', 'termination', '--name', 'Northwind termination');
    const copy = findTemplate(dataDir, 'Northwind termination').template;
    const b1 = copy.steps.find((s) => s.code === 'B1')!;
    const edited = {
      ...copy,
      steps: copy.steps.map((s) =>
        s.id === b1.id ? { ...s, name: 'Revoke Okta sessions', due: { from: 'T0', minutes: 5 } } : s,
      ),
    };
    expect(templateProblems(edited)).toEqual([]);
    const saved = saveTemplate(dataDir, edited, new Date('2031-01-01T00:00:00Z'));
    expect(saved.template.modified).toBe('2031-01-01T00:00:00.000Z');
    expect(findTemplate(dataDir, 'Northwind termination').template.steps.find((s) => s.id === b1.id)).toMatchObject({
      name: 'Revoke Okta sessions',
      due: { from: 'T0', minutes: 5 },
    });
    // Both versions stay on disk; the list offers the latest once.
    expect(readdirSync(join(dataDir, 'playbooks'))).toHaveLength(2);
    expect(listTemplates(dataDir).usable.filter((e) => e.template.id === copy.id)).toHaveLength(1);

    const builtin = findTemplate(dataDir, 'termination').template;
    expect(() => saveTemplate(dataDir, builtin, new Date())).toThrow(/built in and stays read-only; duplicate it/);

    const dangling = {
      ...edited,
      steps: edited.steps.map((s) =>
        s.id === b1.id ? { ...s, next: 'action--00000000-0000-4000-8000-000000000000' } : s,
      ),
    };
    expect(templateProblems(dangling).join('\n')).toMatch(/action--00000000-0000-4000-8000-000000000000/);
    expect(() => saveTemplate(dataDir, dangling, new Date())).toThrow(
      /cannot be saved: .*action--00000000-0000-4000-8000-000000000000/,
    );
    expect(readdirSync(join(dataDir, 'playbooks'))).toHaveLength(2);
  });
});

describe('what a review found, held', () => {
  it('a step inside a branch done before its question is answered is out of order', async () => {
    await ok('playbook', 'start', path, 'termination', '--t0', '2031-03-03 09:00', '--zone', 'UTC');
    for (const code of ['A1', 'A2', 'A3', 'A3a', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9']) {
      await custos('playbook', 'step', path, code, '--state', 'done');
    }
    for (const code of [
      'B1',
      'B2',
      'B3',
      'B4',
      'B5',
      'B6',
      'B7',
      'B8',
      'B9',
      'B10',
      'C1',
      'C2',
      'C3',
      'C4',
      'D1',
      'D2',
      'D3',
    ]) {
      await custos('playbook', 'step', path, code, '--state', 'done');
    }
    expect(await ok('playbook', 'step', path, 'D4a', '--state', 'done')).toMatch(/out of order/);
  });

  it('access times are checked: read in a zone, never verified before revoked, kept when said again, none for active', async () => {
    const bad = await custos(
      'access',
      'add',
      path,
      '--system',
      'GitHub',
      '--identifier',
      'jk',
      '--revoked-at',
      'yesterday 5pm',
    );
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--revoked-at/);
    await ok(
      'access',
      'add',
      path,
      '--system',
      'GitHub',
      '--identifier',
      'jk',
      '--status',
      'revoked',
      '--revoked-at',
      '2031-03-03 10:00',
      '--zone',
      'Europe/Berlin',
    );
    expect(await ok('access', 'list', path)).toMatch(/revoked 2031-03-03 09:00:00 UTC/);
    const early = await custos(
      'access',
      'update',
      path,
      'jk',
      '--status',
      'verified_dead',
      '--at',
      '2031-03-03 08:00',
      '--zone',
      'UTC',
    );
    expect(early.stderr).toMatch(/is before it was revoked/);
    await ok('access', 'update', path, 'jk', '--status', 'revoked', '--notes', 'PATs too');
    const [item] = JSON.parse(await ok('access', 'list', path, '--json')) as AccessItem[];
    expect(item).toMatchObject({ revokedAt: '2031-03-03T09:00:00.000Z', notes: 'PATs too' });
    const timedActive = await custos('access', 'update', path, 'jk', '--status', 'active', '--at', '2031-03-03 08:00');
    expect(timedActive.stderr).toMatch(/active has no time/);
  });

  it('a closed run’s inventory takes no changes either', async () => {
    await ok('playbook', 'start', path, 'termination', '--t0', '2031-03-03 09:00', '--zone', 'UTC');
    await ok('access', 'add', path, '--system', 'Okta', '--identifier', 'jk@northwind.example');
    await ok('playbook', 'close', path);
    const add = await custos('access', 'add', path, '--system', 'AWS', '--identifier', 'AKIA1');
    expect(add.stderr).toMatch(/is closed; reopen it first/);
    const update = await custos('access', 'update', path, 'jk@northwind.example', '--status', 'revoked');
    expect(update.stderr).toMatch(/is closed; reopen it first/);
  });

  it('an old version of a template imported again is refused, never written over', async () => {
    const v1 = thirdParty();
    const v2 = { ...thirdParty(), name: 'Block a bad MAC address, v2', modified: '2025-04-01T10:00:00.000Z' };
    const tampered = { ...thirdParty(), name: 'Tampered' };
    for (const [name, doc] of [
      ['v1.json', v1],
      ['v2.json', v2],
      ['v1b.json', tampered],
    ] as const) {
      writeFileSync(join(dir, name), JSON.stringify(doc));
    }
    await ok('playbook', 'import', join(dir, 'v1.json'));
    await ok('playbook', 'import', join(dir, 'v2.json'));
    const files = () =>
      readdirSync(join(dataDir, 'playbooks')).map((f) => readFileSync(join(dataDir, 'playbooks', f), 'utf8'));
    const before = files();
    const again = await custos('playbook', 'import', join(dir, 'v1b.json'));
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/version 2025-03-02T10:00:00.000Z of "Tampered" is already in your templates/);
    expect(files()).toEqual(before);
  });

  it('a switch answer matches the case exactly as written first', async () => {
    const doc = thirdParty() as { workflow: Record<string, Record<string, unknown>> } & Record<string, unknown>;
    const where = 'switch-condition--a1b2c3d4-0000-4000-8000-000000000005';
    delete doc.workflow[ID.decide];
    doc.workflow[ID.block]!.on_completion = where;
    doc.workflow[where] = {
      type: 'switch-condition',
      name: 'Where?',
      switch: '__where__',
      cases: { default: ID.notify, Other: ID.retry },
      on_completion: ID.retry,
    };
    doc.playbook_variables = { __where__: { type: 'string' } };
    writeFileSync(join(dir, 'switch.json'), JSON.stringify(doc));
    await ok('playbook', 'import', join(dir, 'switch.json'));
    await ok('playbook', 'start', path, 'Block a bad MAC address', '--t0', '2031-03-03 09:00', '--zone', 'UTC');
    await ok('playbook', 'decide', path, 'S2', '--answer', 'Other');
    const s3 = (await steps()).find((s) => s.stepId === ID.notify)!;
    expect(s3.state).toBe('not_applicable');
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunStep } from '../../shared/domain/playbook.ts';
import { readCase } from '../helpers/cli.ts';
import { cliCase } from '../helpers/cliCase.ts';
import { pythonVerdict } from '../helpers/verdicts.ts';

// A termination run in a case, driven as a security lead would from the command line, then read
// back from the file: every change audited, out-of-order work recorded, and the case still verifies.

let dir: string;
let path: string;
let custos: Awaited<ReturnType<typeof cliCase>>['custos'];
let ok: Awaited<ReturnType<typeof cliCase>>['ok'];
let cleanup: () => void;
beforeEach(async () => {
  ({ dir, path, custos, ok, cleanup } = await cliCase());
});
afterEach(() => cleanup());

const steps = async () => (JSON.parse(await ok('playbook', 'show', path, '--json')) as { steps: RunStep[] }).steps;
const step = async (code: string) => (await steps()).find((s) => s.code === code)!;

describe('a termination playbook run in a case', () => {
  it('records each step with who, when (as entered) and proof; out of order is allowed and said; the case verifies', async () => {
    writeFileSync(join(dir, 'sessions.png'), 'screenshot of the revoked sessions');
    await ok('evidence', 'add', path, join(dir, 'sessions.png'), '--description', 'Revoked sessions');
    // T0 far ahead: nothing is overdue yet.
    expect(
      await ok('playbook', 'start', path, 'termination', '--t0', '2031-03-03T09:00', '--zone', 'Europe/Berlin'),
    ).toMatch(
      /^Started "Termination and access revocation of a suspected DPRK IT worker" \(run [0-9a-f-]{36}\): 32 steps, T0 2031-03-03 09:00:00 \+01:00 Europe\/Berlin\n/,
    );
    expect((await steps()).every((s) => s.state === 'pending' && !s.overdue)).toBe(true);

    const done = await ok(
      'playbook',
      'step',
      path,
      'B4',
      '--state',
      'done',
      '--at',
      '2031-03-03T09:04',
      '--zone',
      'Europe/Berlin',
      '--outcome',
      'Removed from the org; 3 PATs and 2 SSH keys revoked',
      '--proof',
      'E-0001',
    );
    expect(done).toMatch(
      /^B4 done at 2031-03-03 09:04:00 \+01:00 Europe\/Berlin by Dana Whitfield \(out of order: steps before it are not finished\); proof: E-0001 Revoked sessions\n/,
    );
    expect(await step('B4')).toMatchObject({
      state: 'done',
      doneAt: '2031-03-03T08:04:00.000Z',
      doneZone: 'Europe/Berlin',
      doneBy: 'Dana Whitfield',
      outOfOrder: true,
      proof: [{ targetType: 'evidence_item', label: 'E-0001 Revoked sessions' }],
    });

    // A skip needs a reason; with one it is recorded, and reopening clears when it was done.
    const refused = await custos('playbook', 'step', path, 'A2', '--state', 'skipped');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe('custos: a step marked skipped needs a reason\n');
    await ok('playbook', 'step', path, 'A2', '--state', 'skipped', '--reason', 'Outside counsel already engaged');
    expect(await step('A2')).toMatchObject({ state: 'skipped', reason: 'Outside counsel already engaged' });
    await ok('playbook', 'step', path, 'A2', '--state', 'pending');
    expect(await step('A2')).toMatchObject({ state: 'pending', doneAt: null, doneBy: '', reason: '' });
    await ok(
      'playbook',
      'step',
      path,
      'B9',
      '--state',
      'blocked',
      '--reason',
      'EDR console down',
      '--assignee',
      'R. Osei',
    );
    expect(await step('B9')).toMatchObject({ state: 'blocked', assignee: 'R. Osei', doneAt: null });

    await ok(
      'access',
      'add',
      path,
      '--system',
      'GitHub',
      '--identifier',
      'jkim-dev',
      '--category',
      'source control',
      '--status',
      'revoked',
      '--proof',
      'E-0001',
    );
    expect(await ok('access', 'list', path)).toMatch(
      /^[0-9a-f]{8} {2}revoked {8}GitHub {2}jkim-dev {2}\[source control\]\n$/,
    );

    // Every change is one audited write, in order.
    const actions = readCase(path, (db) => db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all());
    expect(actions.slice(1)).toEqual([
      'evidence.add',
      'playbook.start',
      'playbook.step',
      'playbook.step',
      'playbook.step',
      'playbook.step',
      'access.add',
    ]);
    expect(await ok('verify', path)).toMatch(/^INTACT: /);
    expect(pythonVerdict(path).ok).toBe(true);
  });

  it('marks what is due and not done as overdue, counting from T0 and from other steps', async () => {
    await ok('playbook', 'start', path, 'termination', '--t0', '2026-01-05T09:00', '--zone', 'UTC');
    const before = await steps();
    expect(before.find((s) => s.code === 'A1')).toMatchObject({ overdue: true, dueAt: '2026-01-02T09:00:00.000Z' });
    // D1 is due a day after B10 is done: unknown until then.
    expect(before.find((s) => s.code === 'D1')).toMatchObject({ dueAt: null, overdue: false });
    await ok('playbook', 'step', path, 'B10', '--state', 'done', '--at', '2026-01-05T09:40', '--zone', 'UTC');
    expect(await step('D1')).toMatchObject({ dueAt: '2026-01-06T09:40:00.000Z', overdue: true });
    await ok('playbook', 'step', path, 'A1', '--state', 'done', '--at', '2026-01-02T08:00', '--zone', 'UTC');
    expect(await step('A1')).toMatchObject({ overdue: false, outOfOrder: false });
    expect(await ok('playbook', 'show', path)).toMatch(/Progress: 2 of 32 settled; \d+ overdue/);
  });

  it('marks indicators observed, not observed or unknown, never done', async () => {
    await ok('playbook', 'start', path, 'infiltration', '--t0', '2026-11-02T09:30', '--zone', 'Europe/London');
    expect((await steps()).every((s) => s.state === 'unknown')).toBe(true);
    await ok('playbook', 'step', path, 'I16', '--state', 'observed', '--outcome', 'PiKVM seen on the laptop LAN');
    expect(await step('I16')).toMatchObject({ state: 'observed', outcome: 'PiKVM seen on the laptop LAN' });
    const wrong = await custos('playbook', 'step', path, 'I1', '--state', 'done');
    expect(wrong.stderr).toMatch(/an indicator is observed, not_observed or unknown \(or not_applicable\), not done/);
  });

  it('keeps its own copy of the template: an edit to that copy outside Custos is caught', async () => {
    await ok('playbook', 'start', path, 'extortion', '--t0', '2026-11-20T10:00', '--zone', 'UTC');
    const db = new Database(path);
    db.prepare(
      "UPDATE playbook_run SET template_cacao = replace(template_cacao, 'Decide not to pay', 'Decide to pay')",
    ).run();
    db.close();
    const show = await custos('playbook', 'show', path);
    expect(show.status).toBe(2);
    expect(show.stderr).toMatch(/no longer matches its recorded SHA-256; verify the case/);
    const verify = await custos('verify', path);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toMatch(/FAIL {2}State matches the audit log/);
  });

  it('imports an access inventory from CSV: a verdict per line, a preview, and nothing half-imported', async () => {
    await ok('playbook', 'start', path, 'termination', '--t0', '2031-03-03T09:00', '--zone', 'UTC');
    await ok('access', 'add', path, '--system', 'Okta', '--identifier', 'j.kim@northwind.example');
    const csv = join(dir, 'okta-apps.csv');
    writeFileSync(
      csv,
      '\uFEFFSystem,Identifier,Category,Owner,Status,Revoked at,Notes\r\n' +
        'Okta,J.Kim@northwind.example,identity,IT,active,,\r\n' +
        'GitHub,jkim-dev,source control,ENG,revoked,2031-03-03T09:04+00:00,"PATs, SSH keys"\r\n' +
        'AWS,AKIAEXAMPLE,cloud,ENG,active,,\r\n',
    );
    const preview = await ok('access', 'import', path, csv, '--dry-run');
    expect(preview).toBe(
      'line 2: already present  Okta  J.Kim@northwind.example\n' +
        'line 3: added  GitHub  jkim-dev\n' +
        'line 4: added  AWS  AKIAEXAMPLE\n' +
        'Preview only: nothing was imported\n',
    );
    const count = () => readCase(path, (db) => db.prepare('SELECT count(*) FROM access_item').pluck().get());
    expect(count()).toBe(1);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'system,identifier,status\nSlack,U123,gone\nZoom,,active\nVPN,jkim,revoked\n');
    const refused = await custos('access', 'import', path, bad);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'custos: 2 of 3 lines refused, so nothing was imported: line 2: status "gone" is not one of active, revoked, verified_dead, not_applicable; line 3: system and identifier are required\n',
    );
    expect(count()).toBe(1);

    expect(await ok('access', 'import', path, csv)).toMatch(/\nImported 2 of 3 lines\n/);
    expect(count()).toBe(3);
    const github = (
      JSON.parse(await ok('access', 'list', path, '--json')) as { system: string; revokedAt: string; notes: string }[]
    ).find((i) => i.system === 'GitHub');
    expect(github).toMatchObject({ revokedAt: '2031-03-03T09:04:00.000Z', notes: 'PATs, SSH keys' });
  });

  it('puts a finished step on the case timeline when asked, at the time it was done, in the same write', async () => {
    await ok('playbook', 'start', path, 'termination', '--t0', '2031-03-03T09:00', '--zone', 'UTC');
    await ok(
      'playbook',
      'step',
      path,
      'B1',
      '--state',
      'done',
      '--at',
      '2031-03-03T09:01',
      '--zone',
      'Europe/Berlin',
      '--outcome',
      'All sessions revoked',
      '--on-timeline',
    );
    // Done at 09:01 Berlin time: on the timeline at that instant, with the zone it was given in.
    const events = JSON.parse(await ok('timeline', 'list', path, '--json')) as {
      title: string;
      occurredAt: string;
      zone: string;
      category: string;
      description: string;
    }[];
    expect(events).toEqual([
      expect.objectContaining({
        title: 'B1 Shut down the identity account and all its sessions (done)',
        occurredAt: '2031-03-03T08:01:00.000Z',
        zone: 'Europe/Berlin',
        category: 'response',
        description: 'All sessions revoked',
      }),
    ]);
    expect(await ok('verify', path)).toMatch(/^INTACT: /);
  });
});

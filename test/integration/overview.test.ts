import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseOverview } from '../../shared/domain/overview.ts';
import { lastVerification, recordVerification, verificationsOf } from '../../electron/core/services/verificationLog.ts';
import { handlerCase } from '../helpers/handlerCase.ts';
import type { HandlerCase } from '../helpers/handlerCase.ts';
import { runCustosInProcess } from '../helpers/cli.ts';
import { tamper } from '../helpers/tamper.ts';

let c: HandlerCase | undefined;
afterEach(() => {
  c?.cleanup();
  c = undefined;
});

/** A clock that advances a second per call from a time the test can move. */
function movableClock(start: string) {
  let t = Date.parse(start);
  return { clock: () => new Date((t += 1000)), set: (iso: string) => (t = Date.parse(iso)) };
}

type Head = { seq: number; hash: string };

/**
 * A case as a responder has it on day four: one exhibit with the police, one whose file changed
 * since it was logged, GDPR's 72 hours running out, a demand with a deadline, and an offboarding run
 * whose first steps are overdue.
 */
async function dayFour() {
  const time = movableClock('2026-11-02T09:00:00.000Z');
  c = await handlerCase({
    title: 'Contractor "J. Kim" infiltration',
    clock: time.clock,
    record: { reference: 'IR-2026-014', awareAt: '2026-11-01T08:00', awareZone: 'Europe/Berlin' },
    evidenceFiles: (dir) => [join(dir, 'files', 'laptop-image.txt'), join(dir, 'files', 'vpn-log.txt')],
  });
  const { ok, dir } = c;
  mkdirSync(join(dir, 'files'));
  writeFileSync(join(dir, 'files', 'laptop-image.txt'), 'image bytes');
  writeFileSync(join(dir, 'files', 'vpn-log.txt'), 'vpn log');
  await ok('dialog:chooseEvidenceFiles', {});
  const added = await ok<{ added: { id: string; exhibit: string }[] }>('evidence:add', {
    paths: [join(dir, 'files', 'laptop-image.txt'), join(dir, 'files', 'vpn-log.txt')],
    draft: { description: 'Laptop image', byReference: true },
  });
  const [laptop, vpn] = added.added;
  await ok('evidence:transfer', {
    id: laptop!.id,
    draft: {
      from: 'Dana Whitfield',
      to: 'DC Ruiz, Metropolitan Police',
      purpose: 'Forensic examination',
      at: '2026-11-02T11:00',
      zone: 'Europe/Berlin',
    },
  });
  await ok('clock:set', { ruleId: 'gdpr-33' });
  const demand = await ok<{ id: string }>('extortion:addDemand', {
    amount: '40',
    asset: 'BTC',
    threat: 'Publish the payroll files',
    deadline: '2026-11-05T12:00',
    zone: 'Asia/Seoul',
  });
  const templates = await ok<{ id: string; name: string }[]>('playbook:templates', {});
  const termination = templates.find((t) => t.name.startsWith('Termination'))!;
  const run = await ok<{ run: { id: string } }>('playbook:start', {
    template: termination.id,
    title: 'Offboarding J. Kim',
    t0: '2026-11-01T09:00',
    zone: 'Europe/Berlin',
  });
  // The VPN log was rewritten where it lies: the check finds it changed and flags it.
  writeFileSync(join(dir, 'files', 'vpn-log.txt'), 'vpn log, edited');
  await ok('evidence:verify', { ids: [] });
  // Day four, 08:00 UTC: GDPR's 72 hours from 07:00 UTC on the 1st passed an hour ago; the demand
  // (noon in Seoul on the 5th, 03:00 UTC) is 19 hours away.
  time.set('2026-11-04T08:00:00.000Z');
  return { time, laptop: laptop!, vpn: vpn!, demand, runId: run.run.id };
}

const current = async (): Promise<Head> => (await c!.ok<{ head: Head }>('case:current')).head;

describe('overview:get, the case at a glance', () => {
  it('says what a responder asks first: flagged, with the police, deadlines, overdue steps, and what to do next', async () => {
    const { laptop, vpn, demand, runId } = await dayFour();
    const bytes = readFileSync(c!.casePath);
    const o = await c!.ok<CaseOverview>('overview:get', {});
    // Reading it changed nothing.
    expect(readFileSync(c!.casePath).equals(bytes)).toBe(true);

    expect(o.head).toEqual(await current());
    expect(o.integrity).toMatchObject({ status: 'never', last: null, changesSince: 0, otherCopies: 0 });
    expect(o.integrity.flagged).toEqual([
      {
        id: vpn.id,
        exhibit: vpn.exhibit,
        description: 'Laptop image',
        failed: true,
        reason: 'its bytes no longer match the recorded hash',
      },
    ]);
    expect(o.counts).toEqual({
      events: 0,
      notes: 0,
      exhibits: 2,
      flagged: 1,
      holdsInForce: 0,
      subjects: 0,
      indicators: 0,
    });
    expect(o.custody).toMatchObject({ held: 1, transferred: 1, returned: 0, disposed: 0 });
    expect(o.custody.away).toEqual([
      {
        id: laptop.id,
        exhibit: laptop.exhibit,
        description: 'Laptop image',
        state: 'transferred',
        holder: 'DC Ruiz, Metropolitan Police',
        since: '2026-11-02T10:00:00.000Z',
        text: expect.stringContaining('with DC Ruiz, Metropolitan Police since'),
      },
    ]);
    expect(o.aware).toEqual({ at: '2026-11-01T07:00:00.000Z', zone: 'Europe/Berlin' });

    expect(o.deadlines.clocksOn).toBe(1);
    expect(o.deadlines.problem).toBeNull();
    expect(o.deadlines.live.map((d) => [d.kind, d.label, d.dueAt, d.zone, d.status])).toEqual([
      ['clock', expect.stringMatching(/^GDPR/), '2026-11-04T07:00:00.000Z', 'Europe/Berlin', 'overdue'],
      ['demand', 'Demand 40 BTC', '2026-11-05T03:00:00.000Z', 'Asia/Seoul', null],
    ]);

    const [run] = o.playbooks.runs;
    expect(run).toMatchObject({ id: runId, title: 'Offboarding J. Kim', status: 'active', problem: null });
    expect(run!.total).toBeGreaterThan(10);
    expect(run!.overdue).toBeGreaterThan(0);
    expect(o.playbooks.overdue.length).toBe(Math.min(run!.overdue, 10));
    expect(o.playbooks.overdue[0]).toMatchObject({ runId, runTitle: 'Offboarding J. Kim' });

    expect(o.activity).toHaveLength(8);
    expect(o.activity[0]!.seq).toBe(o.head.seq);
    expect(o.activity.every((a) => a.sentence.startsWith('Dana Whitfield'))).toBe(true);

    // Most pressing first: the flagged exhibit, the overdue clock, overdue steps, the demand due
    // within a day, then the verification nobody has made.
    const kinds = o.next.map((n) => n.kind);
    expect(kinds[0]).toBe('flagged-exhibit');
    expect(o.next[0]!.target).toEqual({ type: 'evidence', id: vpn.id });
    expect(o.next[1]).toMatchObject({ kind: 'deadline-overdue', target: { type: 'clock', ruleId: 'gdpr-33' } });
    expect(kinds.slice(2, 5)).toEqual(['step-overdue', 'step-overdue', 'step-overdue']);
    expect(o.next[2]!.target).toMatchObject({ type: 'step', runId });
    expect(o.next.find((n) => n.kind === 'deadline-soon')).toMatchObject({
      urgency: 'soon',
      dueAt: '2026-11-05T03:00:00.000Z',
      target: { type: 'demand', id: demand.id },
    });
    expect(o.next.at(-1)).toMatchObject({ kind: 'verify', target: { type: 'verify' } });
  });

  it('takes the last verification from the examiner’s log, counts the changes since, and ignores another copy’s head', async () => {
    await dayFour();
    const { ok, dataDir } = c!;
    const caseId = (await ok<{ record: { id: string } }>('case:current')).record.id;
    const verified = await current();
    recordVerification(dataDir, {
      caseId,
      at: '2026-11-04T07:30:00.000Z',
      by: 'Dana Whitfield',
      head: verified,
      ok: true,
      summary: 'intact',
      source: 'cli',
    });
    await ok('notes:add', { body: 'Call with counsel', privileged: true });
    await ok('timeline:add', { at: '2026-11-03T10:00', zone: 'Europe/Berlin', title: 'Badge revoked' });
    // A later verification of a copy that went its own way: its head is not this file's.
    recordVerification(dataDir, {
      caseId,
      at: '2026-11-04T07:45:00.000Z',
      by: 'Sam Otieno',
      head: { seq: verified.seq + 1, hash: 'f'.repeat(64) },
      ok: false,
      summary: 'the chain breaks at entry 3',
      source: 'app',
    });

    const o = await ok<CaseOverview>('overview:get', {});
    expect(o.integrity).toMatchObject({
      status: 'ok',
      last: { at: '2026-11-04T07:30:00.000Z', by: 'Dana Whitfield', head: verified, ok: true, source: 'cli' },
      changesSince: 2,
      entriesSince: 2,
      otherCopies: 1,
    });
    expect(o.counts).toMatchObject({ events: 1, notes: 1 });
    expect(o.next.find((n) => n.kind === 'verify')?.text).toBe(
      'Verify the case: 2 changes since the last verification',
    );

    // A failed verification of this case, later: it is what the header shows.
    recordVerification(dataDir, {
      caseId,
      at: '2026-11-04T07:50:00.000Z',
      by: 'Dana Whitfield',
      head: await current(),
      ok: false,
      summary: 'evidence E-0002 does not match',
      source: 'app',
    });
    const failed = await ok<CaseOverview>('overview:get', {});
    expect(failed.integrity).toMatchObject({ status: 'failed', changesSince: 0 });
    expect(failed.next[0]).toMatchObject({ kind: 'verification-failed', target: { type: 'verify' } });
  });

  it('counts a report’s verification, and recording the report is no change to verify', async () => {
    const { tempDir, EXAMINER } = await import('../helpers/tempCase.ts');
    const { dir, cleanup } = tempDir();
    try {
      const data = join(dir, 'data');
      const file = join(dir, 'kim.custos');
      const run = (...args: string[]) => runCustosInProcess(data, args);
      const profile = ['--name', EXAMINER.name, '--role', EXAMINER.role, '--organisation', EXAMINER.organisation];
      expect((await run('profile', 'set', ...profile)).status).toBe(0);
      expect((await run('new', file, '--title', 'Kim')).status).toBe(0);
      expect((await run('note', 'add', file, '--text', 'Call with counsel')).status).toBe(0);
      const report = await run('report', file, '--kind', 'custody', '--out', join(dir, 'custody.pdf'));
      expect(report.stderr).toBe('');
      expect(report.status).toBe(0);
      const o = JSON.parse((await run('overview', file, '--json')).stdout) as CaseOverview;
      expect(o.integrity).toMatchObject({
        status: 'ok',
        last: { by: EXAMINER.name, ok: true, source: 'report', head: { seq: 2 } },
        changesSince: 0,
        entriesSince: 1,
      });
      expect(o.next.some((n) => n.kind === 'verify')).toBe(false);
    } finally {
      cleanup();
    }
  });
});

describe('the verification log', () => {
  it('keeps entries per case, newest first, and leaves out what does not check', async () => {
    const { tempDir } = await import('../helpers/tempCase.ts');
    const { dir, cleanup } = tempDir();
    try {
      const caseId = '4f7c2a51-3f0e-4d8e-9a1b-0c2d3e4f5a6b';
      const entry = (at: string, ok: boolean) => ({
        caseId,
        at,
        by: 'Dana Whitfield',
        head: { seq: 3, hash: 'a'.repeat(64) },
        ok,
        summary: ok ? 'intact' : 'failed',
        source: 'app' as const,
      });
      expect(lastVerification(dir, caseId)).toBeNull();
      recordVerification(dir, entry('2026-11-04T07:30:00.000Z', true));
      recordVerification(dir, entry('2026-11-04T09:30:00.000Z', false));
      recordVerification(dir, entry('2026-11-04T08:30:00.000Z', true));
      expect(verificationsOf(dir, caseId).map((e) => e.at)).toEqual([
        '2026-11-04T09:30:00.000Z',
        '2026-11-04T08:30:00.000Z',
        '2026-11-04T07:30:00.000Z',
      ]);
      expect(lastVerification(dir, caseId)?.ok).toBe(false);
      // Another case has its own file.
      expect(lastVerification(dir, '00000000-0000-4000-8000-000000000000')).toBeNull();

      // Hand-edited: an entry of the wrong shape, another case's entry in this file, junk: left out.
      const file = join(dir, 'verifications', `${caseId}.json`);
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: unknown[] };
      stored.entries.push({ ...entry('2026-12-01T00:00:00.000Z', true), head: { seq: -1, hash: 'x' } });
      stored.entries.push({ ...entry('2026-12-02T00:00:00.000Z', true), caseId: 'other' });
      stored.entries.push('junk');
      writeFileSync(file, JSON.stringify(stored));
      expect(verificationsOf(dir, caseId)).toHaveLength(3);
      writeFileSync(file, '{ not json');
      expect(lastVerification(dir, caseId)).toBeNull();
      writeFileSync(file, ' '.repeat(600 * 1024));
      expect(lastVerification(dir, caseId)).toBeNull();

      // Bounded: the newest 200 are kept.
      for (let i = 0; i < 210; i += 1) {
        recordVerification(dir, entry(new Date(Date.UTC(2026, 10, 5, 0, i)).toISOString(), true));
      }
      const kept = verificationsOf(dir, caseId);
      expect(kept).toHaveLength(200);
      expect(kept.at(-1)!.at).toBe(new Date(Date.UTC(2026, 10, 5, 0, 10)).toISOString());

      // A path-like id cannot write outside the folder; a data folder that cannot be written is no error.
      recordVerification(dir, { ...entry('2026-11-04T07:30:00.000Z', true), caseId: '../../escape' });
      expect(lastVerification(dir, '../../escape')?.caseId).toBe('../../escape');
      writeFileSync(join(dir, 'not-a-folder'), '');
      expect(() =>
        recordVerification(join(dir, 'not-a-folder'), entry('2026-11-04T07:30:00.000Z', true)),
      ).not.toThrow();
    } finally {
      cleanup();
    }
  });
});

describe('custos overview', () => {
  // The command reads at the real time: what it says about time left is not asserted, only the times.
  it('a verification of the original is not one of a copy changed outside Custos, nor the other way round', async () => {
    c = await handlerCase({ title: 'Copied case' });
    const { ok, dataDir, casePath, dir } = c;
    await ok('timeline:add', { at: '2026-10-30T22:14', zone: 'Asia/Seoul', title: 'Laptop delivered' });
    await ok('case:close', {});
    const copy = join(dir, 'copy.custos');
    copyFileSync(casePath, copy);
    // Changed outside Custos: the head does not move, so only the file tells the two apart.
    tamper(copy, "UPDATE timeline_event SET title = 'Nothing happened'");
    expect((await runCustosInProcess(dataDir, ['verify', copy])).status).toBe(1);
    expect((await runCustosInProcess(dataDir, ['verify', casePath])).status).toBe(0);

    const ofCopy = JSON.parse((await runCustosInProcess(dataDir, ['overview', copy, '--json'])).stdout) as CaseOverview;
    expect(ofCopy.integrity.status).toBe('failed');
    const ofOriginal = JSON.parse(
      (await runCustosInProcess(dataDir, ['overview', casePath, '--json'])).stdout,
    ) as CaseOverview;
    expect(ofOriginal.integrity).toMatchObject({ status: 'ok', changesSince: 0 });
  });

  it('prints the same content plainly, times in the examiner’s zone and UTC, and as JSON', async () => {
    const { vpn } = await dayFour();
    const { dataDir, casePath } = c!;
    const text = await runCustosInProcess(dataDir, ['overview', casePath]);
    expect(text.stderr).toBe('');
    expect(text.status).toBe(0);
    const out = text.stdout;
    expect(out).toContain('Contractor "J. Kim" infiltration  (IR-2026-014)');
    expect(out).toMatch(/^ {2}NEVER VERIFIED {3}no verification of this case is known/m);
    expect(out).toContain(
      `FLAGGED          ${vpn.exhibit}  Laptop image: failed verification, its bytes no longer match the recorded hash`,
    );
    expect(out).toMatch(/E-0001 {2}Laptop image: with DC Ruiz, Metropolitan Police since 2026-11-02 10:00 UTC/);
    expect(out).toMatch(/since 2026-11-01 08:00 Europe\/Berlin \(07:00 UTC\)/);
    expect(out).toMatch(/OVERDUE by .* +GDPR/);
    expect(out).toContain('Demand 40 BTC   due 2026-11-05 12:00 Asia/Seoul (03:00 UTC)');
    expect(out).toMatch(/Offboarding J\. Kim: \d+\/\d+ steps settled · \d+ OVERDUE/);
    expect(out).toMatch(/^NEXT\n {2}1\. E-0002 “Laptop image” failed verification/m);
    expect(out).toContain(`custos evidence show ${casePath} ${vpn.exhibit}`);

    const json = await runCustosInProcess(dataDir, ['overview', casePath, '--json']);
    const parsed = JSON.parse(json.stdout) as CaseOverview & { case: { title: string; reference: string } };
    expect(parsed.case).toMatchObject({ title: 'Contractor "J. Kim" infiltration', reference: 'IR-2026-014' });
    expect(parsed.integrity.flagged.map((f) => f.exhibit)).toEqual([vpn.exhibit]);
    expect(parsed.custody.away[0]!.holder).toBe('DC Ruiz, Metropolitan Police');
  });
});

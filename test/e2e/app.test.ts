import Database from 'better-sqlite3';
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness.ts';
import { tamper, tamperCovered } from '../helpers/tamper.ts';
import type { Harness } from './harness.ts';

let h: Harness;
let casePath: string;

beforeAll(async () => {
  h = await startHarness('Europe/Berlin');
  casePath = join(h.workDir, 'IR-2026-014.custos');
});
afterAll(async () => {
  await h?.close();
});

function rows<T>(sql: string, ...params: unknown[]): T[] {
  // Read the case file the way a third party would: plain SQLite, read-only.
  const db = new Database(casePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('a responder works a case end to end', () => {
  it('asks for the examiner profile on first start, and validates it', async () => {
    const { page } = h;
    await page.getByRole('heading', { name: 'Welcome to Custos' }).waitFor();
    await h.screenshot('01-profile-first-start');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByText('Name is required').waitFor();
    expect(existsSync(join(h.dataDir, 'settings.json'))).toBe(false);
    await page.getByLabel('Full name').fill('Dana Whitfield');
    await page.getByLabel('Role').fill('Incident responder');
    await page.getByLabel('Organisation').fill('Northwind Security');
    await h.screenshot('02-profile-filled');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('heading', { name: 'Start' }).waitFor();
    await page.getByText('No recent cases').waitFor();
    const settings = JSON.parse(readFileSync(join(h.dataDir, 'settings.json'), 'utf8')) as {
      profile: { name: string };
    };
    expect(settings.profile.name).toBe('Dana Whitfield');
    await h.screenshot('03-start-empty');
  });

  it('creates a case, saved where the save dialog says', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'New case…' }).click();
    await page.getByRole('button', { name: 'Choose location and create' }).click();
    await page.getByText('Title is required').waitFor();
    await page.getByLabel('Title').fill('Contractor “J. Kim” — suspected DPRK IT worker');
    await page.getByLabel('Reference number').fill('IR-2026-014');
    await page.getByLabel('Case type').selectOption('infiltration_and_extortion');
    await page.getByLabel('TLP marking').selectOption('RED');
    await page.getByLabel('Legal counsel').fill('M. Okafor, outside counsel');
    await page.getByLabel('Organisation became aware').fill('2026-11-03T08:15:00');
    await h.screenshot('04-new-case-form');
    h.nextSavePath(casePath);
    await page.getByRole('button', { name: 'Choose location and create' }).click();
    await page.getByRole('heading', { name: 'Contractor “J. Kim” — suspected DPRK IT worker' }).waitFor();
    await page.locator('.case-header').getByText('TLP:RED').waitFor();
    await page.getByText('Privileged & Confidential — prepared at the direction of counsel').first().waitFor();
    await h.screenshot('05-overview');
    const [record] = rows<{ title: string; tlp: string; aware_at: string; aware_zone: string }>(
      'SELECT title, tlp, aware_at, aware_zone FROM case_meta',
    );
    expect(record).toEqual({
      title: 'Contractor “J. Kim” — suspected DPRK IT worker',
      tlp: 'RED',
      aware_at: '2026-11-03T07:15:00.000Z',
      aware_zone: 'Europe/Berlin',
    });
    expect(rows('SELECT seq, action, actor_name FROM audit_log')).toEqual([
      { seq: 1, action: 'case.create', actor_name: 'Dana Whitfield' },
    ]);
  });

  it('opens the examiner profile within the case, in its main area', async () => {
    const { page } = h;
    const toggle = page.getByRole('button', { name: 'Dana Whitfield' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    const main = page.getByRole('main');
    await main.getByRole('heading', { name: 'Examiner profile', level: 2 }).waitFor();
    expect(await main.getByLabel('Full name').inputValue()).toBe('Dana Whitfield');
    await h.screenshot('05b-profile-in-case');
    await toggle.click();
    await expect.poll(() => page.getByRole('heading', { name: 'Examiner profile' }).count()).toBe(0);
  });

  it('adds timeline events entered in two zones and lists them in time order, three ways', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Timeline' }).click();
    await page.getByText('No events yet').waitFor();
    await page.getByRole('button', { name: 'Add event' }).click();
    await page.getByLabel('When').fill('2026-10-30T22:14:00');
    await page.getByLabel('Time zone of that clock').fill('Asia/Seoul');
    await page.getByLabel('What happened').fill('Company laptop delivered to a facilitator address');
    await page.getByLabel('Category').selectOption('device');
    await page.getByLabel('Source').fill('Courier tracking');
    await page.getByRole('button', { name: 'Add to timeline' }).click();
    await page.getByText('Company laptop delivered to a facilitator address').waitFor();

    // Bad input: no title, and a time that does not exist in Chicago (DST gap): clear errors, nothing written.
    await page.getByLabel('When').fill('2026-03-08T02:30:00');
    await page.getByLabel('Time zone of that clock').fill('America/Chicago');
    await page.getByRole('button', { name: 'Add to timeline' }).click();
    await page.getByText('Title is required').waitFor();
    await page.getByText(/does not exist in America\/Chicago/).waitFor();
    expect(rows('SELECT id FROM timeline_event')).toHaveLength(1);

    await page.getByLabel('When').fill('2026-10-29T09:05:00');
    await page.getByLabel('What happened').fill('VPN sign-in from a residential proxy in Chicago');
    await page.getByLabel('Category').selectOption('access');
    await page.getByRole('button', { name: 'Add to timeline' }).click();
    await page.getByText('VPN sign-in from a residential proxy in Chicago').waitFor();
    await page.getByRole('button', { name: 'Close form' }).click();

    const list = page.getByRole('list', { name: 'Timeline events in time order' });
    const items = list.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(2);
    // Chicago 09:05 CDT (14:05 UTC, 15:05 Berlin) on 29 Oct comes before Seoul 22:14 on 30 Oct (13:14 UTC).
    const first = await items.nth(0).innerText();
    expect(first).toContain('VPN sign-in from a residential proxy in Chicago');
    expect(first).toContain('2026-10-29 15:05:00 +01:00');
    expect(first).toContain('2026-10-29 14:05:00 UTC');
    expect(first).toContain('entered 2026-10-29 09:05:00 -05:00 America/Chicago');
    const second = await items.nth(1).innerText();
    expect(second).toContain('2026-10-30 14:14:00 +01:00');
    expect(second).toContain('2026-10-30 13:14:00 UTC');
    expect(second).toContain('entered 2026-10-30 22:14:00 +09:00 Asia/Seoul');
    await h.screenshot('06-timeline');
    expect(rows('SELECT occurred_at, zone FROM timeline_event ORDER BY occurred_at')).toEqual([
      { occurred_at: '2026-10-29T14:05:00.000Z', zone: 'America/Chicago' },
      { occurred_at: '2026-10-30T13:14:00.000Z', zone: 'Asia/Seoul' },
    ]);
  });

  it('edits an event: the new value shows, the audit keeps old and new', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Edit VPN sign-in from a residential proxy in Chicago' }).click();
    await page.getByLabel('What happened').fill('VPN sign-in via residential proxy (Chicago exit node)');
    await page.getByRole('button', { name: 'Save event' }).click();
    await page.getByText('VPN sign-in via residential proxy (Chicago exit node)').waitFor();
    const [entry] = rows<{ changes: string }>("SELECT changes FROM audit_log WHERE action = 'timeline.update'");
    const change = (JSON.parse(entry!.changes) as { before: { title: string }; after: { title: string } }[])[0]!;
    expect([change.before.title, change.after.title]).toEqual([
      'VPN sign-in from a residential proxy in Chicago',
      'VPN sign-in via residential proxy (Chicago exit node)',
    ]);
  });

  it('adds a privileged note', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Notes' }).click();
    await page.getByText('No notes yet').waitFor();
    await page
      .getByRole('textbox', { name: /^Note/ })
      .fill('Counsel (M. Okafor) advised: revoke all access before HR informs the contractor.');
    await page.getByLabel(/Privileged/).check();
    await page.getByRole('button', { name: 'Add note' }).click();
    await page
      .locator('.note__body', {
        hasText: 'Counsel (M. Okafor) advised: revoke all access before HR informs the contractor.',
      })
      .waitFor();
    expect(await page.getByRole('textbox', { name: /^Note/ }).inputValue()).toBe('');
    await page.locator('.note').getByText('Privileged', { exact: true }).waitFor();
    await h.screenshot('07-notes');
    expect(rows('SELECT author, privileged FROM note')).toEqual([{ author: 'Dana Whitfield', privileged: 1 }]);
  });

  it('keeps everything across a reload and a close and reopen from the recent list', async () => {
    const { page } = h;
    await page.reload();
    await page.getByRole('heading', { name: 'Contractor “J. Kim” — suspected DPRK IT worker' }).waitFor();
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('heading', { name: 'Recent cases' }).waitFor();
    await h.screenshot('08-start-recent');
    await page.locator('.recent__open', { hasText: 'Contractor “J. Kim”' }).click();
    await page.getByRole('button', { name: 'Timeline' }).click();
    await page.getByText('Company laptop delivered to a facilitator address').waitFor();
    await page.getByText('VPN sign-in via residential proxy (Chicago exit node)').waitFor();
    await page.getByRole('button', { name: 'Notes' }).click();
    await page.getByText(/revoke all access before HR/).waitFor();
  });

  it('verifies the case and shows the head to write down', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Audit log' }).click();
    await page.getByRole('button', { name: 'Verify case' }).click();
    await page.getByText(/✓ Case intact/).waitFor();
    const [last] = rows<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    // The head is shown under its heading, "Current head"; a code element carries no label of its own.
    expect(await page.locator('.verify code.head').innerText()).toBe(`${last!.seq}:${last!.hash}`);
    expect(last!.seq).toBe(5);
    const auditText = await page.getByRole('list', { name: 'Audit entries, newest first' }).innerText();
    // In sentences: the note added, and the event renamed from its old title to its new one.
    expect(auditText).toContain('Dana Whitfield added privileged note');
    expect(auditText).toContain(
      "renamed timeline event 'VPN sign-in from a residential proxy in Chicago' (2026-10-29 09:05 America/Chicago) to 'VPN sign-in via residential proxy (Chicago exit node)'",
    );
    await h.screenshot('09-audit-verified');
  });

  it('shows the progress of re-hashing a large evidence file while verifying, then the verdict', async () => {
    const { page } = h;
    // A large disk image referenced in place (sparse: large, quick to make).
    const image = join(h.workDir, 'laptop-farm-kvm.img');
    const fd = openSync(image, 'w');
    ftruncateSync(fd, 1536 * 1024 * 1024);
    closeSync(fd);
    // Chosen in the file dialog, as a person would.
    h.nextEvidenceFiles([image]);
    await h.handlers.invoke('dialog:chooseEvidenceFiles', {});
    expect(
      (
        await h.handlers.invoke('evidence:add', {
          paths: [image],
          draft: { description: 'Disk image of the KVM host', byReference: true },
        })
      ).ok,
    ).toBe(true);
    await page.getByRole('button', { name: 'Verify case' }).click();
    const panel = page.getByRole('status').filter({ hasText: 'Verifying the case' });
    await panel.getByText('— re-hashing every evidence byte (check 3)').waitFor();
    expect(await panel.innerText()).toMatch(/of 1\.5 GiB/);
    // The verdict of the run before is gone while this one runs.
    expect(await page.getByText(/✓ Case intact/).count()).toBe(0);
    await h.screenshot('09b-audit-verify-progress');
    await page
      .getByText('1 referenced file (1.5 GiB) re-hashed; every SHA-256 matches what the items record')
      .waitFor({ timeout: 60_000 });
    await page.getByText(/✓ Case intact/).waitFor();
    expect(await page.getByText('Verifying the case').count()).toBe(0);
  });

  it('shows a named failure after the file is tampered with behind its back', async () => {
    const { page } = h;
    const [event] = rows<{ id: string }>("SELECT id FROM timeline_event WHERE zone = 'Asia/Seoul'");
    const db = new Database(casePath);
    db.prepare("UPDATE timeline_event SET title = 'Nothing was shipped' WHERE id = ?").run(event!.id);
    db.close();
    await page.getByRole('button', { name: 'Verify case' }).click();
    await page.getByText(/✗ Integrity failure/).waitFor();
    await page
      .getByText(
        "The timeline event 'Company laptop delivered to a facilitator address' (2026-10-30 22:14 Asia/Seoul) was changed outside Custos (its title differs from the audit log)",
      )
      .waitFor();
    await h.screenshot('10-audit-tampered');
  });

  it('refuses to open a case someone changed outside Custos, naming what was added', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('heading', { name: 'Recent cases' }).waitFor();
    tamper(casePath, 'CREATE TRIGGER keep_copy AFTER INSERT ON note BEGIN SELECT 1; END');
    const before = readFileSync(casePath);
    await page.locator('.recent__open', { hasText: 'Contractor “J. Kim”' }).click();
    await page
      .getByText(
        /was changed outside Custos: its schema is not the one Custos writes \(extra trigger keep_copy on note, which Custos did not create\)/,
      )
      .waitFor();
    await h.screenshot('12-open-refused-foreign-schema');
    expect(readFileSync(casePath).equals(before)).toBe(true);
    // Taken out again, the case opens as before.
    tamper(casePath, 'DROP TRIGGER keep_copy');
    await page.locator('.recent__open', { hasText: 'Contractor “J. Kim”' }).click();
    await page.getByRole('button', { name: 'Audit log' }).waitFor();
  });

  it('lists an audit entry whose change data is damaged among all the others, marked and named', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('heading', { name: 'Recent cases' }).waitFor();
    tamperCovered(casePath, `UPDATE audit_log SET changes = '[{"after":' WHERE seq = 3`);
    await page.locator('.recent__open', { hasText: 'Contractor “J. Kim”' }).click();
    await page.getByRole('button', { name: 'Audit log' }).click();
    await page
      .locator('.audit-row__damaged', { hasText: 'Unreadable: entry #3’s change data is damaged (it is not JSON)' })
      .waitFor();
    // Every other entry is still listed.
    const entries = await page.getByRole('list', { name: 'Audit entries, newest first' }).innerText();
    for (const seq of [1, 2, 4, 5]) expect(entries).toContain(`#${seq}`);
    await page.getByRole('button', { name: 'Verify case' }).click();
    await page.getByText(/✗ Integrity failure/).waitFor();
    // Its hash no longer matches what is stored: the chain names it first.
    await page.getByText(/Entry 3 was altered: its content no longer matches its hash/).waitFor();
    await page.locator('.audit-row__damaged').scrollIntoViewIfNeeded();
    await h.screenshot('13-audit-unreadable-entry');
  });

  it('marks a recent case whose file has gone missing', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('heading', { name: 'Recent cases' }).waitFor();
    rmSync(casePath);
    await page.reload();
    await page.getByText('File not found — it was moved, renamed or deleted.').waitFor();
    await h.screenshot('11-start-missing');
    expect(h.consoleErrors).toEqual([]);
  });
});

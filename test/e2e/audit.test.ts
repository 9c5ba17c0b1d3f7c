import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

/**
 * The Audit log as a lawyer or a police officer reads it: sentences that name records as a person
 * knows them, the values before and after on demand, a count and head that are never stale, and a
 * tampered record named in the verdict, with where it is in the file beside the name.
 */
let h: Harness;
let casePath: string;
const NARROW = { width: 1280, height: 900 };
const WIDE = { width: 1920, height: 1080 };
const LAPTOP = 'Laptop delivered to facilitator address';

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(casePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
const lastEntry = () =>
  rows<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')[0]!;

async function ok<T = Record<string, unknown>>(channel: string, req: unknown = {}): Promise<T> {
  const result = await h.handlers.invoke(channel, req);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  h = await startHarness('Europe/Berlin');
  casePath = join(h.workDir, 'IR-2026-031.custos');
  await ok('profile:set', {
    name: 'Dana Whitfield',
    role: 'Incident responder',
    organisation: 'Northwind Security',
    timeZone: 'Europe/Berlin',
  });
  h.nextSavePath(casePath);
  await ok('dialog:chooseNewCasePath');
  await ok('case:create', {
    path: casePath,
    draft: {
      title: 'Contractor “J. Kim” — DPRK IT worker',
      reference: 'IR-2026-031',
      caseType: 'infiltration_and_extortion',
    },
  });
  await ok('timeline:add', {
    at: '2026-10-30T22:14',
    zone: 'Asia/Seoul',
    title: LAPTOP,
    source: 'Courier tracking',
    category: 'device',
  });
  const note = await ok<{ id: string }>('notes:add', { body: 'Call with counsel', privileged: false });
  await ok('notes:update', { id: note.id, patch: { privileged: true } });
  await ok('case:update', { status: 'contained' });
  await h.page.reload();
});
afterAll(async () => {
  await h?.close();
});

describe('the audit log in sentences', () => {
  it('reads each entry as a sentence, newest first, with time, actor and details on demand', async () => {
    const { page } = h;
    await page.setViewportSize(NARROW);
    await page.getByRole('button', { name: 'Audit log' }).click();
    const list = page.getByRole('list', { name: 'Audit entries, newest first' });
    await list.getByText('Dana Whitfield changed the case status from open to contained').waitFor();
    const text = await list.innerText();
    expect(text).toContain("Dana Whitfield marked note 'Call with counsel' privileged");
    expect(text).toContain(`Dana Whitfield added timeline event '${LAPTOP}' (2026-10-30 22:14 Asia/Seoul)`);
    expect(text).toContain(
      "Dana Whitfield created the case record 'Contractor “J. Kim” — DPRK IT worker' (IR-2026-031)",
    );
    // No raw flags or ids as the main text.
    expect(text).not.toMatch(/removed 0|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    await h.screenshot('audit-sentences-narrow');

    // The values before and after, labelled, and where the entry is in the file, on demand.
    const row = page.locator('.audit-row', { hasText: "marked note 'Call with counsel' privileged" });
    await row.getByRole('button', { name: 'Details' }).click();
    const details = row.locator('.audit-row__details');
    await details.waitFor();
    const shown = await details.innerText();
    expect(shown).toMatch(/privileged\s+no\s*→\s*yes/);
    expect(shown).toContain('note.update');
    expect(shown).toContain(rows<{ hash: string }>("SELECT hash FROM audit_log WHERE action = 'note.update'")[0]!.hash);
    expect(await row.getByRole('button', { name: 'Hide details' }).getAttribute('aria-expanded')).toBe('true');
    await page.setViewportSize(WIDE);
    await h.screenshot('audit-sentences-wide');
    await page.setViewportSize(NARROW);
  });

  it('keeps the count and head current: after Verify, after a change made elsewhere, after a note', async () => {
    const { page } = h;
    const count = page.getByTestId('audit-count');
    const head = page.getByTestId('audit-head');
    await expect.poll(() => count.innerText()).toBe(String(lastEntry().seq));

    // A change the Audit view was not told of (as a background job's): Verify reads it.
    await ok('timeline:add', {
      at: '2026-10-31T03:05',
      zone: 'UTC',
      title: 'VPN login from Shenyang exit node',
      category: 'access',
    });
    await page.getByRole('button', { name: 'Verify case' }).click();
    await page.getByText(/✓ Case intact/).waitFor();
    const afterVerify = lastEntry();
    await expect.poll(() => count.innerText()).toBe(String(afterVerify.seq));
    await expect.poll(() => head.innerText()).toBe(`${afterVerify.seq}:${afterVerify.hash}`);
    await page
      .getByText("Dana Whitfield added timeline event 'VPN login from Shenyang exit node'", { exact: false })
      .waitFor();

    // A note added in Notes: back in the Audit log, count and head follow.
    await page.getByRole('button', { name: 'Notes' }).click();
    await page.getByRole('textbox', { name: /^Note/ }).fill('Courier returned laptop LT-0412 with seal 00417 intact.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.note__body', { hasText: 'Courier returned laptop LT-0412' }).waitFor();
    await page.getByRole('button', { name: 'Audit log' }).click();
    const afterNote = lastEntry();
    expect(afterNote.seq).toBe(afterVerify.seq + 1);
    await expect.poll(() => count.innerText()).toBe(String(afterNote.seq));
    await expect.poll(() => head.innerText()).toBe(`${afterNote.seq}:${afterNote.hash}`);
    await page
      .getByText("Dana Whitfield added note 'Courier returned laptop LT-0412 with seal 00417 intact.'")
      .waitFor();
  });

  it('names a record changed outside Custos as a person knows it, with the technical place beside it', async () => {
    const { page } = h;
    const [event] = rows<{ id: string }>('SELECT id FROM timeline_event WHERE title = ?', LAPTOP);
    const db = new Database(casePath);
    db.prepare("UPDATE timeline_event SET title = 'Nothing was shipped' WHERE id = ?").run(event!.id);
    db.close();
    await page.getByRole('button', { name: 'Verify case' }).click();
    await page.getByText(/✗ Integrity failure/).waitFor();
    const report = page.locator('.report--fail');
    await report
      .getByText(
        `The timeline event '${LAPTOP}' (2026-10-30 22:14 Asia/Seoul) was changed outside Custos (its title differs from the audit log)`,
      )
      .waitFor();
    expect(await report.innerText()).toContain(`Where in the file: table timeline_event, row ${event!.id}`);
    await h.screenshot('audit-tamper-named');
    await page.setViewportSize(WIDE);
    await h.screenshot('audit-tamper-named-wide');
    await page.setViewportSize(NARROW);
  });
});

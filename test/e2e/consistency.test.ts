import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

/**
 * What should read the same on every machine and every screen: times typed as 2026-11-03 08:15
 * whatever the machine's locale, messages that never cover what is being read, and progress that
 * says "Starting…" rather than "0 B/s · — left".
 */
let h: Harness;
let casePath: string;
let termination: string;

const NARROW = { width: 1280, height: 800 };
const WIDE = { width: 1920, height: 1080 };

function rows<T>(sql: string): T[] {
  const db = new Database(casePath, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The toast is on screen and overlaps no section button, nothing in the main column, nothing at the sidebar's foot. */
async function expectToastClear(): Promise<void> {
  const { page } = h;
  const toast = (await page.locator('.toast').boundingBox())!;
  const main = (await page.locator('.main').boundingBox())!;
  expect(toast.x + toast.width).toBeLessThanOrEqual(main.x);
  const viewport = page.viewportSize()!;
  expect(toast.y + toast.height).toBeLessThanOrEqual(viewport.height);
  const covered = page.locator('.sidebar button, .sidebar__foot *');
  for (let i = 0; i < (await covered.count()); i++) {
    const box = await covered.nth(i).boundingBox();
    if (box) expect(overlaps(toast, box), `toast covers ${await covered.nth(i).innerText()}`).toBe(false);
  }
}

beforeAll(async () => {
  h = await startHarness('Europe/Berlin');
  await h.page.clock.install();
  casePath = join(h.workDir, 'consistency.custos');
  await h.handlers.invoke('profile:set', {
    name: 'Dana Whitfield',
    role: 'Incident responder',
    organisation: 'Northwind Security',
    timeZone: 'Europe/Berlin',
  });
  h.nextSavePath(casePath);
  await h.handlers.invoke('dialog:chooseNewCasePath', {});
  await h.handlers.invoke('case:create', {
    path: casePath,
    draft: { title: 'Contractor “J. Kim”: suspected DPRK IT worker', reference: 'IR-2026-021', caseType: 'extortion' },
  });
  for (const [description, capturedText] of [
    ['Demand read aloud on the 3 Nov call', 'Pay 40 BTC by Friday or the repository goes to a leak site.'],
    ['Telegram handle given by the contractor', '@jk_devops_remote'],
  ] as const) {
    await h.handlers.invoke('evidence:addText', { description, capturedText, method: 'Typed verbatim by counsel' });
  }
  const templates = (await h.handlers.invoke('playbook:templates', {})) as {
    value: { id: string; name: string }[];
  };
  termination = templates.value.find((t) => t.name.startsWith('Termination'))!.id;
  await h.page.setViewportSize(NARROW);
  await h.page.reload();
});
afterAll(async () => {
  await h?.close();
});

describe('dates and times are typed year-month-day, 24-hour, whatever the locale', () => {
  it('reads 2026-11-03 08:15 in a plain text field, and says how to write 11/03/2026 08:15 AM', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Timeline' }).click();
    await page.getByRole('button', { name: 'Add event' }).click();
    const when = page.getByLabel('When');
    // A plain text field, so the locale has nothing to lay out: the harness's Chromium runs en-GB,
    // and a US-English machine shows exactly the same field (a datetime-local would show
    // 11/03/2026 08:15 AM there). What a US examiner types out of habit is answered below.
    expect(await when.getAttribute('type')).toBe('text');
    expect(await when.getAttribute('placeholder')).toBe('YYYY-MM-DD HH:MM');
    await page.getByText('Written 2026-11-03 14:30 (24-hour)').first().waitFor();

    // Typed as the US locale writes it: leaving the field says how to write it, both readings given.
    await when.fill('11/03/2026 08:15 AM');
    await page.getByLabel('Time zone of that clock').fill('Asia/Seoul');
    await page.getByText(/is 2026-11-03 08:15 if it means 3 November, 2026-03-11 08:15 if 11 March/).waitFor();
    expect(await when.getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('What happened').fill('Laptop delivered to facilitator address');
    await page.getByRole('button', { name: 'Add to timeline' }).click();
    await page.getByText(/^Custos reads year-month-day on a 24-hour clock/).waitFor();
    expect(rows('SELECT id FROM timeline_event')).toHaveLength(0);
    await h.screenshot('time-entry-us-refused');

    // ISO with a space; the UTC it stands for shows under it as it is typed.
    await when.fill('2026-11-03 08:15');
    await page.getByText('= 2026-11-02 23:15:00 UTC').waitFor();
    // Arrow keys step the part under the caret: the hour here.
    await when.focus();
    await when.evaluate((el: HTMLInputElement) => el.setSelectionRange(12, 12));
    await when.press('ArrowUp');
    expect(await when.inputValue()).toBe('2026-11-03 09:15');
    await when.press('ArrowDown');
    expect(await when.inputValue()).toBe('2026-11-03 08:15');
    await h.screenshot('time-entry-iso');
    await page.getByRole('button', { name: 'Add to timeline' }).click();
    await expect
      .poll(() => rows<{ occurred_at: string; zone: string }>('SELECT occurred_at, zone FROM timeline_event'))
      .toEqual([{ occurred_at: '2026-11-02T23:15:00.000Z', zone: 'Asia/Seoul' }]);

    // Pasted ISO with a T and seconds reads too; one with Z is sent to the zone field.
    await when.fill('2026-11-04T07:30:12Z');
    await page.getByLabel('What happened').click();
    await page.getByText(/Leave out “Z”: .*set that zone to UTC/).waitFor();
    await when.fill('2026-11-04T07:30:12');
    await page.getByLabel('What happened').fill('Second sign-in from the proxy');
    await page.getByRole('button', { name: 'Add to timeline' }).click();
    await expect
      .poll(() => rows<{ occurred_at: string }>('SELECT occurred_at FROM timeline_event ORDER BY occurred_at'))
      .toEqual([{ occurred_at: '2026-11-02T23:15:00.000Z' }, { occurred_at: '2026-11-03T22:30:12.000Z' }]);
    await page.getByRole('button', { name: 'Close form' }).click();
  });
});

describe('messages never cover what is being read', () => {
  it('shows a confirmation over the sidebar, clear of the run and the section list, at 1280 and 1920 px', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Playbooks', exact: true }).click();
    await page.getByRole('heading', { name: 'Start a playbook' }).waitFor();
    await page.getByRole('combobox', { name: 'Playbook', exact: true }).selectOption(termination);
    const t0 = page.getByLabel('T0 *', { exact: true });
    expect(await t0.getAttribute('type')).toBe('text');
    await t0.fill('2026-11-03 18:00');
    await page.getByText('= 2026-11-03 17:00:00 UTC').waitFor();
    await page.getByRole('button', { name: 'Start playbook' }).click();
    const toast = page.locator('.toast');
    await toast.getByText(/Playbook “Termination.*” started/).waitFor();
    expect(await toast.getAttribute('role')).toBe('status');
    // Held while the pointer is on it, so the picture is of the toast, not of its fade.
    await toast.hover();
    await expectToastClear();
    await h.screenshot('toast-placement-narrow');
    await page.setViewportSize(WIDE);
    await expectToastClear();
    await h.screenshot('toast-placement-wide');
    // Left alone, a confirmation fades and goes.
    await page.mouse.move(WIDE.width - 10, WIDE.height - 10);
    expect(await toast.getAttribute('class')).toContain('toast--fading');
    await page.clock.runFor(7000);
    await toast.waitFor({ state: 'detached' });
    await page.setViewportSize(NARROW);
  });

  it('shows "Starting…" before a byte is counted, not "0 B/s · — left"', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Evidence' }).click();
    const register = page.getByRole('list', { name: 'Evidence register' });
    await expect.poll(() => register.getByRole('listitem').count()).toBe(2);
    // The verification is held on its way, so the panel is seen before any progress arrives.
    const held = h.holdBack('evidence:verify');
    await page.getByRole('button', { name: 'Verify all' }).click();
    await held.arrived;
    const panel = page.locator('.progress-panel');
    await panel.getByText('Starting…').waitFor();
    expect(await panel.innerText()).not.toMatch(/B\/s|— left/);
    await h.screenshot('progress-starting');
    held.release();
    await page
      .locator('.toast')
      .getByText(/2 items re-hashed: all match/)
      .waitFor();
    await page.locator('.toast').getByRole('button', { name: 'Dismiss message' }).click();
    await page.locator('.toast').waitFor({ state: 'detached' });
  });

  it('keeps an error until it is dismissed, with Escape or ✕, clear of the register', async () => {
    const { page } = h;
    const missing = join(h.workDir, 'no-such-folder', 'exhibits');
    for (const dismiss of ['Escape', 'click'] as const) {
      h.nextExportFolder(missing);
      await page.getByRole('button', { name: 'Export all…' }).click();
      const toast = page.locator('.toast');
      await toast.waitFor();
      expect(await toast.getAttribute('role')).toBe('alert');
      expect(await toast.getAttribute('class')).not.toContain('toast--fading');
      await expectToastClear();
      // Half a minute later it is still there to be read.
      await page.clock.runFor(30_000);
      expect(await toast.isVisible()).toBe(true);
      if (dismiss === 'Escape') {
        await h.screenshot('toast-error-stays');
        await page.keyboard.press('Escape');
      } else {
        await toast.getByRole('button', { name: 'Dismiss message' }).click();
      }
      await toast.waitFor({ state: 'detached' });
    }
  });
});

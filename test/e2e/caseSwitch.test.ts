import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

// Everything the renderer holds about a case must go when another case takes its place: a legal
// hold of one case shown on another would tell the examiner the wrong thing about what may be
// disposed of.

let h: Harness;
let extortion: string;
let phishing: string;
const REASON = 'Preservation letter from counsel, 12 Nov';
const EXTORTION = 'Extortion by former contractor';
const PHISHING = 'Phishing report from the finance team';

function holdsIn(path: string): { reason: string; item_id: string | null }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT reason, item_id FROM legal_hold').all() as { reason: string; item_id: string | null }[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  h = await startHarness('Europe/London');
  extortion = join(h.workDir, 'extortion.custos');
  phishing = join(h.workDir, 'phishing.custos');
  // A profile and the first case with one item, the quick way: through the handlers the screens use.
  await h.handlers.invoke('profile:set', {
    name: 'Dana Whitfield',
    role: 'Incident responder',
    organisation: 'Northwind Security',
    timeZone: '',
  });
  h.nextSavePath(extortion);
  await h.handlers.invoke('dialog:chooseNewCasePath', {});
  await h.handlers.invoke('case:create', { path: extortion, draft: { title: EXTORTION, caseType: 'extortion' } });
  const item = await h.handlers.invoke('evidence:addText', {
    description: 'Demand read aloud on the 3 Nov call',
    capturedText: 'Pay 40 BTC by Friday.',
    method: 'Typed verbatim during the call',
  });
  expect(item.ok).toBe(true);
  await h.page.reload();
});
afterAll(async () => {
  await h?.close();
});

describe('switching cases', () => {
  it('places a legal hold on the whole case, shown above the register', async () => {
    const { page } = h;
    await page.getByRole('heading', { name: EXTORTION }).waitFor();
    await page.getByRole('button', { name: 'Evidence', exact: true }).click();
    await page.getByRole('button', { name: /E-0001/ }).waitFor();
    await page.getByText('No legal hold is in force.').waitFor();
    await page.getByRole('button', { name: 'Place legal hold on the case…' }).click();
    await page.getByLabel('Reason').fill(REASON);
    await page.getByRole('button', { name: 'Place hold on the case' }).click();
    await page.getByText('Legal hold placed on the whole case').waitFor();
    const hold = page.locator('.holds__list').getByRole('listitem');
    await expect.poll(() => hold.count()).toBe(1);
    expect(await hold.innerText()).toMatch(new RegExp(`^Legal hold on the whole case — ${REASON}`));
    expect(await page.getByText('No legal hold is in force.').count()).toBe(0);
    expect(holdsIn(extortion)).toEqual([{ reason: REASON, item_id: null }]);
    await h.screenshot('40-switch-hold-on-first-case');
  });

  it('shows a new case without the hold of the case before, even while its own holds are being read', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('button', { name: 'New case…' }).click();
    await page.getByLabel('Title').fill(PHISHING);
    h.nextSavePath(phishing);
    await page.getByRole('button', { name: 'Choose location and create' }).click();
    await page.getByRole('heading', { name: PHISHING }).waitFor();

    // The new case's holds are held back: what shows meanwhile is what the store kept, and it must
    // be nothing of the other case (and no claim either way about holds not yet read).
    const holdList = h.holdBack('hold:list');
    await page.getByRole('button', { name: 'Evidence', exact: true }).click();
    await holdList.arrived;
    await page.getByRole('heading', { name: /^Evidence/ }).waitFor();
    expect(await page.getByText(REASON).count()).toBe(0);
    expect(await page.locator('.holds__list').count()).toBe(0);
    expect(await page.getByText('No legal hold is in force.').count()).toBe(0);
    expect(await page.getByRole('button', { name: /E-0001/ }).count()).toBe(0);
    holdList.release();

    await page.getByText('No legal hold is in force.').waitFor();
    await page.getByText('No evidence yet').waitFor();
    expect(await page.getByText(REASON).count()).toBe(0);
    expect(holdsIn(phishing)).toEqual([]);
    await h.screenshot('41-switch-new-case-no-hold');
  });

  it('opens another case from the menu with one open: its own hold shows, never the other’s', async () => {
    const { page } = h;
    await h.menuCommand({ command: 'openRecent', path: extortion });
    await page.getByRole('heading', { name: EXTORTION }).waitFor();
    await page.getByRole('button', { name: 'Evidence', exact: true }).click();
    await page.locator('.holds__list').getByText(REASON).waitFor();
    await page.getByRole('button', { name: /E-0001/ }).waitFor();

    // Straight from the first case's register to the second case, no Close in between.
    await h.menuCommand({ command: 'openRecent', path: phishing });
    await page.getByRole('heading', { name: PHISHING }).waitFor();
    const holdList = h.holdBack('hold:list');
    await page.getByRole('button', { name: 'Evidence', exact: true }).click();
    await holdList.arrived;
    await page.getByRole('heading', { name: /^Evidence/ }).waitFor();
    expect(await page.getByText(REASON).count()).toBe(0);
    expect(await page.getByRole('button', { name: /E-0001/ }).count()).toBe(0);
    expect(await page.getByText('No legal hold is in force.').count()).toBe(0);
    await h.screenshot('42-switch-holds-being-read');
    holdList.release();

    await page.getByText('No legal hold is in force.').waitFor();
    await page.getByText('No evidence yet').waitFor();
    expect(await page.getByText(REASON).count()).toBe(0);
    expect(h.consoleErrors).toEqual([]);
  });
});

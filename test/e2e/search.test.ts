import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

// One search box over the whole case: a responder types part of a name, a wallet as it was pasted
// from a chat, a phrase from a captured message or a step's outcome, and opens what it finds.

let h: Harness;
const WALLET = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const CAPTURED = 'Pay before Friday or the source code of the billing service goes public';
const OUTCOME = 'Laptop wiped remotely through Intune; serial 5CD1234XYZ confirmed by the courier';
const EVENT = 'Courier collected the laptop at the Porto drop address';
const NOTE = 'Spoke with HR: the reference for João Gonçalves was never called back';
const MESSAGE = 'Second message from the extortionist, from a new Proton address';

const dialog = () => h.page.getByRole('dialog', { name: 'Search this case' });
const box = () => dialog().getByRole('combobox', { name: 'Search this case' });
const hits = () => dialog().getByRole('option');
const group = (label: string) => dialog().getByRole('group', { name: new RegExp(`^${label}`) });
const activeElement = () =>
  h.page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: { outerHTML: string } | null } }).document;
    return doc.activeElement?.outerHTML.slice(0, 200) ?? '';
  });

async function ok<T>(pending: Promise<unknown>): Promise<T> {
  const result = (await pending) as { ok: boolean; value: T; error?: { message: string } };
  expect(result.ok, result.error?.message).toBe(true);
  return result.value;
}

/** Opens the search with the keyboard and types a query; resolves once its answer is shown. */
async function search(text: string) {
  await h.page.keyboard.press('Control+K');
  await box().waitFor();
  await box().fill(text);
  await dialog()
    .getByRole('status')
    .filter({ hasText: new RegExp(`(match|matches) for “${text}”|No match for “${text}”`) })
    .waitFor();
}

beforeAll(async () => {
  h = await startHarness('Europe/Lisbon');
  await ok(
    h.handlers.invoke('profile:set', {
      name: 'Dana Whitfield',
      role: 'Incident responder',
      organisation: 'Northwind Security',
      timeZone: '',
    }),
  );
  const path = join(h.workDir, 'search.custos');
  h.nextSavePath(path);
  await h.handlers.invoke('dialog:chooseNewCasePath', {});
  await ok(
    h.handlers.invoke('case:create', { path, draft: { title: 'Suspected DPRK IT worker', caseType: 'extortion' } }),
  );
  await ok(
    h.handlers.invoke('timeline:add', {
      at: '2026-11-02T10:15',
      zone: 'Europe/Lisbon',
      title: EVENT,
      description: 'The courier confirmed by phone; photo in the chat export',
      category: 'other',
    }),
  );
  await ok(h.handlers.invoke('notes:add', { body: NOTE, privileged: false }));
  await ok(
    h.handlers.invoke('evidence:addText', {
      description: 'Telegram message from the handler',
      capturedText: CAPTURED,
      method: 'Copied from the Telegram desktop app',
    }),
  );
  await ok(
    h.handlers.invoke('subject:add', {
      name: 'João Gonçalves',
      role: 'other',
      claimedNationality: 'Portuguese',
      notes: 'Hired as a remote contractor in March',
    }),
  );
  await ok(h.handlers.invoke('indicator:add', { type: 'eth', value: WALLET, notes: 'Wallet named in the demand' }));
  const message = await ok<{ id: string }>(
    h.handlers.invoke('extortion:addMessage', {
      at: '2026-11-03T08:00',
      zone: 'Europe/Lisbon',
      channel: 'email',
      sender: 'k.lee@proton.me',
      summary: MESSAGE,
      body: 'We have your source code. Pay 25000 USDT.',
    }),
  );
  await ok(
    h.handlers.invoke('extortion:addDemand', {
      messageId: message.id,
      amount: '25000',
      asset: 'USDT',
      payTo: WALLET,
      threat: 'Publish the billing service source code on a leak site',
    }),
  );
  const templates = await ok<{ id: string; name: string }[]>(h.handlers.invoke('playbook:templates', {}));
  const termination = templates.find((t) => t.name.startsWith('Termination'))!;
  const run = await ok<{ run: { id: string }; steps: { stepId: string; kind: string }[] }>(
    h.handlers.invoke('playbook:start', {
      template: termination.id,
      title: 'Termination of J. Gonçalves',
      t0: new Date(Date.now() - 3_600_000).toISOString(),
    }),
  );
  const step = run.steps.find((s) => s.kind !== 'decision')!;
  await ok(
    h.handlers.invoke('playbook:step', { runId: run.run.id, step: step.stepId, state: 'done', outcome: OUTCOME }),
  );
  await h.page.reload();
  await h.page.getByRole('heading', { name: 'Suspected DPRK IT worker', level: 1 }).waitFor();
});
afterAll(async () => {
  await h?.close();
});

describe('the case-wide search', () => {
  it('opens on Ctrl+K, finds João Gonçalves by "joao" with the match marked, and Enter opens his record', async () => {
    const { page } = h;
    // From a section that fits the window: the full-page picture then shows the dimmed case whole.
    await page.getByRole('button', { name: 'Timeline', exact: true }).click();
    await page.getByRole('heading', { name: /^Timeline/ }).waitFor();
    await page.keyboard.press('Control+K');
    await expect.poll(() => dialog().isVisible()).toBe(true);
    expect(await dialog().getAttribute('aria-modal')).toBe('true');
    // The box has the focus and says what it searches before anything is typed.
    expect(await activeElement()).toMatch(/role="combobox"/);
    await dialog()
      .getByText(/Capitals and accents do not matter/)
      .waitFor();
    await box().fill('joao');
    const subjects = group('Subjects');
    await subjects
      .getByRole('option', { name: /João Gonçalves/ })
      .first()
      .waitFor();
    // The group says how many it shows of how many there are, and the matched part is marked.
    expect(await subjects.innerText()).toMatch(/1 of 1/);
    expect(await subjects.locator('mark').first().innerText()).toBe('João');
    // The note naming him is found too, accents or not.
    await group('Notes').getByRole('option').first().waitFor();
    await dialog()
      .getByRole('status')
      .filter({ hasText: /\d+ matches for “joao” · (\d+|under 1) ms/ })
      .waitFor();
    // The first hit is the active one: the box points at it for a screen reader.
    const first = hits().first();
    expect(await box().getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await h.screenshot('100-search-results');

    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Subjects', exact: true }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('heading', { name: /João Gonçalves/, level: 3 }).waitFor();
    await h.screenshot('101-search-opened-hit');
  });

  it('moves through the hits of every group with the arrows and opens the note chosen', async () => {
    const { page } = h;
    await search('gonçalves');
    const all = await hits().allInnerTexts();
    const noteAt = all.findIndex((t) => t.includes('Spoke with HR'));
    expect(noteAt).toBeGreaterThan(0);
    for (let i = 0; i < noteAt; i++) await page.keyboard.press('ArrowDown');
    expect(await hits().nth(noteAt).getAttribute('aria-selected')).toBe('true');
    expect(await box().getAttribute('aria-activedescendant')).toBe(await hits().nth(noteAt).getAttribute('id'));
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().isVisible()).toBe(false);
    const note = page.locator('li.note.search-found');
    await note.waitFor();
    expect(await note.innerText()).toContain('Spoke with HR');
    expect(await activeElement()).toMatch(/search-found/);
  });

  it('finds the wallet typed in lower case, as the same indicator in canonical form', async () => {
    const { page } = h;
    // With the mouse: the header's button opens the same search.
    await page.getByRole('button', { name: 'Search…' }).click();
    await box().fill(WALLET.toLowerCase());
    const indicators = group('Indicators');
    await indicators.getByRole('option').first().waitFor();
    expect(await indicators.getByRole('option').first().innerText()).toContain(WALLET);
    // The demand that names the wallet is found as well.
    await group('Demands').getByRole('option').first().waitFor();
    await h.screenshot('105-search-wallet');
    await indicators.getByRole('option').first().click();
    await expect.poll(() => dialog().isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Indicators', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );
    await page.getByText(WALLET).first().waitFor();
  });

  it('finds evidence by its captured text and opens the item', async () => {
    const { page } = h;
    await search('source code billing');
    const evidence = group('Evidence');
    await evidence.getByRole('option').first().waitFor();
    expect(await evidence.locator('mark').allInnerTexts()).toEqual(
      expect.arrayContaining(['source', 'code', 'billing']),
    );
    await evidence.getByRole('option').first().click();
    await expect.poll(() => dialog().isVisible()).toBe(false);
    const detail = page.locator('.evidence-detail');
    await detail.getByText(CAPTURED).waitFor();
    expect(await activeElement()).toMatch(/evidence-detail/);
    await h.screenshot('106-search-opened-evidence');
  });

  it('finds a playbook step by its outcome and opens it in its run with its details', async () => {
    const { page } = h;
    await search('intune');
    const steps = group('Playbook steps');
    await steps.getByRole('option').first().waitFor();
    expect(await steps.locator('mark').first().innerText()).toBe('Intune');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog().isVisible()).toBe(false);
    const row = page.locator('li.step.search-found');
    await row.waitFor();
    expect(await row.innerText()).toContain(OUTCOME);
    expect(await row.locator('.step__toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await activeElement()).toMatch(/search-found/);
    await h.screenshot('102-search-opened-step');
  });

  it('finds a timeline event and marks it on the timeline', async () => {
    const { page } = h;
    // Enter pressed at once, before the answer to the words typed has come: it waits for it.
    await page.keyboard.press('Control+K');
    await box().fill('porto courier');
    await page.keyboard.press('Enter');
    const row = page.locator('.timeline-row.search-found');
    await row.waitFor();
    expect(await row.innerText()).toContain(EVENT);
    await page.getByText('The event the search opened is marked below.').waitFor();
    await h.screenshot('103-search-opened-event');
  });

  it('finds an extortion message and opens the Extortion section', async () => {
    const { page } = h;
    await search('proton');
    await group('Extortion messages').getByRole('option').first().click();
    await expect.poll(() => dialog().isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Extortion', exact: true }).getAttribute('aria-current')).toBe(
      'page',
    );
    await page.getByText(MESSAGE).first().waitFor();
  });

  it('says so when nothing matches, and keeps only the answer to the latest question', async () => {
    const { page } = h;
    await page.keyboard.press('Control+K');
    await box().waitFor();
    // An answer slower than the one after it must not replace it.
    const held = h.holdBack('search:query');
    await box().fill('zzqx');
    await held.arrived;
    await box().fill('joao');
    await group('Subjects').getByRole('option').first().waitFor();
    held.release();
    // The held answer (no match for "zzqx") now arrives after the one shown, and must be dropped.
    // It reaches the handlers in the next turn; the queue answers it before this later call; one
    // frame after that, the page has had it and drawn whatever it would draw.
    await new Promise((done) => setImmediate(done));
    await ok(h.handlers.invoke('search:query', { text: 'after the held answer', limit: 1 }));
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))));
    expect(await dialog().getByRole('status').innerText()).toMatch(/for “joao”/);
    expect(
      await dialog()
        .getByText(/No match/)
        .count(),
    ).toBe(0);
    expect(await group('Subjects').getByRole('option').count()).toBe(1);
    await box().fill('joaozzqx');
    await dialog()
      .getByText(/^No match for “joaozzqx”/)
      .waitFor();
    await h.screenshot('104-search-no-match');
    await box().fill('joao');
    await group('Subjects').getByRole('option').first().waitFor();
    expect(
      await dialog()
        .getByText(/No match/)
        .count(),
    ).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().isVisible()).toBe(false);
  });

  it('closes on Esc and gives the focus back to where it was; Tab stays in the dialog', async () => {
    const { page } = h;
    const notes = page.getByRole('button', { name: 'Notes', exact: true });
    await notes.focus();
    await page.keyboard.press('Control+K');
    await box().waitFor();
    // What was typed is still there, chosen, so typing replaces it.
    expect(await box().inputValue()).toBe('joao');
    await page.keyboard.press('Tab');
    expect(await activeElement()).toMatch(/Close/);
    await page.keyboard.press('Tab');
    expect(await activeElement()).toMatch(/role="combobox"/);
    await page.keyboard.press('Shift+Tab');
    expect(await activeElement()).toMatch(/Close/);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().isVisible()).toBe(false);
    expect(await activeElement()).toMatch(/>Notes</);
    expect(h.consoleErrors).toEqual([]);
  });

  it('opens an event far down a long timeline: its page is read and its row scrolled to', async () => {
    const { page } = h;
    // Past the first page the timeline reads (200 rows), in time order.
    for (let day = 0; day < 260; day++) {
      const at = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 16);
      await ok(h.handlers.invoke('timeline:add', { at, zone: 'UTC', title: `Routine badge scan ${day + 1}` }));
    }
    await ok(
      h.handlers.invoke('timeline:add', {
        at: '2027-01-05T09:00',
        zone: 'UTC',
        title: 'Final shipment to the Łódź warehouse',
      }),
    );
    await search('lodz');
    await group('Timeline').getByRole('option').first().click();
    const row = page.locator('.timeline-row.search-found');
    await row.waitFor();
    expect(await row.innerText()).toContain('Final shipment to the Łódź warehouse');
    // In view inside the scrolled list, not only drawn somewhere below it.
    const inView = () =>
      row.evaluate((element) => {
        const list = element.closest('.virtual')!.getBoundingClientRect();
        const box = element.getBoundingClientRect();
        return box.top >= list.top && box.bottom <= list.bottom;
      });
    await expect.poll(inView).toBe(true);
    expect(await activeElement()).toMatch(/search-found/);
    await h.screenshot('107-search-opened-late-event');
  });
});

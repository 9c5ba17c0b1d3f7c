import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineFrom } from '../../shared/logic/deadlines.ts';
import { formatInZone, toLocalInput } from '../../shared/logic/time.ts';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

// A company fired a DPRK IT worker, who now extorts it with stolen code. The company became aware
// three hours ago: the GDPR and NIS2 clocks run from then. A message arrives with a demand of
// 0.5 BTC within two days; the sanctions notice stands beside it; the claim is checked, the
// decision not to pay is recorded and signed off by counsel; the NIS2 notification is submitted,
// and the final report falls due a month later.

let h: Harness;
const ZONE = 'Europe/Berlin';
const TITLE = 'Extortion by former contractor J. Kim';
const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const SUMMARY = 'Pay 0.5 BTC in 48 hours or the source code goes public';
const COUNSEL = 'Mira Okafor (outside counsel)';
const GDPR = 'Personal data breach: notify the supervisory authority';
const EARLY = 'Significant incident: early warning';
const NOTIFICATION = 'Significant incident: incident notification';
const FINAL = 'Significant incident: final report';

type Ok<T> = { ok: true; value: T };
type ExtortionRows = {
  messages: {
    id: string;
    summary: string;
    body: string;
    evidenceItemId: string | null;
    sender: string;
    channel: string;
  }[];
  demands: {
    id: string;
    amount: string;
    asset: string;
    payTo: string;
    payToIndicatorId: string | null;
    deadlineAt: string | null;
    messageId: string | null;
  }[];
  validations: { demandId: string; result: string; samples: string }[];
  decisions: {
    decision: string;
    demandId: string | null;
    counsel: string;
    counselSignedAt: string | null;
    sanctionsShown: boolean;
    decidedBy: string;
  }[];
};
type Clocks = {
  zone: string;
  clocks: {
    rule: { id: string };
    applies: boolean;
    status: string;
    dueAt: string | null;
    submissions: { submittedAt: string; zone: string; reference: string }[];
  }[];
};

const record = async () => ((await h.handlers.invoke('extortion:record', {})) as Ok<ExtortionRows>).value;
const clocks = async () => ((await h.handlers.invoke('clock:list', {})) as Ok<Clocks>).value;
const clock = async (id: string) => (await clocks()).clocks.find((c) => c.rule.id === id)!;
const card = (name: string) => h.page.getByRole('article', { name, exact: true });
const section = (name: string) => h.page.getByRole('button', { name, exact: true });
let deadline: number;
let indicatorId: string;

beforeAll(async () => {
  h = await startHarness(ZONE);
  await h.handlers.invoke('profile:set', {
    name: 'Dana Whitfield',
    role: 'Incident responder',
    organisation: 'Northwind Security',
    timeZone: '',
  });
  const path = join(h.workDir, 'extortion.custos');
  h.nextSavePath(path);
  await h.handlers.invoke('dialog:chooseNewCasePath', {});
  const created = await h.handlers.invoke('case:create', {
    path,
    draft: {
      title: TITLE,
      caseType: 'extortion',
      awareAt: toLocalInput(new Date(Date.now() - 3 * 3_600_000).toISOString(), ZONE),
      awareZone: ZONE,
      legalCounsel: COUNSEL,
    },
  });
  expect(created.ok).toBe(true);
  const item = await h.handlers.invoke('evidence:addText', {
    description: 'Extortion e-mail of today, saved with its headers',
    capturedText: 'From: kim.devops@proton.me\nPay 0.5 BTC in 48 hours.',
    method: 'Exported from the mail server as .eml',
  });
  expect(item.ok).toBe(true);
  const wallet = (await h.handlers.invoke('indicator:add', { type: 'btc', value: WALLET })) as Ok<{
    indicator: { id: string };
  }>;
  expect(wallet.ok).toBe(true);
  indicatorId = wallet.value.indicator.id;
  await h.page.reload();
  await h.page.getByRole('heading', { name: TITLE }).waitFor();
});
afterAll(async () => {
  await h?.close();
});

describe('notification clocks and the extortion record', () => {
  it('switches on GDPR 33 and the NIS2 clocks: they count from awareness, the final report waits', async () => {
    const { page } = h;
    await section('Notification clocks').click();
    await page.getByRole('heading', { name: 'Notification clocks', level: 2 }).waitFor();
    // Every rule is listed, switched on or not, with its sources as text.
    expect(await page.getByRole('switch', { name: 'Applies to this case' }).count()).toBe(
      (await clocks()).clocks.length,
    );
    expect(await card(GDPR).innerText()).toContain('Regulation (EU) 2016/679 (GDPR), Article 33');
    for (const name of [GDPR, EARLY, NOTIFICATION, FINAL]) {
      await card(name).getByRole('switch', { name: 'Applies to this case' }).click();
      await expect.poll(() => card(name).getByRole('switch').isChecked()).toBe(true);
    }
    // 72 h from three hours ago: 69 h left, running; 24 h: 21 h left, due soon.
    await card(GDPR).locator('.clock-status', { hasText: 'Running' }).waitFor();
    expect(await card(GDPR).innerText()).toMatch(/2 d 2[01] h left/);
    await card(EARLY).locator('.clock-status', { hasText: 'Due soon' }).waitFor();
    expect(await card(EARLY).innerText()).toMatch(/2[01] h( \d+ min)? left/);
    await card(NOTIFICATION).locator('.clock-status', { hasText: 'Running' }).waitFor();
    await card(FINAL).locator('.clock-status', { hasText: 'Not started' }).waitFor();
    expect(await card(FINAL).innerText()).toContain(
      'Waiting for the submission of NIS2 “Significant incident: incident notification”',
    );
    const state = await clocks();
    const on = state.clocks.filter((c) => c.applies).map((c) => c.rule.id);
    expect(on.sort()).toEqual(['gdpr-33', 'nis2-early-warning', 'nis2-final-report', 'nis2-notification']);
    expect((await clock('nis2-early-warning')).status).toBe('due-soon');
    // The header counts down to the next of them.
    const header = page.locator('.case-deadlines');
    await header.getByRole('button', { name: /NIS2: early warning/ }).waitFor();
    await h.screenshot('92-clocks');
  });

  it('records a message as received, with its sender, text and exhibit', async () => {
    const { page } = h;
    await section('Extortion').click();
    await page.getByRole('heading', { name: 'Extortion', level: 2 }).waitFor();
    await page.getByText('No message recorded yet').waitFor();
    await page.getByRole('button', { name: 'Record a message…' }).click();
    const form = page.getByRole('form', { name: 'Record a message' });
    expect(await form.getByLabel('Time zone of that clock').inputValue()).toBe(ZONE);
    await form.getByLabel('Channel').selectOption('email');
    await form.getByLabel('Sender', { exact: true }).fill('kim.devops@proton.me');
    await form.getByLabel(/^Summary/).fill(SUMMARY);
    await form
      .getByLabel('Message text')
      .fill('We have your repositories.\n\nPay 0.5 BTC to ' + WALLET + ' within 48 hours.\nNo police.');
    await form.getByLabel('Captured as exhibit').selectOption('E-0001');
    await form.getByRole('button', { name: 'Record message' }).click();
    const message = card(SUMMARY);
    await message.waitFor();
    const text = await message.innerText();
    expect(text).toContain('kim.devops@proton.me');
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} Europe\/Berlin/);
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(text).toContain('E-0001 Extortion e-mail of today');
    expect(await message.getByLabel(/^Text of the message/).innerText()).toContain('No police.');
    const [saved] = (await record()).messages;
    expect(saved).toMatchObject({ summary: SUMMARY, sender: 'kim.devops@proton.me', channel: 'email' });
    expect(saved!.body).toContain('\n\nPay 0.5 BTC');
    expect(saved!.evidenceItemId).not.toBeNull();
    await h.screenshot('95-extortion-message');
  });

  it('removes a message recorded twice, only after asking', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Record a message…' }).click();
    const form = page.getByRole('form', { name: 'Record a message' });
    await form.getByLabel(/^Summary/).fill('Same e-mail, recorded twice');
    await form.getByRole('button', { name: 'Record message' }).click();
    const twice = card('Same e-mail, recorded twice');
    await twice.getByRole('button', { name: 'Remove…' }).click();
    const ask = twice.getByRole('group', { name: 'Remove this message' });
    expect(await ask.innerText()).toContain('stays in the case file and the audit log');
    await ask.getByRole('button', { name: 'Remove message' }).click();
    await twice.waitFor({ state: 'detached' });
    expect((await record()).messages.map((m) => m.summary)).toEqual([SUMMARY]);
  });

  it('records the demand of 0.5 BTC from the message: the sanctions notice stands beside it', async () => {
    const { page } = h;
    await card(SUMMARY).getByRole('button', { name: 'Record a demand from this message…' }).click();
    const form = page.getByRole('form', { name: 'Record a demand' });
    expect(await form.getByLabel('Came in the message').inputValue()).not.toBe('');
    await form.getByLabel('Amount').fill('0.5');
    await form.getByLabel('Asset').fill('BTC');
    await form.getByLabel('Wallet or account to pay').fill(WALLET);
    deadline = Date.now() + 48 * 3_600_000;
    await form.getByLabel('Deadline', { exact: true }).fill(toLocalInput(new Date(deadline).toISOString(), ZONE));
    await form.getByLabel(/^What they threaten/).fill('Publish the source code and the customer database');
    await form.getByLabel('What they offer as proof').fill('A listing of three repositories and 20 customer rows');
    await form.getByRole('button', { name: 'Record demand' }).click();
    const demand = card('0.5 BTC');
    await demand.waitFor();
    const notice = demand.getByRole('note', { name: 'Before any payment: sanctions law' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('Paying is not a business decision alone');
    // Its sources are text to select, never links.
    expect(await notice.innerText()).toContain('https://ofac.treasury.gov/');
    expect(await notice.getByRole('link').count()).toBe(0);
    const text = await demand.innerText();
    expect(text).toMatch(/(4[78] h( \d+ min)?|2 d) left/);
    expect(text).toContain(`Indicator: Bitcoin wallet: ${WALLET}`);
    expect(text).toContain(SUMMARY);
    const [saved] = (await record()).demands;
    expect(saved).toMatchObject({ amount: '0.5', asset: 'BTC', payTo: WALLET, payToIndicatorId: indicatorId });
    expect(saved!.messageId).not.toBeNull();
    expect(Math.abs(Date.parse(saved!.deadlineAt!) - deadline)).toBeLessThan(60_000);
    await h.screenshot('90-extortion-demand-sanctions');
  });

  it('records the check of their claim against our own copy', async () => {
    const demand = card('0.5 BTC');
    await demand.getByRole('button', { name: 'Record a validation…' }).click();
    const form = demand.getByRole('form', { name: 'Record a validation' });
    await form.getByLabel(/^Samples checked/).fill('repo listing: payments-core, infra-terraform, mobile-app');
    await form.getByLabel(/^Compared against/).fill('GitHub org northwind, default branches on 2 Dec');
    await form.getByLabel('Result').selectOption('confirmed');
    await form.getByRole('button', { name: 'Record validation' }).click();
    await demand.locator('.ext-result', { hasText: 'Claim confirmed' }).waitFor();
    expect(await demand.innerText()).toContain('payments-core, infra-terraform');
    const [saved] = (await record()).validations;
    expect(saved).toMatchObject({ result: 'confirmed' });
  });

  it('records the decision not to pay, awaiting counsel, then counsel signs off', async () => {
    const { page } = h;
    await card('0.5 BTC').getByRole('button', { name: 'Record the decision…' }).click();
    const form = page.getByRole('form', { name: 'Record the decision' });
    // Opened from the demand, for that demand, with the notice beside it and counsel from the case.
    expect(await form.getByLabel('On the demand').inputValue()).toBe((await record()).demands[0]!.id);
    await page.locator('.ext-decide').getByRole('note', { name: 'Before any payment: sanctions law' }).waitFor();
    expect(await form.getByLabel("Counsel's name").inputValue()).toBe(COUNSEL);
    await form.getByRole('button', { name: 'Record decision' }).click();
    await form.getByText('Choose what was decided').waitFor();
    await form.getByRole('radio', { name: 'Do not pay' }).check();
    await form
      .getByLabel(/^Reasons/)
      .fill('Payment to a DPRK actor is prohibited; the data cannot be recovered by paying.');
    await form.getByLabel(/^Decided by/).fill('Dana Whitfield (CISO) and the CEO');
    await form.scrollIntoViewIfNeeded();
    await h.screenshot('97-decision-form');
    await form.getByRole('button', { name: 'Record decision' }).click();
    const decision = card('Do not pay');
    await decision.waitFor();
    expect(await decision.innerText()).toContain("Awaiting counsel's sign-off");
    expect(await decision.innerText()).toContain('The sanctions notice was on screen when this decision was recorded.');
    expect(await card('0.5 BTC').innerText()).toMatch(/Do not pay\s*—\s*Awaiting counsel's sign-off/);
    await decision.scrollIntoViewIfNeeded();
    await h.screenshot('96-decision-awaiting-signoff');
    let [saved] = (await record()).decisions;
    expect(saved).toMatchObject({
      decision: 'do-not-pay',
      counsel: COUNSEL,
      counselSignedAt: null,
      sanctionsShown: true,
    });

    await decision.getByRole('button', { name: 'Record sign-off…' }).click();
    const signOff = decision.getByRole('form', { name: "Record counsel's sign-off" });
    expect(await signOff.getByLabel(/^Counsel's name/).inputValue()).toBe(COUNSEL);
    await signOff.getByRole('button', { name: 'Record sign-off' }).click();
    await decision.locator('.ext-signoff', { hasText: 'Signed off by counsel' }).waitFor();
    expect(await decision.innerText()).toContain(COUNSEL);
    expect(await decision.getByRole('button', { name: 'Record sign-off…' }).count()).toBe(0);
    [saved] = (await record()).decisions;
    expect(saved!.counselSignedAt).not.toBeNull();
    expect(saved!.decidedBy).toBe('Dana Whitfield (CISO) and the CEO');
    await decision.scrollIntoViewIfNeeded();
    await h.screenshot('91-decision-signed');
  });

  it('records the NIS2 notification: the final report falls due one month later', async () => {
    const { page } = h;
    await section('Notification clocks').click();
    const notification = card(NOTIFICATION);
    await notification.getByRole('button', { name: 'Record submission…' }).click();
    const form = notification.getByRole('form', { name: 'Record a submission' });
    expect(await form.getByLabel('Recipient').inputValue()).toBe('The CSIRT or competent authority');
    await form.getByLabel('Reference number').fill('CSIRT-2026-0042');
    await form.getByRole('button', { name: 'Record submission' }).click();
    await notification.locator('.clock-status', { hasText: 'Submitted' }).waitFor();
    expect(await notification.innerText()).toContain('CSIRT-2026-0042');
    expect(await notification.innerText()).toMatch(/Submitted 2 d 2\d h before the deadline/);

    const submitted = (await clock('nis2-notification')).submissions[0]!;
    const final = await clock('nis2-final-report');
    expect(final.status).toBe('running');
    // A month on the calendar of the zone the submission was entered in, to the end of that day.
    expect(submitted.zone).toBe(ZONE);
    expect(final.dueAt).toBe(deadlineFrom(submitted.submittedAt, { months: 1 }, submitted.zone));
    const due = formatInZone(final.dueAt!, ZONE);
    const finalCard = card(FINAL);
    await finalCard.locator('.clock-status', { hasText: 'Running' }).waitFor();
    expect(await finalCard.innerText()).toContain(`${due.date} ${due.time.slice(0, 5)} Europe/Berlin`);
    await finalCard.scrollIntoViewIfNeeded();
    await page.getByRole('heading', { name: 'NIS2', level: 3 }).scrollIntoViewIfNeeded();
    await h.screenshot('94-clocks-final-report');
  });

  it('counts down to the demand in the header on every screen, and opens it', async () => {
    const { page } = h;
    await section('Timeline').click();
    const header = page.locator('.case-deadlines');
    const demand = header.getByRole('button', { name: /Demand 0\.5 BTC/ });
    expect(await demand.innerText()).toMatch(/(4[78] h( \d+ min)?|2 d) left/);
    // Soonest first: the NIS2 early warning (21 h) before GDPR (69 h).
    const names = await header.locator('.case-deadline__what').allInnerTexts();
    expect(names.indexOf('NIS2: early warning')).toBeLessThan(names.indexOf('GDPR: notify the supervisory authority'));
    expect(names).not.toContain('NIS2: incident notification');
    await demand.click();
    await page.getByRole('heading', { name: 'Extortion', level: 2 }).waitFor();
    await expect.poll(() => card('0.5 BTC').getAttribute('class')).toContain('ext-item--marked');
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as { document: Document }).document.activeElement?.id))
      .toBe(`demand-${(await record()).demands[0]!.id}`);
  });

  it('opens the message a case-wide search finds, and marks it', async () => {
    const { page } = h;
    await section('Overview').click();
    await page.getByRole('button', { name: 'Search…' }).click();
    await page.getByRole('combobox', { name: 'Search this case' }).fill('source code goes public');
    await page
      .getByRole('option', { name: /source code goes public/ })
      .first()
      .waitFor();
    await page.getByRole('combobox', { name: 'Search this case' }).press('Enter');
    await page.getByRole('heading', { name: 'Extortion', level: 2 }).waitFor();
    const id = (await record()).messages[0]!.id;
    await expect.poll(() => card(SUMMARY).getAttribute('class')).toContain('ext-item--marked');
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as { document: Document }).document.activeElement?.id))
      .toBe(`message-${id}`);
  });

  it('lists the clocks on the overview, the overdue and due soon first, and the demand deadline', async () => {
    const { page } = h;
    await section('Overview').click();
    const panel = page.getByRole('region', { name: 'Notification clocks' });
    await panel.waitFor();
    const rows = panel.getByRole('row');
    await expect.poll(() => rows.count()).toBe(5);
    const first = await rows.nth(1).innerText();
    expect(first).toContain('NIS2: early warning');
    expect(first).toContain('Due soon');
    expect(await panel.getByRole('row', { name: /NIS2: incident notification/ }).innerText()).toContain('Submitted');
    expect(await panel.getByRole('row', { name: /NIS2: final report/ }).innerText()).toContain('Running');
    const demands = panel.locator('.overview-demands');
    expect(await demands.innerText()).toMatch(/Demand 0\.5 BTC[\s\S]*(4[78] h( \d+ min)?|2 d) left/);
    await h.screenshot('93-overview-clocks');
  });

  it('starts a clock that does not count from awareness at the time set on it', async () => {
    await section('Notification clocks').click();
    const dora = card('Major ICT-related incident: initial notification');
    await dora.getByRole('switch', { name: 'Applies to this case' }).click();
    await dora.locator('.clock-status', { hasText: 'Not started' }).waitFor();
    expect(await dora.innerText()).toContain('Waiting for the classification as major');
    await dora.getByRole('button', { name: 'Set trigger…' }).click();
    const form = dora.getByRole('form', { name: 'Set the trigger time' });
    const classified = new Date(Date.now() - 3_600_000).toISOString();
    await form.getByLabel(/^Clock starts at/).fill(toLocalInput(classified, ZONE));
    await form.getByRole('button', { name: 'Set trigger' }).click();
    // 4 h from the classification an hour ago (before the 24 h from awareness): 3 h left, due soon.
    await dora.locator('.clock-status', { hasText: 'Due soon' }).waitFor();
    expect(await dora.innerText()).toMatch(/2 h 5\d min left|3 h left/);
    expect(await dora.innerText()).toContain('the classification as major set on this clock');
    const saved = await clock('dora-initial');
    expect(saved.status).toBe('due-soon');
    await dora.scrollIntoViewIfNeeded();
    await h.screenshot('99-clocks-trigger-set');
  });

  it('moves the clocks when the awareness time is corrected: the early warning turns overdue', async () => {
    const { page } = h;
    await section('Overview').click();
    const aware = new Date(Date.now() - 30 * 3_600_000).toISOString();
    await page.getByRole('button', { name: 'Edit case record' }).click();
    await page.getByLabel('Organisation became aware').fill(toLocalInput(aware, ZONE));
    await page.getByRole('button', { name: 'Save changes' }).click();
    const panel = page.getByRole('region', { name: 'Notification clocks' });
    const early = panel.getByRole('row', { name: /NIS2: early warning/ });
    await early.locator('.clock-status', { hasText: 'Overdue' }).waitFor();
    expect(await early.innerText()).toMatch(/deadline passed [56] h( \d+ min)? ago/);
    // 72 h from 30 h ago: 42 h left, still running (due soon is the last day). DORA: classified an
    // hour ago, after its 24 h from awareness had passed, which still leaves the 4 h.
    expect(await panel.getByRole('row', { name: /GDPR/ }).innerText()).toMatch(/4[12] h( \d+ min)? left/);
    const header = page.locator('.case-deadlines');
    await header.locator('.case-deadline--overdue', { hasText: 'NIS2: early warning' }).waitFor();
    expect((await clock('nis2-early-warning')).status).toBe('overdue');
    expect((await clock('dora-initial')).status).toBe('due-soon');
    await h.screenshot('98-overview-overdue');
  });

  it('moves the demand deadline when they extend it', async () => {
    const { page } = h;
    await section('Extortion').click();
    const demand = card('0.5 BTC');
    await demand.getByRole('button', { name: 'Change status or deadline…' }).click();
    const form = demand.getByRole('form', { name: 'Change the demand' });
    const extended = deadline + 24 * 3_600_000;
    await form.getByLabel('Deadline', { exact: true }).fill(toLocalInput(new Date(extended).toISOString(), ZONE));
    await form.getByRole('button', { name: 'Save demand' }).click();
    await expect.poll(() => demand.locator('.clock-countdown').innerText()).toMatch(/^(2 d 2[34] h|3 d) left$/);
    const saved = (await record()).demands[0]!;
    expect(Math.abs(Date.parse(saved.deadlineAt!) - extended)).toBeLessThan(60_000);
    await page
      .locator('.case-deadlines')
      .getByRole('button', { name: /Demand 0\.5 BTC (2 d 2[34] h|3 d) left/ })
      .waitFor();
    expect(h.consoleErrors).toEqual([]);
  });
});

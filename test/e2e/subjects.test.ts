import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

// An infiltration case is about who: the hired worker whose claimed identity was not theirs, the
// people who received and hosted the laptop, and the accounts and wallets the salary went to. A
// responder records them as a new user would, by the screens alone; the rows are then checked in
// the case through the same handler table the app calls.

let h: Harness;
const ZONE = 'Europe/Berlin';
const WORKER = 'Jin-ho Park';
const HOST = 'Müller Logistics host';
const FACILITATOR = 'João Gonçalves';
// EIP-55's own test vector: typed in lower case, stored in its checksummed mixed case.
const ETH_LOWER = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
const ETH_CHECKSUMMED = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const IBAN_GOOD = 'DE89 3704 0044 0532 0130 00';
const IBAN_BAD = 'DE88 3704 0044 0532 0130 00';
const BTC_GOOD = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const BTC_TYPO = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp';

type Ok<T> = { ok: true; value: T };
type SubjectRow = { id: string; name: string; role: string; aliases: string[]; removed: boolean };
type Link = {
  id: string;
  subjectId: string;
  targetType: string;
  targetId: string;
  relation: string;
  confidence: string;
  label: string;
};
type Detail = {
  subject: SubjectRow & Record<string, unknown>;
  links: Link[];
  linkedFrom: Link[];
};
type IndicatorRow = {
  id: string;
  type: string;
  value: string;
  normalised: string;
  platform: string;
  confidence: string;
  notes: string;
  firstSeen: string | null;
  sourceExhibit: string | null;
  subjects: { id: string; name: string }[];
};

async function subjects(): Promise<SubjectRow[]> {
  return ((await h.handlers.invoke('subject:list', {})) as Ok<SubjectRow[]>).value.filter((s) => !s.removed);
}
async function subjectNamed(name: string): Promise<SubjectRow> {
  const found = (await subjects()).find((s) => s.name === name);
  expect(found, `subject ${name}`).toBeDefined();
  return found!;
}
async function detailOf(name: string): Promise<Detail> {
  const { id } = await subjectNamed(name);
  const got = (await h.handlers.invoke('subject:get', { id })) as Ok<Detail>;
  expect(got.ok).toBe(true);
  return got.value;
}
async function indicators(): Promise<IndicatorRow[]> {
  const listed = (await h.handlers.invoke('indicator:list', {})) as Ok<IndicatorRow[]>;
  expect(listed.ok).toBe(true);
  return listed.value;
}

const nav = (label: string) =>
  h.page.getByRole('navigation', { name: 'Case sections' }).getByRole('button', { name: label, exact: true });
const subjectList = () => h.page.getByRole('navigation', { name: 'Subjects of the case' });
const detail = () => h.page.locator('article.subj-detail');
const newSubjectForm = () => h.page.getByRole('form', { name: 'New subject' });
const table = () => h.page.locator('table.ind-table');
const rowOf = (canonical: string) => table().locator('tr.ind-row', { hasText: canonical });

/** The screen as it stands, without a passing confirmation over it. */
async function shot(name: string) {
  const dismiss = h.page.getByRole('button', { name: 'Dismiss message' });
  if ((await dismiss.count()) > 0) await dismiss.click();
  await h.screenshot(name);
}

beforeAll(async () => {
  h = await startHarness(ZONE);
  await h.handlers.invoke('profile:set', {
    name: 'Dana Whitfield',
    role: 'Incident responder',
    organisation: 'Northwind Security',
    timeZone: '',
  });
  const path = join(h.workDir, 'infiltration.custos');
  h.nextSavePath(path);
  await h.handlers.invoke('dialog:chooseNewCasePath', {});
  const created = await h.handlers.invoke('case:create', {
    path,
    draft: { title: 'Suspected DPRK IT worker — J. Park', caseType: 'infiltration' },
  });
  expect(created.ok).toBe(true);
  const cv = await h.handlers.invoke('evidence:addText', {
    description: 'CV submitted by Jin-ho Park via the agency',
    capturedText: 'Jin-ho Park — Senior backend engineer — Seoul National University',
    method: 'Copied from the applicant tracking system',
  });
  expect(cv.ok).toBe(true);
  const payroll = await h.handlers.invoke('evidence:addText', {
    description: 'Payroll export: payout accounts',
    capturedText: 'IBAN DE89370400440532013000; wallet 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
    method: 'Exported from the payroll system',
  });
  expect(payroll.ok).toBe(true);
  await h.page.reload();
});
afterAll(async () => {
  await h?.close();
});

describe('subjects: who the case is about', () => {
  it('adds the hired worker with the identity they claimed beside what was found', async () => {
    const { page } = h;
    await nav('Subjects').click();
    await page.getByText('No subjects yet').waitFor();
    await page.getByRole('button', { name: 'New subject…' }).click();
    const form = newSubjectForm();
    await form.getByLabel('Name *').fill(WORKER);
    expect(await form.getByLabel('Role in the case').inputValue()).toBe('worker');
    await form.getByLabel('Aliases').fill('김정호\nЯрослав');
    await form.getByLabel('Identity verdict').selectOption('false');
    await form.getByLabel('Claimed name').fill('Jin-ho Park');
    await form.getByLabel('Claimed nationality').fill('South Korean');
    await form.getByLabel('Claimed location').fill('Seoul, South Korea');
    await form.getByLabel('Documents shown').fill('South Korean passport (scan); Seoul National University diploma');
    await form.getByLabel('Verified name').fill('Not established');
    await form.getByLabel('Verified nationality').fill('Not South Korean (per the agency’s KYC provider)');
    await form.getByLabel('Verified location').fill('Laptop at a farm in Tempe, Arizona; sign-ins from Shenyang');
    await form
      .getByLabel('What was found')
      .fill(
        'Passport scan forged: the MRZ check digit fails and the photo is a stock image. Diploma not in the register.',
      );
    await form.getByLabel('Hired on').fill('2026-01-12');
    await form.getByLabel('Started on').fill('2026-01-19');
    await form.getByLabel('Terminated on').fill('2026-03-06');
    await form.getByLabel('Manager').fill('Priya Raman');
    await form.getByLabel('Notes').fill('Camera always off; asked for the laptop to go to a “relative” in Arizona.');
    await form.getByRole('button', { name: 'Add subject' }).click();

    await detail().getByRole('heading', { name: WORKER, level: 3 }).waitFor();
    expect(await newSubjectForm().count()).toBe(0);
    const identity = detail().locator('table.subj-identity');
    expect(await identity.getByRole('columnheader', { name: 'Claimed identity' }).count()).toBe(1);
    expect(await identity.getByRole('columnheader', { name: 'Verified / found' }).count()).toBe(1);
    expect(await identity.innerText()).toContain('South Korean');
    expect(await identity.innerText()).toContain('Shenyang');
    expect(await identity.getByText('differs from the claim').count()).toBe(3);
    expect(await detail().getByText('Identity false').count()).toBeGreaterThan(0);
    expect(await detail().getByText('김정호').count()).toBe(1);
    expect(await detail().getByText('Ярослав').count()).toBe(1);
    expect(await detail().innerText()).toContain('2026-03-06');

    const got = await detailOf(WORKER);
    expect(got.subject.aliases).toEqual(['김정호', 'Ярослав']);
    expect(got.subject.role).toBe('worker');
    expect(got.subject.identityVerdict).toBe('false');
    expect(got.subject.claimedNationality).toBe('South Korean');
    expect(got.subject.verifiedLocation).toBe('Laptop at a farm in Tempe, Arizona; sign-ins from Shenyang');
    expect(got.subject.hiredOn).toBe('2026-01-12');
    expect(got.subject.terminatedOn).toBe('2026-03-06');
    expect(got.subject.manager).toBe('Priya Raman');
  });

  it('adds two facilitators and links one to the worker as having received the laptop for them', async () => {
    const { page } = h;
    for (const [name, role] of [
      [HOST, 'laptop-farm-host'],
      [FACILITATOR, 'facilitator'],
    ] as const) {
      await page.getByRole('button', { name: 'New subject…' }).click();
      const form = newSubjectForm();
      await form.getByLabel('Name *').fill(name);
      await form.getByLabel('Role in the case').selectOption(role);
      // Employment is for the hired worker: it leaves the form for other roles.
      expect(await form.getByLabel('Hired on').count()).toBe(0);
      await form.getByRole('button', { name: 'Add subject' }).click();
      await detail().getByRole('heading', { name, level: 3 }).waitFor();
    }
    expect(await subjectList().getByRole('button').count()).toBe(3);

    // João is shown (the last added): he received the laptop for the worker.
    await detail().getByRole('button', { name: 'Link to…' }).click();
    const link = page.getByRole('form', { name: 'Add a link' });
    await link.getByLabel('Link to').selectOption('subject');
    await link.getByLabel('Subject *').selectOption({ label: `${WORKER} — Hired worker` });
    await link.getByLabel('Relation *').fill('received the laptop for');
    await link.getByLabel('Confidence').selectOption('high');
    await link.getByRole('button', { name: 'Add link' }).click();
    await detail().locator('.subj-link', { hasText: 'received the laptop for' }).waitFor();
    expect(await detail().locator('.subj-link').innerText()).toContain(WORKER);
    expect(await detail().locator('.subj-link').innerText()).toContain('Confidence: High');

    // The worker's page shows the link made to them, and opens who made it.
    await subjectList()
      .getByRole('button', { name: new RegExp(WORKER) })
      .click();
    await detail().getByRole('heading', { name: WORKER, level: 3 }).waitFor();
    const from = detail().locator('.subj-link', { hasText: FACILITATOR });
    await from.waitFor();
    expect(await from.innerText()).toContain('received the laptop for');

    // The CV they sent, picked from the register by its exhibit number.
    await detail().getByRole('button', { name: 'Link to…' }).click();
    await link.getByLabel('Link to').selectOption('evidence_item');
    await link.getByLabel('Evidence *').selectOption({ label: 'E-0001 — CV submitted by Jin-ho Park via the agency' });
    await link.getByLabel('Relation *').fill('CV submitted by');
    await link.getByRole('button', { name: 'Add link' }).click();
    await detail().locator('.subj-link', { hasText: 'E-0001' }).waitFor();
    await shot('81-subjects-list');

    const joao = await detailOf(FACILITATOR);
    const worker = await subjectNamed(WORKER);
    expect(joao.links).toHaveLength(1);
    expect(joao.links[0]).toMatchObject({
      targetType: 'subject',
      targetId: worker.id,
      relation: 'received the laptop for',
      confidence: 'high',
    });
    const workerDetail = await detailOf(WORKER);
    expect(workerDetail.linkedFrom.map((l) => [l.label, l.relation])).toEqual([
      [FACILITATOR, 'received the laptop for'],
    ]);
    expect(workerDetail.links.map((l) => [l.targetType, l.relation])).toEqual([['evidence_item', 'CV submitted by']]);
  });

  it('edits a subject in the two-column form and keeps the claim beside the finding', async () => {
    const { page } = h;
    await subjectList()
      .getByRole('button', { name: new RegExp(HOST) })
      .click();
    await detail().getByRole('heading', { name: HOST, level: 3 }).waitFor();
    await detail().getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: `Edit ${HOST}` });
    await form.getByLabel('Claimed location').fill('Phoenix, Arizona (told the courier)');
    await form.getByLabel('Verified location').fill('Tempe, Arizona: 14 company laptops found at the address');
    await form.getByLabel('Identity verdict').selectOption('partly-false');
    await shot('82-subject-claimed-vs-verified-form');
    await form.getByRole('button', { name: 'Save subject' }).click();
    await detail().getByText('Identity partly false').first().waitFor();
    expect(await detail().locator('table.subj-identity').innerText()).toContain('14 company laptops');
    const host = await detailOf(HOST);
    expect(host.subject.claimedLocation).toBe('Phoenix, Arizona (told the courier)');
    expect(host.subject.identityVerdict).toBe('partly-false');

    await subjectList()
      .getByRole('button', { name: new RegExp(WORKER) })
      .click();
    await detail().getByRole('heading', { name: WORKER, level: 3 }).waitFor();
    await shot('83-subject-claimed-vs-verified');
  });
});

describe('indicators: the accounts and wallets', () => {
  it('adds an ETH address typed in lower case and shows the checksummed form as it is typed', async () => {
    const { page } = h;
    await nav('Indicators').click();
    await page.getByText('No indicators yet').waitFor();
    await page.getByRole('button', { name: 'Add indicator…' }).click();
    const form = page.getByRole('form', { name: 'Add an indicator' });
    await form.getByLabel('Type *').selectOption('eth');
    // No platform for an Ethereum address.
    expect(await form.getByLabel('Platform *').count()).toBe(0);
    await form.getByLabel('Value *').fill(BTC_TYPO);
    await form.getByRole('status').filter({ hasText: 'Refused' }).waitFor();
    await form.getByLabel('Value *').fill(ETH_LOWER);
    await form.getByRole('status').filter({ hasText: ETH_CHECKSUMMED }).waitFor();
    expect(await form.getByRole('status').innerText()).toContain('Stored as');
    await form.getByLabel('First seen').fill('2026-02-27T09:15');
    await form.getByLabel('Source exhibit').selectOption('E-0002');
    await form.getByLabel('Confidence').selectOption('high');
    await form.getByRole('checkbox', { name: new RegExp(WORKER) }).check();
    await shot('84-indicator-add-checked');
    await form.getByRole('button', { name: 'Add indicator' }).click();
    await rowOf(ETH_CHECKSUMMED).waitFor();
    expect(await rowOf(ETH_CHECKSUMMED).innerText()).toContain(`entered as ${ETH_LOWER}`);
    expect(await rowOf(ETH_CHECKSUMMED).innerText()).toContain(WORKER);
    expect(await rowOf(ETH_CHECKSUMMED).innerText()).toContain('E-0002');

    const rows = await indicators();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'eth',
      value: ETH_LOWER,
      normalised: ETH_CHECKSUMMED,
      confidence: 'high',
      sourceExhibit: 'E-0002',
      firstSeen: '2026-02-27T08:15:00.000Z',
    });
    expect(rows[0]!.subjects.map((s) => s.name)).toEqual([WORKER]);

    // The same wallet typed again, in its checksummed form: the form says it is already there.
    await page.getByRole('button', { name: 'Add indicator…' }).click();
    await form.getByLabel('Type *').selectOption('eth');
    await form.getByLabel('Value *').fill(ETH_CHECKSUMMED.toUpperCase().replace('0X', '0x'));
    await form.getByText('Already in the case').waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('previews a pasted list with refused lines, keeps Import off, then imports it once they are removed', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Paste or import a list…' }).click();
    const form = page.getByRole('form', { name: 'Import a list' });
    await form.getByText('Fix or remove the refused lines; nothing is imported until every line passes').waitFor();
    const good = [
      'email:Jinho.Park.Dev@proton.me',
      'phone:+82 10-1234-5678',
      `iban:${IBAN_GOOD}`,
      'username/github:jinho-park-dev',
      `eth:${ETH_LOWER}`,
    ];
    const bad = [`btc:${BTC_TYPO}`, `iban:${IBAN_BAD}`];
    await form
      .getByLabel('Indicators, one a line')
      .fill([good[0], bad[0], good[1], good[2], bad[1], good[3], good[4]].join('\n'));
    await form.getByRole('checkbox', { name: new RegExp(WORKER) }).check();
    await form.getByLabel('Source exhibit').selectOption('E-0002');
    const importButton = form.getByRole('button', { name: /^Import/ });
    expect(await importButton.isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Preview' }).click();
    await form.getByText('7 lines: 4 to add, 1 already present, 2 refused').waitFor();
    await form.getByRole('alert').filter({ hasText: '2 lines are refused' }).waitFor();
    const refused = form.locator('tr.ind-preview__refused');
    expect(await refused.count()).toBe(2);
    expect(await refused.nth(0).innerText()).toContain(BTC_TYPO);
    expect(await refused.nth(1).innerText()).toContain(IBAN_BAD);
    expect(await importButton.isDisabled()).toBe(true);
    await shot('85-indicators-bulk-preview-refused');
    // Nothing was written by the preview.
    expect(await indicators()).toHaveLength(1);

    // The refused lines taken out: the old preview no longer stands, so Import waits for a new one.
    await form.getByLabel('Indicators, one a line').fill(good.join('\n'));
    await form.getByRole('button', { name: 'Preview again' }).waitFor();
    expect(await importButton.isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Preview again' }).click();
    await form.getByText('5 lines: 4 to add, 1 already present, 0 refused').waitFor();
    await form.getByRole('button', { name: 'Import 4 indicators' }).click();
    await form.waitFor({ state: 'detached' });

    await rowOf('DE89370400440532013000').waitFor();
    await rowOf('+821012345678').waitFor();
    await rowOf('jinho-park-dev').waitFor();
    const rows = await indicators();
    expect(rows.map((r) => `${r.type} ${r.normalised}`).sort()).toEqual(
      [
        `eth ${ETH_CHECKSUMMED}`,
        'email jinho.park.dev@proton.me',
        'iban DE89370400440532013000',
        'phone +821012345678',
        'username jinho-park-dev',
      ].sort(),
    );
    for (const row of rows) expect(row.subjects.map((s) => s.name)).toEqual([WORKER]);
    expect(rows.find((r) => r.type === 'username')!.platform).toBe('github');
    expect(rows.find((r) => r.type === 'iban')!.sourceExhibit).toBe('E-0002');
  });

  it('reads a list from a .txt file with a default type', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Paste or import a list…' }).click();
    const form = page.getByRole('form', { name: 'Import a list' });
    await form.getByLabel('List of indicators to read (.txt or .csv)').setInputFiles({
      name: 'wallets.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(`# wallets from the extortion note\n${BTC_GOOD}\n1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n`),
    });
    await form.getByText('Read from wallets.txt').waitFor();
    expect(await form.getByLabel('Indicators, one a line').inputValue()).toContain(BTC_GOOD);
    await form.getByLabel('Default type').selectOption('btc');
    await form.getByRole('button', { name: 'Preview' }).click();
    await form.getByText('2 lines: 2 to add, 0 already present, 0 refused').waitFor();
    await form.getByRole('button', { name: 'Import 2 indicators' }).click();
    await form.waitFor({ state: 'detached' });
    await rowOf(BTC_GOOD).waitFor();
    expect((await indicators()).filter((r) => r.type === 'btc')).toHaveLength(2);
  });

  it('filters by type and text, edits an indicator and removes one', async () => {
    const { page } = h;
    await page.getByLabel('Type', { exact: true }).selectOption('btc');
    await page.getByText('2 of 7 shown').waitFor();
    await page.getByLabel('Type', { exact: true }).selectOption('');
    await page.getByLabel('Contains').fill('github');
    await page.getByText('1 of 7 shown').waitFor();
    await page.getByLabel('Contains').fill('');
    await page.getByText('7 indicators').waitFor();

    await rowOf(ETH_CHECKSUMMED).getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: `Edit ${ETH_CHECKSUMMED}` });
    await edit.getByLabel('Confidence').selectOption('confirmed');
    await edit.getByLabel('Last seen').fill('2026-03-05T18:40');
    await edit.getByLabel('Notes').fill('Salary payout wallet (USDT-ERC20), per payroll export');
    await edit.getByRole('button', { name: 'Save indicator' }).click();
    await edit.waitFor({ state: 'detached' });
    await rowOf(ETH_CHECKSUMMED).getByText('Confirmed').waitFor();
    const eth = (await indicators()).find((r) => r.type === 'eth')!;
    expect(eth.confidence).toBe('confirmed');
    expect(eth.notes).toBe('Salary payout wallet (USDT-ERC20), per payroll export');
    await shot('86-indicators-table');

    await rowOf('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa').getByRole('button', { name: 'Remove…' }).click();
    await page.getByRole('button', { name: 'Remove indicator' }).click();
    await rowOf('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa').waitFor({ state: 'detached' });
    expect(await indicators()).toHaveLength(6);
  });
});

describe('the two screens together', () => {
  it('shows the indicators entered for the worker on their page', async () => {
    await nav('Subjects').click();
    await subjectList()
      .getByRole('button', { name: new RegExp(WORKER) })
      .click();
    await detail().getByRole('heading', { name: WORKER, level: 3 }).waitFor();
    await detail().getByRole('heading', { name: 'Indicators', level: 5 }).waitFor();
    expect(await detail().locator('.subj-link', { hasText: ETH_CHECKSUMMED }).count()).toBe(1);
    const got = await detailOf(WORKER);
    expect(got.links.filter((l) => l.targetType === 'indicator')).toHaveLength(5);
    await shot('87-subject-with-indicators');
  });

  it('opens a subject and an indicator from the case-wide search', async () => {
    const { page } = h;
    await page.keyboard.press('Control+K');
    const search = page.getByRole('combobox', { name: 'Search this case' });
    await search.fill('Ярослав');
    await page
      .getByRole('option', { name: new RegExp(WORKER) })
      .first()
      .waitFor();
    await search.press('Enter');
    await detail().getByRole('heading', { name: WORKER, level: 3 }).waitFor();
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('subj-detail-title');
    await expect.poll(() => page.locator('.subj-item--found').count()).toBe(1);

    await page.keyboard.press('Control+K');
    await search.fill('DE89 3704 0044 0532 0130 00');
    await page
      .getByRole('option', { name: /DE89370400440532013000/ })
      .first()
      .waitFor();
    await search.press('Enter');
    await page.locator('tr.ind-row--found', { hasText: 'DE89370400440532013000' }).waitFor();
    await shot('88-indicator-from-search');
  });

  it('removes a subject after a confirmation', async () => {
    await nav('Subjects').click();
    await subjectList()
      .getByRole('button', { name: new RegExp(HOST) })
      .click();
    await detail().getByRole('heading', { name: HOST, level: 3 }).waitFor();
    await detail().getByRole('button', { name: 'Remove…' }).click();
    await detail()
      .getByText(/Remove Müller Logistics host from the case\?/)
      .waitFor();
    await shot('89-subject-remove-confirm');
    await detail().getByRole('button', { name: 'Remove subject' }).click();
    await subjectList()
      .getByRole('button', { name: new RegExp(HOST) })
      .waitFor({ state: 'detached' });
    expect((await subjects()).map((s) => s.name).sort()).toEqual([FACILITATOR, WORKER].sort());
  });

  it('leaves a case that verifies, with every change in its audit log', async () => {
    const verdict = (await h.handlers.invoke('audit:verify', {})) as Ok<{ ok: boolean }>;
    expect(verdict.value.ok).toBe(true);
    const audit = (await h.handlers.invoke('audit:list', { limit: 1000 })) as Ok<{ items: { action: string }[] }>;
    const actions = new Set(audit.value.items.map((e) => e.action));
    for (const action of [
      'subject.add',
      'subject.update',
      'subject.link',
      'subject.remove',
      'indicator.add',
      'indicator.import',
      'indicator.update',
      'indicator.remove',
    ]) {
      expect(actions).toContain(action);
    }
    expect(h.consoleErrors).toEqual([]);
  });
});

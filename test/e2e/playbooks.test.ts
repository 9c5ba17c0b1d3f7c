import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLocalInput } from '../../shared/logic/time.ts';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

// A security lead runs the termination checklist against T0, the moment access is cut: steps come
// due relative to it, are marked done with proof (or skipped with a reason), and what was done out
// of order says so. T0 is three hours back, so the revocation steps are already overdue.

let h: Harness;
let termination: string;
const TITLE = 'Termination of contractor J. Kim';
const OUTCOME = 'GitHub org membership removed; 3 PATs and 2 deploy keys revoked';
const SKIP_REASON = 'Outside counsel already engaged on the 3 Nov call';
const ZONE = 'Europe/Berlin';

const step = (code: string) => h.page.getByRole('listitem', { name: new RegExp(`^${code} `) });

beforeAll(async () => {
  h = await startHarness(ZONE);
  await h.handlers.invoke('profile:set', {
    name: 'Dana Whitfield',
    role: 'Incident responder',
    organisation: 'Northwind Security',
    timeZone: '',
  });
  const path = join(h.workDir, 'termination.custos');
  // The path must come from the save dialog, as it would in the app.
  h.nextSavePath(path);
  await h.handlers.invoke('dialog:chooseNewCasePath', {});
  const created = await h.handlers.invoke('case:create', {
    path,
    draft: { title: 'Suspected DPRK IT worker', caseType: 'extortion' },
  });
  expect(created.ok).toBe(true);
  const item = await h.handlers.invoke('evidence:addText', {
    description: 'GitHub audit log extract after revocation',
    capturedText: 'org.remove_member jkim-dev',
    method: 'Copied from the GitHub audit log',
  });
  expect(item.ok).toBe(true);
  const templates = await h.handlers.invoke('playbook:templates', {});
  expect(templates.ok).toBe(true);
  const found = (templates as { value: { id: string; name: string }[] }).value.find((t) =>
    t.name.startsWith('Termination'),
  );
  expect(found).toBeDefined();
  termination = found!.id;
  await h.page.reload();
});
afterAll(async () => {
  await h?.close();
});

describe('a playbook run in a case', () => {
  it('explains playbooks and refuses to start one without a template and T0', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Playbooks', exact: true }).click();
    await page.getByRole('heading', { name: 'Start a playbook' }).waitFor();
    await page.getByText(/A playbook is a checklist worked against one moment, T0/).waitFor();
    // The zone defaults to the examiner's, as in every other form.
    expect(await page.getByLabel('Time zone of T0').inputValue()).toBe(ZONE);
    await page.getByRole('button', { name: 'Start playbook' }).click();
    await page.getByText('Choose a playbook template').waitFor();
    await page.getByText(/Give T0/).waitFor();
    await h.screenshot('50-playbook-start');
  });

  it('starts the termination playbook at a T0 three hours back: its steps are overdue', async () => {
    const { page } = h;
    const t0 = toLocalInput(new Date(Date.now() - 3 * 3_600_000).toISOString(), ZONE);
    await page.getByRole('combobox', { name: 'Playbook', exact: true }).selectOption(termination);
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('T0 *', { exact: true }).fill(t0);
    await page.getByRole('button', { name: 'Start playbook' }).click();
    await page.getByRole('heading', { name: TITLE, level: 3 }).waitFor();
    expect(await page.getByRole('heading', { name: 'Start a playbook' }).count()).toBe(0);
    await page.getByText('Now', { exact: true }).waitFor();
    expect(await page.locator('.run-head').innerText()).toMatch(/T0\+3 h/);
    expect(await page.locator('.run-head').innerText()).toMatch(/0 of \d+ settled, \d+ overdue/);
    await page.getByRole('heading', { name: /^B Revocation/ }).waitFor();
    const b4 = step('B4');
    expect(await b4.innerText()).toMatch(/Due T0\+5 min/);
    expect(await b4.getByText('Overdue').count()).toBe(1);
    await h.screenshot('51-playbook-run');
  });

  it('marks B4 done with an outcome and proof, and shows it was done out of order', async () => {
    const { page } = h;
    const b4 = step('B4');
    await b4.getByRole('button', { name: 'Mark done…' }).click();
    // "Done at" opens at now, in the examiner's zone, with the focus there for the keyboard.
    expect(await b4.getByLabel('Done at').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(await page.evaluate('document.activeElement?.getAttribute("type")')).toBe('datetime-local');
    expect(await b4.getByLabel('Time zone of that clock').inputValue()).toBe(ZONE);
    await b4.getByLabel('Outcome').fill(OUTCOME);
    await b4.getByLabel('Proof').fill('E-0001');
    await h.screenshot('52-playbook-step-done-form');
    await b4.getByRole('button', { name: 'Record as done' }).click();
    await b4.getByText('Out of order').waitFor();
    await expect.poll(() => b4.locator('.step-state').innerText()).toBe('Done');
    const text = await b4.innerText();
    expect(text).toContain(`Outcome: ${OUTCOME}`);
    expect(text).toMatch(/Done T0\+3 h( 1 min)? \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+01:00\) by Dana Whitfield/);
    expect(text).toMatch(/Proof: E-0001 GitHub audit log extract/);
    expect(await b4.getByText('Overdue').count()).toBe(0);
    expect(await page.locator('.run-head').innerText()).toMatch(/1 of \d+ settled/);
    await h.screenshot('52-playbook-step-done');
  });

  it('skips A2 only with a reason, then reopens it from the keyboard', async () => {
    const { page } = h;
    const a2 = step('A2');
    await a2.getByRole('button', { name: 'Skip…' }).click();
    await a2.getByRole('button', { name: 'Skip step' }).click();
    await a2.getByText('Reason is required').waitFor();
    await h.screenshot('53-playbook-reason-required');
    await a2.getByLabel('Reason').fill(SKIP_REASON);
    await a2.getByRole('button', { name: 'Skip step' }).click();
    await expect.poll(() => a2.locator('.step-state').innerText()).toBe('Skipped');
    expect(await a2.innerText()).toContain(`Reason: ${SKIP_REASON}`);
    // Recorded in the examiner's zone, so no "entered in" another zone is shown.
    expect(await a2.innerText()).toMatch(/Skipped T0\+3 h.* by Dana Whitfield\n/);
    expect(await a2.innerText()).not.toContain('entered in');
    await h.screenshot('54-playbook-step-skipped');

    await a2.getByRole('button', { name: 'Reopen' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => a2.locator('.step-state').innerText()).toBe('Pending');
    expect(await a2.getByText(SKIP_REASON).count()).toBe(0);
    const runs = (await h.handlers.invoke('playbook:runs', {})) as { ok: true; value: { id: string }[] };
    const detail = (await h.handlers.invoke('playbook:detail', { runId: runs.value[0]!.id })) as {
      ok: true;
      value: { steps: { code: string; state: string; reason: string; outOfOrder: boolean }[] };
    };
    const byCode = new Map(detail.value.steps.map((s) => [s.code, s]));
    expect(byCode.get('A2')).toMatchObject({ state: 'pending', reason: '' });
    expect(byCode.get('B4')).toMatchObject({ state: 'done', outOfOrder: true });
  });

  it('filters to the overdue steps, and by role', async () => {
    const { page } = h;
    await page.getByLabel('Show').selectOption('overdue');
    await step('A1').waitFor();
    expect(await step('B4').count()).toBe(0);
    // Due at T0+4 h: not yet.
    expect(await step('C3').count()).toBe(0);
    const rows = page.locator('.steps > li');
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    expect(await page.locator('.steps > li.step--overdue').count()).toBe(count);
    await page.getByText(new RegExp(`^${count} of \\d+ steps shown$`)).waitFor();
    await h.screenshot('55-playbook-overdue');

    const role = page.getByLabel('Role');
    const roles = (await role.locator('option').allInnerTexts()).filter((r) => r !== 'All roles');
    expect(roles.length).toBeGreaterThan(1);
    await role.selectOption({ label: roles[0]! });
    await expect.poll(() => rows.count()).toBeLessThan(count);
    await page.getByLabel('Show').selectOption('all');
    await role.selectOption('');
    await step('B4').waitFor();
  });

  it('keeps an access inventory below the run: what is revoked, with proof, and what is still active', async () => {
    const { page } = h;
    const inventory = page.getByRole('region', { name: 'Access inventory' });
    await inventory.getByRole('heading', { name: 'Access inventory', level: 3 }).waitFor();
    await inventory.getByText(/No access recorded yet/).waitFor();
    const form = inventory.getByRole('form', { name: 'Add access' });
    const add = async (fields: Record<string, string>, status?: string) => {
      await inventory.getByRole('button', { name: 'Add access…' }).click();
      for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
      if (status) await form.getByLabel('Status').selectOption(status);
      await form.getByRole('button', { name: 'Add access', exact: true }).click();
      await form.waitFor({ state: 'detached' });
    };

    await inventory.getByRole('button', { name: 'Add access…' }).click();
    // A new item is active until someone says otherwise.
    expect(await form.getByLabel('Status').inputValue()).toBe('active');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await add(
      { 'System *': 'GitHub', 'Identifier *': 'jkim-dev', Category: 'Account', Owner: 'J. Kim', Proof: 'E-0001' },
      'revoked',
    );
    await add({ 'System *': 'AWS', 'Identifier *': 'AKIA4EXAMPLEKEY', Category: 'API key', Owner: 'J. Kim' });

    await inventory.getByText('2 accounts: 1 still active', { exact: true }).waitFor();
    const rows = inventory.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const github = rows.filter({ hasText: 'jkim-dev' });
    expect(await github.innerText()).toMatch(/GitHub\s+jkim-dev\s+Account\s+J\. Kim\s+Revoked\s+E-0001/);
    expect(await github.locator('.access-status--revoked').count()).toBe(1);
    const aws = rows.filter({ hasText: 'AKIA4EXAMPLEKEY' });
    expect(await aws.innerText()).toMatch(/AWS\s+AKIA4EXAMPLEKEY\s+API key\s+J\. Kim\s+Active/);
    expect(await aws.locator('.access-status--active').count()).toBe(1);

    // Proof naming no exhibit of this case: the backend refuses, and the form says so.
    await inventory.getByRole('button', { name: 'Add access…' }).click();
    await form.getByLabel('System *').fill('Okta');
    await form.getByLabel('Identifier *').fill('jkim@example.com');
    await form.getByLabel('Proof').fill('E-9999');
    await form.getByRole('button', { name: 'Add access', exact: true }).click();
    await form.locator('.form-error').waitFor();
    expect(await rows.count()).toBe(2);
    await form.getByRole('button', { name: 'Cancel' }).click();

    // No system: the message is beside the field, and nothing is sent.
    await inventory.getByRole('button', { name: 'Add access…' }).click();
    await form.getByLabel('Identifier *').fill('laptop SN C02XK1');
    await form.getByRole('button', { name: 'Add access', exact: true }).click();
    await form.getByText('Name the system (GitHub, Okta, AWS…)').waitFor();
    expect(await form.getByLabel('System *').getAttribute('aria-invalid')).toBe('true');
    expect(await rows.count()).toBe(2);
    // The "added" message fades by itself; the screenshot shows the table without it over the rows.
    await page.locator('.toast').waitFor({ state: 'detached' });
    await h.screenshot('56-playbook-access-inventory');

    const listed = (await h.handlers.invoke('access:list', {})) as {
      ok: true;
      value: { system: string; status: string; proofItemId: string | null }[];
    };
    expect(listed.value.map((i) => [i.system, i.status, Boolean(i.proofItemId)])).toEqual([
      ['GitHub', 'revoked', true],
      ['AWS', 'active', false],
    ]);
  });

  it('leaves a case that verifies, with every change in its audit log', async () => {
    const verdict = (await h.handlers.invoke('audit:verify', {})) as { ok: boolean; value: { ok: boolean } };
    expect(verdict.ok).toBe(true);
    expect(verdict.value.ok).toBe(true);
    expect(h.consoleErrors).toEqual([]);
  });
});

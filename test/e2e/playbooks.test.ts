import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
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
/** Whether the focus is on the row itself (not a button or field in it): where the keys act. */
const focused = (code: string) =>
  step(code).evaluate(
    (row) => row === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
  );
const assigneeFilter = () => h.page.getByRole('group', { name: 'Filter steps' }).getByLabel('Assignee');
const QUESTION = 'Has the worker returned the company laptop?';
const DECISION_REASON = 'Courier found nobody at the shipping address on 2 Dec';
const NA_REASON = 'Accounts were never provisioned beyond GitHub and AWS';

type Detail = {
  ok: true;
  value: { steps: { code: string; kind: string; state: string; assignee: string; reason: string; outcome: string }[] };
};
async function runSteps() {
  const runs = (await h.handlers.invoke('playbook:runs', {})) as { ok: true; value: { id: string }[] };
  const detail = (await h.handlers.invoke('playbook:detail', { runId: runs.value[0]!.id })) as Detail;
  return new Map(detail.value.steps.map((s) => [s.code, s]));
}
async function accessItems() {
  const listed = (await h.handlers.invoke('access:list', {})) as {
    ok: true;
    value: {
      system: string;
      identifier: string;
      status: string;
      revokedAt: string | null;
      verifiedAt: string | null;
    }[];
  };
  return listed.value;
}

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
    // C3 is due at T0+4 h, within the hour from now (T0 is now − 3 h, to the minute): it stands out
    // before it turns overdue, and the header counts it.
    expect(await step('C3').getByText('Due soon').count()).toBe(1);
    expect(await step('C4').getByText('Due soon').count()).toBe(0);
    expect(await page.locator('.run-head').innerText()).toMatch(/\d+ overdue, 1 due within the hour/);
    await h.screenshot('51-playbook-run');
  });

  it('marks B4 done with an outcome and proof, and shows it was done out of order', async () => {
    const { page } = h;
    const b4 = step('B4');
    await b4.getByRole('button', { name: 'Mark done…' }).click();
    // "Done at" opens at now, in the examiner's zone, with the focus there for the keyboard.
    expect(await b4.getByLabel('Done at').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await page.evaluate('document.activeElement?.getAttribute("placeholder")')).toBe('YYYY-MM-DD HH:MM');
    expect(await b4.getByLabel('Time zone of that clock').inputValue()).toBe(ZONE);
    await b4.getByLabel('Outcome').fill(OUTCOME);
    await b4.getByLabel('Proof').fill('E-0001');
    await b4.getByRole('checkbox', { name: /Also put it on the case timeline/ }).check();
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
    // On the case timeline as well, at the time it was done, in the same write.
    await page.getByRole('button', { name: 'Timeline', exact: true }).click();
    await page.getByText(/^B4 Remove source-control access and tokens in one go \(done\)$/).waitFor();
    await page.getByRole('button', { name: 'Playbooks', exact: true }).click();
    await b4.waitFor();
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
    // What comes next: only C3, due within the hour.
    await page.getByLabel('Show').selectOption('soon');
    await step('C3').waitFor();
    expect(await rows.count()).toBe(1);
    await page.getByLabel('Show').selectOption('overdue');
    await step('A1').waitFor();

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
    // Added as revoked without a time: the Revoked and Verified dead columns say nothing yet.
    expect(await github.innerText()).toMatch(/GitHub\s+jkim-dev\s+Account\s+J\. Kim\s+Revoked\s+—\s+—\s+E-0001/);
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

  it('answers D4 "No": D4a is set aside with the answer as the reason, D4b stays to do', async () => {
    const { page } = h;
    const d4 = step('D4');
    expect(await d4.innerText()).toContain('Question');
    expect(await d4.locator('.step-state').innerText()).toBe('To answer');
    const actionsBefore = [...(await runSteps()).values()].filter((s) => s.kind === 'action').length;
    // Questions are not work: the progress counts only the steps to do.
    expect(await page.locator('.run-head').innerText()).toContain(`of ${actionsBefore} settled`);
    expect(await page.locator('.run-head').innerText()).toMatch(/1 question to answer/);

    await d4.getByRole('button', { name: 'No → D4b' }).click();
    const form = d4.getByRole('form', { name: /Answer No/ });
    expect(await page.evaluate('document.activeElement?.getAttribute("placeholder")')).toBe('YYYY-MM-DD HH:MM');
    expect(await form.getByLabel('Time zone of that clock').inputValue()).toBe(ZONE);
    await form.getByText(/^= \d{4}-\d{2}-\d{2} \d{2}:\d{2}:00 UTC$/).waitFor();
    await form.getByLabel('Reason').fill(DECISION_REASON);
    await h.screenshot('57-playbook-decision-form');
    await form.getByRole('button', { name: 'Record answer No' }).click();
    await form.waitFor({ state: 'detached' });

    await expect.poll(() => d4.locator('.step-state').innerText()).toBe('Answered');
    // Near midnight the UTC time falls on another day than Berlin's, and then carries its date.
    expect(await d4.innerText()).toMatch(
      /Answered No · \d{4}-\d{2}-\d{2} \d{2}:\d{2} Europe\/Berlin \((\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} UTC\) · by Dana Whitfield/,
    );
    expect(await d4.innerText()).toContain(`Reason: ${DECISION_REASON}`);
    const d4a = step('D4a');
    await expect.poll(() => d4a.locator('.step-state').innerText()).toBe('Not applicable');
    expect(await d4a.innerText()).toContain(`Reason: Branch not taken: "${QUESTION}" was answered No`);
    // Set aside by the answer: only changing the answer brings it back, so it offers nothing to do.
    expect(await d4a.getByRole('button', { name: /Mark done|Reopen/ }).count()).toBe(0);
    const d4b = step('D4b');
    expect(await d4b.locator('.step-state').innerText()).toBe('Pending');
    await d4b.getByRole('button', { name: 'Mark done…' }).waitFor();
    expect(await page.locator('.run-head').innerText()).not.toMatch(/question to answer/);

    const byCode = await runSteps();
    expect(byCode.get('D4')).toMatchObject({ kind: 'decision', state: 'done', outcome: 'No' });
    expect(byCode.get('D4a')).toMatchObject({ state: 'not_applicable' });
    expect(byCode.get('D4b')).toMatchObject({ state: 'pending' });
    await h.screenshot('58-playbook-decision-answered');

    // Changing the answer offers only the other one; Escape puts the row back as it was.
    await d4.getByRole('button', { name: 'Change answer…' }).click();
    await d4.getByRole('button', { name: 'Yes → D4a' }).waitFor();
    expect(await d4.getByRole('button', { name: 'No → D4b' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await d4.getByRole('button', { name: 'Change answer…' }).waitFor();
    expect(await focused('D4')).toBe(true);
  });

  it('starts a step and assigns it, sets another aside as not applicable, and filters by assignee', async () => {
    const { page } = h;
    const c3 = step('C3');
    await c3.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => c3.locator('.step-state').innerText()).toBe('In progress');
    await c3.getByRole('button', { name: 'Assign…' }).click();
    await c3.getByLabel('Assignee').fill('Sam Ortiz');
    await c3.getByRole('button', { name: 'Save assignee' }).click();
    await c3.getByText('Assigned to Sam Ortiz').waitFor();
    expect(await c3.locator('.step-state').innerText()).toBe('In progress');
    await c3.getByRole('button', { name: 'Back to pending' }).waitFor();

    const d7 = step('D7');
    await d7.getByRole('button', { name: 'Not applicable…' }).click();
    await d7.getByRole('button', { name: 'Mark not applicable' }).click();
    await d7.getByText('Reason is required').waitFor();
    await d7.getByLabel('Reason').fill(NA_REASON);
    await d7.getByRole('button', { name: 'Mark not applicable' }).click();
    await expect.poll(() => d7.locator('.step-state').innerText()).toBe('Not applicable');
    expect(await d7.innerText()).toContain(`Reason: ${NA_REASON}`);
    // Set aside by a person, not by an answer: it can be reopened.
    await d7.getByRole('button', { name: 'Reopen' }).waitFor();

    const byCode = await runSteps();
    expect(byCode.get('C3')).toMatchObject({ state: 'in_progress', assignee: 'Sam Ortiz' });
    expect(byCode.get('D7')).toMatchObject({ state: 'not_applicable', reason: NA_REASON });

    await assigneeFilter().selectOption('Sam Ortiz');
    await page.getByText(/^1 of \d+ steps shown$/).waitFor();
    expect(await page.locator('.steps > li').count()).toBe(1);
    await page.getByLabel('Show').selectOption('in_progress');
    await step('C3').waitFor();
    await h.screenshot('59-playbook-assignee-filter');
    await assigneeFilter().selectOption('');
    await page.getByLabel('Show').selectOption('all');
    await step('A1').waitFor();
    await h.screenshot('60-playbook-in-progress-and-not-applicable');
  });

  it('expands a step to show its instructions, sources, role and prerequisites', async () => {
    const b10 = step('B10');
    const toggle = b10.getByRole('button', { name: 'Details' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const details = b10.locator('.step__details');
    await details.waitFor();
    expect(await details.locator('ol.step__instructions > li').count()).toBeGreaterThan(1);
    const text = await details.innerText();
    expect(text).toMatch(/Instructions/i);
    expect(text).toMatch(/Sources/i);
    expect(text).toContain('Role');
    // Its named prerequisites, by code: the revocation steps before it.
    expect(text).toMatch(/After\s+B1, B2, B3/);
    expect(text).toMatch(/Proof\s+None attached/);
    // A source's address is text to copy: nothing on this screen navigates.
    expect(text).toMatch(/https:\/\/\S+/);
    expect(await details.locator('a').count()).toBe(0);
    await h.screenshot('61-playbook-step-details');
    await toggle.click();
    await details.waitFor({ state: 'detached' });
  });

  it('works a step from the keyboard alone: arrows between rows, D for the done form, Enter to save', async () => {
    const { page } = h;
    // Into the list with Tab from the last filter: it lands on the first row's details button, and
    // the arrows go on from there, row by row.
    await assigneeFilter().focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate('document.activeElement?.className')).toBe('step__toggle');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused('A2')).toBe(true);
    await page.keyboard.press('End');
    await expect.poll(() => focused('D8')).toBe(true);
    await page.keyboard.press('Home');
    await expect.poll(() => focused('A1')).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused('A3')).toBe(true);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focused('A2')).toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused('A3')).toBe(true);

    const a3 = step('A3');
    // Enter opens the details, Escape closes them again.
    await page.keyboard.press('Enter');
    await a3.locator('.step__details').waitFor();
    await page.keyboard.press('Escape');
    await a3.locator('.step__details').waitFor({ state: 'detached' });

    // D opens the done form with the time field focused; Escape closes it and the row has the focus.
    await page.keyboard.press('d');
    const form = a3.getByRole('form', { name: 'Mark done' });
    await form.waitFor();
    expect(await page.evaluate('document.activeElement?.getAttribute("placeholder")')).toBe('YYYY-MM-DD HH:MM');
    // The letter opened the form and did not land in the field.
    expect(await form.getByLabel('Done at').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await focused('A3')).toBe(true);

    await page.keyboard.press('D');
    await form.waitFor();
    // Tab on to the proof by number (the time field's parts take some of the presses), type, and Enter.
    for (let i = 0; i < 12; i++) {
      const label = await page.evaluate('document.activeElement?.labels?.[0]?.innerText');
      if (label === 'Proof by number') break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('E-0001');
    await h.screenshot('62-playbook-keyboard-done-form');
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => a3.locator('.step-state').innerText()).toBe('Done');
    expect(await a3.innerText()).toMatch(/Proof: E-0001 GitHub audit log extract/);
    // Back on the row, so the next key goes on from here.
    expect(await focused('A3')).toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused('A4')).toBe(true);
    await page.keyboard.press('s');
    await step('A4').getByRole('button', { name: 'Skip step' }).waitFor();
    await page.keyboard.press('Escape');
    expect(await focused('A4')).toBe(true);
    expect((await runSteps()).get('A3')).toMatchObject({ state: 'done' });

    // Showing open steps only, a step done from the keyboard leaves the list: the focus goes to the
    // row that took its place, so the next key still acts on a step.
    await page.getByLabel('Show').selectOption('open');
    await step('A4').focus();
    await page.keyboard.press('d');
    await step('A4').getByRole('form', { name: 'Mark done' }).waitFor();
    await page.keyboard.press('Enter');
    await step('A4').waitFor({ state: 'detached' });
    await expect.poll(() => focused('A5')).toBe(true);
    expect((await runSteps()).get('A4')).toMatchObject({ state: 'done' });
    await page.getByLabel('Show').selectOption('all');
    await step('A4').waitFor();
  });

  it('records access as revoked, then verified dead, with the times in the examiner zone and UTC', async () => {
    const { page } = h;
    const inventory = page.getByRole('region', { name: 'Access inventory' });
    // The add form the inventory test left open is put away first.
    await inventory.getByRole('form', { name: 'Add access' }).getByRole('button', { name: 'Cancel' }).click();
    const aws = inventory.locator('tbody tr').filter({ hasText: 'AKIA4EXAMPLEKEY' });
    await aws.getByRole('button', { name: 'Revoked…' }).click();
    const form = inventory.getByRole('form', { name: /^Revoked: AWS AKIA4EXAMPLEKEY/ });
    expect(await page.evaluate('document.activeElement?.getAttribute("placeholder")')).toBe('YYYY-MM-DD HH:MM');
    expect(await form.getByLabel('Time zone of that clock').inputValue()).toBe(ZONE);
    await form.getByText(/^= \d{4}-\d{2}-\d{2} \d{2}:\d{2}:00 UTC$/).waitFor();
    await form.getByLabel('Proof').selectOption({ label: 'E-0001 GitHub audit log extract after revocation' });
    await h.screenshot('63-playbook-access-revoke-form');
    await form.getByRole('button', { name: 'Record revoked' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => aws.locator('.access-status').innerText()).toBe('Revoked');
    expect(await aws.innerText()).toMatch(
      /Revoked\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+01:00\s+\d{4}-.* UTC\s+—\s+E-0001/,
    );
    await inventory.getByText('2 accounts: 0 still active', { exact: true }).waitFor();

    await aws.getByRole('button', { name: 'Verified dead…' }).click();
    const verify = inventory.getByRole('form', { name: /^Verified dead: AWS/ });
    await verify.getByRole('button', { name: 'Record verified dead' }).click();
    await verify.waitFor({ state: 'detached' });
    await expect.poll(() => aws.locator('.access-status').innerText()).toBe('Verified dead');
    // Both times stay: when it was cut and when it was found dead.
    expect(await aws.locator('.zoned').count()).toBe(2);
    expect(await aws.getByRole('button').count()).toBe(0);
    await page.locator('.toast').waitFor({ state: 'detached' });
    await h.screenshot('64-playbook-access-verified-dead');

    const item = (await accessItems()).find((i) => i.system === 'AWS');
    expect(item).toMatchObject({ status: 'verified_dead' });
    expect(item?.revokedAt).toMatch(/Z$/);
    expect(item?.verifiedAt).toMatch(/Z$/);
  });

  it('imports access from CSV: one refused line refuses the file, a clean file adds its rows', async () => {
    const { page } = h;
    const inventory = page.getByRole('region', { name: 'Access inventory' });
    await inventory.getByRole('button', { name: 'Import CSV…' }).click();
    const form = inventory.getByRole('form', { name: 'Import access from CSV' });
    const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
    await form
      .getByLabel('CSV file')
      .setInputFiles(
        csv(
          'bad.csv',
          'system,identifier,category,owner,status\nOkta,jkim@example.com,Account,J. Kim,active\nGitHub,jkim-dev,Account,J. Kim,revoked\nSlack,U04JKIM,Account,J. Kim,deleted\n',
        ),
      );
    await form.getByText('bad.csv: 3 lines: 1 to add, 1 already present, 1 refused').waitFor();
    const preview = form.locator('tbody tr');
    expect(await preview.count()).toBe(3);
    expect(await preview.nth(0).innerText()).toMatch(/2\s+Okta\s+jkim@example\.com\s+To add/);
    expect(await preview.nth(1).innerText()).toMatch(/3\s+GitHub\s+jkim-dev\s+Already present/);
    expect(await preview.nth(2).innerText()).toMatch(/4\s+Slack\s+U04JKIM\s+Refused\s+status "deleted"/);
    await form.getByText(/one refused line refuses the whole file/).waitFor();
    expect(await form.getByRole('button', { name: /^Import/ }).isDisabled()).toBe(true);
    await h.screenshot('65-playbook-access-import-refused');
    expect(await accessItems()).toHaveLength(2);

    await form
      .getByLabel('CSV file')
      .setInputFiles(
        csv(
          'good.csv',
          'system,identifier,category,owner,status,notes\nOkta,jkim@example.com,Account,J. Kim,active,SSO account\nSlack,U04JKIM,Account,J. Kim,active,\nGitHub,jkim-dev,Account,J. Kim,revoked,\n',
        ),
      );
    await form.getByText('good.csv: 3 lines: 2 to add, 1 already present, 0 refused').waitFor();
    expect(await form.getByText(/refuses the whole file/).count()).toBe(0);
    const importButton = form.getByRole('button', { name: 'Import 2 accounts' });
    expect(await importButton.isDisabled()).toBe(false);
    await h.screenshot('66-playbook-access-import-preview');
    await importButton.click();
    await form.waitFor({ state: 'detached' });
    await inventory.getByText('4 accounts: 2 still active', { exact: true }).waitFor();
    const rows = inventory.locator('tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await rows.filter({ hasText: 'jkim@example.com' }).innerText()).toMatch(
      /Okta\s+jkim@example\.com\s+SSO account/,
    );
    expect((await accessItems()).map((i) => i.system)).toEqual(expect.arrayContaining(['Okta', 'Slack']));
  });

  it('exports the run as CACAO 2.0 and shows the SHA-256 of the file it wrote', async () => {
    const { page } = h;
    const path = join(h.workDir, 'run.cacao.json');
    h.nextExportPath(path);
    await page.getByRole('button', { name: 'Export as CACAO…' }).click();
    const hash = page.locator('.run-export__hash');
    await hash.waitFor();
    expect(existsSync(path)).toBe(true);
    const bytes = readFileSync(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(await hash.getAttribute('title')).toBe(sha256);
    // The whole hash is the text (to copy), cut to its first 16 digits on screen.
    expect(await hash.innerText()).toBe(sha256);
    expect(await page.locator('.run-export__result').innerText()).toContain(path);
    expect(await page.locator('.toast').innerText()).toContain(`${path} (SHA-256 ${sha256.slice(0, 16)}…)`);
    const cacao = JSON.parse(bytes.toString('utf8')) as { spec_version: string; type: string };
    expect(cacao.spec_version).toBe('cacao-2.0');
    expect(cacao.type).toBe('playbook');
    await h.screenshot('67-playbook-exported');

    // Cancelling the Save dialog writes nothing and says nothing.
    h.nextExportPath(null);
    await page.locator('.toast').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Export as CACAO…' }).click();
    await page.getByRole('button', { name: 'Export as CACAO…' }).waitFor();
    expect(await page.locator('.toast').count()).toBe(0);
  });

  it('watches D1 go overdue once B10 is recorded as done two days ago: D1 is due a day after B10', async () => {
    const d1 = step('D1');
    expect(await d1.innerText()).toMatch(/Due 1 d after B10 is done/);
    expect(await d1.getByText('Overdue').count()).toBe(0);
    const b10 = step('B10');
    await b10.getByRole('button', { name: 'Mark done…' }).click();
    await b10.getByLabel('Done at').fill(toLocalInput(new Date(Date.now() - 2 * 86_400_000).toISOString(), ZONE));
    await b10.getByRole('button', { name: 'Record as done' }).click();
    await expect.poll(() => b10.locator('.step-state').innerText()).toBe('Done');
    // Its due time is now known, a day after B10 was done, and already past.
    await d1.getByText('Overdue').waitFor();
    expect(await d1.innerText()).toMatch(/Due T0[−+]/);
    await h.screenshot('69-playbook-gone-overdue');
  });

  it('closes the run when its work is over, saying what is still open; a closed run takes no changes until reopened', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Close run…' }).click();
    const ask = page.getByRole('group', { name: 'Close the run' });
    expect(await ask.innerText()).toMatch(/\d+ steps are still open and will stay as they are\./);
    await ask.getByRole('button', { name: 'Close run', exact: true }).click();
    await page.getByRole('button', { name: 'Reopen run' }).waitFor();
    expect(await page.locator('.run-head').innerText()).toContain('Closed');
    // Nothing on a closed run offers a change.
    expect(await step('C4').getByRole('button', { name: 'Mark done…' }).count()).toBe(0);
    await h.screenshot('68-playbook-run-closed');
    await page.getByRole('button', { name: 'Reopen run' }).click();
    await step('C4').getByRole('button', { name: 'Mark done…' }).waitFor();
  });

  it('leaves a case that verifies, with every change in its audit log', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Audit log', exact: true }).click();
    await page.getByRole('button', { name: 'Verify case' }).click();
    await page.getByText(/✓ Case intact/).waitFor();
    const verdict = (await h.handlers.invoke('audit:verify', {})) as { ok: boolean; value: { ok: boolean } };
    expect(verdict.ok).toBe(true);
    expect(verdict.value.ok).toBe(true);
    const audit = (await h.handlers.invoke('audit:list', { limit: 1000 })) as {
      ok: true;
      value: { items: { action: string }[] };
    };
    const actions = new Set(audit.value.items.map((e) => e.action));
    for (const action of ['playbook.start', 'playbook.step', 'playbook.decide', 'playbook.close', 'playbook.reopen']) {
      expect(actions).toContain(action);
    }
    for (const action of ['access.add', 'access.update', 'access.import', 'timeline.add']) {
      expect(actions).toContain(action);
    }
    expect(h.consoleErrors).toEqual([]);
  });
});

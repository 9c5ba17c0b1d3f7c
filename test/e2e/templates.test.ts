import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacaoSchemaErrors } from '../../electron/core/playbooks/cacaoSchema.ts';
import { formatZoned } from '../../shared/logic/time.ts';
import { ID, thirdParty } from '../helpers/cacao.ts';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

// A security lead adapts playbooks to their organisation: the built-ins are read-only, a playbook
// from another tool comes in as a CACAO 2.0 file (and a broken one is refused with the place to fix
// named), and a copy of the termination playbook is edited, checked as it is edited, saved as a new
// version and exported as CACAO 2.0 again.

let h: Harness;
const ZONE = 'Europe/Berlin';
const COPY = 'Northwind termination';
const A1_NAME = 'Open a restricted case in the Northwind tracker';
const ADDED_NAME = 'Brief the CISO on the revocation plan';
const REMOVED_NAME = 'Look for other suspect workers';
const NEW_ROLE = 'Northwind CISO office';

type Summary = { id: string; name: string; version: string; steps: number; origin: string };
async function templates(): Promise<Summary[]> {
  const listed = await h.handlers.invoke('playbook:templates', {});
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.value as Summary[];
}

const row = (name: string) => h.page.locator('tbody tr').filter({ has: h.page.getByRole('rowheader', { name }) });
/** A step of the template shown, by its code (the list item is named by its code and name). */
const step = (code: string) => h.page.getByRole('listitem', { name: new RegExp(`^${code} `) });
/** The codes of a phase's steps, as listed (the phase's region is named by its code and title). */
const codesOfPhase = (phase: string) =>
  h.page
    .getByRole('region', { name: new RegExp(`^${phase} `) })
    .locator('.tpl-step .tpl-code')
    .allInnerTexts();

beforeAll(async () => {
  h = await startHarness(ZONE);
  await h.handlers.invoke('profile:set', {
    name: 'Dana Whitfield',
    role: 'Security lead',
    organisation: 'Northwind Security',
    timeZone: '',
  });
  const path = join(h.workDir, 'templates.custos');
  h.nextSavePath(path);
  await h.handlers.invoke('dialog:chooseNewCasePath', {});
  const created = await h.handlers.invoke('case:create', {
    path,
    draft: { title: 'Contractor offboarding', caseType: 'infiltration' },
  });
  expect(created.ok).toBe(true);
  await h.page.reload();
});
afterAll(async () => {
  await h?.close();
});

describe('the playbook template library', () => {
  it('lists the three built-ins, read-only', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Playbook templates' }).click();
    await page.getByRole('heading', { name: /^Playbook templates/, level: 2 }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    for (const text of await rows.allInnerTexts()) {
      expect(text).toContain('Built-in');
      expect(text).toContain('read-only — duplicate to change');
      expect(text).not.toMatch(/\bEdit\b/);
    }
    const termination = await row('Termination and access revocation').innerText();
    expect(termination).toMatch(/Checklist\s+\d+\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0[12]:00/);
    await h.screenshot('70-templates-list');
  });

  it('refuses a broken CACAO file, naming the file and the JSON path to fix', async () => {
    const { page } = h;
    const broken = thirdParty();
    const missing = 'action--a1b2c3d4-0000-4000-8000-0000000000ff';
    (broken.workflow as Record<string, Record<string, unknown>>)[ID.block]!.on_completion = missing;
    await page.locator('input[type="file"]').setInputFiles({
      name: 'broken-playbook.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    const refusal = page.getByRole('alert').filter({ hasText: 'The file was not imported' });
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain('broken-playbook.json is not a playbook Custos can use');
    expect(text).toContain(`$.workflow["${ID.block}"].on_completion: "${missing}" is not a step of the workflow`);
    expect(await page.locator('tbody tr').count()).toBe(3);
    await h.screenshot('71-templates-import-refused');
  });

  it('imports a playbook made by another tool, and reads it with its question and loop', async () => {
    const { page } = h;
    await page.locator('input[type="file"]').setInputFiles({
      name: 'block-mac.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(thirdParty(), null, 2)),
    });
    const imported = row('Block a bad MAC address');
    await imported.waitFor();
    // A good import clears the refusal before it.
    expect(await page.getByText('The file was not imported').count()).toBe(0);
    expect(await imported.innerText()).toMatch(/Imported\s+Checklist\s+3\s/);
    expect(await imported.getByRole('button', { name: 'Edit' }).count()).toBe(1);

    await imported.getByRole('button', { name: 'View' }).click();
    await page.getByRole('heading', { name: 'Block a bad MAC address', level: 3 }).waitFor();
    const block = page.getByRole('listitem', { name: /Block the MAC address/ });
    expect(await block.innerText()).toContain('SOC analyst');
    expect(await block.innerText()).toContain('[ssh] set mac-filter deny 00:11:22:33:44:55');
    expect(await block.innerText()).toContain('Confirm the block in the console');
    const question = await page.getByRole('listitem', { name: /Was the device a company laptop/ }).innerText();
    expect(question).toContain("Question: [x-custos:answer = 'yes']");
    // A playbook from elsewhere has no step codes: Custos gives it S1, S2… in workflow order.
    expect(question).toMatch(/Yes\s*→\s*S3 “Tell the asset owner”/);
    expect(question).toMatch(/No\s*→\s*“Still seen on the network\?” \(goes on\)/);
    const loop = await page.getByRole('listitem', { name: /Still seen on the network/ }).innerText();
    expect(loop).toMatch(/While yes\s*→\s*S4 “Look again in the switch logs”/);
    expect(loop).toMatch(/Then\s*→\s*the end/);
    await h.screenshot('72-templates-view-imported');
    await page.getByRole('button', { name: '← All templates' }).click();
  });

  it('shows the termination built-in by phase, with due times, sources, the parallel group and the question', async () => {
    const { page } = h;
    await row('Termination and access revocation').getByRole('button', { name: 'View' }).click();
    await page.getByRole('heading', { name: 'Termination and access revocation', level: 3 }).waitFor();
    expect(await page.getByText('read-only — duplicate to change').count()).toBe(1);
    expect(await step('A1').innerText()).toContain('Due T0 \u2212 3 d');
    expect(await step('A9').innerText()).toContain('Due T0 \u2212 2 h');
    expect(await step('B6').innerText()).toContain('Due T0 + 15 min');
    expect(await step('D1').innerText()).toContain('Due 24 h after B10');
    expect(await step('A1').innerText()).toContain('Incident commander');
    await page
      .getByText(/^In parallel \(Revocation event at T0\): B1, B2, .*B9 run at the same time; then B10\.$/)
      .waitFor();
    const d4 = await step('D4').innerText();
    expect(d4).toMatch(/Yes\s*→\s*D4a “Examine the returned laptop”/);
    expect(d4).toMatch(/No\s*→\s*D4b “Decide with counsel/);
    expect(d4).toMatch(/Then\s*→\s*D5 /);
    // Sources keep their address as text to read, not a link to follow.
    expect(await step('B10').innerText()).toContain('https://www.counteractive.net/posts/an-ir-plan-you-will-use/');
    expect(await step('B10').getByRole('link').count()).toBe(0);
    await h.screenshot('73-templates-view-termination');
  });

  it('duplicates the termination built-in under a new name, as an editable copy', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Duplicate…' }).click();
    const form = page.getByRole('form', { name: 'Duplicate' });
    await form.getByRole('button', { name: 'Duplicate' }).click();
    await form.getByText('Give the copy a name').waitFor();
    await form.getByRole('textbox', { name: 'Name of the copy' }).fill(COPY);
    await h.screenshot('74-templates-duplicate');
    await form.getByRole('button', { name: 'Duplicate' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '← All templates' }).click();
    const copy = row(COPY);
    await copy.waitFor();
    expect(await copy.innerText()).toContain('Imported');
    const listed = await templates();
    const original = listed.find((t) => t.name.startsWith('Termination and access revocation'))!;
    expect(listed.find((t) => t.name === COPY)).toMatchObject({ origin: 'imported', steps: original.steps });
  });

  it('edits the copy: renames a step, changes a due time, adds, removes and moves steps', async () => {
    const { page } = h;
    await row(COPY).getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: `Editing “${COPY}”`, level: 3 }).waitFor();
    const problems = page.getByRole('status', { name: 'Problems' });
    await problems.getByText(/^No problems/).waitFor();
    const save = page.getByRole('button', { name: 'Save', exact: true });
    expect(await save.isDisabled()).toBe(true);

    // Rename A1.
    await step('A1').getByRole('button', { name: 'Edit' }).click();
    await step('A1').getByRole('textbox', { name: 'Name', exact: true }).fill(A1_NAME);
    await step('A1').getByRole('button', { name: 'Close' }).click();
    await step('A1').getByText(A1_NAME).waitFor();

    // B2 from T0 + 5 min to T0 + 10 min.
    await step('B2').getByRole('button', { name: 'Edit' }).click();
    expect(await step('B2').getByRole('spinbutton', { name: 'Amount' }).inputValue()).toBe('5');
    await step('B2').getByRole('spinbutton', { name: 'Amount' }).fill('10');
    await step('B2').getByText('Due T0 + 10 min').waitFor();
    // Not a whole number: said beside the field, listed with the problems, and Save waits for it.
    await step('B2').getByRole('spinbutton', { name: 'Amount' }).fill('');
    await step('B2').getByText('Give a whole number').waitFor();
    await page
      .getByRole('status', { name: 'Problems' })
      .getByText(/^Step B2 “Cut off mail protocols and forwarding”, due time: Give a whole number$/)
      .waitFor();
    expect(await save.isDisabled()).toBe(true);
    await step('B2').getByRole('spinbutton', { name: 'Amount' }).fill('10');
    await problems.getByText(/^No problems/).waitFor();
    await h.screenshot('75-templates-step-editor');
    await step('B2').getByRole('button', { name: 'Close' }).click();

    // A step after A3: it opens with its name to fill in.
    await step('A3').getByRole('button', { name: 'Add step after' }).click();
    const added = step('A3a');
    await added.getByRole('textbox', { name: 'Name', exact: true }).waitFor();
    expect(await page.evaluate('document.activeElement?.value')).toBe('New step');
    await added.getByRole('textbox', { name: 'Name', exact: true }).fill(ADDED_NAME);
    // Done by a role the playbook did not have: named here, and chosen for the step at once.
    await added.getByRole('button', { name: 'New role…' }).click();
    await added.getByRole('textbox', { name: 'New role’s name' }).fill(NEW_ROLE);
    await added.getByRole('button', { name: 'Add role' }).click();
    expect(await added.getByRole('combobox', { name: 'Role' }).locator('option:checked').innerText()).toBe(NEW_ROLE);
    await added.getByRole('button', { name: 'Close' }).click();

    // A6 out: A5 now leads to A7.
    await step('A6').getByRole('button', { name: 'Remove' }).click();
    await page.getByText(/^Removed A6 “Look for other suspect workers”; .* Nothing else named it\.$/).waitFor();

    // A2 below A3: moving is a swap with the neighbour in the chain; A1 cannot go up past the start.
    expect(await step('A1').getByRole('button', { name: 'Move up' }).isDisabled()).toBe(true);
    expect(await step('A1').getByRole('button', { name: 'Move up' }).getAttribute('title')).toMatch(
      /is the first step$/,
    );
    await step('A2').getByRole('button', { name: 'Move down' }).click();
    await expect.poll(() => codesOfPhase('A')).toEqual(['A1', 'A3', 'A2', 'A3a', 'A4', 'A5', 'A7', 'A8', 'A9']);
    await problems.getByText(/^No problems/).waitFor();
    expect(await save.isEnabled()).toBe(true);
    await h.screenshot('76-templates-editor');
  });

  it('shows a problem while an answer leads back to its own question, and lets the save through once fixed', async () => {
    const { page } = h;
    const problems = page.getByRole('status', { name: 'Problems' });
    const save = page.getByRole('button', { name: 'Save', exact: true });
    const d4 = step('D4');
    await d4.getByRole('button', { name: 'Edit' }).click();
    const yes = d4.getByRole('combobox', { name: '“Yes” leads to' });
    await yes.selectOption({ label: 'D4 “Has the worker returned the company laptop?”' });
    // The loop, and D4a, which the answer no longer leads to, cut off from the flow.
    await problems.getByText('2 problems to fix before saving:').waitFor();
    expect(await problems.innerText()).toContain(
      'Workflow: the steps D4 “Has the worker returned the company laptop?” form a loop with no while-condition to end it',
    );
    expect(await problems.innerText()).toMatch(/D4a .*cannot be reached from the start/);
    expect(await save.isDisabled()).toBe(true);
    // Also on the step itself, where the person is working.
    await d4
      .getByRole('list', { name: 'Problems with this step' })
      .getByText(/form a loop/)
      .waitFor();
    await h.screenshot('77-templates-editor-problem');
    await yes.selectOption({ label: 'D4a “Examine the returned laptop”' });
    await problems.getByText(/^No problems/).waitFor();
    expect(await save.isEnabled()).toBe(true);
  });

  it('saves the edit as a new version, listed as the copy’s latest', async () => {
    const { page } = h;
    const before = (await templates()).find((t) => t.name === COPY)!;
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Saved as a new version' });
    await saved.waitFor();
    const after = (await templates()).find((t) => t.name === COPY)!;
    expect(after.id).toBe(before.id);
    expect(Date.parse(after.version)).toBeGreaterThan(Date.parse(before.version));
    // One step added, one removed.
    expect(after.steps).toBe(before.steps);
    expect(await saved.innerText()).toContain(formatZoned(after.version, ZONE));
    expect(await step('A1').innerText()).toContain(A1_NAME);
    expect(await step('B2').innerText()).toContain('Due T0 + 10 min');
    expect(await page.getByText(REMOVED_NAME).count()).toBe(0);
    await h.screenshot('78-templates-saved');
  });

  it('exports the saved version as CACAO 2.0, with the SHA-256 the screen shows', async () => {
    const { page } = h;
    const path = join(h.workDir, 'northwind-termination.json');
    h.nextExportPath(path);
    await page.getByRole('button', { name: 'Export as CACAO…' }).click();
    const line = page.locator('.tpl-exported');
    await line.waitFor();
    const bytes = readFileSync(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(await line.locator('.tpl-hash').innerText()).toBe(sha256);
    expect(await line.innerText()).toContain(path);
    expect(await line.innerText()).toContain(`(${bytes.byteLength} bytes)`);

    const doc = JSON.parse(bytes.toString('utf8')) as {
      name: string;
      workflow: Record<string, Record<string, unknown>>;
    };
    expect(cacaoSchemaErrors(doc)).toEqual([]);
    expect(doc.name).toBe(COPY);
    const names = Object.values(doc.workflow).map((s) => s.name);
    expect(names).toContain(A1_NAME);
    expect(names).toContain(ADDED_NAME);
    expect(names).not.toContain(REMOVED_NAME);
    // The new role is a CACAO group agent, as the built-ins' roles are.
    const agents = (doc as unknown as { agent_definitions: Record<string, { type: string; name: string }> })
      .agent_definitions;
    const [roleId, role] = Object.entries(agents).find(([, a]) => a.name === NEW_ROLE)!;
    expect(role.type).toBe('group');
    expect(roleId).toMatch(/^group--[0-9a-f-]{36}$/);
    expect(Object.values(doc.workflow).find((s) => s.name === ADDED_NAME)!.agent).toBe(roleId);
    const b2 = Object.values(doc.workflow).find((s) => s.name === 'Cut off mail protocols and forwarding')!;
    expect(Object.values(b2.step_extensions as Record<string, { due_minutes: number }>)[0]!.due_minutes).toBe(10);
    await h.screenshot('79-templates-exported');
  });

  it('keeps unsaved changes across sections, and asks before they are discarded', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const description = page.getByRole('textbox', { name: 'Template description' });
    await description.fill('Adapted for Northwind: changes pending review');
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    await page.getByRole('button', { name: 'Playbook templates' }).click();
    await page.getByRole('heading', { name: `Editing “${COPY}”`, level: 3 }).waitFor();
    expect(await description.inputValue()).toBe('Adapted for Northwind: changes pending review');

    await page.getByRole('button', { name: 'Discard changes…' }).click();
    const ask = page.getByRole('group', { name: 'Unsaved changes' });
    await ask.waitFor();
    await h.screenshot('80-templates-unsaved-ask');
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    expect(await description.inputValue()).toBe('Adapted for Northwind: changes pending review');
    await page.getByRole('button', { name: 'Discard changes…' }).click();
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('heading', { name: COPY, level: 3 }).waitFor();
    expect(await page.getByText('Adapted for Northwind').count()).toBe(0);
    // Nothing was written: the latest version is still the one saved.
    const listed = (await templates()).filter((t) => t.name === COPY);
    expect(listed).toHaveLength(1);
    expect(h.consoleErrors).toEqual([]);
  });
});

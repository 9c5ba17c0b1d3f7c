import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordVerification } from '../../electron/core/services/verificationLog.ts';
import { toLocalInput } from '../../shared/logic/time.ts';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

// The Overview as a responder opens it on day three: an exhibit with the police, one that failed its
// check, GDPR's 72 hours nearly gone, a demand due tomorrow, an offboarding run behind schedule, and
// a verification made before the last changes. Every action on it by keyboard.

let h: Harness;
const ZONE = 'Europe/Berlin';
const HOUR = 3_600_000;

async function ok<T = Record<string, unknown>>(channel: string, req: unknown = {}): Promise<T> {
  const result = await h.handlers.invoke(channel, req);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

const local = (ms: number) => toLocalInput(new Date(ms).toISOString(), ZONE);

beforeAll(async () => {
  h = await startHarness(ZONE);
  const files = join(h.workDir, 'files');
  mkdirSync(files);
  writeFileSync(join(files, 'laptop-LT-4471.img'), 'disk image bytes');
  writeFileSync(join(files, 'vpn-export.csv'), 'time,ip\n2026-10-30T22:14,203.0.113.7\n');
  await ok('profile:set', {
    name: 'Dana Whitfield',
    role: 'Incident responder',
    organisation: 'Northwind Security',
    timeZone: ZONE,
  });
  const casePath = join(h.workDir, 'kim.custos');
  h.nextSavePath(casePath);
  await ok('dialog:chooseNewCasePath');
  const now = Date.now();
  await ok('case:create', {
    path: casePath,
    draft: {
      title: 'Contractor “J. Kim” — suspected DPRK IT worker',
      reference: 'IR-2026-014',
      caseType: 'infiltration_and_extortion',
      tlp: 'RED',
      leadInvestigator: 'Dana Whitfield',
      legalCounsel: 'M. Okafor, outside counsel',
      summary: 'Remote contractor hired in September; laptop shipped to a facilitator address in Texas.',
      awareAt: local(now - 60 * HOUR),
      awareZone: ZONE,
    },
  });
  h.nextEvidenceFiles([join(files, 'laptop-LT-4471.img'), join(files, 'vpn-export.csv')]);
  await ok('dialog:chooseEvidenceFiles');
  const added = await ok<{ added: { id: string }[] }>('evidence:add', {
    paths: [join(files, 'laptop-LT-4471.img'), join(files, 'vpn-export.csv')],
    draft: {
      description: 'Laptop LT-4471 disk image and VPN export',
      byReference: true,
      acquiredAt: local(now - 3 * HOUR),
      acquiredZone: ZONE,
    },
  });
  // Verified by the examiner after the files were logged; what follows is not verified yet.
  const current = await ok<{ head: { seq: number; hash: string }; record: { id: string } }>('case:current');
  recordVerification(h.dataDir, {
    caseId: current.record.id,
    at: new Date(now - 2 * HOUR - 5 * 60_000).toISOString(),
    by: 'Dana Whitfield',
    head: current.head,
    ok: true,
    summary: 'intact',
    source: 'app',
  });
  await ok('evidence:transfer', {
    id: added.added[0]!.id,
    draft: {
      from: 'Dana Whitfield',
      to: 'DC Ruiz, Metropolitan Police',
      purpose: 'Forensic examination',
      at: local(now - HOUR),
      zone: ZONE,
    },
  });
  await ok('clock:set', { ruleId: 'gdpr-33' });
  await ok('extortion:addDemand', {
    amount: '40',
    asset: 'BTC',
    threat: 'Publish the payroll files',
    deadline: local(now + 20 * HOUR),
    zone: ZONE,
  });
  const templates = await ok<{ id: string; name: string }[]>('playbook:templates');
  await ok('playbook:start', {
    template: templates.find((t) => t.name.startsWith('Termination'))!.id,
    title: 'Offboarding J. Kim',
    t0: local(now - 30 * HOUR),
    zone: ZONE,
  });
  // The VPN export was rewritten where it lies: the check flags it.
  writeFileSync(join(files, 'vpn-export.csv'), 'time,ip\n');
  await ok('evidence:verify', { ids: [] });
  await h.page.setViewportSize({ width: 1280, height: 900 });
  await h.page.reload();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe('the Overview dashboard', () => {
  it('answers where the case stands: what to do next, integrity, custody, deadlines and playbooks', async () => {
    const { page } = h;
    await page.getByRole('heading', { name: 'Overview', level: 2 }).waitFor();
    const next = page.getByRole('region', { name: 'What to do next' });
    const items = next.getByRole('listitem');
    await expect.poll(() => items.count()).toBeGreaterThan(4);
    expect(await items.nth(0).innerText()).toMatch(/E-0002 “.*” failed verification[\s\S]*Show E-0002/);
    expect(await next.innerText()).toMatch(/GDPR.*(overdue|due within a day)/);
    expect(await next.innerText()).toContain('Demand 40 BTC: due within a day');
    expect(await next.innerText()).toMatch(/Verify the case: \d+ changes since the last verification/);

    const integrity = page.getByRole('region', { name: 'Integrity' });
    expect(await integrity.innerText()).toContain('1 exhibit failed verification');
    expect(await integrity.innerText()).toMatch(/Last verified[\s\S]*Europe\/Berlin[\s\S]*UTC[\s\S]*2 h \d+ min ago/i);
    const custody = page.getByRole('region', { name: "Out of the organisation's custody" });
    expect(await custody.innerText()).toMatch(/E-0001[\s\S]*with DC Ruiz, Metropolitan Police since/);
    const aware = page.getByRole('region', { name: 'Time since awareness' });
    expect(await aware.innerText()).toMatch(/2 d 1[12] h[\s\S]*Europe\/Berlin/);
    const playbooks = page.getByRole('region', { name: 'Playbooks' });
    expect(await playbooks.innerText()).toMatch(/Offboarding J\. Kim[\s\S]*\d+\/\d+ steps settled · \d+ overdue/);
    expect(await page.getByRole('region', { name: 'Latest activity' }).innerText()).toContain('Dana Whitfield');

    // The header on every tab: verified, with changes since, and the flagged exhibit.
    const header = page.locator('.case-header');
    await header
      .getByRole('button', { name: /^✓ Verified 2 h \d+ min ago by Dana Whitfield · \d+ changes since$/ })
      .waitFor();
    await header.getByRole('button', { name: '⚠ E-0002 failed verification' }).waitFor();
    await h.screenshot('overview-narrow');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await h.screenshot('overview-wide');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('opens the flagged exhibit from the list, by keyboard', async () => {
    const { page } = h;
    const first = page.getByRole('region', { name: 'What to do next' }).getByRole('button').first();
    await first.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Evidence', level: 2 }).waitFor();
    await page
      .getByRole('heading', { name: /E-0002/ })
      .first()
      .waitFor();
    // The header says the same on this tab.
    await page.locator('.case-header').getByText('⚠ E-0002 failed verification').waitFor();
    await h.screenshot('overview-header-evidence');
  });

  it('takes the integrity state in the header to the Verify panel, its button focused', async () => {
    const { page } = h;
    await page
      .locator('.case-header')
      .getByRole('button', { name: /^✓ Verified/ })
      .click();
    await page.getByRole('heading', { name: /^Audit log/, level: 2 }).waitFor();
    await expect
      .poll(() =>
        page.evaluate(() => (globalThis as unknown as { document: Document }).document.activeElement?.textContent),
      )
      .toBe('Verify case');
  });

  it('opens an overdue step from the dashboard, by keyboard', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    const step = page
      .getByRole('region', { name: 'What to do next' })
      .getByRole('button', { name: /^Open A\d+$/ })
      .first();
    await step.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Playbooks', level: 2 }).waitFor();
    await expect
      .poll(() =>
        page.evaluate(
          () => (globalThis as unknown as { document: Document }).document.activeElement?.textContent ?? '',
        ),
      )
      .toMatch(/A1/);
  });

  it('edits the case record in its own panel, and the dashboard follows', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    await page.getByRole('button', { name: 'Edit case record' }).click();
    const panel = page.getByRole('form', { name: 'Edit case record' });
    await panel.waitFor();
    expect(await panel.getByLabel('Title').inputValue()).toBe('Contractor “J. Kim” — suspected DPRK IT worker');
    await panel.getByLabel('Lead investigator').fill('Sam Otieno');
    await h.screenshot('overview-edit-record');
    await panel.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => panel.count()).toBe(0);
    await page.getByRole('region', { name: 'Case record' }).getByText('Sam Otieno').waitFor();
    await page
      .getByRole('region', { name: 'Latest activity' })
      .getByText(/Dana Whitfield .*(changed|edited|updated)/)
      .first()
      .waitFor();
  });
});

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

// What leaves a case: a responder prepares a referral for the police from a case holding a
// privileged note, sees before generating that the note is withheld (and says so), leaves one more
// item out, generates the PDF, and hands it over with a package anyone can check with sha256sum.
// Counsel later checks a PDF sent back: the original matches, a copy with one byte changed does not.

let h: Harness;
const ZONE = 'Europe/Berlin';
const REFERENCE = 'NW-2026-014';
const SUMMARY =
  'A contractor hired as a backend engineer was found to be a DPRK IT worker; after termination he demanded 40,000 USDT.';
const PRIVILEGED = 'Counsel advises not to pay before the sanctions screening';
const NORMAL = 'Called the hosting facilitator in Łódź; no answer';
const SUBJECT = '김정호';
const EVENT = 'Extortion e-mail received by the CFO';
const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';

type Ok<T> = { ok: true; value: T };
type Output = {
  id: string;
  kind: string;
  subtype: string;
  sha256: string;
  size: number;
  pages: number | null;
  fileName: string;
  head: { seq: number };
  verifiedOk: boolean;
};

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const nav = (label: string) =>
  h.page.getByRole('navigation', { name: 'Case sections' }).getByRole('button', { name: label, exact: true });
const preview = () => h.page.getByRole('region', { name: /^Preview/ });
const newReport = () => h.page.getByRole('region', { name: 'New report' });
const verifyArea = () => h.page.getByRole('region', { name: 'Verify a report' });
const packageArea = () => h.page.getByRole('region', { name: 'Referral package for the police' });

async function outputs(): Promise<Output[]> {
  const listed = (await h.handlers.invoke('report:list', {})) as Ok<Output[]>;
  expect(listed.ok).toBe(true);
  return listed.value;
}

/** The screen as it stands, without a passing confirmation over it. */
async function shot(name: string) {
  const dismiss = h.page.getByRole('button', { name: 'Dismiss message' });
  if ((await dismiss.count()) > 0) await dismiss.click();
  await h.screenshot(name);
}

async function ok(channel: Parameters<Harness['handlers']['invoke']>[0], req: unknown) {
  const answer = await h.handlers.invoke(channel, req);
  expect(answer.ok, `${channel}: ${JSON.stringify(answer)}`).toBe(true);
  return (answer as Ok<unknown>).value;
}

let referral = '';
let shownSha = '';

beforeAll(async () => {
  h = await startHarness(ZONE);
  await ok('profile:set', {
    name: 'Dana Whitfield',
    role: 'Incident responder',
    organisation: 'Northwind Security',
    timeZone: ZONE,
  });
  const path = join(h.workDir, 'extortion.custos');
  h.nextSavePath(path);
  await h.handlers.invoke('dialog:chooseNewCasePath', {});
  await ok('case:create', {
    path,
    draft: { title: 'Extortion after termination', caseType: 'extortion', reference: REFERENCE, summary: SUMMARY },
  });
  await ok('notes:add', { body: PRIVILEGED, privileged: true });
  await ok('notes:add', { body: NORMAL, privileged: false });
  await ok('timeline:add', {
    at: '2026-11-02 09:15',
    zone: ZONE,
    title: EVENT,
    category: 'other',
  });
  const email = join(h.workDir, 'extortion-email.eml');
  writeFileSync(email, 'From: kim.jh@proton.me\nSubject: your source code\n\nPay 40000 USDT or we publish.\n');
  h.nextEvidenceFiles([email]);
  await h.handlers.invoke('dialog:chooseEvidenceFiles', {});
  await ok('evidence:add', { paths: [email], draft: { description: 'Extortion e-mail to the CFO' } });
  const subject = (await ok('subject:add', { name: SUBJECT, role: 'worker' })) as { id: string };
  await ok('indicator:add', { type: 'wallet', value: WALLET, platform: 'bitcoin', subjectIds: [subject.id] });
  await h.page.reload();
});
afterAll(async () => {
  await h?.close();
});

describe('reports of a case', () => {
  it('says what a report is for before any was made', async () => {
    const { page } = h;
    await nav('Reports').click();
    await page.getByRole('heading', { name: 'Reports', level: 2 }).waitFor();
    await page.getByText('Nothing has left this case yet').waitFor();
    // Counsel is the kind chosen first: its preview lists the privileged note, to be left out or kept.
    expect(
      await newReport()
        .getByRole('radio', { name: /Counsel report/ })
        .isChecked(),
    ).toBe(true);
    await preview()
      .getByRole('checkbox', { name: new RegExp(PRIVILEGED) })
      .waitFor();
    expect(
      await preview()
        .getByRole('checkbox', { name: new RegExp(PRIVILEGED) })
        .isChecked(),
    ).toBe(true);
    await shot('110-reports-empty');
  });

  it('offers each kind with who it is for, its sections and its own preview', async () => {
    const kinds = newReport().getByRole('group', { name: 'Kind of report' });
    await kinds.getByRole('radio', { name: /Executive brief/ }).check();
    await preview().getByRole('heading', { name: 'Preview: Executive brief' }).waitFor();
    expect(await newReport().getByRole('group', { name: 'Sections' }).getByRole('checkbox').count()).toBe(5);
    // Leaving a section out shows in the preview at once.
    await newReport().getByRole('checkbox', { name: 'Key dates' }).uncheck();
    await preview().getByRole('region', { name: 'Key dates' }).getByText('section not chosen').waitFor();
    await newReport().getByRole('checkbox', { name: 'Key dates' }).check();
    await kinds.getByRole('radio', { name: /Evidence and custody report/ }).check();
    await preview().getByRole('heading', { name: 'Preview: Evidence and custody report' }).waitFor();
    await preview()
      .getByText(/E-0001/)
      .first()
      .waitFor();
    // A checklist prints a playbook run: this case has none yet, and the screen says what to do.
    await kinds.getByRole('radio', { name: /Termination checklist/ }).check();
    await newReport()
      .getByText(/This case has no playbook run to print/)
      .waitFor();
    expect(await newReport().getByRole('button', { name: 'Generate PDF…' }).isDisabled()).toBe(true);
  });

  it('withholds the privileged note from a referral, says so, and leaves out what the examiner unticks', async () => {
    const { page } = h;
    await newReport()
      .getByRole('radio', { name: /Law-enforcement referral/ })
      .check();
    // The summary is the case record's until edited.
    expect(await newReport().getByLabel('Summary written for the referral').inputValue()).toBe(SUMMARY);
    await newReport()
      .getByRole('checkbox', { name: /United States/ })
      .check();
    await newReport()
      .getByRole('checkbox', { name: /Germany/ })
      .check();
    // The privileged note is listed, not as something to tick, with the reason.
    // A referral's preview does not quote it: it names the note, never its words.
    const withheldNote = preview().getByRole('listitem').filter({ hasText: 'Privileged note by Dana Whitfield' });
    await withheldNote.getByText('privileged — never in a referral').waitFor();
    expect(await withheldNote.getByRole('checkbox').count()).toBe(0);
    await preview()
      .getByText(/Withheld from this report:/)
      .waitFor();
    // The timeline event is in, until unticked.
    const event = preview().getByRole('checkbox', { name: new RegExp(EVENT) });
    expect(await event.isChecked()).toBe(true);
    await event.uncheck();
    await preview().getByRole('listitem').filter({ hasText: EVENT }).getByText('left out by you').waitFor();
    await expect.poll(() => preview().locator('.rep-withheld').innerText()).toMatch(/1 event left out by you/);
    await page.getByText('Updating…').waitFor({ state: 'detached' });
    await shot('111-reports-referral-preview');
  });

  it('generates the referral with progress, and shows what the case recorded', async () => {
    const { page } = h;
    referral = join(h.workDir, 'out', `${REFERENCE} referral.pdf`);
    mkdirSync(join(h.workDir, 'out'), { recursive: true });
    h.nextReportPath(referral);
    await newReport().getByRole('button', { name: 'Generate PDF…' }).click();
    const result = newReport().getByRole('status').filter({ hasText: 'Report generated and recorded in the case' });
    await result.waitFor({ timeout: 60_000 });
    const text = await result.innerText();
    const pages = Number(/PAGES\s+(\d+)/i.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(0);
    shownSha = (await result.locator('.rep-hash__full').innerText()).trim();
    expect(shownSha).toMatch(/^[0-9a-f]{64}$/);
    expect(text).toContain(referral);
    expect(text).toMatch(/Noto Sans/);
    // The file is there and is what the screen and the case say.
    expect(existsSync(referral)).toBe(true);
    expect(sha256(referral)).toBe(shownSha);
    const recorded = await outputs();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      kind: 'report',
      subtype: 'law-enforcement',
      sha256: shownSha,
      pages,
      size: readFileSync(referral).byteLength,
      verifiedOk: true,
    });
    // The table of what left the case lists it, with the short hash.
    const table = page.getByRole('table', { name: 'Reports, exports and packages generated from this case' });
    await table.getByRole('rowheader', { name: /Law-enforcement referral/ }).waitFor();
    expect(await table.innerText()).toContain(shownSha.slice(0, 16));
    expect(await table.innerText()).toMatch(/Case verified intact/);
    // Kept to look at the pages after the run.
    mkdirSync(join(import.meta.dirname, '../../test-results/reports'), { recursive: true });
    copyFileSync(referral, join(import.meta.dirname, '../../test-results/reports/referral.pdf'));
    // Recording the report moved the case's head: the preview reads the case again.
    await page.getByText('Updating…').waitFor({ state: 'detached' });
    await shot('112-reports-generated');
  });

  it('verifies the PDF as generated from this case', async () => {
    h.nextReportToVerify(referral);
    await verifyArea().getByRole('button', { name: 'Choose PDF…' }).click();
    const verdict = verifyArea().locator('.rep-verdict');
    await verdict.getByText('MATCH', { exact: true }).waitFor();
    const text = await verdict.innerText();
    expect(text).toMatch(/Law-enforcement referral/);
    expect(text).toMatch(/Dana Whitfield/);
    expect(text).toContain(shownSha);
    await shot('113-reports-verify-match');
  });

  it('refuses a copy with one byte changed', async () => {
    const bytes = readFileSync(referral);
    const middle = Math.floor(bytes.byteLength / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    const altered = join(h.workDir, 'out', 'referral-from-a-third-party.pdf');
    writeFileSync(altered, bytes);
    h.nextReportToVerify(altered);
    await verifyArea().getByRole('button', { name: 'Choose PDF…' }).click();
    const verdict = verifyArea().locator('.rep-verdict--fail');
    await verdict.getByText('ALTERED', { exact: true }).waitFor();
    const text = await verdict.innerText();
    expect(text).toContain(sha256(altered));
    // It names the report it claims to be.
    expect(text).toMatch(/It claims to be this recorded report/);
    expect(text).toContain(shownSha);
    await shot('114-reports-verify-altered');
  });

  it('verifies a PDF dropped on the target', async () => {
    const { page } = h;
    await page.evaluate((path) => {
      const page = globalThis as unknown as {
        __custosDropPaths: Record<string, string>;
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: string[], name: string) => unknown;
        DragEvent: new (type: string, init: object) => unknown;
        document: { querySelector(selector: string): { dispatchEvent(event: unknown): void } | null };
      };
      page.__custosDropPaths = { 'referral.pdf': path };
      const data = new page.DataTransfer();
      data.items.add(new page.File(['%PDF'], 'referral.pdf'));
      const target = page.document.querySelector('.rep-drop')!;
      target.dispatchEvent(new page.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, referral);
    await verifyArea().locator('.rep-verdict--match').getByText('MATCH', { exact: true }).waitFor();
  });

  it('builds a referral package that sha256sum -c checks', async () => {
    const { page } = h;
    const parent = join(h.workDir, 'for-police');
    mkdirSync(parent);
    const name = packageArea().getByLabel('Folder name');
    expect(await name.inputValue()).toMatch(new RegExp(`^${REFERENCE} referral \\d{4}-\\d{2}-\\d{2}$`));
    await name.fill(`${REFERENCE} referral for BKA`);
    h.nextExportFolder(parent);
    await packageArea().getByRole('button', { name: 'Build referral package…' }).click();
    const result = packageArea().getByRole('status').filter({ hasText: 'Referral package built' });
    await result.waitFor({ timeout: 60_000 });
    const folder = join(parent, `${REFERENCE} referral for BKA`);
    const command = await result.getByLabel('Command to check the package').innerText();
    expect(command).toBe(`cd '${folder}'\nsha256sum -c SHA256SUMS`);
    const sums = (await result.locator('.rep-hash__full').innerText()).trim();
    expect(sha256(join(folder, 'SHA256SUMS'))).toBe(sums);
    // The check the receiver runs: every line OK.
    const checked = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: folder, encoding: 'utf8' });
    expect(checked).toMatch(/referral\.pdf: OK/);
    expect(checked).not.toMatch(/FAILED/);
    const recorded = await outputs();
    expect(recorded.find((o) => o.kind === 'package')).toMatchObject({ subtype: 'referral', sha256: sums });
    await page
      .getByRole('table', { name: /generated from this case/ })
      .getByText('Referral package')
      .waitFor();
    await shot('115-reports-package');
  });

  it('exports CSV with a byte-order mark and a STIX bundle', async () => {
    const dir = join(h.workDir, 'csv');
    mkdirSync(dir);
    const area = h.page.getByRole('region', { name: 'Export the case data' });
    await area.getByRole('checkbox', { name: /byte-order mark/ }).check();
    h.nextExportFolder(dir);
    await area.getByRole('button', { name: 'Export CSV…' }).click();
    const csvDone = area.getByRole('status').filter({ hasText: 'CSV files written' });
    await csvDone.waitFor({ timeout: 30_000 });
    const timeline = readFileSync(join(dir, 'timeline.csv'));
    expect([...timeline.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    await csvDone.getByRole('button', { name: 'Dismiss' }).click();
    const stixDir = join(h.workDir, 'stix');
    mkdirSync(stixDir);
    h.nextExportFolder(stixDir);
    await area.getByRole('button', { name: 'Export STIX 2.1…' }).click();
    await area.getByRole('status').filter({ hasText: 'STIX 2.1 bundle written' }).waitFor({ timeout: 30_000 });
    expect(
      (await outputs())
        .filter((o) => o.kind === 'export')
        .map((o) => o.subtype)
        .sort(),
    ).toEqual(['csv', 'stix']);
  });

  it('cancels a report while the case is being verified: no file, no record', async () => {
    // A large file referenced in place (sparse: large, quick to make): the full verification before
    // every report re-hashes it, long enough to press Cancel.
    const image = join(h.workDir, 'laptop-farm-kvm.img');
    const fd = openSync(image, 'w');
    ftruncateSync(fd, 1024 * 1024 * 1024);
    closeSync(fd);
    h.nextEvidenceFiles([image]);
    await h.handlers.invoke('dialog:chooseEvidenceFiles', {});
    await ok('evidence:add', {
      paths: [image],
      draft: { description: 'Disk image of the KVM host', byReference: true },
    });
    const before = (await outputs()).length;
    await newReport()
      .getByRole('radio', { name: /Counsel report/ })
      .check();
    const target = join(h.workDir, 'out', 'counsel.pdf');
    h.nextReportPath(target);
    await newReport().getByRole('button', { name: 'Generate PDF…' }).click();
    const progress = newReport().getByRole('status').filter({ hasText: 'Generating the report' });
    await progress.getByText(/verifying the case/).waitFor();
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await newReport().getByText('Cancelled: no file was written').waitFor({ timeout: 60_000 });
    expect(existsSync(target)).toBe(false);
    expect(await outputs()).toHaveLength(before);
    expect(await newReport().getByRole('button', { name: 'Generate PDF…' }).isEnabled()).toBe(true);
  });

  it('left no errors in the console', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});

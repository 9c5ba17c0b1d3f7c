import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readdirSync,
  mkdirSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

let h: Harness;
let casePath: string;
const files: Record<string, string> = {};

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function rows<T>(sql: string): T[] {
  const db = new Database(casePath, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  h = await startHarness('Europe/London');
  casePath = join(h.workDir, 'extortion.custos');
  const source = join(h.workDir, 'from-cfo');
  mkdirSync(source);
  files.email = join(source, 'ransom-demand.eml');
  writeFileSync(
    files.email,
    'From: "Kim" <jk.devops@proton.me>\r\nSubject: your source code\r\n\r\nPay 40 BTC to bc1q… or we publish.\r\n',
  );
  files.chat = join(source, 'telegram-export.json');
  writeFileSync(files.chat, JSON.stringify({ messages: [{ from: 'jk', text: '김민준 — deadline Friday' }] }));
  // Large enough that the progress bar is on screen for a while.
  files.image = join(source, 'laptop-disk.img');
  const fd = openSync(files.image, 'w');
  for (let i = 0; i < 160; i++) writeSync(fd, randomBytes(1024 * 1024));
  closeSync(fd);
  // A profile and a case, the quick way: through the same handlers the screens use.
  await h.handlers.invoke('profile:set', {
    name: 'Dana Whitfield',
    role: 'Incident responder',
    organisation: 'Northwind Security',
    timeZone: '',
  });
  h.nextSavePath(casePath);
  await h.handlers.invoke('dialog:chooseNewCasePath', {});
  await h.handlers.invoke('case:create', {
    path: casePath,
    draft: { title: 'Extortion by former contractor', reference: 'IR-2026-015', caseType: 'extortion' },
  });
  await h.page.reload();
});
afterAll(async () => {
  await h?.close();
});

describe('the evidence register', () => {
  it('adds several files, each with its own description, showing progress, hashed with an acquisition record', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Evidence' }).click();
    await page.getByText('No evidence yet').waitFor();
    await h.screenshot('20-evidence-empty');
    await page.getByRole('button', { name: 'Add files…' }).click();
    // The empty register's invitation goes while files are being added.
    expect(await page.getByText('No evidence yet').count()).toBe(0);
    await page.getByLabel('Description').fill('Received from the CFO');
    await page.getByLabel('Source / where found').fill('CFO mailbox; laptop returned by courier');
    await page.getByText("Acquisition details (who, when, how, the tool's own hash)").click();
    await page.getByLabel('Witness').fill('M. Okafor (counsel)');
    await page.getByLabel('Acquired at').fill('2026-11-20T16:45:00');
    await page.getByLabel('Tool and version').fill('Thunderbird export');
    await page.getByLabel('Tool version').fill('128.4');
    await page.getByLabel('MD5').check();
    h.nextEvidenceFiles([files.email!, files.chat!, files.image!]);
    await page.getByRole('button', { name: 'Choose files…' }).click();
    // One row per file, each description prefilled from the shared one, then made its own.
    const chosen = page.getByRole('table', { name: /3 files to add/ });
    await chosen.waitFor();
    expect(await page.getByLabel('What ransom-demand.eml is').inputValue()).toBe('Received from the CFO');
    await page.getByLabel('What ransom-demand.eml is').fill('Extortion e-mail received by the CFO, with headers');
    await page.getByLabel('What telegram-export.json is').fill('Telegram chat export with the contractor');
    await page.getByLabel('What laptop-disk.img is').fill('Disk image of the laptop returned by courier');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Choose more files…' }).waitFor();
    await page.getByRole('button', { name: 'Add 3 files' }).waitFor();
    await h.screenshot('evidence-add-several');
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.getByRole('button', { name: 'Add 3 files' }).click();
    await page.getByText(/Adding laptop-disk\.img/).waitFor();
    await h.screenshot('21-evidence-progress');
    await page.getByText('E-0001, E-0002, E-0003 added, hashed and stored').waitFor({ timeout: 60_000 });
    const register = page.getByRole('list', { name: 'Evidence register' });
    await expect.poll(() => register.getByRole('listitem').count()).toBe(3);
    const items = rows<{
      exhibit: string;
      original_name: string;
      sha256: string;
      md5: string;
      integrity: string;
      description: string;
    }>('SELECT exhibit, original_name, sha256, md5, integrity, description FROM evidence_item ORDER BY exhibit');
    expect(items.map((i) => [i.exhibit, i.original_name, i.sha256, i.integrity, i.description])).toEqual([
      [
        'E-0001',
        'ransom-demand.eml',
        sha256(files.email!),
        'verified',
        'Extortion e-mail received by the CFO, with headers',
      ],
      ['E-0002', 'telegram-export.json', sha256(files.chat!), 'verified', 'Telegram chat export with the contractor'],
      ['E-0003', 'laptop-disk.img', sha256(files.image!), 'verified', 'Disk image of the laptop returned by courier'],
    ]);
    // The register says what each exhibit is, and where it is: in our store.
    await register
      .getByRole('button', { name: /E-0002/ })
      .getByText('Telegram chat export with the contractor')
      .waitFor();
    await register
      .getByRole('button', { name: /E-0002/ })
      .getByText('In our store')
      .waitFor();
    expect(items.every((i) => /^[0-9a-f]{32}$/.test(i.md5))).toBe(true);
    expect(rows("SELECT type FROM custody_event WHERE type = 'acquisition'")).toHaveLength(3);
    expect(
      rows('SELECT DISTINCT witness, acquired_at, acquired_zone, tool, tool_version, acquired_by FROM evidence_item'),
    ).toEqual([
      {
        witness: 'M. Okafor (counsel)',
        acquired_at: '2026-11-20T16:45:00.000Z',
        acquired_zone: 'Europe/London',
        tool: 'Thunderbird export',
        tool_version: '128.4',
        acquired_by: 'Dana Whitfield',
      },
    ]);
    await h.screenshot('22-evidence-register');
  });

  it('refuses the same bytes twice, saying which exhibit holds them', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Add files…' }).click();
    h.nextEvidenceFiles([files.email!]);
    await page.getByRole('button', { name: 'Choose files…' }).click();
    await page.getByRole('button', { name: 'Add 1 file' }).click();
    await page.getByText(/same bytes .* as E-0001/).waitFor();
    expect(rows('SELECT id FROM evidence_item')).toHaveLength(3);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('records a transfer with seals and a hash check, shown in the custody history', async () => {
    const { page } = h;
    await page.getByRole('button', { name: /E-0001/ }).click();
    await page.getByRole('heading', { name: /E-0001 — Extortion e-mail/ }).waitFor();
    await page.getByRole('button', { name: 'Record transfer or return…' }).click();
    await page.getByRole('button', { name: 'Record transfer', exact: true }).click();
    await page.getByText('From (who releases the item) is required').waitFor();
    await page.getByRole('textbox', { name: /^Released by/ }).fill('Dana Whitfield');
    await page.getByRole('textbox', { name: /^Received by/ }).fill('DC Amara Ruiz, Metropolitan Police');
    await page.getByLabel('Purpose').fill('Referral for criminal investigation');
    await page.getByLabel('Seal after').fill('EVB-20931');
    await page.getByRole('button', { name: 'Record transfer', exact: true }).click();
    await page.getByText('Transfer recorded in the custody history').waitFor();
    const history = page.getByRole('table', { name: 'Chain of custody' });
    await history.getByText(/Dana Whitfield → DC Amara Ruiz, Metropolitan Police/).waitFor();
    expect(await history.innerText()).toContain('EVB-20931');
    // The item page heads its history with where the item is now, and the register says the same.
    await page
      .getByRole('region', { name: 'Where it is now' })
      .getByText(/^With DC Amara Ruiz, Metropolitan Police, since \d{4}-\d\d-\d\d \d\d:\d\d [+-]\d\d:\d\d$/)
      .waitFor();
    await page
      .getByRole('button', { name: /E-0001/ })
      .getByText('With DC Amara Ruiz, Metropolitan Police')
      .waitFor();
    const [transfer] = rows<{ received_by: string; hash_result: string; seal_after: string }>(
      "SELECT received_by, hash_result, seal_after FROM custody_event WHERE type = 'transfer'",
    );
    expect(transfer).toEqual({
      received_by: 'DC Amara Ruiz, Metropolitan Police',
      hash_result: 'match',
      seal_after: 'EVB-20931',
    });
    await h.screenshot('23-evidence-item-custody');
  });

  it('verifies all items, and flags one whose stored bytes were altered', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Verify all' }).click();
    await page.getByText('3 items re-hashed: all match').waitFor({ timeout: 30_000 });
    // Behind the app's back, as someone covering their tracks: the trigger goes back exactly as it was.
    const db = new Database(casePath);
    const trigger = db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'evidence_chunk_no_update'")
      .pluck()
      .get() as string;
    db.exec('DROP TRIGGER evidence_chunk_no_update');
    db.prepare(
      "UPDATE evidence_chunk SET data = ? WHERE blob_id = (SELECT blob_id FROM evidence_item WHERE exhibit = 'E-0002')",
    ).run(Buffer.from('{"messages":[]}'));
    db.exec(trigger);
    db.close();
    await page.getByRole('button', { name: 'Verify all' }).click();
    await page.getByText(/Integrity failure: E-0002 mismatch/).waitFor({ timeout: 30_000 });
    const banner = page.getByRole('alert').filter({ hasText: 'failed a verification' });
    await banner
      .getByText(
        'E-0002 “Telegram chat export with the contractor” failed a verification: its bytes no longer match the recorded hash.',
      )
      .waitFor();
    expect(await banner.innerText()).not.toContain('Sort by');
    await page
      .getByRole('button', { name: /E-0002/ })
      .getByText('HASH MISMATCH')
      .waitFor();
    // The verification is a row that says what it was, not "— → —".
    await page
      .getByRole('table', { name: 'Chain of custody' })
      .getByText(/by Dana Whitfield: match/)
      .first()
      .waitFor();
    await h.screenshot('24-evidence-flagged');
    // The register at a glance: E-0001 with the police, E-0002 flagged, in a narrow and a wide window.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await h.screenshot('evidence-register-narrow');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await h.screenshot('evidence-register-wide');
    await page.setViewportSize({ width: 1280, height: 900 });
    await h.screenshot('evidence-failure-banner');
    // One click from the banner to the failing item: selected, its page in view and focused.
    await banner.getByRole('button', { name: 'Show E-0002' }).click();
    await page.getByRole('heading', { name: /E-0002 — Telegram chat export/ }).waitFor();
    expect(await page.getByRole('button', { name: /^E-0002 / }).getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement
              .className,
        ),
      )
      .toContain('evidence-detail');
    await page.getByText('A verification of this item failed.', { exact: false }).waitFor();
    await h.screenshot('evidence-failure-item');
    await page.setViewportSize({ width: 1360, height: 900 });
  });

  it('logs a physical item and captured text, each with an acquisition record', async () => {
    const { page } = h;
    await page.getByRole('button', { name: 'Log physical item…' }).click();
    await page.getByRole('button', { name: 'Log item' }).click();
    await page.getByText('Description is required').waitFor();
    await page.getByLabel('Description').fill('Company laptop returned by courier from a laptop farm address');
    await page.getByLabel('Make', { exact: true }).fill('Lenovo');
    await page.getByLabel('Model', { exact: true }).fill('ThinkPad T14 Gen 4');
    await page.getByLabel('Serial number').fill('PF4XK2M9');
    await page.getByLabel('Seal or bag number').fill('EVB-20940');
    await page.getByLabel('Condition').fill('Lid scratched; KVM dongle attached to USB-C');
    await page.getByRole('button', { name: 'Log item' }).click();
    await page.getByText('E-0004 logged').waitFor();
    await page.getByRole('button', { name: 'Record text…' }).click();
    await page.getByLabel('Description').fill('Demand read aloud by the contractor on the 3 Nov call');
    await page
      .getByRole('textbox', { name: /^Captured text/ })
      .fill('Pay 40 BTC by Friday or the repository goes to a leak site. 김민준');
    await page.getByLabel('How it was captured').fill('Typed verbatim during the call; call recorded by counsel');
    await page.getByRole('button', { name: 'Record text', exact: true }).click();
    await page.getByText('E-0005 logged').waitFor();
    await page
      .getByRole('figure')
      .getByText(/Pay 40 BTC by Friday/)
      .waitFor();
    await h.screenshot('25-evidence-text-item');
    const items = rows<{
      exhibit: string;
      kind: string;
      serial_number: string;
      seal_number: string;
      captured_text: string;
      sha256: string | null;
    }>(
      "SELECT exhibit, kind, serial_number, seal_number, captured_text, sha256 FROM evidence_item WHERE kind != 'file' ORDER BY exhibit",
    );
    expect(items.map((i) => [i.exhibit, i.kind, i.serial_number, i.seal_number])).toEqual([
      ['E-0004', 'physical', 'PF4XK2M9', 'EVB-20940'],
      ['E-0005', 'text', '', ''],
    ]);
    expect(items[1]!.sha256).toBe(
      createHash('sha256').update('Pay 40 BTC by Friday or the repository goes to a leak site. 김민준').digest('hex'),
    );
    expect(
      rows(
        "SELECT c.seal_after FROM custody_event c JOIN evidence_item i ON i.id = c.item_id WHERE i.exhibit = 'E-0004'",
      ),
    ).toEqual([{ seal_after: 'EVB-20940' }]);
  });

  it('records the return of the laptop to its owner, as a return in the custody history', async () => {
    const { page } = h;
    await page.getByRole('button', { name: /E-0004/ }).click();
    await page.getByRole('button', { name: 'Record transfer or return…' }).click();
    await page.getByLabel('Kind of hand-over').selectOption('return');
    await page.getByText('The item goes back to its owner or their representative; it stays on record.').waitFor();
    await page.getByRole('textbox', { name: /^Released by/ }).fill('Dana Whitfield');
    await page.getByRole('textbox', { name: /^Received by/ }).fill('R. Alvarez, counsel for the former contractor');
    await page.getByLabel('Purpose').fill('Return of company-issued device after imaging, agreed with counsel');
    await page.getByLabel('Seal before').fill('EVB-20940');
    await page.getByRole('button', { name: 'Record return', exact: true }).click();
    await page.getByText('Return recorded in the custody history').waitFor();
    const history = page.getByRole('table', { name: 'Chain of custody' });
    await history.getByText(/R\. Alvarez, counsel for the former contractor/).waitFor();
    expect(await history.innerText()).toContain('Returned');
    await page
      .getByRole('button', { name: /E-0004/ })
      .getByText('Returned to R. Alvarez, counsel for the former contractor')
      .waitFor();
    expect(rows("SELECT type, received_by, seal_before FROM custody_event WHERE type = 'return'")).toEqual([
      { type: 'return', received_by: 'R. Alvarez, counsel for the former contractor', seal_before: 'EVB-20940' },
    ]);
    await h.screenshot('25b-evidence-returned');
  });

  it('links the laptop photo set to the laptop, and disposes only once the legal hold is released', async () => {
    const { page } = h;
    await page.getByRole('button', { name: /E-0003/ }).click();
    await page.getByRole('button', { name: 'Add link…' }).click();
    await page.getByLabel('Link to').selectOption('evidence_item');
    await page
      .getByLabel('Which')
      .selectOption({ label: 'E-0004 Company laptop returned by courier from a laptop farm address' });
    await page.getByLabel('Relation').fill('disk image of');
    await page.getByRole('button', { name: 'Add link' }).click();
    await page
      .locator('.links__list')
      .getByText(/disk image of/)
      .waitFor();
    expect(rows('SELECT relation, target_type FROM evidence_link')).toEqual([
      { relation: 'disk image of', target_type: 'evidence_item' },
    ]);

    await page.getByRole('button', { name: 'Place legal hold on the case…' }).click();
    await page.getByLabel('Reason').fill('Litigation expected; instruction from counsel');
    await page.getByRole('button', { name: 'Place hold on the case' }).click();
    await page.getByText('Legal hold placed on the whole case').waitFor();
    await page.getByText('Disposal is not possible while a legal hold applies to this item or the case.').waitFor();
    expect(await page.getByRole('button', { name: 'Dispose of…' }).isDisabled()).toBe(true);
    await h.screenshot('26-evidence-legal-hold');

    await page.getByRole('button', { name: 'Release…' }).click();
    await page.getByLabel('Reason').fill('Counsel confirmed no litigation');
    await page.getByRole('button', { name: 'Release hold' }).click();
    await page.getByText('Legal hold released').waitFor();
    await page.getByRole('button', { name: 'Dispose of…' }).click();
    await page.getByLabel('Method').fill('Securely erased');
    await page.getByLabel('Authorised by').fill('M. Okafor, counsel');
    await page.getByLabel('Reason').fill('Duplicate of the image held by police');
    await page.getByRole('button', { name: 'Record disposal' }).click();
    await page.getByText(/Disposal recorded; the stored bytes were removed/).waitFor();
    await page.locator('.evidence-detail .badge--disposed').waitFor();
    await page
      .getByRole('button', { name: /E-0003/ })
      .getByText('Disposed of', { exact: true })
      .waitFor();
    const [image] = rows<{ disposed: number; sha256: string }>(
      "SELECT disposed, sha256 FROM evidence_item WHERE exhibit = 'E-0003'",
    );
    expect(image).toEqual({ disposed: 1, sha256: sha256(files.image!) });
    expect(
      rows(
        "SELECT count(*) AS n FROM evidence_chunk c JOIN evidence_item i ON i.blob_id = c.blob_id WHERE i.exhibit = 'E-0003'",
      ),
    ).toEqual([{ n: 0 }]);
    await h.screenshot('27-evidence-disposed');
  });

  it('takes files dropped on the register', async () => {
    const { page } = h;
    const dropped = join(h.workDir, 'from-cfo', 'invoice-from-facilitator.pdf');
    writeFileSync(dropped, '%PDF-1.7 invoice for laptop hosting');
    // Runs in the page: the DOM's own DataTransfer, File and DragEvent, as a real drop delivers them.
    await page.evaluate((path) => {
      const page = globalThis as unknown as {
        __custosDropPaths: Record<string, string>;
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: string[], name: string) => unknown;
        DragEvent: new (type: string, init: object) => unknown;
        document: { querySelector(selector: string): { dispatchEvent(event: unknown): void } | null };
      };
      page.__custosDropPaths = { 'invoice-from-facilitator.pdf': path };
      const data = new page.DataTransfer();
      data.items.add(new page.File(['%PDF'], 'invoice-from-facilitator.pdf'));
      const register = page.document.querySelector('section[aria-labelledby="evidence-title"]')!;
      register.dispatchEvent(new page.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, dropped);
    await page
      .getByRole('table', { name: /1 file to add/ })
      .getByText(dropped)
      .waitFor();
    await page.getByLabel('Description').fill('Invoice sent by the facilitator');
    await page.getByRole('button', { name: 'Add 1 dropped file' }).click();
    await page.getByText('E-0006 added, hashed and stored').waitFor();
    expect(rows("SELECT original_name, sha256 FROM evidence_item WHERE exhibit = 'E-0006'")).toEqual([
      { original_name: 'invoice-from-facilitator.pdf', sha256: sha256(dropped) },
    ]);
  });

  it('exports verified copies with a manifest, never overwriting', async () => {
    const { page } = h;
    const out = join(h.workDir, 'for-police');
    mkdirSync(out);
    writeFileSync(join(out, 'E-0001 ransom-demand.eml'), 'a file that was already there');
    h.nextExportFolder(out);
    await page.getByRole('button', { name: /E-0001/ }).click();
    await page.getByRole('button', { name: 'Export copy…' }).click();
    await page.getByText(/1 file exported and hash-checked/).waitFor();
    expect(readdirSync(out).sort()).toEqual([
      'E-0001 ransom-demand (2).eml',
      'E-0001 ransom-demand.eml',
      'manifest.csv',
      'manifest.json',
    ]);
    expect(readFileSync(join(out, 'E-0001 ransom-demand.eml'), 'utf8')).toBe('a file that was already there');
    expect(sha256(join(out, 'E-0001 ransom-demand (2).eml'))).toBe(sha256(files.email!));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      files: { exhibit: string; sha256: string }[];
    };
    expect(manifest.files).toEqual([expect.objectContaining({ exhibit: 'E-0001', sha256: sha256(files.email!) })]);
    expect(h.consoleErrors).toEqual([]);
  });

  it('shows progress while re-verifying and exporting a large item, and a cancelled export leaves no partial copy', async () => {
    const { page } = h;
    // A large mailbox archive referenced in place (a sparse file: large, quick to make), so both
    // runs last long enough to watch, and the export to stop.
    const archive = join(h.workDir, 'from-cfo', 'mailbox-archive.pst');
    const fd = openSync(archive, 'w');
    ftruncateSync(fd, 768 * 1024 * 1024);
    closeSync(fd);
    // Chosen in the file dialog, as a person would.
    h.nextEvidenceFiles([archive]);
    await h.handlers.invoke('dialog:chooseEvidenceFiles', {});
    const added = await h.handlers.invoke('evidence:add', {
      paths: [archive],
      draft: { description: 'CFO mailbox archive', byReference: true },
    });
    expect(added.ok).toBe(true);
    await page.reload();
    await page.getByRole('button', { name: 'Evidence' }).click();
    await page.getByRole('button', { name: /E-0007/ }).click();

    await page.getByRole('button', { name: 'Verify now' }).click();
    await page.getByText(/Verifying E-0007 \(1 of 1\) — re-hashing its bytes/).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Export all…' }).isDisabled()).toBe(true);
    await h.screenshot('27-evidence-verify-progress');
    await page.getByText('1 item re-hashed: all match').waitFor({ timeout: 60_000 });
    expect(
      rows(
        "SELECT hash_result FROM custody_event WHERE type = 'verification' AND item_id = (SELECT id FROM evidence_item WHERE exhibit = 'E-0007')",
      ),
    ).toEqual([{ hash_result: 'match' }]);

    const out = join(h.workDir, 'for-counsel');
    mkdirSync(out);
    h.nextExportFolder(out);
    await page.getByRole('button', { name: 'Export copy…' }).click();
    const panel = page.getByRole('status').filter({ hasText: 'Exporting E-0007' });
    await panel.getByText(/writing a copy, then reading it back/).waitFor();
    await h.screenshot('28-evidence-export-progress');
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Export cancelled; nothing was exported').waitFor({ timeout: 60_000 });
    expect(readdirSync(out)).toEqual([]);
    expect(
      rows(
        "SELECT id FROM custody_event WHERE type = 'export' AND item_id = (SELECT id FROM evidence_item WHERE exhibit = 'E-0007')",
      ),
    ).toEqual([]);
    await expect.poll(() => page.getByRole('button', { name: 'Export copy…' }).isEnabled()).toBe(true);
    expect(h.consoleErrors).toEqual([]);
  });

  it('stores files up to the size the examiner sets, references larger ones, and keeps the setting', async () => {
    const { page } = h;
    const scan = join(h.workDir, 'from-cfo', 'hr-file-scan.pdf');
    writeFileSync(scan, randomBytes(3 * 1024 * 1024));
    await page.getByRole('button', { name: 'Add files…' }).click();
    const limit = page.getByLabel('Store files up to');
    expect(await limit.inputValue()).toBe('2');
    expect(await page.getByLabel('Unit of the store limit').inputValue()).toBe('GiB');
    // In binary units, with the exact bytes beside them.
    await page.getByText('2.0 GiB is 2,147,483,648 bytes.', { exact: false }).waitFor();
    await limit.fill('');
    await page.getByLabel('Description').fill('Scanned HR file of the contractor');
    h.nextEvidenceFiles([scan]);
    await page.getByRole('button', { name: 'Choose files…' }).click();
    await page.getByRole('button', { name: 'Add 1 file' }).click();
    await page.getByText('Give the largest size to store in the case, e.g. 2 GiB or 500 MiB').waitFor();
    await limit.fill('1');
    await page.getByLabel('Unit of the store limit').selectOption('MiB');
    await page.getByText('1.0 MiB is 1,048,576 bytes.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Add 1 file' }).click();
    await page.getByText('E-0008 added, hashed and referenced in place').waitFor();
    expect(rows("SELECT storage, reference_path FROM evidence_item WHERE exhibit = 'E-0008'")).toEqual([
      { storage: 'reference', reference_path: scan },
    ]);
    expect(JSON.parse(readFileSync(join(h.dataDir, 'settings.json'), 'utf8')).storeLimitBytes).toBe(1024 ** 2);
    await page.getByRole('button', { name: 'Add files…' }).click();
    await page.getByText(/Files over 1\.0 MiB are referenced where they are instead of copied/).waitFor();
    expect(await page.getByLabel('Store files up to').inputValue()).toBe('1');
    expect(await page.getByLabel('Unit of the store limit').inputValue()).toBe('MiB');
    await h.screenshot('29-evidence-store-limit');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('marks a direction control in a file name, so "invoice‮txt.exe" cannot pass for a text file', async () => {
    const { page } = h;
    const disguised = join(h.workDir, 'from-cfo', 'invoice\u202Etxt.exe');
    writeFileSync(disguised, 'MZ this is a program, not a text file');
    await page.getByRole('button', { name: 'Add files…' }).click();
    await page.getByLabel('Description').fill('Attachment of the second demand');
    h.nextEvidenceFiles([disguised]);
    await page.getByRole('button', { name: 'Choose files…' }).click();
    // Marked already among the files to add, before anything is read.
    await page.locator('.chosen-files mark.bidi-mark', { hasText: 'RLO' }).first().waitFor();
    await page.getByRole('button', { name: 'Add 1 file' }).click();
    await page.getByText(/added, hashed and stored/).waitFor();
    const row = page.getByRole('button', { name: /invoice\s*RLO/ });
    // The control is shown as a mark naming it, and the name keeps its stored order.
    await row.locator('mark.bidi-mark', { hasText: 'RLO' }).waitFor();
    expect(await row.locator('.register-row__file .safe-text').innerText()).toMatch(/^invoice\s*RLO\s*txt\.exe$/);
    await row.click();
    await page.locator('.evidence-detail mark.bidi-mark', { hasText: 'RLO' }).first().waitFor();
    await h.screenshot('30-evidence-bidi-name-marked');
  });
});

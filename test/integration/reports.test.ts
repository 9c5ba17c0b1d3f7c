import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openAppData } from '../../electron/core/appData.ts';
import { createHandlers } from '../../electron/core/handlers/index.ts';
import type { HandlerSet } from '../../electron/core/handlers/index.ts';
import type {
  ExportWritten,
  GeneratedReport,
  OutputRecord,
  PackageWritten,
  ReportOptionsInput,
  ReportPreview,
  ReportVerdict,
} from '../../shared/domain/report.ts';
import type { EvidenceProgressEvent } from '../../shared/ipc/channels.ts';
import { readCase } from '../helpers/cli.ts';
import { checkedHandlers } from '../helpers/contract.ts';
import {
  NAMES,
  PLAIN_NOTE,
  PRIVILEGED_SENTENCE,
  RECIPIENT,
  buildReportCase,
  expectNames,
  expectReport,
  inCells,
  readReport,
  sha256Of,
} from '../helpers/reportCase.ts';
import type { ReportCase } from '../helpers/reportCase.ts';
import { EXAMINER, sha256File, steppingClock, tempDir } from '../helpers/tempCase.ts';

/**
 * Reports as the app makes them: through the handler table the window calls, with the paths the
 * examiner chose in the dialogs, progress events and Cancel. Each PDF is read back as text and held
 * against what the case recorded about it.
 */

let root: string;
let cleanup: () => void;
let built: ReportCase;
let sessions = 0;

beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir());
  built = await buildReportCase(join(root, 'built'));
}, 120_000);
afterAll(() => cleanup());

type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** A window with a copy of the built case open, and the dialogs answering what the test chooses. */
async function openWindow() {
  const folder = join(root, `window-${++sessions}`);
  const out = join(folder, 'out');
  mkdirSync(out, { recursive: true });
  const path = join(folder, 'case.custos');
  copyFileSync(built.path, path);
  const chosen = { report: null as string | null, verify: null as string | null, folder: null as string | null };
  const progress: EvidenceProgressEvent[] = [];
  const listeners: ((event: EvidenceProgressEvent) => void)[] = [];
  const handlers: HandlerSet = checkedHandlers(
    createHandlers({
      appData: openAppData(join(folder, 'data')),
      clock: steppingClock('2026-11-05T10:00:00.000Z'),
      dialogs: {
        chooseCaseToOpen: async () => path,
        chooseNewCasePath: async () => null,
        chooseEvidenceFiles: async () => null,
        chooseExportFolder: async () => chosen.folder,
        chooseSavePath: async () => null,
        chooseReportPath: async () => chosen.report,
        chooseReportToVerify: async () => chosen.verify,
      },
      version: 'test',
      systemTimeZone: 'UTC',
      emitProgress: (event) => {
        progress.push(event);
        for (const listener of listeners) listener(event);
      },
    }),
  );
  const invoke = <T>(channel: string, req: unknown = {}) => handlers.invoke(channel, req) as Promise<Result<T>>;
  async function ok<T>(channel: string, req: unknown = {}): Promise<T> {
    const result = await invoke<T>(channel, req);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }
  await ok('profile:set', { ...EXAMINER, timeZone: 'Europe/Berlin' });
  await ok('dialog:chooseCaseToOpen');
  await ok('case:open', { path });
  /** Generate report… → the save dialog → generate, as the Reports view does it. */
  async function generate(options: ReportOptionsInput, file: string): Promise<Result<GeneratedReport>> {
    chosen.report = file;
    const picked = await ok<{ path: string } | null>('dialog:chooseReportPath', { suggestedName: basename(file) });
    expect(picked).toEqual({ path: file });
    return invoke<GeneratedReport>('report:generate', { options, path: file });
  }
  return { folder, out, path, chosen, progress, listeners, handlers, invoke, ok, generate };
}
type Window = Awaited<ReturnType<typeof openWindow>>;

let windows: Window[] = [];
afterEach(() => {
  for (const w of windows) w.handlers.dispose();
  windows = [];
});
async function window(): Promise<Window> {
  const w = await openWindow();
  windows.push(w);
  return w;
}

type Row = Record<string, string | number | null>;
const outputRows = (path: string) =>
  readCase(path, (db) => db.prepare('SELECT * FROM output_record ORDER BY rowid').all() as Row[]);
const outputEntries = (path: string) =>
  readCase(
    path,
    (db) =>
      db
        .prepare("SELECT seq, action, entity_id FROM audit_log WHERE entity_type = 'output_record' ORDER BY seq")
        .all() as { seq: number; action: string; entity_id: string }[],
  );

describe('report:generate, each kind, as the app makes it', () => {
  let w: Window;
  const made: GeneratedReport[] = [];
  beforeAll(async () => {
    w = await openWindow();
  });
  afterAll(() => w.handlers.dispose());

  it.each(['counsel', 'law-enforcement', 'executive', 'custody', 'checklist'] as const)(
    '%s: a new PDF in the chosen place, what the case recorded about it on every page',
    async (kind) => {
      const file = join(w.out, `${kind}.pdf`);
      const events = w.progress.length;
      const result = await w.generate({ kind }, file);
      if (!result.ok) throw new Error(result.error.message);
      const report = result.value;
      made.push(report);
      expect(report.path).toBe(file);
      expect(report.record).toMatchObject({ kind: 'report', subtype: kind, fileName: `${kind}.pdf`, verifiedOk: true });
      const pdf = await readReport(file);
      expectReport(pdf, report.record);
      expect(report.pages).toBe(pdf.pages.length);
      // Fonts per text run: Hangul needs Noto Sans KR, and only a report printing it embeds it.
      if (kind === 'counsel' || kind === 'law-enforcement') {
        expectNames(pdf);
        expect(report.fonts).toContain('Noto Sans KR');
      }
      if (kind === 'executive' || kind === 'checklist') expect(report.fonts).toEqual(['Noto Sans']);
      // The window was told how far it got, as a 'report' task.
      const stages = w.progress.slice(events).map((e) => `${e.task} ${e.file}`);
      expect(stages).toContain('report verifying the case');
      expect(stages).toContain('report laying out');
      expect(stages.at(-1)).toBe('report writing');
      // The Reports view lists it.
      const listed = await w.ok<OutputRecord[]>('report:list');
      expect(listed.find((r) => r.id === report.record.id)).toEqual(report.record);
    },
    60_000,
  );

  it('the case holds one output_record row and one report.generate entry per report, right after its head', async () => {
    await w.ok('case:close');
    const rows = outputRows(w.path);
    expect(rows.map((r) => r.id)).toEqual(made.map((m) => m.record.id));
    const entries = outputEntries(w.path);
    expect(entries.map((e) => e.action)).toEqual(made.map(() => 'report.generate'));
    for (const [index, m] of made.entries()) {
      const row = rows[index]!;
      expect(row).toMatchObject({
        kind: 'report',
        subtype: m.record.subtype,
        head_seq: m.record.head.seq,
        head_hash: m.record.head.hash,
        sha256: sha256File(m.path),
        pages: m.pages,
        file_name: basename(m.path),
        generated_by: EXAMINER.name,
        organisation: EXAMINER.organisation,
        zone: 'Europe/Berlin',
      });
      expect(JSON.parse(row.options as string)).toMatchObject({ kind: m.record.subtype });
      expect(entries[index]).toEqual({ seq: m.record.head.seq + 1, action: 'report.generate', entity_id: m.record.id });
    }
  });
});

describe('the law-enforcement referral', () => {
  it('withholds the privileged note and says so; an exhibit left out is absent and counted; the preview said so first', async () => {
    const w = await window();
    const payroll = built.ids.files[2]!;
    const options = { kind: 'law-enforcement' as const, exclude: [`evidence:${payroll.id}`], countries: ['GB'] };
    const preview = await w.ok<ReportPreview>('report:preview', { options });
    const items = preview.sections.flatMap((s) => s.items);
    expect(items.find((i) => i.ref === `evidence:${payroll.id}`)).toMatchObject({ included: false });
    expect(items.find((i) => i.ref === `evidence:${built.ids.files[0]!.id}`)).toMatchObject({ included: true });
    expect(preview.withheld).toEqual(
      expect.arrayContaining([expect.objectContaining({ count: 1, reason: expect.stringMatching(/privileged/) })]),
    );
    expect(JSON.stringify(preview)).not.toContain(PRIVILEGED_SENTENCE);

    const file = join(w.out, 'referral.pdf');
    const result = await w.generate(options, file);
    if (!result.ok) throw new Error(result.error.message);
    const pdf = await readReport(file);
    expectReport(pdf, result.value.record);
    expect(pdf.text).not.toContain(PRIVILEGED_SENTENCE);
    expect(pdf.text).not.toContain('payment question stays open');
    expect(pdf.text).not.toContain(PLAIN_NOTE);
    expect(pdf.text).toContain('1 privileged note (not part of this referral)');
    expect(pdf.text).toContain('1 exhibit left out by the examiner (Evidence register)');
    expect(inCells(pdf, payroll.description)).toBe(false);
    expect(pdf.columnsCompact).not.toContain(payroll.sha256);
    for (const item of built.ids.files.slice(0, 2)) expect(pdf.columnsCompact).toContain(item.sha256);
    expect(inCells(pdf, RECIPIENT)).toBe(true);
    expect(pdf.text).toContain(NAMES.kim);
    // The recorded options say what was left out, so the same report can be made again.
    expect(result.value.record.options).toMatchObject({ exclude: [`evidence:${payroll.id}`], countries: ['GB'] });
  }, 60_000);
});

describe('refusals', () => {
  it('over an existing file: ALREADY_EXISTS, the file untouched, nothing recorded', async () => {
    const w = await window();
    const file = join(w.out, 'taken.pdf');
    writeFileSync(file, 'the examiner’s own draft');
    const result = await w.generate({ kind: 'executive' }, file);
    expect(result).toMatchObject({ ok: false, error: { code: 'ALREADY_EXISTS' } });
    expect(!result.ok && result.error.message).toMatch(/taken\.pdf already exists; Custos never replaces a report/);
    expect(readFileSync(file, 'utf8')).toBe('the examiner’s own draft');
    expect(readdirSync(w.out)).toEqual(['taken.pdf']);
    expect(await w.ok<OutputRecord[]>('report:list')).toEqual([]);
  });

  it('a path the examiner did not choose: PATH_NOT_CHOSEN, no file', async () => {
    const w = await window();
    const file = join(w.out, 'sneaky.pdf');
    const result = await w.invoke('report:generate', { options: { kind: 'counsel' }, path: file });
    expect(result).toMatchObject({ ok: false, error: { code: 'PATH_NOT_CHOSEN' } });
    expect(existsSync(file)).toBe(false);
    // A path chosen for something else (the report to verify) is not a place to write one either.
    w.chosen.verify = file;
    await w.ok('dialog:chooseReportToVerify');
    const again = await w.invoke('report:generate', { options: { kind: 'counsel' }, path: file });
    expect(again).toMatchObject({ ok: false, error: { code: 'PATH_NOT_CHOSEN' } });
    expect(readdirSync(w.out)).toEqual([]);
    expect(await w.ok<OutputRecord[]>('report:list')).toEqual([]);
  });

  it('Cancel while the report is laid out: CANCELLED, no file, nothing left beside it, nothing recorded', async () => {
    const w = await window();
    const entries = readCase(w.path, (db) => db.prepare('SELECT count(*) FROM audit_log').pluck().get());
    const cancels: Promise<unknown>[] = [];
    w.listeners.push((event) => {
      if (event.task === 'report' && event.file === 'laying out' && cancels.length === 0) {
        cancels.push(w.invoke('evidence:cancel', { task: 'report' }));
      }
    });
    const file = join(w.out, 'counsel.pdf');
    const result = await w.generate({ kind: 'counsel' }, file);
    expect(cancels).toHaveLength(1);
    expect(await cancels[0]).toEqual({ ok: true, value: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(!result.ok && result.error.message).toMatch(/cancelled; no file was written/);
    expect(readdirSync(w.out)).toEqual([]);
    expect(await w.ok<OutputRecord[]>('report:list')).toEqual([]);
    // The next report is made as usual.
    const next = await w.generate({ kind: 'executive' }, join(w.out, 'brief.pdf'));
    expect(next.ok).toBe(true);
    await w.ok('case:close');
    expect(readCase(w.path, (db) => db.prepare('SELECT count(*) FROM audit_log').pluck().get())).toBe(
      (entries as number) + 1,
    );
    expect(outputRows(w.path)).toHaveLength(1);
  }, 60_000);
});

describe('Cancel while a referral package is written', () => {
  it('CANCELLED: the package folder is removed whole and no report or package is recorded', async () => {
    const w = await window();
    const folder = join(w.out, 'for-police');
    mkdirSync(folder);
    w.chosen.folder = folder;
    await w.ok('dialog:chooseExportFolder');
    const cancels: Promise<unknown>[] = [];
    w.listeners.push((event) => {
      if (event.task === 'package' && event.file === 'laying out' && cancels.length === 0) {
        cancels.push(w.invoke('evidence:cancel', { task: 'package' }));
      }
    });
    const result = await w.invoke('report:package', { dir: folder, name: 'referral' });
    expect(cancels).toHaveLength(1);
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(!result.ok && result.error.message).toMatch(/The package was cancelled; its folder was removed/);
    expect(readdirSync(folder)).toEqual([]);
    expect(await w.ok<OutputRecord[]>('report:list')).toEqual([]);
  }, 60_000);
});

describe('checking and making again', () => {
  it('report:verify names the report a chosen PDF is, and the one an altered copy claims to be', async () => {
    const w = await window();
    const file = join(w.out, 'referral.pdf');
    const made = await w.generate({ kind: 'law-enforcement' }, file);
    if (!made.ok) throw new Error(made.error.message);
    const id = made.value.record.id;

    w.chosen.verify = file;
    await w.ok('dialog:chooseReportToVerify');
    const verdict = await w.ok<ReportVerdict>('report:verify', { path: file });
    expect(verdict).toEqual({ match: true, sha256: made.value.record.sha256, record: made.value.record });

    const bytes = readFileSync(file);
    const idAt = bytes.indexOf(`Custos-Report-Id: ${id}`, 0, 'latin1');
    const at = Math.abs(idAt - bytes.length / 2) > 200 ? Math.floor(bytes.length / 2) : Math.floor(bytes.length / 4);
    bytes[at] = bytes[at]! ^ 0x20;
    const altered = join(w.out, 'referral (copy).pdf');
    writeFileSync(altered, bytes);
    w.chosen.verify = altered;
    await w.ok('dialog:chooseReportToVerify');
    const refused = await w.ok<ReportVerdict>('report:verify', { path: altered });
    expect(refused).toMatchObject({ match: false, sha256: sha256Of(bytes), claimed: made.value.record });
    expect(!refused.match && refused.reason).toMatch(
      new RegExp(`^this file says it is report ${id} .*but its bytes differ from what was generated`),
    );
    // A PDF nobody chose is not read.
    const unchosen = await w.invoke('report:verify', { path: join(w.out, 'other.pdf') });
    expect(unchosen).toMatchObject({ ok: false, error: { code: 'PATH_NOT_CHOSEN' } });
  }, 60_000);

  it('report:regenerate gives the same bytes into a new chosen file, and records nothing', async () => {
    const w = await window();
    const first = join(w.out, 'custody.pdf');
    const made = await w.generate({ kind: 'custody' }, first);
    if (!made.ok) throw new Error(made.error.message);
    await w.generate({ kind: 'executive' }, join(w.out, 'brief.pdf'));
    const again = join(w.out, 'custody-again.pdf');
    w.chosen.report = again;
    await w.ok('dialog:chooseReportPath', { suggestedName: 'custody-again.pdf' });
    const regenerated = await w.ok<GeneratedReport>('report:regenerate', { id: made.value.record.id, path: again });
    expect(regenerated.record).toEqual(made.value.record);
    expect(sha256File(again)).toBe(sha256File(first));
    expect((await w.ok<OutputRecord[]>('report:list')).map((r) => r.subtype).sort()).toEqual(['custody', 'executive']);
  }, 60_000);
});

describe('exports and the package from the app', () => {
  it('report:export and report:package write into the chosen folder only, and are recorded', async () => {
    const w = await window();
    const folder = join(w.out, 'for-police');
    mkdirSync(folder);
    w.chosen.folder = folder;
    await w.ok('dialog:chooseExportFolder');
    const csv = await w.ok<ExportWritten>('report:export', { format: 'csv', dir: folder });
    expect([...csv.files.map((f) => f.name), 'SHA256SUMS-csv'].sort()).toEqual(readdirSync(folder).sort());
    for (const f of csv.files) expect(sha256File(join(folder, f.name))).toBe(f.sha256);
    expect(csv.record).toMatchObject({ kind: 'export', subtype: 'csv' });

    const events = w.progress.length;
    const pack = await w.ok<PackageWritten>('report:package', { dir: folder, name: 'referral-2026-11' });
    expect(pack.dir).toBe(join(folder, 'referral-2026-11'));
    expect(readdirSync(folder).filter((n) => !n.endsWith('.csv'))).toEqual(['SHA256SUMS-csv', 'referral-2026-11']);
    expect(sha256File(join(pack.dir, 'SHA256SUMS'))).toBe(pack.sumsSha256);
    expect(pack.record).toMatchObject({ kind: 'package', subtype: 'referral', sha256: pack.sumsSha256 });
    expect(w.progress.slice(events).every((e) => e.task === 'package')).toBe(true);
    expect(w.progress.length).toBeGreaterThan(events);
    const referral = (await w.ok<OutputRecord[]>('report:list')).find((r) => r.id === pack.record.options['report']);
    expect(referral).toMatchObject({
      kind: 'report',
      subtype: 'law-enforcement',
      fileName: 'referral-2026-11/referral.pdf',
    });
    expect(sha256File(join(pack.dir, 'referral.pdf'))).toBe(referral!.sha256);

    // A folder nobody chose is refused.
    const other = join(w.folder, 'elsewhere');
    mkdirSync(other);
    expect(await w.invoke('report:export', { format: 'stix', dir: other })).toMatchObject({
      ok: false,
      error: { code: 'PATH_NOT_CHOSEN' },
    });
    expect(readdirSync(other)).toEqual([]);
  }, 60_000);
});

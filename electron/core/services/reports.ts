import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { VerifyReport } from '../../../shared/domain/audit.ts';
import { formatHead } from '../../../shared/domain/common.ts';
import { REPORT_KIND_LABELS, ReportOptions } from '../../../shared/domain/report.ts';
import type { GeneratedReport, OutputRecord, ReportPreview, ReportVerdict } from '../../../shared/domain/report.ts';
import { escapeControl } from '../../../shared/logic/text.ts';
import { CustosError, fromFsError, isCustosError } from '../errors.ts';
import { writeAll } from '../exclusiveFile.ts';
import { buildReportDoc, previewReport as previewContent } from '../reports/content/index.ts';
import type { ReportContext } from '../reports/content/index.ts';
import { renderReportOffThread } from '../reports/pdf/offThread.ts';
import type { RenderedPdf } from '../reports/pdf/render.ts';
import type { ReportDoc } from '../reports/doc.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import type { MutationContext } from '../store/db/mutate.ts';
import {
  OUTPUT_ACTIONS,
  actionsAfter,
  getOutput,
  insertOutput,
  listOutputs,
  outputsWithHash,
} from '../store/tables/outputs.ts';
import { verifyOpenCase } from './verification.ts';

/**
 * Reports from a case: preview, generate (verify first, lay out off the window's thread, write
 * without replacing anything, record), regenerate byte for byte, and check a PDF against the case.
 */

export type ReportWork = {
  signal?: AbortSignal;
  /** `stage`: verifying, laying out, writing; done of total within it. */
  onProgress?: (progress: { stage: string; done: number; total: number }) => void;
  /** The CLI lays out in its own thread (it has nothing else to do); the app never does. */
  inThread?: boolean;
};

/** The one-line verdict of each check, as the verification block prints it. */
export function verifyLines(report: VerifyReport): string[] {
  return [
    `${report.ok ? 'Intact' : 'NOT INTACT'}: ${report.entries.toLocaleString('en-GB')} audit entries, head ${formatHead(report.head)}`,
    ...report.checks.map(
      (c) => `${c.title}: ${c.status === 'pass' ? 'pass' : c.status}${c.message ? ` (${c.message})` : ''}`,
    ),
    ...(report.notes ?? []),
  ];
}

export function previewReport(caseDb: CaseDb, options: ReportOptions, now: Date): ReportPreview {
  return previewContent(caseDb, options, now.toISOString());
}

export function listReports(caseDb: CaseDb): OutputRecord[] {
  return listOutputs(caseDb);
}

/** A report's file must be new, in a folder that exists, and a .pdf. */
function checkTarget(path: string): string {
  const target = resolve(path);
  if (!/\.pdf$/i.test(target)) {
    throw new CustosError('INVALID_INPUT', `${escapeControl(basename(target))}: a report is saved as a .pdf file`);
  }
  let folder;
  try {
    folder = statSync(dirname(target));
  } catch {
    throw new CustosError('NOT_FOUND', `${escapeControl(dirname(target))} does not exist; create the folder first`);
  }
  if (!folder.isDirectory()) throw new CustosError('NOT_A_FILE', `${escapeControl(dirname(target))} is not a folder`);
  try {
    // lstat: a link named like the report (even one pointing nowhere) is something already there.
    lstatSync(target);
  } catch {
    return target;
  }
  throw new CustosError(
    'ALREADY_EXISTS',
    `${escapeControl(target)} already exists; Custos never replaces a report, so choose another name`,
  );
}

/**
 * Writes `bytes` as a new file at `target`: under a temporary name first, synced, then linked to
 * its name only if nothing is there. Returns a function that takes the file away again (when the
 * case refuses to record it).
 */
export function writeNewFile(target: string, bytes: Uint8Array): () => void {
  // Short, so a long name that fits the folder still fits with the temporary one.
  const temp = join(dirname(target), `.custos-${randomUUID().slice(0, 8)}.partial`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx');
    writeAll(fd, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    publishNew(temp, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CustosError(
        'ALREADY_EXISTS',
        `${escapeControl(target)} appeared while the report was being made; Custos never replaces a file, so choose another name`,
      );
    }
    throw isCustosError(error) ? error : fromFsError(error, 'write the report', target);
  } finally {
    rmSync(temp, { force: true });
  }
  return () => rmSync(target, { force: true });
}

/**
 * Gives the finished temporary file its name only if nothing has it: a hard link fails on an
 * existing name. File systems without hard links (FAT and exFAT USB sticks, some shares) get a
 * check and a rename instead.
 */
function publishNew(temp: string, target: string): void {
  try {
    linkSync(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
    if (existsSync(target)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    renameSync(temp, target);
  }
}

async function render(doc: ReportDoc, work: ReportWork): Promise<RenderedPdf> {
  const onProgress = (p: { done: number; total: number }) => work.onProgress?.({ stage: 'laying out', ...p });
  if (work.inThread) {
    // Loaded when a report is laid out here, so `custos report list` and `verify` start quickly.
    const { renderReportPdf } = await import('../reports/pdf/render.ts');
    return renderReportPdf(doc, { onProgress });
  }
  const rendered = await renderReportOffThread(doc, { onProgress, ...(work.signal ? { signal: work.signal } : {}) });
  if (rendered === 'cancelled') throw new CustosError('CANCELLED', 'The report was cancelled; no file was written');
  return rendered;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CustosError('CANCELLED', 'The report was cancelled; no file was written');
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Generates a report: a full verification run first (its verdict is printed in the report, and a
 * case that fails is still reported on, saying so), then the document, laid out off the window's
 * thread, written as a new file and recorded in the case with the head it was made from and the
 * SHA-256 of its bytes. A cancel at any point leaves no file and no record.
 */
export async function generateReport(
  caseDb: CaseDb,
  ctx: MutationContext,
  request: { options: ReportOptions; path: string; zone: string; generator: string },
  work: ReportWork = {},
): Promise<GeneratedReport> {
  caseDb.assertWritable();
  const target = checkTarget(request.path);
  work.onProgress?.({ stage: 'verifying the case', done: 0, total: 1 });
  const context = await reportContextNow(caseDb, ctx, request.zone, work.signal);
  const { bytes: _bytes, ...made } = await produce(
    caseDb,
    ctx,
    request.options,
    context,
    target,
    work,
    true,
    request.generator,
  );
  return made;
}

/** The report laid out, not yet written anywhere. */
export async function makeReport(
  caseDb: CaseDb,
  options: ReportOptions,
  context: ReportContext,
  work: ReportWork,
): Promise<RenderedPdf> {
  const doc = buildReportDoc(caseDb, options, context);
  throwIfCancelled(work.signal);
  const rendered = await render(doc, work);
  throwIfCancelled(work.signal);
  return rendered;
}

/** How a generated report is recorded in the case. */
export function reportRecordOf(
  options: ReportOptions,
  context: ReportContext,
  rendered: RenderedPdf,
  fileName: string,
  generator: string,
): OutputRecord {
  return {
    id: context.reportId,
    kind: 'report',
    subtype: options.kind,
    // The role is printed on the cover; kept beside the options so a regeneration prints it again.
    // and the version that made it: only that version lays the report out byte for byte again.
    options: { ...options, examinerRole: context.examiner.role, generator },
    head: context.head,
    verifiedOk: context.verification.ok,
    verifySummary: context.verification.lines.join('\n'),
    sha256: sha256(rendered.bytes),
    size: rendered.bytes.byteLength,
    pages: rendered.pages,
    fileName,
    generatedBy: context.examiner.name,
    organisation: context.examiner.organisation,
    generatedAt: context.generatedAt,
    zone: context.zone,
  };
}

/** A full verification run, and what a report made now would carry. */
export async function reportContextNow(
  caseDb: CaseDb,
  ctx: MutationContext,
  zone: string,
  signal: AbortSignal | undefined,
): Promise<ReportContext> {
  const verdict = await verifyOpenCase(caseDb, { now: ctx.clock, ...(signal ? { signal } : {}) });
  throwIfCancelled(signal);
  return {
    reportId: randomUUID(),
    generatedAt: ctx.clock().toISOString(),
    examiner: ctx.actor,
    zone,
    head: verdict.head,
    verification: { ok: verdict.ok, lines: verifyLines(verdict) },
  };
}

async function produce(
  caseDb: CaseDb,
  ctx: MutationContext,
  options: ReportOptions,
  context: ReportContext,
  target: string,
  work: ReportWork,
  record: boolean,
  generator: string,
): Promise<GeneratedReport & { bytes: Uint8Array }> {
  const rendered = await makeReport(caseDb, options, context, work);
  work.onProgress?.({ stage: 'writing', done: 0, total: 1 });
  const outputRecord = reportRecordOf(options, context, rendered, basename(target), generator);
  const takeBack = writeNewFile(target, rendered.bytes);
  const made = { path: target, pages: rendered.pages, fonts: rendered.fonts, bytes: rendered.bytes };
  if (!record) return { ...made, record: outputRecord };
  try {
    return { ...made, record: insertOutput(caseDb, ctx, outputRecord) };
  } catch (error) {
    takeBack();
    throw error;
  }
}

/**
 * Makes a recorded report again, to show the copy someone holds was not altered: same options,
 * id, time, head and verdict, so the same bytes, as long as nothing the report printed has changed
 * since (every audit entry after its head recorded an output). Writes a new file, records nothing,
 * and says whether the bytes equal the recorded SHA-256.
 */
export async function regenerateReport(
  caseDb: CaseDb,
  ctx: MutationContext,
  id: string,
  request: { path: string; generator: string },
  work: ReportWork = {},
): Promise<GeneratedReport & { identical: boolean }> {
  const { path, generator } = request;
  const recorded = getOutput(caseDb, id);
  if (recorded.kind !== 'report') {
    throw new CustosError('INVALID_INPUT', `${id} is a recorded ${recorded.kind}, not a report`);
  }
  const made = recorded.options['generator'];
  if (typeof made === 'string' && made !== generator) {
    throw new CustosError(
      'INVALID_INPUT',
      `report ${id} was made by ${made} and this is ${generator}: only the version that made a report lays it out byte for byte; check the copy with custos report verify instead`,
    );
  }
  // A record in a case that does not verify could say anything: nothing is made from it.
  const verdict = await verifyOpenCase(caseDb, { now: ctx.clock, ...(work.signal ? { signal: work.signal } : {}) });
  throwIfCancelled(work.signal);
  if (!verdict.ok) {
    const failed = verdict.checks.find((c) => c.status === 'fail');
    throw new CustosError(
      'CORRUPT',
      `the case does not verify (${failed ? `${failed.title}: ${failed.message}` : 'see custos verify'}), so report ${id} is not made again from it`,
    );
  }
  const changed = actionsAfter(caseDb, recorded.head.seq).filter((a) => !OUTPUT_ACTIONS.includes(a));
  if (changed.length > 0) {
    throw new CustosError(
      'INVALID_INPUT',
      `the case has changed since this report was made at entry ${recorded.head.seq} (${changed.length === 1 ? '1 change' : `${changed.length} changes`} since, the first: ${changed[0]}), so it cannot be made again byte for byte; check the copy with custos report verify instead`,
    );
  }
  const target = checkTarget(path);
  const { examinerRole: _role, generator: _generator, ...given } = recorded.options;
  const parsed = ReportOptions.safeParse(given);
  if (!parsed.success) {
    throw new CustosError('CORRUPT', `the recorded options of report ${id} are not ones Custos writes`);
  }
  const options = parsed.data;
  const context: ReportContext = {
    reportId: recorded.id,
    generatedAt: recorded.generatedAt,
    examiner: { name: recorded.generatedBy, role: reportRole(recorded), organisation: recorded.organisation },
    zone: recorded.zone,
    head: recorded.head,
    verification: { ok: recorded.verifiedOk, lines: recorded.verifySummary.split('\n') },
  };
  const again = await produce(caseDb, ctx, options, context, target, work, false, generator);
  return { ...again, record: recorded, identical: sha256(again.bytes) === recorded.sha256 };
}

/** The examiner's role as the report printed it, kept in the recorded options. */
function reportRole(record: OutputRecord): string {
  const role = record.options['examinerRole'];
  return typeof role === 'string' ? role : '';
}

/** The report id a PDF made by Custos carries in its metadata (Custos-Report-Id: <uuid>). */
export function claimedReportId(bytes: Uint8Array): string | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const match = /Custos-Report-Id:\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(text);
  return match ? match[1]! : null;
}

/** Where the metadata is looked for: a PDF's info dictionary sits near its end (or its start). */
const ENDS = 1024 * 1024;

/** The file's SHA-256, read in pieces, and the bytes at its two ends (where the report id is). */
function readOffered(path: string): { sha256: string; ends: Buffer } {
  let fd: number | undefined;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new CustosError('NOT_A_FILE', `${escapeControl(path)} is not a file`);
    fd = openSync(path, 'r');
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(ENDS);
    let head: Buffer | undefined;
    let tail = Buffer.alloc(0);
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      const piece = buffer.subarray(0, read);
      hash.update(piece);
      head ??= Buffer.from(piece);
      tail = Buffer.concat([tail, piece]).subarray(-ENDS);
    }
    return { sha256: hash.digest('hex'), ends: Buffer.concat([head ?? Buffer.alloc(0), tail]) };
  } catch (error) {
    throw isCustosError(error) ? error : fromFsError(error, 'read the file', path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const kindLabel = (r: OutputRecord) =>
  r.kind === 'report'
    ? (REPORT_KIND_LABELS[r.subtype as keyof typeof REPORT_KIND_LABELS] ?? r.subtype)
    : r.kind === 'package'
      ? 'referral package (its SHA256SUMS)'
      : `${r.subtype.toUpperCase()} export (its SHA256SUMS)`;

/**
 * Whether this exact file is something this case produced: a report (its PDF), or a package or
 * export (its SHA256SUMS), by SHA-256 against what the case recorded. The case is verified first:
 * a record in a case that does not verify vouches for nothing. A file whose hash is unknown is not
 * (exit 1 on the CLI); when it names a report of this case in its metadata, the verdict says which
 * one it claims to be and that its bytes differ.
 */
export async function verifyReportFile(
  caseDb: CaseDb,
  path: string,
  work: Pick<ReportWork, 'signal'> & { now?: () => Date } = {},
): Promise<ReportVerdict> {
  const { sha256: hash, ends } = readOffered(path);
  const verdict = await verifyOpenCase(caseDb, {
    ...(work.now ? { now: work.now } : {}),
    ...(work.signal ? { signal: work.signal } : {}),
  });
  throwIfCancelled(work.signal);
  const matches = outputsWithHash(caseDb, hash);
  const claimedId = claimedReportId(ends);
  const claimed = claimedId ? (listOutputs(caseDb).find((r) => r.id === claimedId) ?? null) : null;
  if (!verdict.ok) {
    const failed = verdict.checks.find((c) => c.status === 'fail');
    return {
      match: false,
      sha256: hash,
      claimed: matches[0] ?? claimed,
      reason: `the case itself does not verify (${failed ? `${failed.title}: ${failed.message}` : 'see custos verify'}), so nothing recorded in it can vouch for this file; run custos verify on the case`,
    };
  }
  if (matches.length > 0) return { match: true, sha256: hash, record: matches[0]! };
  const reason = claimed
    ? `this file says it is report ${claimed.id} (${kindLabel(claimed)}, generated ${claimed.generatedAt} by ${claimed.generatedBy}), but its bytes differ from what was generated: it was altered after it left Custos`
    : claimedId
      ? `this file names report ${claimedId}, which this case never generated`
      : 'nothing with these bytes was generated from this case';
  return { match: false, sha256: hash, claimed, reason };
}

import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExportOptions, ExportWritten, OutputRecord, WrittenFile } from '../../../shared/domain/report.ts';
import { escapeControl } from '../../../shared/logic/text.ts';
import { CustosError, fromFsError, isCustosError } from '../errors.ts';
import { writeAll } from '../exclusiveFile.ts';
import { csvFiles } from '../exports/csv.ts';
import type { ExportFile } from '../exports/csv.ts';
import { stixFile } from '../exports/stix.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import type { MutationContext } from '../store/db/mutate.ts';
import { insertOutput } from '../store/tables/outputs.ts';
import { verifyLines } from './reports.ts';
import type { ReportWork } from './reports.ts';
import { verifyOpenCase } from './verification.ts';

/** CSV and STIX 2.1 exports of a case, written into a folder without replacing anything, and recorded. */

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** `sha256sum -c` reads this: the hash, two spaces (text mode), the relative path. */
export function sumsText(files: readonly WrittenFile[]): string {
  return files.map((f) => `${f.sha256}  ${f.name}\n`).join('');
}

export function existingFolder(dir: string): string {
  const target = resolve(dir);
  let stats;
  try {
    stats = statSync(target);
  } catch {
    throw new CustosError('NOT_FOUND', `${escapeControl(target)} does not exist; create the folder first`);
  }
  if (!stats.isDirectory()) throw new CustosError('NOT_A_FILE', `${escapeControl(target)} is not a folder`);
  return target;
}

/**
 * Writes files into `dir` as new files only. Every name is checked before the first byte is
 * written; if one cannot be written, the ones written by this call are removed again.
 */
export function writeFilesExclusive(dir: string, files: readonly ExportFile[], prefix = ''): WrittenFile[] {
  const taken = files.filter((f) => {
    try {
      statSync(join(dir, f.name));
      return true;
    } catch {
      return false;
    }
  });
  if (taken.length > 0) {
    throw new CustosError(
      'ALREADY_EXISTS',
      `${escapeControl(join(dir, taken[0]!.name))} already exists${taken.length > 1 ? ` (and ${taken.length - 1} more of the files)` : ''}; Custos never replaces a file, so choose an empty folder`,
    );
  }
  const written: WrittenFile[] = [];
  const paths: string[] = [];
  try {
    for (const file of files) {
      const path = join(dir, file.name);
      const fd = openSync(path, 'wx');
      paths.push(path);
      try {
        writeAll(fd, Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      written.push({ name: `${prefix}${file.name}`, sha256: sha256Hex(file.bytes), size: file.bytes.byteLength });
    }
  } catch (error) {
    for (const path of paths) rmSync(path, { force: true });
    throw isCustosError(error) ? error : fromFsError(error, 'write the export', dir);
  }
  return written;
}

/** The export's files, made from the case as it is now. */
export function exportFilesOf(
  caseDb: CaseDb,
  ctx: MutationContext,
  options: ExportOptions,
  generatedAt: string,
): ExportFile[] {
  return options.format === 'csv'
    ? csvFiles(caseDb, { bom: options.bom })
    : [stixFile(caseDb, { generatedAt, organisation: ctx.actor.organisation })];
}

/**
 * Exports the case as CSV files or a STIX 2.1 bundle into an existing folder. A full verification
 * runs first (its verdict is recorded with the export); the record's SHA-256 is that of the file
 * list in SHA256SUMS form, so the files written can be checked against the case.
 */
export async function writeExport(
  caseDb: CaseDb,
  ctx: MutationContext,
  request: { options: ExportOptions; dir: string; zone: string },
  work: ReportWork = {},
): Promise<ExportWritten> {
  caseDb.assertWritable();
  const dir = existingFolder(request.dir);
  work.onProgress?.({ stage: 'verifying the case', done: 0, total: 1 });
  const verdict = await verifyOpenCase(caseDb, { now: ctx.clock, ...(work.signal ? { signal: work.signal } : {}) });
  if (work.signal?.aborted) throw new CustosError('CANCELLED', 'The export was cancelled; nothing was written');
  const generatedAt = ctx.clock().toISOString();
  work.onProgress?.({ stage: 'writing', done: 0, total: 1 });
  // A SHA256SUMS-csv (or -stix) beside the files, which sha256sum -c checks and whose hash the case
  // records, so `custos report verify CASE DIR/SHA256SUMS-csv` says whether these are the export.
  // Named by format, so a CSV and a STIX export can share a folder.
  const made = exportFilesOf(caseDb, ctx, request.options, generatedAt);
  const listed = made.map((f) => ({ name: f.name, sha256: sha256Hex(f.bytes), size: f.bytes.byteLength }));
  const sums = Buffer.from(sumsText(listed));
  const sumsName = `SHA256SUMS-${request.options.format}`;
  const files = writeFilesExclusive(dir, [...made, { name: sumsName, bytes: sums }]).slice(0, -1);
  const record: OutputRecord = {
    id: randomUUID(),
    kind: 'export',
    subtype: request.options.format,
    options: { ...request.options, files },
    head: verdict.head,
    verifiedOk: verdict.ok,
    verifySummary: verifyLines(verdict).join('\n'),
    sha256: sha256Hex(sums),
    size: files.reduce((sum, f) => sum + f.size, 0),
    pages: null,
    fileName: files
      .map((f) => f.name)
      .join(', ')
      .slice(0, 500),
    generatedBy: ctx.actor.name,
    organisation: ctx.actor.organisation,
    generatedAt,
    zone: request.zone,
  };
  try {
    return { record: insertOutput(caseDb, ctx, record), dir, files };
  } catch (error) {
    for (const file of [...files, { name: sumsName }]) rmSync(join(dir, file.name), { force: true });
    throw error;
  }
}

import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EvidenceItem } from '../../../../shared/domain/evidence.ts';
import { numbered, safeFileName } from '../../../../shared/logic/fileName.ts';
import { escapeControl } from '../../../../shared/logic/text.ts';
import { CustosError, isCustosError } from '../../errors.ts';
import type { CaseDb } from '../../store/caseDb.ts';
import { sha256OfFile } from '../../store/evidenceCheck.ts';
import { blobIdOf, chunksOf, getEvidence, listCustody, listEvidence, recordCustody } from '../../store/evidence.ts';
import type { MutationContext } from '../../store/mutate.ts';

export type ExportedFile = { exhibit: string; file: string; size: number; sha256: string; md5: string | null; sha1: string | null; custody: string };
export type ExportResult = { dir: string; files: ExportedFile[]; manifestJson: string; manifestCsv: string };

/** Opens a new file without ever replacing one: name, name (2), name (3), … */
function createExclusive(dir: string, name: string): { fd: number; path: string } {
  for (let attempt = 1; attempt < 1000; attempt++) {
    const path = join(dir, numbered(name, attempt));
    try {
      return { fd: openSync(path, 'wx'), path };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new CustosError('IO_ERROR', `too many files named like ${name} in ${dir}`);
}

function writeAll(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) offset += writeSync(fd, data, offset);
}

function copyBytes(caseDb: CaseDb, item: EvidenceItem, fd: number): void {
  if (item.storage === 'embedded') {
    for (const chunk of chunksOf(caseDb, blobIdOf(caseDb, item.id)!)) writeAll(fd, chunk);
    return;
  }
  const source = openSync(item.referencePath!, 'r');
  try {
    const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
    for (;;) {
      const read = readSync(source, buffer);
      if (read === 0) break;
      writeAll(fd, buffer.subarray(0, read));
    }
  } finally {
    closeSync(source);
  }
}


/** CSV cells quoted, and cells a spreadsheet would run as a formula made inert. */
function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

function custodySummary(caseDb: CaseDb, item: EvidenceItem): string {
  const events = listCustody(caseDb, item.id);
  const last = events.at(-1);
  return `${events.length} custody events; last: ${last ? `${last.type} ${last.at}${last.receivedBy ? ` to ${last.receivedBy}` : ''}` : 'none'}`;
}

/**
 * Exports items (all with bytes when `ids` is empty) into an existing folder. Each file is written,
 * synced, read back and hash-checked; a copy that does not match is removed and the export stops
 * with the reason. Names are made safe and nothing existing is overwritten. A JSON and a CSV
 * manifest go beside the files, and each item gets an 'export' custody event.
 */
export function exportEvidence(caseDb: CaseDb, ctx: MutationContext, ids: string[], folder: string): ExportResult {
  const dir = resolve(folder);
  let stats;
  try {
    stats = statSync(dir);
  } catch {
    throw new CustosError('NOT_FOUND', `${escapeControl(dir)} does not exist; create the folder first`);
  }
  if (!stats.isDirectory()) throw new CustosError('NOT_A_FILE', `${escapeControl(dir)} is not a folder`);
  const items = (ids.length === 0 ? listEvidence(caseDb) : ids.map((id) => getEvidence(caseDb, id))).filter((item) => {
    if (item.disposed) {
      if (ids.length > 0) throw new CustosError('INVALID_INPUT', `${item.exhibit} was disposed of; its record remains but its bytes cannot be exported`);
      return false;
    }
    if (item.storage !== 'none') return true;
    if (ids.length > 0) throw new CustosError('INVALID_INPUT', `${item.exhibit} has no bytes to export (it is a ${item.kind} item)`);
    return false;
  });
  if (items.length === 0) throw new CustosError('INVALID_INPUT', 'there is no evidence with bytes to export');
  const files: ExportedFile[] = [];
  try {
    for (const item of items) {
      const { fd, path } = createExclusive(dir, safeFileName(`${item.exhibit} ${item.originalName}`));
      try {
        copyBytes(caseDb, item, fd);
        fsyncSync(fd);
      } catch (error) {
        closeSync(fd);
        rmSync(path, { force: true });
        throw new CustosError('IO_ERROR', `${item.exhibit} could not be exported (${escapeControl((error as Error).message)})`);
      }
      closeSync(fd);
      const written = sha256OfFile(path);
      if (written.sha256 !== item.sha256 || written.size !== item.size) {
        rmSync(path, { force: true });
        throw new CustosError('IO_ERROR', `${item.exhibit}: the exported copy did not match its SHA-256 when read back, so it was removed; verify the item (custos evidence verify)`);
      }
      recordCustody(caseDb, ctx, item.id, {
        id: randomUUID(),
        values: {
          type: 'export',
          at: ctx.clock().toISOString(),
          zone: 'UTC',
          releasedBy: ctx.actor.name,
          receivedBy: '',
          purpose: 'Export of a verified copy',
          fromLocation: item.storage === 'embedded' ? 'Case file' : item.referencePath!,
          toLocation: path,
          sealBefore: '',
          sealAfter: '',
          hashResult: 'match',
          details: `Copy written, read back and hash-checked: SHA-256 ${written.sha256}`,
          recordedBy: ctx.actor.name,
        },
      });
      files.push({ exhibit: item.exhibit, file: path, size: written.size, sha256: written.sha256, md5: item.md5, sha1: item.sha1, custody: custodySummary(caseDb, item) });
    }
  } catch (error) {
    // What was exported and recorded stays, with its manifest, so the hand-over is never half-described.
    if (files.length === 0) throw error;
    const written = writeManifests(caseDb, ctx, dir, files);
    const done = files.map((f) => f.exhibit).join(', ');
    throw new CustosError(
      isCustosError(error) ? error.code : 'IO_ERROR',
      `${done} ${files.length === 1 ? 'was' : 'were'} exported with a manifest (${escapeControl(written.manifestJson)}); then ${(error as Error).message}`,
    );
  }
  const written = writeManifests(caseDb, ctx, dir, files);
  return { dir, files, ...written };
}

function writeManifests(caseDb: CaseDb, ctx: MutationContext, dir: string, files: ExportedFile[]): { manifestJson: string; manifestCsv: string } {
  const manifest = { exportedAt: ctx.clock().toISOString(), exportedBy: ctx.actor, case: caseDb.path, files: files.map((f) => ({ ...f, file: f.file.slice(dir.length + 1) })) };
  const json = createExclusive(dir, 'manifest.json');
  writeAll(json.fd, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  fsyncSync(json.fd);
  closeSync(json.fd);
  const header = ['exhibit', 'file', 'size', 'sha256', 'md5', 'sha1', 'custody'];
  const rows = manifest.files.map((f) => [f.exhibit, f.file, f.size, f.sha256, f.md5, f.sha1, f.custody].map(csvCell).join(','));
  const csv = createExclusive(dir, 'manifest.csv');
  writeAll(csv.fd, Buffer.from(`${[header.join(','), ...rows].join('\r\n')}\r\n`));
  fsyncSync(csv.fd);
  closeSync(csv.fd);
  // The manifests are read back too, so what is handed over is what was written.
  JSON.parse(readFileSync(json.path, 'utf8'));
  return { manifestJson: json.path, manifestCsv: csv.path };
}


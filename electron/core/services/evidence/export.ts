import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EvidenceItem, ExportResult, ExportedFile } from '../../../../shared/domain/evidence.ts';
import { safeFileName } from '../../../../shared/logic/fileName.ts';
import { escapeControl } from '../../../../shared/logic/text.ts';
import { CustosError, fromFsError, isCustosError } from '../../errors.ts';
import type { CaseDb } from '../../store/db/caseDb.ts';
import { createExclusive, writeAll } from '../../exclusiveFile.ts';
import { openablePath, shownPath } from '../../fsPaths.ts';
import { runEvidenceJob } from '../../store/evidenceIo/evidenceJob.ts';
import { blobRowOf } from '../../store/tables/evidenceBlobs.ts';
import { getEvidence, listEvidence } from '../../store/tables/evidenceItems.ts';
import { listCustody } from '../../store/tables/custodyEvents.ts';
import { recordCustody } from '../../store/tables/evidenceWrites.ts';
import type { MutationContext } from '../../store/db/mutate.ts';
import { csvField } from '../../exports/csvFormat.ts';
import { jobItemOf } from './custody.ts';
import { caseInfo } from '../cases.ts';
import { formatHead } from '../../../../shared/domain/common.ts';
import { custodyStateOf } from '../../../../shared/logic/custodyState.ts';
import type { JobOptions } from './custody.ts';

/**
 * Where the original is now and how long its history is, for the recipient of a copy: "held by
 * Dana Whitfield since 2026-11-20 16:45 UTC; 3 custody events, the last an export on …".
 */
function custodySummary(caseDb: CaseDb, item: EvidenceItem): string {
  const events = listCustody(caseDb, item.id);
  const last = events.at(-1);
  const now = custodyStateOf(item, events);
  const count = `${events.length} custody ${events.length === 1 ? 'event' : 'events'}`;
  return `${now.text}; ${count}${last ? `, the last ${/^[aeiou]/.test(last.type) ? 'an' : 'a'} ${last.type} on ${last.at}` : ''}`;
}

/**
 * Exports items (all with bytes when `ids` is empty) into an existing folder, on a worker thread
 * with progress and cancel. Each file is written, synced, read back and hash-checked; a copy that
 * does not match is removed and the export stops with the reason. Names are made safe and nothing
 * existing is overwritten. A JSON and a CSV manifest go beside the files, and each item gets an
 * 'export' custody event as soon as its copy is checked, so a cancel or a failure keeps what was
 * done, described by its manifest.
 */
export async function exportEvidence(
  caseDb: CaseDb,
  ctx: MutationContext,
  ids: string[],
  folder: string,
  options: JobOptions = {},
): Promise<ExportResult> {
  caseDb.assertWritable();
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
      if (ids.length > 0) {
        throw new CustosError(
          'INVALID_INPUT',
          `${item.exhibit} was disposed of; its record remains but its bytes cannot be exported`,
        );
      }
      return false;
    }
    if (item.storage !== 'none') return true;
    if (ids.length > 0) {
      throw new CustosError('INVALID_INPUT', `${item.exhibit} has no bytes to export (it is a ${item.kind} item)`);
    }
    return false;
  });
  if (items.length === 0) throw new CustosError('INVALID_INPUT', 'there is no evidence with bytes to export');
  refuseUnexportable(caseDb, items);
  const byId = new Map(items.map((i) => [i.id, i]));
  const files: ExportedFile[] = [];
  let stop: CustosError | undefined;
  try {
    const { cancelled } = await runEvidenceJob(
      {
        kind: 'export',
        casePath: caseDb.path,
        dir,
        items: items.map((i) => ({
          ...jobItemOf(caseDb, i),
          fileName: safeFileName(`${i.exhibit} ${i.originalName}`),
        })),
      },
      (result) => {
        const item = byId.get(result.itemId)!;
        if (result.type === 'failed') {
          stop = result.mismatch
            ? new CustosError('IO_ERROR', `${item.exhibit}: ${result.message}`)
            : result.code && ['ENOSPC', 'EDQUOT', 'EROFS'].includes(result.code)
              ? fromFsError(
                  Object.assign(new Error(result.message), { code: result.code }),
                  `export ${item.exhibit}`,
                  dir,
                )
              : new CustosError('IO_ERROR', `${item.exhibit} could not be exported (${escapeControl(result.message)})`);
          return;
        }
        if (result.type !== 'exported') return;
        try {
          recordExport(caseDb, ctx, item, result.file, result.sha256);
        } catch (error) {
          // A copy with no custody record must not be handed over.
          rmSync(result.file, { force: true });
          throw error;
        }
        files.push({
          exhibit: item.exhibit,
          description: item.description,
          file: result.file,
          size: result.size,
          sha256: result.sha256,
          md5: item.md5,
          sha1: item.sha1,
          custody: custodySummary(caseDb, item),
        });
      },
      options.onProgress
        ? (p) => options.onProgress!({ ...p, label: items[p.index]?.exhibit ?? '', count: items.length })
        : undefined,
      options.signal,
    );
    if (cancelled) stop = new CustosError('CANCELLED', 'the export was cancelled; its unfinished copy was removed');
  } catch (error) {
    stop = isCustosError(error)
      ? error
      : new CustosError('IO_ERROR', `the export stopped (${escapeControl((error as Error).message)})`);
  }
  if (stop) {
    if (files.length === 0) {
      throw stop.code === 'CANCELLED' ? new CustosError('CANCELLED', 'Export cancelled; nothing was exported') : stop;
    }
    // What was exported and recorded stays, with its manifest, so the hand-over is never half-described.
    const written = writeManifests(caseDb, ctx, dir, files);
    const done = files.map((f) => f.exhibit).join(', ');
    throw new CustosError(
      stop.code,
      `${done} ${files.length === 1 ? 'was' : 'were'} exported with a manifest (${escapeControl(written.manifestJson)}); then ${stop.message}`,
    );
  }
  const written = writeManifests(caseDb, ctx, dir, files);
  return { dir, files, ...written };
}

/**
 * Every refusal that can be known before copying a byte, for every item: a referenced file gone,
 * no longer a file or of another size, stored bytes no longer in the case. Then nothing is
 * written; what can only fail while copying (a copy that does not read back) stops part-way.
 */
function refuseUnexportable(caseDb: CaseDb, items: EvidenceItem[]): void {
  const problems: string[] = [];
  for (const item of items) {
    if (item.storage === 'embedded') {
      if (!blobRowOf(caseDb, item.id)) problems.push(`${item.exhibit}: its stored bytes are missing from the case`);
      continue;
    }
    const shown = escapeControl(shownPath(item.referencePath ?? ''));
    let stats;
    try {
      stats = statSync(openablePath(item.referencePath ?? ''));
    } catch {
      problems.push(`${item.exhibit}: its referenced file is missing: ${shown}`);
      continue;
    }
    if (!stats.isFile()) problems.push(`${item.exhibit}: its referenced path is no longer a file: ${shown}`);
    else if (stats.size !== item.size) {
      problems.push(
        `${item.exhibit}: its referenced file changed size (${stats.size} bytes, recorded ${item.size}): ${shown}`,
      );
    }
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).join('; ') + (problems.length > 10 ? `; and ${problems.length - 10} more` : '');
    throw new CustosError(
      'NOT_FOUND',
      `Nothing was exported: ${shown}. Put the files back where they were recorded (or verify the items to record what is missing), or export the other items by name`,
    );
  }
}

function recordExport(caseDb: CaseDb, ctx: MutationContext, item: EvidenceItem, path: string, sha256: string): void {
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
      details: `Copy written, read back and hash-checked: SHA-256 ${sha256}`,
      recordedBy: ctx.actor.name,
    },
  });
}

function writeManifests(
  caseDb: CaseDb,
  ctx: MutationContext,
  dir: string,
  files: ExportedFile[],
): { manifestJson: string; manifestCsv: string } {
  try {
    return writeManifestFiles(caseDb, ctx, dir, files);
  } catch (error) {
    throw fromFsError(error, 'write the export manifest (the copies and their custody records are in place)', dir);
  }
}

function caseNamed(caseDb: CaseDb): { title: string; reference: string; auditHead: string } {
  const { record, head } = caseInfo(caseDb);
  return { title: record.title, reference: record.reference, auditHead: formatHead(head) };
}

function writeManifestFiles(
  caseDb: CaseDb,
  ctx: MutationContext,
  dir: string,
  files: ExportedFile[],
): { manifestJson: string; manifestCsv: string } {
  const named = caseNamed(caseDb);
  const manifest = {
    // Said to whoever receives the folder, who has no Custos and no case file.
    about: `Verified copies of ${files.length === 1 ? 'one exhibit' : `${files.length} exhibits`} from the case “${named.title}”${named.reference ? ` (${named.reference})` : ''}, exported by ${ctx.actor.name}, ${ctx.actor.role}, ${ctx.actor.organisation}. Each copy was written, read back and matched to the SHA-256 the case records for the exhibit; check a copy with sha256sum (or Get-FileHash on Windows) against its sha256 here. The case's audit head at export (${named.auditHead}) ties this export to the case's audit log.`,
    exportedAt: ctx.clock().toISOString(),
    /** The examiner who made the export. */
    exportedBy: ctx.actor,
    // The case as its recipient knows it, never where the case file sits on the examiner's disk.
    case: named,
    files: files.map((f) => ({ ...f, file: f.file.slice(dir.length + 1) })),
  };
  const json = createExclusive(dir, 'manifest.json');
  writeAll(json.fd, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  fsyncSync(json.fd);
  closeSync(json.fd);
  const header = ['exhibit', 'description', 'file', 'size', 'sha256', 'md5', 'sha1', 'custody'];
  const rows = manifest.files.map((f) =>
    [f.exhibit, f.description, f.file, f.size, f.sha256, f.md5, f.sha1, f.custody].map(csvField).join(','),
  );
  const csv = createExclusive(dir, 'manifest.csv');
  writeAll(csv.fd, Buffer.from(`${[header.join(','), ...rows].join('\r\n')}\r\n`));
  fsyncSync(csv.fd);
  closeSync(csv.fd);
  // The manifests are read back too, so what is handed over is what was written.
  JSON.parse(readFileSync(json.path, 'utf8'));
  return { manifestJson: json.path, manifestCsv: csv.path };
}

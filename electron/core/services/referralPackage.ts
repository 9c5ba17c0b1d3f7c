import { createHash, randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { OutputRecord, PackageWritten, ReportOptions, WrittenFile } from '../../../shared/domain/report.ts';
import { safeFileName } from '../../../shared/logic/fileName.ts';
import { escapeControl } from '../../../shared/logic/text.ts';
import { CustosError, fromFsError, isCustosError } from '../errors.ts';
import { csvFiles } from '../exports/csv.ts';
import type { ExportSelection } from '../exports/csv.ts';
import { stixFile } from '../exports/stix.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import type { MutationContext } from '../store/db/mutate.ts';
import { listCustody } from '../store/tables/custodyEvents.ts';
import { listEvidence } from '../store/tables/evidenceItems.ts';
import { recordCustody } from '../store/tables/evidenceWrites.ts';
import { insertOutput } from '../store/tables/outputs.ts';
import { caseInfo } from './cases.ts';
import { exportEvidence } from './evidence/export.ts';
import { existingFolder, sha256Hex, sumsText, writeFilesExclusive } from './exports.ts';
import { makeReport, previewReport, reportContextNow, reportRecordOf } from './reports.ts';
import type { ReportWork } from './reports.ts';

/**
 * The referral package: one new folder for the police with the referral PDF, a verified export of
 * the evidence with its manifests, the CSV and STIX exports, a short README and SHA256SUMS, which
 * `sha256sum -c SHA256SUMS` checks. The SHA-256 of SHA256SUMS is recorded in the case. Nothing is
 * written outside the new folder, an existing folder is never used, and a package that cannot be
 * finished (cancelled, disk full) is removed whole.
 */

export const REFERRAL_PDF = 'referral.pdf';

function readme(caseTitle: string, reference: string, record: OutputRecord): string {
  return [
    `Referral package: ${caseTitle}${reference ? ` (${reference})` : ''}`,
    '',
    `Made with Custos by ${record.generatedBy}, ${record.organisation}, at ${record.generatedAt} (UTC),`,
    `from the case as it stood at audit entry ${record.head.seq} (${record.head.hash}).`,
    '',
    'What is here',
    `  ${REFERRAL_PDF}          the law-enforcement referral report`,
    '  evidence/             verified copies of the evidence, with manifest.json and manifest.csv',
    '  exports/csv/          the timeline, evidence register, custody log, indicators, subjects and',
    '                        playbook steps as CSV (UTF-8, times in UTC and as entered)',
    '  exports/stix/         the indicators and observables as a STIX 2.1 bundle',
    '  SHA256SUMS            the SHA-256 of every other file in this folder',
    '',
    'How to check it',
    '  In this folder run:   sha256sum -c SHA256SUMS',
    '  Every line must end in OK. The SHA-256 of SHA256SUMS itself is recorded in the case file,',
    '  so the examiner can show that this package is the one Custos wrote.',
    '',
  ].join('\n');
}

function filesUnder(root: string, dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(root, path) : [relative(root, path).split(sep).join('/')];
  });
}

/** The referral's options: the law-enforcement report, by default with nothing left out. */
function packageOptions(given: ReportOptions | undefined): ReportOptions {
  const options: ReportOptions = given ?? {
    kind: 'law-enforcement',
    exclude: [],
    countries: [],
    checklistMode: 'done',
  };
  if (options.kind !== 'law-enforcement') {
    throw new CustosError('INVALID_INPUT', 'a referral package holds the law-enforcement referral, not another report');
  }
  return options;
}

export async function writeReferralPackage(
  caseDb: CaseDb,
  ctx: MutationContext,
  request: { dir: string; name: string; options?: ReportOptions; zone: string; generator: string },
  work: ReportWork = {},
): Promise<PackageWritten> {
  caseDb.assertWritable();
  const parent = existingFolder(request.dir);
  const name = safeFileName(request.name);
  const root = join(parent, name);
  const options = packageOptions(request.options);
  // Options the referral would refuse (an unknown section, an item no longer in the case) are
  // refused before a folder is made or an exhibit copied and recorded in custody.
  previewReport(caseDb, options, ctx.clock());
  try {
    mkdirSync(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CustosError(
        'ALREADY_EXISTS',
        `${escapeControl(root)} already exists; a package is never written over another, so choose a new name`,
      );
    }
    throw fromFsError(error, 'create the package folder', root);
  }
  try {
    return await fill(caseDb, ctx, root, name, { options, zone: request.zone, generator: request.generator }, work);
  } catch (error) {
    // Only this call made the folder, so only what this call wrote is removed.
    rmSync(root, { recursive: true, force: true });
    recordCopiesRemoved(caseDb, ctx, root);
    if (isCustosError(error) && error.code === 'CANCELLED') {
      throw new CustosError('CANCELLED', 'The package was cancelled; its folder was removed');
    }
    throw error;
  }
}

async function fill(
  caseDb: CaseDb,
  ctx: MutationContext,
  root: string,
  name: string,
  request: { options: ReportOptions; zone: string; generator: string },
  work: ReportWork,
): Promise<PackageWritten> {
  const { options } = request;
  // Evidence first: its export is recorded in custody, and the report then prints that hand-over.
  const excluded = new Set(options.exclude.filter((r) => r.startsWith('evidence:')).map((r) => r.slice(9)));
  const withBytes = listEvidence(caseDb).filter((i) => !i.disposed && i.storage !== 'none' && !excluded.has(i.id));
  if (withBytes.length > 0) {
    mkdirSync(join(root, 'evidence'));
    await exportEvidence(
      caseDb,
      ctx,
      withBytes.map((i) => i.id),
      join(root, 'evidence'),
      {
        ...(work.signal ? { signal: work.signal } : {}),
        onProgress: (p) => work.onProgress?.({ stage: `exporting ${p.label}`, done: p.bytes, total: p.total }),
      },
    );
  }
  work.onProgress?.({ stage: 'verifying the case', done: 0, total: 1 });
  const context = await reportContextNow(caseDb, ctx, request.zone, work.signal);
  const rendered = await makeReport(caseDb, options, context, work);
  work.onProgress?.({ stage: 'writing exports', done: 0, total: 1 });
  writeFilesExclusive(root, [{ name: REFERRAL_PDF, bytes: rendered.bytes }]);
  mkdirSync(join(root, 'exports', 'csv'), { recursive: true });
  mkdirSync(join(root, 'exports', 'stix'), { recursive: true });
  // The exports hand over what the referral does: the same items left out, no notes, no playbook
  // record, no privileged content, and the examiner's summary rather than the case record's.
  const selection: ExportSelection = {
    excluded: new Set(options.exclude.map((ref) => ref.slice(ref.indexOf(':') + 1))),
    referral: true,
    summary: options.summary ?? caseInfo(caseDb).record.summary,
  };
  writeFilesExclusive(join(root, 'exports', 'csv'), csvFiles(caseDb, { bom: false, selection }));
  writeFilesExclusive(join(root, 'exports', 'stix'), [
    stixFile(caseDb, { generatedAt: context.generatedAt, organisation: ctx.actor.organisation, selection }),
  ]);
  const report = reportRecordOf(options, context, rendered, `${name}/${REFERRAL_PDF}`, request.generator);
  const caseRecord = caseTitleOf(caseDb);
  writeFilesExclusive(root, [
    { name: 'README.txt', bytes: Buffer.from(readme(caseRecord.title, caseRecord.reference, report)) },
  ]);
  // SHA256SUMS covers every file the folder holds, read back from the disk as written.
  const files: WrittenFile[] = filesUnder(root, root)
    .sort()
    .map((rel) => ({ name: rel, ...hashOnDisk(join(root, rel)) }));
  const sums = Buffer.from(sumsText(files));
  writeFilesExclusive(root, [{ name: 'SHA256SUMS', bytes: sums }]);
  if (work.signal?.aborted) throw new CustosError('CANCELLED', 'cancelled');
  const sumsSha256 = sha256Hex(sums);
  const record: OutputRecord = {
    id: randomUUID(),
    kind: 'package',
    subtype: 'referral',
    options: { report: report.id, countries: options.countries, files: files.length, generator: request.generator },
    head: context.head,
    verifiedOk: context.verification.ok,
    verifySummary: context.verification.lines.join('\n'),
    sha256: sumsSha256,
    size: files.reduce((sum, f) => sum + f.size, 0) + sums.byteLength,
    pages: null,
    fileName: name,
    generatedBy: ctx.actor.name,
    organisation: ctx.actor.organisation,
    generatedAt: context.generatedAt,
    zone: request.zone,
  };
  // The referral and its package are recorded together, or neither is.
  const stored = caseDb.transaction(() => {
    insertOutput(caseDb, ctx, report);
    return insertOutput(caseDb, ctx, record);
  });
  return { record: stored, dir: root, files, sumsSha256 };
}

/** SHA-256 and size of a file as it lies on the disk, read in 1 MiB pieces (evidence copies can be large). */
function hashOnDisk(path: string): { sha256: string; size: number } {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(1024 * 1024);
    let size = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      size += read;
    }
    return { sha256: hash.digest('hex'), size };
  } catch (error) {
    throw fromFsError(error, 'read back the package', path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function caseTitleOf(caseDb: CaseDb): { title: string; reference: string } {
  const record = caseInfo(caseDb).record;
  return { title: record.title, reference: record.reference };
}

/**
 * Evidence copied into a package that was then cancelled or failed: each copy's export is already
 * in the chain of custody, and stays there (it happened). What happened next is recorded beside
 * it, so the custody history never shows a copy in a package that no longer exists.
 */
function recordCopiesRemoved(caseDb: CaseDb, ctx: MutationContext, root: string): void {
  const inside = (path: string) => path === root || path.startsWith(`${root}${sep}`);
  for (const item of listEvidence(caseDb)) {
    for (const event of listCustody(caseDb, item.id)) {
      if (event.type !== 'export' || !inside(event.toLocation) || event.purpose === COPY_REMOVED) continue;
      try {
        recordCustody(caseDb, ctx, item.id, {
          id: randomUUID(),
          values: {
            type: 'export',
            at: ctx.clock().toISOString(),
            zone: 'UTC',
            releasedBy: ctx.actor.name,
            receivedBy: '',
            purpose: COPY_REMOVED,
            fromLocation: event.toLocation,
            toLocation: '',
            sealBefore: '',
            sealAfter: '',
            hashResult: '',
            details: `The referral package was not finished (cancelled or failed), so its folder was removed with the copy made at ${event.at}; the copy never left this computer`,
            recordedBy: ctx.actor.name,
          },
        });
      } catch {
        // The case refuses writes (disk full): the original failure is what the examiner must see.
        return;
      }
    }
  }
}

const COPY_REMOVED = 'Copy removed: referral package not finished';

import { existsSync, mkdirSync, readdirSync, rmdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatHead } from '../../../../shared/domain/common.ts';
import type { EvidenceItem } from '../../../../shared/domain/evidence.ts';
import { exactBytes, formatBytes } from '../../../../shared/logic/units.ts';
import { shownPath } from '../../fsPaths.ts';
import {
  DisposalDraft,
  FileEvidenceDraft,
  LinkTargetType,
  PhysicalEvidenceDraft,
  TextEvidenceDraft,
} from '../../../../shared/domain/evidence.ts';
import { caseInfo } from '../../services/cases.ts';
import { addFilesEvidence, referencedBecause } from '../../services/evidence/addFile.ts';
import { addPhysicalEvidence, addTextEvidence } from '../../services/evidence/addOther.ts';
import { verifyEvidenceItemsOffThread } from '../../services/evidence/custody.ts';
import { exportEvidence } from '../../services/evidence/export.ts';
import { disposeEvidence } from '../../services/evidence/hold.ts';
import { linkEvidence, unlinkEvidence } from '../../services/evidence/links.ts';
import { custodyNow, evidenceDetail, listEvidence } from '../../services/evidence/register.ts';
import { custodyStateOf } from '../../../../shared/logic/custodyState.ts';
import { CustosError } from '../../errors.ts';
import { UsageError, checked, option, parseCommand, quoted } from '../args.ts';
import type { Values } from '../args.ts';
import type { Runners } from '../command.ts';
import type { Cli } from '../context.ts';
import { EXIT, withCase, changeCase } from '../context.ts';
import { formatEvidenceDetail, formatEvidenceLine, safe } from '../format.ts';
import { fileProgressPrinter, jobProgressPrinter, withCancel } from '../progress.ts';

/** Who, when, where from and on what authority: asked of every kind of evidence. */
const ACQUISITION_OPTIONS = {
  description: { type: 'string' },
  source: { type: 'string' },
  custodian: { type: 'string' },
  'acquired-by': { type: 'string' },
  witness: { type: 'string' },
  'acquired-at': { type: 'string' },
  'acquired-zone': { type: 'string' },
  'legal-basis': { type: 'string' },
  'storage-location': { type: 'string' },
  notes: { type: 'string' },
  method: { type: 'string' },
} as const;

const ACQUISITION_FLAGS = {
  description: '--description',
  source: '--source',
  custodian: '--custodian',
  acquiredBy: '--acquired-by',
  witness: '--witness',
  acquiredAt: '--acquired-at',
  acquiredZone: '--acquired-zone',
  legalBasis: '--legal-basis',
  storageLocation: '--storage-location',
  notes: '--notes',
  method: '--method',
};

function acquisition(values: Values) {
  return Object.fromEntries(
    Object.entries(ACQUISITION_FLAGS)
      .map(([field, flag]) => [field, option(values, flag.slice(2))] as const)
      .filter(([, value]) => value !== undefined),
  );
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
  tib: 1024 ** 4,
};

/** A size such as 500M, 4G or 1048576 (units are powers of 1024), or the examiner's setting. */
function storeLimitOf(cli: Cli, value: string | undefined): number {
  if (value === undefined) return cli.appData().storeLimit();
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  const bytes = match && unit ? Math.floor(Number(match[1]) * unit) : Number.NaN;
  if (!Number.isFinite(bytes) || bytes < 1 || bytes > 2 ** 50) {
    throw new UsageError(`--store-limit must be a size such as 500M, 4G or 1048576, not ${quoted(value)}`);
  }
  return bytes;
}

function toolHashOf(value: string | undefined): { toolHash: string; toolHashAlgorithm: string } {
  if (value === undefined) return { toolHash: '', toolHashAlgorithm: '' };
  const match = /^(md5|sha1|sha256):([0-9a-fA-F]+)$/.exec(value.trim());
  if (!match) throw new UsageError('--tool-hash must be ALGORITHM:HEX, e.g. sha256:9f86d0… (md5, sha1 or sha256)');
  return { toolHashAlgorithm: match[1]!, toolHash: match[2]! };
}

/**
 * `--description` once is every file's; given once per file, each file's own, in the order of the
 * files. Any other count is a mistake that would put a description on the wrong exhibit.
 */
function descriptionsOf(values: Values, files: number): { shared?: string; each?: string[] } {
  const given = values.description as unknown as string[] | undefined;
  if (!given || given.length === 0) return {};
  if (given.length === 1) return { shared: given[0]! };
  if (given.length !== files) {
    throw new UsageError(
      `${given.length} --description options for ${files} ${files === 1 ? 'file' : 'files'}: give one for all the files, or one per file in the order of the files`,
    );
  }
  return { each: given };
}

const HASH_NAMES: Record<string, string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' };

/** What was added, as the examiner checks it against their notes: the hashes, and where the bytes are and why. */
function addedLines(item: EvidenceItem, referencedBecause: string | undefined): string {
  const size = item.size === null ? '' : `  ${formatBytes(item.size)} (${exactBytes(item.size)})`;
  const where = item.storage === 'reference' ? 'referenced in place' : 'stored in the case';
  const lines = [`${item.exhibit}  ${safe(item.originalName)}${size}  ${where}`];
  if (item.description) lines.push(`  Description  ${safe(item.description)}`);
  lines.push(`  SHA-256      ${item.sha256 ?? '—'}`);
  if (item.md5) lines.push(`  MD5          ${item.md5}`);
  if (item.sha1) lines.push(`  SHA-1        ${item.sha1}`);
  if (item.toolHash) {
    const name = HASH_NAMES[item.toolHashAlgorithm] ?? item.toolHashAlgorithm;
    lines.push(
      `  Tool hash    ${name} ${item.toolHash}: ${item.toolHashMatch ? 'matches what Custos computed' : 'DOES NOT MATCH what Custos computed (the item is flagged)'}`,
    );
  }
  if (item.storage === 'reference') {
    lines.push(
      `  Referenced   at ${safe(shownPath(item.referencePath ?? ''))}: ${referencedBecause ?? 'referenced in place'}`,
    );
  }
  return lines.join('\n');
}

/** The audit head after a write, for the person to write down. */
const headLine = (cli: Cli, head: { seq: number; hash: string }) => cli.io.out(`Audit head: ${formatHead(head)}`);

/**
 * The export folder: used if it exists; created (only its last part, asking no one) if it does
 * not but the folder it goes in does, so a typing mistake further up is not silently made real.
 */
function exportFolder(dir: string): { path: string; made: boolean } {
  const target = resolve(dir);
  if (existsSync(target)) return { path: target, made: false };
  if (!existsSync(dirname(target))) {
    throw new CustosError(
      'NOT_FOUND',
      `${safe(dirname(target))} does not exist, so the export folder ${safe(target)} was not made; check the path or create it first`,
    );
  }
  mkdirSync(target);
  return { path: target, made: true };
}

export const evidenceCommands = {
  'evidence add'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: {
        ...ACQUISITION_OPTIONS,
        // Once for every file, or once per file in the order of the files.
        description: { type: 'string', multiple: true },
        'by-reference': { type: 'boolean' },
        md5: { type: 'boolean' },
        sha1: { type: 'boolean' },
        link: { type: 'boolean' },
        tool: { type: 'string' },
        'tool-version': { type: 'string' },
        'tool-hash': { type: 'string' },
        'derived-from': { type: 'string' },
        'store-limit': { type: 'string' },
      },
      min: 1,
      max: 500,
      names: 'at least one PATH to add',
    });
    const storeLimit = storeLimitOf(cli, option(values, 'store-limit'));
    const described = descriptionsOf(values, rest.length);
    const draft = checked(
      FileEvidenceDraft,
      {
        ...acquisition(values),
        ...(described.shared !== undefined ? { description: described.shared } : {}),
        ...(option(values, 'tool') !== undefined ? { tool: option(values, 'tool') } : {}),
        ...(option(values, 'tool-version') !== undefined ? { toolVersion: option(values, 'tool-version') } : {}),
        md5: values.md5 === true,
        sha1: values.sha1 === true,
        ...(values['by-reference'] ? { byReference: true } : {}),
        onDuplicate: values.link ? 'link' : 'refuse',
        ...(option(values, 'derived-from') !== undefined ? { derivedFrom: option(values, 'derived-from') } : {}),
        ...toolHashOf(option(values, 'tool-hash')),
      },
      { ...ACQUISITION_FLAGS, tool: '--tool', toolVersion: '--tool-version', derivedFrom: '--derived-from' },
    );
    const ctx = cli.context(values);
    return withCancel((signal) =>
      withCase(cli, file, 'write', async (caseDb) => {
        const { added, notAdded } = await addFilesEvidence(caseDb, ctx, rest, draft, {
          ...(described.each ? { descriptions: described.each } : {}),
          appVersion: cli.version(),
          storeLimit,
          signal,
          onProgress: fileProgressPrinter(cli.io, cli.env.interactive),
        });
        const because = (item: EvidenceItem) =>
          item.storage === 'reference' ? referencedBecause(item.size ?? 0, draft.byReference, storeLimit) : undefined;
        for (const item of added) {
          if (!values.json) cli.io.out(addedLines(item, because(item)));
          if (item.toolHashMatch === false) {
            cli.io.err(
              `custos: integrity failure: ${item.exhibit}: the ${HASH_NAMES[item.toolHashAlgorithm] ?? item.toolHashAlgorithm} the acquisition tool reported does not match the file's (the item is logged and flagged)`,
            );
          }
        }
        // Files that could only fail while being read: named, each on its own line; the others are in.
        for (const failure of notAdded) {
          cli.io.err(`custos: not added: ${safe(failure.reason)}; ${safe(failure.fix)}`);
        }
        const head = caseInfo(caseDb).head;
        if (values.json) {
          const items = added.map((item) => ({
            ...item,
            ...(because(item) ? { referencedBecause: because(item) } : {}),
          }));
          cli.io.out(JSON.stringify({ items, notAdded, head }, null, 2));
        } else headLine(cli, head);
        if (notAdded.length > 0) return EXIT.usage;
        return added.some((item) => item.toolHashMatch === false) ? EXIT.integrity : EXIT.ok;
      }),
    );
  },
  'evidence add-physical'(args, cli) {
    const { values, file } = parseCommand(args, {
      options: {
        ...ACQUISITION_OPTIONS,
        make: { type: 'string' },
        model: { type: 'string' },
        serial: { type: 'string' },
        'asset-tag': { type: 'string' },
        condition: { type: 'string' },
        seal: { type: 'string' },
      },
    });
    const extra = {
      make: 'make',
      model: 'model',
      serialNumber: 'serial',
      assetTag: 'asset-tag',
      condition: 'condition',
      sealNumber: 'seal',
    };
    const draft = checked(
      PhysicalEvidenceDraft,
      {
        description: '',
        ...acquisition(values),
        ...Object.fromEntries(
          Object.entries(extra)
            .map(([field, flag]) => [field, option(values, flag)] as const)
            .filter(([, v]) => v !== undefined),
        ),
      },
      { ...ACQUISITION_FLAGS, ...Object.fromEntries(Object.entries(extra).map(([f, flag]) => [f, `--${flag}`])) },
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const item = addPhysicalEvidence(caseDb, ctx, draft);
      return { json: { item }, text: formatEvidenceLine(item) };
    });
  },
  'evidence add-text'(args, cli) {
    const { values, file } = parseCommand(args, { options: { ...ACQUISITION_OPTIONS, text: { type: 'string' } } });
    const draft = checked(
      TextEvidenceDraft,
      { description: '', method: '', capturedText: option(values, 'text') ?? '', ...acquisition(values) },
      { ...ACQUISITION_FLAGS, capturedText: '--text' },
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const item = addTextEvidence(caseDb, ctx, draft);
      return { json: { item }, text: formatEvidenceLine(item) };
    });
  },
  'evidence list'(args, cli) {
    const { values, file } = parseCommand(args);
    return withCase(cli, file, 'read', (caseDb) => {
      const items = listEvidence(caseDb);
      const custody = custodyNow(caseDb, items);
      if (values.json) {
        cli.io.out(
          JSON.stringify(
            items.map((i) => ({ ...i, custody: custody.get(i.id) })),
            null,
            2,
          ),
        );
      } else if (items.length === 0) cli.io.out('No evidence in this case yet (custos evidence add FILE PATH…)');
      else for (const item of items) cli.io.out(formatEvidenceLine(item, custody.get(item.id)!.text));
      return EXIT.ok;
    });
  },
  'evidence show'(args, cli) {
    const { values, file, rest } = parseCommand(args, { min: 1, names: 'the item (id or exhibit number)' });
    return withCase(cli, file, 'read', (caseDb) => {
      const detail = evidenceDetail(caseDb, rest[0]!);
      const now = custodyStateOf(detail.item, detail.custody);
      cli.io.out(
        values.json ? JSON.stringify({ ...detail, custodyNow: now }, null, 2) : formatEvidenceDetail(detail, now.text),
      );
      return EXIT.ok;
    });
  },
  'evidence verify'(args, cli) {
    const { values, file, rest } = parseCommand(args, { max: 100_000 });
    const ctx = cli.context(values);
    return withCancel((signal) =>
      withCase(cli, file, 'write', async (caseDb) => {
        const outcomes = await verifyEvidenceItemsOffThread(caseDb, ctx, rest, {
          signal,
          onProgress: jobProgressPrinter(cli.io, cli.env.interactive, 'verifying'),
        });
        const bad = outcomes.filter((o) => o.check.result === 'mismatch' || o.check.result === 'missing');
        if (values.json) {
          cli.io.out(
            JSON.stringify(
              {
                ok: bad.length === 0,
                items: outcomes.map((o) => ({
                  exhibit: o.item.exhibit,
                  id: o.item.id,
                  result: o.check.result,
                  detail: o.check.detail,
                  flagged: o.item.flagged,
                })),
                head: caseInfo(caseDb).head,
              },
              null,
              2,
            ),
          );
        } else {
          for (const o of outcomes) {
            cli.io.out(`${o.item.exhibit}  ${o.check.result.toUpperCase().padEnd(8)}  ${safe(o.check.detail)}`);
          }
        }
        for (const o of bad) cli.io.err(`custos: integrity failure: ${o.item.exhibit}: ${safe(o.check.detail)}`);
        return bad.length === 0 ? EXIT.ok : EXIT.integrity;
      }),
    );
  },
  'evidence export'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: { all: { type: 'boolean' } },
      min: 1,
      max: 100_001,
      names: 'the items to export (E-0001 …) or --all, then the folder',
    });
    const ids = rest.slice(0, -1);
    if (values.all && ids.length > 0) throw new UsageError('give either --all or item ids, not both');
    if (!values.all && ids.length === 0) {
      throw new UsageError('name the items to export (E-0001 …) or give --all, then the folder');
    }
    const ctx = cli.context(values);
    return withCancel((signal) =>
      withCase(cli, file, 'write', async (caseDb) => {
        const folder = exportFolder(rest.at(-1)!);
        let result;
        try {
          result = await exportEvidence(caseDb, ctx, ids, folder.path, {
            signal,
            onProgress: jobProgressPrinter(cli.io, cli.env.interactive, 'exporting'),
          });
        } catch (error) {
          // A folder made for an export that wrote nothing goes again; one holding a partial
          // export (with its manifest) stays.
          if (folder.made && readdirSync(folder.path).length === 0) rmdirSync(folder.path);
          throw error;
        }
        if (values.json) cli.io.out(JSON.stringify(result, null, 2));
        else {
          for (const f of result.files) {
            cli.io.out(`${f.exhibit}  ${safe(f.file)}  SHA-256 ${f.sha256} (read back and matched)`);
          }
          cli.io.out(`Manifest: ${safe(result.manifestJson)}, ${safe(result.manifestCsv)}`);
        }
        return EXIT.ok;
      }),
    );
  },
  'evidence dispose'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: { method: { type: 'string' }, reason: { type: 'string' }, 'authorised-by': { type: 'string' } },
      min: 1,
      names: 'the item (id or exhibit number)',
    });
    const draft = checked(
      DisposalDraft,
      {
        method: option(values, 'method') ?? '',
        reason: option(values, 'reason') ?? '',
        authorisedBy: option(values, 'authorised-by') ?? '',
      },
      { method: '--method', reason: '--reason', authorisedBy: '--authorised-by' },
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const { bytesRemoved } = disposeEvidence(caseDb, ctx, rest[0]!, draft);
      return {
        json: { bytesRemoved },
        text: bytesRemoved
          ? 'Disposal recorded; the stored bytes were removed, the record and hashes remain'
          : 'Disposal recorded; the record remains',
      };
    });
  },
  'evidence link'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: {
        'to-event': { type: 'string' },
        'to-note': { type: 'string' },
        'to-item': { type: 'string' },
        relation: { type: 'string' },
      },
      min: 1,
      names: 'the item (id or exhibit number)',
    });
    const targets = (
      [
        ['timeline_event', option(values, 'to-event')],
        ['note', option(values, 'to-note')],
        ['evidence_item', option(values, 'to-item')],
      ] as const
    ).filter(([, id]) => id !== undefined);
    if (targets.length !== 1) throw new UsageError('give exactly one of --to-event, --to-note or --to-item');
    const [type, targetId] = targets[0]!;
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const link = linkEvidence(caseDb, ctx, rest[0]!, {
        type: LinkTargetType.parse(type),
        id: targetId!,
        relation: option(values, 'relation')?.trim() ?? '',
      });
      return { json: { link }, text: `Linked (link ${link.id}, ${safe(link.relation)})` };
    });
  },
  'evidence unlink'(args, cli) {
    const { values, file, rest } = parseCommand(args, { min: 1, names: 'the LINK_ID' });
    return changeCase(cli, values, file, (caseDb, ctx) => {
      unlinkEvidence(caseDb, ctx, rest[0]!);
      return { json: { removed: rest[0] }, text: `Link ${safe(rest[0]!)} removed (the audit log keeps it)` };
    });
  },
} satisfies Runners;

import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { basename, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { CaseDraft } from '../../../shared/domain/case.ts';
import { TimelineDraft } from '../../../shared/domain/timeline.ts';
import { Actor, formatHead, parseHead } from '../../../shared/domain/common.ts';
import type { Head } from '../../../shared/domain/common.ts';
import { asCustosError } from '../failures.ts';
import { isWellFormed, oneLine } from '../../../shared/logic/text.ts';
import { defaultDataDir, openAppData, resolveDataDir } from '../appData.ts';
import { openCaseDb, openCaseDbReadOnly } from '../store/db/caseDb.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import { countAudit, listAudit } from '../store/tables/auditLog.ts';
import { countTimeline } from '../store/tables/timelineEvents.ts';
import { listNotes } from '../store/tables/notes.ts';
import { verifyCaseFile } from '../services/verification.ts';
import { addTimelineEvent } from '../services/timeline.ts';
import { caseInfo, createCase } from '../services/cases.ts';
import { describeZodError } from '../../../shared/logic/zodError.ts';
import { formatAuditEntry, formatEvidenceLine, formatInfo, formatVerify, safe } from './format.ts';
import { CustodyTransferDraft, FileEvidenceDraft } from '../../../shared/domain/evidence.ts';
import { addFilesEvidence } from '../services/evidence/addFile.ts';
import { transferCustody, verifyEvidenceItemsOffThread } from '../services/evidence/custody.ts';
import { exportEvidence } from '../services/evidence/export.ts';
import { getEvidence, listEvidence } from '../store/tables/evidenceItems.ts';

export type CliIo = { out: (text: string) => void; err: (text: string) => void };

/** 0 success or intact; 1 integrity failure; 2 usage error or unreadable file. */
export const EXIT = { ok: 0, integrity: 1, usage: 2 } as const;

const USAGE = `Usage: custos <command> [options]

  custos new FILE --title T [--type infiltration|extortion|both|other] [--reference R]
  custos info FILE [--json]
  custos timeline add FILE --at ISO --title T [--zone Z] [--description D] [--source S] [--category C]
  custos audit FILE [--json]
  custos verify FILE [--json] [--expect-head SEQ:HASH]
  custos evidence add FILE PATH… [--by-reference] [--md5] [--sha1] [--description D] [--source S]
                    [--custodian C] [--legal-basis B] [--tool-hash ALGORITHM:HEX] [--link]
                    [--derived-from E-0001] [--store-limit SIZE]
  custos evidence list FILE [--json]
  custos evidence verify FILE [ID…] [--json]
  custos evidence export FILE ID…|--all DIR
  custos custody transfer|return FILE ID --from A --to B --purpose P [--seal-before S] [--seal-after S]
                    [--from-location L] [--to-location L] [--check-hash]

Files larger than the store limit are referenced in place instead of copied into the case: the
limit set in Custos (2 GiB unless changed), or --store-limit SIZE (e.g. 500M, 4G, 1048576).

Writing commands record the examiner from the Custos profile, or from --as "Name, Role, Organisation".
Exit codes: 0 success or intact, 1 integrity failure, 2 usage error or unreadable file.`;

class UsageError extends Error {}

const TYPE_ALIASES: Record<string, string> = { both: 'infiltration_and_extortion' };

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Like parse(), for commands taking FILE and then at least `min` more arguments. */
function parseMany(args: string[], options: ParseArgsConfig['options'], min: number) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, as: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(safe((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '')));
  }
  if (parsed.positionals.length < 1) throw new UsageError('a case FILE is required');
  if (parsed.positionals.length < 1 + min) {
    throw new UsageError(
      min === 1 ? 'give at least one more argument after FILE' : `give at least ${min} more arguments after FILE`,
    );
  }
  const [file, ...rest] = parsed.positionals;
  return { values: parsed.values as Record<string, string | boolean | undefined>, file: resolve(file!), rest };
}

function parse(args: string[], options: ParseArgsConfig['options'], positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...options, as: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(safe((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '')));
  }
  if (parsed.positionals.length !== positionals) {
    throw new UsageError(
      parsed.positionals.length < positionals
        ? 'a case FILE is required'
        : `unexpected argument "${safe(parsed.positionals[positionals]!)}"`,
    );
  }
  return {
    values: parsed.values as Record<string, string | boolean | undefined>,
    file: resolve(parsed.positionals[0] ?? ''),
  };
}

function actorFrom(as: string | boolean | undefined) {
  if (typeof as === 'string') {
    const [name, role, ...org] = as.split(',').map((p) => p.trim());
    const parsed = Actor.safeParse({ name, role, organisation: org.join(', ') });
    if (!parsed.success) {
      throw new UsageError(`--as must be "Name, Role, Organisation" (${describeZodError(parsed.error)})`);
    }
    return parsed.data;
  }
  const profile = openAppData(resolveDataDir(defaultDataDir())).profile();
  if (!profile) {
    throw new UsageError('no examiner profile is set up; start Custos once, or pass --as "Name, Role, Organisation"');
  }
  return { name: profile.name, role: profile.role, organisation: profile.organisation };
}

function withCase<T>(file: string, write: boolean, io: CliIo, fn: (caseDb: CaseDb) => T): T {
  const caseDb = write ? openCaseDb(file) : openCaseDbReadOnly(file);
  try {
    // How the case was read, when that matters (a -wal's commits included, say).
    for (const note of caseDb.notes) io.err(`custos: note: ${safe(note)}`);
    return fn(caseDb);
  } finally {
    caseDb.close();
  }
}

const ctxFor = (as: string | boolean | undefined) => ({ actor: actorFrom(as), clock: () => new Date() });

async function run(argv: string[], io: CliIo): Promise<number> {
  const illFormed = argv.findIndex((arg) => !isWellFormed(arg));
  if (illFormed >= 0) {
    throw new UsageError(
      `argument ${illFormed + 1} is not well-formed text (it holds a lone UTF-16 surrogate); type it again`,
    );
  }
  const [command, ...rest] = argv;
  if (!command) {
    io.err(`custos: a command is required\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    io.out(version());
    return EXIT.ok;
  }
  switch (command) {
    case 'new': {
      const { values, file } = parse(
        rest,
        { title: { type: 'string' }, type: { type: 'string' }, reference: { type: 'string' } },
        1,
      );
      const type = typeof values.type === 'string' ? (TYPE_ALIASES[values.type] ?? values.type) : undefined;
      const draft = CaseDraft.safeParse({ title: values.title ?? '', reference: values.reference, caseType: type });
      if (!draft.success) throw new UsageError(describeZodError(draft.error).replace('caseType: case type', '--type'));
      const caseDb = createCase(file, draft.data, ctxFor(values.as));
      const info = caseInfo(caseDb);
      caseDb.close();
      io.out(
        values.json
          ? JSON.stringify({ path: info.path, id: info.record.id, head: info.head })
          : `Created ${safe(info.path)}\nAudit head: ${formatHead(info.head)}`,
      );
      return EXIT.ok;
    }
    case 'info': {
      const { values, file } = parse(rest, {}, 1);
      return withCase(file, false, io, (caseDb) => {
        const info = caseInfo(caseDb);
        const counts = { timeline: countTimeline(caseDb), notes: listNotes(caseDb).length, audit: countAudit(caseDb) };
        io.out(
          values.json
            ? JSON.stringify({ path: info.path, case: info.record, counts, head: info.head }, null, 2)
            : formatInfo(info, counts),
        );
        return EXIT.ok;
      });
    }
    case 'timeline': {
      const [sub, ...args] = rest;
      if (sub !== 'add') {
        throw new UsageError(
          sub
            ? `unknown timeline command "${safe(sub)}" (try: custos timeline add)`
            : 'a timeline command is required (try: custos timeline add FILE --at ISO --title T)',
        );
      }
      const { values, file } = parse(
        args,
        {
          at: { type: 'string' },
          title: { type: 'string' },
          zone: { type: 'string' },
          description: { type: 'string' },
          source: { type: 'string' },
          category: { type: 'string' },
        },
        1,
      );
      const draft = TimelineDraft.safeParse({
        at: values.at ?? '',
        zone: values.zone,
        title: values.title ?? '',
        description: values.description,
        source: values.source,
        category: values.category,
      });
      if (!draft.success) {
        throw new UsageError(
          describeZodError(draft.error)
            .replace(/^at: Time/, '--at')
            .replace(/^title: Title/, '--title'),
        );
      }
      const ctx = ctxFor(values.as);
      return withCase(file, true, io, (caseDb) => {
        const event = addTimelineEvent(caseDb, ctx, draft.data);
        const info = caseInfo(caseDb);
        io.out(
          values.json
            ? JSON.stringify({ event, head: info.head })
            : `Added ${event.id} at ${event.occurredAt} (${event.zone})\nAudit head: ${formatHead(info.head)}`,
        );
        return EXIT.ok;
      });
    }
    case 'audit': {
      const { values, file } = parse(rest, {}, 1);
      return withCase(file, false, io, (caseDb) => {
        const entries = listAudit(caseDb, 0, Number.MAX_SAFE_INTEGER, 'asc');
        io.out(values.json ? JSON.stringify(entries, null, 2) : entries.map(formatAuditEntry).join('\n'));
        const damaged = entries.filter((e) => e.damaged).map((e) => e.seq);
        if (damaged.length > 0) {
          io.err(
            `custos: warning: ${damaged.length === 1 ? `entry ${damaged[0]} holds` : `entries ${damaged.join(', ')} hold`} change data that cannot be read; the others are listed. Run custos verify ${safe(file)} for the full report`,
          );
        }
        return EXIT.ok;
      });
    }
    case 'verify': {
      const { values, file } = parse(rest, { 'expect-head': { type: 'string' } }, 1);
      let expectHead: Head | undefined;
      if (values['expect-head'] !== undefined) {
        expectHead = parseHead(String(values['expect-head']));
        if (!expectHead || expectHead.seq < 1) {
          throw new UsageError('--expect-head must be SEQ:HASH with SEQ 1 or more, e.g. 42:<64 hex digits>');
        }
      }
      // Check 3 re-hashes every evidence byte: progress on a terminal, and Ctrl-C stops it.
      const printer = jobProgressPrinter(io, Boolean(process.stderr.isTTY), 'verifying');
      const report = await withCancel((signal) =>
        verifyCaseFile(file, {
          ...(expectHead ? { expectHead } : {}),
          signal,
          onProgress: (p) => printer({ label: 'evidence bytes', index: 0, count: 1, ...p }),
        }),
      );
      const failed = report.checks.find((c) => c.status === 'fail');
      io.out(
        values.json
          ? JSON.stringify(
              {
                path: file,
                ...report,
                failed: failed
                  ? { check: failed.id, message: failed.message, location: failed.location ?? null }
                  : null,
              },
              null,
              2,
            )
          : formatVerify(report, file),
      );
      if (failed) io.err(`custos: integrity failure: ${safe(failed.message)}`);
      else if (!report.ok) io.err(`custos: integrity failure: ${safe(report.notes?.at(-1) ?? 'see the notes above')}`);
      return report.ok ? EXIT.ok : EXIT.integrity;
    }
    case 'evidence':
      return runEvidence(rest, io);
    case 'custody':
      return runCustody(rest, io);
    default:
      throw new UsageError(`unknown command "${safe(command)}"; run custos help`);
  }
}

function progressPrinter(io: CliIo, enabled: boolean) {
  let last = 0;
  return (p: { file: string; bytes: number; total: number }) => {
    const now = Date.now();
    if (!enabled || now - last < 1000) return;
    last = now;
    const pct = p.total > 0 ? Math.floor((p.bytes / p.total) * 100) : 100;
    io.err(
      `  ${safe(basename(p.file))}: ${pct}% (${(p.bytes / 1048576).toFixed(0)} of ${(p.total / 1048576).toFixed(0)} MB)`,
    );
  };
}

/** Progress of a verification or export on stderr, once a second, when stderr is a terminal. */
function jobProgressPrinter(io: CliIo, enabled: boolean, doing: string) {
  let last = 0;
  return (p: { label: string; index: number; count: number; bytes: number; total: number }) => {
    const now = Date.now();
    if (!enabled || now - last < 1000) return;
    last = now;
    const pct = p.total > 0 ? Math.floor((p.bytes / p.total) * 100) : 100;
    io.err(`  ${doing} ${p.label} (${p.index + 1} of ${p.count}): ${pct}% of ${(p.total / 1048576).toFixed(0)} MB`);
  };
}

/** Ctrl-C cancels the running work (which then says what it kept) instead of killing the process. */
async function withCancel<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
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
function parseStoreLimit(value: string | boolean | undefined): number {
  if (typeof value !== 'string') return openAppData(resolveDataDir(defaultDataDir())).storeLimit();
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  const bytes = match && unit ? Math.floor(Number(match[1]) * unit) : Number.NaN;
  if (!Number.isFinite(bytes) || bytes < 1 || bytes > 2 ** 50) {
    throw new UsageError(`--store-limit must be a size such as 500M, 4G or 1048576, not "${safe(value)}"`);
  }
  return bytes;
}

function parseToolHash(value: string | boolean | undefined): { toolHash: string; toolHashAlgorithm: string } {
  if (typeof value !== 'string') return { toolHash: '', toolHashAlgorithm: '' };
  const match = /^(md5|sha1|sha256):([0-9a-fA-F]+)$/.exec(value.trim());
  if (!match) throw new UsageError('--tool-hash must be ALGORITHM:HEX, e.g. sha256:9f86d0… (md5, sha1 or sha256)');
  return { toolHashAlgorithm: match[1]!, toolHash: match[2]! };
}

async function runEvidence(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...args] = argv;
  switch (sub) {
    case 'add': {
      const { values, file, rest } = parseMany(
        args,
        {
          'by-reference': { type: 'boolean' },
          md5: { type: 'boolean' },
          sha1: { type: 'boolean' },
          link: { type: 'boolean' },
          description: { type: 'string' },
          source: { type: 'string' },
          custodian: { type: 'string' },
          'legal-basis': { type: 'string' },
          'tool-hash': { type: 'string' },
          'derived-from': { type: 'string' },
          'store-limit': { type: 'string' },
        },
        1,
      );
      const storeLimit = parseStoreLimit(values['store-limit']);
      const draft = FileEvidenceDraft.safeParse({
        description: values.description,
        source: values.source,
        custodian: values.custodian,
        legalBasis: values['legal-basis'],
        md5: values.md5 === true,
        sha1: values.sha1 === true,
        ...(values['by-reference'] ? { byReference: true } : {}),
        onDuplicate: values.link ? 'link' : 'refuse',
        ...(typeof values['derived-from'] === 'string' ? { derivedFrom: values['derived-from'] } : {}),
        ...parseToolHash(values['tool-hash']),
      });
      if (!draft.success) throw new UsageError(describeZodError(draft.error));
      const ctx = ctxFor(values.as);
      return withCancel((signal) =>
        withCaseAsync(file, async (caseDb) => {
          const { added, notAdded } = await addFilesEvidence(caseDb, ctx, rest, draft.data, {
            appVersion: version(),
            storeLimit,
            signal,
            onProgress: progressPrinter(io, Boolean(process.stderr.isTTY)),
          });
          for (const item of added) {
            if (!values.json) {
              io.out(
                `${item.exhibit}  ${safe(item.originalName)}  ${item.size} bytes  ${item.storage}  SHA-256 ${item.sha256}`,
              );
            }
            if (item.toolHashMatch === false) {
              io.err(
                `custos: integrity failure: ${item.exhibit}: the ${item.toolHashAlgorithm.toUpperCase()} the acquisition tool reported does not match the file's (the item is logged and flagged)`,
              );
            }
          }
          // Files that could only fail while being read: named, each on its own line; the others are in.
          for (const failure of notAdded) io.err(`custos: not added: ${safe(failure.reason)}; ${safe(failure.fix)}`);
          const head = caseInfo(caseDb).head;
          io.out(
            values.json ? JSON.stringify({ items: added, notAdded, head }, null, 2) : `Audit head: ${formatHead(head)}`,
          );
          if (notAdded.length > 0) return EXIT.usage;
          return added.some((item) => item.toolHashMatch === false) ? EXIT.integrity : EXIT.ok;
        }),
      );
    }
    case 'list': {
      const { values, file } = parse(args, {}, 1);
      return withCase(file, false, io, (caseDb) => {
        const items = listEvidence(caseDb);
        if (values.json) io.out(JSON.stringify(items, null, 2));
        else if (items.length === 0) io.out('No evidence in this case yet (custos evidence add FILE PATH…)');
        else for (const item of items) io.out(formatEvidenceLine(item));
        return EXIT.ok;
      });
    }
    case 'verify': {
      const { values, file, rest } = parseMany(args, {}, 0);
      const ctx = ctxFor(values.as);
      return withCancel((signal) =>
        withCaseAsync(file, async (caseDb) => {
          const outcomes = await verifyEvidenceItemsOffThread(caseDb, ctx, rest, {
            signal,
            onProgress: jobProgressPrinter(io, Boolean(process.stderr.isTTY), 'verifying'),
          });
          const bad = outcomes.filter((o) => o.check.result === 'mismatch' || o.check.result === 'missing');
          if (values.json) {
            io.out(
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
              io.out(`${o.item.exhibit}  ${o.check.result.toUpperCase().padEnd(8)}  ${safe(o.check.detail)}`);
            }
          }
          for (const o of bad) io.err(`custos: integrity failure: ${o.item.exhibit}: ${safe(o.check.detail)}`);
          return bad.length === 0 ? EXIT.ok : EXIT.integrity;
        }),
      );
    }
    case 'export': {
      const { values, file, rest } = parseMany(args, { all: { type: 'boolean' } }, 1);
      const dir = rest.at(-1)!;
      const ids = rest.slice(0, -1);
      if (values.all && ids.length > 0) throw new UsageError('give either --all or item ids, not both');
      if (!values.all && ids.length === 0) {
        throw new UsageError('name the items to export (E-0001 …) or give --all, then the folder');
      }
      const ctx = ctxFor(values.as);
      return withCancel((signal) =>
        withCaseAsync(file, async (caseDb) => {
          const result = await exportEvidence(caseDb, ctx, ids, dir, {
            signal,
            onProgress: jobProgressPrinter(io, Boolean(process.stderr.isTTY), 'exporting'),
          });
          if (values.json) io.out(JSON.stringify(result, null, 2));
          else {
            for (const f of result.files) {
              io.out(`${f.exhibit}  ${safe(f.file)}  SHA-256 ${f.sha256} (read back and matched)`);
            }
            io.out(`Manifest: ${safe(result.manifestJson)}, ${safe(result.manifestCsv)}`);
          }
          return EXIT.ok;
        }),
      );
    }
    default:
      throw new UsageError(
        sub
          ? `unknown evidence command "${safe(sub)}" (add, list, verify, export)`
          : 'an evidence command is required (add, list, verify, export)',
      );
  }
}

async function runCustody(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...args] = argv;
  if (sub !== 'transfer' && sub !== 'return') {
    throw new UsageError(
      sub
        ? `unknown custody command "${safe(sub)}" (transfer or return)`
        : 'a custody command is required (transfer or return)',
    );
  }
  const { values, file, rest } = parseMany(
    args,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      purpose: { type: 'string' },
      'seal-before': { type: 'string' },
      'seal-after': { type: 'string' },
      'from-location': { type: 'string' },
      'to-location': { type: 'string' },
      'check-hash': { type: 'boolean' },
    },
    1,
  );
  if (rest.length !== 1) throw new UsageError(`give exactly one item (id or exhibit number) to ${sub}`);
  const draft = CustodyTransferDraft.safeParse({
    kind: sub,
    from: values.from ?? '',
    to: values.to ?? '',
    purpose: values.purpose ?? '',
    sealBefore: values['seal-before'],
    sealAfter: values['seal-after'],
    fromLocation: values['from-location'],
    toLocation: values['to-location'],
    checkHash: values['check-hash'] === true,
  });
  if (!draft.success) {
    throw new UsageError(
      describeZodError(draft.error)
        .replace(/^from: /, '--from: ')
        .replace(/^to: /, '--to: ')
        .replace(/^purpose: /, '--purpose: '),
    );
  }
  const ctx = ctxFor(values.as);
  return withCaseAsync(file, async (caseDb) => {
    const event = await transferCustody(caseDb, ctx, rest[0]!, draft.data);
    const item = getEvidence(caseDb, event.itemId);
    io.out(
      values.json
        ? JSON.stringify({ event, head: caseInfo(caseDb).head }, null, 2)
        : `${item.exhibit}: ${safe(event.releasedBy)} → ${safe(event.receivedBy)} (${safe(event.purpose)})${event.hashResult ? `, hash ${event.hashResult}` : ''}\nAudit head: ${formatHead(caseInfo(caseDb).head)}`,
    );
    if (event.hashResult === 'mismatch' || event.hashResult === 'missing') {
      io.err(`custos: integrity failure: ${item.exhibit}: hash check at ${sub}: ${safe(event.details)}`);
      return EXIT.integrity;
    }
    return EXIT.ok;
  });
}

async function withCaseAsync<T>(file: string, fn: (caseDb: CaseDb) => Promise<T>): Promise<T> {
  const caseDb = openCaseDb(file);
  try {
    return await fn(caseDb);
  } finally {
    caseDb.close();
  }
}

/** One line for stderr: escaped, and cut short if some input made it long. */
const line = (message: string) => oneLine(message);

/** The `custos` command. Errors become one line on stderr and exit code 2. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`custos: ${line(error.message)}`);
      return EXIT.usage;
    }
    const failure = asCustosError(
      error,
      argv.find((arg) => arg.endsWith('.custos')),
    );
    io.err(
      `custos: ${failure.code === 'INTERNAL' ? 'unexpected error: ' : ''}${line(failure.code === 'INTERNAL' ? failure.message.replace(/^Unexpected error: /, '') : failure.message)}`,
    );
    return EXIT.usage;
  }
}

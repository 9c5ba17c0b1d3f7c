import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { CaseDraft } from '../../../shared/domain/case.ts';
import { TimelineDraft } from '../../../shared/domain/timeline.ts';
import { Actor, formatHead, parseHead } from '../../../shared/domain/common.ts';
import type { Head } from '../../../shared/domain/common.ts';
import { isCustosError } from '../errors.ts';
import { defaultDataDir, openAppData, resolveDataDir } from '../appData.ts';
import { openCaseDb, openCaseDbReadOnly } from '../store/caseDb.ts';
import type { CaseDb } from '../store/caseDb.ts';
import { countAudit, listAudit } from '../store/audit.ts';
import { countTimeline } from '../store/timeline.ts';
import { listNotes } from '../store/notes.ts';
import { verifyCaseAuto } from '../store/verify.ts';
import { addTimelineEvent, caseInfo, createCase } from '../services/caseService.ts';
import { describeZodError } from '../handlers.ts';
import { formatAuditEntry, formatInfo, formatVerify, safe } from './format.ts';

export type CliIo = { out: (text: string) => void; err: (text: string) => void };

/** 0 success or intact; 1 integrity failure; 2 usage error or unreadable file. */
export const EXIT = { ok: 0, integrity: 1, usage: 2 } as const;

const USAGE = `Usage: custos <command> [options]

  custos new FILE --title T [--type infiltration|extortion|both|other] [--reference R]
  custos info FILE [--json]
  custos timeline add FILE --at ISO --title T [--zone Z] [--description D] [--source S] [--category C]
  custos audit FILE [--json]
  custos verify FILE [--json] [--expect-head SEQ:HASH]

Writing commands record the examiner from the Custos profile, or from --as "Name, Role, Organisation".
Exit codes: 0 success or intact, 1 integrity failure, 2 usage error or unreadable file.`;

class UsageError extends Error {}

const TYPE_ALIASES: Record<string, string> = { both: 'infiltration_and_extortion' };

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function parse(args: string[], options: ParseArgsConfig['options'], positionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, as: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(safe((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '')));
  }
  if (parsed.positionals.length !== positionals) {
    throw new UsageError(parsed.positionals.length < positionals ? 'a case FILE is required' : `unexpected argument "${safe(parsed.positionals[positionals]!)}"`);
  }
  return { values: parsed.values as Record<string, string | boolean | undefined>, file: resolve(parsed.positionals[0] ?? '') };
}

function actorFrom(as: string | boolean | undefined) {
  if (typeof as === 'string') {
    const [name, role, ...org] = as.split(',').map((p) => p.trim());
    const parsed = Actor.safeParse({ name, role, organisation: org.join(', ') });
    if (!parsed.success) throw new UsageError(`--as must be "Name, Role, Organisation" (${describeZodError(parsed.error)})`);
    return parsed.data;
  }
  const profile = openAppData(resolveDataDir(defaultDataDir())).profile();
  if (!profile) throw new UsageError('no examiner profile is set up; start Custos once, or pass --as "Name, Role, Organisation"');
  return { name: profile.name, role: profile.role, organisation: profile.organisation };
}

function withCase<T>(file: string, write: boolean, fn: (caseDb: CaseDb) => T): T {
  const caseDb = write ? openCaseDb(file) : openCaseDbReadOnly(file);
  try {
    return fn(caseDb);
  } finally {
    caseDb.close();
  }
}

const ctxFor = (as: string | boolean | undefined) => ({ actor: actorFrom(as), clock: () => new Date() });

async function run(argv: string[], io: CliIo): Promise<number> {
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
      const { values, file } = parse(rest, { title: { type: 'string' }, type: { type: 'string' }, reference: { type: 'string' } }, 1);
      const type = typeof values.type === 'string' ? (TYPE_ALIASES[values.type] ?? values.type) : undefined;
      const draft = CaseDraft.safeParse({ title: values.title ?? '', reference: values.reference, caseType: type });
      if (!draft.success) throw new UsageError(describeZodError(draft.error).replace('caseType: case type', '--type'));
      const caseDb = createCase(file, draft.data, ctxFor(values.as));
      const info = caseInfo(caseDb);
      caseDb.close();
      io.out(values.json ? JSON.stringify({ path: info.path, id: info.record.id, head: info.head }) : `Created ${safe(info.path)}\nAudit head: ${formatHead(info.head)}`);
      return EXIT.ok;
    }
    case 'info': {
      const { values, file } = parse(rest, {}, 1);
      return withCase(file, false, (caseDb) => {
        const info = caseInfo(caseDb);
        const counts = { timeline: countTimeline(caseDb), notes: listNotes(caseDb).length, audit: countAudit(caseDb) };
        io.out(values.json ? JSON.stringify({ path: info.path, case: info.record, counts, head: info.head }, null, 2) : formatInfo(info, counts));
        return EXIT.ok;
      });
    }
    case 'timeline': {
      const [sub, ...args] = rest;
      if (sub !== 'add') throw new UsageError(sub ? `unknown timeline command "${safe(sub)}" (try: custos timeline add)` : 'a timeline command is required (try: custos timeline add FILE --at ISO --title T)');
      const { values, file } = parse(
        args,
        { at: { type: 'string' }, title: { type: 'string' }, zone: { type: 'string' }, description: { type: 'string' }, source: { type: 'string' }, category: { type: 'string' } },
        1,
      );
      const draft = TimelineDraft.safeParse({ at: values.at ?? '', zone: values.zone, title: values.title ?? '', description: values.description, source: values.source, category: values.category });
      if (!draft.success) throw new UsageError(describeZodError(draft.error).replace(/^at: Time/, '--at').replace(/^title: Title/, '--title'));
      const ctx = ctxFor(values.as);
      return withCase(file, true, (caseDb) => {
        const event = addTimelineEvent(caseDb, ctx, draft.data);
        const info = caseInfo(caseDb);
        io.out(values.json ? JSON.stringify({ event, head: info.head }) : `Added ${event.id} at ${event.occurredAt} (${event.zone})\nAudit head: ${formatHead(info.head)}`);
        return EXIT.ok;
      });
    }
    case 'audit': {
      const { values, file } = parse(rest, {}, 1);
      return withCase(file, false, (caseDb) => {
        const entries = listAudit(caseDb, 0, Number.MAX_SAFE_INTEGER, 'asc');
        io.out(values.json ? JSON.stringify(entries, null, 2) : entries.map(formatAuditEntry).join('\n'));
        return EXIT.ok;
      });
    }
    case 'verify': {
      const { values, file } = parse(rest, { 'expect-head': { type: 'string' } }, 1);
      let expectHead: Head | undefined;
      if (values['expect-head'] !== undefined) {
        expectHead = parseHead(String(values['expect-head']));
        if (!expectHead || expectHead.seq < 1) throw new UsageError('--expect-head must be SEQ:HASH with SEQ 1 or more, e.g. 42:<64 hex digits>');
      }
      const caseDb = openCaseDbReadOnly(file);
      try {
        const report = await verifyCaseAuto(caseDb, countAudit(caseDb), expectHead ? { expectHead } : {});
        const failed = report.checks.find((c) => c.status === 'fail');
        io.out(
          values.json
            ? JSON.stringify({ path: file, ...report, failed: failed ? { check: failed.id, message: failed.message, location: failed.location ?? null } : null }, null, 2)
            : formatVerify(report, file),
        );
        if (failed) io.err(`custos: integrity failure: ${failed.message}`);
        return report.ok ? EXIT.ok : EXIT.integrity;
      } finally {
        caseDb.close();
      }
    }
    default:
      throw new UsageError(`unknown command "${safe(command)}"; run custos help`);
  }
}

/** The `custos` command. Errors become one line on stderr and exit code 2. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`custos: ${error.message}`);
      return EXIT.usage;
    }
    if (isCustosError(error)) {
      io.err(`custos: ${safe(error.message)}`);
      return EXIT.usage;
    }
    io.err(`custos: unexpected error: ${safe((error as Error).message ?? String(error))}`);
    return EXIT.usage;
  }
}


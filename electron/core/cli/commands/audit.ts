import { parseHead } from '../../../../shared/domain/common.ts';
import type { Head } from '../../../../shared/domain/common.ts';
import { allAuditEntries } from '../../services/audit.ts';
import { verifyCaseFile } from '../../services/verification.ts';
import { UsageError, option, parseCommand } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, withCase } from '../context.ts';
import type { AuditEntry, VerifyReport } from '../../../../shared/domain/audit.ts';
import { formatHead } from '../../../../shared/domain/common.ts';
import { describeAuditEntry } from '../../../../shared/logic/auditSentence.ts';
import type { Cli } from '../context.ts';
import { formatAuditEntry, safe } from '../format.ts';
import { technicalPlace } from '../../../../shared/logic/recordNames.ts';
import { jobProgressPrinter, withCancel } from '../progress.ts';

export const auditCommands = {
  audit(args, cli) {
    const { values, file } = parseCommand(args);
    return withCase(cli, file, 'read', (caseDb) => {
      const entries = allAuditEntries(caseDb);
      cli.io.out(values.json ? JSON.stringify(entries, null, 2) : entries.map(auditEntryText).join('\n'));
      const damaged = entries.filter((e) => e.damaged).map((e) => e.seq);
      if (damaged.length > 0) {
        cli.io.err(
          `custos: warning: ${damaged.length === 1 ? `entry ${damaged[0]} holds` : `entries ${damaged.join(', ')} hold`} change data that cannot be read; the others are listed. Run custos verify ${safe(file)} for the full report`,
        );
      }
      return EXIT.ok;
    });
  },
  async verify(args, cli) {
    const { values, file } = parseCommand(args, { options: { 'expect-head': { type: 'string' } } });
    let expectHead: Head | undefined;
    const given = option(values, 'expect-head');
    if (given !== undefined) {
      expectHead = parseHead(given);
      if (!expectHead || expectHead.seq < 1) {
        throw new UsageError('--expect-head must be SEQ:HASH with SEQ 1 or more, e.g. 42:<64 hex digits>');
      }
    }
    // Check 3 re-hashes every evidence byte: progress on a terminal, and Ctrl-C stops it.
    const printer = jobProgressPrinter(cli.io, cli.env.interactive, 'verifying');
    const report = await withCancel((signal) =>
      verifyCaseFile(file, {
        ...(expectHead ? { expectHead } : {}),
        signal,
        // The examiner's log of verifications (their data directory; the case is only read).
        record: { dataDir: cli.env.dataDir, by: examinerName(cli), source: 'cli' },
        onProgress: (p) => printer({ label: 'evidence bytes', index: 0, count: 1, ...p }),
      }),
    );
    const failed = report.checks.find((c) => c.status === 'fail');
    cli.io.out(
      values.json
        ? JSON.stringify(
            {
              path: file,
              ...report,
              failed: failed
                ? {
                    check: failed.id,
                    message: failed.message,
                    ...(failed.subject ? { subject: failed.subject } : {}),
                    location: failed.location ?? null,
                  }
                : null,
            },
            null,
            2,
          )
        : verifyText(report, file),
    );
    if (failed) cli.io.err(`custos: integrity failure: ${safe(failed.message)}`);
    else if (!report.ok) {
      cli.io.err(`custos: integrity failure: ${safe(report.notes?.at(-1) ?? 'see the notes above')}`);
    }
    return report.ok ? EXIT.ok : EXIT.integrity;
  },
} satisfies Runners;

/** An entry: its header line, then what happened in a sentence, then the changes and the hash. */
function auditEntryText(entry: AuditEntry): string {
  const [head, ...rest] = formatAuditEntry(entry).split('\n');
  return [head, `      ${safe(describeAuditEntry(entry))}`, ...rest].join('\n');
}

/** The profile's name for the log of verifications; verifying needs no profile, so none is asked for. */
function examinerName(cli: Cli): string {
  try {
    return cli.appData().profile()?.name ?? 'unknown examiner';
  } catch {
    return 'unknown examiner';
  }
}

/** The verdict as a person reads it: each check, a failure in words first, then where it is. */
function verifyText(report: VerifyReport, path: string): string {
  const mark = { pass: 'PASS', fail: 'FAIL', skipped: 'SKIP' } as const;
  const lines = [`${report.ok ? 'INTACT' : 'INTEGRITY FAILURE'}: ${safe(path)}`];
  for (const c of report.checks) {
    lines.push(`  ${mark[c.status]}  ${c.title}: ${safe(c.message)}`);
    if (c.status !== 'fail') continue;
    if (c.subject && !c.message.toLowerCase().includes(c.subject.toLowerCase())) {
      lines.push(`        about: ${safe(c.subject)}`);
    }
    if (c.location) lines.push(`        where: ${safe(technicalPlace(c.location))}`);
  }
  for (const note of report.notes ?? []) lines.push(`  NOTE  ${safe(note)}`);
  lines.push(`  Head: ${formatHead(report.head)}  (${report.entries} entries, ${report.durationMs} ms)`);
  return lines.join('\n');
}

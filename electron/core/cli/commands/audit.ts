import { parseHead } from '../../../../shared/domain/common.ts';
import type { Head } from '../../../../shared/domain/common.ts';
import { allAuditEntries } from '../../services/audit.ts';
import { verifyCaseFile } from '../../services/verification.ts';
import { UsageError, option, parseCommand } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, withCase } from '../context.ts';
import { formatAuditEntry, formatVerify, safe } from '../format.ts';
import { jobProgressPrinter, withCancel } from '../progress.ts';

export const auditCommands = {
  audit(args, cli) {
    const { values, file } = parseCommand(args);
    return withCase(cli, file, 'read', (caseDb) => {
      const entries = allAuditEntries(caseDb);
      cli.io.out(values.json ? JSON.stringify(entries, null, 2) : entries.map(formatAuditEntry).join('\n'));
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
              failed: failed ? { check: failed.id, message: failed.message, location: failed.location ?? null } : null,
            },
            null,
            2,
          )
        : formatVerify(report, file),
    );
    if (failed) cli.io.err(`custos: integrity failure: ${safe(failed.message)}`);
    else if (!report.ok) {
      cli.io.err(`custos: integrity failure: ${safe(report.notes?.at(-1) ?? 'see the notes above')}`);
    }
    return report.ok ? EXIT.ok : EXIT.integrity;
  },
} satisfies Runners;

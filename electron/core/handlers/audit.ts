import { parseHead } from '../../../shared/domain/common.ts';
import type { Head } from '../../../shared/domain/common.ts';
import { CustosError } from '../errors.ts';
import { auditPage } from '../services/audit.ts';
import { verifyOpenCase } from '../services/verification.ts';
import type { Session } from './session.ts';
import type { DomainHandlers } from './types.ts';

/** The audit log and the case's verification. */
export function auditHandlers(session: Session): DomainHandlers<'audit'> {
  return {
    'audit:list': ({ offset, limit }) => auditPage(session.openCase(), offset, limit),
    'audit:verify': ({ expectHead }) => {
      let expected: Head | undefined;
      if (expectHead) {
        expected = parseHead(expectHead);
        if (!expected || expected.seq < 1) {
          throw new CustosError(
            'INVALID_INPUT',
            'The recorded head must look like SEQ:HASH, e.g. 42:9f86d0…(64 hex digits)',
          );
        }
      }
      const caseDb = session.openCase();
      session.refuseWhileAdding('verify the case');
      return session.job('verifyCase', (signal) =>
        verifyOpenCase(caseDb, {
          ...(expected ? { expectHead: expected } : {}),
          now: session.deps.clock,
          signal,
          // The examiner's log of verifications, in their data directory: the case is only read.
          record: {
            dataDir: session.deps.appData.dir,
            by: examinerName(session),
            source: 'app',
          },
          // Check 3 re-hashes every evidence byte: the long part, so the part that reports.
          onProgress: (p) =>
            session.deps.emitProgress?.({
              task: 'verifyCase',
              file: 'evidence bytes',
              fileIndex: 0,
              fileCount: 1,
              bytes: p.bytes,
              total: p.total,
            }),
        }),
      );
    },
  };
}

/** The profile's name for the log of verifications; an unreadable profile must not stop a verification. */
function examinerName(session: Session): string {
  try {
    return session.deps.appData.profile()?.name ?? 'unknown examiner';
  } catch {
    return 'unknown examiner';
  }
}

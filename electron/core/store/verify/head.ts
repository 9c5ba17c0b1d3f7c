import type { Database } from 'better-sqlite3';
import type { CheckResult } from '../../../../shared/domain/audit.ts';
import type { Head } from '../../../../shared/domain/common.ts';
import { TITLES, fail, pass, plural } from './results.ts';

/** Check 4: the head written down earlier must still be in the log, with the same hash. */
export function runHeadCheck(db: Database, head: Head, expect: Head | undefined): CheckResult {
  if (!expect) {
    return {
      id: 'head',
      title: TITLES.head,
      status: 'skipped',
      message: 'No recorded head given. Write down the head shown here to check against later.',
    };
  }
  if (expect.seq > head.seq) {
    return fail(
      'head',
      `The recorded head is entry ${expect.seq}, but the log ends at entry ${head.seq}: entries were cut off the end`,
      { seq: expect.seq },
    );
  }
  const stored = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(expect.seq) as string | undefined;
  if (stored !== expect.hash) {
    return fail('head', `Entry ${expect.seq} does not have the recorded hash: the log was rewritten`, {
      seq: expect.seq,
    });
  }
  const later = head.seq - expect.seq;
  return pass(
    'head',
    later === 0
      ? `Entry ${expect.seq} matches the recorded head`
      : `Entry ${expect.seq} matches the recorded head; ${plural(later, 'later entry follows', 'later entries follow')}`,
  );
}

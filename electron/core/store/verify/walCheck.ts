import type { Database as Db } from 'better-sqlite3';
import { basename } from 'node:path';
import { CustosError } from '../../errors.ts';
import { escapeControl } from '../../../../shared/logic/text.ts';
import { openConnection } from '../file/connection.ts';
import { CUSTOS_APPLICATION_ID } from '../file/header.ts';
import type { HeaderInfo } from '../file/header.ts';
import { openReadView } from '../file/readView.ts';
import { inspectWal } from '../file/sideFiles.ts';
import { schemaProblems } from './schemaCheck.ts';
import { stateTablesOf } from '../format/stateTables.ts';
import { runChainCheck } from './chain.ts';
import { runReplayAndForm } from './replay.ts';

/**
 * A -wal file left beside a case with no Custos writing to it: the commits of a Custos that stopped
 * before folding them in, or a file copied in from elsewhere (another case's -wal replaces pages
 * and silently changes what the case holds). SQLite cannot tell the two apart; Custos can, by
 * reading the case twice in private views (readView.ts), once as last folded together and once with
 * the -wal, and requiring the second to continue the first: the same case, the same audit log up to
 * where the first ends, and — before it is folded in for good — a chain and a replay that hold.
 */
/** What a view of the case shows: enough to tell whether a -wal continues the case. */
type Snapshot = {
  applicationId: number;
  version: number;
  /** The first schema problem, if any (then nothing else is read from it). */
  schemaProblem: string | undefined;
  caseId: string | undefined;
  head: { seq: number; hash: string } | undefined;
  /** Check 1 or 2 failing on this view, when asked for. */
  failure: string | undefined;
};

/**
 * Reads one view (and closes it before another is opened: two views of the same file open at
 * once in one process would share SQLite's per-file state, -shm included). The schema comes first:
 * nothing is read from tables that are not Custos's. `lookup` is an entry whose hash to return.
 */
function readView(
  realPath: string,
  withWal: boolean,
  options: { verify: boolean; lookup?: number },
): Snapshot & { looked?: string } {
  const view = openReadView(realPath, withWal);
  let db: Db | undefined;
  try {
    db = openConnection(view.path, { readonly: true });
    db.pragma('query_only = ON');
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const problems = applicationId === CUSTOS_APPLICATION_ID ? schemaProblems(db, version) : [];
    const snapshot: Snapshot & { looked?: string } = {
      applicationId,
      version,
      schemaProblem: problems[0]?.description,
      caseId: undefined,
      head: undefined,
      failure: undefined,
    };
    if (applicationId !== CUSTOS_APPLICATION_ID || problems.length > 0) return snapshot;
    snapshot.caseId = db.prepare('SELECT id FROM case_meta ORDER BY rowid LIMIT 1').pluck().get() as string | undefined;
    snapshot.head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    if (options.lookup !== undefined) {
      snapshot.looked = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(options.lookup) as
        string | undefined;
    }
    if (options.verify) {
      const chain = runChainCheck(db).check;
      const replay = runReplayAndForm(db, stateTablesOf(version));
      snapshot.failure = [chain, replay.form, replay.replay].find((c) => c?.status === 'fail')?.message;
    }
    return snapshot;
  } finally {
    db?.close();
    view.dispose();
  }
}

/** Throws WAL_MISMATCH unless the -wal beside the case continues it. */
export function checkLeftoverWal(path: string, realPath: string, header: HeaderInfo, purpose: 'read' | 'write'): void {
  const frames = inspectWal(`${realPath}-wal`);
  if (frames?.damagedAt !== undefined) {
    throwMismatch(
      path,
      realPath,
      purpose,
      `its frame ${frames.damagedAt} is damaged (its checksum does not match), so the commits from there on would be lost without a word`,
    );
  }
  if (frames && frames.pageSize !== header.pageSize) {
    throwMismatch(
      path,
      realPath,
      purpose,
      `its pages are ${frames.pageSize} bytes long, the case's ${header.pageSize}`,
    );
  }
  const before = readView(realPath, false, { verify: false });
  // A case whose own schema is foreign is refused as such by the caller; nothing to compare here.
  if (before.applicationId !== CUSTOS_APPLICATION_ID || before.schemaProblem !== undefined) return;
  let after;
  try {
    after = readView(realPath, true, {
      verify: purpose === 'write',
      ...(before.head ? { lookup: before.head.seq } : {}),
    });
  } catch (error) {
    throwMismatch(path, realPath, purpose, `with it the case cannot be read (${(error as Error).message})`);
  }
  const reason = discontinuity(before, after, () => readView(realPath, false, { verify: true }).failure);
  if (reason) throwMismatch(path, realPath, purpose, reason);
}

/** Why the view with the -wal does not continue the one without, or undefined when it does. */
function discontinuity(
  before: Snapshot,
  after: Snapshot & { looked?: string },
  baseFailure: () => string | undefined,
): string | undefined {
  if (after.applicationId !== CUSTOS_APPLICATION_ID) return 'with it the file is no longer a Custos case';
  if (after.version < before.version) return `with it the case would go back to format ${after.version}`;
  if (after.schemaProblem) return `with it the case's schema is not Custos's (${after.schemaProblem})`;
  if (after.caseId !== before.caseId) return 'with it the case record is that of another case';
  if (before.head && after.looked !== before.head.hash) {
    return `with it audit entry ${before.head.seq}, the last one in the case, is gone or different`;
  }
  // The case itself may be what fails verification; then the -wal is not to blame.
  if (after.failure && baseFailure() === undefined) return `with it the case fails verification (${after.failure})`;
  return undefined;
}

function throwMismatch(path: string, realPath: string, purpose: 'read' | 'write', reason: string): never {
  const wal = escapeControl(`${realPath}-wal`);
  throw new CustosError(
    'WAL_MISMATCH',
    `${wal} does not belong to ${escapeControl(path)} or is damaged (${reason}), so Custos will not ${purpose === 'write' ? 'fold it into the case' : 'read it with the case'}. Move it aside (for example rename it to ${escapeControl(basename(realPath))}-wal.suspect) to work with the case as it was last folded together, and keep it: it may be evidence of tampering`,
  );
}

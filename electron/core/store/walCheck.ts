import type { Database as Db } from 'better-sqlite3';
import { basename } from 'node:path';
import { CustosError } from '../errors.ts';
import { escapeControl } from '../../../shared/logic/text.ts';
import { openConnection } from './connection.ts';
import type { HeaderInfo } from './header.ts';
import { openReadView } from './readView.ts';
import { inspectWal } from './sideFiles.ts';
import type { ReadView } from './readView.ts';
import { schemaProblems } from './schemaCheck.ts';
import { stateTablesOf } from './schema.ts';
import { runChainCheck, runReplayAndForm } from './verify.ts';

/**
 * A -wal file left beside a case with no Custos writing to it: the commits of a Custos that stopped
 * before folding them in, or a file copied in from elsewhere (another case's -wal replaces pages
 * and silently changes what the case holds). SQLite cannot tell the two apart; Custos can, by
 * reading the case twice in private views (readView.ts), once as last folded together and once with
 * the -wal, and requiring the second to continue the first: the same case, the same audit log up to
 * where the first ends, and — before it is folded in for good — a chain and a replay that hold.
 */
type Snapshot = { version: number; caseId: string | undefined; head: { seq: number; hash: string } | undefined };

function snapshotOf(db: Db): Snapshot {
  const version = db.pragma('user_version', { simple: true }) as number;
  const caseId = db.prepare('SELECT id FROM case_meta ORDER BY rowid LIMIT 1').pluck().get() as string | undefined;
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  return { version, caseId, head };
}

/** Why the -wal does not continue the case, or undefined when it does. */
function discontinuity(base: Db, withWal: Db, purpose: 'read' | 'write'): string | undefined {
  const before = snapshotOf(base);
  let after: Snapshot;
  try {
    after = snapshotOf(withWal);
  } catch (error) {
    return `with it the case cannot be read: ${(error as Error).message}`;
  }
  if (after.version < before.version) return `with it the case would go back to format ${after.version}`;
  const problems = schemaProblems(withWal, after.version);
  if (problems.length > 0) return `with it the case's schema is not Custos's (${problems[0]!.description})`;
  if (after.caseId !== before.caseId) return 'with it the case record is that of another case';
  if (before.head) {
    const kept = withWal.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(before.head.seq) as string | undefined;
    if (kept !== before.head.hash) return `with it audit entry ${before.head.seq}, the last one in the case, is gone or different`;
  }
  if (purpose === 'write') {
    const chain = runChainCheck(withWal).check;
    const replay = runReplayAndForm(withWal, stateTablesOf(after.version));
    const failure = [chain, replay.form, replay.replay].find((c) => c?.status === 'fail');
    if (failure) {
      // The case itself may be what fails; then the -wal is not to blame.
      const baseChain = runChainCheck(base).check;
      const baseReplay = runReplayAndForm(base, stateTablesOf(before.version));
      const baseFails = [baseChain, baseReplay.form, baseReplay.replay].some((c) => c?.status === 'fail');
      if (!baseFails) return `with it the case fails verification (${failure.message})`;
    }
  }
  return undefined;
}

/** Throws WAL_MISMATCH unless the -wal beside the case continues it. */
export function checkLeftoverWal(path: string, realPath: string, header: HeaderInfo, purpose: 'read' | 'write'): void {
  const views: ReadView[] = [];
  const dbs: Db[] = [];
  const open = (withWal: boolean) => {
    const view = openReadView(realPath, withWal);
    views.push(view);
    const db = openConnection(view.path, { readonly: true });
    dbs.push(db);
    db.pragma('query_only = ON');
    return db;
  };
  const frames = inspectWal(`${realPath}-wal`);
  if (frames?.damagedAt !== undefined) {
    throwMismatch(path, realPath, purpose, `its frame ${frames.damagedAt} is damaged (its checksum does not match), so the commits from there on would be lost without a word`);
  }
  if (frames && frames.pageSize !== header.pageSize) {
    throwMismatch(path, realPath, purpose, `its pages are ${frames.pageSize} bytes long, the case's ${header.pageSize}`);
  }
  let reason: string | undefined;
  try {
    const base = open(false);
    // A case whose own schema is foreign is refused as such by the caller; nothing to compare here.
    if (schemaProblems(base, header.userVersion).length > 0) return;
    let withWal: Db | undefined;
    try {
      withWal = open(true);
    } catch (error) {
      reason = `it cannot be read (${(error as Error).message})`;
    }
    if (withWal) reason = discontinuity(base, withWal, purpose);
  } finally {
    for (const db of dbs) db.close();
    for (const view of views) view.dispose();
  }
  if (reason) throwMismatch(path, realPath, purpose, reason);
}

function throwMismatch(path: string, realPath: string, purpose: 'read' | 'write', reason: string): never {
  const wal = escapeControl(`${realPath}-wal`);
  throw new CustosError(
    'WAL_MISMATCH',
    `${wal} does not belong to ${escapeControl(path)} or is damaged (${reason}), so Custos will not ${purpose === 'write' ? 'fold it into the case' : 'read it with the case'}. Move it aside (for example rename it to ${escapeControl(basename(realPath))}-wal.suspect) to work with the case as it was last folded together, and keep it: it may be evidence of tampering`,
  );
}

import { Worker } from 'node:worker_threads';
import { CustosError } from '../../errors.ts';
import { hash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { CheckResult, VerifyReport } from '../../../../shared/domain/audit.ts';
import type { Head } from '../../../../shared/domain/common.ts';
import { ZERO_HASH } from '../../../../shared/domain/common.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { STATE_TABLE_NAMES, SORTED_COLUMNS, stateTablesOf } from '../format/stateTables.ts';
import type { StateTable } from '../format/stateTables.ts';
import { runSchemaCheck } from './schemaCheck.ts';
import { readChangeData } from '../format/changeData.ts';
import type { Image, ImageChange } from '../format/changeData.ts';
import { runEvidenceCheck } from './evidenceCheck.ts';
import type { Tick } from './evidenceCheck.ts';

export type VerifyOptions = { expectHead?: Head; now?: () => Date };

const TITLES = {
  schema: 'Schema',
  chain: 'Audit chain',
  replay: 'State matches the audit log',
  evidence: 'Evidence bytes',
  head: 'Head matches the recorded head',
} as const;

function pass(id: keyof typeof TITLES, message: string): CheckResult {
  return { id, title: TITLES[id], status: 'pass', message };
}
function fail(id: keyof typeof TITLES, message: string, location?: CheckResult['location']): CheckResult {
  return location
    ? { id, title: TITLES[id], status: 'fail', message, location }
    : { id, title: TITLES[id], status: 'fail', message };
}
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * SQLite builds each entry's hash input: prev_hash followed by the entry's canonical JSON. json_quote
 * escapes exactly as JSON.stringify does (a unit test holds the two equal), and `changes` is stored
 * canonical. Building the string in C halves the per-row cost of the check.
 */
const CHAIN_SQL = `SELECT seq, prev_hash, hash, prev_hash || '{"action":' || json_quote(action) ||
  ',"actor":{"name":' || json_quote(actor_name) || ',"organisation":' || json_quote(actor_organisation) ||
  ',"role":' || json_quote(actor_role) || '},"at":' || json_quote(at) || ',"changes":' || changes ||
  ',"entity":{"id":' || json_quote(entity_id) || ',"type":' || json_quote(entity_type) ||
  '},"prev_hash":' || json_quote(prev_hash) || ',"seq":' || seq || '}' FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`;

export type ChainOutcome = { check: CheckResult; head: Head; entries: number };

const BATCH = 4000;

/**
 * Rows in key order, fetched BATCH at a time with all(): about a third faster than iterate() in
 * better-sqlite3, which crosses into C once per row. `sql` has a `> ?` on the key (the first
 * column) and LIMIT ?.
 */
function* batches<T extends unknown[]>(db: Database, sql: string): Generator<T[]> {
  const statement = db.prepare(sql).raw(true);
  let after = -Infinity;
  for (;;) {
    const rows = statement.all(after, BATCH) as T[];
    if (rows.length === 0) return;
    // Whole batches, not rows: a generator step per row costs a quarter of the check.
    yield rows;
    after = rows[rows.length - 1]![0] as number;
    if (rows.length < BATCH) return;
  }
}

/** Check 1: recompute every hash and link; name the first entry that does not match. */
export function runChainCheck(db: Database): ChainOutcome {
  let failure: CheckResult | undefined;
  let expectedSeq = 1;
  let prevHash = ZERO_HASH;
  let entries = 0;
  for (const batch of batches<[number, string, string, string]>(db, CHAIN_SQL)) {
    for (const [seq, storedPrev, storedHash, payload] of batch) {
      entries++;
      if (!failure) {
        if (seq !== expectedSeq) {
          failure =
            seq > expectedSeq
              ? fail(
                  'chain',
                  `Entry ${expectedSeq}${seq - expectedSeq > 1 ? `–${seq - 1}` : ''} is missing: the log jumps from entry ${expectedSeq - 1} to ${seq}`,
                  { seq: expectedSeq },
                )
              : fail('chain', `Entry ${seq} is out of order (expected ${expectedSeq})`, { seq });
        } else if (storedPrev !== prevHash) {
          failure = fail(
            'chain',
            `Entry ${seq} does not link to entry ${seq - 1} (its prev_hash differs): entries were changed, removed or inserted`,
            { seq },
          );
        } else if (hash('sha256', payload, 'hex') !== storedHash) {
          failure = fail('chain', `Entry ${seq} was altered: its content no longer matches its hash`, { seq });
        }
      }
      expectedSeq = seq + 1;
      prevHash = storedHash;
    }
  }
  return {
    check: failure ?? pass('chain', `${plural(entries, 'entry', 'entries')} recomputed; every hash and link matches`),
    head: { seq: expectedSeq - 1, hash: prevHash },
    entries,
  };
}

/** A state row (rowid first, then the sorted columns) against an image with exactly those columns. */
function sameRow(image: Image, columns: readonly string[], values: readonly unknown[]): boolean {
  let count = 0;
  for (const _key in image) count++;
  if (count !== columns.length) return false;
  for (let i = 0; i < columns.length; i++) if (image[columns[i]!] !== values[i + 1]) return false;
  return true;
}

/** Images hold only strings, integers and null (checked above), so a shallow compare is exact. */
function sameImage(a: Image | null, b: Image | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  let count = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    count++;
  }
  for (const _key in b) count--;
  return count === 0;
}

/**
 * Check 2: replay the after-images. Each change's before-image must equal the row's previous
 * after-image (else the row was edited outside Custos in between), and every state row must equal
 * its last after-image (else it was edited, added or deleted outside Custos).
 */
type ImagesByTable = Map<string, Map<string, Image | null>>;

function imagesOf(last: ImagesByTable, table: string): Map<string, Image | null> {
  let rows = last.get(table);
  if (!rows) last.set(table, (rows = new Map()));
  return rows;
}

/** Applies every entry's changes in order, keeping each row's last after-image. */
function foldChanges(db: Database, last: ImagesByTable): CheckResult | undefined {
  for (const batch of batches<[number, string]>(
    db,
    'SELECT seq, changes FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?',
  )) {
    for (const [seq, text] of batch) {
      // Change data in any other form than the format's is not guessed at (check 1 names it too).
      const { changes, problem } = readChangeData(text);
      if (!changes || problem) return fail('replay', `Entry ${seq} holds unreadable change data`, { seq });
      for (const change of changes) {
        const rows = imagesOf(last, change.table);
        if (!sameImage(change.before, rows.get(change.id) ?? null)) {
          return fail(
            'replay',
            `${change.table} row ${change.id} was changed outside Custos before entry ${seq}: its state then differs from what the log last recorded`,
            { seq, table: change.table, rowId: change.id },
          );
        }
        rows.set(change.id, change.after);
      }
    }
  }
  return undefined;
}

/** Every row of a state table must equal its last after-image; matched images are removed. */
function compareTable(db: Database, table: StateTable, images: Map<string, Image | null>): CheckResult | number {
  const columns = SORTED_COLUMNS[table];
  const idIndex = columns.indexOf('id') + 1;
  // rowid order, so the first failure named is the same in every verifier.
  const select = `SELECT rowid, ${columns.join(', ')} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ?`;
  let count = 0;
  for (const batch of batches<[number, ...unknown[]]>(db, select)) {
    for (const values of batch) {
      count++;
      const id = String(values[idIndex]);
      const image = images.get(id);
      if (!image) {
        return fail('replay', `${table} row ${id} is not in the audit log: it was added outside Custos`, {
          table,
          rowId: id,
        });
      }
      if (!sameRow(image, columns, values)) {
        const differing = columns.filter((column, i) => image[column] !== values[i + 1] || !(column in image));
        const verb = differing.length === 1 ? 'differs' : 'differ';
        return fail(
          'replay',
          `${table} row ${id} was changed outside Custos (${differing.join(', ')} ${verb} from the audit log)`,
          { table, rowId: id },
        );
      }
      images.delete(id);
    }
  }
  return count;
}

/**
 * Check 2: replay the after-images. Each change's before-image must equal the row's previous
 * after-image (else the row was edited outside Custos in between), and every state row must equal
 * its last after-image (else it was edited, added or deleted outside Custos).
 */
export function runReplayCheck(db: Database, tables: readonly StateTable[] = STATE_TABLE_NAMES): CheckResult {
  const last: ImagesByTable = new Map();
  const folded = foldChanges(db, last);
  if (folded) return folded;
  let rows = 0;
  for (const table of tables) {
    const result = compareTable(db, table, imagesOf(last, table));
    if (typeof result !== 'number') return result;
    rows += result;
  }
  for (const [table, images] of last) {
    for (const [rowId, image] of images) {
      if (image === null) continue;
      if (!(tables as readonly string[]).includes(table)) {
        return fail('replay', `The audit log names an unknown table ${table}`, { table, rowId });
      }
      return fail(
        'replay',
        `${table} row ${rowId} is in the audit log but missing from the case: it was deleted outside Custos`,
        { table, rowId },
      );
    }
  }
  return pass('replay', `${plural(rows, 'row', 'rows')} match their last audited state`);
}

const PROOF_MIN_ROWS = 2000;

/**
 * SQL that finds the entries proving themselves in C: a single-row insert whose stored `changes`
 * text is exactly the canonical text rebuilt from the row as it is now. json_object and json_quote
 * escape as JSON.stringify does (unit-tested), and columns are listed in sorted order, so the
 * rebuilt text is canonical. Returns (seq, id).
 */
function insertProofSql(table: StateTable): string {
  const image = SORTED_COLUMNS[table].map((c) => `'${c}', t.${c}`).join(', ');
  // Whole numbers beyond ±(2^53 − 1) are not exact in JSON numbers, so the format does not allow
  // them (check 1): a row holding one is left to the JavaScript fold, which names its entry.
  const exact = SORTED_COLUMNS[table]
    .map((c) => `(typeof(t.${c}) != 'integer' OR t.${c} BETWEEN -9007199254740991 AND 9007199254740991)`)
    .join(' AND ');
  return `SELECT a.seq, t.id FROM audit_log a JOIN ${table} t ON t.id = a.entity_id
    WHERE a.changes = '[{"after":' || json_object(${image}) || ',"before":null,"id":' || json_quote(t.id) || ',"table":"${table}"}]'
      AND ${exact}`;
}

/** Inserts SQLite proved (see insertProofSql): row id → entry, per table, and the entries themselves. */
type Proofs = { rows: Map<string, Map<string, number>>; seqs: Set<number>; ambiguous: boolean };

function proveInserts(db: Database, tables: readonly StateTable[], proofMinRows: number): Proofs {
  const proofs: Proofs = { rows: new Map(), seqs: new Set(), ambiguous: false };
  for (const table of tables) {
    const rows = new Map<string, number>();
    proofs.rows.set(table, rows);
    // Each proof scans the whole audit log; a small table is quicker to fold in JavaScript.
    const size = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    if (size < proofMinRows) continue;
    for (const [seq, id] of db.prepare(insertProofSql(table)).raw(true).all() as [number, string][]) {
      // Two entries proving the same row cannot both be its only insert: let the full replay judge.
      if (rows.has(id)) proofs.ambiguous = true;
      rows.set(id, seq);
      proofs.seqs.add(seq);
    }
  }
  return proofs;
}

/** What the replay worker finds: check 2, and the first entry whose change data breaks the format. */
export type ReplayOutcome = { replay: CheckResult; form?: CheckResult };

/**
 * Check 2, quickly, together with the form of every entry's change data (part of check 1). Most
 * rows are touched by exactly one entry, their insert; SQLite proves those by text comparison
 * (insertProofSql), which also proves their text canonical. Every other entry is read in
 * JavaScript, its form checked, and folded as in runReplayCheck; the rows it touches are compared
 * one by one. The replay is "pass" only when every entry and every state row is accounted for;
 * anything else runs the full replay, which names the first failure exactly as the reference (and
 * docs/verify_case.py) does.
 */
export function runReplayAndForm(
  db: Database,
  tables: readonly StateTable[] = STATE_TABLE_NAMES,
  proofMinRows = PROOF_MIN_ROWS,
): ReplayOutcome {
  const proofs = proveInserts(db, tables, proofMinRows);
  const changesOf = db.prepare('SELECT changes FROM audit_log WHERE seq = ?').pluck();
  const parsed = new Map<number, ImageChange[]>();
  let form: CheckResult | undefined;
  let needsFull = proofs.ambiguous;
  // Entries not proven in SQL, and the rows they touch. Every one is read, so the first entry of
  // the wrong form is found however early the replay itself goes wrong.
  const touched = new Map<string, Set<string>>();
  for (const seq of db.prepare('SELECT seq FROM audit_log ORDER BY seq').pluck().all() as number[]) {
    if (proofs.seqs.has(seq)) continue;
    const { changes, problem } = readChangeData(changesOf.get(seq) as string);
    if (problem && !form) {
      form = fail('chain', `Entry ${seq} stores its change data in a form the case format does not allow: ${problem}`, {
        seq,
      });
    }
    if (!changes || problem) {
      needsFull = true;
      continue;
    }
    parsed.set(seq, changes);
    for (const change of changes) {
      if (!(tables as readonly string[]).includes(change.table)) needsFull = true;
      let ids = touched.get(change.table);
      if (!ids) touched.set(change.table, (ids = new Set()));
      ids.add(change.id);
    }
  }
  const outcome = (replay: CheckResult): ReplayOutcome => (form ? { replay, form } : { replay });
  if (needsFull) return outcome(runReplayCheck(db, tables));
  return outcome(
    foldProven(db, tables, proofs, parsed, touched, (seq) => readChangeData(changesOf.get(seq) as string).changes!),
  );
}

/** The rest of the fast replay: fold what SQL did not prove, then compare the rows touched. */
function foldProven(
  db: Database,
  tables: readonly StateTable[],
  proofs: Proofs,
  parsed: Map<number, ImageChange[]>,
  touched: Map<string, Set<string>>,
  read: (seq: number) => ImageChange[],
): CheckResult {
  const full = () => runReplayCheck(db, tables);
  // A proven insert of a row that later entries also touch is folded with them, in order.
  for (const [table, ids] of touched) {
    const rows = proofs.rows.get(table);
    if (!rows) continue;
    for (const id of ids) {
      const seq = rows.get(id);
      if (seq === undefined) continue;
      rows.delete(id);
      parsed.set(seq, read(seq));
    }
  }
  const last: ImagesByTable = new Map();
  for (const seq of [...parsed.keys()].sort((a, b) => a - b)) {
    for (const change of parsed.get(seq)!) {
      const rows = imagesOf(last, change.table);
      if (!sameImage(change.before, rows.get(change.id) ?? null)) return full();
      rows.set(change.id, change.after);
    }
  }
  let total = 0;
  for (const table of tables) {
    const columns = SORTED_COLUMNS[table];
    const byId = db.prepare(`SELECT 0, ${columns.join(', ')} FROM ${table} WHERE id = ?`).raw(true);
    let folded = 0;
    for (const [id, image] of imagesOf(last, table)) {
      const values = byId.get(id) as unknown[] | undefined;
      if (image === null ? values !== undefined : values === undefined || !sameRow(image, columns, values)) {
        return full();
      }
      if (values) folded++;
    }
    const rows = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    // Every state row is either proven by its insert or compared above; a surplus row was added
    // outside Custos.
    if (rows !== proofs.rows.get(table)!.size + folded) return full();
    total += rows;
  }
  return pass('replay', `${plural(total, 'row', 'rows')} match their last audited state`);
}

/** Check 2 alone, by the quick route (tests hold it equal to runReplayCheck). */
export function runReplayCheckFast(
  db: Database,
  proofMinRows = PROOF_MIN_ROWS,
  tables: readonly StateTable[] = STATE_TABLE_NAMES,
): CheckResult {
  return runReplayAndForm(db, tables, proofMinRows).replay;
}

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

/** What checks 0, 1, 3 and 4 found on one snapshot (check 2 runs beside them). */
export type SnapshotChecks = { schema: CheckResult; chain: ChainOutcome; head: CheckResult; evidence: CheckResult };

/** The case-format version a file declares (PRAGMA user_version, checked against the header on open). */
function formatOf(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

const notRun = (id: 'chain' | 'replay' | 'evidence' | 'head'): CheckResult => ({
  id,
  title: TITLES[id],
  status: 'skipped',
  message: 'Not run: the tables it reads are not the ones Custos defines (see the schema check)',
});

/**
 * Check 1 is done by two threads: the hashes and links by the chain worker, the form of the change
 * data by the replay worker (which reads it anyway). The failure reported is the one at the earlier
 * entry, as a single pass over the log in order (docs/verify_case.py) would find it.
 */
function chainCheck(hashes: CheckResult, form: CheckResult | undefined): CheckResult {
  if (!form) return hashes;
  if (hashes.status !== 'fail') return form;
  return (form.location?.seq ?? Infinity) < (hashes.location?.seq ?? Infinity) ? form : hashes;
}

function assemble(
  snapshot: SnapshotChecks,
  replay: ReplayOutcome,
  started: number,
  options: VerifyOptions,
): VerifyReport {
  const checks = [
    snapshot.schema,
    chainCheck(snapshot.chain.check, replay.form),
    replay.replay,
    snapshot.evidence,
    snapshot.head,
  ];
  return {
    ok: checks.every((c) => c.status !== 'fail'),
    head: snapshot.chain.head,
    entries: snapshot.chain.entries,
    checks,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    verifiedAt: (options.now ?? (() => new Date()))().toISOString(),
  };
}

/**
 * Checks 0, 1, 3 and 4 on one snapshot: the head checked is the head the chain ends at, and the
 * blobs re-hashed are the ones the chain vouches for. The schema comes first: when a table the
 * checks read is not Custos's, nothing else is read from the file.
 */
export function runSnapshotChecks(
  db: Database,
  expectHead: Head | undefined,
  tickFor?: (total: number) => Tick,
): SnapshotChecks {
  return db.transaction((): SnapshotChecks => {
    const version = formatOf(db);
    const { check: schema, tablesIntact } = runSchemaCheck(db, version);
    if (!tablesIntact) {
      return {
        schema,
        chain: { check: notRun('chain'), head: { seq: 0, hash: ZERO_HASH }, entries: 0 },
        head: notRun('head'),
        evidence: notRun('evidence'),
      };
    }
    const chain = runChainCheck(db);
    const evidence =
      version < 2
        ? {
            id: 'evidence' as const,
            title: TITLES.evidence,
            status: 'skipped' as const,
            message: 'Case format 1 holds no evidence bytes.',
          }
        : runEvidenceCheck(db, tickFor?.(evidenceBytesIn(db)));
    return { schema, chain, head: runHeadCheck(db, chain.head, expectHead), evidence };
  })();
}

/** Check 2 on one snapshot, so a commit made meanwhile (the app writing) cannot look like tampering. */
export function runReplayOnSnapshot(db: Database): ReplayOutcome {
  return db.transaction((): ReplayOutcome => {
    const version = formatOf(db);
    if (!runSchemaCheck(db, version).tablesIntact) return { replay: notRun('replay') };
    return runReplayAndForm(db, stateTablesOf(version));
  })();
}

/** All checks on this thread (small cases, tests). */
export function verifyCase(caseDb: CaseDb, options: VerifyOptions = {}): VerifyReport {
  const started = performance.now();
  const snapshot = runSnapshotChecks(caseDb.db, options.expectHead);
  return assemble(snapshot, runReplayOnSnapshot(caseDb.db), started, options);
}

export type WorkerTask =
  /** `cancel`: Int32Array over a SharedArrayBuffer, [0] set to 1 to stop check 3 between two reads. */
  | { path: string; task: 'chain'; expectHead: Head | undefined; cancel?: SharedArrayBuffer }
  | { path: string; task: 'replay' };
export type WorkerReply =
  { ok: true; snapshot?: SnapshotChecks; replay?: ReplayOutcome } | { ok: false; message: string; cancelled?: boolean };
/** Check 3's progress, sent by the chain worker about ten times a second while it re-hashes bytes. */
export type WorkerProgress = { progress: { bytes: number; total: number } };

// Bundled builds ship the worker as out/main/verifyWorker.js beside the main bundle; from source
// (CLI, tests) Node runs the TypeScript file directly.
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './verifyWorker.ts' : '../verifyWorker.js',
  import.meta.url,
);

/**
 * Two long-lived workers, one per half of the work: starting a worker and loading its modules costs
 * more than verifying a mid-sized case, so they stay for the next verification. They are unref'd
 * while idle, so they never keep a process (the CLI, a test) alive.
 */
const pool = new Map<WorkerTask['task'], Worker>();

function workerFor(kind: WorkerTask['task']): Worker {
  let worker = pool.get(kind);
  if (!worker) {
    worker = new Worker(WORKER_URL);
    worker.on('exit', () => pool.delete(kind));
    worker.on('error', () => pool.delete(kind));
    worker.unref();
    pool.set(kind, worker);
  }
  return worker;
}

function runInWorker(
  task: WorkerTask,
  onProgress?: (progress: WorkerProgress['progress']) => void,
): Promise<WorkerReply> {
  const worker = workerFor(task.task);
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply | WorkerProgress) => {
      if ('progress' in reply) return onProgress?.(reply.progress);
      cleanup();
      resolve(reply);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`verification worker stopped (exit code ${code})`));
    };
    const cleanup = () => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      worker.unref();
    };
    worker.on('message', onMessage).once('error', onError).once('exit', onExit);
    worker.ref();
    worker.postMessage(task);
  });
}

/**
 * Starts the two workers ahead of need (the app calls this when it opens a large case), so the
 * first Verify a person presses does not wait for threads to start and modules to load.
 */
export function prepareVerifyWorkers(): void {
  workerFor('chain');
  workerFor('replay');
}

/** Ends the verification workers (app quit; tests). */
export async function stopVerifyWorkers(): Promise<void> {
  await Promise.all([...pool.values()].map((w) => w.terminate()));
  pool.clear();
}

/**
 * The same checks, with the chain and the replay on two worker threads reading their own
 * connections, so a large case verifies at twice the speed and the caller's thread stays free.
 * The caller must hold writes back until it resolves (handlers serialise calls).
 */
export async function verifyCaseInWorkers(
  caseDb: CaseDb,
  options: VerifyOptions & LongWork = {},
): Promise<VerifyReport> {
  const started = performance.now();
  const cancel = new SharedArrayBuffer(4);
  const onAbort = () => Atomics.store(new Int32Array(cancel), 0, 1);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const [chainReply, replayReply] = await Promise.all([
    runInWorker({ path: caseDb.readPath, task: 'chain', expectHead: options.expectHead, cancel }, options.onProgress),
    runInWorker({ path: caseDb.readPath, task: 'replay' }),
  ]).finally(() => options.signal?.removeEventListener('abort', onAbort));
  if (!chainReply.ok && chainReply.cancelled) {
    throw new CustosError(
      'CANCELLED',
      'Verification of the case was cancelled before it finished; run it again for a verdict',
    );
  }
  if (!chainReply.ok) throw new Error(chainReply.message);
  if (!replayReply.ok) throw new Error(replayReply.message);
  return assemble(chainReply.snapshot!, replayReply.replay!, started, options);
}

/** Below this many entries verification is quicker on the calling thread than starting workers. */
export const WORKER_THRESHOLD = 20_000;

/** Evidence bytes above this are re-hashed on a worker however short the audit log. */
export const EVIDENCE_BYTES_THRESHOLD = 32 * 1024 * 1024;

/** Bytes check 3 will read: stored blobs still held, and referenced files. */
export function evidenceBytesIn(db: Database): number {
  return db
    .prepare(
      `SELECT coalesce((SELECT sum(size) FROM evidence_blob WHERE disposed_at IS NULL), 0)
            + coalesce((SELECT sum(size) FROM evidence_item WHERE storage = 'reference' AND disposed = 0), 0)`,
    )
    .pluck()
    .get() as number;
}

export function evidenceBytes(caseDb: CaseDb): number {
  return evidenceBytesIn(caseDb.db);
}

/**
 * Small cases verify on the calling thread (quicker than starting workers); a long audit log or
 * much evidence goes to the workers, so the app's main process never hashes gigabytes itself.
 */
/** Progress of check 3 (bytes re-hashed of all evidence) and a cancel, for verification on the workers. */
export type LongWork = { onProgress?: (progress: { bytes: number; total: number }) => void; signal?: AbortSignal };

export async function verifyCaseAuto(caseDb: CaseDb, options: VerifyOptions & LongWork = {}): Promise<VerifyReport> {
  // Nothing is counted in tables that are not Custos's: a view standing in for audit_log could
  // run for ever. Such a case verifies on this thread, where only the schema check runs.
  if (!runSchemaCheck(caseDb.db, formatOf(caseDb.db)).tablesIntact) return verifyCase(caseDb, options);
  const entries = caseDb.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  const small = entries < WORKER_THRESHOLD && evidenceBytes(caseDb) < EVIDENCE_BYTES_THRESHOLD;
  return small ? verifyCase(caseDb, options) : verifyCaseInWorkers(caseDb, options);
}

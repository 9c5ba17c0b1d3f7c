import type { Actor } from '../../../../shared/domain/common.ts';
import { ZERO_HASH } from '../../../../shared/domain/common.ts';
import type { AuditEntry, RowChange } from '../../../../shared/domain/audit.ts';
import type { Clock } from '../../../../shared/logic/time.ts';
import { canonicalJson } from '../../../../shared/logic/canonicalJson.ts';
import { findIllFormedText } from '../../../../shared/logic/text.ts';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from './caseDb.ts';
import { entryHash } from '../format/chain.ts';
import { STATE_TABLES, rowImage } from '../format/stateTables.ts';
import type { RowValues, StateTable } from '../format/stateTables.ts';

export type MutationContext = { actor: Actor; clock: Clock };

export type RowWrite =
  | { op: 'insert'; table: StateTable; values: RowValues & { id: string } }
  | { op: 'update'; table: StateTable; id: string; values: RowValues };

export type Mutation = {
  action: string;
  entity: { type: string; id: string };
  writes: RowWrite[];
};

function checkColumns(table: StateTable, values: RowValues): void {
  const allowed: readonly string[] = STATE_TABLES[table];
  for (const column of Object.keys(values)) {
    if (!allowed.includes(column)) throw new CustosError('INTERNAL', `${table} has no column ${column}`);
  }
}

function readRow(caseDb: CaseDb, table: StateTable, id: string): RowValues | null {
  const row = caseDb.statement(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  return row ? rowImage(table, row) : null;
}

function applyWrite(caseDb: CaseDb, write: RowWrite): RowChange | null {
  checkColumns(write.table, write.values);
  if (write.op === 'insert') {
    const id = write.values.id;
    if (readRow(caseDb, write.table, id)) throw new CustosError('INTERNAL', `${write.table} ${id} already exists`);
    const columns = Object.keys(write.values);
    caseDb
      .statement(
        `INSERT INTO ${write.table} (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`,
      )
      .run(write.values);
    return { table: write.table, id, before: null, after: readRow(caseDb, write.table, id) };
  }
  const before = readRow(caseDb, write.table, write.id);
  if (!before) throw new CustosError('NOT_FOUND', `${write.table} ${write.id} does not exist in this case`);
  const changed = Object.keys(write.values).filter((column) => before[column] !== write.values[column]);
  if (changed.length === 0) return null;
  const assignments = changed.map((c) => `${c} = @${c}`).join(', ');
  const params: RowValues = { __id: write.id };
  for (const column of changed) params[column] = write.values[column]!;
  caseDb.statement(`UPDATE ${write.table} SET ${assignments} WHERE id = @__id`).run(params);
  return { table: write.table, id: write.id, before, after: readRow(caseDb, write.table, write.id) };
}

type HeadRow = { seq: number; hash: string };

/**
 * The one write path. In a single transaction it applies the row writes and appends an audit
 * entry holding each row's before and after image, the actor and the UTC time, chained to the
 * previous entry by hash. Returns null (and writes nothing) when no value actually changes.
 */
export function mutate(caseDb: CaseDb, ctx: MutationContext, mutation: Mutation): AuditEntry | null {
  // What is hashed must be what is stored: text SQLite would store as U+FFFD never gets this far.
  const illFormed = findIllFormedText({
    actor: ctx.actor,
    action: mutation.action,
    entity: mutation.entity,
    writes: mutation.writes.map((w) => w.values),
  });
  if (illFormed) {
    throw new CustosError(
      'INVALID_INPUT',
      `Text that is not well-formed (a lone UTF-16 surrogate) cannot be recorded: ${illFormed}; nothing was written`,
    );
  }
  caseDb.beforeWrite();
  return caseDb.db.transaction((): AuditEntry | null => {
    const changes: RowChange[] = [];
    for (const write of mutation.writes) {
      const change = applyWrite(caseDb, write);
      if (change) changes.push(change);
    }
    if (changes.length === 0) return null;
    const last = caseDb.statement('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      HeadRow | undefined;
    const fields = {
      seq: (last?.seq ?? 0) + 1,
      at: ctx.clock().toISOString(),
      actor: { name: ctx.actor.name, role: ctx.actor.role, organisation: ctx.actor.organisation },
      action: mutation.action,
      entityType: mutation.entity.type,
      entityId: mutation.entity.id,
      changesJson: canonicalJson(changes),
      prevHash: last?.hash ?? ZERO_HASH,
    };
    const hash = entryHash(fields);
    caseDb
      .statement(
        `INSERT INTO audit_log (seq, at, actor_name, actor_role, actor_organisation, action, entity_type, entity_id, changes, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        fields.seq,
        fields.at,
        fields.actor.name,
        fields.actor.role,
        fields.actor.organisation,
        fields.action,
        fields.entityType,
        fields.entityId,
        fields.changesJson,
        fields.prevHash,
        hash,
      );
    return {
      seq: fields.seq,
      at: fields.at,
      actor: fields.actor,
      action: fields.action,
      entity: mutation.entity,
      changes,
      prevHash: fields.prevHash,
      hash,
    };
  })();
}

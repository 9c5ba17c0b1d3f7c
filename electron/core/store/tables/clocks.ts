import type { ClockSubmission } from '../../../../shared/domain/clock.ts';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { mutate } from '../db/mutate.ts';
import type { MutationContext, RowWrite } from '../db/mutate.ts';
import { fromRow, toColumns } from './rowMapping.ts';

/**
 * notification_clock (one row per rule the examiner switched on or off, with its trigger time when
 * it is not the case's awareness) and clock_submission (each report made, never deleted).
 */

type Row = Record<string, unknown>;

export type ClockSetting = {
  id: string;
  ruleId: string;
  applies: boolean;
  triggerAt: string | null;
  triggerZone: string | null;
  notes: string;
  createdAt: string;
  updatedAt: string;
};

export function listClockSettings(caseDb: CaseDb): ClockSetting[] {
  return (caseDb.statement('SELECT * FROM notification_clock ORDER BY created_at, id').all() as Row[]).map((r) =>
    fromRow<ClockSetting>(r, { flags: ['applies'] }),
  );
}

export function findClockSetting(caseDb: CaseDb, ruleId: string): ClockSetting | null {
  const row = caseDb.statement('SELECT * FROM notification_clock WHERE rule_id = ?').get(ruleId) as Row | undefined;
  return row ? fromRow<ClockSetting>(row, { flags: ['applies'] }) : null;
}

type SettingValues = Omit<ClockSetting, 'createdAt' | 'updatedAt'>;

function settingWrite(setting: SettingValues, isNew: boolean, now: string): RowWrite {
  const values = toColumns({
    ruleId: setting.ruleId,
    applies: setting.applies,
    triggerAt: setting.triggerAt,
    triggerZone: setting.triggerZone,
    notes: setting.notes,
  });
  return isNew
    ? {
        op: 'insert',
        table: 'notification_clock',
        values: { id: setting.id, ...values, created_at: now, updated_at: now },
      }
    : { op: 'update', table: 'notification_clock', id: setting.id, values: { ...values, updated_at: now } };
}

/** A rule switched on or off, or its trigger set, as one audited write (the row made on first use). */
export function saveClockSetting(caseDb: CaseDb, ctx: MutationContext, setting: SettingValues, isNew: boolean): void {
  mutate(caseDb, ctx, {
    action: 'clock.set',
    entity: { type: 'notification_clock', id: setting.id },
    writes: [settingWrite(setting, isNew, ctx.clock().toISOString())],
  });
}

export function listSubmissions(caseDb: CaseDb, includeRemoved = false): ClockSubmission[] {
  const sql = `SELECT * FROM clock_submission ${includeRemoved ? '' : 'WHERE removed = 0'} ORDER BY submitted_at, id`;
  return (caseDb.statement(sql).all() as Row[]).map((r) => fromRow<ClockSubmission>(r, { flags: ['removed'] }));
}

export function getSubmission(caseDb: CaseDb, id: string): ClockSubmission {
  const row = caseDb.statement('SELECT * FROM clock_submission WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new CustosError('NOT_FOUND', `submission ${id} does not exist in this case`);
  return fromRow<ClockSubmission>(row, { flags: ['removed'] });
}

/**
 * A submission recorded; with `switchOn`, the rule it answers is switched on in the same audited
 * write (a report was made, so the rule applies to the case: the two are never seen apart).
 */
export function insertSubmission(
  caseDb: CaseDb,
  ctx: MutationContext,
  submission: Omit<ClockSubmission, 'createdAt' | 'removed'>,
  switchOn?: { setting: SettingValues; isNew: boolean },
): void {
  const now = ctx.clock().toISOString();
  mutate(caseDb, ctx, {
    action: 'clock.submitted',
    entity: { type: 'clock_submission', id: submission.id },
    writes: [
      {
        op: 'insert',
        table: 'clock_submission',
        values: { ...toColumns(submission), id: submission.id, created_at: now, removed: 0 },
      },
      ...(switchOn ? [settingWrite({ ...switchOn.setting, applies: true }, switchOn.isNew, now)] : []),
    ],
  });
}

export function removeSubmission(caseDb: CaseDb, ctx: MutationContext, id: string): void {
  mutate(caseDb, ctx, {
    action: 'clock.submission.remove',
    entity: { type: 'clock_submission', id },
    writes: [{ op: 'update', table: 'clock_submission', id, values: { removed: 1 } }],
  });
}

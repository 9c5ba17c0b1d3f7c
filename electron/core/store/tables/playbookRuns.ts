import type { AccessItem, PlaybookRun, StepState } from '../../../../shared/domain/playbook.ts';
import { CustosError } from '../../errors.ts';
import type { CaseDb } from '../db/caseDb.ts';
import { mutate } from '../db/mutate.ts';
import type { MutationContext, RowWrite } from '../db/mutate.ts';

/**
 * playbook_run, playbook_step, playbook_proof and access_item: a playbook run inside a case, each
 * step's recorded state, the proof a step rests on, and the access inventory of a termination.
 * Every change is one audited write; nothing is deleted (proof and inventory rows are marked removed).
 */

type Row = Record<string, string | number | null>;
const text = (r: Row, k: string) => String(r[k] ?? '');
const maybe = (r: Row, k: string) => (r[k] === null || r[k] === undefined ? null : String(r[k]));

function rowToRun(r: Row): PlaybookRun {
  return {
    id: text(r, 'id'),
    title: text(r, 'title'),
    templateId: text(r, 'template_id'),
    templateName: text(r, 'template_name'),
    templateVersion: text(r, 'template_version'),
    templateSha256: text(r, 'template_sha256'),
    anchorAt: text(r, 'anchor_at'),
    anchorZone: text(r, 'anchor_zone'),
    status: text(r, 'status') as PlaybookRun['status'],
    startedBy: text(r, 'started_by'),
    createdAt: text(r, 'created_at'),
    updatedAt: text(r, 'updated_at'),
  };
}

export type RunValues = Omit<PlaybookRun, 'createdAt' | 'updatedAt'> & { templateCacao: string };

/** A step row as stored: the state of one template step in one run. */
export type StepRecord = {
  id: string;
  runId: string;
  stepId: string;
  state: StepState;
  assignee: string;
  doneAt: string | null;
  doneZone: string | null;
  doneBy: string;
  outcome: string;
  reason: string;
  outOfOrder: boolean;
};

function rowToStep(r: Row): StepRecord {
  return {
    id: text(r, 'id'),
    runId: text(r, 'run_id'),
    stepId: text(r, 'step_id'),
    state: text(r, 'state') as StepState,
    assignee: text(r, 'assignee'),
    doneAt: maybe(r, 'done_at'),
    doneZone: maybe(r, 'done_zone'),
    doneBy: text(r, 'done_by'),
    outcome: text(r, 'outcome'),
    reason: text(r, 'reason'),
    outOfOrder: r.out_of_order === 1,
  };
}

export function listRuns(caseDb: CaseDb): PlaybookRun[] {
  return (caseDb.statement('SELECT * FROM playbook_run ORDER BY created_at, id').all() as Row[]).map(rowToRun);
}

export function getRun(caseDb: CaseDb, id: string): PlaybookRun & { templateCacao: string } {
  const row = caseDb.statement('SELECT * FROM playbook_run WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new CustosError('NOT_FOUND', `playbook run ${id} does not exist in this case`);
  return { ...rowToRun(row), templateCacao: text(row, 'template_cacao') };
}

export function runStepRecords(caseDb: CaseDb, runId: string): StepRecord[] {
  return (caseDb.statement('SELECT * FROM playbook_step WHERE run_id = ? ORDER BY rowid').all(runId) as Row[]).map(
    rowToStep,
  );
}

/** Starts a run: the run row and one pending row per step to do, in one audited write. */
export function insertRun(
  caseDb: CaseDb,
  ctx: MutationContext,
  run: RunValues,
  steps: { id: string; stepId: string; state: StepState }[],
): void {
  const now = ctx.clock().toISOString();
  const writes: RowWrite[] = [
    {
      op: 'insert',
      table: 'playbook_run',
      values: {
        id: run.id,
        title: run.title,
        template_id: run.templateId,
        template_name: run.templateName,
        template_version: run.templateVersion,
        template_cacao: run.templateCacao,
        template_sha256: run.templateSha256,
        anchor_at: run.anchorAt,
        anchor_zone: run.anchorZone,
        status: run.status,
        started_by: run.startedBy,
        created_at: now,
        updated_at: now,
      },
    },
    ...steps.map((step): RowWrite => ({
      op: 'insert',
      table: 'playbook_step',
      values: {
        id: step.id,
        run_id: run.id,
        step_id: step.stepId,
        state: step.state,
        assignee: '',
        done_at: null,
        done_zone: null,
        done_by: '',
        outcome: '',
        reason: '',
        out_of_order: 0,
        created_at: now,
        updated_at: now,
      },
    })),
  ];
  mutate(caseDb, ctx, { action: 'playbook.start', entity: { type: 'playbook_run', id: run.id }, writes });
}

/** A run closed when its work is over (or opened again), as one audited write. */
export function setRunStatus(caseDb: CaseDb, ctx: MutationContext, runId: string, status: PlaybookRun['status']): void {
  mutate(caseDb, ctx, {
    action: status === 'closed' ? 'playbook.close' : 'playbook.reopen',
    entity: { type: 'playbook_run', id: runId },
    writes: [
      { op: 'update', table: 'playbook_run', id: runId, values: { status, updated_at: ctx.clock().toISOString() } },
    ],
  });
}

const stepValues = (step: StepRecord, now: string) => ({
  state: step.state,
  assignee: step.assignee,
  done_at: step.doneAt,
  done_zone: step.doneZone,
  done_by: step.doneBy,
  outcome: step.outcome,
  reason: step.reason,
  out_of_order: step.outOfOrder ? 1 : 0,
  updated_at: now,
});

const stepUpdate = (step: StepRecord, now: string): RowWrite => ({
  op: 'update',
  table: 'playbook_step',
  id: step.id,
  values: stepValues(step, now),
});

/** One change to one step, with the proof it adds, as one audited write. */
export function updateStep(
  caseDb: CaseDb,
  ctx: MutationContext,
  step: StepRecord,
  proof: { id: string; targetType: string; targetId: string }[],
): void {
  const now = ctx.clock().toISOString();
  mutate(caseDb, ctx, {
    action: 'playbook.step',
    entity: { type: 'playbook_step', id: step.id },
    writes: [
      stepUpdate(step, now),
      ...proof.map((p): RowWrite => ({
        op: 'insert',
        table: 'playbook_proof',
        values: {
          id: p.id,
          run_id: step.runId,
          step_id: step.stepId,
          target_type: p.targetType,
          target_id: p.targetId,
          created_at: now,
          removed: 0,
        },
      })),
    ],
  });
}

/**
 * A branch decided: the decision's own record (written the first time it is answered) and the steps
 * it sets aside or brings back, as one audited write.
 */
export function recordDecision(
  caseDb: CaseDb,
  ctx: MutationContext,
  decision: StepRecord,
  isNew: boolean,
  steps: StepRecord[],
): void {
  const now = ctx.clock().toISOString();
  mutate(caseDb, ctx, {
    action: 'playbook.decide',
    entity: { type: 'playbook_step', id: decision.id },
    writes: [
      isNew
        ? {
            op: 'insert',
            table: 'playbook_step',
            values: {
              id: decision.id,
              run_id: decision.runId,
              step_id: decision.stepId,
              ...stepValues(decision, now),
              created_at: now,
            },
          }
        : stepUpdate(decision, now),
      ...steps.map((step) => stepUpdate(step, now)),
    ],
  });
}

export function runProofs(
  caseDb: CaseDb,
  runId: string,
): { id: string; stepId: string; targetType: string; targetId: string }[] {
  return (
    caseDb
      .statement(
        'SELECT id, step_id, target_type, target_id FROM playbook_proof WHERE run_id = ? AND removed = 0 ORDER BY rowid',
      )
      .all(runId) as Row[]
  ).map((r) => ({
    id: text(r, 'id'),
    stepId: text(r, 'step_id'),
    targetType: text(r, 'target_type'),
    targetId: text(r, 'target_id'),
  }));
}

// ---- access inventory ----------------------------------------------------------------------------

function rowToAccess(r: Row): AccessItem {
  return {
    id: text(r, 'id'),
    runId: maybe(r, 'run_id'),
    category: text(r, 'category'),
    system: text(r, 'system'),
    identifier: text(r, 'identifier'),
    owner: text(r, 'owner'),
    status: text(r, 'status') as AccessItem['status'],
    revokedAt: maybe(r, 'revoked_at'),
    verifiedAt: maybe(r, 'verified_at'),
    proofItemId: maybe(r, 'proof_item_id'),
    notes: text(r, 'notes'),
    createdAt: text(r, 'created_at'),
    updatedAt: text(r, 'updated_at'),
  };
}

export function listAccessItems(caseDb: CaseDb): AccessItem[] {
  return (caseDb.statement('SELECT * FROM access_item WHERE removed = 0 ORDER BY rowid').all() as Row[]).map(
    rowToAccess,
  );
}

export type AccessValues = Omit<AccessItem, 'createdAt' | 'updatedAt'>;

/** Adds access items (one, or a whole imported list) in one audited write: all of them or none. */
export function insertAccessItems(caseDb: CaseDb, ctx: MutationContext, items: AccessValues[], action: string): void {
  const now = ctx.clock().toISOString();
  mutate(caseDb, ctx, {
    action,
    entity: { type: 'access_item', id: items[0]?.id ?? '' },
    writes: items.map((item): RowWrite => ({
      op: 'insert',
      table: 'access_item',
      values: {
        id: item.id,
        run_id: item.runId,
        category: item.category,
        system: item.system,
        identifier: item.identifier,
        owner: item.owner,
        status: item.status,
        revoked_at: item.revokedAt,
        verified_at: item.verifiedAt,
        proof_item_id: item.proofItemId,
        notes: item.notes,
        created_at: now,
        updated_at: now,
        removed: 0,
      },
    })),
  });
}

/** A change of an access item's status (revoked, verified dead…), with when and the proof, as one audited write. */
export function updateAccessItem(caseDb: CaseDb, ctx: MutationContext, item: AccessValues): void {
  mutate(caseDb, ctx, {
    action: 'access.update',
    entity: { type: 'access_item', id: item.id },
    writes: [
      {
        op: 'update',
        table: 'access_item',
        id: item.id,
        values: {
          status: item.status,
          revoked_at: item.revokedAt,
          verified_at: item.verifiedAt,
          proof_item_id: item.proofItemId,
          notes: item.notes,
          updated_at: ctx.clock().toISOString(),
        },
      },
    ],
  });
}

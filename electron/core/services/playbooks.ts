import { createHash, randomUUID } from 'node:crypto';
import type {
  AccessItem,
  AccessLineVerdict,
  PlaybookRun,
  PlaybookStep,
  PlaybookTemplate,
  RunDetail,
  RunStep,
  StepState,
} from '../../../shared/domain/playbook.ts';
import {
  ACCESS_STATUSES,
  AccessDraft as AccessDraftSchema,
  SETTLED_STATES,
  STATES_NEEDING_REASON,
} from '../../../shared/domain/playbook.ts';
import { parseCsv } from '../../../shared/logic/csv.ts';
import { CustosError } from '../errors.ts';
import { ancestors, branchOptions, inBranches, isDecision, onPath } from '../playbooks/flow.ts';
import { exportCacaoPlaybook, parseCacaoPlaybook } from '../playbooks/importCacao.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import type { MutationContext } from '../store/db/mutate.ts';
import { getEvidence } from '../store/tables/evidenceItems.ts';
import { getNote } from '../store/tables/notes.ts';
import {
  getRun,
  insertAccessItems,
  insertRun,
  listAccessItems,
  listRuns,
  recordDecision,
  runProofs,
  setRunStatus,
  runStepRecords,
  updateAccessItem,
  updateStep,
} from '../store/tables/playbookRuns.ts';
import type { AccessValues, StepRecord } from '../store/tables/playbookRuns.ts';
import { getTimelineEvent, insertTimelineEvent } from '../store/tables/timelineEvents.ts';
import { resolveOrExplain, timeOrNow } from './timeInput.ts';

/**
 * Playbook runs inside a case: started from a template at an anchor time T0, each step moved
 * through its states by a named person at a recorded time, with proof. Out-of-order work is
 * allowed and recorded as such: revocation under pressure is messy, and the record must be honest.
 */

const INDICATOR_STATES: readonly StepState[] = ['observed', 'not_observed', 'unknown'];
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export { listRuns };

/** Starts a run of `template` at T0 (a time as entered, with its zone); the template is copied in. */
export function startRun(
  caseDb: CaseDb,
  ctx: MutationContext,
  template: PlaybookTemplate,
  input: { title?: string | undefined; t0: string; zone?: string | undefined },
): RunDetail {
  const anchor = resolveOrExplain(input.t0, input.zone, `${template.anchor.label} (--t0)`);
  const cacao = exportCacaoPlaybook(template);
  const id = randomUUID();
  const initial: StepState = template.kind === 'indicators' ? 'unknown' : 'pending';
  insertRun(
    caseDb,
    ctx,
    {
      id,
      title: input.title?.trim() || template.name,
      templateId: template.id,
      templateName: template.name,
      templateVersion: template.modified,
      templateCacao: cacao,
      templateSha256: sha256(cacao),
      anchorAt: anchor.utc,
      anchorZone: anchor.zone,
      status: 'active',
      startedBy: ctx.actor.name,
    },
    template.steps.filter((s) => s.type === 'action').map((s) => ({ id: randomUUID(), stepId: s.id, state: initial })),
  );
  return runDetail(caseDb, id, ctx.clock());
}

/** The run a person names: its id, or (none given) the only run of the case. */
export function findRun(caseDb: CaseDb, ref: string | undefined): PlaybookRun {
  const runs = listRuns(caseDb);
  if (ref) {
    const run = runs.find((r) => r.id === ref || r.id.startsWith(ref));
    if (!run) throw new CustosError('NOT_FOUND', `no playbook run ${ref} in this case`);
    return run;
  }
  if (runs.length === 1) return runs[0]!;
  throw new CustosError(
    'NOT_FOUND',
    runs.length === 0
      ? 'this case has no playbook run yet'
      : `this case has ${runs.length} playbook runs; name one by its id`,
  );
}

/**
 * Templates already checked, by the SHA-256 of their CACAO text: a run's copy is hashed every time
 * it is read (cheap), but parsed and checked against the schemas once per process (not cheap for
 * hundreds of steps), since the same bytes give the same template.
 */
const checkedTemplates = new Map<string, PlaybookTemplate>();

/** Forgets the checked templates, as a new process starts: for measuring a first open. */
export function forgetCheckedTemplates(): void {
  checkedTemplates.clear();
}

/** The template a run was started from, as copied into the case: checked against its hash, and as a playbook. */
function runTemplate(caseDb: CaseDb, runId: string): { run: PlaybookRun; template: PlaybookTemplate } {
  const { templateCacao, ...run } = getRun(caseDb, runId);
  const hash = sha256(templateCacao);
  if (hash !== run.templateSha256) {
    throw new CustosError(
      'CORRUPT',
      `the playbook copied into run ${run.id} no longer matches its recorded SHA-256; verify the case`,
    );
  }
  let template = checkedTemplates.get(hash);
  if (!template) {
    template = parseCacaoPlaybook(new TextEncoder().encode(templateCacao), `run ${run.id}`);
    if (checkedTemplates.size >= 16) checkedTemplates.delete(checkedTemplates.keys().next().value!);
    checkedTemplates.set(hash, template);
  }
  return { run, template };
}

function proofLabel(caseDb: CaseDb, targetType: string, targetId: string): string {
  try {
    if (targetType === 'evidence_item') {
      const item = getEvidence(caseDb, targetId);
      return `${item.exhibit} ${item.description || item.originalName}`.trim();
    }
    if (targetType === 'note') return getNote(caseDb, targetId).body.split('\n', 1)[0] ?? '';
    return getTimelineEvent(caseDb, targetId).title;
  } catch {
    return `${targetType} ${targetId} (not found)`;
  }
}

/** The answers given so far: decision step id → the value of the answer recorded for it. */
function answersOf(template: PlaybookTemplate, records: readonly StepRecord[]): Map<string, string> {
  const answers = new Map<string, string>();
  for (const record of records) {
    const step = template.steps.find((s) => s.id === record.stepId);
    if (!step || !isDecision(step) || record.state !== 'done') continue;
    const option = branchOptions(template, step).find((o) => o.label === record.outcome);
    if (option) answers.set(step.id, option.value);
  }
  return answers;
}

/**
 * A run with every step's state, when it is due, and whether it is overdue at `now`. Decisions (if
 * and switch steps) are listed where they fall, answered or not; one on a branch not taken is not
 * applicable.
 */
export function runDetail(caseDb: CaseDb, runId: string, now: Date): RunDetail {
  const { run, template } = runTemplate(caseDb, runId);
  const stored = runStepRecords(caseDb, run.id);
  const records = new Map(stored.map((r) => [r.stepId, r]));
  const path = onPath(template, answersOf(template, stored));
  const proofs = runProofs(caseDb, run.id);
  const roles = new Map(template.roles.map((r) => [r.id, r.name]));
  const dueAt = (step: PlaybookStep): string | null => {
    if (!step.due) return null;
    const base = step.due.from === 'T0' ? run.anchorAt : records.get(step.due.from)?.doneAt;
    return base ? new Date(Date.parse(base) + step.due.minutes * 60_000).toISOString() : null;
  };
  const steps: RunStep[] = template.steps.flatMap((step) => {
    const decision = isDecision(step);
    const stored = records.get(step.id);
    // An answer given on a branch an earlier answer has since set aside no longer applies.
    const record: StepRecord | undefined =
      (stored && decision && !path.has(step.id)
        ? { ...stored, state: 'not_applicable', reason: 'Branch not taken' }
        : stored) ??
      (decision
        ? {
            id: '',
            runId: run.id,
            stepId: step.id,
            state: path.has(step.id) ? 'pending' : 'not_applicable',
            assignee: '',
            doneAt: null,
            doneZone: null,
            doneBy: '',
            outcome: '',
            reason: path.has(step.id) ? '' : 'Branch not taken',
            outOfOrder: false,
          }
        : undefined);
    if (!record) return [];
    const due = dueAt(step);
    return [
      {
        rowId: record.id,
        stepId: step.id,
        kind: decision ? 'decision' : 'action',
        options: branchOptions(template, step),
        code: step.code,
        name: step.name,
        phase: step.phase,
        role: (step.role && roles.get(step.role)) || '',
        state: record.state,
        assignee: record.assignee,
        doneAt: record.doneAt,
        doneZone: record.doneZone,
        doneBy: record.doneBy,
        outcome: record.outcome,
        reason: record.reason,
        outOfOrder: record.outOfOrder,
        dueAt: due,
        overdue: due !== null && Date.parse(due) < now.getTime() && !SETTLED_STATES.includes(record.state),
        proof: proofs
          .filter((p) => p.stepId === step.id)
          .map((p) => ({
            id: p.id,
            targetType: p.targetType,
            targetId: p.targetId,
            label: proofLabel(caseDb, p.targetType, p.targetId),
          })),
      },
    ];
  });
  return { run, template, steps };
}

/**
 * Whether something that should come first is not settled yet: a step the flow puts before this
 * one, a named prerequisite, or a question on the way that is not answered while this step is
 * in one of its branches (done before anyone said that branch applies).
 */
function unsettledBefore(
  template: PlaybookTemplate,
  step: PlaybookStep,
  records: readonly StepRecord[],
  answers: ReadonlyMap<string, string>,
): boolean {
  const before = ancestors(template, step.id);
  const open = records.some(
    (r) => (before.has(r.stepId) || step.after.includes(r.stepId)) && !SETTLED_STATES.includes(r.state),
  );
  return (
    open ||
    template.steps.some(
      (d) => isDecision(d) && before.has(d.id) && !answers.has(d.id) && inBranches(template, d).has(step.id),
    )
  );
}

/** A closed run is a finished record: it changes only after it is opened again. */
function assertOpen(run: PlaybookRun): void {
  if (run.status === 'closed') {
    throw new CustosError(
      'INVALID_INPUT',
      `the run "${run.title}" is closed; reopen it first (custos playbook close CASE --reopen, or Reopen run in the app)`,
    );
  }
}

/**
 * Closes a run when its work is over, or opens it again: one audited write. Steps still open stay
 * as they are, and the record says so; closing does not pretend they were done.
 */
export function setRunClosed(
  caseDb: CaseDb,
  ctx: MutationContext,
  runRef: string | undefined,
  closed: boolean,
): PlaybookRun {
  const run = findRun(caseDb, runRef);
  const status = closed ? 'closed' : 'active';
  if (run.status === status) {
    throw new CustosError('INVALID_INPUT', `the run "${run.title}" is already ${closed ? 'closed' : 'open'}`);
  }
  setRunStatus(caseDb, ctx, run.id, status);
  return findRun(caseDb, run.id);
}

/** Finds a step of a run by its code (B4) or id, for a change or a decision. */
function findStep(template: PlaybookTemplate, run: PlaybookRun, stepRef: string, decision: boolean): PlaybookStep {
  const wanted = stepRef.trim().toLowerCase();
  const step = template.steps.find((s) => s.code.toLowerCase() === wanted || s.id === stepRef.trim());
  if (!step || (step.type !== 'action' && !isDecision(step))) {
    throw new CustosError(
      'NOT_FOUND',
      `no step ${stepRef} in the run "${run.title}"; custos playbook show lists its steps`,
    );
  }
  if (decision !== isDecision(step)) {
    throw new CustosError(
      'INVALID_INPUT',
      decision
        ? `${stepRef} is a step to do, not a question; mark it with custos playbook step`
        : `${stepRef} is a question ("${step.name}"); answer it with custos playbook decide ${stepRef} --answer …`,
    );
  }
  return step;
}

const BRANCH_NOT_TAKEN = 'Branch not taken: ';

/**
 * Answers a branch (an if or switch step) as one audited write: the answer, who gave it and when;
 * the steps only the other answers lead to become not applicable, naming the decision as the
 * reason. Answering again differently brings those steps back (pending) and sets the others aside.
 * Steps a person already settled keep what they recorded.
 */
export function decideBranch(
  caseDb: CaseDb,
  ctx: MutationContext,
  runRef: string | undefined,
  stepRef: string,
  input: { answer: string; at?: string | undefined; zone?: string | undefined; reason?: string | undefined },
): RunStep {
  const { run, template } = runTemplate(caseDb, findRun(caseDb, runRef).id);
  assertOpen(run);
  const step = findStep(template, run, stepRef, true);
  const options = branchOptions(template, step);
  // Exactly as written first (a switch may have cases that differ only in case), then loosely.
  const given = input.answer.trim();
  const wanted = given.toLowerCase();
  const option =
    options.find((o) => o.value === given || o.label === given) ??
    options.find(
      (o) =>
        o.value.toLowerCase() === wanted ||
        o.label.toLowerCase() === wanted ||
        (o.value === 'true' && ['y', 'yes'].includes(wanted)) ||
        (o.value === 'false' && ['n', 'no'].includes(wanted)),
    );
  if (!option) {
    throw new CustosError(
      'INVALID_INPUT',
      `"${input.answer}" is not an answer to "${step.name}"; the answers are ${options.map((o) => o.label).join(', ')}`,
    );
  }
  const records = runStepRecords(caseDb, run.id);
  const answers = answersOf(template, records);
  if (!onPath(template, answers).has(step.id)) {
    throw new CustosError(
      'INVALID_INPUT',
      `"${step.name}" is on a branch an earlier answer set aside; change that answer first`,
    );
  }
  answers.set(step.id, option.value);
  const path = onPath(template, answers);
  const when = timeOrNow(input.at, input.zone, ctx.clock(), 'When it was decided (--at)');
  const existing = records.find((r) => r.stepId === step.id);
  const decision: StepRecord = {
    id: existing?.id ?? randomUUID(),
    runId: run.id,
    stepId: step.id,
    state: 'done',
    assignee: existing?.assignee ?? '',
    doneAt: when.utc,
    doneZone: when.zone,
    doneBy: ctx.actor.name,
    outcome: option.label,
    reason: input.reason?.trim() ?? '',
    outOfOrder: unsettledBefore(template, step, records, answers),
  };
  const because = `${BRANCH_NOT_TAKEN}"${step.name}" was answered ${option.label}`;
  const changed = records.flatMap((r): StepRecord[] => {
    if (r.stepId === step.id) return [];
    const setAside = r.state === 'not_applicable' && r.reason.startsWith(BRANCH_NOT_TAKEN);
    // What nobody settled is set aside: waiting, under way, blocked, or an indicator still unknown.
    const open = r.state === 'pending' || r.state === 'in_progress' || r.state === 'blocked' || r.state === 'unknown';
    if (!path.has(r.stepId) && open) {
      return [{ ...r, state: 'not_applicable', reason: because, outOfOrder: false }];
    }
    if (path.has(r.stepId) && setAside) {
      return [{ ...r, state: template.kind === 'indicators' ? 'unknown' : 'pending', reason: '' }];
    }
    return [];
  });
  recordDecision(caseDb, ctx, decision, !existing, changed);
  return runDetail(caseDb, run.id, ctx.clock()).steps.find((s) => s.stepId === step.id)!;
}

export type StepChange = {
  state: StepState;
  /** When it was actually done, as entered (default: now), and the zone it was read in. */
  at?: string | undefined;
  zone?: string | undefined;
  outcome?: string | undefined;
  reason?: string | undefined;
  assignee?: string | undefined;
  /** Exhibit numbers (E-0003) or ids of evidence items, notes and timeline events. */
  proof?: readonly string[] | undefined;
  /** Also put the finished step on the case timeline (category response), at the time it was done. */
  onTimeline?: boolean | undefined;
};

function resolveProof(caseDb: CaseDb, ref: string): { targetType: string; targetId: string } {
  const attempts: [string, (id: string) => { id: string }][] = [
    ['evidence_item', (id) => getEvidence(caseDb, id)],
    ['note', (id) => getNote(caseDb, id)],
    ['timeline_event', (id) => getTimelineEvent(caseDb, id)],
  ];
  for (const [targetType, get] of attempts) {
    try {
      return { targetType, targetId: get(ref).id };
    } catch {
      // Not of this kind; try the next.
    }
  }
  throw new CustosError('NOT_FOUND', `proof ${ref} is not an exhibit, note or timeline event of this case`);
}

/**
 * Moves one step (named by its code, such as B4, or its id) to a new state, as one audited write.
 * Done records when it was actually done, by whom and with what outcome; skipped, blocked and not
 * applicable need a reason; reopening (pending, in progress) clears when it was done.
 */
export function changeStep(
  caseDb: CaseDb,
  ctx: MutationContext,
  runRef: string | undefined,
  stepRef: string,
  change: StepChange,
): RunStep {
  const { run, template } = runTemplate(caseDb, findRun(caseDb, runRef).id);
  assertOpen(run);
  const step = findStep(template, run, stepRef, false);
  const records = runStepRecords(caseDb, run.id);
  const record = records.find((r) => r.stepId === step.id);
  if (!record) {
    throw new CustosError(
      'NOT_FOUND',
      `no step ${stepRef} in the run "${run.title}"; custos playbook show lists its steps`,
    );
  }
  const indicators = template.kind === 'indicators';
  if (indicators !== INDICATOR_STATES.includes(change.state) && change.state !== 'not_applicable') {
    throw new CustosError(
      'INVALID_INPUT',
      indicators
        ? `an indicator is observed, not_observed or unknown (or not_applicable), not ${change.state}`
        : `a step is pending, in_progress, done, skipped, blocked or not_applicable, not ${change.state}`,
    );
  }
  const reason = change.reason?.trim() ?? '';
  if (STATES_NEEDING_REASON.includes(change.state) && !reason) {
    throw new CustosError('INVALID_INPUT', `a step marked ${change.state.replace('_', ' ')} needs a reason`);
  }
  const settles = SETTLED_STATES.includes(change.state) && change.state !== 'not_applicable';
  const when = settles ? timeOrNow(change.at, change.zone, ctx.clock(), 'When it was done (--at)') : null;
  const unsettled = unsettledBefore(template, step, records, answersOf(template, records));
  const proof = (change.proof ?? []).map((ref) => ({ id: randomUUID(), ...resolveProof(caseDb, ref) }));
  const updated: StepRecord = {
    ...record,
    state: change.state,
    assignee: change.assignee?.trim() ?? record.assignee,
    doneAt: when?.utc ?? null,
    doneZone: when?.zone ?? null,
    doneBy: when ? ctx.actor.name : '',
    outcome: change.outcome?.trim() ?? (when ? record.outcome : ''),
    reason,
    outOfOrder: settles && unsettled,
  };
  // The step and its timeline event land together or not at all.
  caseDb.transaction(() => {
    updateStep(caseDb, ctx, updated, proof);
    if (change.onTimeline && when) {
      // The instant is already resolved (and its zone known): it goes in as it is, not read again.
      insertTimelineEvent(caseDb, ctx, randomUUID(), {
        occurredAt: when.utc,
        zone: when.zone,
        title: `${step.code ? `${step.code} ` : ''}${step.name} (${change.state.replace('_', ' ')})`,
        description: [updated.outcome, reason].filter(Boolean).join('\n'),
        source: `Playbook run "${run.title}"`,
        category: 'response',
      });
    }
  });
  return runDetail(caseDb, run.id, ctx.clock()).steps.find((s) => s.stepId === step.id)!;
}

// ---- access inventory ------------------------------------------------------------------------------

export type AccessDraft = Omit<AccessValues, 'id' | 'runId' | 'proofItemId'> & { proof?: string | undefined };

export function listAccess(caseDb: CaseDb): AccessItem[] {
  return listAccessItems(caseDb);
}

/** Adds access items to the inventory (of the case's run when it has exactly one), all or none. */
export function addAccessItems(caseDb: CaseDb, ctx: MutationContext, drafts: readonly AccessDraft[]): AccessItem[] {
  const runs = listRuns(caseDb);
  const runId = runs.length === 1 ? runs[0]!.id : null;
  // The inventory of a closed run is part of its finished record.
  if (runs.length === 1) assertOpen(runs[0]!);
  const items: AccessValues[] = drafts.map(({ proof, ...draft }) => ({
    ...draft,
    id: randomUUID(),
    runId,
    proofItemId: proof ? getEvidence(caseDb, proof).id : null,
  }));
  insertAccessItems(caseDb, ctx, items, items.length === 1 ? 'access.add' : 'access.import');
  const added = new Set(items.map((i) => i.id));
  return listAccessItems(caseDb).filter((i) => added.has(i.id));
}

export const ACCESS_COLUMNS = ['system', 'identifier', 'category', 'owner', 'status', 'revoked_at', 'notes'] as const;

export type { AccessLineVerdict };

/**
 * An access inventory from CSV (an identity provider's app-assignment export, a spreadsheet): a
 * header row naming the columns, then one account, key or device per line. Every line gets a
 * verdict (added, already present, refused with the reason), and this writes nothing: it is the
 * preview a person reads before importing. A file that is not an inventory at all is refused.
 */
export function previewAccessCsv(
  caseDb: CaseDb,
  text: string,
): { verdicts: AccessLineVerdict[]; drafts: AccessDraft[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    throw new CustosError('INVALID_INPUT', `not CSV: ${(error as Error).message}; nothing was imported`);
  }
  const [header, ...rows] = records;
  if (!header) throw new CustosError('INVALID_INPUT', 'the file is empty; it needs a header row (system,identifier,…)');
  const columns = header.fields.map((f) =>
    f
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const twice = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (twice.length > 0) {
    throw new CustosError(
      'INVALID_INPUT',
      `line ${header.line}: the header names ${[...new Set(twice)].map((c) => `"${c}"`).join(', ')} twice; each column once; nothing was imported`,
    );
  }
  const unknown = columns.filter((c) => !(ACCESS_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0 || !columns.includes('system') || !columns.includes('identifier')) {
    throw new CustosError(
      'INVALID_INPUT',
      `line ${header.line}: the header must name system and identifier${unknown.length > 0 ? `, and ${unknown.map((u) => `"${u}"`).join(', ')} is not a column` : ''} (columns: ${ACCESS_COLUMNS.join(', ')}); nothing was imported`,
    );
  }
  const existing = new Set(
    listAccessItems(caseDb).map((i) => `${i.system.toLowerCase()}\u0000${i.identifier.toLowerCase()}`),
  );
  const verdicts: AccessLineVerdict[] = [];
  const drafts: AccessDraft[] = [];
  for (const { line, fields } of rows) {
    const value = (name: string) => (fields[columns.indexOf(name)] ?? '').trim();
    const system = value('system');
    const identifier = value('identifier');
    const refuse = (reason: string) => verdicts.push({ line, verdict: 'refused', system, identifier, reason });
    if (fields.length !== columns.length) {
      refuse(`${fields.length} fields where the header has ${columns.length}`);
      continue;
    }
    if (!system || !identifier) {
      refuse('system and identifier are required');
      continue;
    }
    const status = value('status') || 'active';
    if (!(ACCESS_STATUSES as readonly string[]).includes(status)) {
      refuse(`status "${status}" is not one of ${ACCESS_STATUSES.join(', ')}`);
      continue;
    }
    let revokedAt: string | null = null;
    if (value('revoked_at')) {
      try {
        revokedAt = resolveOrExplain(value('revoked_at'), undefined, 'revoked_at').utc;
      } catch (error) {
        refuse((error as Error).message);
        continue;
      }
    }
    if (revokedAt && status === 'active') {
      refuse('a revoked_at with status active; say revoked (or leave revoked_at empty)');
      continue;
    }
    const limits = AccessDraftSchema.safeParse({
      system,
      identifier,
      category: value('category'),
      owner: value('owner'),
      status,
      notes: value('notes'),
    });
    if (!limits.success) {
      refuse(limits.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      continue;
    }
    const key = `${system.toLowerCase()}\u0000${identifier.toLowerCase()}`;
    if (existing.has(key)) {
      verdicts.push({ line, verdict: 'already present', system, identifier, reason: '' });
      continue;
    }
    existing.add(key);
    verdicts.push({ line, verdict: 'added', system, identifier, reason: '' });
    drafts.push({
      category: value('category'),
      system,
      identifier,
      owner: value('owner'),
      status: status as AccessDraft['status'],
      revokedAt,
      verifiedAt: null,
      notes: value('notes'),
    });
  }
  return { verdicts, drafts };
}

/** The preview, refused whole when any line is refused: the check importAccessCsv makes first. */
export function checkAccessCsv(caseDb: CaseDb, text: string): { verdicts: AccessLineVerdict[]; drafts: AccessDraft[] } {
  const { verdicts, drafts } = previewAccessCsv(caseDb, text);
  const refused = verdicts.filter((v) => v.verdict === 'refused');
  if (refused.length > 0) {
    throw new CustosError(
      'INVALID_INPUT',
      `${refused.length} of ${verdicts.length} lines refused, so nothing was imported: ${refused
        .slice(0, 10)
        .map((v) => `line ${v.line}: ${v.reason}`)
        .join('; ')}${refused.length > 10 ? `; and ${refused.length - 10} more` : ''}`,
    );
  }
  return { verdicts, drafts };
}

/** Imports an access inventory from CSV: every line is checked first; one refused and nothing is added. */
export function importAccessCsv(caseDb: CaseDb, ctx: MutationContext, text: string): AccessLineVerdict[] {
  const { verdicts, drafts } = checkAccessCsv(caseDb, text);
  if (drafts.length > 0) addAccessItems(caseDb, ctx, drafts);
  return verdicts;
}

/**
 * Records what happened to one access item: revoked (when, default now), verified dead (when; a
 * login attempt refused, a key rejected), not applicable, or back to active. The time goes in the
 * matching column; proof is an exhibit of the case. One audited write.
 */
export function updateAccess(
  caseDb: CaseDb,
  ctx: MutationContext,
  ref: string,
  change: {
    status: AccessItem['status'];
    at?: string | undefined;
    zone?: string | undefined;
    proof?: string | undefined;
    notes?: string | undefined;
  },
): AccessItem {
  const items = listAccessItems(caseDb);
  const wanted = ref.trim();
  // Its id, else the account's identifier, else the start of an id as the list shows it.
  const exact = items.filter((i) => i.id === wanted);
  const byIdentifier = items.filter((i) => i.identifier.toLowerCase() === wanted.toLowerCase());
  const byPrefix = wanted.length >= 4 ? items.filter((i) => i.id.startsWith(wanted)) : [];
  const matches = exact.length > 0 ? exact : byIdentifier.length > 0 ? byIdentifier : byPrefix;
  if (matches.length !== 1) {
    throw new CustosError(
      'NOT_FOUND',
      matches.length === 0
        ? `no access item ${ref} in this case (by id or identifier); custos access list shows them`
        : `${ref} names ${matches.length} access items; give the id custos access list shows`,
    );
  }
  const { createdAt: _created, updatedAt: _updated, ...item } = matches[0]!;
  const run = item.runId ? listRuns(caseDb).find((r) => r.id === item.runId) : undefined;
  if (run) assertOpen(run);
  const timed = change.status === 'revoked' || change.status === 'verified_dead';
  if (!timed && change.at !== undefined) {
    throw new CustosError('INVALID_INPUT', `--at is the time of a revocation or a check; ${change.status} has no time`);
  }
  const at =
    timed && change.at !== undefined ? timeOrNow(change.at, change.zone, ctx.clock(), 'When (--at)').utc : null;
  const now = ctx.clock().toISOString();
  let revokedAt = item.revokedAt;
  let verifiedAt = item.verifiedAt;
  if (change.status === 'revoked') {
    // Said again without a time, it keeps the time it was revoked; back from verified dead, the check no longer holds.
    revokedAt = at ?? (item.status === 'revoked' && item.revokedAt ? item.revokedAt : now);
    verifiedAt = null;
  } else if (change.status === 'verified_dead') {
    verifiedAt = at ?? (item.status === 'verified_dead' && item.verifiedAt ? item.verifiedAt : now);
    // When it was revoked stays unknown if nobody said: it is not invented from the check.
    if (revokedAt && Date.parse(verifiedAt) < Date.parse(revokedAt)) {
      throw new CustosError(
        'INVALID_INPUT',
        `verified dead at ${verifiedAt} is before it was revoked (${revokedAt}); check the time and its zone`,
      );
    }
  } else if (change.status === 'active') {
    revokedAt = null;
    verifiedAt = null;
  }
  const next: AccessValues = {
    ...item,
    status: change.status,
    revokedAt,
    verifiedAt,
    proofItemId: change.proof ? getEvidence(caseDb, change.proof).id : item.proofItemId,
    notes: change.notes?.trim() ?? item.notes,
  };
  updateAccessItem(caseDb, ctx, next);
  return listAccessItems(caseDb).find((i) => i.id === item.id)!;
}

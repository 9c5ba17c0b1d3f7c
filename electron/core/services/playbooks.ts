import { createHash, randomUUID } from 'node:crypto';
import type {
  AccessItem,
  PlaybookRun,
  PlaybookStep,
  PlaybookTemplate,
  RunDetail,
  RunStep,
  StepState,
} from '../../../shared/domain/playbook.ts';
import { ACCESS_STATUSES, SETTLED_STATES, STATES_NEEDING_REASON } from '../../../shared/domain/playbook.ts';
import { parseCsv } from '../../../shared/logic/csv.ts';
import { CustosError } from '../errors.ts';
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
  runProofs,
  runStepRecords,
  updateStep,
} from '../store/tables/playbookRuns.ts';
import type { AccessValues, StepRecord } from '../store/tables/playbookRuns.ts';
import { getTimelineEvent } from '../store/tables/timelineEvents.ts';
import { resolveOrExplain, timeOrNow } from './timeInput.ts';
import { addTimelineEvent } from './timeline.ts';

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

/** Every step that leads to `id` in the workflow: what the flow expects to be done before it. */
function ancestors(template: PlaybookTemplate, id: string): Set<string> {
  const into = new Map<string, string[]>();
  for (const s of template.steps) {
    const next = [s.next, s.onSuccess, s.onFailure, s.onTrue, s.onFalse, ...s.nextSteps, ...Object.values(s.cases)];
    for (const to of next) if (to) into.set(to, [...(into.get(to) ?? []), s.id]);
  }
  const seen = new Set<string>();
  const queue = [...(into.get(id) ?? [])];
  while (queue.length > 0) {
    const from = queue.shift()!;
    if (seen.has(from)) continue;
    seen.add(from);
    queue.push(...(into.get(from) ?? []));
  }
  return seen;
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

/** A run with every step's state, when it is due, and whether it is overdue at `now`. */
export function runDetail(caseDb: CaseDb, runId: string, now: Date): RunDetail {
  const { run, template } = runTemplate(caseDb, runId);
  const records = new Map(runStepRecords(caseDb, run.id).map((r) => [r.stepId, r]));
  const proofs = runProofs(caseDb, run.id);
  const roles = new Map(template.roles.map((r) => [r.id, r.name]));
  const dueAt = (step: PlaybookStep): string | null => {
    if (!step.due) return null;
    const base = step.due.from === 'T0' ? run.anchorAt : records.get(step.due.from)?.doneAt;
    return base ? new Date(Date.parse(base) + step.due.minutes * 60_000).toISOString() : null;
  };
  const steps: RunStep[] = template.steps.flatMap((step) => {
    const record = records.get(step.id);
    if (!record) return [];
    const due = dueAt(step);
    return [
      {
        rowId: record.id,
        stepId: step.id,
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
  const wanted = stepRef.trim().toLowerCase();
  const step = template.steps.find((s) => s.type === 'action' && (s.code.toLowerCase() === wanted || s.id === stepRef));
  const records = runStepRecords(caseDb, run.id);
  const record = step && records.find((r) => r.stepId === step.id);
  if (!step || !record) {
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
  // Out of order: something the flow puts before it, or a named prerequisite, is not settled yet.
  const before = ancestors(template, step.id);
  const unsettled = records.some(
    (r) => (before.has(r.stepId) || step.after.includes(r.stepId)) && !SETTLED_STATES.includes(r.state),
  );
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
      addTimelineEvent(caseDb, ctx, {
        at: when.utc,
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

export type AccessLineVerdict = {
  line: number;
  verdict: 'added' | 'already present' | 'refused';
  system: string;
  identifier: string;
  reason: string;
};

/**
 * An access inventory from CSV (an identity provider's app-assignment export, a spreadsheet): a
 * header row naming the columns, then one account, key or device per line. Every line gets a
 * verdict, and this writes nothing: it is the preview, and the check importAccessCsv makes first.
 */
export function checkAccessCsv(caseDb: CaseDb, text: string): { verdicts: AccessLineVerdict[]; drafts: AccessDraft[] } {
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

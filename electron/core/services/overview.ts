import type { Head } from '../../../shared/domain/common.ts';
import type { ClockView } from '../../../shared/domain/clock.ts';
import type { ExtortionDemand } from '../../../shared/domain/extortion.ts';
import type {
  CaseOverview,
  CustodySummary,
  ExhibitAway,
  IntegrityState,
  LastVerification,
  NextAction,
  OverviewDeadline,
  OverviewDeadlines,
  OverviewStep,
  PlaybookProgress,
} from '../../../shared/domain/overview.ts';
import { OVERVIEW_STEP_LIMIT } from '../../../shared/domain/overview.ts';
import { SETTLED_STATES } from '../../../shared/domain/playbook.ts';
import { withNames } from './audit.ts';
import { describeAuditEntry } from '../../../shared/logic/auditSentence.ts';
import { DUE_SOON_MS } from '../../../shared/logic/deadlines.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import { auditHead, listAudit } from '../store/tables/auditLog.ts';
import { getCase } from '../store/tables/caseRecord.ts';
import { listExtortion } from '../store/tables/extortion.ts';
import { listHolds } from '../store/tables/legalHolds.ts';
import { countIndicators } from '../store/tables/indicators.ts';
import { countNotes } from '../store/tables/notes.ts';
import { OUTPUT_ACTIONS, actionsAfter, listOutputs } from '../store/tables/outputs.ts';
import { listSubjects } from '../store/tables/subjects.ts';
import { countTimeline } from '../store/tables/timelineEvents.ts';
import { clocksState } from './clocks.ts';
import { custodyNow, listEvidence } from './evidence/register.ts';
import { listRuns, runDetail } from './playbooks.ts';
import { flagReason } from '../../../shared/logic/flagReason.ts';
import { fileIdentity, verificationsOf } from './verificationLog.ts';
import type { VerificationLogEntry } from './verificationLog.ts';

/**
 * The case at a glance, as the Overview, the case header and `custos overview` show it: where the
 * case stands on integrity, what it holds, what is out of the organisation's hands, which deadlines
 * and steps press, what happened last and what to do next. Everything is read now, nothing stored:
 * opening the Overview changes no byte of the case (the verification log it reads is the
 * examiner's, in the data directory).
 */

export type OverviewOptions = {
  now: Date;
  /** The examiner's data directory, whose verification log says who verified this case and when. */
  dataDir: string;
};

/** How many audit entries "latest activity" shows. */
const ACTIVITY = 8;
/** Flagged exhibits and overdue steps named one by one in "what to do next"; the rest are one item. */
const NAMED = 3;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The audit entry at `seq` of this case, found from the top of the log (recent heads are near it). */
function hashAt(caseDb: CaseDb, current: Head, seq: number): string | null {
  if (seq < 1 || seq > current.seq) return null;
  const at = (offset: number) => listAudit(caseDb, offset, 1, 'desc')[0] ?? null;
  // Sequence numbers run 1…head without gaps in a sound case, so the offset is known; in a file
  // whose log lost rows it is not, and a binary search over the (descending) order still finds it.
  const guess = at(current.seq - seq);
  if (guess?.seq === seq) return guess.hash;
  let low = 0;
  let high = current.seq;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    const entry = at(mid);
    if (!entry) high = mid - 1;
    else if (entry.seq === seq) return entry.hash;
    else if (entry.seq > seq) low = mid + 1;
    else high = mid - 1;
  }
  return null;
}

/**
 * The latest whole-case verification of THIS case: from the examiner's verification log (app and
 * CLI) or the verdict a report, export or package recorded, whichever is later. A logged head that
 * is not an entry of this case (a copy that went its own way, or a file put back from a backup) is
 * not this case's verification and is left out.
 */
function integrityOf(caseDb: CaseDb, caseId: string, head: Head, dataDir: string): IntegrityState {
  const ours = new Map<string, boolean>();
  const isOurs = (h: Head) => {
    const key = `${h.seq}:${h.hash}`;
    let known = ours.get(key);
    if (known === undefined) {
      known = hashAt(caseDb, head, h.seq) === h.hash;
      ours.set(key, known);
    }
    return known;
  };
  let otherCopies = 0;
  let fromLog: LastVerification | null = null;
  const thisFile = fileIdentity(caseDb.realPath);
  // Another file with this case's id and head (a copy) may have been changed outside Custos without
  // its head moving: its verification is not this file's.
  const otherFile = (entry: VerificationLogEntry) =>
    entry.file !== undefined &&
    thisFile !== undefined &&
    (entry.file.dev !== thisFile.dev || entry.file.ino !== thisFile.ino);
  for (const entry of verificationsOf(dataDir, caseId)) {
    if (!isOurs(entry.head) || otherFile(entry)) {
      otherCopies += 1;
      continue;
    }
    fromLog = {
      at: entry.at,
      by: entry.by,
      head: entry.head,
      ok: entry.ok,
      summary: entry.summary,
      source: entry.source,
    };
    break;
  }
  let fromOutput: LastVerification | null = null;
  for (const output of listOutputs(caseDb)) {
    if (!isOurs(output.head)) continue;
    fromOutput = {
      at: output.generatedAt,
      by: output.generatedBy,
      head: output.head,
      ok: output.verifiedOk,
      summary: output.verifySummary || (output.verifiedOk ? 'intact' : 'failed'),
      source: output.kind,
    };
    break;
  }
  const last =
    fromLog && fromOutput
      ? Date.parse(fromOutput.at) > Date.parse(fromLog.at)
        ? fromOutput
        : fromLog
      : (fromLog ?? fromOutput);
  // Recording a report or an export adds an entry but changes nothing that was verified.
  const after = last ? actionsAfter(caseDb, last.head.seq) : [];
  const changesSince = after.filter((a) => !OUTPUT_ACTIONS.includes(a)).length;
  const flagged = listEvidence(caseDb)
    .filter((i) => i.flagged)
    .map((i) => {
      const { failed, reason } = flagReason(i);
      return { id: i.id, exhibit: i.exhibit, description: i.description || i.originalName, failed, reason };
    });
  return {
    status: last === null ? 'never' : last.ok ? 'ok' : 'failed',
    last,
    head,
    changesSince,
    entriesSince: after.length,
    otherCopies,
    flagged,
  };
}

function custodyOf(caseDb: CaseDb): CustodySummary {
  const items = listEvidence(caseDb);
  const states = custodyNow(caseDb, items);
  const summary: CustodySummary = { held: 0, transferred: 0, returned: 0, disposed: 0, away: [] };
  for (const item of items) {
    const state = states.get(item.id);
    if (!state) continue;
    summary[state.state] += 1;
    if (state.state === 'transferred' || state.state === 'returned') {
      const away: ExhibitAway = {
        id: item.id,
        exhibit: item.exhibit,
        description: item.description,
        state: state.state,
        holder: state.holder,
        since: state.since,
        text: state.text,
      };
      summary.away.push(away);
    }
  }
  return summary;
}

/** "NIS2: early warning" from the rule "Significant incident: early warning" of NIS2 (as the app says it). */
function clockLabel(clock: ClockView): string {
  const { regime, name } = clock.rule;
  const colon = name.indexOf(':');
  return `${regime}: ${colon >= 0 ? name.slice(colon + 1).trim() : name}`;
}

function demandLabel(demand: ExtortionDemand): string {
  const amount = [demand.amount, demand.asset].filter(Boolean).join(' ');
  return `Demand ${amount || 'without an amount'}`;
}

function deadlinesOf(caseDb: CaseDb, now: Date, caseZone: string): OverviewDeadlines {
  const live: OverviewDeadline[] = [];
  const problems: string[] = [];
  let clocksOn = 0;
  try {
    for (const clock of clocksState(caseDb, now).clocks) {
      if (!clock.applies) continue;
      clocksOn += 1;
      if (!clock.dueAt || !['running', 'due-soon', 'overdue'].includes(clock.status)) continue;
      live.push({
        kind: 'clock',
        id: clock.rule.id,
        label: clockLabel(clock),
        dueAt: clock.dueAt,
        zone: caseZone,
        status: clock.status,
      });
    }
  } catch (error) {
    problems.push(`the notification clocks could not be read: ${message(error)}`);
  }
  for (const demand of listExtortion(caseDb, 'demand')) {
    if (demand.removed || !demand.deadlineAt) continue;
    if (demand.status !== 'open' && demand.status !== 'deadline-passed') continue;
    live.push({
      kind: 'demand',
      id: demand.id,
      label: demandLabel(demand),
      dueAt: demand.deadlineAt,
      zone: demand.deadlineZone ?? caseZone,
      status: null,
    });
  }
  live.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return { live, clocksOn, problem: problems.length > 0 ? problems.join('; ') : null };
}

function playbooksOf(caseDb: CaseDb, now: Date): PlaybookProgress {
  const progress: PlaybookProgress = { runs: [], overdue: [], dueSoon: [] };
  const soon = now.getTime() + DUE_SOON_MS;
  for (const run of listRuns(caseDb)) {
    try {
      const { steps } = runDetail(caseDb, run.id, now);
      let overdue = 0;
      let dueSoon = 0;
      for (const step of steps) {
        const open = !SETTLED_STATES.includes(step.state);
        if (!open || !step.dueAt) continue;
        const at: OverviewStep = {
          runId: run.id,
          runTitle: run.title,
          stepId: step.stepId,
          rowId: step.rowId,
          code: step.code,
          name: step.name,
          dueAt: step.dueAt,
        };
        if (step.overdue) {
          overdue += 1;
          // Steps a closed run left open were left on purpose; they are not work waiting.
          if (run.status === 'active') progress.overdue.push(at);
        } else if (Date.parse(step.dueAt) <= soon) {
          dueSoon += 1;
          if (run.status === 'active') progress.dueSoon.push(at);
        }
      }
      progress.runs.push({
        id: run.id,
        title: run.title,
        status: run.status,
        settled: steps.filter((s) => SETTLED_STATES.includes(s.state)).length,
        total: steps.length,
        overdue: run.status === 'active' ? overdue : 0,
        dueSoon: run.status === 'active' ? dueSoon : 0,
        problem: null,
      });
    } catch (error) {
      progress.runs.push({
        id: run.id,
        title: run.title,
        status: run.status,
        settled: 0,
        total: 0,
        overdue: 0,
        dueSoon: 0,
        problem: message(error),
      });
    }
  }
  const byDue = (a: OverviewStep, b: OverviewStep) => Date.parse(a.dueAt) - Date.parse(b.dueAt);
  progress.overdue.sort(byDue);
  progress.dueSoon.sort(byDue);
  return progress;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What to do next, most pressing first: integrity, then deadlines and steps passed, then the rest. */
function nextOf(overview: Omit<CaseOverview, 'next'>, now: Date, allOverdueSteps: number): NextAction[] {
  const next: NextAction[] = [];
  const { integrity, deadlines, playbooks } = overview;
  if (integrity.status === 'failed' && integrity.last) {
    next.push({
      kind: 'verification-failed',
      urgency: 'overdue',
      text: `The last verification failed (${integrity.last.summary}): see what failed and verify again`,
      dueAt: null,
      target: { type: 'verify' },
    });
  }
  for (const item of integrity.flagged.slice(0, NAMED)) {
    next.push({
      kind: 'flagged-exhibit',
      urgency: 'overdue',
      text: `${item.exhibit} “${item.description}” ${item.failed ? 'failed verification' : 'is flagged'}: ${item.reason}`,
      dueAt: null,
      target: { type: 'evidence', id: item.id },
    });
  }
  if (integrity.flagged.length > NAMED) {
    next.push({
      kind: 'flagged-exhibit',
      urgency: 'overdue',
      text: `${plural(integrity.flagged.length - NAMED, 'more exhibit')} flagged`,
      dueAt: null,
      target: { type: 'register' },
    });
  }
  const target = (d: OverviewDeadline): NextAction['target'] =>
    d.kind === 'clock' ? { type: 'clock', ruleId: d.id } : { type: 'demand', id: d.id };
  const passed = deadlines.live.filter((d) => Date.parse(d.dueAt) < now.getTime());
  const soon = deadlines.live.filter(
    (d) => Date.parse(d.dueAt) >= now.getTime() && Date.parse(d.dueAt) - now.getTime() <= DUE_SOON_MS,
  );
  for (const d of passed) {
    next.push({
      kind: 'deadline-overdue',
      urgency: 'overdue',
      text: d.kind === 'clock' ? `${d.label}: the notification is overdue` : `${d.label}: its deadline has passed`,
      dueAt: d.dueAt,
      target: target(d),
    });
  }
  for (const step of playbooks.overdue.slice(0, NAMED)) {
    next.push({
      kind: 'step-overdue',
      urgency: 'overdue',
      text: `${step.code ? `${step.code} ` : ''}${step.name} (${step.runTitle}) is overdue`,
      dueAt: step.dueAt,
      target: { type: 'step', runId: step.runId, stepId: step.stepId, rowId: step.rowId },
    });
  }
  if (allOverdueSteps > NAMED) {
    const first = playbooks.overdue[NAMED]!;
    next.push({
      kind: 'step-overdue',
      urgency: 'overdue',
      text: `${plural(allOverdueSteps - NAMED, 'more playbook step')} overdue`,
      dueAt: null,
      target: { type: 'step', runId: first.runId, stepId: first.stepId, rowId: first.rowId },
    });
  }
  for (const d of soon) {
    next.push({
      kind: 'deadline-soon',
      urgency: 'soon',
      text: d.kind === 'clock' ? `${d.label}: the notification is due within a day` : `${d.label}: due within a day`,
      dueAt: d.dueAt,
      target: target(d),
    });
  }
  if (integrity.status === 'never') {
    next.push({
      kind: 'verify',
      urgency: 'info',
      text: 'Verify the case: no verification of it is known yet',
      dueAt: null,
      target: { type: 'verify' },
    });
  } else if (integrity.changesSince > 0 && integrity.status === 'ok') {
    next.push({
      kind: 'verify',
      urgency: 'info',
      text: `Verify the case: ${plural(integrity.changesSince, 'change')} since the last verification`,
      dueAt: null,
      target: { type: 'verify' },
    });
  }
  if (overview.aware === null) {
    next.push({
      kind: 'set-awareness',
      urgency: 'info',
      text: 'Record when the organisation became aware: notification clocks count from it',
      dueAt: null,
      target: { type: 'record' },
    });
  }
  return next;
}

/** The case at a glance at `now`; reading writes nothing. */
export function caseOverview(caseDb: CaseDb, options: OverviewOptions): CaseOverview {
  const { now, dataDir } = options;
  const record = getCase(caseDb);
  const head = auditHead(caseDb);
  const integrity = integrityOf(caseDb, record.id, head, dataDir);
  const custody = custodyOf(caseDb);
  const exhibits = custody.held + custody.transferred + custody.returned + custody.disposed;
  const playbooks = playbooksOf(caseDb, now);
  const allOverdueSteps = playbooks.overdue.length;
  const base: Omit<CaseOverview, 'next'> = {
    head,
    readAt: now.toISOString(),
    integrity,
    counts: {
      events: countTimeline(caseDb),
      notes: countNotes(caseDb),
      exhibits,
      flagged: integrity.flagged.length,
      holdsInForce: listHolds(caseDb).filter((h) => h.releasedAt === null).length,
      subjects: listSubjects(caseDb).length,
      indicators: countIndicators(caseDb),
    },
    custody,
    aware: record.awareAt ? { at: record.awareAt, zone: record.awareZone ?? 'UTC' } : null,
    deadlines: deadlinesOf(caseDb, now, record.awareZone ?? 'UTC'),
    playbooks: {
      ...playbooks,
      overdue: playbooks.overdue.slice(0, OVERVIEW_STEP_LIMIT),
      dueSoon: playbooks.dueSoon.slice(0, OVERVIEW_STEP_LIMIT),
    },
    // With the names of the records an entry only points at (an exhibit handed over, a clock's rule),
    // so the sentences read as they do in the Audit log.
    activity: withNames(caseDb, listAudit(caseDb, 0, ACTIVITY, 'desc')).map((entry) => ({
      seq: entry.seq,
      at: entry.at,
      by: entry.actor.name,
      action: entry.action,
      sentence: describeAuditEntry(entry),
    })),
  };
  return { ...base, next: nextOf(base, now, allOverdueSteps) };
}

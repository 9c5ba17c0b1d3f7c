import type { EvidenceItem } from '../../../shared/domain/evidence.ts';
import { SETTLED_STATES } from '../../../shared/domain/playbook.ts';
import type { ChartMark, TimelineChart } from '../../../shared/domain/timelineChart.ts';
import { CHART_CATEGORIES } from '../../../shared/domain/timelineChart.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import { listAllCustody } from '../store/tables/custodyEvents.ts';
import { listEvidence } from '../store/tables/evidenceItems.ts';
import { listExtortion } from '../store/tables/extortion.ts';
import { timelineColumns } from '../store/tables/timelineEvents.ts';
import { clocksState } from './clocks.ts';
import { listRuns, runDetail } from './playbooks.ts';

/**
 * What the timeline picture draws: the timeline events as columns, and the marks the rest of the
 * case puts on the same axis (acquisitions and hand-overs from the custody history, playbook runs
 * and their steps, extortion and notification deadlines). Deadlines and overdue steps are worked
 * out at `now`, as the Clocks and Playbooks screens do; reading writes nothing.
 */
export function timelineChart(caseDb: CaseDb, now: Date): TimelineChart {
  const columns = timelineColumns(caseDb);
  const categoryIndex = new Map(CHART_CATEGORIES.map((c, i) => [c, i]));
  const other = categoryIndex.get('other')!;
  const clocks = clocksState(caseDb, now);
  const marks = [
    ...custodyMarks(caseDb),
    ...playbookMarks(caseDb, now),
    ...extortionMarks(caseDb, now),
    ...clockMarks(clocks),
  ].sort((a, b) => a.at - b.at);
  return {
    now: now.getTime(),
    awareAt: epoch(clocks.awareAt),
    categories: [...CHART_CATEGORIES],
    events: {
      id: columns.id,
      at: columns.at,
      category: columns.category.map((c) => categoryIndex.get(c) ?? other),
      title: columns.title,
    },
    marks,
  };
}

/** Epoch ms of a stored instant; null for none or a time that does not parse (nothing drawn). */
function epoch(at: string | null | undefined): number | null {
  if (!at) return null;
  const ms = Date.parse(at);
  return Number.isFinite(ms) ? ms : null;
}

function push(out: ChartMark[], at: string | null | undefined, mark: Omit<ChartMark, 'at'>): void {
  const ms = epoch(at);
  if (ms !== null) out.push({ ...mark, at: ms });
}

/** "E-0003 Laptop LT-4471" — how an exhibit is named on the register. */
const exhibitName = (item: EvidenceItem) => (item.description ? `${item.exhibit} ${item.description}` : item.exhibit);

/** Acquisitions, hand-overs, returns and disposals; verifications and exports do not move an item. */
function custodyMarks(caseDb: CaseDb): ChartMark[] {
  const items = new Map(listEvidence(caseDb).map((item) => [item.id, item]));
  const acquired = new Set<string>();
  const out: ChartMark[] = [];
  for (const event of listAllCustody(caseDb)) {
    const item = items.get(event.itemId);
    if (!item) continue;
    const target = { kind: 'evidence' as const, id: item.id };
    const name = exhibitName(item);
    const base = { zone: event.zone, late: false, target };
    if (event.type === 'acquisition') {
      acquired.add(item.id);
      push(out, event.at, { ...base, kind: 'acquisition', label: name });
    } else if (event.type === 'transfer') {
      const to = event.receivedBy ? `to ${event.receivedBy}` : 'to another custodian';
      const from = event.releasedBy ? ` by ${event.releasedBy}` : '';
      push(out, event.at, { ...base, kind: 'transfer', label: `${name}: handed ${to}${from}` });
    } else if (event.type === 'return') {
      const to = event.receivedBy ? ` to ${event.receivedBy}` : '';
      push(out, event.at, { ...base, kind: 'return', label: `${name}: returned${to}` });
    } else if (event.type === 'disposal') {
      push(out, event.at, { ...base, kind: 'disposal', label: `${name}: disposed of` });
    }
  }
  // An item whose acquisition is not in its custody history still shows when it was acquired.
  for (const item of items.values()) {
    if (acquired.has(item.id)) continue;
    push(out, item.acquiredAt, {
      kind: 'acquisition',
      zone: item.acquiredZone || 'UTC',
      label: exhibitName(item),
      late: false,
      target: { kind: 'evidence', id: item.id },
    });
  }
  return out;
}

/** Each run's start, its steps done, and the steps still open that have a due time (overdue or not). */
function playbookMarks(caseDb: CaseDb, now: Date): ChartMark[] {
  const out: ChartMark[] = [];
  for (const run of listRuns(caseDb)) {
    push(out, run.anchorAt, {
      kind: 'run-start',
      zone: run.anchorZone,
      label: `${run.title} (T0)`,
      late: false,
      target: { kind: 'step', id: run.id, runId: run.id, stepId: '' },
    });
    for (const step of runDetail(caseDb, run.id, now).steps) {
      const target = { kind: 'step' as const, id: step.stepId, runId: run.id, stepId: step.stepId };
      const label = `${run.title}: ${step.code ? `${step.code} ` : ''}${step.name}`;
      if (step.doneAt) {
        push(out, step.doneAt, {
          kind: 'step-done',
          zone: step.doneZone ?? run.anchorZone,
          label,
          late: false,
          target,
        });
      } else if (step.dueAt && run.status === 'active' && !SETTLED_STATES.includes(step.state)) {
        push(out, step.dueAt, {
          kind: step.overdue ? 'step-overdue' : 'step-due',
          zone: run.anchorZone,
          label,
          late: step.overdue,
          target,
        });
      }
    }
  }
  return out;
}

/** The deadline of each demand that names one; late when it passed while the demand is still open. */
function extortionMarks(caseDb: CaseDb, now: Date): ChartMark[] {
  const out: ChartMark[] = [];
  for (const demand of listExtortion(caseDb, 'demand')) {
    const amount = [demand.amount, demand.asset].filter(Boolean).join(' ');
    const label = amount ? `${amount}: ${demand.threat}` : demand.threat;
    const at = epoch(demand.deadlineAt);
    const open = demand.status === 'open' || demand.status === 'deadline-passed';
    push(out, demand.deadlineAt, {
      kind: 'demand-deadline',
      zone: demand.deadlineZone ?? 'UTC',
      label,
      late: open && at !== null && at < now.getTime(),
      target: { kind: 'demand', id: demand.id },
    });
  }
  return out;
}

/** Each clock that applies: its deadline, and each submission made. */
function clockMarks(state: ReturnType<typeof clocksState>): ChartMark[] {
  const out: ChartMark[] = [];
  for (const clock of state.clocks) {
    if (!clock.applies) continue;
    const name = `${clock.rule.name} (${clock.rule.regime})`;
    const target = { kind: 'clock' as const, id: clock.rule.id };
    push(out, clock.dueAt, {
      kind: 'clock-due',
      zone: state.zone,
      label: clock.rule.recipient ? `${name} to ${clock.rule.recipient}` : name,
      late: clock.status === 'overdue',
      target,
    });
    for (const submission of clock.submissions) {
      push(out, submission.submittedAt, {
        kind: 'clock-submitted',
        zone: submission.zone,
        label: submission.reference ? `${name}, reference ${submission.reference}` : name,
        late: clock.status === 'submitted-late',
        target,
      });
    }
  }
  return out;
}

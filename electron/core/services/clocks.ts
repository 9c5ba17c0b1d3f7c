import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  ClockRuleInfo,
  ClockSetRequest,
  ClockStatus,
  ClockSubmission,
  ClockView,
  ClocksState,
  SubmissionDraft,
} from '../../../shared/domain/clock.ts';
import { DUE_SOON_MS, describeSpan } from '../../../shared/logic/deadlines.ts';
import type { DeadlineSpan } from '../../../shared/logic/deadlines.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { dueAtOf, loadClockRules } from '../clocks/rules.ts';
import type { ClockFacts, ClockRule } from '../clocks/rules.ts';
import { CustosError } from '../errors.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import type { MutationContext } from '../store/db/mutate.ts';
import {
  findClockSetting,
  getSubmission,
  insertSubmission,
  listClockSettings,
  listSubmissions,
  removeSubmission as markSubmissionRemoved,
  saveClockSetting,
} from '../store/tables/clocks.ts';
import type { ClockSetting } from '../store/tables/clocks.ts';
import { caseInfo } from './cases.ts';
import { evidenceDetail } from './evidence/register.ts';
import { resolveOrExplain } from './timeInput.ts';

/**
 * The notification clocks of a case: which rules the examiner switched on, when each started (the
 * case's awareness, a time set on the clock, or the submission of an earlier report) and what was
 * submitted when. Deadlines are never stored: they are counted again on every read, so a
 * submission recorded or removed moves the clocks that follow it at once.
 */

/** Each kind of starting event in words, and how a person sets it from the command line. */
const EVENT_WORDS: Record<string, string> = {
  awareness: 'awareness',
  discovery: 'the discovery',
  determination: 'the determination that an incident occurred',
  'materiality-determination': 'the materiality determination',
  classification: 'the classification as major',
  'extortion-payment': 'the extortion payment',
};

function ruleInfo(rule: ClockRule): ClockRuleInfo {
  return {
    id: rule.id,
    regime: rule.regime,
    name: rule.name,
    when: rule.when,
    trigger: {
      event: rule.trigger.event,
      ...(rule.trigger.of ? { of: rule.trigger.of } : {}),
      ...(rule.trigger.use ? { use: rule.trigger.use } : {}),
    },
    deadline: rule.deadline ? describeSpan(rule.deadline as DeadlineSpan) : null,
    noLaterThan: rule.noLaterThan
      ? `${describeSpan(rule.noLaterThan.deadline as DeadlineSpan)} from ${EVENT_WORDS[rule.noLaterThan.trigger.event] ?? rule.noLaterThan.trigger.event}`
      : null,
    recipient: rule.recipient,
    note: rule.note,
    sources: rule.sources.map((s) => ({ name: s.name, url: s.url })),
  };
}

/** The rules shipped with Custos, as the contract carries them. */
export function clockRules(): ClockRuleInfo[] {
  return loadClockRules().map(ruleInfo);
}

function ruleOf(rules: readonly ClockRule[], ruleId: string): ClockRule {
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) {
    throw new CustosError(
      'INVALID_INPUT',
      `${ruleId} is not a notification clock; the clocks are ${rules.map((r) => r.id).join(', ')}`,
    );
  }
  return rule;
}

/** What a clock that has not started waits for, and how to give it. */
function waitingFor(rule: ClockRule): string {
  if (rule.trigger.event === 'submission') {
    return `the submission of ${rule.trigger.of}: custos clock submitted FILE ${rule.trigger.of} --at TIME --reference REF`;
  }
  if (rule.trigger.event === 'awareness') {
    return 'the time the organisation became aware: custos case set FILE --aware-at TIME --aware-zone Z';
  }
  return `${EVENT_WORDS[rule.trigger.event] ?? rule.trigger.event}: custos clock set FILE ${rule.id} --trigger TIME`;
}

function startsFrom(rule: ClockRule, setting: ClockSetting | undefined): string {
  const event = EVENT_WORDS[rule.trigger.event] ?? rule.trigger.event;
  if (setting?.triggerAt) return `${rule.trigger.event === 'submission' ? 'the time' : event} set on this clock`;
  if (rule.trigger.event === 'submission') {
    return `${rule.trigger.use === 'latest' ? 'latest submission' : 'submission'} of ${rule.trigger.of}`;
  }
  if (rule.trigger.event === 'awareness') return 'awareness (case record)';
  return event;
}

function statusOf(
  applies: boolean,
  startedAt: string | null,
  dueAt: string | null,
  first: ClockSubmission | undefined,
  now: Date,
): ClockStatus {
  if (!applies) return 'off';
  // The first report decides: on time if it was made by the deadline, late otherwise (a later
  // update does not make a late report timely).
  if (first) return dueAt && Date.parse(first.submittedAt) > Date.parse(dueAt) ? 'submitted-late' : 'submitted';
  if (!startedAt) return 'not-started';
  if (!dueAt) return 'no-fixed-time';
  const left = Date.parse(dueAt) - now.getTime();
  return left < 0 ? 'overdue' : left < DUE_SOON_MS ? 'due-soon' : 'running';
}

/** A time with the zone it was entered in, for a message: "2026-10-24 10:00:00 +02:00 Europe/Berlin". */
function shown(utc: string, zone: string): string {
  const text = formatZoned(utc, zone);
  return text.endsWith(zone) ? text : `${text} ${zone}`;
}

/** Every rule as it stands in this case at `now`; reading writes nothing. */
export function clocksState(caseDb: CaseDb, now: Date): ClocksState {
  const rules = loadClockRules();
  const { record } = caseInfo(caseDb);
  const settings = new Map(listClockSettings(caseDb).map((s) => [s.ruleId, s]));
  const submissions = listSubmissions(caseDb);
  // Each rule's live submissions, earliest first (the table lists them by time).
  const byRule = new Map<string, ClockSubmission[]>();
  for (const s of submissions) byRule.set(s.ruleId, [...(byRule.get(s.ruleId) ?? []), s]);
  // A second limit (DORA's 24 hours) always counts from the case's own awareness time.
  const facts: ClockFacts = {
    events: record.awareAt ? { awareness: record.awareAt } : {},
    submitted: {},
    zones: { events: record.awareZone ? { awareness: record.awareZone } : {} },
  };

  const clocks = rules.map((rule): ClockView => {
    const setting = settings.get(rule.id);
    const own = byRule.get(rule.id) ?? [];
    // When it starts and the zone that time was entered in, whose calendar counts days and months.
    let start: { at: string; zone: string } | undefined;
    if (setting?.triggerAt) start = { at: setting.triggerAt, zone: setting.triggerZone ?? 'UTC' };
    else if (rule.trigger.event === 'submission') {
      const earlier = byRule.get(rule.trigger.of!) ?? [];
      // The earliest live submission of the rule it follows, or the latest where the rule says so (DORA).
      const from = rule.trigger.use === 'latest' ? earlier.at(-1) : earlier[0];
      if (from) start = { at: from.submittedAt, zone: from.zone };
    } else if (rule.trigger.event === 'awareness' && record.awareAt) {
      start = { at: record.awareAt, zone: record.awareZone ?? 'UTC' };
    }
    const startedAt = start?.at ?? null;
    const dueAt = start ? dueAtOf(rule, start.at, facts, start.zone) : null;
    const applies = setting?.applies ?? false;
    return {
      rule: ruleInfo(rule),
      applies,
      status: statusOf(applies, startedAt, dueAt, own[0], now),
      startsFrom: startsFrom(rule, setting),
      triggerAt: setting?.triggerAt ?? null,
      triggerZone: setting?.triggerZone ?? null,
      startedAt,
      dueAt,
      waitingFor: startedAt ? null : waitingFor(rule),
      submissions: own,
      notes: setting?.notes ?? '',
    };
  });
  return { zone: record.awareZone ?? 'UTC', awareAt: record.awareAt, now: now.toISOString(), clocks };
}

/**
 * Switches a rule on or off, and sets or clears the time its clock starts (kept with its zone).
 * Nothing is written, and `changed` is false, when the clock already stands so: a command repeated
 * leaves no audit entry for a change that did not happen.
 */
export function changeClock(
  caseDb: CaseDb,
  ctx: MutationContext,
  request: z.output<typeof ClockSetRequest>,
): { state: ClocksState; changed: boolean } {
  const rule = ruleOf(loadClockRules(), request.ruleId);
  const current = findClockSetting(caseDb, rule.id);
  let triggerAt = current?.triggerAt ?? null;
  let triggerZone = current?.triggerZone ?? null;
  if (request.trigger) {
    const time = resolveOrExplain(request.trigger, request.zone, `${rule.id} trigger time`);
    triggerAt = time.utc;
    triggerZone = time.zone;
  } else if (request.trigger !== undefined) {
    triggerAt = null;
    triggerZone = null;
  } else if (request.zone) {
    throw new CustosError('INVALID_INPUT', `${rule.id}: give the trigger time together with its zone`);
  }
  const next = { applies: request.applies, triggerAt, triggerZone, notes: request.notes ?? current?.notes ?? '' };
  // No row yet is a clock that is off, with no trigger and no notes.
  const now = current ?? { applies: false, triggerAt: null, triggerZone: null, notes: '' };
  const same =
    now.applies === next.applies &&
    now.triggerAt === next.triggerAt &&
    now.triggerZone === next.triggerZone &&
    now.notes === next.notes;
  if (same) return { state: clocksState(caseDb, ctx.clock()), changed: false };
  saveClockSetting(caseDb, ctx, { id: current?.id ?? randomUUID(), ruleId: rule.id, ...next }, current === null);
  return { state: clocksState(caseDb, ctx.clock()), changed: true };
}

/** `changeClock` as the app calls it: the clocks as they stand afterwards. */
export function setClock(caseDb: CaseDb, ctx: MutationContext, request: z.output<typeof ClockSetRequest>): ClocksState {
  return changeClock(caseDb, ctx, request).state;
}

/**
 * A report made to the rule's recipient, with its reference and proof. A rule that was off is
 * switched on in the same write: a report was made, so it applies.
 */
export function submitClock(
  caseDb: CaseDb,
  ctx: MutationContext,
  draft: z.output<typeof SubmissionDraft>,
): { state: ClocksState; submission: ClockSubmission } {
  const rule = ruleOf(loadClockRules(), draft.ruleId);
  const at = resolveOrExplain(draft.at, draft.zone, 'Submitted at');
  // A report cannot answer a clock that had not started yet: the date, or the clock's start, is wrong.
  // Both times are shown in the zone the submission was entered in, so they compare at a glance.
  const clock = clocksState(caseDb, ctx.clock()).clocks.find((c) => c.rule.id === rule.id)!;
  if (clock.startedAt && Date.parse(at.utc) < Date.parse(clock.startedAt)) {
    throw new CustosError(
      'INVALID_INPUT',
      `Submitted at: ${shown(at.utc, at.zone)} is before the ${rule.id} clock started, at ${shown(clock.startedAt, at.zone)} from ${clock.startsFrom}; check the date of the submission, or the time the clock starts from`,
    );
  }
  const proofItemId = draft.proof ? evidenceDetail(caseDb, draft.proof).item.id : null;
  const id = randomUUID();
  const current = findClockSetting(caseDb, rule.id);
  const switchOn = current?.applies
    ? undefined
    : {
        setting: {
          id: current?.id ?? randomUUID(),
          ruleId: rule.id,
          applies: true,
          triggerAt: current?.triggerAt ?? null,
          triggerZone: current?.triggerZone ?? null,
          notes: current?.notes ?? '',
        },
        isNew: current === null,
      };
  insertSubmission(
    caseDb,
    ctx,
    {
      id,
      ruleId: rule.id,
      submittedAt: at.utc,
      zone: at.zone,
      recipient: draft.recipient || rule.recipient,
      reference: draft.reference,
      proofItemId,
      notes: draft.notes,
      recordedBy: ctx.actor.name,
    },
    switchOn,
  );
  return { state: clocksState(caseDb, ctx.clock()), submission: getSubmission(caseDb, id) };
}

/** Marks a submission removed (it stays in the file and the audit log); the clocks that followed it move back. */
export function removeClockSubmission(caseDb: CaseDb, ctx: MutationContext, id: string): ClocksState {
  const submission = getSubmission(caseDb, id);
  if (submission.removed) {
    throw new CustosError('INVALID_INPUT', `submission ${id} was already removed; nothing was changed`);
  }
  markSubmissionRemoved(caseDb, ctx, id);
  return clocksState(caseDb, ctx.clock());
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { deadlineFrom } from '../../../shared/logic/deadlines.ts';
import type { DeadlineSpan } from '../../../shared/logic/deadlines.ts';
import { CustosError } from '../errors.ts';
import { resourcesDir } from '../resources.ts';

/**
 * The notification clocks Custos counts, shipped as data (resources/clocks/notification-clocks.json)
 * and checked when read like any file: a rule names what starts it, how long it runs, who is told,
 * and the legal text it rests on. Changing the law means editing the file, not the code.
 */

export const CLOCK_EVENTS = [
  'awareness',
  'discovery',
  'determination',
  'materiality-determination',
  'classification',
  'extortion-payment',
  'submission',
] as const;

const Span = z.union([
  z.object({ hours: z.number().int().positive() }).strict(),
  z.object({ days: z.number().int().positive() }).strict(),
  z.object({ months: z.number().int().positive() }).strict(),
  z.object({ businessDays: z.number().int().positive(), calendar: z.literal('us-federal') }).strict(),
]);
/**
 * What starts a clock. A clock started by a submission counts from the earliest live submission of
 * the rule it follows (NIS2: the final report runs from when the notification was first made), or,
 * with `use: "latest"`, from the latest one (DORA: from the intermediate report "or its latest update").
 */
const Trigger = z
  .object({ event: z.enum(CLOCK_EVENTS), of: z.string().optional(), use: z.enum(['earliest', 'latest']).optional() })
  .strict()
  .refine((t) => t.use === undefined || t.event === 'submission', {
    error: 'only a clock started by a submission says which submission it counts from (use)',
    path: ['use'],
  });

export const ClockRule = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    regime: z.string().min(1),
    name: z.string().min(1),
    when: z.string().min(1),
    trigger: Trigger,
    /** null: "without undue delay", no fixed time. */
    deadline: Span.nullable(),
    /** A second limit that also holds (DORA: 4 h from classification and no later than 24 h from awareness). */
    noLaterThan: z.object({ trigger: Trigger, deadline: Span }).strict().optional(),
    recipient: z.string().min(1),
    note: z.string(),
    sources: z.array(z.object({ name: z.string().min(1), url: z.string().url() }).strict()).min(1),
  })
  .strict()
  .refine((r) => (r.trigger.event === 'submission') === (r.trigger.of !== undefined), {
    error: 'a clock started by a submission names the rule whose submission starts it (trigger.of), and only then',
  });
export type ClockRule = z.infer<typeof ClockRule>;

const ClockFile = z.object({ version: z.string(), description: z.string(), rules: z.array(ClockRule).min(1) }).strict();

/** The rule set as shipped, checked: every rule valid, ids unique, every "of" naming a rule. */
export function loadClockRules(file = join(resourcesDir(), 'clocks', 'notification-clocks.json')): ClockRule[] {
  let parsed;
  try {
    parsed = ClockFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new CustosError('CORRUPT', `${file} is not readable JSON (${(error as Error).message}); reinstall Custos`);
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CustosError('CORRUPT', `${file}: $.${issue.path.join('.')}: ${issue.message}; reinstall Custos`);
  }
  const ids = new Set<string>();
  for (const rule of parsed.data.rules) {
    if (ids.has(rule.id)) throw new CustosError('CORRUPT', `${file}: the rule id ${rule.id} is used twice`);
    ids.add(rule.id);
  }
  for (const rule of parsed.data.rules) {
    if (rule.trigger.of && !ids.has(rule.trigger.of)) {
      throw new CustosError('CORRUPT', `${file}: rule ${rule.id} counts from ${rule.trigger.of}, which is not a rule`);
    }
  }
  return parsed.data.rules;
}

type EventName = Exclude<(typeof CLOCK_EVENTS)[number], 'submission'>;

/**
 * What has happened in a case that starts clocks: each event's time (UTC), and each rule's
 * submission; with the zone each was entered in, whose calendar counts days and months (UTC when
 * not given).
 */
export type ClockFacts = {
  events: Partial<Record<EventName, string>>;
  submitted: Record<string, string>;
  zones?: { events?: Partial<Record<EventName, string>>; submitted?: Record<string, string> };
};

export type ClockState =
  | { rule: ClockRule; state: 'not-started'; waitingFor: string }
  | { rule: ClockRule; state: 'no-fixed-time'; startedAt: string }
  | { rule: ClockRule; state: 'running' | 'submitted'; startedAt: string; dueAt: string; submittedAt?: string };

function startOf(trigger: z.infer<typeof Trigger>, facts: ClockFacts): string | undefined {
  return trigger.event === 'submission' ? facts.submitted[trigger.of!] : facts.events[trigger.event];
}

function zoneOf(trigger: z.infer<typeof Trigger>, facts: ClockFacts): string {
  return (
    (trigger.event === 'submission' ? facts.zones?.submitted?.[trigger.of!] : facts.zones?.events?.[trigger.event]) ??
    'UTC'
  );
}

/**
 * When a clock that started at `startedAt` (entered in `zone`) is due, with its second limit when it
 * has one (DORA's "no later than 24 hours after awareness"); null for "without undue delay".
 */
export function dueAtOf(rule: ClockRule, startedAt: string, facts: ClockFacts, zone = 'UTC'): string | null {
  if (!rule.deadline) return null;
  const dueAt = deadlineFrom(startedAt, rule.deadline as DeadlineSpan, zone);
  const other = rule.noLaterThan && startOf(rule.noLaterThan.trigger, facts);
  if (!rule.noLaterThan || !other) return dueAt;
  const second = deadlineFrom(
    other,
    rule.noLaterThan.deadline as DeadlineSpan,
    zoneOf(rule.noLaterThan.trigger, facts),
  );
  // DORA: a classification after the second limit has passed still leaves 4 hours; otherwise the earlier of the two.
  if (Date.parse(second) < Date.parse(startedAt)) return dueAt;
  return Date.parse(second) < Date.parse(dueAt) ? second : dueAt;
}

/** Where each clock stands: not started (and what it waits for), due when, or submitted. */
export function clockStates(rules: readonly ClockRule[], facts: ClockFacts): ClockState[] {
  return rules.map((rule): ClockState => {
    const startedAt = startOf(rule.trigger, facts);
    if (!startedAt) {
      return {
        rule,
        state: 'not-started',
        waitingFor: rule.trigger.event === 'submission' ? `the submission of ${rule.trigger.of}` : rule.trigger.event,
      };
    }
    const dueAt = dueAtOf(rule, startedAt, facts, zoneOf(rule.trigger, facts));
    if (!dueAt) return { rule, state: 'no-fixed-time', startedAt };
    const submittedAt = facts.submitted[rule.id];
    return submittedAt
      ? { rule, state: 'submitted', startedAt, dueAt, submittedAt }
      : { rule, state: 'running', startedAt, dueAt };
  });
}

import { ClockSetRequest, SubmissionDraft } from '../../../../shared/domain/clock.ts';
import type { ClockRuleInfo, ClockStatus, ClockView, ClocksState } from '../../../../shared/domain/clock.ts';
import { timeLeft } from '../../../../shared/logic/deadlines.ts';
import { formatZoned } from '../../../../shared/logic/time.ts';
import { clockStates, loadClockRules } from '../../clocks/rules.ts';
import type { ClockFacts, ClockState } from '../../clocks/rules.ts';
import { caseInfo } from '../../services/cases.ts';
import { changeClock, clockRules, clocksState, submitClock } from '../../services/clocks.ts';
import { resolveOrExplain } from '../../services/timeInput.ts';
import { UsageError, checked, given, option, parseCommand } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, changeCase, withCase } from '../context.ts';
import { asEntered, safe } from '../format.ts';

/** A time in a zone, with the zone's name: "2026-10-27 09:00:00 +01:00 Europe/Berlin". */
const zoned = (utc: string, zone: string) => asEntered(utc, zone);

const STATUS_WORDS: Record<ClockStatus, string> = {
  off: 'OFF',
  'not-started': 'NOT STARTED',
  'no-fixed-time': 'NO FIXED TIME',
  running: 'RUNNING',
  'due-soon': 'DUE SOON',
  overdue: 'OVERDUE',
  submitted: 'SUBMITTED',
  'submitted-late': 'SUBMITTED LATE',
};

function ruleText(rule: ClockRuleInfo): string {
  const starts = rule.trigger.of ? `the submission of ${rule.trigger.of}` : rule.trigger.event;
  const runs = rule.deadline ? `runs ${rule.deadline}` : 'without undue delay (no fixed time)';
  return [
    `${rule.id}  ${safe(rule.regime)}: ${safe(rule.name)}`,
    `    when: ${safe(rule.when)}`,
    `    starts from ${starts}; ${runs}${rule.noLaterThan ? `; no later than ${rule.noLaterThan}` : ''}`,
    `    to: ${safe(rule.recipient)}`,
    `    ${safe(rule.note)}`,
    ...rule.sources.map((s) => `    source: ${safe(s.name)} <${safe(s.url)}>`),
  ].join('\n');
}

/** One clock of the case: where it stands, its deadline in UTC and in the case's zone, and what it waits for. */
function clockText(clock: ClockView, state: ClocksState): string {
  const pad = '        ';
  const lines = [
    `${STATUS_WORDS[clock.status].padEnd(14)} ${clock.rule.id}  ${safe(clock.rule.regime)}: ${safe(clock.rule.name)}`,
  ];
  lines.push(
    clock.startedAt
      ? `${pad}from ${safe(clock.startsFrom)}: ${clock.startedAt} (${zoned(clock.startedAt, state.zone)})`
      : `${pad}waits for ${safe(clock.waitingFor ?? '')}`,
  );
  if (clock.dueAt) {
    const left = clock.submissions.length > 0 ? '' : `; ${timeLeft(clock.dueAt, new Date(state.now))}`;
    lines.push(`${pad}due ${clock.dueAt} (${zoned(clock.dueAt, state.zone)})${left}`);
  } else if (clock.startedAt) lines.push(`${pad}without undue delay (no fixed time)`);
  clock.submissions.forEach((s, i) => {
    // Only the first report is judged against the deadline; the ones after it are updates.
    const late =
      i > 0
        ? ' (update)'
        : clock.dueAt && Date.parse(s.submittedAt) > Date.parse(clock.dueAt)
          ? ' (after the deadline)'
          : '';
    lines.push(
      `${pad}submitted ${s.submittedAt} (${zoned(s.submittedAt, s.zone)})${late} to ${safe(s.recipient)}, reference ${safe(s.reference)}, recorded by ${safe(s.recordedBy)}  (id ${s.id})`,
    );
  });
  if (!clock.applies) lines.push(`${pad}not switched on for this case: custos clock set FILE ${clock.rule.id}`);
  if (clock.notes) lines.push(`${pad}notes: ${safe(clock.notes)}`);
  lines.push(`${pad}to ${safe(clock.rule.recipient)}; ${clock.rule.sources.map((s) => safe(s.name)).join('; ')}`);
  return lines.join('\n');
}

function line(state: ClockState, zone: string, now: Date): string {
  const head = `${state.rule.regime.padEnd(8)} ${safe(state.rule.name)}`;
  const source = `        ${safe(state.rule.recipient)}; ${state.rule.sources.map((s) => safe(s.name)).join('; ')}`;
  if (state.state === 'not-started') return `${head}\n        not started: waits for ${state.waitingFor}\n${source}`;
  if (state.state === 'no-fixed-time') return `${head}\n        without undue delay (no fixed time)\n${source}`;
  const due = `due ${formatZoned(state.dueAt, zone)}${zone === 'UTC' ? '' : ` ${zone}`} (${formatZoned(state.dueAt, 'UTC')})`;
  const where =
    state.state === 'submitted'
      ? `submitted ${formatZoned(state.submittedAt!, 'UTC')}${Date.parse(state.submittedAt!) > Date.parse(state.dueAt) ? ' (late)' : ''}`
      : timeLeft(state.dueAt, now);
  return `${head}\n        ${due}; ${where}\n${source}`;
}

export const clockCommands = {
  clocks(args, cli) {
    const { values, file } = parseCommand(args, {
      options: {
        zone: { type: 'string' },
        determined: { type: 'string' },
        material: { type: 'string' },
        classified: { type: 'string' },
        discovered: { type: 'string' },
        paid: { type: 'string' },
        submitted: { type: 'string', multiple: true },
      },
    });
    const zoneGiven = option(values, 'zone');
    const time = (flag: string) => {
      const given = option(values, flag);
      return given ? resolveOrExplain(given, zoneGiven, `--${flag}`) : undefined;
    };
    const submittedAt: Record<string, { utc: string; zone: string }> = {};
    for (const entry of (values.submitted as unknown as string[] | undefined) ?? []) {
      const at = entry.indexOf('=');
      if (at <= 0) {
        throw new UsageError(`--submitted takes RULE=TIME (e.g. nis2-notification=2026-12-03T17:00), not "${entry}"`);
      }
      submittedAt[entry.slice(0, at)] = resolveOrExplain(entry.slice(at + 1), zoneGiven, '--submitted');
    }
    const given = (
      [
        ['determination', time('determined')],
        ['materiality-determination', time('material')],
        ['classification', time('classified')],
        ['discovery', time('discovered')],
        ['extortion-payment', time('paid')],
      ] as const
    ).filter((entry): entry is [(typeof entry)[0], { utc: string; zone: string }] => entry[1] !== undefined);
    const rules = loadClockRules();
    for (const id of Object.keys(submittedAt)) {
      if (!rules.some((r) => r.id === id)) {
        throw new UsageError(
          `--submitted names ${id}, which is not a clock; the clocks are ${rules.map((r) => r.id).join(', ')}`,
        );
      }
    }
    return withCase(cli, file, 'read', (caseDb) => {
      const { record } = caseInfo(caseDb);
      // Days and months count on the calendar of --zone, else of the case's awareness zone, else of
      // the offset a time was written with; awareness itself on the zone it was entered in.
      const calendar = (entered: string) => zoneGiven ?? record.awareZone ?? entered;
      const facts: ClockFacts = {
        events: {
          ...(record.awareAt ? { awareness: record.awareAt } : {}),
          ...Object.fromEntries(given.map(([event, at]) => [event, at.utc])),
        },
        submitted: Object.fromEntries(Object.entries(submittedAt).map(([id, at]) => [id, at.utc])),
        zones: {
          events: {
            ...(record.awareAt ? { awareness: record.awareZone ?? 'UTC' } : {}),
            ...Object.fromEntries(given.map(([event, at]) => [event, calendar(at.zone)])),
          },
          submitted: Object.fromEntries(Object.entries(submittedAt).map(([id, at]) => [id, calendar(at.zone)])),
        },
      };
      const states = clockStates(rules, facts);
      const now = new Date();
      if (values.json) {
        cli.io.out(
          JSON.stringify(
            states.map(({ rule, ...state }) => ({ id: rule.id, regime: rule.regime, name: rule.name, ...state })),
            null,
            2,
          ),
        );
        return EXIT.ok;
      }
      const zone = zoneGiven ?? record.awareZone ?? 'UTC';
      const aware = record.awareAt
        ? `Became aware: ${formatZoned(record.awareAt, zone)}${zone === 'UTC' ? '' : ` ${zone}`}`
        : 'Became aware: not recorded (custos case set FILE --aware-at TIME --aware-zone Z); clocks from awareness have not started';
      cli.io.out([aware, '', ...states.map((s) => line(s, zone, now))].join('\n'));
      return EXIT.ok;
    });
  },
  'clock rules'(args, cli) {
    const { values } = parseCommand(args, { file: false });
    const rules = clockRules();
    if (values.json) {
      cli.io.out(JSON.stringify(rules, null, 2));
      return EXIT.ok;
    }
    cli.io.out(rules.map(ruleText).join('\n\n'));
    return EXIT.ok;
  },
  'clock set'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: {
        trigger: { type: 'string' },
        zone: { type: 'string' },
        off: { type: 'boolean' },
        notes: { type: 'string' },
      },
      min: 1,
      names: 'the RULE (custos clock rules lists them)',
    });
    const request = checked(
      ClockSetRequest,
      {
        ruleId: rest[0],
        applies: values.off !== true,
        ...given({ trigger: option(values, 'trigger'), zone: option(values, 'zone'), notes: option(values, 'notes') }),
      },
      { ruleId: 'RULE', trigger: '--trigger', zone: '--zone', notes: '--notes' },
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const { state, changed } = changeClock(caseDb, ctx, request);
      const clock = state.clocks.find((c) => c.rule.id === request.ruleId)!;
      const said = changed
        ? `${clock.rule.id} ${clock.applies ? 'applies to this case' : 'switched off'}`
        : `${clock.rule.id} already stands so (${clock.applies ? 'applies to this case' : 'off'}); nothing changed`;
      return { json: { clock, changed }, text: `${said}\n${clockText(clock, state)}` };
    });
  },
  'clock submitted'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: {
        at: { type: 'string' },
        zone: { type: 'string' },
        recipient: { type: 'string' },
        reference: { type: 'string' },
        proof: { type: 'string' },
        notes: { type: 'string' },
      },
      min: 1,
      names: 'the RULE (custos clock rules lists them)',
    });
    if (!option(values, 'reference')?.trim()) {
      throw new UsageError('--reference is required: the case or receipt number the recipient gave');
    }
    const draft = checked(
      SubmissionDraft,
      {
        ruleId: rest[0],
        ...given({
          at: option(values, 'at'),
          zone: option(values, 'zone'),
          recipient: option(values, 'recipient'),
          reference: option(values, 'reference'),
          proof: option(values, 'proof'),
          notes: option(values, 'notes'),
        }),
      },
      {
        ruleId: 'RULE',
        at: '--at',
        zone: '--zone',
        recipient: '--recipient',
        reference: '--reference',
        proof: '--proof',
        notes: '--notes',
      },
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const wasOn = clocksState(caseDb, ctx.clock()).clocks.find((c) => c.rule.id === draft.ruleId)?.applies;
      const { state, submission } = submitClock(caseDb, ctx, draft);
      const clock = state.clocks.find((c) => c.rule.id === submission.ruleId)!;
      const following = state.clocks.filter((c) => c.rule.trigger.of === submission.ruleId && c.dueAt);
      // Only the rule's first report is judged against the deadline; one after it is an update
      // (a later update does not make a late report timely, nor an on-time one late).
      const first = clock.submissions[0]!;
      const timing =
        first.id !== submission.id
          ? `; an update (the first was submitted ${first.submittedAt})`
          : !clock.dueAt
            ? ''
            : Date.parse(submission.submittedAt) > Date.parse(clock.dueAt)
              ? `; LATE: it was due ${clock.dueAt}`
              : `; on time (due ${clock.dueAt})`;
      const ifOff = (c: ClockView) => (c.applies ? '' : `, if it applies (custos clock set FILE ${c.rule.id})`);
      return {
        json: { submission, clock, following },
        text: [
          `Recorded the submission of ${submission.ruleId} at ${asEntered(submission.submittedAt, submission.zone)} (${submission.submittedAt}) to ${safe(submission.recipient)}, reference ${safe(submission.reference)}${timing}`,
          ...(wasOn ? [] : [`${submission.ruleId} now applies to this case`]),
          ...following.map((c) =>
            c.startedAt === submission.submittedAt && !c.triggerAt
              ? `${c.rule.id} runs from it: due ${c.dueAt} (${zoned(c.dueAt!, state.zone)})${ifOff(c)}`
              : `${c.rule.id} still runs from ${c.triggerAt ? 'the time set on it' : `the ${c.rule.trigger.use === 'latest' ? 'latest' : 'first'} submission`} (${c.startedAt}): due ${c.dueAt} (${zoned(c.dueAt!, state.zone)})${ifOff(c)}`,
          ),
        ].join('\n'),
      };
    });
  },
  'clock list'(args, cli) {
    const { values, file } = parseCommand(args, { options: { all: { type: 'boolean' } } });
    return withCase(cli, file, 'read', (caseDb) => {
      const state = clocksState(caseDb, new Date());
      const shown = { ...state, clocks: state.clocks.filter((c) => values.all || c.applies) };
      if (values.json) {
        cli.io.out(JSON.stringify(shown, null, 2));
        return EXIT.ok;
      }
      const aware = state.awareAt
        ? `Became aware: ${zoned(state.awareAt, state.zone)} (${state.awareAt})`
        : 'Became aware: not recorded (custos case set FILE --aware-at TIME --aware-zone Z)';
      const none =
        'No clock applies to this case yet: custos clock set FILE RULE switches one on (custos clock rules lists them; --all shows them all here)';
      cli.io.out(
        [
          aware,
          `Now: ${state.now}; times are UTC and ${state.zone === 'UTC' ? 'UTC' : `${state.zone} (the case's zone)`}`,
          '',
          shown.clocks.length === 0 ? none : shown.clocks.map((c) => clockText(c, state)).join('\n\n'),
        ].join('\n'),
      );
      return EXIT.ok;
    });
  },
} satisfies Runners;

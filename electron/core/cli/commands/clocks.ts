import { formatZoned } from '../../../../shared/logic/time.ts';
import { clockStates, loadClockRules } from '../../clocks/rules.ts';
import type { ClockFacts, ClockState } from '../../clocks/rules.ts';
import { caseInfo } from '../../services/cases.ts';
import { resolveOrExplain } from '../../services/timeInput.ts';
import { UsageError, option, parseCommand } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, withCase } from '../context.ts';
import { safe } from '../format.ts';

/** "in 41 h", "3 h 10 min ago": how far a deadline is from now, at a glance. */
function fromNow(dueAt: string, now: Date): string {
  const minutes = Math.round((Date.parse(dueAt) - now.getTime()) / 60_000);
  const m = Math.abs(minutes);
  const span =
    m >= 2880
      ? `${Math.round(m / 1440)} d`
      : m >= 120
        ? `${Math.round(m / 60)} h`
        : `${Math.floor(m / 60) ? `${Math.floor(m / 60)} h ` : ''}${m % 60} min`;
  return minutes >= 0 ? `in ${span}` : `OVERDUE by ${span}`;
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
      : fromNow(state.dueAt, now);
  return `${head}\n        ${due}; ${where}\n${source}`;
}

const todo = (): never => {
  throw new Error('not built yet');
};

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
      return given ? resolveOrExplain(given, zoneGiven, `--${flag}`).utc : undefined;
    };
    const submitted: Record<string, string> = {};
    for (const entry of (values.submitted as unknown as string[] | undefined) ?? []) {
      const at = entry.indexOf('=');
      if (at <= 0) {
        throw new UsageError(`--submitted takes RULE=TIME (e.g. nis2-notification=2026-12-03T17:00), not "${entry}"`);
      }
      submitted[entry.slice(0, at)] = resolveOrExplain(entry.slice(at + 1), zoneGiven, '--submitted').utc;
    }
    const rules = loadClockRules();
    for (const id of Object.keys(submitted)) {
      if (!rules.some((r) => r.id === id)) {
        throw new UsageError(
          `--submitted names ${id}, which is not a clock; the clocks are ${rules.map((r) => r.id).join(', ')}`,
        );
      }
    }
    return withCase(cli, file, 'read', (caseDb) => {
      const { record } = caseInfo(caseDb);
      const facts: ClockFacts = {
        events: {
          ...(record.awareAt ? { awareness: record.awareAt } : {}),
          ...Object.fromEntries(
            (
              [
                ['determination', time('determined')],
                ['materiality-determination', time('material')],
                ['classification', time('classified')],
                ['discovery', time('discovered')],
                ['extortion-payment', time('paid')],
              ] as const
            ).filter(([, at]) => at !== undefined),
          ),
        },
        submitted,
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
  'clock rules': todo,
  'clock set': todo,
  'clock submitted': todo,
  'clock list': todo,
} satisfies Runners;

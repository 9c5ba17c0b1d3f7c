import { TimelineDraft, TimelinePatch } from '../../../../shared/domain/timeline.ts';
import { addTimelineEvent, editTimelineEvent, removeTimelineEvent, timelinePage } from '../../services/timeline.ts';
import { UsageError, checked, given, option, parseCommand } from '../args.ts';
import type { Values } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, withCase, changeCase } from '../context.ts';
import { asEntered, safe } from '../format.ts';
import { formatZoned } from '../../../../shared/logic/time.ts';

const EVENT_OPTIONS = {
  at: { type: 'string' },
  zone: { type: 'string' },
  title: { type: 'string' },
  description: { type: 'string' },
  source: { type: 'string' },
  category: { type: 'string' },
} as const;

const FLAGS = {
  at: '--at',
  zone: '--zone',
  title: '--title',
  description: '--description',
  source: '--source',
  category: '--category',
};

const eventFields = (values: Values) => ({
  at: option(values, 'at'),
  zone: option(values, 'zone'),
  title: option(values, 'title'),
  description: option(values, 'description'),
  source: option(values, 'source'),
  category: option(values, 'category'),
});

export const timelineCommands = {
  'timeline add'(args, cli) {
    const { values, file } = parseCommand(args, { options: EVENT_OPTIONS });
    const draft = checked(
      TimelineDraft,
      given({ ...eventFields(values), at: option(values, 'at') ?? '', title: option(values, 'title') ?? '' }),
      FLAGS,
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const event = addTimelineEvent(caseDb, ctx, draft);
      // The time as it was entered (its zone) and in UTC, each labelled.
      return {
        json: { event },
        text: [
          `Added event ${event.id}`,
          `  at ${asEntered(event.occurredAt, event.zone)} (as entered)`,
          `     ${formatZoned(event.occurredAt, 'UTC')}`,
        ].join('\n'),
      };
    });
  },
  'timeline list'(args, cli) {
    const { values, file } = parseCommand(args);
    return withCase(cli, file, 'read', (caseDb) => {
      const { items } = timelinePage(caseDb, 0, Number.MAX_SAFE_INTEGER);
      if (values.json) cli.io.out(JSON.stringify(items, null, 2));
      else if (items.length === 0) {
        cli.io.out('No timeline events yet (custos timeline add FILE --at TIME --title T)');
      } else {
        for (const e of items) {
          // As entered (the zone it was read in) first, then UTC: the way a person said it, and the
          // one clock every event can be compared on.
          cli.io.out(
            `${asEntered(e.occurredAt, e.zone)}  (${formatZoned(e.occurredAt, 'UTC')})  ${e.category.padEnd(13)} ${safe(e.title)}  (id ${e.id})`,
          );
        }
      }
      return EXIT.ok;
    });
  },
  'timeline edit'(args, cli) {
    const { values, file, rest } = parseCommand(args, { options: EVENT_OPTIONS, min: 1, names: 'the event ID' });
    const fields = given(eventFields(values));
    if (Object.keys(fields).length === 0) throw new UsageError('give at least one field to change, e.g. --title T');
    const patch = checked(TimelinePatch, fields, FLAGS);
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const event = editTimelineEvent(caseDb, ctx, rest[0]!, patch);
      return { json: { event }, text: `Updated ${event.id}` };
    });
  },
  'timeline remove'(args, cli) {
    const { values, file, rest } = parseCommand(args, { min: 1, names: 'the event ID' });
    return changeCase(cli, values, file, (caseDb, ctx) => {
      removeTimelineEvent(caseDb, ctx, rest[0]!);
      return { json: { removed: rest[0] }, text: `Removed ${safe(rest[0]!)} (the audit log keeps it)` };
    });
  },
} satisfies Runners;

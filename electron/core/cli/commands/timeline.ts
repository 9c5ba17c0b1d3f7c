import { TimelineDraft, TimelinePatch } from '../../../../shared/domain/timeline.ts';
import {
  addTimelineEvent,
  editTimelineEvent,
  eventShortIds,
  removeTimelineEvent,
  resolveEventId,
  timelinePage,
} from '../../services/timeline.ts';
import { UsageError, checked, given, option, parseCommand } from '../args.ts';
import type { Values } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, withCase, changeCase } from '../context.ts';
import { asEntered, safe } from '../format.ts';
import { formatZoned } from '../../../../shared/logic/time.ts';
import { shortIds } from '../../../../shared/logic/shortId.ts';

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
      const short = eventShortIds(caseDb).get(event.id) ?? event.id;
      // The time as it was entered (its zone) and in UTC, each labelled; the short id is what
      // timeline edit and remove take back.
      return {
        json: { event, shortId: short },
        text: [
          `Added event ${short}: ${safe(event.title)}`,
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
      const short = shortIds(items.map((e) => e.id));
      if (values.json) cli.io.out(JSON.stringify(items, null, 2));
      else if (items.length === 0) {
        cli.io.out('No timeline events yet (custos timeline add FILE --at TIME --title T)');
      } else {
        for (const e of items) {
          // As entered (the zone it was read in) first, then UTC: the way a person said it, and the
          // one clock every event can be compared on.
          cli.io.out(
            `${asEntered(e.occurredAt, e.zone)}  (${formatZoned(e.occurredAt, 'UTC')})  ${e.category.padEnd(13)} ${safe(e.title)}  (id ${short.get(e.id) ?? e.id})`,
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
      const event = editTimelineEvent(caseDb, ctx, resolveEventId(caseDb, rest[0]!), patch);
      return {
        json: { event },
        text: `Updated event ${eventShortIds(caseDb).get(event.id) ?? event.id}: ${safe(event.title)}`,
      };
    });
  },
  'timeline remove'(args, cli) {
    const { values, file, rest } = parseCommand(args, { min: 1, names: 'the event ID' });
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const id = resolveEventId(caseDb, rest[0]!);
      // Named as add and list name it, before it leaves the list.
      const short = eventShortIds(caseDb).get(id) ?? id;
      const title = timelinePage(caseDb, 0, Number.MAX_SAFE_INTEGER).items.find((e) => e.id === id)?.title ?? '';
      removeTimelineEvent(caseDb, ctx, id);
      return {
        json: { removed: id },
        text: `Removed event ${short}${title ? `: ${safe(title)}` : ''} (the audit log keeps it)`,
      };
    });
  },
} satisfies Runners;

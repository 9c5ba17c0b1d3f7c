import { formatHead } from '../../../../shared/domain/common.ts';
import { TimelineDraft, TimelinePatch } from '../../../../shared/domain/timeline.ts';
import { caseInfo } from '../../services/cases.ts';
import { addTimelineEvent, editTimelineEvent, removeTimelineEvent, timelinePage } from '../../services/timeline.ts';
import { UsageError, checked, given, option, parseCommand } from '../args.ts';
import type { Values } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, withCase } from '../context.ts';
import { safe } from '../format.ts';

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
    const ctx = cli.context(values);
    return withCase(cli, file, 'write', (caseDb) => {
      const event = addTimelineEvent(caseDb, ctx, draft);
      const info = caseInfo(caseDb);
      cli.io.out(
        values.json
          ? JSON.stringify({ event, head: info.head })
          : `Added ${event.id} at ${event.occurredAt} (${event.zone})\nAudit head: ${formatHead(info.head)}`,
      );
      return EXIT.ok;
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
          cli.io.out(`${e.occurredAt}  ${e.category.padEnd(13)} ${safe(e.title)}  (${e.zone}; id ${e.id})`);
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
    const ctx = cli.context(values);
    return withCase(cli, file, 'write', (caseDb) => {
      const event = editTimelineEvent(caseDb, ctx, rest[0]!, patch);
      const head = caseInfo(caseDb).head;
      cli.io.out(
        values.json ? JSON.stringify({ event, head }) : `Updated ${event.id}\nAudit head: ${formatHead(head)}`,
      );
      return EXIT.ok;
    });
  },
  'timeline remove'(args, cli) {
    const { values, file, rest } = parseCommand(args, { min: 1, names: 'the event ID' });
    const ctx = cli.context(values);
    return withCase(cli, file, 'write', (caseDb) => {
      removeTimelineEvent(caseDb, ctx, rest[0]!);
      const head = caseInfo(caseDb).head;
      cli.io.out(
        values.json
          ? JSON.stringify({ removed: rest[0], head })
          : `Removed ${safe(rest[0]!)} (the audit log keeps it)\nAudit head: ${formatHead(head)}`,
      );
      return EXIT.ok;
    });
  },
} satisfies Runners;

import { NoteDraft, NotePatch } from '../../../../shared/domain/note.ts';
import type { Note } from '../../../../shared/domain/note.ts';
import { addNote, editNote, listNotes, noteById, removeNote } from '../../services/notes.ts';
import { UsageError, checked, option, parseCommand } from '../args.ts';
import type { Runners } from '../command.ts';
import { EXIT, withCase, changeCase } from '../context.ts';
import { safe } from '../format.ts';

const FLAGS = { body: '--text', privileged: '--privileged' };

/** A note's first line, as a list shows it. */
const firstLine = (note: Note) => note.body.split('\n', 1)[0]!.slice(0, 100);

export const noteCommands = {
  'note add'(args, cli) {
    const { values, file } = parseCommand(args, {
      options: { text: { type: 'string' }, title: { type: 'string' }, privileged: { type: 'boolean' } },
    });
    const title = option(values, 'title')?.trim();
    const text = option(values, 'text') ?? '';
    if (!text.trim()) throw new UsageError('--text is required: the note itself');
    const draft = checked(
      NoteDraft,
      { body: title ? `${title}\n\n${text}` : text, privileged: values.privileged === true },
      FLAGS,
    );
    return changeCase(cli, values, file, (caseDb, ctx) => {
      const note = addNote(caseDb, ctx, draft);
      return { json: { note }, text: `Added note ${note.id}${note.privileged ? ' (privileged)' : ''}` };
    });
  },
  'note list'(args, cli) {
    const { values, file } = parseCommand(args);
    return withCase(cli, file, 'read', (caseDb) => {
      const notes = listNotes(caseDb);
      if (values.json) cli.io.out(JSON.stringify(notes, null, 2));
      else if (notes.length === 0) cli.io.out('No notes yet (custos note add FILE --text T)');
      else {
        for (const n of notes) {
          cli.io.out(
            `${n.createdAt}  ${n.privileged ? 'PRIVILEGED  ' : ''}${safe(n.author)}: ${safe(firstLine(n))}  (id ${n.id})`,
          );
        }
      }
      return EXIT.ok;
    });
  },
  'note show'(args, cli) {
    const { values, file, rest } = parseCommand(args, { min: 1, names: 'the note ID' });
    return withCase(cli, file, 'read', (caseDb) => {
      const note = noteById(caseDb, rest[0]!);
      if (values.json) cli.io.out(JSON.stringify(note, null, 2));
      else {
        cli.io.out(
          [
            `Note ${note.id}${note.privileged ? '  PRIVILEGED' : ''}${note.removed ? '  REMOVED' : ''}`,
            `By ${safe(note.author)}, ${note.createdAt}${note.updatedAt !== note.createdAt ? ` (changed ${note.updatedAt})` : ''}`,
            '',
            // Line by line: the note's own line breaks print as breaks, every other control escaped.
            note.body.split('\n').map(safe).join('\n'),
          ].join('\n'),
        );
      }
      return EXIT.ok;
    });
  },
  'note edit'(args, cli) {
    const { values, file, rest } = parseCommand(args, {
      options: {
        text: { type: 'string' },
        title: { type: 'string' },
        privileged: { type: 'boolean' },
        'not-privileged': { type: 'boolean' },
      },
      min: 1,
      names: 'the note ID',
    });
    if (values.privileged && values['not-privileged']) {
      throw new UsageError('give --privileged or --not-privileged, not both');
    }
    const title = option(values, 'title')?.trim();
    if (title !== undefined && (!title || title.includes('\n'))) {
      throw new UsageError('--title must be one line of text: the note’s first line');
    }
    const text = option(values, 'text');
    const privileged = values.privileged ? { privileged: true } : values['not-privileged'] ? { privileged: false } : {};
    if (text === undefined && title === undefined && !('privileged' in privileged)) {
      throw new UsageError('give --text, --title, --privileged or --not-privileged');
    }
    return changeCase(cli, values, file, (caseDb, ctx) => {
      // --text replaces the whole note (with --title as its first line); --title alone replaces only
      // the first line, keeping the rest as it was.
      const body =
        text !== undefined
          ? title
            ? `${title}\n\n${text}`
            : text
          : title !== undefined
            ? [title, ...noteById(caseDb, rest[0]!).body.split('\n').slice(1)].join('\n')
            : undefined;
      const patch = checked(NotePatch, { ...(body !== undefined ? { body } : {}), ...privileged }, FLAGS);
      const note = editNote(caseDb, ctx, rest[0]!, patch);
      return { json: { note }, text: `Updated note ${note.id}` };
    });
  },
  'note remove'(args, cli) {
    const { values, file, rest } = parseCommand(args, { min: 1, names: 'the note ID' });
    return changeCase(cli, values, file, (caseDb, ctx) => {
      removeNote(caseDb, ctx, rest[0]!);
      return { json: { removed: rest[0] }, text: `Removed note ${safe(rest[0]!)} (the audit log keeps it)` };
    });
  },
} satisfies Runners;

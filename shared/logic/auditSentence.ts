import type { AuditEntry, RowChange, RowImage } from '../domain/audit.ts';
import { columnLabel, cut, describeRecord, formatValue, whenIn } from './recordNames.ts';
import type { RecordNames } from './recordNames.ts';

/**
 * An audit entry as a sentence a person reads ("Dana Whitfield marked note 'Call with counsel'
 * privileged"), for the Audit log, the Overview's latest activity and the CLI. Built from the row
 * images the entry holds (full before and after rows), and from `entry.names` when the reader
 * filled it in for the records a row only points at (an exhibit's id, a playbook step's CACAO id).
 * The entry may come from a tampered file: nothing here throws, and an action it does not know
 * still reads as a sentence, never as a raw "removed 0" or a bare id.
 */
export function describeAuditEntry(entry: AuditEntry): string {
  const names: RecordNames = entry.names ?? {};
  const actor = entry.actor.name.trim() || 'Someone';
  let what: string;
  try {
    what = entry.damaged ? damaged(entry) : (ACTIONS[entry.action]?.(view(entry, names)) ?? generic(entry, names));
  } catch {
    what = generic(entry, names);
  }
  return `${actor} ${what}`;
}

/** One changed column: its label and the values before and after, as read. */
export type ChangedField = { column: string; label: string; before: string; after: string };

/** Bookkeeping columns a person does not need to see in "what changed". */
const QUIET = new Set(['created_at', 'updated_at']);

/**
 * The columns a change altered (an insert: the columns it set), with human labels and values, for
 * the Details of an audit row.
 */
export function changedFields(change: RowChange): ChangedField[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const columns = Object.keys({ ...before, ...after }).filter((c) => !QUIET.has(c) && before[c] !== after[c]);
  return columns
    .filter((c) => change.before !== null || change.after === null || (after[c] !== '' && after[c] !== null))
    .map((c) => ({
      column: c,
      label: columnLabel(c),
      before: change.before ? formatValue(c, before[c], change.before) : '',
      after: change.after ? formatValue(c, after[c], change.after) : '',
    }));
}

/** What an action's sentence is built from: the entry's changes, by table. */
type View = {
  entry: AuditEntry;
  names: RecordNames;
  /** The first change to a table (the entity's own change is first for every action Custos writes). */
  change(table: string): RowChange | undefined;
  changes(table: string): RowChange[];
  /** The record named as a person knows it, from the change's after image (else before). */
  name(table: string, change?: RowChange): string;
};

function view(entry: AuditEntry, names: RecordNames): View {
  // Rows written in the same entry name each other: a custody event's exhibit is in the entry too.
  const local: Record<string, string> = { ...names };
  for (const change of entry.changes) {
    const image = change.after ?? change.before;
    if (!image) continue;
    if (change.table === 'evidence_item' && !local[change.id]) {
      local[change.id] = describeRecord('evidence_item', image);
    }
    if (change.table === 'subject' && !local[change.id]) local[change.id] = describeRecord('subject', image);
    if (change.table === 'indicator' && !local[change.id]) local[change.id] = describeRecord('indicator', image);
  }
  const changes = (table: string) => entry.changes.filter((c) => c.table === table);
  return {
    entry,
    names: local,
    change: (table) => changes(table)[0],
    changes,
    name: (table, change = changes(table)[0]) =>
      describeRecord(table, change ? (change.after ?? change.before) : null, local),
  };
}

const str = (image: RowImage | null | undefined, column: string): string => {
  const value = image?.[column];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
};
const after = (change: RowChange | undefined, column: string) => str(change?.after, column);
const changed = (change: RowChange | undefined, column: string) =>
  !!change && !!change.before && !!change.after && change.before[column] !== change.after[column];
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const quoted = (text: string, max = 60) => `'${cut(text, max)}'`;

/** "status from open to contained, severity from high to critical", at most `max` of them, and how many more. */
function fieldChanges(change: RowChange | undefined, max = 3, skip: readonly string[] = []): string {
  if (!change) return '';
  const fields = changedFields(change).filter((f) => !skip.includes(f.column));
  const shown = fields.slice(0, max).map((f) =>
    // Long text is named, not quoted in full: the Details show it.
    f.before.length > 40 || f.after.length > 40 ? `the ${f.label}` : `${f.label} from ${f.before} to ${f.after}`,
  );
  const more = fields.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${plural(more, 'other field', 'other fields')}` : ''}`;
}

/** The column a record is known by, where renaming it is worth a sentence of its own. */
const NAMED_BY: Readonly<Record<string, string>> = {
  timeline_event: 'title',
  subject: 'name',
  playbook_run: 'title',
  evidence_item: 'description',
};

/**
 * "renamed timeline event 'Old' (…) to 'New'", "edited X: status from A to B", or just "edited X"
 * when nothing a person sees changed. A rename names the record by its old name, as the earlier
 * entries do, so the two can be matched by eye.
 */
function edited(v: View, table: string, verb = 'edited'): string {
  const change = v.change(table);
  const key = NAMED_BY[table];
  if (change?.before && key && changed(change, key)) {
    const rest = fieldChanges(change, 2, ['removed', key]);
    const renamed = `renamed ${describeRecord(table, change.before, v.names)} to ${quoted(str(change.after, key), 80)}`;
    return `${renamed}${rest ? `, and changed ${rest}` : ''}`;
  }
  const fields = fieldChanges(change, 3, ['removed']);
  return `${verb} ${v.name(table)}${fields ? `: ${fields}` : ''}`;
}

function damaged(entry: AuditEntry): string {
  return `recorded '${cut(entry.action, 40)}' (entry ${entry.seq}), whose change data cannot be read: the file was altered outside Custos`;
}

/** Any action not listed below: the action in words and the records it touched. */
function generic(entry: AuditEntry, names: RecordNames): string {
  const action = cut(entry.action.replace(/[._]/g, ' '), 40);
  const first = entry.changes[0];
  if (!first) return `recorded '${action}' (no records changed)`;
  const record = describeRecord(first.table, first.after ?? first.before, names);
  const more = entry.changes.length - 1;
  const verb = first.before === null ? 'adding' : first.after === null ? 'deleting' : 'changing';
  return `recorded '${action}', ${verb} ${record}${more > 0 ? ` and ${plural(more, 'other record', 'other records')}` : ''}`;
}

const STEP_STATES: Readonly<Record<string, string>> = {
  done: 'done',
  skipped: 'skipped',
  pending: 'not started',
  in_progress: 'in progress',
  'in-progress': 'in progress',
  blocked: 'blocked',
  'not-applicable': 'not applicable',
};

/** The exhibit an entry is about: its own evidence_item image, else the name given for the id. */
function exhibit(v: View): string {
  const item = v.change('evidence_item');
  if (item) return v.name('evidence_item', item);
  const id = after(v.change('custody_event'), 'item_id') || v.entry.entity.id;
  return v.names[id] ?? 'an exhibit';
}

function custody(kind: string): (v: View) => string {
  return (v) => {
    const event = v.change('custody_event');
    const to = after(event, 'received_by');
    const at = whenIn(after(event, 'at'), after(event, 'zone'));
    const item = exhibit(v);
    switch (kind) {
      case 'transfer':
        return `transferred ${item} to ${to || 'someone not named'} (${at})`;
      case 'return':
        return `returned ${item} to ${to || 'its owner'} (${at})`;
      case 'verification': {
        const result = after(event, 'hash_result');
        return `verified ${item}: ${result || 'no result recorded'}`;
      }
      case 'export': {
        const where = after(event, 'to_location');
        return `exported a copy of ${item}${where ? ` to ${cut(where, 80)}` : ''}`;
      }
      case 'disposal': {
        const bytes = v.changes('evidence_blob').some((c) => c.after?.disposed_at);
        return `disposed of ${item}${bytes ? ' and removed its stored bytes' : ''} (${at})`;
      }
      case 'acquisition':
        return `recorded the acquisition of ${item} (${at})`;
      default:
        return `recorded a ${cut(kind, 30)} of ${item} in its custody history`;
    }
  };
}

function evidenceAdded(v: View): string {
  const item = v.change('evidence_item');
  const kind = after(item, 'kind');
  const name = v.name('evidence_item', item);
  if (kind === 'physical') return `logged physical ${name}`;
  if (kind === 'text') return `captured text as ${name}`;
  const size = item?.after?.size;
  const file = after(item, 'original_name');
  const storage = after(item, 'storage');
  const how = storage === 'reference' ? 'referenced where it lies' : 'stored in the case';
  const facts = [file ? quoted(file) : '', typeof size === 'number' ? formatValue('size', size).split(' (')[0]! : '']
    .filter(Boolean)
    .join(', ');
  return `added ${name}${facts ? ` (${facts})` : ''}, ${how}`;
}

function noteUpdated(v: View): string {
  const note = v.change('note');
  const name = v.name('note', note ? { ...note, after: { ...note.after, privileged: 0 } } : undefined);
  const marked = changed(note, 'privileged')
    ? note!.after!.privileged === 1
      ? 'privileged'
      : 'not privileged'
    : undefined;
  if (changed(note, 'body')) return `edited ${name}${marked ? ` and marked it ${marked}` : ''}`;
  if (marked) return `marked ${name} ${marked}`;
  return `edited ${name}`;
}

function caseUpdated(v: View): string {
  const change = v.change('case_meta');
  const fields = change ? changedFields(change) : [];
  // When the organisation became aware is one fact kept in two columns (the instant and the zone it
  // was read in): said as one, in that zone, since it starts the notification clocks.
  const awareColumns = ['aware_at', 'aware_zone'];
  if (change && fields.length > 0 && fields.every((f) => awareColumns.includes(f.column))) {
    const before = str(change.before, 'aware_at')
      ? whenIn(str(change.before, 'aware_at'), str(change.before, 'aware_zone'))
      : '';
    const now = after(change, 'aware_at') ? whenIn(after(change, 'aware_at'), after(change, 'aware_zone')) : '';
    if (!now) return `cleared when the organisation became aware (was ${before || 'not set'})`;
    return before
      ? `changed when the organisation became aware from ${before} to ${now}`
      : `set when the organisation became aware: ${now}`;
  }
  if (fields.length === 1 && fields[0]!.before.length <= 40 && fields[0]!.after.length <= 40) {
    const f = fields[0]!;
    return `changed the case ${f.label} from ${f.before} to ${f.after}`;
  }
  const summary = fieldChanges(change, 3);
  return `edited the case record${summary ? `: ${summary}` : ''}`;
}

function stepChanged(v: View): string {
  const step = v.change('playbook_step');
  const name = v.name('playbook_step', step);
  const state = after(step, 'state');
  const proofs = v.changes('playbook_proof').length;
  const proof = proofs > 0 ? ` with ${plural(proofs, 'proof', 'proofs')}` : '';
  if (changed(step, 'state') || !step?.before) {
    const outcome = after(step, 'outcome');
    const reason = after(step, 'reason');
    const why =
      state === 'done' && outcome ? `: ${quoted(outcome)}` : state === 'skipped' && reason ? `: ${quoted(reason)}` : '';
    const late = step?.after?.out_of_order === 1 && state === 'done' ? ' (out of order)' : '';
    return `marked ${name} ${STEP_STATES[state] ?? (cut(state, 30) || 'changed')}${late}${proof}${why}`;
  }
  if (changed(step, 'assignee')) {
    const who = after(step, 'assignee');
    return who ? `assigned ${name} to ${who}` : `unassigned ${name}`;
  }
  return `${edited(v, 'playbook_step', 'updated')}${proof}`;
}

function decided(v: View): string {
  const steps = v.changes('playbook_step');
  const decision = steps[0];
  const answer = after(decision, 'outcome');
  const others = steps.length - 1;
  return `answered ${v.name('playbook_step', decision)}${answer ? ` with ${quoted(answer)}` : ''}${
    others > 0 ? ` (${plural(others, 'step', 'steps')} set aside or brought back)` : ''
  }`;
}

function accessUpdated(v: View): string {
  const change = v.change('access_item');
  if (changed(change, 'removed') && change?.after?.removed === 1) {
    return `removed ${v.name('access_item')} from the access inventory`;
  }
  if (changed(change, 'status')) return `marked ${v.name('access_item')} ${after(change, 'status') || 'changed'}`;
  return edited(v, 'access_item');
}

function linkName(v: View, table: 'subject_link' | 'evidence_link'): string {
  return v.name(table);
}

function indicatorAdded(v: View, verb: string): string {
  const indicator = v.change('indicator');
  const links = v.changes('subject_link').length;
  return `${verb} ${v.name('indicator', indicator)}${links > 0 ? `, linked to ${plural(links, 'subject', 'subjects')}` : ''}`;
}

function clockSet(v: View): string {
  const clock = v.change('notification_clock');
  const name = v.name('notification_clock', clock);
  if (!clock?.before || changed(clock, 'applies')) {
    return clock?.after?.applies === 0 ? `switched off the ${name}` : `switched on the ${name}`;
  }
  if (changed(clock, 'trigger_at')) {
    const trigger = after(clock, 'trigger_at');
    return trigger
      ? `set the start of the ${name} to ${whenIn(trigger, after(clock, 'trigger_zone'))}`
      : `let the ${name} count from its usual start again`;
  }
  return edited(v, 'notification_clock');
}

function extortion(kind: string, verb: 'add' | 'update' | 'remove' | 'signoff'): (v: View) => string {
  const table = {
    message: 'extortion_message',
    demand: 'extortion_demand',
    validation: 'claim_validation',
    decision: 'extortion_decision',
  }[kind]!;
  return (v) => {
    const name = v.name(table);
    if (verb === 'add') {
      if (kind === 'validation') return `recorded a ${name} of the extortionists' claim`;
      return `recorded the ${name}`;
    }
    if (verb === 'remove') return `removed the ${name}`;
    if (verb === 'signoff') {
      const counsel = after(v.change(table), 'counsel');
      return `recorded counsel's sign-off${counsel ? ` by ${counsel}` : ''} of the ${name}`;
    }
    return edited(v, table);
  };
}

const OUTPUT_KINDS: Readonly<Record<string, string>> = {
  'report.generate': 'generated the report',
  'export.write': 'wrote the export',
  'package.write': 'wrote the referral package',
};

function output(v: View): string {
  const record = v.change('output_record');
  const file = after(record, 'file_name');
  const subtype = after(record, 'subtype');
  const verb = OUTPUT_KINDS[v.entry.action] ?? 'recorded the output';
  const head = after(record, 'head_seq');
  return `${verb} ${quoted(file || subtype, 80)}${subtype && file ? ` (${subtype})` : ''}${head ? ` at audit entry ${head}` : ''}`;
}

/** Every action Custos writes (docs/case-file-format.md, audit_log.action), as a sentence without its actor. */
const ACTIONS: Readonly<Record<string, (v: View) => string>> = {
  'case.create': (v) => `created the ${v.name('case_meta')}`,
  'case.update': caseUpdated,
  'timeline.add': (v) => `added ${v.name('timeline_event')}`,
  'timeline.update': (v) => edited(v, 'timeline_event'),
  'timeline.remove': (v) => `removed ${v.name('timeline_event')} from the timeline`,
  'note.add': (v) => `added ${v.name('note')}`,
  'note.update': noteUpdated,
  'note.remove': (v) => `removed ${v.name('note')}`,
  'evidence.add': evidenceAdded,
  'custody.transfer': custody('transfer'),
  'custody.return': custody('return'),
  'custody.verification': custody('verification'),
  'custody.export': custody('export'),
  'custody.disposal': custody('disposal'),
  'custody.acquisition': custody('acquisition'),
  'evidence.link': (v) => `linked ${linkName(v, 'evidence_link').replace(/^link of /, '')}`,
  'evidence.unlink': (v) => `removed the ${linkName(v, 'evidence_link')}`,
  'hold.place': (v) => `placed a ${v.name('legal_hold')}`,
  'hold.release': (v) => {
    const reason = after(v.change('legal_hold'), 'release_reason');
    return `released the ${v.name('legal_hold')}${reason ? `: ${quoted(reason)}` : ''}`;
  },
  'playbook.start': (v) =>
    `started ${v.name('playbook_run')} (${plural(v.changes('playbook_step').length, 'step', 'steps')})`,
  'playbook.step': stepChanged,
  'playbook.decide': decided,
  'playbook.close': (v) => `closed ${v.name('playbook_run')}`,
  'playbook.reopen': (v) => `reopened ${v.name('playbook_run')}`,
  'access.add': (v) => `added ${v.name('access_item')} to the access inventory`,
  'access.import': (v) =>
    `imported ${plural(v.changes('access_item').length, 'entry', 'entries')} into the access inventory`,
  'access.update': accessUpdated,
  'subject.add': (v) => `added ${v.name('subject')}`,
  'subject.update': (v) => edited(v, 'subject'),
  'subject.remove': (v) => `removed ${v.name('subject')} from the case`,
  'subject.link': (v) => `linked ${linkName(v, 'subject_link').replace(/^link of /, '')}`,
  'subject.unlink': (v) => `removed the ${linkName(v, 'subject_link')}`,
  'indicator.add': (v) => indicatorAdded(v, 'added'),
  'indicator.import': (v) => {
    const added = v.changes('indicator').filter((c) => c.before === null).length;
    const links = v.changes('subject_link').length;
    return `imported ${plural(added, 'indicator', 'indicators')} from a list${links > 0 ? ` with ${plural(links, 'subject link', 'subject links')}` : ''}`;
  },
  'indicator.link': (v) =>
    `linked ${v.names[v.entry.entity.id] ?? 'an indicator'} to ${plural(v.changes('subject_link').length, 'subject', 'subjects')}`,
  'indicator.restore': (v) => indicatorAdded(v, 'restored'),
  'indicator.update': (v) => edited(v, 'indicator'),
  'indicator.remove': (v) => `removed ${v.name('indicator')}`,
  'extortion.message.add': extortion('message', 'add'),
  'extortion.demand.add': extortion('demand', 'add'),
  'extortion.demand.update': extortion('demand', 'update'),
  'extortion.validation.add': extortion('validation', 'add'),
  'extortion.decision.add': extortion('decision', 'add'),
  'extortion.decision.signoff': extortion('decision', 'signoff'),
  'extortion.message.remove': extortion('message', 'remove'),
  'extortion.demand.remove': extortion('demand', 'remove'),
  'extortion.validation.remove': extortion('validation', 'remove'),
  'extortion.decision.remove': extortion('decision', 'remove'),
  'clock.set': clockSet,
  'clock.submitted': (v) => {
    const submission = v.change('clock_submission');
    const at = whenIn(after(submission, 'submitted_at'), after(submission, 'zone'));
    const reference = after(submission, 'reference');
    return `recorded the ${v.name('clock_submission', submission)} (${at}${reference ? `, reference ${cut(reference, 40)}` : ''})`;
  },
  'clock.submission.remove': (v) => `marked the ${v.name('clock_submission')} removed`,
  'report.generate': output,
  'export.write': output,
  'package.write': output,
};

/** Actions this module writes a sentence for (tests hold it to every action the store writes). */
export const DESCRIBED_ACTIONS: readonly string[] = Object.keys(ACTIONS);

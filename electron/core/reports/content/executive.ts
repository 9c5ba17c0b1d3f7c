import { CASE_TYPE_LABELS } from '../../../../shared/domain/case.ts';
import type { ClockView } from '../../../../shared/domain/clock.ts';
import type { Block } from '../doc.ts';
import { caseClocks, clockName, leftText, STATUS_WORDS } from './clocks.ts';
import { countsLine, line, noneText, pick, single, statusLine, titleOf } from './common.ts';
import type { ItemPlan, KindPlan, SectionPlan } from './common.ts';
import { count, orDash, plural, short, when, words } from './format.ts';
import { decisionSubject, decisionWords, signOffText, subjectLabel } from './parts.ts';
import { ACCESS_WORDS, progressOf } from './runs.ts';
import type { Selection } from './selection.ts';

/**
 * The executive brief: where the case stands, for a board that has two pages to read. Every list
 * is cut short (the most pressing first) and says how many more the counsel report holds; cells
 * are kept to a line or two, so a case of months (hundreds of events, every clock on, dozens of
 * demands and decisions, several runs) still fits the two pages the brief layout gives it.
 */

/** The most rows a list of the brief prints: six lists of six rows fill two pages, with room to spare. */
export const BRIEF_LIMIT = 6;

const BEYOND = 'beyond the brief’s limit — in the counsel report';

/** The first `limit` of a list printed; the rest named in the preview and counted in one line. */
function capped<T>(
  list: readonly T[],
  items: ItemPlan[],
  limit = BRIEF_LIMIT,
): { shown: T[]; more: number; items: ItemPlan[] } {
  let kept = 0;
  const planned = items.map((item) => {
    if (!item.included) return item;
    kept += 1;
    return kept > limit ? { ...item, included: false, reason: BEYOND } : item;
  });
  return { shown: list.slice(0, limit), more: Math.max(0, list.length - limit), items: planned };
}

const moreLine = (more: number, what: string): Block[] =>
  more > 0
    ? [{ type: 'paragraph', text: `and ${count(more)} more ${what} — see the counsel report`, style: 'muted' }]
    : [];

/** Clocks in the order a board should read them: overdue, due soon, running (soonest first), then the rest. */
const URGENCY: Record<string, number> = {
  overdue: 0,
  'due-soon': 1,
  running: 2,
  'no-fixed-time': 3,
  'not-started': 4,
  'submitted-late': 5,
  submitted: 6,
  off: 7,
};

function byUrgency(a: ClockView, b: ClockView): number {
  const rank = (URGENCY[a.status] ?? 9) - (URGENCY[b.status] ?? 9);
  if (rank !== 0) return rank;
  const due = (a.dueAt ?? '9') < (b.dueAt ?? '9') ? -1 : (a.dueAt ?? '9') > (b.dueAt ?? '9') ? 1 : 0;
  return due !== 0 ? due : a.rule.id < b.rule.id ? -1 : 1;
}

type KeyDate = { at: string; zone: string | null; what: string; key: string; ref: string | null; dateOnly?: boolean };

export function executivePlan(sel: Selection): KindPlan {
  const s = sel.snapshot;
  const ex = sel.excluded;

  // Key dates: awareness, the worker's hire, start and termination, the first and last event,
  // and the demands' deadlines; each named by the record it comes from, so leaving one out shows.
  const events = s.events.filter((e) => !sel.out('event', e.id));
  const dates: KeyDate[] = [];
  if (s.record.awareAt) {
    dates.push({ at: s.record.awareAt, zone: s.record.awareZone, what: 'The organisation became aware', key: 'aware', ref: null });
  }
  for (const subject of s.subjects.filter((x) => x.role === 'worker')) {
    const add = (date: string | null, word: string) => {
      if (!date) return;
      dates.push({
        at: `${date}T00:00:00.000Z`,
        zone: null,
        what: `${subjectLabel(subject)} ${word}`,
        key: `subject:${subject.id}/${word}`,
        ref: `subject:${subject.id}`,
        dateOnly: true,
      });
    };
    add(subject.hiredOn, 'hired');
    add(subject.startedOn, 'started');
    add(subject.terminatedOn, 'terminated');
  }
  const firstEvent = s.events.find((e) => !sel.out('event', e.id));
  const lastEvent = events.at(-1);
  for (const [event, word] of [
    [firstEvent, 'First event'],
    [lastEvent, 'Latest event'],
  ] as const) {
    if (!event || (word === 'Latest event' && event === firstEvent)) continue;
    dates.push({
      at: event.occurredAt,
      zone: event.zone,
      what: `${word}: ${short(event.title, 100)}`,
      key: `event:${event.id}`,
      ref: `event:${event.id}`,
    });
  }
  for (const demand of s.extortion.demands) {
    if (!demand.deadlineAt) continue;
    dates.push({
      at: demand.deadlineAt,
      zone: demand.deadlineZone,
      what: `Deadline of the demand${demand.amount ? ` for ${demand.amount} ${demand.asset}` : ''}: ${short(demand.threat, 90)} (${words(demand.status)})`,
      key: `demand:${demand.id}`,
      ref: `demand:${demand.id}`,
    });
  }
  dates.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : 1));
  const datePicks = pick(dates, {
    excluded: ex,
    ref: (d) => d.ref ?? d.key,
    label: (d) => `${d.dateOnly ? d.at.slice(0, 10) : when(d.at)}: ${d.what}`,
    noun: ['key date', 'key dates'],
  });
  // One line a date (a worker's three dates share the subject they come from); awareness cannot be left out.
  const dateItems = datePicks.items.map((item, i) => ({ ...item, key: dates[i]!.key, ref: dates[i]!.ref }));
  const dateRows = capped(datePicks.kept, dateItems);

  const runs = s.runs;
  const runRows = capped(
    runs,
    runs.map((r) => line(`run:${r.run.id}`, `${r.run.title}: ${progressOf(r).settled} of ${progressOf(r).total} steps`)),
  );
  const decisions = s.extortion.decisions;
  const decisionRows = capped(
    decisions,
    decisions.map((d) => line(`decision:${d.id}`, `${decisionWords(d)}: ${signOffText(d)}`)),
  );
  const clocks = [...caseClocks(sel)].sort(byUrgency);
  const clockRows = capped(
    clocks,
    clocks.map((c) => line(`clock:${c.rule.id}`, `${clockName(c)}: ${STATUS_WORDS[c.status]}`)),
  );
  const access = s.access;
  const closed = access.filter((a) => a.status !== 'active').length;

  const counts = countsLine([
    [events.length, 'event'],
    [s.evidence.filter((i) => !sel.out('evidence', i.id)).length, 'exhibit'],
    [s.subjects.filter((x) => !sel.out('subject', x.id)).length, 'subject'],
    [s.indicators.filter((i) => !sel.out('indicator', i.id)).length, 'indicator'],
    [s.extortion.demands.filter((d) => !sel.out('demand', d.id)).length, 'demand'],
  ]);

  const sections: SectionPlan[] = [
    {
      id: 'status',
      title: titleOf('status'),
      items: [line('status', `${s.record.status}, severity ${s.record.severity}`)],
      render: single('status', () => [
        {
          type: 'facts',
          rows: [
            // The case's title and reference head the page (the title block).
            ['Status', `${s.record.status} · severity ${s.record.severity} · TLP:${s.record.tlp}`],
            ['Type', CASE_TYPE_LABELS[s.record.caseType] ?? s.record.caseType],
            ['In the case', counts],
            ['Summary', s.record.summary ? short(s.record.summary, 400) : 'No summary was written'],
          ],
        },
      ]),
    },
    {
      id: 'dates',
      title: titleOf('dates'),
      items: dateRows.items,
      render: single('dates', () => [
        {
          type: 'table',
          columns: [
            { title: 'When', width: 42 },
            { title: 'What', width: 58 },
          ],
          rows: dateRows.shown.map((d) => [d.dateOnly ? d.at.slice(0, 10) : when(d.at, d.zone), d.what]),
          empty: noneText(dates.length, ['key date', 'key dates'], 'No dates are recorded yet.'),
        },
        ...moreLine(dateRows.more, 'dates'),
      ]),
    },
    {
      id: 'actions',
      title: titleOf('actions'),
      items: runRows.items,
      render: single('actions', () => [
        {
          type: 'table',
          columns: [
            { title: 'Playbook run', width: 58 },
            { title: 'Steps settled', width: 16, align: 'right' },
            { title: 'Overdue', width: 12, align: 'right' },
            { title: 'Run', width: 14 },
          ],
          rows: runRows.shown.map((r) => {
            const p = progressOf(r);
            return [r.run.title, `${p.settled} of ${p.total}`, count(p.overdue), r.run.status === 'closed' ? 'Closed' : 'Open'];
          }),
          empty: 'No playbook was run yet.',
        },
        ...moreLine(runRows.more, 'runs'),
        ...s.unreadableRuns.map(
          (r): Block => ({ type: 'notice', tone: 'warning', text: `The run "${r.title}" could not be read: ${r.problem}` }),
        ),
        {
          type: 'paragraph',
          text:
            access.length > 0
              ? `Access inventory: ${count(closed)} of ${plural(access.length, 'account, key or device', 'accounts, keys and devices')} closed (revoked, verified dead or not applicable); ${count(access.length - closed)} ${ACCESS_WORDS.active.toLowerCase()}.`
              : 'No access inventory is recorded.',
        },
      ]),
    },
    {
      id: 'decisions',
      title: titleOf('decisions'),
      items: decisionRows.items,
      render: single('decisions', () => [
        {
          type: 'table',
          columns: [
            { title: 'Decision', width: 16 },
            { title: 'About', width: 36 },
            { title: 'Decided by', width: 26 },
            { title: 'Counsel', width: 22 },
          ],
          rows: decisionRows.shown.map((d) => [
            decisionWords(d),
            short(decisionSubject(sel, d), 90),
            `${d.decidedBy}, ${when(d.decidedAt, d.decidedZone)}`,
            signOffText(d),
          ]),
          empty: 'No decision is recorded.',
        },
        ...moreLine(decisionRows.more, 'decisions'),
      ]),
    },
    {
      id: 'clocks',
      title: titleOf('clocks'),
      items: clockRows.items,
      render: single('clocks', () => [
        {
          type: 'table',
          columns: [
            { title: 'Notification clock', width: 40 },
            { title: 'Status', width: 16 },
            { title: 'Due', width: 25 },
            { title: 'Time left', width: 19 },
          ],
          rows: clockRows.shown.map((c) => [
            clockName(c),
            STATUS_WORDS[c.status] ?? c.status,
            orDash(when(c.dueAt)),
            leftText(c, s.now),
          ]),
          empty: 'No notification clock is switched on.',
        },
        ...moreLine(clockRows.more, 'clocks'),
        { type: 'paragraph', text: `Status as of ${when(s.now)}.`, style: 'muted' },
      ]),
    },
  ];

  return {
    sections,
    standing: [],
    classification: 'Confidential — for the board and executive management',
    privilegeBanner: null,
    coverLines: [statusLine(s), counts],
    // Two pages at most: no cover or contents page, the sections straight under a title block.
    layout: 'brief',
  };
}


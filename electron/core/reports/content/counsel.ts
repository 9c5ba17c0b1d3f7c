import { CASE_TYPE_LABELS, DEFAULT_PRIVILEGE_MARKING } from '../../../../shared/domain/case.ts';
import type { CustodyEvent, EvidenceItem } from '../../../../shared/domain/evidence.ts';
import type { Note } from '../../../../shared/domain/note.ts';
import { EVENT_CATEGORIES } from '../../../../shared/domain/timeline.ts';
import type { TimelineEvent } from '../../../../shared/domain/timeline.ts';
import type { Block } from '../doc.ts';
import { caseClocks, clockName, clocksTable, STATUS_WORDS, submissionsTable } from './clocks.ts';
import { countsLine, line, noneText, pick, single, statusLine, titleOf } from './common.ts';
import type { KindPlan, SectionPlan } from './common.ts';
import { count, orDash, plural, short, utcText, versionText, when } from './format.ts';
import {
  custodyTable,
  decisionSubject,
  decisionWords,
  demandLabel,
  demandTable,
  evidenceTable,
  messageBlocks,
  signOffText,
  timelineTable,
} from './parts.ts';
import { accessOf, accessTable, progressOf, progressText, stepsTable } from './runs.ts';
import { pickDemands, pickEvents, pickExhibits, pickIndicators, pickMessages, pickSubjects } from './picks.ts';
import type { Selection } from './selection.ts';
import { indicatorsSection, subjectsSection } from './peopleSections.ts';

/**
 * The counsel report: everything the case holds, privileged notes included, for the lawyers who
 * direct the investigation. Marked privileged on every page with the case's own marking.
 */

/** How an empty section names what the examiner left out (noneText). */
const EVENT_NOUN: [string, string] = ['timeline event', 'events'];
const EXHIBIT_NOUN: [string, string] = ['exhibit', 'exhibits'];
const MESSAGE_NOUN: [string, string] = ['extortion message', 'extortion messages'];

export const noteLabel = (n: Note): string =>
  `${n.privileged ? 'Privileged note' : 'Note'} by ${n.author}, ${utcText(n.createdAt)} UTC: ${short(n.body, 60)}`;

/**
 * The printed events (a row per category) and the printed exhibits' acquisitions and hand-overs on
 * one axis in UTC, as the table under it gives times: the shape of the case at a glance. Nothing
 * the examiner left out is drawn, and a timeline of fewer than two events gets no picture.
 */
function timelinePicture(
  events: readonly TimelineEvent[],
  exhibits: readonly EvidenceItem[],
  custody: ReadonlyMap<string, CustodyEvent[]>,
): Block[] {
  if (events.length < 2) return [];
  const lanes: Array<{ label: string; at: number[] }> = [];
  for (const category of EVENT_CATEGORIES) {
    const at = events.filter((e) => e.category === category).map((e) => Date.parse(e.occurredAt));
    if (at.length > 0) lanes.push({ label: `Events: ${category}`, at });
  }
  const moves = exhibits.flatMap((item) => custody.get(item.id) ?? []);
  const acquired = moves.filter((m) => m.type === 'acquisition').map((m) => Date.parse(m.at));
  const handed = moves.filter((m) => m.type === 'transfer' || m.type === 'return').map((m) => Date.parse(m.at));
  if (acquired.length > 0) lanes.push({ label: 'Exhibits acquired', at: acquired });
  if (handed.length > 0) lanes.push({ label: 'Custody hand-overs', at: handed });
  const first = events[0]!;
  const last = events.at(-1)!;
  return [
    {
      type: 'chart',
      zone: 'UTC',
      lanes: lanes.map((lane) => ({ ...lane, at: lane.at.filter(Number.isFinite) })),
      caption: `${plural(events.length, 'event')} from ${utcText(first.occurredAt)} to ${utcText(last.occurredAt)} UTC, a row per category, with the printed exhibits' acquisitions and hand-overs; a taller bar is several marks close together. The table below lists every event.`,
    },
  ];
}

function noteBlocks(note: Note): Block[] {
  const edited = note.updatedAt !== note.createdAt ? `; last edited ${when(note.updatedAt)}` : '';
  return [
    {
      type: 'paragraph',
      text: `${note.privileged ? 'PRIVILEGED — ' : ''}Note by ${note.author}, ${when(note.createdAt)}${edited}`,
      style: 'bold',
    },
    { type: 'paragraph', text: note.body },
  ];
}

function caseSection(sel: Selection): SectionPlan {
  const r = sel.snapshot.record;
  return {
    id: 'case',
    title: titleOf('case'),
    items: [line('case', `${r.title}${r.reference ? ` (${r.reference})` : ''}`)],
    render: single('case', () => {
      const blocks: Block[] = [
        {
          type: 'facts',
          rows: [
            ['Title', r.title],
            ['Reference', orDash(r.reference)],
            ['Type', CASE_TYPE_LABELS[r.caseType] ?? r.caseType],
            ['Status', r.status],
            ['Severity', r.severity],
            ['TLP', r.tlp],
            ['Privilege marking', orDash(r.privilegeMarking)],
            ['Lead investigator', orDash(r.leadInvestigator)],
            ['Legal counsel', orDash(r.legalCounsel)],
            ['Became aware', orDash(when(r.awareAt, r.awareZone))],
            ['Case opened', when(r.createdAt)],
            ['Last changed', when(r.updatedAt)],
          ],
        },
      ];
      blocks.push({ type: 'heading', text: 'Summary' });
      blocks.push(
        r.summary
          ? { type: 'paragraph', text: r.summary }
          : { type: 'paragraph', text: 'No summary was written in the case record.', style: 'muted' },
      );
      return blocks;
    }),
  };
}

function extortionSection(sel: Selection): SectionPlan {
  const x = sel.snapshot.extortion;
  const messages = pickMessages(sel);
  const demands = pickDemands(sel);
  // A validation belongs to its demand: a demand left out takes its validation with it.
  const validations = x.validations.filter((v) => !sel.out('demand', v.demandId));
  const decisions = x.decisions;
  return {
    id: 'extortion',
    title: titleOf('extortion'),
    items: [
      ...messages.items,
      ...demands.items,
      ...validations.map((v) => line(`validation:${v.id}`, `Validation: ${v.result}, ${short(v.samples, 60)}`)),
      ...decisions.map((d) => line(`decision:${d.id}`, `Decision: ${decisionWords(d)} (${signOffText(d)})`)),
    ],
    render: single('extortion', () => {
      const blocks: Block[] = [{ type: 'heading', text: 'Messages' }];
      if (messages.kept.length === 0) {
        blocks.push({
          type: 'paragraph',
          text: noneText(x.messages.length, MESSAGE_NOUN, 'No extortion message is recorded.'),
          style: 'muted',
        });
      }
      messages.kept.forEach((m, i) => blocks.push(...messageBlocks(sel, m, i + 1)));
      blocks.push(
        { type: 'heading', text: 'Demands' },
        demandTable(sel, demands.kept, noneText(x.demands.length, ['demand', 'demands'], 'No demands are recorded.')),
      );
      blocks.push({ type: 'heading', text: 'Validation of the claims' });
      blocks.push({
        type: 'table',
        columns: [
          { title: 'Demand', width: 18 },
          { title: 'Samples checked', width: 20 },
          { title: 'Compared against', width: 18 },
          { title: 'Result', width: 10 },
          { title: 'By, at', width: 20 },
          { title: 'Exhibit', width: 8 },
          { title: 'Notes', width: 11 },
        ],
        rows: validations.map((v) => {
          const demand = demands.kept.find((d) => d.id === v.demandId);
          return [
            demand ? demandLabel(demand) : '',
            v.samples,
            v.comparedAgainst,
            v.result,
            `${v.validatedBy}${v.validatedAt ? `, ${when(v.validatedAt, v.validatedZone)}` : ''}`,
            sel.exhibit(v.evidenceItemId),
            v.notes,
          ];
        }),
        // A validation goes with its demand: when every demand validated was left out, that says why none is here.
        empty:
          x.validations.length === 0
            ? 'No validation of the claims is recorded.'
            : x.validations.length === 1
              ? 'The only validation of the claims belongs to a demand left out by the examiner.'
              : `No validations are printed: ${count(x.validations.length)} belong to demands left out by the examiner.`,
      });
      blocks.push({ type: 'heading', text: 'Decisions' });
      if (decisions.length === 0) {
        blocks.push({ type: 'paragraph', text: 'No decision is recorded.', style: 'muted' });
      }
      for (const d of decisions) {
        blocks.push({
          type: 'facts',
          rows: [
            ['Decision', decisionWords(d)],
            ['About', decisionSubject(sel, d)],
            ['Reasons', d.reasons],
            ['Decided by', `${d.decidedBy}, ${when(d.decidedAt, d.decidedZone)}`],
            ['Counsel', signOffText(d)],
            ['Sanctions notice', d.sanctionsShown ? 'Shown when the decision was recorded' : 'Not shown'],
          ],
        });
      }
      if (demands.kept.some((d) => d.amount || d.payTo)) {
        blocks.push({ type: 'heading', text: 'Sanctions notice shown beside demands that name a payment' });
        blocks.push({ type: 'notice', tone: 'warning', text: x.sanctions.text });
        blocks.push({
          type: 'paragraph',
          text: x.sanctions.sources.map((s) => `${s.name}: ${s.url}`).join('\n'),
          style: 'muted',
        });
      }
      return blocks;
    }),
  };
}

function clocksSection(sel: Selection): SectionPlan {
  const clocks = caseClocks(sel);
  const off = sel.snapshot.clocks.clocks.filter((c) => !clocks.includes(c));
  return {
    id: 'clocks',
    title: titleOf('clocks'),
    items: clocks.map((c) => line(`clock:${c.rule.id}`, `${clockName(c)}: ${STATUS_WORDS[c.status]}`)),
    render: single('clocks', () => [
      {
        type: 'paragraph',
        text: `Status as of ${when(sel.snapshot.now)}, when this report was generated. Deadlines are counted from the rules Custos ships, each citing its source.`,
        style: 'muted',
      },
      clocksTable(sel, clocks),
      { type: 'heading', text: 'Submissions' },
      submissionsTable(sel, clocks),
      ...(off.length > 0
        ? [
            {
              type: 'paragraph' as const,
              text: `Not switched on for this case: ${off.map(clockName).join('; ')}.`,
              style: 'muted' as const,
            },
          ]
        : []),
    ]),
  };
}

function playbooksSection(sel: Selection): SectionPlan {
  const runs = sel.snapshot.runs;
  const loose = accessOf(sel, null);
  return {
    id: 'playbooks',
    title: titleOf('playbooks'),
    items: runs.map((run) => line(`run:${run.run.id}`, `${run.run.title}: ${progressText(progressOf(run))}`)),
    render: single('playbooks', () => {
      const blocks: Block[] = sel.snapshot.unreadableRuns.map(
        (r): Block => ({ type: 'notice', tone: 'warning', text: `The run "${r.title}" (${r.id}) could not be read: ${r.problem}` }),
      );
      if (runs.length === 0 && blocks.length === 0) {
        blocks.push({ type: 'paragraph', text: 'No playbook was run in this case.', style: 'muted' });
      }
      for (const detail of runs) {
        const { run } = detail;
        blocks.push({ type: 'heading', text: run.title });
        blocks.push({
          type: 'facts',
          rows: [
            ['Playbook', `${run.templateName} (version ${versionText(run.templateVersion)})`],
            [detail.template.anchor.label || 'T0', when(run.anchorAt, run.anchorZone)],
            ['Started by', run.startedBy],
            ['Run', run.status === 'closed' ? 'Closed' : 'Open'],
            ['Progress', `${progressText(progressOf(detail))} at ${utcText(sel.snapshot.now)} UTC`],
          ],
        });
        blocks.push(stepsTable(sel, detail, true));
        blocks.push({ type: 'heading', text: `Access inventory — ${run.title}` });
        blocks.push(accessTable(sel, accessOf(sel, run.id)));
      }
      if (loose.length > 0) {
        blocks.push({ type: 'heading', text: 'Access inventory not tied to a run' }, accessTable(sel, loose));
      }
      return blocks;
    }),
  };
}

function holdsTable(sel: Selection): Block {
  const holds = sel.snapshot.holds;
  return {
    type: 'table',
    columns: [
      { title: 'On', width: 14 },
      { title: 'Reason', width: 34 },
      { title: 'Placed', width: 26 },
      { title: 'Released', width: 26 },
    ],
    rows: holds
      .filter((h) => !h.itemId || sel.exhibit(h.itemId))
      .map((h) => [
        h.itemId ? sel.exhibit(h.itemId) : 'The whole case',
        h.reason,
        `${h.placedBy}, ${when(h.placedAt)}`,
        h.releasedAt ? `${h.releasedBy}, ${when(h.releasedAt)}: ${h.releaseReason}` : 'In force',
      ]),
    // Holds on exhibits left out go with them; when that is every hold, the table says so.
    empty:
      holds.length === 0
        ? 'No legal hold was placed.'
        : holds.length === 1
          ? 'The only legal hold is on an exhibit left out by the examiner.'
          : `No legal holds are printed: ${count(holds.length)} are on exhibits left out by the examiner.`,
  };
}

function auditSection(sel: Selection): SectionPlan {
  const { audit, head } = sel.snapshot;
  return {
    id: 'audit',
    title: titleOf('audit'),
    items: [line('audit', `${plural(audit.entries, 'audit entry', 'audit entries')} up to entry ${head.seq}`)],
    render: single('audit', () => [
      {
        type: 'paragraph',
        text: `Every change to the case is an entry in its audit log, chained to the one before by its SHA-256 hash. This report was made from the log up to entry ${count(head.seq)}; entries recorded after it (this report's own record among them) are not counted.`,
        style: 'muted',
      },
      {
        type: 'facts',
        rows: [
          ['Entries', count(audit.entries)],
          ['First entry', orDash(when(audit.firstAt))],
          ['Last entry', orDash(when(audit.lastAt))],
          ['Head sequence', count(head.seq)],
          ['Head hash', head.hash],
        ],
      },
      {
        type: 'table',
        columns: [
          { title: 'Action', width: 70 },
          { title: 'Entries', width: 30, align: 'right' },
        ],
        rows: audit.byAction.map(([action, n]) => [action, count(n)]),
        empty: 'The audit log is empty.',
      },
    ]),
  };
}

export function counselPlan(sel: Selection): KindPlan {
  const s = sel.snapshot;
  const ex = sel.excluded;
  const events = pickEvents(sel);
  const notes = pick(s.notes, { excluded: ex, ref: (n) => `note:${n.id}`, label: noteLabel, noun: ['note', 'notes'] });
  const subjects = pickSubjects(sel);
  const indicators = pickIndicators(sel);
  const evidence = pickExhibits(sel);
  const custodyItems = pickExhibits(
    sel,
    s.evidence,
    (i) => `${i.exhibit}: ${plural(s.custody.get(i.id)?.length ?? 0, 'custody event')}`,
  );
  const privileged = notes.kept.filter((n) => n.privileged).length;

  const sections: SectionPlan[] = [
    caseSection(sel),
    {
      id: 'timeline',
      title: titleOf('timeline'),
      items: events.items,
      render: single('timeline', () => [
        ...timelinePicture(events.kept, evidence.kept, s.custody),
        timelineTable(events.kept, noneText(s.events.length, EVENT_NOUN, 'No events are in the timeline.')),
      ]),
    },
    {
      id: 'notes',
      title: titleOf('notes'),
      items: notes.items,
      render: single('notes', () =>
        notes.kept.length === 0
          ? [{ type: 'paragraph', text: noneText(s.notes.length, ['note', 'notes'], 'No notes are in the case.'), style: 'muted' }]
          : notes.kept.flatMap(noteBlocks),
      ),
    },
    subjectsSection(sel, subjects, { withNotes: true, where: 'the case' }),
    indicatorsSection(sel, indicators, 'the case'),
    extortionSection(sel),
    clocksSection(sel),
    playbooksSection(sel),
    {
      id: 'evidence',
      title: titleOf('evidence'),
      items: evidence.items,
      render: single('evidence', () => [
        evidenceTable(evidence.kept, noneText(s.evidence.length, EXHIBIT_NOUN, 'No evidence is in the register.'), true),
        { type: 'heading', text: 'Legal holds' },
        holdsTable(sel),
      ]),
    },
    {
      id: 'custody',
      title: titleOf('custody'),
      items: custodyItems.items,
      render: single('custody', () =>
        custodyItems.kept.length === 0
          ? [
              {
                type: 'paragraph',
                text: noneText(s.evidence.length, EXHIBIT_NOUN, 'No evidence is in the register.'),
                style: 'muted',
              },
            ]
          : custodyItems.kept.flatMap((item): Block[] => [
              { type: 'heading', text: `${item.exhibit} — ${short(item.description || item.originalName, 120)}` },
              custodyTable(s.custody.get(item.id) ?? []),
            ]),
      ),
    },
    auditSection(sel),
  ];

  return {
    sections,
    standing: [],
    classification: 'Privileged & confidential — prepared at the request of counsel',
    privilegeBanner: s.record.privilegeMarking.trim() || DEFAULT_PRIVILEGE_MARKING,
    coverLines: [
      statusLine(s),
      countsLine([
        [events.kept.length, 'event'],
        [notes.kept.length, 'note'],
        [evidence.kept.length, 'exhibit'],
        [subjects.kept.length, 'subject'],
        [indicators.kept.length, 'indicator'],
        [s.extortion.demands.filter((d) => !sel.out('demand', d.id)).length, 'demand'],
      ]),
      ...(privileged > 0
        ? [`This report prints ${plural(privileged, 'privileged note')}: do not pass it to anyone outside privilege.`]
        : []),
      ...(s.record.awareAt ? [`Became aware: ${when(s.record.awareAt, s.record.awareZone)}`] : []),
    ],
  };
}

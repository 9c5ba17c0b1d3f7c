import { CASE_TYPE_LABELS } from '../../../../shared/domain/case.ts';
import type { Actor } from '../../../../shared/domain/common.ts';
import type { IndicatorRow, IndicatorType } from '../../../../shared/domain/indicator.ts';
import type { ReportOptions } from '../../../../shared/domain/report.ts';
import type { TimelineEvent } from '../../../../shared/domain/timeline.ts';
import type { Block } from '../doc.ts';
import { caseClocks, submissionsTable } from './clocks.ts';
import { countsLine, line, noneText, reasonOf, single, statusLine, titleOf } from './common.ts';
import type { ItemPlan, KindPlan, SectionPlan, StandingWithheld } from './common.ts';
import { contactsFor, generalAdvice } from './contacts.ts';
import { orDash, plural, short, utcText, when } from './format.ts';
import {
  custodySummary,
  demandTable,
  evidenceTable,
  indicatorTable,
  messageBlocks,
  timelineTable,
} from './parts.ts';
import { pickDemands, pickEvents, pickExhibits, pickIndicators, pickMessages, pickSubjects } from './picks.ts';
import type { Selection } from './selection.ts';
import { indicatorsSection, subjectsSection } from './peopleSections.ts';

/**
 * The law-enforcement referral: what police intake forms ask for, from the case, with nothing
 * privileged in it. Notes never go in (privileged ones above all), nor counsel's decisions; the
 * report says at its top, and in its own section, how many items it withholds and where.
 */

/** Indicator types that are somewhere money goes. */
const PAYMENT_TYPES: readonly IndicatorType[] = ['btc', 'eth', 'tron', 'wallet', 'iban', 'payment-account'];

/** Where malicious activity shows, for "first malicious activity" (detection and response are ours). */
const ACTIVITY: readonly string[] = ['hiring', 'identity', 'access', 'device', 'communication', 'payment', 'exfiltration', 'extortion'];

const first = (events: readonly TimelineEvent[], categories: readonly string[]) =>
  events.find((e) => categories.includes(e.category));

/** An intake date from the events printed; one the case holds but the examiner left out is said to be. */
const eventFact = (e: TimelineEvent | undefined, inCase: TimelineEvent | undefined) =>
  e ? `${when(e.occurredAt, e.zone)} — ${e.title}` : inCase ? 'Recorded, but left out by the examiner' : 'Not recorded';

/** Identifier groups of the intake form, by indicator type. */
const IDENTIFIER_GROUPS: Array<[label: string, types: IndicatorType[]]> = [
  ['E-mail addresses', ['email']],
  ['Phone numbers', ['phone']],
  ['Messaging handles and user names', ['username']],
  ['IP addresses', ['ip']],
  ['Domains', ['domain']],
  ['URLs', ['url']],
  ['Wallets and payment accounts', ['btc', 'eth', 'tron', 'wallet', 'iban', 'payment-account']],
  ['Postal addresses', ['postal-address']],
  ['Devices and hosts', ['device-serial', 'mac', 'hostname', 'remote-tool']],
  ['File hashes', ['file-hash']],
];

/** How an empty list names what the examiner left out (noneText). */
const SUBJECT_NOUN: [string, string] = ['subject', 'subjects'];
const WALLET_NOUN: [string, string] = ['wallet or payment account', 'wallets or payment accounts'];
const PAY_DEMAND_NOUN: [string, string] = ['demand naming a payment', 'demands naming a payment'];
const PAYMENT_EVENT_NOUN: [string, string] = ['payment in the timeline', 'payments in the timeline'];

const identifier = (i: IndicatorRow) => `${i.normalised}${i.platform ? ` (${i.platform})` : ''}`;

export function lawEnforcementPlan(sel: Selection, options: ReportOptions, examiner: Actor): KindPlan {
  const s = sel.snapshot;
  // Given (even empty: the examiner cleared it) it is the summary; absent, the case record's.
  const summary = (options.summary ?? s.record.summary).trim();

  const events = pickEvents(sel);
  const subjects = pickSubjects(sel);
  const indicators = pickIndicators(sel);
  const messages = pickMessages(sel);
  const demands = pickDemands(sel);
  const evidence = pickExhibits(sel);
  const payDemands = pickDemands(
    sel,
    s.extortion.demands.filter((d) => d.amount || d.payTo),
  );
  const wallets = pickIndicators(
    sel,
    s.indicators.filter((i) => PAYMENT_TYPES.includes(i.type)),
  );
  const payEvents = pickEvents(
    sel,
    s.events.filter((e) => e.category === 'payment'),
  );
  const clocks = caseClocks(sel).filter((c) => c.submissions.length > 0);
  const submissions = clocks.reduce((n, c) => n + c.submissions.length, 0);

  // Withheld whatever sections are chosen: every note (privileged ones never leave under privilege),
  // and the decisions on the demands, which record counsel's advice.
  const standing: StandingWithheld[] = [
    ...s.notes.map((n): StandingWithheld => {
      const why = n.privileged ? 'privileged' : 'notes';
      return {
        sectionTitle: titleOf('notes'),
        item: {
          key: `note:${n.id}`,
          ref: null,
          label: `${n.privileged ? 'Privileged note' : 'Note'} by ${n.author}, ${utcText(n.createdAt)} UTC`,
          included: false,
          reason: reasonOf(why),
          withheld: { noun: n.privileged ? ['privileged note', 'privileged notes'] : ['note', 'notes'], why },
        },
      };
    }),
    ...s.extortion.decisions.map(
      (d): StandingWithheld => ({
        sectionTitle: titleOf('extortion'),
        item: {
          key: `decision:${d.id}`,
          ref: null,
          label: `Decision of ${utcText(d.decidedAt)} UTC by ${d.decidedBy}`,
          included: false,
          reason: reasonOf('advice'),
          withheld: { noun: ['decision', 'decisions'], why: 'advice' },
        },
      }),
    ),
  ];

  const dateOf = (categories: readonly string[]) => eventFact(first(events.kept, categories), first(s.events, categories));
  const isTerminated = (x: (typeof s.subjects)[number]) => x.role === 'worker' && Boolean(x.terminatedOn);
  const terminated = subjects.kept.filter(isTerminated);
  const exfiltration = events.kept.filter((e) => e.category === 'exfiltration');
  const allExfiltration = s.events.filter((e) => e.category === 'exfiltration').length;

  const intakeBlocks = (): Block[] => [
    {
      type: 'paragraph',
      text: 'Laid out as the fields police intake forms ask for (victim, incident, financial transactions, subjects, other notifications, contact). Times are UTC, with the zone they were recorded in.',
      style: 'muted',
    },
    { type: 'heading', text: 'Victim organisation' },
    {
      type: 'facts',
      rows: [
        ['Organisation', examiner.organisation],
        ['Contact', `${examiner.name}, ${examiner.role}`],
        ['Sector', 'Not recorded in the case; add it on the form'],
        ['Case reference', orDash(s.record.reference)],
      ],
    },
    { type: 'heading', text: 'Incident' },
    {
      type: 'facts',
      rows: [
        ['Type', CASE_TYPE_LABELS[s.record.caseType] ?? s.record.caseType],
        ['First malicious activity recorded', dateOf(ACTIVITY)],
        ['Detected', dateOf(['detection'])],
        ['Organisation became aware', orDash(when(s.record.awareAt, s.record.awareZone))],
        ['First response (containment)', dateOf(['response'])],
        [
          'Worker terminated',
          terminated.length > 0
            ? terminated.map((x) => `${x.name}: ${x.terminatedOn}`).join('; ')
            : s.subjects.some(isTerminated)
              ? 'Recorded, but left out by the examiner'
              : 'Not recorded',
        ],
        [
          'Data taken (timeline)',
          exfiltration.length > 0
            ? exfiltration
                .slice(0, 10)
                .map((e) => `${utcText(e.occurredAt)} UTC: ${e.title}`)
                .join('\n') + (exfiltration.length > 10 ? `\nand ${exfiltration.length - 10} more (Timeline)` : '')
            : noneText(allExfiltration, ['exfiltration event', 'exfiltration events'], 'None recorded'),
        ],
        ['Case status', s.record.status],
      ],
    },
    { type: 'heading', text: 'Financial transactions' },
    {
      type: 'facts',
      rows: [
        [
          'Demanded',
          payDemands.kept.length > 0
            ? payDemands.kept
                .map(
                  (d) =>
                    `${d.amount || '?'} ${d.asset}${d.payTo ? ` to ${d.payTo}` : ''}${d.deadlineAt ? ` by ${when(d.deadlineAt, d.deadlineZone)}` : ''}`,
                )
                .join('\n')
            : noneText(payDemands.items.length, PAY_DEMAND_NOUN, 'No demand names a payment'),
        ],
        [
          'Wallets and accounts',
          wallets.kept.length > 0
            ? wallets.kept.map(identifier).join('\n')
            : noneText(wallets.items.length, WALLET_NOUN, 'None recorded'),
        ],
        [
          'Payments (timeline)',
          payEvents.kept.length > 0
            ? payEvents.kept.map((e) => `${utcText(e.occurredAt)} UTC: ${e.title}`).join('\n')
            : noneText(payEvents.items.length, PAYMENT_EVENT_NOUN, 'None recorded'),
        ],
      ],
    },
    { type: 'heading', text: 'Subject identifiers' },
    {
      type: 'facts',
      rows: [
        [
          'Names and aliases',
          subjects.kept.length > 0
            ? subjects.kept.map((x) => [x.name, ...x.aliases].join(' / ')).join('\n')
            : noneText(s.subjects.length, SUBJECT_NOUN, 'None recorded'),
        ],
        ...IDENTIFIER_GROUPS.flatMap(([label, types]): Array<[string, string]> => {
          const found = indicators.kept.filter((i) => types.includes(i.type));
          if (found.length > 0) return [[label, found.map(identifier).join('\n')]];
          // A kind of identifier the case holds but the examiner left out is named, not dropped.
          const inCase = s.indicators.filter((i) => types.includes(i.type)).length;
          return inCase > 0 ? [[label, noneText(inCase, ['identifier', 'identifiers'], '')]] : [];
        }),
      ],
    },
    { type: 'heading', text: 'Other notifications made' },
    submissionsTable(sel, clocks),
    { type: 'heading', text: 'Point of contact' },
    {
      type: 'facts',
      rows: [
        ['Examiner', `${examiner.name}, ${examiner.role}, ${examiner.organisation}`],
        ['Lead investigator', orDash(s.record.leadInvestigator)],
        ['Legal counsel', orDash(s.record.legalCounsel)],
      ],
    },
  ];

  const countries = options.countries.map((code) => contactsFor(code));

  const sections: SectionPlan[] = [
    {
      id: 'summary',
      title: titleOf('summary'),
      items: [line('summary', summary ? short(summary, 100) : 'No summary was written')],
      render: single('summary', () =>
        summary
          ? [{ type: 'paragraph', text: summary }]
          : [
              {
                type: 'notice',
                tone: 'warning',
                text: 'No summary was written: neither the examiner (custos report … --summary) nor the case record gave one.',
              },
            ],
      ),
    },
    {
      id: 'intake',
      title: titleOf('intake'),
      items: [
        line('intake:victim', `Victim organisation: ${examiner.organisation}`),
        line('intake:incident', `Incident: ${CASE_TYPE_LABELS[s.record.caseType] ?? s.record.caseType}`),
        line(
          'intake:money',
          `Financial transactions: ${plural(payDemands.kept.length, 'demand')}, ${plural(wallets.kept.length, 'wallet or account', 'wallets or accounts')}`,
        ),
        line('intake:subjects', `Subject identifiers: ${plural(subjects.kept.length, 'subject')}, ${plural(indicators.kept.length, 'indicator')}`),
        line('intake:notifications', `Other notifications: ${plural(submissions, 'submission')}`),
        line('intake:contact', `Point of contact: ${examiner.name}`),
      ],
      render: single('intake', intakeBlocks),
    },
    {
      id: 'timeline',
      title: titleOf('timeline'),
      items: events.items,
      render: single('timeline', () => [
        timelineTable(events.kept, noneText(s.events.length, ['timeline event', 'events'], 'No events are in the timeline.')),
      ]),
    },
    subjectsSection(sel, subjects, { withNotes: false, where: 'this referral' }),
    indicatorsSection(sel, indicators, 'this referral'),
    {
      id: 'payments',
      title: titleOf('payments'),
      items: [...payDemands.items, ...wallets.items, ...payEvents.items],
      render: single('payments', () => [
        { type: 'heading', text: 'Payments demanded' },
        {
          type: 'table',
          columns: [
            { title: 'Amount', width: 12, align: 'right' },
            { title: 'Asset', width: 8 },
            { title: 'Pay to', width: 40, mono: true },
            { title: 'Deadline', width: 25 },
            { title: 'Status', width: 15 },
          ],
          rows: payDemands.kept.map((d) => [d.amount, d.asset, d.payTo, when(d.deadlineAt, d.deadlineZone), d.status]),
          empty: noneText(payDemands.items.length, PAY_DEMAND_NOUN, 'No demand names a payment.'),
        },
        { type: 'heading', text: 'Wallets and payment accounts' },
        indicatorTable(
          sel,
          wallets.kept,
          noneText(wallets.items.length, WALLET_NOUN, 'No wallet or payment account is recorded.'),
        ),
        { type: 'heading', text: 'Payments recorded in the timeline' },
        timelineTable(
          payEvents.kept,
          noneText(payEvents.items.length, PAYMENT_EVENT_NOUN, 'No payment is recorded in the timeline.'),
        ),
      ]),
    },
    {
      id: 'extortion',
      title: titleOf('extortion'),
      items: [...messages.items, ...demands.items],
      render: single('extortion', () => [
        { type: 'heading', text: 'Messages' },
        ...(messages.kept.length === 0
          ? [
              {
                type: 'paragraph' as const,
                text: noneText(
                  s.extortion.messages.length,
                  ['extortion message', 'extortion messages'],
                  'No extortion message is recorded.',
                ),
                style: 'muted' as const,
              },
            ]
          : messages.kept.flatMap((m, i) => messageBlocks(sel, m, i + 1))),
        { type: 'heading', text: 'Demands' },
        demandTable(sel, demands.kept, noneText(s.extortion.demands.length, ['demand', 'demands'], 'No demands are recorded.')),
      ]),
    },
    {
      id: 'evidence',
      title: titleOf('evidence'),
      items: evidence.items,
      render: single('evidence', () => [
        {
          type: 'paragraph',
          text: 'Each exhibit with its full SHA-256 as recorded at acquisition, and its chain of custody. A copy handed over can be checked with sha256sum against this list.',
          style: 'muted',
        },
        evidenceTable(evidence.kept, noneText(s.evidence.length, ['exhibit', 'exhibits'], 'No evidence is in the register.')),
        ...evidence.kept.flatMap((item): Block[] => [
          { type: 'heading', text: `Custody of ${item.exhibit} — ${short(item.description || item.originalName, 100)}` },
          custodySummary(s.custody.get(item.id) ?? []),
        ]),
      ]),
    },
    {
      id: 'contacts',
      title: titleOf('contacts'),
      items:
        countries.length > 0
          ? countries.map((c) => line(`country:${c.code}`, `${c.name}${c.known ? '' : ' (general advice)'}`))
          : [line('country:none', 'No country named: general advice')],
      render: single('contacts', () => {
        const blocks: Block[] = [];
        if (countries.length === 0) {
          blocks.push({
            type: 'notice',
            tone: 'info',
            text: 'No country was named for this referral (custos report … --country US). General advice follows.',
          });
          const general = generalAdvice();
          blocks.push(
            { type: 'paragraph', text: general.lines.map((l) => `• ${l}`).join('\n') },
            { type: 'paragraph', text: `Sources:\n${general.sources.map((x) => `${x.name}: ${x.url}`).join('\n')}`, style: 'muted' },
          );
        }
        for (const c of countries) {
          blocks.push({ type: 'heading', text: `${c.name} (${c.code})` });
          blocks.push({ type: 'paragraph', text: c.lines.map((l) => `• ${l}`).join('\n') });
          blocks.push({
            type: 'paragraph',
            text: `Sources:\n${c.sources.map((x) => `${x.name}: ${x.url}`).join('\n')}`,
            style: 'muted',
          });
        }
        blocks.push({
          type: 'paragraph',
          text: 'Agencies change their forms and numbers: check the cited pages on the day of filing.',
          style: 'muted',
        });
        return blocks;
      }),
    },
    {
      id: 'withheld',
      title: titleOf('withheld'),
      // Listed here for the examiner to see; counted once, as standing items, in the notice.
      items: standing.map(({ item: { withheld: _counted, ...item } }): ItemPlan => item),
      render: single('withheld', (info) => [
        info.withheld.length > 0
          ? {
              type: 'notice',
              tone: 'withheld',
              text: `This referral withholds:\n${info.withheld.map((l) => `• ${l}`).join('\n')}`,
            }
          : { type: 'notice', tone: 'info', text: NOTHING_WITHHELD },
        {
          type: 'paragraph',
          text: 'Not part of a referral by design, and not counted above: the case notes are replaced by the examiner\'s summary; free-text notes on subjects and indicators, playbook runs, the clock record beyond the notifications listed in the intake, and the audit log stay with the case and its counsel report.',
          style: 'muted',
        },
      ]),
    },
  ];

  return {
    sections,
    standing,
    classification: `Law enforcement sensitive — TLP:${s.record.tlp}`,
    privilegeBanner: null,
    coverLines: [
      statusLine(s),
      countsLine([
        [events.kept.length, 'event'],
        [evidence.kept.length, 'exhibit'],
        [subjects.kept.length, 'subject'],
        [indicators.kept.length, 'indicator'],
        [demands.kept.length, 'demand'],
      ]),
      countries.length > 0
        ? `To be filed in: ${countries.map((c) => c.name).join(', ')}`
        : 'No country named for filing',
    ],
    saysWhenNothingWithheld: NOTHING_WITHHELD,
  };
}

const NOTHING_WITHHELD =
  'Nothing was withheld from this referral: the case holds no notes or decisions, and the examiner left nothing out.';

import type { CustodyEvent, EvidenceItem } from '../../../../shared/domain/evidence.ts';
import { DECISION_LABELS } from '../../../../shared/domain/extortion.ts';
import type { ExtortionDecision, ExtortionDemand, ExtortionMessage } from '../../../../shared/domain/extortion.ts';
import type { IndicatorRow } from '../../../../shared/domain/indicator.ts';
import { SUBJECT_ROLE_LABELS } from '../../../../shared/domain/subject.ts';
import type { Subject, SubjectLink } from '../../../../shared/domain/subject.ts';
import type { TimelineEvent } from '../../../../shared/domain/timeline.ts';
import type { Block, Column } from '../doc.ts';
import { bytes, enteredText, orDash, short, utcText, when, whenCell, words } from './format.ts';
import type { Selection } from './selection.ts';

/**
 * The pieces more than one report prints the same way: the timeline table, a subject, the indicator
 * table, messages and demands, the evidence register and a custody table. Each takes the items the
 * report keeps (the plan decided) and the selection, for references to other records.
 */

/** Only the facts that hold something: a subject known by name alone prints two lines, not ten. */
const present = (rows: Array<[string, string | null]>): Array<[string, string]> =>
  rows.filter((r): r is [string, string] => Boolean(r[1]));

const col = (title: string, width: number, extra: Partial<Column> = {}): Column => ({ title, width, ...extra });

// ---- labels ----------------------------------------------------------------------------------------

export const eventLabel = (e: TimelineEvent): string => `${utcText(e.occurredAt)} UTC — ${short(e.title, 120)}`;
export const subjectLabel = (s: Subject): string => `${s.name} (${SUBJECT_ROLE_LABELS[s.role] ?? s.role})`;
export const indicatorLabel = (i: IndicatorRow): string =>
  `${i.type} ${short(i.normalised, 100)}${i.platform ? ` (${i.platform})` : ''}`;
export const exhibitLabel = (item: EvidenceItem): string =>
  `${item.exhibit} ${short(item.description || item.originalName, 100)}`;
export const messageLabel = (m: ExtortionMessage): string =>
  `${utcText(m.receivedAt)} UTC, ${m.channel}${m.sender ? ` from ${short(m.sender, 60)}` : ''}: ${short(m.summary, 100)}`;
export const demandLabel = (d: ExtortionDemand): string =>
  `${d.amount ? `${d.amount} ${d.asset}` : 'No amount'}${d.deadlineAt ? `, by ${utcText(d.deadlineAt)} UTC` : ''}: ${short(d.threat, 100)}`;

const VERDICTS: Record<string, string> = {
  unverified: 'Not verified',
  verified: 'Verified',
  'partly-false': 'Partly false',
  false: 'False',
};

export const CUSTODY_WORDS: Record<CustodyEvent['type'], string> = {
  acquisition: 'Acquisition',
  transfer: 'Transfer',
  verification: 'Hash verification',
  export: 'Export',
  return: 'Return',
  disposal: 'Disposal',
};

const HASH_WORDS: Record<CustodyEvent['hashResult'], string> = {
  '': '—',
  match: 'Verified: match',
  mismatch: 'MISMATCH',
  missing: 'Bytes missing',
};

export const KIND_WORDS: Record<EvidenceItem['kind'], string> = {
  file: 'File',
  physical: 'Physical item',
  text: 'Captured text',
};

// ---- timeline ----------------------------------------------------------------------------------------

export function timelineTable(events: readonly TimelineEvent[], empty = 'No events are in the timeline.'): Block {
  return {
    type: 'table',
    columns: [
      col('Time (UTC)', 12),
      col('As entered', 15),
      col('Category', 12),
      col('Title', 25),
      col('Description', 26),
      col('Source', 10),
    ],
    rows: events.map((e) => [
      utcText(e.occurredAt),
      enteredText(e.occurredAt, e.zone),
      e.category,
      e.title,
      e.description,
      e.source,
    ]),
    empty,
  };
}

// ---- subjects ----------------------------------------------------------------------------------------

/** What a subject's link points at, as this report may print it; null: not printed. */
function linkTarget(sel: Selection, link: SubjectLink, withNotes: boolean): string | null {
  const s = sel.snapshot;
  switch (link.targetType) {
    case 'subject': {
      const other = s.subjects.find((x) => x.id === link.targetId);
      return other && !sel.out('subject', other.id) ? other.name : null;
    }
    case 'indicator': {
      const ind = s.indicators.find((x) => x.id === link.targetId);
      return ind && !sel.out('indicator', ind.id) ? indicatorLabel(ind) : null;
    }
    case 'evidence_item':
      return sel.exhibitLabel(link.targetId) || null;
    case 'timeline_event': {
      const event = s.events.find((x) => x.id === link.targetId);
      return event && !sel.out('event', event.id) ? eventLabel(event) : null;
    }
    case 'note': {
      if (!withNotes) return null;
      const note = s.notes.find((x) => x.id === link.targetId);
      if (!note || sel.out('note', note.id)) return null;
      return `Note${note.privileged ? ' (privileged)' : ''}: ${short(note.body, 80)}`;
    }
  }
}

/**
 * A subject: who they are said to be beside who they were found to be, their dates and what they
 * are linked to. `internal`: the free-text notes, and links to case notes, are printed (counsel).
 */
export function subjectBlocks(sel: Selection, subject: Subject, internal: boolean): Block[] {
  const blocks: Block[] = [
    { type: 'heading', text: `${subject.name} — ${SUBJECT_ROLE_LABELS[subject.role] ?? subject.role}` },
    {
      type: 'facts',
      rows: [
        ['Kind', subject.kind],
        ['Identity', VERDICTS[subject.identityVerdict] ?? subject.identityVerdict],
        ...present([
          ['Aliases', subject.aliases.join(', ')],
          ['Hired on', subject.hiredOn],
          ['Started on', subject.startedOn],
          ['Terminated on', subject.terminatedOn],
          ['Manager', subject.manager],
        ]),
        ['TLP', subject.tlp],
      ],
    },
  ];
  const claims: Array<[string, string, string]> = [
    ['Name', subject.claimedName, subject.verifiedName],
    ['Nationality', subject.claimedNationality, subject.verifiedNationality],
    ['Location', subject.claimedLocation, subject.verifiedLocation],
    ['Documents shown', subject.claimedDocuments, ''],
  ];
  const said = claims.filter(([, claimed, found]) => claimed || found);
  if (said.length > 0) {
    blocks.push({
      type: 'table',
      columns: [col('', 16), col('Claimed', 42), col('Verified or found', 42)],
      rows: said.map(([what, claimed, found]) => [what, orDash(claimed), what === 'Documents shown' ? '' : orDash(found)]),
    });
  }
  if (subject.findings) blocks.push({ type: 'paragraph', text: `What was found: ${subject.findings}` });
  if (internal && subject.notes) blocks.push({ type: 'paragraph', text: `Notes: ${subject.notes}`, style: 'muted' });
  const links = (sel.snapshot.links.get(subject.id) ?? []).flatMap((link) => {
    const target = linkTarget(sel, link, internal);
    return target === null ? [] : [[link.relation, target, orDash(link.confidence)]];
  });
  if (links.length > 0) {
    blocks.push({
      type: 'table',
      columns: [col('Relation', 25), col('Linked to', 60), col('Confidence', 15)],
      rows: links,
    });
  }
  return blocks;
}

// ---- indicators --------------------------------------------------------------------------------------

/** Short type names for a table column ("Payment account", not the form's long label). */
const TYPE_WORDS: Record<IndicatorRow['type'], string> = {
  email: 'E-mail',
  phone: 'Phone',
  ip: 'IP address',
  domain: 'Domain',
  url: 'URL',
  username: 'User name',
  btc: 'Bitcoin',
  eth: 'Ethereum',
  tron: 'TRON',
  wallet: 'Wallet',
  iban: 'IBAN',
  'payment-account': 'Payment account',
  'postal-address': 'Postal address',
  'device-serial': 'Device serial',
  mac: 'MAC address',
  hostname: 'Host name',
  'remote-tool': 'Remote tool',
  'file-hash': 'File hash',
};

export function indicatorTable(sel: Selection, indicators: readonly IndicatorRow[], empty: string): Block {
  return {
    type: 'table',
    columns: [
      col('Type', 11),
      col('Value (canonical)', 28, { mono: true }),
      col('Platform', 10),
      col('First seen', 13),
      col('Last seen', 13),
      col('Confidence, TLP', 10),
      col('Subjects', 10),
      col('Seen in', 8),
    ],
    rows: indicators.map((i) => [
      TYPE_WORDS[i.type] ?? i.type,
      i.normalised,
      i.platform,
      whenCell(i.firstSeen, i.seenZone),
      whenCell(i.lastSeen, i.seenZone),
      `${i.confidence}\n${i.tlp}`,
      i.subjects
        .filter((s) => !sel.out('subject', s.id))
        .map((s) => s.name)
        .join(', '),
      sel.exhibit(i.sourceItemId),
    ]),
    empty,
  };
}

// ---- extortion ----------------------------------------------------------------------------------------

/** A message: when, how and from whom it came, what it says (the body in full), and where it is kept. */
export function messageBlocks(sel: Selection, message: ExtortionMessage, n: number): Block[] {
  const exhibit = sel.exhibitLabel(message.evidenceItemId);
  const blocks: Block[] = [
    {
      type: 'facts',
      rows: [
        [`Message ${n}`, message.summary],
        ['Received', when(message.receivedAt, message.zone)],
        ['Channel', message.channel],
        ['Sender', orDash(message.sender)],
        ['Captured as', orDash(exhibit)],
      ],
    },
  ];
  if (message.body) blocks.push({ type: 'paragraph', text: message.body, style: 'mono' });
  return blocks;
}

export function demandTable(
  sel: Selection,
  demands: readonly ExtortionDemand[],
  empty = 'No demands are recorded.',
): Block {
  const messages = sel.snapshot.extortion.messages;
  return {
    type: 'table',
    columns: [
      col('Threat', 20),
      col('Amount', 9, { align: 'right' }),
      col('Asset', 8),
      col('Pay to', 22, { mono: true }),
      col('Deadline', 15),
      col('Status', 9),
      col('Offered as proof', 9),
      col('From message', 11),
    ],
    rows: demands.map((d) => {
      const message = messages.find((m) => m.id === d.messageId && !sel.out('message', m.id));
      return [
        d.threat,
        d.amount,
        d.asset,
        d.payTo,
        whenCell(d.deadlineAt, d.deadlineZone),
        words(d.status),
        d.offeredProof,
        message ? `${utcText(message.receivedAt)} UTC` : '',
      ];
    }),
    empty,
  };
}

/** What a decision is about: the demand (if the report prints it) or the extortion as a whole. */
export function decisionSubject(sel: Selection, decision: ExtortionDecision): string {
  if (!decision.demandId) return 'The extortion as a whole';
  const demand = sel.snapshot.extortion.demands.find((d) => d.id === decision.demandId);
  return demand && !sel.out('demand', demand.id) ? demandLabel(demand) : 'A demand';
}

export const decisionWords = (d: ExtortionDecision): string => DECISION_LABELS[d.decision] ?? d.decision;

export const signOffText = (d: ExtortionDecision): string =>
  d.counselSignedAt
    ? `Signed off by ${d.counsel || 'counsel'} at ${when(d.counselSignedAt, d.counselSignedZone)}`
    : d.counsel
      ? `Not signed off yet (counsel: ${d.counsel})`
      : 'Not signed off';

// ---- evidence ----------------------------------------------------------------------------------------

/**
 * Where an exhibit's bytes are. Only the counsel report names the path of a referenced file: the
 * examiner's own disk layout is not for the police or the board.
 */
export function storageText(item: EvidenceItem, showPath = false): string {
  const where =
    item.storage === 'embedded'
      ? 'Bytes kept in the case file'
      : item.storage === 'reference'
        ? showPath
          ? `Bytes referenced at ${item.referencePath ?? ''}`
          : "Bytes kept outside the case file, at the examiner's organisation"
        : item.kind === 'text'
          ? 'Captured text kept in the case record'
          : 'No bytes in the case';
  // A location that only repeats where the bytes are says nothing more.
  const location = /case (file|record)/i.test(item.storageLocation) && item.storage !== 'reference' ? '' : item.storageLocation;
  return [where, location].filter(Boolean).join('; ');
}

export const hashText = (item: EvidenceItem): string =>
  item.sha256 ?? (item.kind === 'physical' ? '— (physical item: no bytes)' : '—');

export function evidenceTable(
  items: readonly EvidenceItem[],
  empty = 'No evidence is in the register.',
  showPath = false,
): Block {
  return {
    type: 'table',
    columns: [
      col('Exhibit', 8),
      col('Description', 17),
      col('Kind', 9),
      col('Size', 10, { align: 'right' }),
      col('SHA-256', 26, { mono: true }),
      col('Acquired by', 10),
      col('Acquired at', 14),
      col('Storage', 13),
    ],
    rows: items.map((item) => [
      item.exhibit,
      `${item.description || item.originalName}${item.disposed ? ' (disposed of)' : ''}${item.flagged ? ' (INTEGRITY FLAGGED)' : ''}`,
      KIND_WORDS[item.kind] ?? item.kind,
      bytes(item.size),
      hashText(item),
      item.acquiredBy,
      whenCell(item.acquiredAt, item.acquiredZone),
      storageText(item, showPath),
    ]),
    empty,
  };
}

const seals = (e: CustodyEvent) =>
  e.sealBefore || e.sealAfter ? `${orDash(e.sealBefore)} → ${orDash(e.sealAfter)}` : '';

const places = (e: CustodyEvent) =>
  e.fromLocation || e.toLocation ? `${orDash(e.fromLocation)} → ${orDash(e.toLocation)}` : '';

/** Every custody event of an item, as the custody history and the custody form print it. */
export function custodyTable(events: readonly CustodyEvent[]): Block {
  return {
    type: 'table',
    // Purpose and details get the most room: an acquisition's details carry the whole SHA-256.
    columns: [
      col('Time (UTC, as entered)', 16),
      col('Event', 9),
      col('Released by → received by', 15),
      col('Purpose and details', 26),
      col('From → to', 13),
      col('Seal before → after', 10),
      col('Hash verified?', 9),
      col('Recorded by', 10),
    ],
    rows: events.map((e) => [
      whenCell(e.at, e.zone),
      CUSTODY_WORDS[e.type] ?? e.type,
      `${orDash(e.releasedBy)} →\n${orDash(e.receivedBy)}`,
      [e.purpose, e.details].filter(Boolean).join('; '),
      places(e),
      seals(e),
      HASH_WORDS[e.hashResult] ?? e.hashResult,
      e.recordedBy,
    ]),
    empty: 'No custody events are recorded for this item.',
  };
}

/** The custody of an exhibit in compact rows, for the referral's exhibit list. */
export function custodySummary(events: readonly CustodyEvent[]): Block {
  return {
    type: 'table',
    columns: [
      col('Time (UTC)', 14),
      col('Event', 12),
      col('Released by → received by', 28),
      col('Purpose', 26),
      col('Seal after', 10),
      col('Hash', 10),
    ],
    rows: events.map((e) => [
      utcText(e.at),
      CUSTODY_WORDS[e.type] ?? e.type,
      `${orDash(e.releasedBy)} → ${orDash(e.receivedBy)}`,
      e.purpose,
      e.sealAfter,
      HASH_WORDS[e.hashResult] ?? e.hashResult,
    ]),
    empty: 'No custody events are recorded for this item.',
  };
}

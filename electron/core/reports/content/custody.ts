import type { EvidenceItem } from '../../../../shared/domain/evidence.ts';
import type { Block, DocSection } from '../doc.ts';
import { countsLine, noneText, statusLine, titleOf } from './common.ts';
import type { KindPlan } from './common.ts';
import { bytes, orDash, plural, when } from './format.ts';
import { custodyTable, hashText, KIND_WORDS, storageText } from './parts.ts';
import { pickExhibits } from './picks.ts';
import type { Selection } from './selection.ts';

/**
 * The evidence and custody report: one custody form per exhibit, each on its own page, with the
 * fields a chain-of-custody record asks for (the item, its acquisition, its hashes, where it is
 * kept and under which holds), every custody event, and lines to sign at the next hand-over.
 */

const INTEGRITY: Record<EvidenceItem['integrity'], string> = {
  unverified: 'Not re-verified since acquisition',
  verified: 'Re-verified: matches',
  mismatch: 'MISMATCH at the last verification',
  missing: 'Bytes MISSING at the last verification',
};

function acquiredBy(sel: Selection, item: EvidenceItem): string {
  const logged = sel.snapshot.loggedBy.get(item.id);
  // Role and organisation are known when the person who acquired it is the examiner who logged it.
  if (logged && logged.name === item.acquiredBy) return `${logged.name}, ${logged.role}, ${logged.organisation}`;
  return `${orDash(item.acquiredBy)} (role and organisation not recorded)`;
}

function formBlocks(sel: Selection, item: EvidenceItem): Block[] {
  const s = sel.snapshot;
  const r = s.record;
  const parent = sel.exhibitLabel(item.parentId);
  const holds = s.holds.filter((h) => !h.releasedAt && (h.itemId === null || h.itemId === item.id));
  const disposal = (s.custody.get(item.id) ?? []).filter((e) => e.type === 'disposal').at(-1);
  const device = [
    ['Make', item.make],
    ['Model', item.model],
    ['Serial number', item.serialNumber],
    ['Asset tag', item.assetTag],
  ].filter(([, v]) => v) as Array<[string, string]>;
  const tool = [item.tool, item.toolVersion && `version ${item.toolVersion}`].filter(Boolean).join(' ');
  const toolHash = item.toolHash
    ? `${item.toolHashAlgorithm.toUpperCase()} ${item.toolHash} (${item.toolHashMatch === null ? 'not compared' : item.toolHashMatch ? 'matches' : 'DOES NOT MATCH'} the hash Custos computed)`
    : '';
  return [
    { type: 'heading', text: 'Item' },
    {
      type: 'facts',
      pairs: true,
      rows: [
        ['Case reference', orDash(r.reference)],
        ['Exhibit number', r.reference ? `${r.reference}/${item.exhibit}` : item.exhibit],
        ['Description', orDash(item.description || item.originalName)],
        ['Type', `${KIND_WORDS[item.kind] ?? item.kind}${item.mediaType ? ` (${item.mediaType})` : ''}`],
        ...device,
        ...(item.originalName ? [['File name', item.originalName] as [string, string]] : []),
        ...(parent ? [['Derived from', parent] as [string, string]] : []),
        ...(item.kind === 'physical' ? [['Condition', orDash(item.condition)] as [string, string]] : []),
      ],
    },
    { type: 'heading', text: 'Source and acquisition' },
    {
      type: 'facts',
      pairs: true,
      rows: [
        ['Source', orDash(item.source)],
        ['Custodian', orDash(item.custodian)],
        ['Acquired by', acquiredBy(sel, item)],
        ['Witness', orDash(item.witness)],
        ['Acquired at', orDash(when(item.acquiredAt, item.acquiredZone))],
        ['Method', orDash(item.method)],
        ...(item.kind === 'physical' ? [] : [['Tool', orDash(tool)] as [string, string]]),
        ['Legal basis', orDash(item.legalBasis)],
      ],
    },
    { type: 'heading', text: 'Integrity and storage' },
    {
      type: 'facts',
      pairs: true,
      rows: [
        ['SHA-256', hashText(item)],
        ...(item.md5 ? [['MD5', item.md5] as [string, string]] : []),
        ...(item.sha1 ? [['SHA-1', item.sha1] as [string, string]] : []),
        ...(toolHash ? [['Tool-reported hash', toolHash] as [string, string]] : []),
        ['Size', orDash(bytes(item.size))],
        [
          'Verification',
          `${INTEGRITY[item.integrity] ?? item.integrity}${item.lastVerifiedAt ? ` (${when(item.lastVerifiedAt)})` : ''}${item.flagged ? '; history flagged' : ''}`,
        ],
        ['Seal or bag number', orDash(item.sealNumber)],
        ['Storage', storageText(item)],
        [
          'Legal holds',
          holds.length > 0
            ? holds
                .map((h) => `${h.itemId ? 'On this item' : 'On the whole case'}: ${h.reason} (${h.placedBy}, ${when(h.placedAt)})`)
                .join('\n')
            : 'None in force',
        ],
        [
          'Disposal',
          disposal
            ? `${when(disposal.at, disposal.zone)} by ${disposal.releasedBy}: ${[disposal.purpose, disposal.details].filter(Boolean).join('; ')}`
            : item.disposed
              ? 'Disposed of'
              : 'Not disposed of',
        ],
        ...(item.notes ? [['Notes', item.notes] as [string, string]] : []),
      ],
    },
    { type: 'heading', text: 'Custody events' },
    custodyTable(s.custody.get(item.id) ?? []),
    { type: 'heading', text: 'Next hand-over' },
    { type: 'signatures', roles: ['Released by', 'Received by'] },
  ];
}

export function custodyPlan(sel: Selection): KindPlan {
  const s = sel.snapshot;
  const items = pickExhibits(sel);
  const events = items.kept.reduce((n, i) => n + (s.custody.get(i.id)?.length ?? 0), 0);
  return {
    sections: [
      {
        id: 'forms',
        title: titleOf('forms'),
        items: items.items,
        render: (): DocSection[] =>
          items.kept.length === 0
            ? [
                {
                  id: 'forms',
                  title: titleOf('forms'),
                  blocks: [
                    {
                      type: 'paragraph',
                      text: noneText(s.evidence.length, ['exhibit', 'exhibits'], 'No evidence is in the register.'),
                      style: 'muted',
                    },
                  ],
                },
              ]
            : items.kept.map((item) => ({
                id: `forms-${item.exhibit}`,
                title: `Custody form — ${item.exhibit}`,
                newPage: true,
                dense: true,
                blocks: formBlocks(sel, item),
              })),
      },
    ],
    standing: [],
    classification: 'Confidential — evidence record',
    privilegeBanner: null,
    coverLines: [
      statusLine(s),
      countsLine([
        [items.kept.length, 'exhibit'],
        [events, 'custody event'],
      ]),
      `${plural(s.holds.filter((h) => !h.releasedAt).length, 'legal hold')} in force`,
    ],
  };
}

import type { AuditEntry, RowChange, VerifyReport } from '../../../shared/domain/audit.ts';
import type { EvidenceDetail, EvidenceItem } from '../../../shared/domain/evidence.ts';
import { CASE_TYPE_LABELS } from '../../../shared/domain/case.ts';
import type { CaseCounts } from '../services/cases.ts';
import type { CaseInfo } from '../../../shared/ipc/contract.ts';
import { formatHead } from '../../../shared/domain/common.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { custodyEventWords } from '../../../shared/logic/custodyState.ts';

import { exactBytes, formatBytes } from '../../../shared/logic/units.ts';
import { escapeControl } from '../../../shared/logic/text.ts';

/** Control characters in case text are shown escaped, so a hostile value cannot rewrite the terminal. */
export const safe = escapeControl;

/** "1 note", "2 notes". */
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A time as it was entered: its wall time and offset, and the zone's name when it has one. */
export function asEntered(utc: string, zone: string): string {
  const shown = formatZoned(utc, zone);
  return shown.endsWith(zone) ? shown : `${shown} ${zone}`;
}

export function formatInfo(info: CaseInfo, counts: CaseCounts): string {
  const r = info.record;
  const aware = r.awareAt
    ? `${formatZoned(r.awareAt, 'UTC')} (entered as ${asEntered(r.awareAt, r.awareZone ?? 'UTC')})`
    : 'not set';
  const rows: [string, string][] = [
    ['File', info.path],
    ['Title', r.title],
    ['Reference', r.reference || '—'],
    ['Type', CASE_TYPE_LABELS[r.caseType]],
    ['Status', `${r.status}   Severity: ${r.severity}   TLP:${r.tlp}`],
    ['Privilege', r.privilegeMarking || '—'],
    ['Lead', r.leadInvestigator || '—'],
    ['Counsel', r.legalCounsel || '—'],
    ['Aware since', aware],
    ['Created', formatZoned(r.createdAt, 'UTC')],
    [
      'Content',
      `${count(counts.timeline, 'timeline event')}, ${count(counts.notes, 'note')}, ${count(counts.evidence, 'exhibit')}, ${count(counts.audit, 'audit entry', 'audit entries')}`,
    ],
    // A failed check is what a responder must see first: named here, listed by evidence list.
    ...(counts.flagged > 0
      ? [
          [
            'FLAGGED',
            `${count(counts.flagged, 'exhibit')} flagged (a failed verification, or a tool's hash that disagreed); custos evidence list marks ${counts.flagged === 1 ? 'it' : 'them'}`,
          ] as [string, string],
        ]
      : []),
    ['Audit head', formatHead(info.head)],
  ];
  return rows.map(([k, v]) => `${`${k}:`.padEnd(13)}${safe(v)}`).join('\n');
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return safe(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

/** "title: 'old' → 'new'" for each column an entry changed (all columns for an insert). */
export function describeChange(change: RowChange): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const columns = Object.keys({ ...before, ...after }).filter(
    (c) =>
      before[c] !== after[c] &&
      c !== 'updated_at' &&
      c !== 'created_at' &&
      (change.before !== null || (after[c] !== '' && after[c] !== null)),
  );
  return columns.map((c) =>
    change.before
      ? `${c}: ${describeValue(before[c])} → ${describeValue(after[c])}`
      : `${c}: ${describeValue(after[c])}`,
  );
}

export function formatAuditEntry(entry: AuditEntry): string {
  const head = `#${entry.seq}  ${entry.at}  ${safe(entry.actor.name)} (${safe(entry.actor.role)}, ${safe(entry.actor.organisation)})  ${safe(entry.action)} ${safe(entry.entity.type)} ${safe(entry.entity.id)}`;
  const damaged = entry.damaged
    ? [
        `      ⚠ UNREADABLE: entry ${entry.seq}'s change data ${entry.damaged === 'it is not JSON' ? 'is not JSON' : `is damaged (${entry.damaged})`}; run custos verify`,
      ]
    : [];
  const lines = [...damaged, ...entry.changes.flatMap(describeChange).map((l) => `      ${l}`)];
  return [head, ...lines, `      hash ${entry.hash}`].join('\n');
}

export function formatVerify(report: VerifyReport, path: string): string {
  const mark = { pass: 'PASS', fail: 'FAIL', skipped: 'SKIP' } as const;
  const lines = [`${report.ok ? 'INTACT' : 'INTEGRITY FAILURE'}: ${safe(path)}`];
  for (const c of report.checks) lines.push(`  ${mark[c.status]}  ${c.title}: ${safe(c.message)}`);
  for (const note of report.notes ?? []) lines.push(`  NOTE  ${safe(note)}`);
  lines.push(`  Head: ${formatHead(report.head)}  (${report.entries} entries, ${report.durationMs} ms)`);
  return lines.join('\n');
}

export function formatEvidenceLine(item: EvidenceItem, custodyNow?: string): string {
  const size = item.size === null ? '' : formatBytes(item.size);
  const flag = item.flagged ? '  ⚠ FLAGGED' : '';
  const where = custodyNow ? `  (${safe(custodyNow)})` : '';
  return `${item.exhibit}  ${item.kind.padEnd(8)} ${item.integrity.padEnd(10)} ${size.padStart(14)}  ${safe(item.originalName || item.description)}${item.sha256 ? `  SHA-256 ${item.sha256}` : ''}${where}${flag}`;
}

/** An item's page on the terminal: what it is, where its bytes are, its custody history and links. */
export function formatEvidenceDetail({ item, custody, links }: EvidenceDetail, custodyNow?: string): string {
  const rows: [string, string][] = [
    [
      'Exhibit',
      `${item.exhibit} (${item.kind})${item.flagged ? '  ⚠ FLAGGED' : ''}${item.disposed ? '  DISPOSED' : ''}${item.legalHold ? '  LEGAL HOLD' : ''}`,
    ],
    ['Description', item.description || '—'],
    // What identifies the item: a file by its name and bytes, a thing by make, serial and seal,
    // captured words by themselves.
    ...((item.kind === 'physical'
      ? [
          ['Make/model', [item.make, item.model].filter(Boolean).join(' ') || '—'],
          ['Serial', item.serialNumber || '—'],
          ['Seal', item.sealNumber || '—'],
        ]
      : [
          item.kind === 'text' ? ['Text', item.capturedText] : ['File', item.originalName || '—'],
          ['Size', item.size === null ? '—' : `${formatBytes(item.size)} (${exactBytes(item.size)})`],
          ['SHA-256', item.sha256 ?? '—'],
          ...(item.md5 ? [['MD5', item.md5]] : []),
          ...(item.sha1 ? [['SHA-1', item.sha1]] : []),
          ...(item.toolHash
            ? [
                [
                  'Tool hash',
                  `${item.toolHashAlgorithm.toUpperCase()} ${item.toolHash} (${item.toolHashMatch ? 'matches' : 'DOES NOT MATCH'} what Custos computed)`,
                ],
              ]
            : []),
          ['Storage', item.storage === 'reference' ? `referenced at ${item.referencePath ?? '?'}` : item.storage],
          ['Integrity', `${item.integrity}${item.lastVerifiedAt ? ` (last checked ${item.lastVerifiedAt})` : ''}`],
        ]) as [string, string][]),
    ['Acquired', `${item.acquiredAt} (${item.acquiredZone}) by ${item.acquiredBy}`],
    [
      'Method',
      [item.method, item.tool && `with ${item.tool}${item.toolVersion ? ` ${item.toolVersion}` : ''}`]
        .filter(Boolean)
        .join(' ') || '—',
    ],
    ...((item.witness ? [['Witness', item.witness]] : []) as [string, string][]),
    ['Id', item.id],
  ];
  const lines = rows.map(([k, v]) => `${`${k}:`.padEnd(13)}${safe(v)}`);
  // Where the item is now, then how it got there.
  lines.push(custodyNow ? `Custody: ${safe(custodyNow)}` : 'Custody:');
  for (const e of custody) {
    // In words, as the app says it: "Verified  by Dana Whitfield: match", "Handed over  A → B".
    const { event, who } = custodyEventWords(e);
    const seals = [e.sealBefore && `seal before ${e.sealBefore}`, e.sealAfter && `seal after ${e.sealAfter}`]
      .filter(Boolean)
      .join(', ');
    const check = e.hashResult && e.type !== 'verification' ? `  hash check: ${e.hashResult}` : '';
    lines.push(
      `  ${e.at}  ${event.padEnd(13)} ${safe(who)}  ${safe(e.purpose)}${seals ? `  (${safe(seals)})` : ''}${check}`,
    );
  }
  if (links.length > 0) {
    lines.push('Links:');
    for (const l of links) lines.push(`  ${l.id}  ${safe(l.relation)} → ${l.targetType} ${safe(l.label)}`);
  }
  return lines.join('\n');
}

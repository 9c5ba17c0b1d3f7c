import { REPORT_KIND_LABELS, REPORT_KINDS } from '../../../shared/domain/report.ts';
import type { OutputRecord, ReportKind } from '../../../shared/domain/report.ts';
import { safeFileName } from '../../../shared/logic/fileName.ts';
import { formatInZone } from '../../../shared/logic/time.ts';

/** Who each kind of report is for, in one line: what the examiner chooses between. */
export const KIND_AUDIENCE: Record<ReportKind, string> = {
  counsel:
    'For your lawyers: everything in the case, privileged notes included. Keep it under privilege; never send it outside.',
  'law-enforcement':
    'For the police or the FBI / NCA / BKA: no privileged content, and the report says what was withheld.',
  executive: 'For the board and management: status, key dates, actions, decisions and clocks on at most two pages.',
  custody: 'For whoever takes the exhibits: one custody form per exhibit, with signature lines for each hand-over.',
  checklist: 'For the termination meeting: a playbook run printed blank to work through, or as done for the file.',
};

/** The words a file name uses for each kind: "<reference> counsel report 2026-12-01.pdf". */
const FILE_WORDS: Record<ReportKind, string> = {
  counsel: 'counsel report',
  'law-enforcement': 'law-enforcement referral',
  executive: 'executive brief',
  custody: 'custody report',
  checklist: 'termination checklist',
};

/** Today's date in the examiner's zone, as file names carry it. */
export function todayIn(zone: string): string {
  return formatInZone(new Date().toISOString(), zone).date;
}

export function suggestedReportName(caseName: string, kind: ReportKind, zone: string): string {
  return safeFileName(`${caseName} ${FILE_WORDS[kind]} ${todayIn(zone)}.pdf`);
}

export function suggestedPackageName(caseName: string, zone: string): string {
  return safeFileName(`${caseName} referral ${todayIn(zone)}`);
}

/** What an output is, in words: the report's kind, the export's format, or the package. */
export function outputLabel(record: OutputRecord): string {
  if (record.kind === 'report') {
    return (REPORT_KINDS as readonly string[]).includes(record.subtype)
      ? REPORT_KIND_LABELS[record.subtype as ReportKind]
      : `Report (${record.subtype})`;
  }
  if (record.kind === 'export') {
    return record.subtype === 'stix' ? 'STIX 2.1 export' : record.subtype === 'csv' ? 'CSV export' : 'Export';
  }
  return record.subtype === 'referral' ? 'Referral package' : 'Package';
}

export const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** Countries a referral is most often filed in, offered as check boxes; others are typed as codes. */
export const COMMON_COUNTRIES: readonly { code: string; name: string }[] = [
  { code: 'US', name: 'United States' },
  { code: 'GB', name: 'United Kingdom' },
  { code: 'DE', name: 'Germany' },
  { code: 'FR', name: 'France' },
  { code: 'NL', name: 'Netherlands' },
  { code: 'PL', name: 'Poland' },
  { code: 'IE', name: 'Ireland' },
  { code: 'ES', name: 'Spain' },
  { code: 'IT', name: 'Italy' },
  { code: 'SE', name: 'Sweden' },
  { code: 'CH', name: 'Switzerland' },
  { code: 'CA', name: 'Canada' },
  { code: 'AU', name: 'Australia' },
  { code: 'JP', name: 'Japan' },
  { code: 'KR', name: 'South Korea' },
];

/** `'it'` → `'it'\''s'`-style quoting, so a path pasted into a shell stays one argument. */
export function shellQuote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

import { z } from 'zod';
import { Head, UtcInstant, Uuid, text } from './common.ts';

/**
 * What leaves a case: PDF reports for counsel, police and the board, CSV and STIX 2.1 exports, and
 * the referral package that holds them. Every one is recorded in the case (table output_record)
 * with the audit head it was made from and the SHA-256 of what was written, so a file handed over
 * can later be shown to be, or not to be, what Custos produced.
 */

export const REPORT_KINDS = ['counsel', 'law-enforcement', 'executive', 'custody', 'checklist'] as const;
export const ReportKind = z.enum(REPORT_KINDS, { error: `the kind must be one of: ${REPORT_KINDS.join(', ')}` });
export type ReportKind = z.infer<typeof ReportKind>;

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  counsel: 'Counsel report (privileged)',
  'law-enforcement': 'Law-enforcement referral',
  executive: 'Executive brief',
  custody: 'Evidence and custody report',
  checklist: 'Termination checklist',
};

/**
 * The sections each kind can hold, in the order they print. The examiner may leave sections out;
 * the cover, contents and verification block are always there.
 */
export const REPORT_SECTIONS = {
  counsel: [
    'case',
    'timeline',
    'notes',
    'subjects',
    'indicators',
    'extortion',
    'clocks',
    'playbooks',
    'evidence',
    'custody',
    'audit',
  ],
  'law-enforcement': [
    'summary',
    'intake',
    'timeline',
    'subjects',
    'indicators',
    'payments',
    'extortion',
    'evidence',
    'contacts',
    'withheld',
  ],
  executive: ['status', 'dates', 'actions', 'decisions', 'clocks'],
  custody: ['forms'],
  checklist: ['run'],
} as const satisfies Record<ReportKind, readonly string[]>;
export type ReportSectionId = (typeof REPORT_SECTIONS)[ReportKind][number];

export const SECTION_TITLES: Record<ReportSectionId, string> = {
  case: 'Case record',
  timeline: 'Timeline',
  notes: 'Notes',
  subjects: 'Subjects',
  indicators: 'Indicators',
  extortion: 'Extortion record',
  clocks: 'Notification clocks',
  playbooks: 'Playbook runs',
  evidence: 'Evidence register',
  custody: 'Custody history',
  audit: 'Audit summary',
  summary: "Examiner's summary",
  intake: 'Referral intake',
  payments: 'Payments and wallets',
  contacts: 'Where to report',
  withheld: 'What this report withholds',
  status: 'Status',
  dates: 'Key dates',
  actions: 'Actions taken',
  decisions: 'Decisions',
  forms: 'Custody forms',
  run: 'Checklist',
};

/**
 * An item the examiner leaves out, as `kind:id`: `event:…`, `note:…`, `evidence:…`, `subject:…`,
 * `indicator:…`, `message:…`, `demand:…`. The report says how many were left out, and where.
 */
export const EXCLUDABLE_KINDS = ['event', 'note', 'evidence', 'subject', 'indicator', 'message', 'demand'] as const;
export type ExcludableKind = (typeof EXCLUDABLE_KINDS)[number];
export const ItemRef = z
  .string()
  .max(80)
  .regex(/^(event|note|evidence|subject|indicator|message|demand):[0-9a-f-]{36}$/, {
    error: 'an excluded item is written kind:id, e.g. note:<uuid>',
  });
export type ItemRef = z.infer<typeof ItemRef>;

/** ISO 3166-1 alpha-2 codes of the countries the referral will be filed in (contacts per country). */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, { error: 'a country is its two-letter ISO code, e.g. US, GB, DE' });

export const ReportOptions = z
  .object({
    kind: ReportKind,
    /** Sections to print, in any order (they print in the kind's order); absent: all of the kind's. */
    sections: z.array(z.string().max(40)).max(20).optional(),
    /** Items left out. Privileged notes never go into a referral, whatever this says. */
    exclude: z.array(ItemRef).max(100_000).default([]),
    /** Law enforcement: the examiner's summary; absent: the case record's summary. */
    summary: text('The summary', 20_000).optional(),
    /** Law enforcement: where the referral will be filed. */
    countries: z.array(CountryCode).max(30).default([]),
    /** Checklist: the playbook run, and whether it prints blank (for the meeting) or as done. */
    runId: Uuid.optional(),
    checklistMode: z.enum(['blank', 'done']).default('done'),
  })
  .strict();
export type ReportOptions = z.infer<typeof ReportOptions>;
export type ReportOptionsInput = z.input<typeof ReportOptions>;

/** What a report will hold, before it is generated: the preview the examiner confirms. */
export const PreviewItem = z.object({
  /** `kind:id` for items that can be left out; null for lines that cannot (counts, headings). */
  ref: z.string().nullable(),
  label: z.string(),
  included: z.boolean(),
  /** Why it is not included: "privileged", "left out by the examiner", "removed". */
  reason: z.string().optional(),
});
export const PreviewSection = z.object({
  id: z.string(),
  title: z.string(),
  included: z.boolean(),
  items: z.array(PreviewItem),
  /** Items beyond those listed (long timelines are summarised in the preview). */
  more: z.number().int().nonnegative(),
});
export const ReportPreview = z.object({
  kind: ReportKind,
  title: z.string(),
  sections: z.array(PreviewSection),
  /** "3 privileged notes (Notes)", "1 exhibit left out by the examiner (Evidence register)". */
  withheld: z.array(z.object({ section: z.string(), count: z.number().int(), reason: z.string() })),
});
export type ReportPreview = z.infer<typeof ReportPreview>;
export type PreviewSection = z.infer<typeof PreviewSection>;
export type PreviewItem = z.infer<typeof PreviewItem>;

export const OUTPUT_KINDS = ['report', 'export', 'package'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** One thing that left the case, as recorded in it (table output_record). */
export const OutputRecord = z.object({
  id: Uuid,
  kind: z.enum(OUTPUT_KINDS),
  /** A report's kind, `csv` or `stix` for an export, `referral` for a package. */
  subtype: z.string(),
  /** The options as given (a report's ReportOptions; an export's format; a package's parts). */
  options: z.record(z.string(), z.unknown()),
  /** The audit head the output was made from (the entry recording it comes after). */
  head: Head,
  /** The verdict of the full verification run just before generating. */
  verifiedOk: z.boolean(),
  verifySummary: z.string(),
  /** SHA-256 of the PDF bytes; of the export's file list; of a package's SHA256SUMS file. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  pages: z.number().int().positive().nullable(),
  /** The file or folder name only, never where it was written on the examiner's disk. */
  fileName: z.string(),
  generatedBy: z.string(),
  organisation: z.string(),
  generatedAt: UtcInstant,
  /** The examiner's zone, in which the cover prints the time beside UTC. */
  zone: z.string(),
});
export type OutputRecord = z.infer<typeof OutputRecord>;

export const GeneratedReport = z.object({
  record: OutputRecord,
  /** Where it was written, for the examiner who chose it. */
  path: z.string(),
  pages: z.number().int().positive(),
  /** Fonts embedded ("Noto Sans", "Noto Sans KR"); a Latin-only report embeds only Noto Sans. */
  fonts: z.array(z.string()),
});
export type GeneratedReport = z.infer<typeof GeneratedReport>;

/** Whether a PDF is a report this case produced. */
export const ReportVerdict = z.discriminatedUnion('match', [
  z.object({ match: z.literal(true), sha256: z.string(), record: OutputRecord }),
  z.object({
    match: z.literal(false),
    sha256: z.string(),
    /** The report id the file claims (from its metadata), when it names one this case recorded. */
    claimed: OutputRecord.nullable(),
    reason: z.string(),
  }),
]);
export type ReportVerdict = z.infer<typeof ReportVerdict>;

export const EXPORT_FORMATS = ['csv', 'stix'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS, { error: 'the format must be csv or stix' });
export type ExportFormat = z.infer<typeof ExportFormat>;

export const CSV_TABLES = ['timeline', 'evidence', 'custody', 'indicators', 'subjects', 'playbook-steps'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export const ExportOptions = z
  .object({
    format: ExportFormat,
    /** A UTF-8 byte order mark at the start of each CSV, for spreadsheet programs that need it. */
    bom: z.boolean().default(false),
  })
  .strict();
export type ExportOptions = z.infer<typeof ExportOptions>;

export const WrittenFile = z.object({
  /** Relative to the folder written into, with forward slashes. */
  name: z.string(),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
});
export type WrittenFile = z.infer<typeof WrittenFile>;

export const ExportWritten = z.object({ record: OutputRecord, dir: z.string(), files: z.array(WrittenFile) });
export type ExportWritten = z.infer<typeof ExportWritten>;

/** A referral package: one new folder with the referral PDF, evidence, exports and SHA256SUMS. */
export const PackageWritten = z.object({
  record: OutputRecord,
  dir: z.string(),
  files: z.array(WrittenFile),
  /** SHA-256 of the SHA256SUMS file, recorded in the case. */
  sumsSha256: z.string(),
});
export type PackageWritten = z.infer<typeof PackageWritten>;

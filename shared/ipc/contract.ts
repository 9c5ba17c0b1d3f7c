import { z } from 'zod';
import { Head } from '../domain/common.ts';
import { CaseDraft, CasePatch, CaseRecord } from '../domain/case.ts';
import { TimelineDraft, TimelineEvent, TimelinePatch } from '../domain/timeline.ts';
import { Note, NoteDraft, NotePatch } from '../domain/note.ts';
import { AuditEntry, VerifyReport } from '../domain/audit.ts';
import { CaseOverview } from '../domain/overview.ts';
import { TimelineChart, TimelineChartReq } from '../domain/timelineChart.ts';
import { Profile, RecentCase, StoreLimit } from '../domain/profile.ts';
import {
  AccessCsvRequest,
  AccessDraft,
  AccessItem,
  AccessLineVerdict,
  AccessUpdateRequest,
  DecideRequest,
  ExportedFile,
  PlaybookExportRequest,
  PlaybookImportRequest,
  MAX_PLAYBOOK_CHARS,
  PlaybookTemplate,
  PlaybookRun,
  RunDetail,
  RunStep,
  StartRunRequest,
  StepChangeRequest,
  TemplateDetail,
  TemplateSummary,
} from '../domain/playbook.ts';
import {
  AddFilesResult,
  CustodyEvent,
  CustodyTransferDraft,
  DisposalDraft,
  EvidenceDetail,
  EvidenceItem,
  EvidenceLink,
  ExportResult,
  FileDescriptions,
  FileEvidenceDraft,
  HoldDraft,
  ItemVerification,
  LegalHold,
  LinkTargetType,
  PhysicalEvidenceDraft,
  RegisterItem,
  TextEvidenceDraft,
} from '../domain/evidence.ts';
import { Subject, SubjectDetail, SubjectDraft, SubjectLinkDraft, SubjectUpdateRequest } from '../domain/subject.ts';
import {
  IndicatorBulkRequest,
  IndicatorBulkResult,
  IndicatorCheckRequest,
  IndicatorCheckResult,
  IndicatorDraft,
  IndicatorLineVerdict,
  IndicatorRow,
  IndicatorUpdateRequest,
} from '../domain/indicator.ts';
import {
  ClaimValidation,
  DecisionDraft,
  DemandDraft,
  DemandUpdateRequest,
  ExtortionDecision,
  ExtortionDemand,
  ExtortionMessage,
  ExtortionRecord,
  MessageDraft,
  SignOffRequest,
  ValidationDraft,
} from '../domain/extortion.ts';
import { ClocksState, ClockSetRequest, SubmissionDraft } from '../domain/clock.ts';
import { SearchRequest, SearchResults } from '../domain/search.ts';
import {
  ExportFormat,
  ExportWritten,
  GeneratedReport,
  OutputRecord,
  PackageWritten,
  ReportOptions,
  ReportPreview,
  ReportVerdict,
} from '../domain/report.ts';
import type { Channel, IpcResult } from './channels.ts';

const Empty = z.object({}).strict().default({});
/** An edited template: no larger, as JSON, than a playbook file may be. */
const TemplateRequest = z
  .object({ template: PlaybookTemplate })
  .strict()
  .refine((r) => JSON.stringify(r.template).length <= MAX_PLAYBOOK_CHARS, {
    error: `the template is larger than ${MAX_PLAYBOOK_CHARS / 1024 / 1024} MiB, the limit for a playbook`,
  });
/** An id or exhibit number as a request names it: bounded, so no request carries megabytes. */
const IdText = z
  .string()
  .min(1, { error: 'id is required' })
  .max(100, { error: 'id is too long (at most 100 characters)' });
/** Items named at once: every item of a large case, but not an unbounded list. */
const Ids = z.array(IdText).max(100_000, { error: 'at most 100,000 items at a time' });
const Id = z.object({ id: IdText }).strict();
const Page = z
  .object({
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().positive().max(1000, { error: 'at most 1000 rows per page' }).default(200),
  })
  .strict();
const FilePath = z
  .string({ error: 'path must be text' })
  .trim()
  .min(1, { error: 'a file path is required' })
  .max(4096, { error: 'path is too long' })
  .refine((p) => !p.includes('\u0000'), { error: 'path contains a NUL character' });

export const CaseInfo = z.object({
  path: z.string(),
  record: CaseRecord,
  head: Head,
  /** Open only for reading (read-only media, no write permission): every change is refused. */
  readOnly: z.boolean(),
});
export type CaseInfo = z.infer<typeof CaseInfo>;

export const AppInfo = z.object({
  version: z.string(),
  dataDir: z.string(),
  profile: Profile.nullable(),
  systemTimeZone: z.string(),
  /** The examiner's store limit: larger files are referenced in place. */
  storeLimitBytes: z.number(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** The one IPC contract: channel → request and response schemas. */
export const ipcContract = {
  'app:info': { req: Empty, res: AppInfo },
  'profile:set': { req: Profile, res: Profile },
  'settings:setStoreLimit': { req: z.object({ bytes: StoreLimit }).strict(), res: z.number() },
  'recent:list': { req: Empty, res: z.array(RecentCase) },
  'recent:forget': { req: z.object({ path: FilePath }).strict(), res: z.array(RecentCase) },
  'case:create': { req: z.object({ path: FilePath, draft: CaseDraft }).strict(), res: CaseInfo },
  'case:open': { req: z.object({ path: FilePath }).strict(), res: CaseInfo },
  'case:close': { req: Empty, res: z.null() },
  'case:current': { req: Empty, res: CaseInfo.nullable() },
  'case:update': { req: CasePatch, res: CaseInfo },
  'overview:get': { req: Empty, res: CaseOverview },
  'chart:timeline': { req: TimelineChartReq, res: TimelineChart },
  'timeline:list': { req: Page, res: z.object({ total: z.number(), items: z.array(TimelineEvent) }) },
  'timeline:add': { req: TimelineDraft, res: TimelineEvent },
  'timeline:update': { req: z.object({ id: IdText, patch: TimelinePatch }).strict(), res: TimelineEvent },
  'timeline:remove': { req: Id, res: z.null() },
  'notes:list': { req: Empty, res: z.array(Note) },
  'notes:add': { req: NoteDraft, res: Note },
  'notes:update': { req: z.object({ id: IdText, patch: NotePatch }).strict(), res: Note },
  'notes:remove': { req: Id, res: z.null() },
  'audit:list': { req: Page, res: z.object({ total: z.number(), head: Head, items: z.array(AuditEntry) }) },
  'audit:verify': {
    req: z
      .object({
        expectHead: z
          .string()
          .trim()
          .max(200, { error: 'the recorded head is SEQ:HASH, far shorter than that' })
          .optional(),
      })
      .strict()
      .default({}),
    res: VerifyReport,
  },
  /** Each item with where it is now (held, with whom, returned, disposed of). */
  'evidence:list': { req: Empty, res: z.array(RegisterItem) },
  'evidence:get': {
    req: Id,
    res: EvidenceDetail,
  },
  'evidence:add': {
    req: z
      .object({
        paths: z
          .array(FilePath)
          .min(1, { error: 'choose at least one file' })
          .max(500, { error: 'at most 500 files at a time' }),
        draft: FileEvidenceDraft,
        /** One per path, in order, when each file has its own description (else the draft's, for all). */
        descriptions: FileDescriptions.optional(),
      })
      .strict()
      .refine((r) => !r.descriptions || r.descriptions.length === r.paths.length, {
        error: 'give one description per file, in the order of the files',
        path: ['descriptions'],
      }),
    /** Files that could only fail while being read are in notAdded, with the reason; the rest are added. */
    res: AddFilesResult,
  },
  'evidence:addPhysical': { req: PhysicalEvidenceDraft, res: EvidenceItem },
  'evidence:addText': { req: TextEvidenceDraft, res: EvidenceItem },
  'evidence:cancel': {
    req: z.object({ task: z.enum(['add', 'verify', 'export', 'verifyCase', 'report', 'package']).optional() }).strict(),
    res: z.boolean(),
  },
  'evidence:verify': {
    req: z.object({ ids: Ids.default([]) }).strict(),
    res: z.array(ItemVerification),
  },
  'evidence:transfer': {
    req: z.object({ id: IdText, draft: CustodyTransferDraft }).strict(),
    res: CustodyEvent,
  },
  'evidence:export': {
    req: z.object({ ids: Ids.default([]), dir: FilePath }).strict(),
    res: ExportResult,
  },
  'evidence:dispose': {
    req: z.object({ id: IdText, draft: DisposalDraft }).strict(),
    res: z.object({ bytesRemoved: z.boolean() }),
  },
  'evidence:link': {
    req: z
      .object({
        id: IdText,
        targetType: LinkTargetType,
        targetId: z
          .string()
          .min(1, { error: 'choose what to link to' })
          .max(100, { error: 'id is too long (at most 100 characters)' }),
        relation: z.string().trim().max(100).default('related'),
      })
      .strict(),
    res: EvidenceLink,
  },
  'evidence:unlink': { req: Id, res: z.null() },
  'hold:list': {
    req: Empty,
    res: z.array(LegalHold),
  },
  'hold:place': { req: HoldDraft, res: LegalHold },
  'hold:release': {
    req: z
      .object({ id: IdText, reason: z.string().trim().min(1, { error: 'Say why the hold is released' }).max(1000) })
      .strict(),
    res: LegalHold,
  },
  'playbook:templates': { req: Empty, res: z.array(TemplateSummary) },
  'playbook:start': { req: StartRunRequest, res: RunDetail },
  'playbook:runs': { req: Empty, res: z.array(PlaybookRun) },
  'playbook:detail': { req: z.object({ runId: IdText }).strict(), res: RunDetail },
  /** The run and its steps without the template (which never changes for a run): the read after a change. */
  'playbook:steps': {
    req: z.object({ runId: IdText }).strict(),
    res: z.object({ run: PlaybookRun, steps: z.array(RunStep) }),
  },
  'playbook:step': { req: StepChangeRequest, res: RunStep },
  'playbook:decide': { req: DecideRequest, res: RunStep },
  'playbook:close': { req: z.object({ runId: IdText, reopen: z.boolean().default(false) }).strict(), res: PlaybookRun },
  'playbook:template': { req: z.object({ id: IdText }).strict(), res: TemplateDetail },
  'playbook:import': { req: PlaybookImportRequest, res: TemplateSummary },
  'playbook:duplicate': {
    req: z.object({ id: IdText, name: z.string().max(300) }).strict(),
    res: TemplateSummary,
  },
  'playbook:check': { req: TemplateRequest, res: z.array(z.string()) },
  'playbook:save': { req: TemplateRequest, res: TemplateSummary },
  'playbook:export': { req: PlaybookExportRequest, res: ExportedFile },
  'access:list': { req: Empty, res: z.array(AccessItem) },
  'access:add': { req: AccessDraft, res: AccessItem },
  'access:update': { req: AccessUpdateRequest, res: AccessItem },
  'access:preview': { req: AccessCsvRequest, res: z.array(AccessLineVerdict) },
  'access:import': { req: AccessCsvRequest, res: z.array(AccessLineVerdict) },
  'subject:list': { req: Empty, res: z.array(Subject) },
  'subject:get': { req: z.object({ id: IdText }).strict(), res: SubjectDetail },
  'subject:add': { req: SubjectDraft, res: Subject },
  'subject:update': { req: SubjectUpdateRequest, res: Subject },
  'subject:remove': { req: z.object({ id: IdText }).strict(), res: z.null() },
  'subject:link': { req: SubjectLinkDraft, res: SubjectDetail },
  'subject:unlink': { req: z.object({ id: IdText }).strict(), res: z.null() },
  'indicator:list': { req: Empty, res: z.array(IndicatorRow) },
  'indicator:check': { req: IndicatorCheckRequest, res: IndicatorCheckResult },
  /** One indicator: added, or the one already in the case (verdict "already present"). */
  'indicator:add': { req: IndicatorDraft, res: z.object({ indicator: IndicatorRow, verdict: IndicatorLineVerdict }) },
  'indicator:update': { req: IndicatorUpdateRequest, res: IndicatorRow },
  'indicator:remove': { req: z.object({ id: IdText }).strict(), res: z.null() },
  /** A pasted or imported list, every line with its verdict; nothing is written. */
  'indicator:preview': { req: IndicatorBulkRequest, res: IndicatorBulkResult },
  /** The same list written in one transaction, or (any line refused) not at all. */
  'indicator:import': { req: IndicatorBulkRequest, res: IndicatorBulkResult },
  'extortion:record': { req: Empty, res: ExtortionRecord },
  'extortion:addMessage': { req: MessageDraft, res: ExtortionMessage },
  'extortion:addDemand': { req: DemandDraft, res: ExtortionDemand },
  'extortion:updateDemand': { req: DemandUpdateRequest, res: ExtortionDemand },
  'extortion:addValidation': { req: ValidationDraft, res: ClaimValidation },
  'extortion:decide': { req: DecisionDraft, res: ExtortionDecision },
  'extortion:signOff': { req: SignOffRequest, res: ExtortionDecision },
  'extortion:remove': {
    req: z.object({ kind: z.enum(['message', 'demand', 'validation', 'decision']), id: IdText }).strict(),
    res: z.null(),
  },
  'clock:list': { req: Empty, res: ClocksState },
  'clock:set': { req: ClockSetRequest, res: ClocksState },
  'clock:submit': { req: SubmissionDraft, res: ClocksState },
  'clock:removeSubmission': { req: z.object({ id: IdText }).strict(), res: ClocksState },
  'search:query': { req: SearchRequest, res: SearchResults },
  /** What a report with these options would hold, item by item, before anything is written. */
  'report:preview': { req: z.object({ options: ReportOptions }).strict(), res: ReportPreview },
  /** Verifies the case, lays the PDF out off the window's thread, writes it (never over a file), records it. */
  'report:generate': { req: z.object({ options: ReportOptions, path: FilePath }).strict(), res: GeneratedReport },
  /** The same bytes again from a recorded report, while nothing it printed has changed since. */
  'report:regenerate': { req: z.object({ id: IdText, path: FilePath }).strict(), res: GeneratedReport },
  'report:list': { req: Empty, res: z.array(OutputRecord) },
  /** Whether this exact PDF (chosen or dropped) was generated from the open case. */
  'report:verify': { req: z.object({ path: FilePath }).strict(), res: ReportVerdict },
  /** CSV files or a STIX 2.1 bundle into a chosen folder; nothing existing is overwritten. */
  'report:export': {
    req: z.object({ format: ExportFormat, bom: z.boolean().default(false), dir: FilePath }).strict(),
    res: ExportWritten,
  },
  /** A referral package: a new folder `name` inside the chosen folder. */
  'report:package': {
    req: z
      .object({
        dir: FilePath,
        name: z
          .string()
          .trim()
          .min(1, { error: 'name the package folder' })
          .max(120, { error: 'the folder name is too long (at most 120 characters)' }),
        options: ReportOptions.optional(),
      })
      .strict(),
    res: PackageWritten,
  },
  'dialog:chooseCaseToOpen': { req: Empty, res: z.object({ path: z.string() }).nullable() },
  'dialog:chooseEvidenceFiles': { req: Empty, res: z.object({ paths: z.array(z.string()) }).nullable() },
  'dialog:chooseExportFolder': { req: Empty, res: z.object({ path: z.string() }).nullable() },
  'dialog:chooseSavePath': {
    req: z.object({ suggestedName: z.string().max(255) }).strict(),
    res: z.object({ path: z.string() }).nullable(),
  },
  'dialog:chooseReportPath': {
    req: z.object({ suggestedName: z.string().max(255) }).strict(),
    res: z.object({ path: z.string() }).nullable(),
  },
  'dialog:chooseReportToVerify': { req: Empty, res: z.object({ path: z.string() }).nullable() },
  'dialog:chooseNewCasePath': {
    req: z.object({ suggestedName: z.string().max(200).default('case.custos') }).strict(),
    res: z.object({ path: z.string() }).nullable(),
  },
} as const satisfies Record<Channel, { req: z.ZodType; res: z.ZodType }>;

export type Contract = typeof ipcContract;
export type Req<C extends Channel> = z.input<Contract[C]['req']>;
export type ParsedReq<C extends Channel> = z.output<Contract[C]['req']>;
export type Res<C extends Channel> = z.output<Contract[C]['res']>;

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;

/** `window.api`, derived from the contract: api.<domain>.<verb>(req) → Promise<IpcResult>. */
export type Api = {
  [D in DomainOf<Channel>]: {
    [C in Channel as C extends `${D}:${infer V}` ? V : never]: (req?: Req<C>) => Promise<IpcResult<Res<C>>>;
  };
};

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { expect } from 'vitest';
import { CaseDraft } from '../../shared/domain/case.ts';
import { ClockSetRequest, SubmissionDraft } from '../../shared/domain/clock.ts';
import {
  CustodyTransferDraft,
  FileEvidenceDraft,
  PhysicalEvidenceDraft,
  TextEvidenceDraft,
} from '../../shared/domain/evidence.ts';
import type { EvidenceItem } from '../../shared/domain/evidence.ts';
import { DemandDraft, MessageDraft } from '../../shared/domain/extortion.ts';
import { IndicatorDraft } from '../../shared/domain/indicator.ts';
import { NoteDraft } from '../../shared/domain/note.ts';
import { SubjectDraft, SubjectLinkDraft } from '../../shared/domain/subject.ts';
import { TimelineDraft } from '../../shared/domain/timeline.ts';
import { builtinPlaybooks } from '../../electron/core/playbooks/builtins.ts';
import { createCase } from '../../electron/core/services/cases.ts';
import { setClock, submitClock } from '../../electron/core/services/clocks.ts';
import { addFileEvidence } from '../../electron/core/services/evidence/addFile.ts';
import { addPhysicalEvidence, addTextEvidence } from '../../electron/core/services/evidence/addOther.ts';
import { transferCustody } from '../../electron/core/services/evidence/custody.ts';
import { addDemand, addMessage } from '../../electron/core/services/extortion.ts';
import { addIndicator } from '../../electron/core/services/indicators.ts';
import { addNote } from '../../electron/core/services/notes.ts';
import { changeStep, startRun } from '../../electron/core/services/playbooks.ts';
import { addSubject, linkSubject } from '../../electron/core/services/subjects.ts';
import { addTimelineEvent } from '../../electron/core/services/timeline.ts';
import type { OutputRecord } from '../../shared/domain/report.ts';
import { pdfInfo, pdfPages } from './pdfText.ts';
import { EXAMINER, steppingClock } from './tempCase.ts';

/**
 * A case as a responder would have it when counsel, the police and the board ask for reports: the
 * record (privileged, TLP AMBER), a timeline in several zones, a privileged and a plain note,
 * stored files, a laptop and a captured chat line with custody hand-overs to the police, subjects
 * whose names need Latin, Hangul and Cyrillic glyphs, indicators, an extortion message and demand,
 * notification clocks with a submission, and a termination run part done. Built through the
 * services, closed, and handed back as a file for the handler table and the CLI to open.
 */

export const CASE_TITLE = 'Contractor “J. Kim” — DPRK IT worker and extortion';
export const CASE_REFERENCE = 'IR-2026-031';
export const PRIVILEGE_MARKING = 'Attorney–client privileged — prepared at the direction of Hollis & Rowe LLP';
/** Only in the privileged note: must never reach a referral. */
export const PRIVILEGED_SENTENCE = 'Counsel advises the payment question stays open until the OFAC check';
export const PLAIN_NOTE = 'Courier returned laptop LT-0412 with seal 00417 intact.';
export const RECIPIENT = 'DC Ruiz, Metropolitan Police';
export const NAMES = {
  mueller: 'Jürgen Müller',
  goncalves: 'João Gonçalves',
  kim: '김정호',
  kovalenko: 'Ярослав Коваленко',
} as const;
export const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
export const LAPTOP_EVENT = 'Laptop delivered to facilitator address';

export type ReportCase = {
  /** The case file, closed. */
  path: string;
  /** Ids of what the tests leave out or look for. */
  ids: {
    privilegedNote: string;
    plainNote: string;
    files: EvidenceItem[];
    laptop: EvidenceItem;
    chat: EvidenceItem;
    runId: string;
    demandId: string;
    subjects: Record<keyof typeof NAMES, string>;
  };
};

/** Builds the case at `dir/name`; the files it stores are written into `dir/acquired`. */
export async function buildReportCase(dir: string, name = 'case.custos'): Promise<ReportCase> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const ctx = { actor: EXAMINER, clock: steppingClock('2026-11-02T09:00:00.000Z') };
  const caseDb = createCase(
    path,
    CaseDraft.parse({
      title: CASE_TITLE,
      reference: CASE_REFERENCE,
      caseType: 'infiltration_and_extortion',
      severity: 'critical',
      tlp: 'AMBER',
      privilegeMarking: PRIVILEGE_MARKING,
      leadInvestigator: 'Dana Whitfield',
      legalCounsel: 'A. Smith, Hollis & Rowe LLP',
      summary:
        'A remote contractor hired as "J. Kim" was found to be a DPRK IT worker; after termination an extortion demand arrived.',
      awareAt: '2026-10-30T09:00',
      awareZone: 'Europe/Berlin',
    }),
    ctx,
  );
  try {
    for (const event of [
      { at: '2026-03-02T09:00', zone: 'America/Chicago', title: 'Contractor "J. Kim" starts', source: 'HR' },
      { at: '2026-10-30T22:14', zone: 'Asia/Seoul', title: LAPTOP_EVENT, source: 'Courier tracking' },
      { at: '2026-10-31T03:05', zone: 'UTC', title: 'VPN login from Shenyang exit node', source: 'VPN' },
      { at: '2026-11-01T10:30', zone: 'Europe/Lisbon', title: 'Extortion e-mail received', source: 'Mail gateway' },
    ]) {
      addTimelineEvent(caseDb, ctx, TimelineDraft.parse({ ...event, category: 'access' }));
    }
    const privileged = addNote(caseDb, ctx, NoteDraft.parse({ body: `${PRIVILEGED_SENTENCE}.`, privileged: true }));
    const plain = addNote(caseDb, ctx, NoteDraft.parse({ body: PLAIN_NOTE }));

    const acquired = join(dir, 'acquired');
    mkdirSync(acquired, { recursive: true });
    const files: EvidenceItem[] = [];
    for (const [file, content, description] of [
      [
        'demand.eml',
        'From: leak@proton.me\n\nPay 2.5 BTC by Friday or the source code goes public.\n',
        'Extortion e-mail',
      ],
      ['VPN 김정호 Jürgen.log', '2026-10-31T03:05:11Z jkim-dev login 175.45.176.3 Shenyang\n', 'VPN log extract'],
      ['payroll.csv', 'name,wallet\nJ. Kim,bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\n', 'Payroll export'],
    ] as const) {
      writeFileSync(join(acquired, file), content);
      files.push(
        await addFileEvidence(
          caseDb,
          ctx,
          join(acquired, file),
          FileEvidenceDraft.parse({ description, source: 'Northwind mail and VPN', custodian: 'Dana Whitfield' }),
        ),
      );
    }
    const laptop = addPhysicalEvidence(
      caseDb,
      ctx,
      PhysicalEvidenceDraft.parse({
        description: 'Laptop LT-0412 returned from the facilitator address',
        make: 'Lenovo',
        model: 'ThinkPad T14',
        serialNumber: 'PF3X9K2L',
        sealNumber: '00417',
        custodian: 'Dana Whitfield',
        acquiredAt: '2026-11-02T08:00',
        acquiredZone: 'Europe/Berlin',
      }),
    );
    const chat = addTextEvidence(
      caseDb,
      ctx,
      TextEvidenceDraft.parse({
        description: 'Telegram message read out on the bridge call',
        capturedText: 'We still have your repositories. 2.5 BTC or they go public — Ярослав',
        method: 'Typed from the screen share, checked by a second person',
        witness: 'R. Osei',
      }),
    );
    for (const item of [laptop, files[0]!]) {
      await transferCustody(
        caseDb,
        ctx,
        item.id,
        CustodyTransferDraft.parse({
          from: 'Dana Whitfield',
          to: RECIPIENT,
          purpose: 'Referral to the police',
          toLocation: 'Metropolitan Police property store',
          at: '2026-11-03T15:00',
          zone: 'Europe/London',
        }),
      );
    }

    const subject = (name: string, role: string, extra: Record<string, unknown> = {}) =>
      addSubject(caseDb, ctx, SubjectDraft.parse({ name, role, ...extra })).id;
    const subjects = {
      kim: subject(NAMES.kim, 'worker', {
        aliases: ['J. Kim', 'Kim Jong-ho'],
        claimedName: 'Jin Kim',
        claimedLocation: 'Austin, TX',
        verifiedLocation: 'Shenyang (VPN exit analysis)',
        identityVerdict: 'false',
      }),
      goncalves: subject(NAMES.goncalves, 'facilitator', { claimedLocation: 'Lisbon' }),
      mueller: subject(NAMES.mueller, 'laptop-farm-host'),
      kovalenko: subject(NAMES.kovalenko, 'operator', { kind: 'persona' }),
    };
    linkSubject(
      caseDb,
      ctx,
      SubjectLinkDraft.parse({
        subjectId: subjects.goncalves,
        targetType: 'subject',
        targetId: subjects.kim,
        relation: 'received the laptop for',
      }),
    );

    const indicator = (type: string, value: string, subjectIds: string[]) =>
      addIndicator(caseDb, ctx, IndicatorDraft.parse({ type, value, subjectIds, confidence: 'high' })).indicator;
    const email = indicator('email', 'leak@proton.me', [subjects.kovalenko]);
    const wallet = indicator('btc', WALLET, [subjects.kim]);
    indicator('domain', 'kim-dev-portfolio.example', [subjects.kim]);
    indicator('ip', '175.45.176.3', [subjects.kim]);

    const message = addMessage(
      caseDb,
      ctx,
      MessageDraft.parse({
        at: '2026-11-01T10:30',
        zone: 'Europe/Lisbon',
        channel: 'email',
        sender: 'leak@proton.me',
        senderIndicatorId: email.id,
        summary: 'Pay 2.5 BTC by Friday or the source code goes public',
        evidence: files[0]!.exhibit,
      }),
    );
    const demand = addDemand(
      caseDb,
      ctx,
      DemandDraft.parse({
        messageId: message.id,
        amount: '2.5',
        asset: 'BTC',
        payTo: WALLET,
        payToIndicatorId: wallet.id,
        deadline: '2026-11-06T18:00',
        zone: 'Europe/Lisbon',
        threat: 'Publish the payments-service source code',
      }),
    );

    setClock(caseDb, ctx, ClockSetRequest.parse({ ruleId: 'gdpr-33' }));
    submitClock(
      caseDb,
      ctx,
      SubmissionDraft.parse({
        ruleId: 'gdpr-33',
        at: '2026-11-01T16:00',
        zone: 'Europe/Berlin',
        recipient: 'Berlin data protection authority',
        reference: 'BlnBDI-2026-4411',
      }),
    );

    const template = builtinPlaybooks().find((p) => p.file === 'termination-access-revocation.json')!.template;
    const run = startRun(caseDb, ctx, template, { t0: '2026-10-31T09:00', zone: 'Europe/Berlin' }).run;
    changeStep(caseDb, ctx, run.id, 'A1', {
      state: 'done',
      at: '2026-10-30T10:00',
      zone: 'Europe/Berlin',
      outcome: 'Restricted case opened',
    });
    changeStep(caseDb, ctx, run.id, 'B4', {
      state: 'done',
      at: '2026-10-31T09:04',
      zone: 'Europe/Berlin',
      outcome: 'Removed from the org; 3 PATs and 2 SSH keys revoked',
      proof: [files[1]!.exhibit],
    });
    changeStep(caseDb, ctx, run.id, 'A2', { state: 'skipped', reason: 'Outside counsel already engaged' });

    return {
      path,
      ids: {
        privilegedNote: privileged.id,
        plainNote: plain.id,
        files,
        laptop,
        chat,
        runId: run.id,
        demandId: demand.id,
        subjects,
      },
    };
  } finally {
    caseDb.close();
  }
}

export const sha256Of = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** A generated PDF as a reader gets it: its bytes, their SHA-256, and the text of each page. */
export type ReadReport = {
  bytes: Buffer;
  sha256: string;
  pages: string[];
  /** Every page's text, lines joined with spaces. */
  text: string;
  /** The text without any white space: a hash or id wrapped across lines reads as one. */
  compact: string;
  /** The text column by column (see columnText): what a table cell holds, however it wrapped. */
  columns: string;
  columnsCompact: string;
  keywords: string;
};

export async function readReport(file: string): Promise<ReadReport> {
  const bytes = readFileSync(file);
  const pages = await pdfPages(bytes);
  const { info } = await pdfInfo(bytes);
  const text = pages.join('\n').replace(/\s+/g, ' ');
  const columns = await columnText(bytes);
  return {
    bytes,
    sha256: sha256Of(bytes),
    pages,
    text,
    compact: text.replace(/\s+/g, ''),
    columns,
    columnsCompact: columns.replace(/\s+/g, ''),
    keywords: String(info.Keywords),
  };
}

const STANDARD_FONTS = join(resolve(import.meta.dirname, '../..'), 'node_modules/pdfjs-dist/standard_fonts/');

/**
 * The text of the PDF read column by column: every run of text that starts at the same left edge,
 * top to bottom and page after page, lines joined by a space. A table cell wraps its text onto
 * several lines at the cell's left edge, and reading the page line by line interleaves it with the
 * cells beside it; read this way, "Laptop delivered to" and "facilitator address", or the three
 * lines of a SHA-256, come back together. On a line, pieces that touch (one font's run after
 * another's, a narrow space) are one run; pdfjs marks the gap to the next column with a wide space.
 */
async function columnText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: STANDARD_FONTS,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const columns = new Map<number, string[]>();
  try {
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const page = await pdf.getPage(n);
      const items = (await page.getTextContent()).items
        .filter((item): item is TextItem => 'str' in item && item.str !== '')
        .map((item) => ({
          str: item.str,
          x: item.transform[4] as number,
          y: item.transform[5] as number,
          width: item.width,
          size: Math.hypot(item.transform[2] as number, item.transform[3] as number) || 8,
        }))
        .sort((a, b) => b.y - a.y || a.x - b.x);
      type Run = { x: number; y: number; end: number; text: string };
      const runs: Run[] = [];
      let run: Run | undefined;
      for (const item of items) {
        const columnGap = item.str.trim() === '' && item.width > 0.6 * item.size;
        const touches = run && Math.abs(run.y - item.y) < 0.5 && Math.abs(item.x - run.end) < 1;
        if (columnGap || !touches) {
          if (run) runs.push(run);
          run = columnGap ? undefined : { x: item.x, y: item.y, end: item.x + item.width, text: item.str };
          continue;
        }
        run!.text += item.str;
        run!.end = item.x + item.width;
      }
      if (run) runs.push(run);
      for (const { x, text } of runs) {
        if (text.trim() === '') continue;
        const edge = Math.round(x * 2) / 2;
        const column = columns.get(edge) ?? [];
        column.push(text);
        columns.set(edge, column);
      }
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  return [...columns.values()].map((lines) => lines.join(' ').replace(/\s+/g, ' ')).join('\n');
}

/**
 * What every report must show, whatever its kind: the case on the cover, the markings and "page X of
 * Y" on every page, the verification block with the head the case recorded, and the file's bytes,
 * pages and id as the case recorded them.
 */
export function expectReport(report: ReadReport, record: OutputRecord): void {
  expect(record.sha256).toBe(report.sha256);
  expect(record.size).toBe(report.bytes.length);
  expect(record.pages).toBe(report.pages.length);
  expect(report.pages.length).toBeGreaterThan(1);
  const cover = report.pages[0]!.replace(/\s+/g, ' ');
  expect(cover).toContain(CASE_TITLE);
  expect(cover).toContain(CASE_REFERENCE);
  expect(cover).toContain(record.id);
  report.pages.forEach((page, index) => {
    const where = `page ${index + 1}`;
    expect(page, where).toMatch(new RegExp(`\\bpage ${index + 1} of ${report.pages.length}\\b`));
    expect(page.match(/\bpage \d+ of \d+\b/g), where).toHaveLength(1);
    expect(page, where).toContain('TLP:AMBER');
    expect(page, where).toContain(`Report ${record.id.slice(0, 8)}`);
  });
  // The verification block: the head the report was made from, the verdict just before, its id.
  expect(report.text).toMatch(new RegExp(`Audit head sequence ${record.head.seq} `));
  expect(report.compact).toContain(`Auditheadhash${record.head.hash}`);
  expect(report.compact).toContain(`ReportID${record.id}`);
  expect(report.text).toContain('Verification before generating Passed');
  expect(report.compact).toContain(`Intact:${record.head.seq}auditentries,head${record.head.seq}:${record.head.hash}`);
  // The id a copy is checked by, in the metadata.
  expect(report.keywords).toContain(`Custos-Report-Id: ${record.id}`);
}

/** The subjects' names as entered, each in its own script, intact in the text. */
export function expectNames(report: ReadReport): void {
  for (const name of Object.values(NAMES)) expect(report.text).toContain(name);
  expect(report.text).toContain('Ярослав');
  expect(report.text).toContain('Müller');
}

/**
 * Whether a table cell (or any text) of the report holds `text`, however the cell wrapped it: a
 * narrow column breaks even inside a word ("Metropoli" / "tan Police"), so white space is ignored.
 */
export function inCells(report: ReadReport, text: string): boolean {
  return report.columnsCompact.includes(text.replace(/\s+/g, ''));
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinPlaybooks } from '../../electron/core/playbooks/builtins.ts';
import type { Block, DocSection, ReportDoc } from '../../electron/core/reports/doc.ts';
import { buildReportDoc, previewReport, resolveItemRef } from '../../electron/core/reports/content/index.ts';
import type { ReportContext } from '../../electron/core/reports/content/index.ts';
import { renderReportPdf } from '../../electron/core/reports/pdf/render.ts';
import { caseInfo, openCase } from '../../electron/core/services/cases.ts';
import { clockRules, setClock, submitClock } from '../../electron/core/services/clocks.ts';
import { addFileEvidence } from '../../electron/core/services/evidence/addFile.ts';
import { addPhysicalEvidence, addTextEvidence } from '../../electron/core/services/evidence/addOther.ts';
import { transferCustody } from '../../electron/core/services/evidence/custody.ts';
import { placeLegalHold } from '../../electron/core/services/evidence/hold.ts';
import { addDemand, addMessage, addValidation, decide, signOff } from '../../electron/core/services/extortion.ts';
import { addIndicator } from '../../electron/core/services/indicators.ts';
import { addNote, removeNote } from '../../electron/core/services/notes.ts';
import { addAccessItems, changeStep, startRun, updateAccess } from '../../electron/core/services/playbooks.ts';
import { addSubject, linkSubject } from '../../electron/core/services/subjects.ts';
import { addTimelineEvent, removeTimelineEvent } from '../../electron/core/services/timeline.ts';
import type { CaseDb } from '../../electron/core/store/db/caseDb.ts';
import { ClockSetRequest, SubmissionDraft } from '../../shared/domain/clock.ts';
import {
  CustodyTransferDraft,
  FileEvidenceDraft,
  HoldDraft,
  PhysicalEvidenceDraft,
  TextEvidenceDraft,
} from '../../shared/domain/evidence.ts';
import {
  DecisionDraft,
  DemandDraft,
  MessageDraft,
  SignOffRequest,
  ValidationDraft,
} from '../../shared/domain/extortion.ts';
import { IndicatorDraft } from '../../shared/domain/indicator.ts';
import { NoteDraft } from '../../shared/domain/note.ts';
import { REPORT_SECTIONS, ReportOptions } from '../../shared/domain/report.ts';
import type { ReportOptionsInput, ReportPreview } from '../../shared/domain/report.ts';
import { SubjectDraft, SubjectLinkDraft } from '../../shared/domain/subject.ts';
import { TimelineDraft } from '../../shared/domain/timeline.ts';
import { enteredText } from '../../electron/core/reports/content/format.ts';
import { formatInZone } from '../../shared/logic/time.ts';
import { pdfPages } from '../helpers/pdfText.ts';
import { tamperCovered } from '../helpers/tamper.ts';
import { EXAMINER, newCase, tempDir } from '../helpers/tempCase.ts';

// The five report kinds built from a real case made through the services: what each says, what a
// referral withholds (and says it withholds), items the examiner leaves out gone from every table,
// the preview agreeing with the document item by item, and the same inputs giving the same document.

const PRIVILEGED = 'Counsel advises holding the OFAC self-disclosure until the board meets on Friday';
const PRIVILEGED_2 = 'Privileged: draft wording for the regulator, not yet agreed with counsel';
const PLAIN_NOTE = 'Called the staffing agency; they confirm the laptop went to an address in Dallas';
const REMOVED_NOTE = 'A note written in the wrong case and removed';
const REMOVED_EVENT = 'An event entered twice and removed';
const GENERATED_AT = '2026-11-05T10:00:00.000Z';
const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';

type Built = Awaited<ReturnType<typeof buildCase>>;

async function buildCase(dir: string) {
  const { caseDb, ctx, path } = newCase(dir, {
    caseType: 'infiltration_and_extortion',
    summary:
      'A contractor hired in March as "Jin-ho Park" was a DPRK IT worker; after his termination he demanded 0.5 BTC.',
    awareAt: '2026-10-30T22:14',
    awareZone: 'Asia/Seoul',
    leadInvestigator: 'Dana Whitfield',
    legalCounsel: 'A. Smith, Hollis & Rowe',
    privilegeMarking: 'Attorney–client privileged — prepared at the direction of Hollis & Rowe',
  });
  const event = (at: string, zone: string, title: string, category: string, description = '') =>
    addTimelineEvent(caseDb, ctx, TimelineDraft.parse({ at, zone, title, category, description, source: 'EDR' }));
  const hired = event('2026-03-02T09:00', 'Europe/Berlin', 'Contractor hired through the agency', 'hiring');
  const login = event('2026-10-28T03:10', 'Asia/Seoul', 'Login from 175.45.176.1 via AnyDesk', 'access');
  const exfil = event('2026-10-29T01:00', 'UTC', 'Outbound transfer of 12 GB from BUILD-07', 'exfiltration');
  event('2026-10-30T13:00', 'UTC', 'EDR alert on BUILD-07', 'detection');
  event('2026-10-31T09:02', 'Europe/Berlin', 'Accounts disabled in one batch', 'response');
  const salary = event('2026-09-30T12:00', 'UTC', 'Salary paid to a new Payoneer account', 'payment');
  const hidden = event('2026-10-29T02:00', 'UTC', 'Secret sub-contractor call with the vendor', 'communication');
  const twice = event('2026-10-29T03:00', 'UTC', REMOVED_EVENT, 'other');
  removeTimelineEvent(caseDb, ctx, twice.id);
  const rlo = event('2026-10-29T04:00', 'UTC', 'Attachment invoice\u202Etxt.exe opened', 'other');

  const privileged = addNote(caseDb, ctx, NoteDraft.parse({ body: PRIVILEGED, privileged: true }));
  addNote(caseDb, ctx, NoteDraft.parse({ body: PRIVILEGED_2, privileged: true }));
  const plain = addNote(caseDb, ctx, NoteDraft.parse({ body: PLAIN_NOTE }));
  const gone = addNote(caseDb, ctx, NoteDraft.parse({ body: REMOVED_NOTE }));
  removeNote(caseDb, ctx, gone.id);

  const worker = addSubject(
    caseDb,
    ctx,
    SubjectDraft.parse({
      name: 'Jin-ho Park',
      role: 'worker',
      aliases: ['김정호 (Kim Jong-ho)', 'Ярослав Коваленко'],
      claimedName: 'Jin-ho Park',
      claimedNationality: 'South Korean',
      claimedLocation: 'Seoul',
      verifiedLocation: 'Shenyang (VPN exit analysis)',
      findings: 'Passport scan forged: MRZ check digit wrong',
      identityVerdict: 'false',
      hiredOn: '2026-03-02',
      terminatedOn: '2026-10-31',
      notes: 'Internal: HR still owes him one invoice',
    }),
  );
  const facilitator = addSubject(
    caseDb,
    ctx,
    SubjectDraft.parse({ name: 'João Gonçalves', role: 'facilitator', claimedLocation: 'Lisbon' }),
  );
  addSubject(caseDb, ctx, SubjectDraft.parse({ name: 'Jürgen Müller', role: 'laptop-farm-host' }));
  const recruiter = addSubject(caseDb, ctx, SubjectDraft.parse({ name: 'Łukasz Wiśniewski', role: 'recruiter' }));
  linkSubject(
    caseDb,
    ctx,
    SubjectLinkDraft.parse({
      subjectId: facilitator.id,
      targetType: 'subject',
      targetId: worker.id,
      relation: 'received the laptop for',
    }),
  );
  linkSubject(
    caseDb,
    ctx,
    SubjectLinkDraft.parse({
      subjectId: worker.id,
      targetType: 'note',
      targetId: privileged.id,
      relation: 'discussed in',
    }),
  );
  linkSubject(
    caseDb,
    ctx,
    SubjectLinkDraft.parse({
      subjectId: worker.id,
      targetType: 'subject',
      targetId: recruiter.id,
      relation: 'recruited by',
    }),
  );

  const chat = addTextEvidence(
    caseDb,
    ctx,
    TextEvidenceDraft.parse({
      description: 'Telegram chat with the demand',
      capturedText: 'Pay 0.5 BTC in 72 hours or the source code is published',
      method: 'Screenshot transcribed on the call',
      acquiredAt: '2026-11-01T10:00',
      acquiredZone: 'Europe/Berlin',
      witness: 'R. Osei',
      legalBasis: 'Company policy 4.2 (company devices)',
      storageLocation: 'Case file',
    }),
  );
  const laptop = addPhysicalEvidence(
    caseDb,
    ctx,
    PhysicalEvidenceDraft.parse({
      description: 'Laptop LT-4471 returned from Dallas',
      make: 'Lenovo',
      model: 'ThinkPad T14',
      serialNumber: 'PF3ABC12',
      sealNumber: 'SEAL-0091',
      source: 'Laptop farm, Dallas',
      custodian: 'Jürgen Müller',
      acquiredAt: '2026-11-02T15:30',
      acquiredZone: 'America/Chicago',
      storageLocation: 'Evidence locker 3',
      legalBasis: 'Company property',
    }),
  );
  writeFileSync(join(dir, 'vendor-contract.pdf'), 'contract with the staffing agency, never for police');
  const contract = await addFileEvidence(
    caseDb,
    ctx,
    join(dir, 'vendor-contract.pdf'),
    FileEvidenceDraft.parse({ description: 'Staffing agency contract (commercial)', md5: true }),
  );
  await transferCustody(
    caseDb,
    ctx,
    laptop.exhibit,
    CustodyTransferDraft.parse({
      from: 'Dana Whitfield',
      to: 'Jürgen Müller',
      purpose: 'Imaging at the forensic lab',
      fromLocation: 'Evidence locker 3',
      toLocation: 'Lab bench 2',
      sealBefore: 'SEAL-0091',
      sealAfter: 'SEAL-0102',
      at: '2026-11-03T09:00',
      zone: 'Europe/Berlin',
    }),
  );
  placeLegalHold(caseDb, ctx, HoldDraft.parse({ reason: 'Litigation expected' }));

  const ind = (draft: Record<string, unknown>) => addIndicator(caseDb, ctx, IndicatorDraft.parse(draft)).indicator;
  const email = ind({ type: 'email', value: 'J.Park.Dev@Proton.me', subjectIds: [worker.id], source: chat.exhibit });
  const wallet = ind({ type: 'btc', value: WALLET, confidence: 'high' });
  ind({ type: 'ip', value: '175.45.176.1', firstSeen: '2026-10-28T03:10', zone: 'Asia/Seoul' });
  ind({ type: 'username', value: 'jpark_ops', platform: 'telegram', subjectIds: [worker.id] });
  const secretIp = ind({ type: 'ip', value: '198.51.100.77', source: contract.exhibit });
  ind({ type: 'payment-account', value: 'jpark.payouts@example.com', platform: 'payoneer' });

  const message = addMessage(
    caseDb,
    ctx,
    MessageDraft.parse({
      at: '2026-11-01T09:40',
      zone: 'Europe/Berlin',
      channel: 'telegram',
      sender: '@jpark_ops',
      summary: 'Pay 0.5 BTC in 72 hours or the source code is published',
      body: 'We have your payments-service repository. Pay 0.5 BTC to the wallet below.',
      evidence: chat.exhibit,
    }),
  );
  const demand = addDemand(
    caseDb,
    ctx,
    DemandDraft.parse({
      messageId: message.id,
      amount: '0.5',
      asset: 'BTC',
      payTo: WALLET,
      deadline: '2026-11-04T09:40',
      zone: 'Europe/Berlin',
      threat: 'Publish the payments-service source code',
    }),
  );
  const other = addDemand(
    caseDb,
    ctx,
    DemandDraft.parse({ threat: 'Tell the press about the breach', offeredProof: 'none' }),
  );
  addValidation(
    caseDb,
    ctx,
    ValidationDraft.parse({
      demandId: demand.id,
      samples: 'Three files from the repository tree',
      comparedAgainst: 'git history of payments-service',
      result: 'confirmed',
      at: '2026-11-01T15:00',
      zone: 'Europe/Berlin',
    }),
  );
  const decision = decide(
    caseDb,
    ctx,
    DecisionDraft.parse({
      demandId: demand.id,
      decision: 'do-not-pay',
      reasons: 'Sanctions exposure; no assurance the code is deleted',
      decidedBy: 'Maria Keller, CEO',
      at: '2026-11-02T10:00',
      zone: 'Europe/Berlin',
      counsel: 'A. Smith, Hollis & Rowe',
    }),
  );
  signOff(
    caseDb,
    ctx,
    SignOffRequest.parse({ id: decision.id, counsel: 'A. Smith, Hollis & Rowe', at: '2026-11-02T11:30' }),
  );

  for (const ruleId of ['gdpr-33', 'nis2-early-warning', 'nis2-notification']) {
    setClock(caseDb, ctx, ClockSetRequest.parse({ ruleId }));
  }
  submitClock(
    caseDb,
    ctx,
    SubmissionDraft.parse({
      ruleId: 'gdpr-33',
      at: '2026-11-01T16:00',
      zone: 'Europe/Berlin',
      recipient: 'Berlin DPA',
      reference: 'BLN-DSB-2026-4411',
    }),
  );

  const template = builtinPlaybooks().find((p) => p.file.startsWith('termination'))!.template;
  const run = startRun(caseDb, ctx, template, { t0: '2026-10-31T09:00', zone: 'Europe/Berlin' });
  changeStep(caseDb, ctx, run.run.id, 'B4', {
    state: 'done',
    at: '2026-10-31T09:04',
    zone: 'Europe/Berlin',
    outcome: 'Removed from the GitHub org; 3 tokens revoked',
    proof: [chat.exhibit, privileged.id],
  });
  changeStep(caseDb, ctx, run.run.id, 'A2', { state: 'skipped', reason: 'Outside counsel already engaged' });
  addAccessItems(caseDb, ctx, [
    {
      system: 'GitHub',
      identifier: 'jpark-dev',
      category: 'code',
      owner: 'Engineering',
      status: 'active',
      notes: '',
      revokedAt: null,
      verifiedAt: null,
    },
    {
      system: 'Okta',
      identifier: 'jin-ho.park',
      category: 'identity',
      owner: 'IT',
      status: 'active',
      notes: '',
      revokedAt: null,
      verifiedAt: null,
    },
  ]);
  updateAccess(caseDb, ctx, 'jpark-dev', { status: 'revoked', at: '2026-10-31T09:05', zone: 'Europe/Berlin' });

  return {
    caseDb,
    ctx,
    path,
    ids: {
      hired,
      login,
      exfil,
      salary,
      hidden,
      rlo,
      removedEvent: twice,
      privileged,
      plain,
      worker,
      facilitator,
      recruiter,
      chat,
      laptop,
      contract,
      email,
      wallet,
      secretIp,
      message,
      demand,
      other,
      decision,
      run,
    },
  };
}

function contextOf(caseDb: CaseDb, over: Partial<ReportContext> = {}): ReportContext {
  return {
    reportId: '0f6a4c4e-5d1b-4f7e-9f55-3a3c1c2b9d10',
    generatedAt: GENERATED_AT,
    examiner: EXAMINER,
    zone: 'Europe/Berlin',
    head: caseInfo(caseDb).head,
    verification: { ok: true, lines: ['Intact: 60 audit entries', 'Audit chain: pass'] },
    ...over,
  };
}

const optionsOf = (input: ReportOptionsInput) => ReportOptions.parse(input);
const docFor = (b: Built, input: ReportOptionsInput, over: Partial<ReportContext> = {}) =>
  buildReportDoc(b.caseDb, optionsOf(input), contextOf(b.caseDb, over));
const json = (value: unknown) => JSON.stringify(value);
const section = (doc: ReportDoc, id: string): DocSection => {
  const found = doc.sections.find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id} in ${doc.sections.map((s) => s.id).join(', ')}`);
  return found;
};
const blocksOf = <T extends Block['type']>(s: DocSection, type: T) =>
  s.blocks.filter((b): b is Extract<Block, { type: T }> => b.type === type);
const noticeTexts = (doc: ReportDoc) => doc.sections.flatMap((s) => blocksOf(s, 'notice').map((n) => n.text));

let dir: string;
let cleanup: () => void;
let b: Built;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  b = await buildCase(dir);
}, 60_000);
afterAll(() => {
  b.caseDb.close();
  cleanup();
});

describe('the counsel report', () => {
  it('holds every section, privileged notes marked, with the case marking as its banner', () => {
    const doc = docFor(b, { kind: 'counsel' });
    expect(doc.sections.map((s) => s.id)).toEqual([...REPORT_SECTIONS.counsel]);
    expect(doc.meta).toMatchObject({
      title: 'Counsel report (privileged)',
      caseTitle: 'Contractor "J. Kim" infiltration',
      reference: 'IR-2026-014',
      tlp: 'AMBER',
      classification: 'Privileged & confidential — prepared at the request of counsel',
      privilegeBanner: 'Attorney–client privileged — prepared at the direction of Hollis & Rowe',
      examiner: 'Dana Whitfield',
      generatedAt: GENERATED_AT,
      zone: 'Europe/Berlin',
    });
    const notes = json(section(doc, 'notes'));
    expect(notes).toContain(PRIVILEGED);
    expect(notes).toContain(PLAIN_NOTE);
    expect(blocksOf(section(doc, 'notes'), 'paragraph').filter((p) => p.text.startsWith('PRIVILEGED — '))).toHaveLength(
      2,
    );
    expect(doc.coverLines).toContain(
      'This report prints 2 privileged notes: do not pass it to anyone outside privilege.',
    );
  });

  it('prints the timeline in UTC with the time as entered, and never a removed row', () => {
    const doc = docFor(b, { kind: 'counsel' });
    const [table] = blocksOf(section(doc, 'timeline'), 'table');
    expect(table!.columns.map((c) => c.title)).toEqual([
      'Time (UTC)',
      'As entered',
      'Category',
      'Title',
      'Description',
      'Source',
    ]);
    expect(table!.rows).toHaveLength(8);
    expect(table!.rows).toContainEqual([
      '2026-10-27 18:10',
      '2026-10-28 03:10 Asia/Seoul +09:00',
      'access',
      'Login from 175.45.176.1 via AnyDesk',
      '',
      'EDR',
    ]);
    const all = json(doc);
    expect(all).not.toContain(REMOVED_EVENT);
    expect(all).not.toContain(REMOVED_NOTE);
    // The case's awareness: UTC first, then the wall clock where it was entered.
    expect(blocksOf(section(doc, 'case'), 'facts')[0]!.rows).toContainEqual([
      'Became aware',
      '2026-10-30 13:14 UTC (22:14 Asia/Seoul +09:00)',
    ]);
  });

  it('shows a bidirectional override escaped, so a file name cannot disguise itself', () => {
    const all = json(docFor(b, { kind: 'counsel' }));
    expect(all).not.toContain('\u202E');
    expect(all).toContain('Attachment invoice\\\\u202etxt.exe opened');
  });

  it('prints subjects claimed beside verified, indicators, the extortion record, clocks, runs, evidence, custody, audit', () => {
    const doc = docFor(b, { kind: 'counsel' });
    const subjects = section(doc, 'subjects');
    expect(blocksOf(subjects, 'heading').map((h) => h.text)).toEqual([
      'Jin-ho Park — Hired worker',
      'João Gonçalves — Facilitator',
      'Jürgen Müller — Laptop-farm host',
      'Łukasz Wiśniewski — Recruiter',
    ]);
    expect(json(subjects)).toContain('김정호 (Kim Jong-ho), Ярослав Коваленко');
    expect(json(subjects)).toContain('["Location","Seoul","Shenyang (VPN exit analysis)"]');
    expect(json(subjects)).toContain('Internal: HR still owes him one invoice');

    const [indicators] = blocksOf(section(doc, 'indicators'), 'table');
    expect(indicators!.columns.find((c) => c.mono)?.title).toBe('Value (canonical)');
    expect(indicators!.rows.map((r) => r[1])).toContain('j.park.dev@proton.me');
    expect(indicators!.rows.find((r) => r[1] === 'j.park.dev@proton.me')).toContain('E-0001');

    const extortion = json(section(doc, 'extortion'));
    expect(extortion).toContain('We have your payments-service repository.');
    expect(extortion).toContain('Do not pay');
    expect(extortion).toContain(
      'Signed off by A. Smith, Hollis & Rowe at 2026-11-02 10:30 UTC (11:30 Europe/Berlin +01:00)',
    );
    expect(extortion).toContain('OFAC');

    const clocks = section(doc, 'clocks');
    const [clockTable, submissions] = blocksOf(clocks, 'table');
    expect(clockTable!.columns[1]!.title).toBe('Status at 2026-11-05 10:00 UTC');
    expect(clockTable!.rows.map((r) => r[1])).toEqual(['Submitted', 'OVERDUE', 'OVERDUE']);
    expect(submissions!.rows[0]).toEqual(
      expect.arrayContaining(['Berlin DPA', 'BLN-DSB-2026-4411', '2026-11-01 15:00']),
    );

    const runs = section(doc, 'playbooks');
    const [steps, access] = blocksOf(runs, 'table');
    const b4 = steps!.rows.find((r) => r[0] === 'B4')!;
    expect(b4[4]).toBe('Done 2026-10-31 08:04 UTC (09:04 Europe/Berlin +01:00) by Dana Whitfield (out of order)');
    expect(b4[6]).toContain('E-0001 Telegram chat with the demand');
    expect(b4[6]).toContain(`Privileged note: ${PRIVILEGED.slice(0, 40)}`);
    expect(access!.rows[0]).toEqual(
      expect.arrayContaining(['GitHub', 'jpark-dev', 'Revoked', '2026-10-31 08:05 UTC', 'Dana Whitfield']),
    );

    const [register, holds] = blocksOf(section(doc, 'evidence'), 'table');
    expect(register!.columns.find((c) => c.mono)?.title).toBe('SHA-256');
    expect(register!.rows.map((r) => r[0])).toEqual(['E-0001', 'E-0002', 'E-0003']);
    expect(register!.rows[0]![4]).toBe(b.ids.chat.sha256);
    expect(register!.rows[0]![4]).toMatch(/^[0-9a-f]{64}$/);
    expect(holds!.rows[0]).toEqual(expect.arrayContaining(['The whole case', 'Litigation expected', 'In force']));

    const custody = section(doc, 'custody');
    expect(blocksOf(custody, 'heading').map((h) => h.text)).toEqual([
      'E-0001 — Telegram chat with the demand',
      'E-0002 — Laptop LT-4471 returned from Dallas',
      'E-0003 — Staffing agency contract (commercial)',
    ]);
    const laptopCustody = blocksOf(custody, 'table')[1]!;
    expect(laptopCustody.rows.map((r) => r[1])).toEqual(['Acquisition', 'Transfer']);
    expect(laptopCustody.rows[1]).toEqual([
      '2026-11-03 08:00 UTC\n(09:00 Europe/Berlin +01:00)',
      'Transfer',
      'Dana Whitfield →\nJürgen Müller',
      'Imaging at the forensic lab',
      'Evidence locker 3 → Lab bench 2',
      'SEAL-0091 → SEAL-0102',
      '—',
      'Dana Whitfield',
    ]);

    const audit = section(doc, 'audit');
    const head = caseInfo(b.caseDb).head;
    expect(blocksOf(audit, 'facts')[0]!.rows).toEqual(
      expect.arrayContaining([
        ['Entries', String(head.seq)],
        ['Head hash', head.hash],
      ]),
    );
    const counts = blocksOf(audit, 'table')[0]!.rows;
    expect(counts.reduce((n, r) => n + Number(r[1]!.replace(/,/g, '')), 0)).toBe(head.seq);
    expect(counts).toContainEqual(['timeline.add', '9']);
  });

  it('counts audit entries only up to the head it was made from', () => {
    const head = caseInfo(b.caseDb).head;
    const earlier = { seq: head.seq - 5, hash: 'a'.repeat(64) };
    const doc = docFor(b, { kind: 'counsel', sections: ['audit'] }, { head: earlier });
    expect(blocksOf(section(doc, 'audit'), 'facts')[0]!.rows).toContainEqual(['Entries', String(head.seq - 5)]);
    expect(doc.verification).toMatchObject({ headSeq: head.seq - 5, headHash: 'a'.repeat(64), verifiedOk: true });
  });

  it('ends with the verification block: head, verdict, report id and how to check the case', () => {
    const doc = docFor(b, { kind: 'counsel' });
    expect(doc.verification).toEqual({
      headSeq: caseInfo(b.caseDb).head.seq,
      headHash: caseInfo(b.caseDb).head.hash,
      verifiedOk: true,
      verifyLines: ['Intact: 60 audit entries', 'Audit chain: pass'],
      howToCheck: [
        'The case file format is documented in docs/case-file-format.md of Custos; docs/verify_case.py verifies a case without Custos.',
        'custos verify CASE',
        'custos report verify CASE THIS.pdf says whether this exact file was generated from the case',
      ],
      howToCheckBriefly:
        'To check: custos report verify CASE THIS.pdf (this file came from the case); custos verify CASE, or docs/verify_case.py without Custos (the case itself).',
    });
  });
});

describe('the law-enforcement referral', () => {
  it('carries no note at all, says how many it withholds at the top and in its own section', () => {
    const doc = docFor(b, { kind: 'law-enforcement', countries: ['US'] });
    expect(doc.sections.map((s) => s.id)).toEqual([...REPORT_SECTIONS['law-enforcement']]);
    expect(doc.meta.classification).toBe('Law enforcement sensitive — TLP:AMBER');
    expect(doc.meta.privilegeBanner).toBeNull();
    const all = json(doc);
    for (const text of [PRIVILEGED, PRIVILEGED_2, PLAIN_NOTE, PRIVILEGED.slice(0, 30), 'Internal: HR still owes him']) {
      expect(all).not.toContain(text);
    }
    // Counsel's decision and sign-off are not part of a referral either.
    expect(all).not.toContain('Sanctions exposure; no assurance');
    const top = section(doc, 'summary').blocks[0]!;
    expect(top).toEqual({
      type: 'notice',
      tone: 'withheld',
      text: [
        'This report withholds:',
        '• 2 privileged notes (not part of this referral)',
        '• 1 other note (a referral carries no case notes)',
        "• 1 decision on the demands (decisions and counsel's sign-off are not part of a referral)",
      ].join('\n'),
    });
    expect(blocksOf(section(doc, 'withheld'), 'notice')[0]!.text).toContain(
      '• 2 privileged notes (not part of this referral)',
    );
  });

  it('leaves out what the examiner names from every table, and counts it where it would have been', () => {
    const doc = docFor(b, {
      kind: 'law-enforcement',
      exclude: [
        `evidence:${b.ids.contract.id}`,
        `subject:${b.ids.recruiter.id}`,
        `indicator:${b.ids.secretIp.id}`,
        `event:${b.ids.hidden.id}`,
      ],
    });
    const all = json(doc);
    for (const gone of [
      b.ids.contract.sha256!,
      'E-0003',
      'Staffing agency contract',
      'Łukasz Wiśniewski',
      '198.51.100.77',
      'Secret sub-contractor call',
    ]) {
      expect(all).not.toContain(gone);
    }
    const notice = noticeTexts(doc)[0]!;
    expect(notice).toContain('• 1 exhibit left out by the examiner (Evidence register)');
    expect(notice).toContain('• 1 subject left out by the examiner (Subjects)');
    expect(notice).toContain('• 1 indicator left out by the examiner (Indicators)');
    expect(notice).toContain('• 1 event left out by the examiner (Timeline)');
    expect(doc.coverLines.at(-1)).toMatch(/^Withheld: 2 privileged notes \(not part of this referral\); /);
  });

  it('lays the intake out as the forms ask: victim, incident, money, identifiers, notifications, contact', () => {
    const doc = docFor(b, { kind: 'law-enforcement' });
    const intake = section(doc, 'intake');
    expect(blocksOf(intake, 'heading').map((h) => h.text)).toEqual([
      'Victim organisation',
      'Incident',
      'Financial transactions',
      'Subject identifiers',
      'Other notifications made',
      'Point of contact',
    ]);
    const facts = blocksOf(intake, 'facts').flatMap((f) => f.rows);
    const fact = (label: string) => facts.find((r) => r[0] === label)?.[1];
    expect(fact('Organisation')).toBe('Northwind Security');
    expect(fact('Contact')).toBe('Dana Whitfield, Incident responder');
    expect(fact('Type')).toBe('Infiltration and extortion');
    expect(fact('First malicious activity recorded')).toBe(
      '2026-03-02 08:00 UTC (09:00 Europe/Berlin +01:00) — Contractor hired through the agency',
    );
    expect(fact('Detected')).toBe('2026-10-30 13:00 UTC — EDR alert on BUILD-07');
    expect(fact('Organisation became aware')).toBe('2026-10-30 13:14 UTC (22:14 Asia/Seoul +09:00)');
    expect(fact('Worker terminated')).toBe('Jin-ho Park: 2026-10-31');
    expect(fact('Demanded')).toBe(`0.5 BTC to ${WALLET} by 2026-11-04 08:40 UTC (09:40 Europe/Berlin +01:00)`);
    expect(fact('Wallets and accounts')).toBe(`${WALLET}\njpark.payouts@example.com (payoneer)`);
    expect(fact('Payments (timeline)')).toBe('2026-09-30 12:00 UTC: Salary paid to a new Payoneer account');
    expect(fact('Names and aliases')).toContain('Jin-ho Park / 김정호 (Kim Jong-ho) / Ярослав Коваленко');
    expect(fact('E-mail addresses')).toBe('j.park.dev@proton.me');
    expect(fact('Messaging handles and user names')).toBe('jpark_ops (telegram)');
    expect(fact('IP addresses')).toBe('175.45.176.1\n198.51.100.77');
    const [notifications] = blocksOf(intake, 'table');
    expect(notifications!.rows).toHaveLength(1);
    expect(notifications!.rows[0]).toEqual(expect.arrayContaining(['BLN-DSB-2026-4411']));
    expect(fact('Examiner')).toBe('Dana Whitfield, Incident responder, Northwind Security');
  });

  it('prints the exhibit list with full SHA-256 and custody per exhibit, payments and wallets, messages and demands', () => {
    const doc = docFor(b, { kind: 'law-enforcement' });
    const evidence = section(doc, 'evidence');
    const [register, ...custody] = blocksOf(evidence, 'table');
    expect(register!.rows.map((r) => r[4])).toEqual([
      b.ids.chat.sha256,
      '— (physical item: no bytes)',
      b.ids.contract.sha256,
    ]);
    expect(custody).toHaveLength(3);
    expect(custody[1]!.rows[1]).toEqual(
      expect.arrayContaining([
        'Transfer',
        'Dana Whitfield → Jürgen Müller',
        'Imaging at the forensic lab',
        'SEAL-0102',
      ]),
    );
    const payments = section(doc, 'payments');
    const [demanded, wallets] = blocksOf(payments, 'table');
    expect(demanded!.rows).toEqual([
      ['0.5', 'BTC', WALLET, '2026-11-04 08:40 UTC (09:40 Europe/Berlin +01:00)', 'open'],
    ]);
    expect(wallets!.rows.map((r) => r[1])).toEqual([WALLET, 'jpark.payouts@example.com']);
    const extortion = json(section(doc, 'extortion'));
    expect(extortion).toContain('We have your payments-service repository.');
    expect(extortion).toContain('Tell the press about the breach');
  });

  it('uses the summary given, else the case record, and says so when there is none', () => {
    const given = docFor(b, { kind: 'law-enforcement', summary: 'Summary written for the FBI field office.' });
    expect(section(given, 'summary').blocks[1]).toEqual({
      type: 'paragraph',
      text: 'Summary written for the FBI field office.',
    });
    const recorded = docFor(b, { kind: 'law-enforcement' });
    expect(json(section(recorded, 'summary'))).toContain('was a DPRK IT worker');
  });

  it('gives contacts per country with their sources, the EU advice for member states, and says when it has none', () => {
    const doc = docFor(b, { kind: 'law-enforcement', countries: ['US', 'GB', 'DE', 'JP'] });
    const contacts = section(doc, 'contacts');
    expect(blocksOf(contacts, 'heading').map((h) => h.text)).toEqual([
      'United States (US)',
      'United Kingdom (GB)',
      'Germany (DE)',
      'Japan (JP)',
    ]);
    const text = json(contacts);
    for (const fact of [
      'https://www.ic3.gov',
      'https://ransomware.ic3.gov',
      'Report Fraud, run by the City of London Police',
      'https://www.reportfraud.police.uk',
      '0300 123 2040',
      '24 hours a day, 7 days a week',
      'Police Scotland on 101',
      'no executive powers',
      'NIS2 (Directive (EU) 2022/2555) Article 23(5)',
      'https://www.europol.europa.eu/about-europol/european-cybercrime-centre-ec3',
      'Germany is an EU member state; Custos has no national contact of its own for it.',
      'Custos has no contact details for Japan.',
      'Sources:',
    ]) {
      expect(text).toContain(fact);
    }
    expect(doc.coverLines).toContain('To be filed in: United States, United Kingdom, Germany, Japan');
  });

  it('still says what it withholds when only some sections are chosen', () => {
    const doc = docFor(b, { kind: 'law-enforcement', sections: ['evidence', 'summary'] });
    expect(doc.sections.map((s) => s.id)).toEqual(['summary', 'evidence']);
    expect(noticeTexts(doc)[0]).toContain('2 privileged notes (not part of this referral)');
  });
});

describe('the executive brief', () => {
  it('gives status, key dates, actions, decisions and clocks in a few rows each', () => {
    const doc = docFor(b, { kind: 'executive' });
    expect(doc.sections.map((s) => s.id)).toEqual(['status', 'dates', 'actions', 'decisions', 'clocks']);
    const status = blocksOf(section(doc, 'status'), 'facts')[0]!.rows;
    expect(status).toContainEqual(['Status', 'open · severity high · TLP:AMBER']);
    expect(status).toContainEqual(['In the case', '8 events · 3 exhibits · 4 subjects · 6 indicators · 2 demands']);
    const dates = blocksOf(section(doc, 'dates'), 'table')[0]!.rows;
    expect(dates).toContainEqual(['2026-10-31', 'Jin-ho Park (Hired worker) terminated']);
    expect(dates).toContainEqual(['2026-10-30 13:14 UTC (22:14 Asia/Seoul +09:00)', 'The organisation became aware']);
    expect(dates.map((r) => r[1])).toContainEqual(
      'Deadline of the demand for 0.5 BTC: Publish the payments-service source code (open)',
    );
    const actions = blocksOf(section(doc, 'actions'), 'table')[0]!.rows;
    expect(actions[0]![0]).toBe('Termination and access revocation of a suspected DPRK IT worker');
    expect(json(section(doc, 'actions'))).toContain('Access inventory: 1 of 2 accounts, keys and devices closed');
    const decisions = blocksOf(section(doc, 'decisions'), 'table')[0]!.rows;
    expect(decisions[0]![0]).toBe('Do not pay');
    expect(decisions[0]![3]).toContain('Signed off by A. Smith');
    const clocks = blocksOf(section(doc, 'clocks'), 'table')[0]!.rows;
    // The most pressing first: overdue before submitted.
    expect(clocks.map((r) => r[1])).toEqual(['OVERDUE', 'OVERDUE', 'Submitted']);
    expect(json(doc)).not.toContain(PRIVILEGED);
  });
});

describe('the evidence and custody report', () => {
  it('prints one form per exhibit, each on a new page, with the custody fields, events and signature lines', () => {
    const doc = docFor(b, { kind: 'custody', exclude: [`evidence:${b.ids.contract.id}`] });
    expect(doc.sections.map((s) => [s.id, s.title, s.newPage])).toEqual([
      ['forms-E-0001', 'Custody form — E-0001', true],
      ['forms-E-0002', 'Custody form — E-0002', true],
    ]);
    const laptop = doc.sections[1]!;
    const facts = new Map(blocksOf(laptop, 'facts').flatMap((f) => f.rows));
    expect(facts.get('Case reference')).toBe('IR-2026-014');
    expect(facts.get('Exhibit number')).toBe('IR-2026-014/E-0002');
    expect(facts.get('Make')).toBe('Lenovo');
    expect(facts.get('Model')).toBe('ThinkPad T14');
    expect(facts.get('Serial number')).toBe('PF3ABC12');
    expect(facts.get('Custodian')).toBe('Jürgen Müller');
    expect(facts.get('Acquired by')).toBe('Dana Whitfield, Incident responder, Northwind Security');
    expect(facts.get('Acquired at')).toBe('2026-11-02 21:30 UTC (15:30 America/Chicago -06:00)');
    expect(facts.get('Legal basis')).toBe('Company property');
    expect(facts.get('SHA-256')).toBe('— (physical item: no bytes)');
    expect(facts.get('Seal or bag number')).toBe('SEAL-0102');
    expect(facts.get('Legal holds')).toContain('On the whole case: Litigation expected');
    expect(facts.get('Disposal')).toBe('Not disposed of');
    const chatFacts = new Map(blocksOf(doc.sections[0]!, 'facts').flatMap((f) => f.rows));
    expect(chatFacts.get('SHA-256')).toBe(b.ids.chat.sha256);
    expect(chatFacts.get('Witness')).toBe('R. Osei');
    const [custody] = blocksOf(laptop, 'table');
    expect(custody!.columns.map((c) => c.title)).toEqual([
      'Time (UTC, as entered)',
      'Event',
      'Released by → received by',
      'Purpose and details',
      'From → to',
      'Seal before → after',
      'Hash verified?',
      'Recorded by',
    ]);
    expect(custody!.rows).toHaveLength(2);
    expect(blocksOf(laptop, 'signatures')).toEqual([{ type: 'signatures', roles: ['Released by', 'Received by'] }]);
    expect(json(doc)).not.toContain('E-0003');
    expect(noticeTexts(doc)[0]).toContain('1 exhibit left out by the examiner (Custody forms)');
  });
});

describe('the termination checklist', () => {
  it('prints the run blank for the meeting: every box empty, lines to write who and when', () => {
    const doc = docFor(b, { kind: 'checklist', checklistMode: 'blank' });
    const run = section(doc, 'run');
    const lists = blocksOf(run, 'checklist');
    expect(lists.length).toBeGreaterThan(1);
    const items = lists.flatMap((l) => l.items);
    expect(items).toHaveLength(b.ids.run.steps.length);
    expect(items.every((i) => i.done === null && i.detail?.includes('Done by: ____'))).toBe(true);
    expect(blocksOf(run, 'heading')[0]!.text).toBe('A. Covert preparation');
    const access = blocksOf(run, 'table')[0]!;
    expect(access.rows[0]).toEqual(['GitHub', 'jpark-dev', 'code', 'Engineering', '', '', '', '', '']);
  });

  it('prints it as done: ticked with who, when, outcome and proof, a privileged note never quoted', () => {
    const doc = docFor(b, { kind: 'checklist' });
    const items = blocksOf(section(doc, 'run'), 'checklist').flatMap((l) => l.items);
    const b4 = items.find((i) => i.text.startsWith('B4 '))!;
    expect(b4.done).toBe(true);
    expect(b4.detail).toContain('Done 2026-10-31 08:04 UTC (09:04 Europe/Berlin +01:00) by Dana Whitfield');
    expect(b4.detail).toContain('Outcome: Removed from the GitHub org; 3 tokens revoked');
    expect(b4.detail).toContain('Proof: E-0001 Telegram chat with the demand; A privileged note');
    const a2 = items.find((i) => i.text.startsWith('A2 '))!;
    expect(a2).toMatchObject({
      done: false,
      detail: expect.stringMatching(/^Skipped .* by Dana Whitfield.*: Outside counsel already engaged$/),
    });
    expect(json(doc)).not.toContain(PRIVILEGED.slice(0, 30));
  });
});

describe('options', () => {
  it('refuses a section the kind does not have, naming the ones it has', () => {
    expect(() => docFor(b, { kind: 'executive', sections: ['status', 'notes'] })).toThrow(
      /"notes" is not a section of the Executive brief; its sections are: status, dates, actions, decisions, clocks/,
    );
  });

  it('passes over an item to leave out that the case no longer holds (removed since it was ticked)', () => {
    const stale = 'note:00000000-0000-4000-8000-000000000000';
    const withStale = docFor(b, { kind: 'counsel', exclude: [stale] });
    expect(withStale).toEqual(docFor(b, { kind: 'counsel' }));
  });

  it('prints no summary when the examiner cleared it, even if the case record has one', () => {
    const doc = docFor(b, { kind: 'law-enforcement', sections: ['summary'], summary: '' });
    expect(JSON.stringify(doc)).toContain('No summary was written');
  });

  it('says in a notice when neither the examiner nor the case record wrote a summary', () => {
    const { caseDb } = newCase(dir, {}, 'no-summary.custos');
    const doc = buildReportDoc(
      caseDb,
      optionsOf({ kind: 'law-enforcement', sections: ['summary'] }),
      contextOf(caseDb),
    );
    expect(noticeTexts(doc)).toEqual([
      'Nothing was withheld from this referral: the case holds no notes or decisions, and the examiner left nothing out.',
      'No summary was written: neither the examiner (custos report … --summary) nor the case record gave one.',
    ]);
    caseDb.close();
  });

  it('still reports on a case whose run was altered behind its back, saying what it could not read', () => {
    const made = newCase(dir, {}, 'altered-run.custos');
    const template = builtinPlaybooks().find((p) => p.file.startsWith('termination'))!.template;
    startRun(made.caseDb, made.ctx, template, { t0: '2026-10-31T09:00', zone: 'UTC', title: 'Altered' });
    made.caseDb.close();
    tamperCovered(made.path, "UPDATE playbook_run SET template_cacao = template_cacao || ' '");
    const caseDb = openCase(made.path);
    try {
      const doc = buildReportDoc(caseDb, optionsOf({ kind: 'counsel' }), contextOf(caseDb));
      expect(noticeTexts(doc).join('\n')).toMatch(/The run "Altered" \(.*\) could not be read: .*SHA-256/);
      expect(() => buildReportDoc(caseDb, optionsOf({ kind: 'checklist' }), contextOf(caseDb))).toThrow(
        /the run "Altered" cannot be printed/,
      );
    } finally {
      caseDb.close();
    }
  });

  it('asks which run to print when the case has several', () => {
    const { caseDb, ctx } = newCase(dir, {}, 'two-runs.custos');
    const template = builtinPlaybooks().find((p) => p.file.startsWith('termination'))!.template;
    const first = startRun(caseDb, ctx, template, { t0: '2026-10-31T09:00', zone: 'UTC', title: 'First' });
    startRun(caseDb, ctx, template, { t0: '2026-11-01T09:00', zone: 'UTC', title: 'Second' });
    const opts = optionsOf({ kind: 'checklist' });
    expect(() => buildReportDoc(caseDb, opts, contextOf(caseDb))).toThrow(
      /this case has 2 playbook runs; name the one to print with --run ID: .*"First".*"Second"/,
    );
    const chosen = buildReportDoc(caseDb, { ...opts, runId: first.run.id }, contextOf(caseDb));
    expect(chosen.coverLines[0]).toBe('First');
    caseDb.close();
  });
});

describe('items named on the command line (--exclude)', () => {
  it('takes kind:id, an exhibit number or a bare id, each checked against the case', () => {
    expect(resolveItemRef(b.caseDb, 'E-0003')).toBe(`evidence:${b.ids.contract.id}`);
    expect(resolveItemRef(b.caseDb, 'e-0002')).toBe(`evidence:${b.ids.laptop.id}`);
    expect(resolveItemRef(b.caseDb, b.ids.plain.id)).toBe(`note:${b.ids.plain.id}`);
    expect(resolveItemRef(b.caseDb, b.ids.recruiter.id.toUpperCase())).toBe(`subject:${b.ids.recruiter.id}`);
    expect(resolveItemRef(b.caseDb, `demand:${b.ids.other.id}`)).toBe(`demand:${b.ids.other.id}`);
    expect(resolveItemRef(b.caseDb, ` message:${b.ids.message.id} `)).toBe(`message:${b.ids.message.id}`);
  });

  it('refuses what names nothing, with the fix', () => {
    const code = (given: string) => {
      try {
        resolveItemRef(b.caseDb, given);
        return 'accepted';
      } catch (error) {
        return `${(error as { code: string }).code}: ${(error as Error).message}`;
      }
    };
    expect(code('E-0099')).toMatch(/^NOT_FOUND: there is no exhibit E-0099 in this case/);
    expect(code(`note:${b.ids.worker.id}`)).toMatch(/^NOT_FOUND: .*there is no note/);
    expect(code('00000000-0000-4000-8000-000000000000')).toMatch(/^NOT_FOUND: nothing in this case has the id/);
    expect(code('case:whatever')).toMatch(/^INVALID_INPUT: .*the kinds are event, note, evidence/);
    expect(code('the laptop')).toMatch(/^INVALID_INPUT: .*write kind:id/);
    expect(code(`event:${b.ids.removedEvent.id}`)).toMatch(/^INVALID_INPUT: .*was removed from the case/);
  });
});

describe('the preview', () => {
  const textOf = (ref: string): string => {
    const [kind, id] = ref.split(':') as [string, string];
    const s = b.ids;
    const pools: Record<string, Array<{ id: string; text: string }>> = {
      event: [s.hired, s.login, s.exfil, s.salary, s.hidden].map((e) => ({ id: e.id, text: e.title })),
      note: [
        { id: s.plain.id, text: PLAIN_NOTE },
        { id: s.privileged.id, text: PRIVILEGED },
      ],
      evidence: [s.chat, s.laptop, s.contract].map((e) => ({ id: e.id, text: e.description })),
      subject: [s.worker, s.facilitator, s.recruiter].map((x) => ({ id: x.id, text: x.name })),
      indicator: [s.email, s.wallet, s.secretIp].map((i) => ({ id: i.id, text: i.normalised })),
      message: [{ id: s.message.id, text: s.message.body }],
      demand: [s.demand, s.other].map((d) => ({ id: d.id, text: d.threat })),
    };
    return pools[kind]?.find((p) => p.id === id)?.text ?? '';
  };

  const agree = (preview: ReportPreview, doc: ReportDoc) => {
    const all = json(doc);
    let checked = 0;
    for (const s of preview.sections) {
      for (const item of s.items) {
        const text = item.ref ? textOf(item.ref) : '';
        if (!text) continue;
        checked += 1;
        if (item.included) {
          expect(all, `${item.ref} (${item.label}) is in the preview`).toContain(JSON.stringify(text).slice(1, -1));
        }
      }
    }
    for (const s of preview.sections) {
      for (const item of s.items.filter((i) => !i.included && i.ref)) {
        const text = textOf(item.ref!);
        // Left out here, and not printed in another section either.
        if (text && !preview.sections.some((o) => o.items.some((i) => i.ref === item.ref && i.included))) {
          expect(all, `${item.ref} (${item.label}) is left out`).not.toContain(JSON.stringify(text).slice(1, -1));
        }
      }
    }
    return checked;
  };

  it('lists every section with its items and refs, and agrees with the document', () => {
    const exclude = [`evidence:${b.ids.contract.id}`, `subject:${b.ids.recruiter.id}`, `event:${b.ids.hidden.id}`];
    for (const kind of ['counsel', 'law-enforcement', 'executive', 'custody'] as const) {
      const options = optionsOf({ kind, exclude });
      const preview = previewReport(b.caseDb, options, GENERATED_AT);
      const doc = buildReportDoc(b.caseDb, options, contextOf(b.caseDb));
      expect(preview.sections.map((s) => s.id)).toEqual([...REPORT_SECTIONS[kind]]);
      expect(agree(preview, doc)).toBeGreaterThan(kind === 'executive' ? 0 : 2);
    }
  });

  it('says why each item is out: privileged, left out by the examiner, or the section left out', () => {
    const preview = previewReport(
      b.caseDb,
      optionsOf({
        kind: 'law-enforcement',
        sections: ['summary', 'evidence', 'withheld'],
        exclude: [`evidence:${b.ids.contract.id}`],
      }),
      GENERATED_AT,
    );
    const evidence = preview.sections.find((s) => s.id === 'evidence')!;
    expect(evidence.items.find((i) => i.ref === `evidence:${b.ids.contract.id}`)).toEqual({
      ref: `evidence:${b.ids.contract.id}`,
      label: 'E-0003 Staffing agency contract (commercial)',
      included: false,
      reason: 'left out by the examiner',
    });
    const withheld = preview.sections.find((s) => s.id === 'withheld')!;
    expect(withheld.items.filter((i) => i.reason === 'privileged — never in a referral')).toHaveLength(2);
    expect(json(withheld)).not.toContain(PRIVILEGED);
    const timeline = preview.sections.find((s) => s.id === 'timeline')!;
    expect(timeline.included).toBe(false);
    expect(timeline.items.every((i) => !i.included && i.reason === 'section left out')).toBe(true);
    expect(preview.withheld).toEqual([
      { section: 'Notes', count: 2, reason: 'privileged — never in a referral' },
      { section: 'Notes', count: 1, reason: 'case notes are not part of a referral' },
      { section: 'Extortion record', count: 1, reason: "counsel's advice — not part of a referral" },
      { section: 'Evidence register', count: 1, reason: 'left out by the examiner' },
    ]);
  });
});

describe('determinism', () => {
  it('gives the same document for the same case, options and context', () => {
    for (const kind of ['counsel', 'law-enforcement', 'executive', 'custody', 'checklist'] as const) {
      const options = { kind, countries: ['US'] };
      expect(json(docFor(b, options))).toBe(json(docFor(b, options)));
    }
  });

  it('changes only time-dependent text when only the time of generation changes', () => {
    const later = '2026-11-05T13:30:00.000Z';
    const mask = (doc: ReportDoc, at: string) =>
      json({ ...doc, meta: { ...doc.meta, generatedAt: 'T' } })
        .replaceAll(`${at.slice(0, 10)} ${at.slice(11, 16)}`, 'T')
        .replace(/(in|OVERDUE by) \d+ (d|h|min)( \d+ (h|min))?/g, 'LEFT');
    for (const kind of ['counsel', 'executive', 'checklist'] as const) {
      const one = docFor(b, { kind });
      const two = docFor(b, { kind }, { generatedAt: later });
      expect(json(one)).not.toBe(json(two));
      expect(mask(two, later)).toBe(mask(one, GENERATED_AT));
    }
  });
});

describe('a section whose every item the examiner left out', () => {
  /** The refs of one kind of item the case holds, as the preview lists them. */
  const refs = (kind: string) =>
    previewReport(b.caseDb, optionsOf({ kind: 'counsel' }), GENERATED_AT)
      .sections.flatMap((s) => s.items)
      .map((i) => i.ref)
      .filter((ref): ref is string => ref !== null && ref.startsWith(`${kind}:`))
      .filter((ref, i, all) => all.indexOf(ref) === i);
  const emptyOf = (s: DocSection) => blocksOf(s, 'table').map((t) => t.empty);
  const paragraphsOf = (s: DocSection) => blocksOf(s, 'paragraph').map((p) => p.text);

  it('says they were left out, in every section of the counsel report, never that the case holds none', () => {
    const exclude = ['event', 'note', 'subject', 'indicator', 'evidence', 'message', 'demand'].flatMap(refs);
    const doc = docFor(b, { kind: 'counsel', exclude });
    expect(blocksOf(section(doc, 'timeline'), 'table')[0]!.rows).toEqual([]);
    expect(emptyOf(section(doc, 'timeline'))).toEqual(['No events are printed: 8 were left out by the examiner.']);
    expect(paragraphsOf(section(doc, 'notes'))).toEqual(['No notes are printed: 3 were left out by the examiner.']);
    expect(paragraphsOf(section(doc, 'subjects'))).toEqual([
      'No subjects are printed: 4 were left out by the examiner.',
    ]);
    expect(emptyOf(section(doc, 'indicators'))).toEqual([
      'No indicators are printed: 6 were left out by the examiner.',
    ]);
    const extortion = section(doc, 'extortion');
    expect(paragraphsOf(extortion)).toContain('The only extortion message was left out by the examiner.');
    expect(emptyOf(extortion)).toEqual([
      'No demands are printed: 2 were left out by the examiner.',
      'The only validation of the claims belongs to a demand left out by the examiner.',
    ]);
    expect(emptyOf(section(doc, 'evidence'))[0]).toBe('No exhibits are printed: 3 were left out by the examiner.');
    expect(paragraphsOf(section(doc, 'custody'))).toEqual([
      'No exhibits are printed: 3 were left out by the examiner.',
    ]);
    const said = json(doc);
    for (const none of ['No events are in the timeline', 'No notes are in the case', 'No subjects are in the case']) {
      expect(said).not.toContain(none);
    }
    for (const none of ['No indicators are in the case', 'No demands are recorded', 'No evidence is in the register']) {
      expect(said).not.toContain(none);
    }
  });

  it('says so in the referral, its intake form and the custody report too', () => {
    const referral = docFor(b, {
      kind: 'law-enforcement',
      exclude: [...refs('event'), ...refs('indicator'), ...refs('subject'), ...refs('demand')],
    });
    expect(emptyOf(section(referral, 'timeline'))).toEqual(['No events are printed: 8 were left out by the examiner.']);
    const payments = section(referral, 'payments');
    expect(emptyOf(payments)).toEqual([
      'The only demand naming a payment was left out by the examiner.',
      'No wallets or payment accounts are printed: 2 were left out by the examiner.',
      'The only payment in the timeline was left out by the examiner.',
    ]);
    const intake = new Map(blocksOf(section(referral, 'intake'), 'facts').flatMap((f) => f.rows));
    expect(intake.get('First malicious activity recorded')).toBe('Recorded, but left out by the examiner');
    expect(intake.get('Detected')).toBe('Recorded, but left out by the examiner');
    expect(intake.get('Worker terminated')).toBe('Recorded, but left out by the examiner');
    expect(intake.get('Data taken (timeline)')).toBe('The only exfiltration event was left out by the examiner.');
    expect(intake.get('Demanded')).toBe('The only demand naming a payment was left out by the examiner.');
    expect(intake.get('Wallets and accounts')).toBe(
      'No wallets or payment accounts are printed: 2 were left out by the examiner.',
    );
    expect(intake.get('Payments (timeline)')).toBe('The only payment in the timeline was left out by the examiner.');
    expect(intake.get('Names and aliases')).toBe('No subjects are printed: 4 were left out by the examiner.');
    expect(intake.get('E-mail addresses')).toBe('The only identifier was left out by the examiner.');
    expect(paragraphsOf(section(referral, 'subjects'))).toEqual([
      'No subjects are printed: 4 were left out by the examiner.',
    ]);

    const custody = docFor(b, { kind: 'custody', exclude: refs('evidence') });
    expect(custody.sections.flatMap(paragraphsOf)).toEqual([
      'No exhibits are printed: 3 were left out by the examiner.',
    ]);
  });

  it('says "the only one" when the case held one', () => {
    const { caseDb, ctx } = newCase(dir, {}, 'one-event.custos');
    try {
      const event = addTimelineEvent(
        caseDb,
        ctx,
        TimelineDraft.parse({ at: '2026-10-30T10:00', zone: 'UTC', title: 'Alone' }),
      );
      const doc = buildReportDoc(
        caseDb,
        optionsOf({ kind: 'counsel', exclude: [`event:${event.id}`] }),
        contextOf(caseDb),
      );
      expect(emptyOf(section(doc, 'timeline'))).toEqual(['The only timeline event was left out by the examiner.']);
      // Nothing left out, nothing there: the case holds none.
      const empty = buildReportDoc(caseDb, optionsOf({ kind: 'law-enforcement' }), contextOf(caseDb));
      expect(emptyOf(section(empty, 'indicators'))).toEqual(['No indicators are in this referral.']);
    } finally {
      caseDb.close();
    }
  });
});

describe('reading the case', () => {
  it("reads the custody of every exhibit in one query, each item's events in time order", () => {
    // The real connection, watched: every query the report makes of the custody table is counted.
    const watched = b.caseDb as { statement: CaseDb['statement'] };
    const statement = watched.statement;
    const custodyQueries: string[] = [];
    watched.statement = (sql) => {
      if (sql.includes('custody_event')) custodyQueries.push(sql);
      return statement(sql);
    };
    let doc: ReportDoc;
    try {
      doc = docFor(b, { kind: 'custody' });
    } finally {
      watched.statement = statement;
    }
    expect(custodyQueries).toHaveLength(1);
    const laptop = section(doc, 'forms-E-0002');
    const events = blocksOf(laptop, 'table')[0]!.rows.map((r) => r[1]);
    expect(events).toEqual(['Acquisition', 'Transfer']);
    expect(blocksOf(section(doc, 'forms-E-0001'), 'table')[0]!.rows.map((r) => r[1])).toEqual(['Acquisition']);
  });
});

/** A case that has run for months: hundreds of events, every clock on, dozens of demands and decisions. */
function buildBigCase(dir: string) {
  const { caseDb, ctx } = newCase(
    dir,
    { awareAt: '2026-09-01T09:00', awareZone: 'Europe/Berlin', summary: 'A long extortion campaign.' },
    'big.custos',
  );
  for (let i = 0; i < 320; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (Math.floor(i / 28) % 9)).padStart(2, '0');
    addTimelineEvent(
      caseDb,
      ctx,
      TimelineDraft.parse({
        at: `2026-${month}-${day}T10:${String(i % 60).padStart(2, '0')}`,
        zone: 'UTC',
        title: `Event number ${i}`,
      }),
    );
  }
  for (const rule of clockRules().map((r) => r.id)) setClock(caseDb, ctx, ClockSetRequest.parse({ ruleId: rule }));
  for (let i = 0; i < 30; i += 1) {
    const demand = addDemand(
      caseDb,
      ctx,
      DemandDraft.parse({
        amount: String(i + 1),
        asset: 'USDT',
        deadline: `2026-10-${String(1 + i).padStart(2, '0')}T12:00`,
        zone: 'UTC',
        threat: `Threat number ${i}`,
      }),
    );
    if (i < 12) {
      decide(
        caseDb,
        ctx,
        DecisionDraft.parse({
          demandId: demand.id,
          decision: 'do-not-pay',
          reasons: 'No',
          decidedBy: 'Board',
          at: '2026-10-02T10:00',
          zone: 'UTC',
        }),
      );
    }
  }
  addSubject(
    caseDb,
    ctx,
    SubjectDraft.parse({ name: '김정호', role: 'worker', hiredOn: '2026-01-05', terminatedOn: '2026-09-02' }),
  );
  // Several playbook runs, as a case of months has: the built-in playbooks, each run more than once.
  const playbooks = builtinPlaybooks();
  for (let i = 0; i < 8; i += 1) {
    startRun(caseDb, ctx, playbooks[i % playbooks.length]!.template, { t0: '2026-09-02T09:00', zone: 'Europe/Berlin' });
  }
  return caseDb;
}

describe('a big case', () => {
  let big: CaseDb;
  beforeAll(() => {
    big = buildBigCase(dir);
  }, 120_000);
  afterAll(() => big.close());

  it('keeps the executive brief short: at most 6 rows a list, the rest counted and sent to the counsel report', () => {
    const doc = buildReportDoc(big, optionsOf({ kind: 'executive' }), contextOf(big));
    expect(doc.layout).toBe('brief');
    for (const s of doc.sections) {
      for (const table of blocksOf(s, 'table')) expect(table.rows.length, s.id).toBeLessThanOrEqual(6);
    }
    expect(json(section(doc, 'dates'))).toMatch(/and \d+ more dates — see the counsel report/);
    expect(json(section(doc, 'decisions'))).toContain('and 6 more decisions — see the counsel report');
    expect(json(section(doc, 'clocks'))).toContain('and 7 more clocks — see the counsel report');
    expect(json(section(doc, 'actions'))).toContain('and 2 more runs — see the counsel report');
    const preview = previewReport(big, optionsOf({ kind: 'executive' }), GENERATED_AT);
    const decisions = preview.sections.find((x) => x.id === 'decisions')!;
    expect(decisions.items.filter((i) => i.included)).toHaveLength(6);
    expect(decisions.items.filter((i) => !i.included).every((i) => i.reason?.includes('counsel report'))).toBe(true);
    expect(preview.withheld).toEqual([]);
  });

  // The issue: "Executive brief: at most two pages". The brief layout (a title block at the top of
  // page 1, no cover or contents page, a compact verification block) and the lists cut to six rows
  // fit a case of months: 320 events, every clock on, 30 demands, 12 decisions, several runs.
  it('prints the executive brief of a big case on at most two pages', async () => {
    const doc = buildReportDoc(big, optionsOf({ kind: 'executive' }), contextOf(big));
    const rendered = renderReportPdf(doc);
    expect(rendered.pages).toBeLessThanOrEqual(2);
    const pages = await pdfPages(rendered.bytes);
    const all = pages.join('\n');
    for (const title of [
      '1 Status',
      '2 Key dates',
      '3 Actions taken',
      '4 Decisions',
      '5 Notification clocks',
      '6 Verification',
    ]) {
      expect(all.split('\n')).toContain(title);
    }
    expect(pages[0]).toContain('1 Status');
    expect(all).toContain('and 7 more clocks — see the counsel report');
    pages.forEach((text, i) => expect(text).toContain(`page ${i + 1} of ${pages.length}`));
  });

  it('lists the first 200 items of a long section in the preview and counts the rest', () => {
    const preview = previewReport(big, optionsOf({ kind: 'counsel' }), GENERATED_AT);
    const timeline = preview.sections.find((x) => x.id === 'timeline')!;
    expect(timeline.items).toHaveLength(200);
    expect(timeline.more).toBe(120);
    const doc = buildReportDoc(big, optionsOf({ kind: 'counsel' }), contextOf(big));
    expect(blocksOf(section(doc, 'timeline'), 'table')[0]!.rows).toHaveLength(320);
  });
});

describe('times as entered', () => {
  it('gives the wall clock of the zone across its clock changes, on the hour or not', () => {
    const zones = ['Europe/Berlin', 'America/Chicago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns'];
    // Two days around each zone's 2026 changes (Lord Howe moves by 30 minutes, at 02:00 local).
    const windows = [
      '2026-03-28T00:00:00.000Z',
      '2026-04-04T00:00:00.000Z',
      '2026-10-03T00:00:00.000Z',
      '2026-10-24T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
    ];
    for (const zone of zones) {
      for (const from of windows) {
        for (let t = Date.parse(from); t < Date.parse(from) + 2 * 86_400_000; t += 7 * 60_000) {
          const utc = new Date(t).toISOString();
          const expected = formatInZone(utc, zone);
          const time = expected.time.endsWith(':00') ? expected.time.slice(0, 5) : expected.time;
          expect(enteredText(utc, zone)).toBe(`${expected.date} ${time} ${zone} ${expected.offset}`);
        }
      }
    }
  });
});

describe('as printed (PDF text)', () => {
  const text = async (doc: ReportDoc) => {
    const rendered = renderReportPdf(doc);
    const pages = await pdfPages(rendered.bytes);
    return { pages, all: pages.join('\n'), flat: pages.join(' ').replace(/\s+/g, ' ') };
  };

  it('prints the referral with its withheld counts, the names intact, and never a privileged note', async () => {
    const { pages, all, flat } = await text(docFor(b, { kind: 'law-enforcement', countries: ['GB'] }));
    expect(all).toContain('2 privileged notes (not part of this referral)');
    expect(all).toContain('1 other note (a referral carries no case notes)');
    for (const name of ['Jürgen Müller', 'João Gonçalves', '김정호', 'Ярослав Коваленко', 'Łukasz Wiśniewski']) {
      expect(all).toContain(name);
    }
    for (const secret of ['OFAC self-disclosure', 'draft wording for the regulator', 'staffing agency; they confirm']) {
      expect(flat).not.toContain(secret);
    }
    expect(flat).toContain(b.ids.chat.sha256!.slice(0, 16));
    expect(flat).toContain('0300 123 2040');
    expect(pages[0]).toContain('Law-enforcement referral');
    expect(pages.at(-1)).toContain(`page ${pages.length} of ${pages.length}`);
  });

  it('prints the privileged notes in the counsel report, under its privilege banner', async () => {
    const { pages, flat } = await text(docFor(b, { kind: 'counsel' }));
    expect(flat).toContain('OFAC self-disclosure');
    expect(pages[1]).toContain('Attorney–client privileged — prepared at the direction of Hollis & Rowe');
  });

  it('prints each custody form on one page, its signature lines included', async () => {
    const rendered = renderReportPdf(docFor(b, { kind: 'custody' }));
    if (process.env['CUSTOS_LOOK']) writeFileSync(process.env['CUSTOS_LOOK'], rendered.bytes);
    const pages = await pdfPages(rendered.bytes);
    for (const exhibit of ['E-0001', 'E-0002', 'E-0003']) {
      const form = pages.filter((p) => p.includes(`Custody form — ${exhibit}`) && !p.includes('Contents'));
      expect(form, exhibit).toHaveLength(1);
      const lines = form[0]!.split('\n');
      expect(lines, exhibit).toContain('Next hand-over');
      expect(lines, exhibit).toContain('Released by Received by');
      expect(lines, exhibit).toContain('Signature Signature');
    }
    // Cover, contents, a page a form, verification.
    expect(pages).toHaveLength(6);
  });

  it('prints the executive brief under a title block, no cover or contents page, on at most two pages', async () => {
    const { pages, flat } = await text(docFor(b, { kind: 'executive' }));
    expect(pages.length).toBeLessThanOrEqual(2);
    const first = pages[0]!.split('\n');
    expect(first[0]).toBe('TLP:AMBER Confidential — for the board and executive management');
    expect(first[1]).toBe('Executive brief');
    expect(first).toContain('1 Status');
    expect(flat).not.toContain('Contents');
    expect(flat).toContain('Report ID 0f6a4c4e-5d1b-4f7e-9f55-3a3c1c2b9d10');
    expect(flat).toContain('Verification before generating Passed — Intact: 60 audit entries — Audit chain: pass');
    expect(flat).toContain('To check: custos report verify CASE THIS.pdf');
  });

  it('prints the blank checklist with no tick and the done one with the steps recorded', async () => {
    const blank = await text(docFor(b, { kind: 'checklist', checklistMode: 'blank' }));
    expect(blank.all).toContain('Done by: ____');
    expect(blank.flat).not.toContain('Removed from the GitHub org');
    const done = await text(docFor(b, { kind: 'checklist' }));
    expect(done.flat).toContain('Outcome: Removed from the GitHub org; 3 tokens revoked');
    expect(done.flat).not.toContain('OFAC self-disclosure');
  });
});

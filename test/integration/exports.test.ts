import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CustodyTransferDraft,
  FileEvidenceDraft,
  PhysicalEvidenceDraft,
  TextEvidenceDraft,
} from '../../shared/domain/evidence.ts';
import { IndicatorDraft } from '../../shared/domain/indicator.ts';
import type { IndicatorDraft as IndicatorInput } from '../../shared/domain/indicator.ts';
import { ExportOptions } from '../../shared/domain/report.ts';
import { SubjectDraft, SubjectLinkDraft } from '../../shared/domain/subject.ts';
import type { SubjectDraft as SubjectInput } from '../../shared/domain/subject.ts';
import { TimelineDraft } from '../../shared/domain/timeline.ts';
import type { TimelineDraft as TimelineInput } from '../../shared/domain/timeline.ts';
import { parseCsv } from '../../shared/logic/csv.ts';
import { csvFiles } from '../../electron/core/exports/csv.ts';
import type { ExportFile } from '../../electron/core/exports/csv.ts';
import { bundleProblems, stixBundle, stixFile } from '../../electron/core/exports/stix.ts';
import type { StixBundle } from '../../electron/core/exports/stix.ts';
import type { StixObject } from '../../electron/core/exports/stixDefinitions.ts';
import { sdoId } from '../../electron/core/exports/stixIds.ts';
import { comparisonsOf, parsePattern } from '../../electron/core/exports/stixPattern.ts';
import { builtinPlaybooks } from '../../electron/core/playbooks/builtins.ts';
import { addFileEvidence } from '../../electron/core/services/evidence/addFile.ts';
import { addPhysicalEvidence, addTextEvidence } from '../../electron/core/services/evidence/addOther.ts';
import { transferCustody } from '../../electron/core/services/evidence/custody.ts';
import { writeExport } from '../../electron/core/services/exports.ts';
import {
  addIndicator,
  editIndicator,
  listIndicatorRows,
  removeIndicator,
} from '../../electron/core/services/indicators.ts';
import { changeStep, startRun } from '../../electron/core/services/playbooks.ts';
import { addSubject, linkSubject, listSubjects, removeSubject } from '../../electron/core/services/subjects.ts';
import { addTimelineEvent, removeTimelineEvent } from '../../electron/core/services/timeline.ts';
import { listOutputs } from '../../electron/core/store/tables/outputs.ts';
import { newCase, tempDir } from '../helpers/tempCase.ts';

// Issue 11, the exports: the CSV tables and the STIX 2.1 bundle of a case with subjects in Hangul,
// Cyrillic and Latin with diacritics, an indicator of every type, evidence with a custody hand-over
// and a playbook run. The CSV is read back with the project's RFC 4180 parser; the bundle is held,
// object by object, to the official OASIS schemas by a JSON Schema 2020-12 validator of its own.

/**
 * The case the export tests read: a DPRK IT-worker case with subjects named in Hangul, Cyrillic and
 * Latin with diacritics, an indicator of every type Custos has (and the published STIX vectors
 * among them), evidence of each kind with a custody hand-over, a termination run with a step done,
 * timeline events whose titles a spreadsheet would run as formulas, and one removed row of each
 * removable kind. Built through the services, as the app and the CLI build it.
 */

const FORMULA_TITLES = ['=1+1', '+SUM(A1:A2)', '-2+3', '@SUM(1,2)'] as const;
/** Starting with a tab or a carriage return: text() trims them from typed input, a foreign file may not. */
const RAW_TITLES = ['\tcmd|/C calc', '\r=HYPERLINK("http://evil.example")', '  =lead space'] as const;

async function exportsCase(dir: string) {
  const { caseDb, ctx, path } = newCase(dir, {
    title: 'DPRK IT worker — 김정호 (Kim Jong-ho)',
    reference: 'IR-2026-014',
    summary: 'A contractor hired as "Jin-ho Park" was a DPRK IT worker; after termination he demanded 0.5 BTC.',
    tlp: 'AMBER',
  });
  const subject = (draft: SubjectInput) => addSubject(caseDb, ctx, SubjectDraft.parse(draft));
  const kim = subject({
    name: '김정호',
    role: 'worker',
    aliases: ['Kim Jong-ho', 'Jin-ho Park'],
    claimedName: 'Jin-ho Park',
    claimedNationality: 'South Korean',
    verifiedLocation: 'Shenyang (VPN exit analysis)',
    identityVerdict: 'false',
    hiredOn: '2026-03-02',
    terminatedOn: '2026-11-28',
    manager: 'R. Osei',
    tlp: 'RED',
  });
  const yaroslav = subject({ name: 'Ярослав Коваленко', role: 'facilitator', aliases: ['Yaroslav K.'], tlp: 'AMBER' });
  const joao = subject({ name: 'João Gonçalves', role: 'laptop-farm-host', claimedLocation: 'Lisbon', tlp: 'GREEN' });
  const jurgen = subject({
    name: 'Jürgen Müller',
    role: 'reference',
    claimedName: 'Jürgen Müller',
    findings: 'Reference phone number answered by the worker himself',
    tlp: 'AMBER',
  });
  const lukasz = subject({ name: 'Łukasz Wiśniewski Sp. z o.o.', kind: 'organisation', role: 'agency', tlp: 'CLEAR' });
  const gone = subject({ name: 'Removed Person', role: 'other' });
  removeSubject(caseDb, ctx, gone.id);
  linkSubject(
    caseDb,
    ctx,
    SubjectLinkDraft.parse({
      subjectId: joao.id,
      targetType: 'subject',
      targetId: kim.id,
      relation: 'received the laptop for',
      confidence: 'high',
    }),
  );

  const indicator = (draft: IndicatorInput) => addIndicator(caseDb, ctx, IndicatorDraft.parse(draft)).indicator;
  const kimOnly = { subjectIds: [kim.id] };
  const ind = {
    email: indicator({ type: 'email', value: 'evil@decryptyourstuff.zip', ...kimOnly, tlp: 'RED', confidence: 'high' }),
    email2: indicator({
      type: 'email',
      value: 'J.Park.Dev@Proton.me',
      firstSeen: '2026-03-01T09:00',
      lastSeen: '2026-11-28T17:30',
      zone: 'Asia/Seoul',
      notes: '=HYPERLINK("http://evil.example","click") seen in the CV',
      ...kimOnly,
    }),
    phone: indicator({ type: 'phone', value: '+82 10-1234-5678', subjectIds: [kim.id, jurgen.id] }),
    ipv4: indicator({ type: 'ip', value: '203.0.113.45', firstSeen: '2026-11-29T03:00Z', tlp: 'GREEN' }),
    ipv6: indicator({ type: 'ip', value: '2001:0db8:0000:0000:0000:0000:0000:0001' }),
    domain: indicator({ type: 'domain', value: 'leaks.example.net', confidence: 'confirmed' }),
    url: indicator({ type: 'url', value: 'http://leaks.example.net/victim/acme' }),
    github: indicator({ type: 'username', platform: 'github', value: 'https://github.com/JPark-Dev', ...kimOnly }),
    quoted: indicator({ type: 'username', platform: 'telegram', value: "@o'neil\\ops", subjectIds: [yaroslav.id] }),
    btc: indicator({
      type: 'btc',
      value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      ...kimOnly,
      tlp: 'AMBER+STRICT',
    }),
    eth: indicator({ type: 'eth', value: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' }),
    tron: indicator({ type: 'tron', value: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t' }),
    xmr: indicator({
      type: 'wallet',
      platform: 'xmr',
      value: '4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge',
    }),
    iban: indicator({ type: 'iban', value: 'GB82 WEST 1234 5698 7654 32', subjectIds: [lukasz.id] }),
    payoneer: indicator({ type: 'payment-account', platform: 'payoneer', value: 'jpark.pay@proton.me' }),
    postal: indicator({ type: 'postal-address', value: '12 Laptop Farm Lane\nSpringfield', subjectIds: [joao.id] }),
    serial: indicator({ type: 'device-serial', value: 'C02X-K1ZZ-JGH5' }),
    mac: indicator({ type: 'mac', value: 'A1-B2-C3-D4-E5-F6' }),
    host: indicator({ type: 'hostname', value: 'LAPTOP-7F3K' }),
    fqdn: indicator({ type: 'hostname', value: 'kvm.farm.example.net' }),
    anydesk: indicator({ type: 'remote-tool', platform: 'anydesk', value: '123 456 789', subjectIds: [joao.id] }),
    sha256: indicator({
      type: 'file-hash',
      value: '9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08',
    }),
    md5: indicator({ type: 'file-hash', value: 'd41d8cd98f00b204e9800998ecf8427e' }),
  };
  const removedIndicator = indicator({ type: 'domain', value: 'removed.example.org' });
  removeIndicator(caseDb, ctx, removedIndicator.id);

  const event = (draft: TimelineInput) => addTimelineEvent(caseDb, ctx, TimelineDraft.parse(draft));
  const hired = event({
    at: '2026-10-30T22:14',
    zone: 'Asia/Seoul',
    title: 'Offer accepted by "Jin-ho Park", 김정호',
    description: 'Signed, with a comma, and\na second line',
    source: 'HR system',
    category: 'hiring',
  });
  for (const [i, title] of FORMULA_TITLES.entries()) {
    event({ at: `2026-11-0${i + 1}T10:00`, zone: 'Europe/Berlin', title, category: 'other' });
  }
  // What a file written by another tool could hold: the services store it as given.
  for (const [i, title] of RAW_TITLES.entries()) {
    addTimelineEvent(caseDb, ctx, {
      at: `2026-11-1${i}T10:00`,
      zone: '+09:00',
      title,
      description: '',
      source: '',
      category: 'other',
    });
  }
  event({ at: '2026-11-20T10:00Z', title: 'Safe - a dash not at the start', category: 'other' });
  const removedEvent = event({ at: '2026-11-21T10:00Z', title: 'Removed event', category: 'other' });
  removeTimelineEvent(caseDb, ctx, removedEvent.id);

  writeFileSync(join(dir, 'ransom-note.eml'), 'Pay 0.5 BTC to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq');
  const file = await addFileEvidence(
    caseDb,
    ctx,
    join(dir, 'ransom-note.eml'),
    FileEvidenceDraft.parse({
      description: 'Extortion e-mail from the worker',
      acquiredAt: '2026-11-30T14:05',
      acquiredZone: 'Europe/Berlin',
      md5: true,
      sha1: true,
      legalBasis: 'Employer system; works council informed',
    }),
  );
  const laptop = addPhysicalEvidence(
    caseDb,
    ctx,
    PhysicalEvidenceDraft.parse({
      description: 'Company laptop returned from the laptop farm',
      acquiredAt: '2026-11-28T16:00',
      acquiredZone: 'Europe/Berlin',
      make: 'Apple',
      model: 'MacBook Pro 14',
      serialNumber: 'C02XK1ZZJGH5',
      sealNumber: 'SEAL-0042',
      custodian: 'Łukasz Wiśniewski',
    }),
  );
  const chat = addTextEvidence(
    caseDb,
    ctx,
    TextEvidenceDraft.parse({
      description: 'Telegram message read aloud on the call',
      capturedText: 'Я знаю, где ваш исходный код. 72 часа.',
      method: 'Transcribed during the call',
      acquiredAt: '2026-11-30T15:00',
      acquiredZone: 'Europe/Kyiv',
    }),
  );
  const handOver = await transferCustody(
    caseDb,
    ctx,
    laptop.id,
    CustodyTransferDraft.parse({
      from: 'Dana Whitfield',
      to: 'Det. Ярослава Шевченко',
      purpose: 'Handed to police for imaging',
      fromLocation: 'Evidence safe, Berlin',
      toLocation: 'Police lab',
      sealBefore: 'SEAL-0042',
      sealAfter: 'SEAL-0043',
      at: '2026-12-01T10:30',
      zone: 'Europe/Berlin',
    }),
  );

  const termination = builtinPlaybooks().find((p) => p.file.startsWith('termination'))!.template;
  const run = startRun(caseDb, ctx, termination, { t0: '2026-11-28T09:00', zone: 'Europe/Berlin' });
  changeStep(caseDb, ctx, run.run.id, 'B4', {
    state: 'done',
    at: '2026-11-28T09:04',
    zone: 'Europe/Berlin',
    outcome: 'Removed from the org; 3 PATs revoked',
    proof: [file.exhibit],
  });
  changeStep(caseDb, ctx, run.run.id, 'A2', { state: 'skipped', reason: 'Outside counsel already engaged' });

  return {
    caseDb,
    ctx,
    path,
    subjects: { kim, yaroslav, joao, jurgen, lukasz, gone },
    ind,
    removedIndicator,
    hired,
    removedEvent,
    evidence: { file, laptop, chat },
    handOver,
    run,
  };
}

// ---- reading what was exported --------------------------------------------------------------------

const GENERATED_AT = '2026-12-02T08:00:00.000Z';
const ORGANISATION = 'Northwind Security';

let c: Awaited<ReturnType<typeof exportsCase>>;
let cleanup: () => void;
let dir: string;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  c = await exportsCase(dir);
}, 60_000);
afterAll(() => cleanup());

const text = (file: ExportFile) => Buffer.from(file.bytes).toString('utf8');
const fileNamed = (files: ExportFile[], name: string) => files.find((f) => f.name === name)!;

/** A CSV file as objects keyed by its header, each cell as written (a neutralised cell keeps its quote). */
function rowsOf(file: ExportFile): Record<string, string>[] {
  const [header, ...records] = parseCsv(text(file)).map((r) => r.fields);
  for (const record of records) expect(record.length, file.name).toBe(header!.length);
  return records.map((fields) => Object.fromEntries(header!.map((name, i) => [name, fields[i]!])));
}

/** Every line break outside quoted fields is CRLF, and the file ends with one. */
function breaksAreCrlf(csv: string): boolean {
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\r' && csv[i + 1] !== '\n') return false;
    else if (!quoted && ch === '\n' && csv[i - 1] !== '\r') return false;
  }
  return csv.endsWith('\r\n');
}

describe('the CSV export', () => {
  it('writes the six tables, RFC 4180 with CRLF and every field quoted, no BOM unless asked', () => {
    const files = csvFiles(c.caseDb, { bom: false });
    expect(files.map((f) => f.name)).toEqual([
      'timeline.csv',
      'evidence.csv',
      'custody.csv',
      'indicators.csv',
      'subjects.csv',
      'playbook-steps.csv',
    ]);
    for (const file of files) {
      expect([...file.bytes.subarray(0, 3)], file.name).not.toEqual([0xef, 0xbb, 0xbf]);
      expect(breaksAreCrlf(text(file)), file.name).toBe(true);
      expect(text(file).split('\r\n')[0]).toMatch(/^"[a-z0-9_]+"(,"[a-z0-9_]+")*$/);
    }
    const withBom = csvFiles(c.caseDb, { bom: true });
    for (const [i, file] of withBom.entries()) {
      expect([...file.bytes.subarray(0, 3)], file.name).toEqual([0xef, 0xbb, 0xbf]);
      expect(Buffer.from(file.bytes.subarray(3)).equals(Buffer.from(files[i]!.bytes))).toBe(true);
    }
    expect(csvFiles(c.caseDb, { bom: false, tables: ['subjects', 'timeline'] }).map((f) => f.name)).toEqual([
      'timeline.csv',
      'subjects.csv',
    ]);
  });

  it('reads back to the same values: names in Hangul, Cyrillic and Latin, aliases, claims beside findings', () => {
    const rows = rowsOf(fileNamed(csvFiles(c.caseDb, { bom: false }), 'subjects.csv'));
    const expected = listSubjects(c.caseDb).map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      role: s.role,
      aliases: s.aliases.join('; '),
      claimed_name: s.claimedName,
      claimed_nationality: s.claimedNationality,
      claimed_location: s.claimedLocation,
      claimed_documents: s.claimedDocuments,
      verified_name: s.verifiedName,
      verified_nationality: s.verifiedNationality,
      verified_location: s.verifiedLocation,
      findings: s.findings,
      identity_verdict: s.identityVerdict,
      hired_on: s.hiredOn ?? '',
      started_on: s.startedOn ?? '',
      terminated_on: s.terminatedOn ?? '',
      manager: s.manager,
      tlp: s.tlp,
    }));
    expect(rows).toEqual(expected);
    expect(rows.map((r) => r.name)).toEqual([
      '김정호',
      'Ярослав Коваленко',
      'João Gonçalves',
      'Jürgen Müller',
      'Łukasz Wiśniewski Sp. z o.o.',
    ]);
    expect(rows[0]).toMatchObject({
      aliases: 'Kim Jong-ho; Jin-ho Park',
      claimed_name: 'Jin-ho Park',
      hired_on: '2026-03-02',
    });
  });

  it('gives every time in UTC and as entered, with the offset and the zone', () => {
    const files = csvFiles(c.caseDb, { bom: false });
    const timeline = rowsOf(fileNamed(files, 'timeline.csv'));
    expect(timeline.find((r) => r.id === c.hired.id)).toEqual({
      id: c.hired.id,
      occurred_utc: '2026-10-30T13:14:00.000Z',
      occurred_as_entered: '2026-10-30 22:14:00 +09:00 Asia/Seoul',
      category: 'hiring',
      title: 'Offer accepted by "Jin-ho Park", 김정호',
      description: 'Signed, with a comma, and\na second line',
      source: 'HR system',
      created_utc: c.hired.createdAt,
      updated_utc: c.hired.updatedAt,
    });
    const custody = rowsOf(fileNamed(files, 'custody.csv'));
    expect(custody.find((r) => r.event_id === c.handOver.id)).toMatchObject({
      exhibit: c.evidence.laptop.exhibit,
      type: 'transfer',
      at_utc: '2026-12-01T09:30:00.000Z',
      at_as_entered: '2026-12-01 10:30:00 +01:00 Europe/Berlin',
      released_by: 'Dana Whitfield',
      received_by: 'Det. Ярослава Шевченко',
      seal_before: 'SEAL-0042',
      seal_after: 'SEAL-0043',
    });
    expect(custody.map((r) => r.exhibit)).toEqual(['E-0001', 'E-0002', 'E-0002', 'E-0003']);
    const evidence = rowsOf(fileNamed(files, 'evidence.csv'));
    expect(evidence.map((r) => [r.exhibit, r.kind, r.acquired_as_entered])).toEqual([
      ['E-0001', 'file', '2026-11-30 14:05:00 +01:00 Europe/Berlin'],
      ['E-0002', 'physical', '2026-11-28 16:00:00 +01:00 Europe/Berlin'],
      ['E-0003', 'text', '2026-11-30 15:00:00 +02:00 Europe/Kyiv'],
    ]);
    expect(evidence[0]).toMatchObject({
      original_name: 'ransom-note.eml',
      size_bytes: String(c.evidence.file.size),
      sha256: c.evidence.file.sha256,
      md5: c.evidence.file.md5,
      sha1: c.evidence.file.sha1,
      storage: 'embedded',
      legal_basis: 'Employer system; works council informed',
      disposed: 'no',
    });
    expect(evidence[1]).toMatchObject({ serial_number: 'C02XK1ZZJGH5', seal_number: 'SEAL-0043', size_bytes: '' });
    const indicators = rowsOf(fileNamed(files, 'indicators.csv'));
    expect(indicators.find((r) => r.id === c.ind.email2.id)).toEqual({
      id: c.ind.email2.id,
      type: 'email',
      platform: '',
      canonical_value: 'j.park.dev@proton.me',
      value_as_entered: 'J.Park.Dev@Proton.me',
      first_seen_utc: '2026-03-01T00:00:00.000Z',
      first_seen_as_entered: '2026-03-01 09:00:00 +09:00 Asia/Seoul',
      last_seen_utc: '2026-11-28T08:30:00.000Z',
      last_seen_as_entered: '2026-11-28 17:30:00 +09:00 Asia/Seoul',
      confidence: 'medium',
      tlp: 'AMBER',
      subjects: '김정호',
      source_exhibit: '',
      notes: `'=HYPERLINK("http://evil.example","click") seen in the CV`,
    });
    const steps = rowsOf(fileNamed(files, 'playbook-steps.csv'));
    expect(steps.find((r) => r.step_code === 'B4')).toMatchObject({
      run_id: c.run.run.id,
      status: 'done',
      done_by: 'Dana Whitfield',
      done_utc: '2026-11-28T08:04:00.000Z',
      done_as_entered: '2026-11-28 09:04:00 +01:00 Europe/Berlin',
      outcome: 'Removed from the org; 3 PATs revoked',
      proof: `${c.evidence.file.exhibit} Extortion e-mail from the worker`,
    });
    expect(steps.find((r) => r.step_code === 'A2')).toMatchObject({
      status: 'skipped',
      reason: 'Outside counsel already engaged',
    });
    expect(steps.length).toBe(c.run.steps.length);
  });

  it("makes every cell a spreadsheet would run inert with a leading ', and leaves the rest as it was", () => {
    const timeline = rowsOf(fileNamed(csvFiles(c.caseDb, { bom: false }), 'timeline.csv'));
    const titles = timeline.map((r) => r.title);
    for (const title of [...FORMULA_TITLES, ...RAW_TITLES]) expect(titles).toContain(`'${title}`);
    expect(titles).toContain('Safe - a dash not at the start');
    // Nothing a spreadsheet reads as a formula is left at the start of any cell of any table.
    for (const file of csvFiles(c.caseDb, { bom: false })) {
      for (const row of rowsOf(file)) {
        for (const cell of Object.values(row)) {
          expect(cell, `${file.name}: ${cell}`).not.toMatch(/^(\s*[=+\-@]|[\t\r])/);
        }
      }
    }
    // The phone number keeps its digits, as text.
    const indicators = rowsOf(fileNamed(csvFiles(c.caseDb, { bom: false }), 'indicators.csv'));
    expect(indicators.find((r) => r.type === 'phone')).toMatchObject({
      canonical_value: "'+821012345678",
      value_as_entered: "'+82 10-1234-5678",
    });
  });

  it('leaves out what was removed from the case', () => {
    const files = csvFiles(c.caseDb, { bom: false });
    expect(rowsOf(fileNamed(files, 'timeline.csv')).map((r) => r.id)).not.toContain(c.removedEvent.id);
    expect(rowsOf(fileNamed(files, 'subjects.csv')).map((r) => r.id)).not.toContain(c.subjects.gone.id);
    const indicators = rowsOf(fileNamed(files, 'indicators.csv'));
    expect(indicators.map((r) => r.id)).not.toContain(c.removedIndicator.id);
    expect(indicators.length).toBe(listIndicatorRows(c.caseDb).length);
    expect(indicators.length).toBe(Object.keys(c.ind).length);
  });
});

// ---- STIX -----------------------------------------------------------------------------------------

const SCHEMAS = join(import.meta.dirname, '../../resources/standards/stix-2.1/schemas');
const BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';

/** The official schemas, loaded by their $id so every $ref resolves, in a validator of the test's own. */
function officialSchemas(): (file: string) => ValidateFunction {
  // Formats are annotations in 2020-12; the export's own check (bundleProblems) asserts them.
  const ajv = new Ajv2020.default({
    strict: false,
    allErrors: true,
    unicodeRegExp: false,
    formats: { uri: true, email: true, 'idn-hostname': true },
  });
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.json') ? [join(d, e.name)] : [],
    );
  const files = walk(SCHEMAS);
  expect(files.length).toBe(57);
  for (const file of files) ajv.addSchema(JSON.parse(readFileSync(file, 'utf8')) as object);
  return (file) => ajv.getSchema(`${BASE}${file}`)!;
}

const EXTENSION_TYPES = ['cryptocurrency-wallet', 'phone-number', 'bank-account'];
const SDO_DIR: Record<string, string> = {
  identity: 'sdos',
  incident: 'sdos',
  indicator: 'sdos',
  note: 'sdos',
  'observed-data': 'sdos',
  report: 'sdos',
  'threat-actor': 'sdos',
  relationship: 'sros',
  'marking-definition': 'common',
  'extension-definition': 'common',
};
function schemaFileOf(type: string): string {
  if (SDO_DIR[type]) return `${SDO_DIR[type]}/${type}.json`;
  if (EXTENSION_TYPES.includes(type)) return 'common/cyber-observable-core.json';
  return `observables/${type}.json`;
}

/** Objects published by others that the bundle carries as published: what they refer to is theirs. */
const EXTERNAL_REFS = new Set([
  'identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01',
  'identity--9779a2db-f98c-5f4b-8d08-8ee04e02dbb5',
  'marking-definition--60c0f466-511a-5419-9f7e-4814e696da40',
]);

function refsOf(object: StixObject): string[] {
  const refs: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (key.endsWith('_ref') && typeof value === 'string') refs.push(value);
    if (key.endsWith('_refs') && Array.isArray(value)) refs.push(...(value as string[]));
  }
  return refs;
}

describe('the STIX 2.1 bundle', () => {
  let bundle: StixBundle;
  let byId: Map<string, StixObject>;
  const ofType = (type: string) => bundle.objects.filter((o) => o.type === type);
  /** The STIX indicator of one of the case's indicators (its id is derived from the record's). */
  const indicatorOf = (key: keyof typeof c.ind) => byId.get(sdoId('indicator', c.ind[key].id))!;
  /** The observable an indicator stands on: through observed-data, or related directly. */
  const observableOfIndicator = (indicatorId: string): StixObject => {
    const rel = ofType('relationship').find(
      (r) =>
        r.source_ref === indicatorId && (r.relationship_type === 'based-on' || r.relationship_type === 'related-to'),
    )!;
    const target = byId.get(rel.target_ref as string)!;
    return target.type === 'observed-data' ? byId.get((target.object_refs as string[])[0]!)! : target;
  };

  beforeAll(() => {
    const file = stixFile(c.caseDb, { generatedAt: GENERATED_AT, organisation: ORGANISATION });
    expect(file.name).toBe('IR-2026-014.stix.json');
    bundle = JSON.parse(text(file)) as StixBundle;
    byId = new Map(bundle.objects.map((o) => [o.id, o]));
  });

  it('validates, every object against the official schema of its type, and as a bundle', () => {
    const schema = officialSchemas();
    const failures = bundle.objects.flatMap((o) => {
      const { id, type } = o;
      const validate = schema(schemaFileOf(type));
      return validate(o) ? [] : [`${id}: ${JSON.stringify(validate.errors?.slice(0, 3))}`];
    });
    expect(failures).toEqual([]);
    expect(bundle.objects.length).toBeGreaterThan(80);
    expect(schema('common/bundle.json')({ type: bundle.type, id: bundle.id })).toBe(true);
    // bundle.json lists the object types of an early draft: incident, note and extension-definition
    // are missing, and fall to its branch for custom objects, whose oneOf they fail by matching
    // both the SDO core and the SCO core. They pass their own schemas (above); everything else
    // passes the bundle schema as a whole.
    const whole = schema('common/bundle.json');
    expect(whole(bundle)).toBe(false);
    const refused = new Set((whole.errors ?? []).map((e) => Number(e.instancePath.split('/')[2])));
    expect(new Set([...refused].map((i) => bundle.objects[i]!.type))).toEqual(
      new Set(['incident', 'note', 'extension-definition']),
    );
    for (const i of refused) {
      expect(schema('common/core.json')(bundle.objects[i])).toBe(true);
      expect(schema('common/cyber-observable-core.json')(bundle.objects[i])).toBe(true);
    }
    const rest = bundle.objects.filter((_, i) => !refused.has(i));
    expect(whole({ ...bundle, objects: rest })).toBe(true);
    expect(bundleProblems(bundle)).toEqual([]);
  });

  it('refers only to objects it holds (or, for published definitions, their publishers)', () => {
    for (const object of bundle.objects) {
      for (const ref of refsOf(object)) {
        expect(byId.has(ref) || EXTERNAL_REFS.has(ref), `${object.id} → ${ref}`).toBe(true);
      }
    }
    expect(new Set(bundle.objects.map((o) => o.id)).size).toBe(bundle.objects.length);
    const report = ofType('report')[0]!;
    const inReport = new Set(report.object_refs as string[]);
    const outside = new Set(['report', 'marking-definition', 'extension-definition']);
    for (const o of bundle.objects) {
      if (outside.has(o.type) || o.id === report.created_by_ref) continue;
      expect(inReport.has(o.id), o.id).toBe(true);
    }
  });

  it('has a pattern for each indicator that parses and matches its observable', () => {
    const indicators = ofType('indicator');
    // Every indicator of the case but the three STIX has no type for.
    expect(indicators.length).toBe(Object.keys(c.ind).length - 3);
    for (const indicator of indicators) {
      expect(indicator).toMatchObject({
        pattern_type: 'stix',
        pattern_version: '2.1',
        created_by_ref: ofType('identity')[0]!.id,
      });
      const sco = observableOfIndicator(indicator.id);
      for (const comparison of comparisonsOf(parsePattern(indicator.pattern as string))) {
        if (comparison.kind !== 'test') throw new Error('only equality tests are written');
        expect(comparison.path.objectType, indicator.pattern as string).toBe(sco.type);
        const value = comparison.path.steps.reduce<unknown>(
          (at, step) => (at as Record<string, unknown>)['key' in step ? step.key : ''],
          sco,
        );
        expect(comparison.value, indicator.pattern as string).toEqual({ kind: 'string', value });
      }
    }
    expect(indicatorOf('quoted').pattern).toBe(
      "[user-account:account_type = 'telegram' AND user-account:account_login = 'o\\'neil\\\\ops']",
    );
    expect(indicatorOf('sha256').pattern).toBe(
      "[file:hashes.'SHA-256' = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08']",
    );
    const patterns = indicators.map((i) => i.pattern as string).join('\n');
    for (const absent of ['laptop farm', 'C02XK1ZZJGH5', 'laptop-7f3k', 'removed.example.org']) {
      expect(patterns).not.toContain(absent);
    }
    expect(ofType('note')[0]).toMatchObject({
      content: expect.stringContaining(
        'not in this bundle: 1 device serial number, 1 host name without a domain, 1 postal address',
      ) as unknown,
      object_refs: [ofType('incident')[0]!.id],
    });
  });

  it("gives observables the spec's deterministic ids, matching the published vectors", () => {
    const scoIds = new Set(bundle.objects.map((o) => o.id));
    for (const id of [
      'email-addr--872bd204-384b-548b-a2d2-24eee3b48fe8',
      'domain-name--e45555de-7c61-5c37-92ae-f9429022b0ba',
      'ipv4-addr--cb9d70c5-d244-531c-9efb-bcae57adc793',
      'url--70068e7d-353e-547d-986b-09342f784410',
      'cryptocurrency-wallet--e34f20ba-70dc-5159-8169-1f99977984ac',
      'mac-addr--f72d7d00-86bd-5cd2-8c86-52f7a83bef62',
    ]) {
      expect(scoIds.has(id), id).toBe(true);
    }
    expect(observableOfIndicator(indicatorOf('email').id).id).toBe('email-addr--872bd204-384b-548b-a2d2-24eee3b48fe8');
    expect(observableOfIndicator(indicatorOf('btc').id).id).toBe(
      'cryptocurrency-wallet--e34f20ba-70dc-5159-8169-1f99977984ac',
    );
  });

  it('marks every object with the official TLP 2.0 marking of its record, definitions included', () => {
    const official = new Map([
      ['CLEAR', 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487'],
      ['GREEN', 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'],
      ['AMBER', 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421'],
      ['AMBER+STRICT', 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003'],
      ['RED', 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1'],
    ]);
    const markings = ofType('marking-definition');
    expect(markings.map((m) => [m.name, m.id])).toEqual([...official].map(([tlp, id]) => [`TLP:${tlp}`, id]));
    for (const object of bundle.objects) {
      if (object.type === 'marking-definition') continue;
      if (object.type === 'extension-definition') continue;
      const refs = object.object_marking_refs as string[];
      expect(refs.length, object.id).toBe(1);
      expect([...official.values()], object.id).toContain(refs[0]);
    }
    const tlpOf = (o: StixObject) => [...official].find(([, id]) => id === (o.object_marking_refs as string[])[0])![0];
    expect(tlpOf(ofType('incident')[0]!)).toBe('AMBER');
    expect(tlpOf(indicatorOf('email'))).toBe('RED');
    expect(tlpOf(observableOfIndicator(indicatorOf('email').id))).toBe('RED');
    expect(tlpOf(indicatorOf('ipv4'))).toBe('GREEN');
    expect(tlpOf(indicatorOf('btc'))).toBe('AMBER+STRICT');
    const kim = ofType('threat-actor').find((o) => o.name === '김정호')!;
    expect(tlpOf(kim)).toBe('RED');
    // A relationship between records of two levels carries the stricter one.
    const laptopFor = ofType('relationship').find((r) => r.description === 'received the laptop for')!;
    expect(tlpOf(laptopFor)).toBe('RED');
  });

  it('declares wallets, phone numbers and IBANs as extension-defined observables, with their definitions', () => {
    const wallets = ofType('cryptocurrency-wallet');
    expect(wallets.map((w) => w.value).sort()).toEqual(
      [c.ind.btc, c.ind.eth, c.ind.tron, c.ind.xmr].map((i) => i.normalised).sort(),
    );
    const definitions = new Map(ofType('extension-definition').map((d) => [d.id, d]));
    for (const sco of [...wallets, ...ofType('phone-number'), ...ofType('bank-account')]) {
      const [id, extension] = Object.entries(sco.extensions as Record<string, { extension_type: string }>)[0]!;
      expect(extension).toEqual({ extension_type: 'new-sco' });
      const definition = definitions.get(id)!;
      expect(definition, sco.type).toMatchObject({
        spec_version: '2.1',
        extension_types: ['new-sco'],
        version: '1.0',
        created_by_ref: expect.stringMatching(/^identity--/) as unknown,
        schema: expect.stringContaining(`/scos/${sco.type}.json`) as unknown,
      });
      expect(typeof definition.name).toBe('string');
      expect(definition.created).toBe('2020-01-01T00:00:00.000Z');
      expect(definition.modified).toBe('2020-01-01T00:00:00.000Z');
    }
    expect(definitions.has('extension-definition--be78509e-6958-51b1-8b26-d17ee0eba2d7')).toBe(true);
    expect(definitions.has('extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d')).toBe(true);
    expect(ofType('phone-number')[0]).toMatchObject({ value: '821012345678' });
    expect(ofType('bank-account')[0]).toMatchObject({ iban: 'GB82WEST12345698765432' });
  });

  it('names the organisation, the incident and the subjects, and ties indicators to them', () => {
    expect(ofType('identity')[0]).toMatchObject({ name: ORGANISATION, identity_class: 'organization' });
    expect(ofType('incident')[0]).toMatchObject({
      name: 'DPRK IT worker — 김정호 (Kim Jong-ho)',
      description: expect.stringContaining('0.5 BTC') as unknown,
      external_references: [{ source_name: 'custos-case', external_id: 'IR-2026-014' }],
    });
    expect(ofType('threat-actor').map((t) => [t.name, t.aliases])).toEqual([
      ['김정호', ['Kim Jong-ho', 'Jin-ho Park']],
      ['Ярослав Коваленко', ['Yaroslav K.']],
      ['João Gonçalves', undefined],
    ]);
    expect(
      ofType('identity')
        .slice(1)
        .map((i) => [i.name, i.identity_class]),
    ).toEqual([
      ['Jürgen Müller', 'individual'],
      ['Łukasz Wiśniewski Sp. z o.o.', 'organization'],
    ]);
    // Claims and findings stay in the case: neither the claimed name nor the findings are exported.
    expect(JSON.stringify(bundle)).not.toContain('Reference phone number answered');
    expect(JSON.stringify(bundle)).not.toContain('Removed Person');
    const kim = ofType('threat-actor').find((t) => t.name === '김정호')!;
    const indicates = ofType('relationship').filter(
      (r) => r.relationship_type === 'indicates' && r.target_ref === kim.id,
    );
    expect(indicates.map((r) => r.source_ref).sort()).toEqual(
      (['email', 'email2', 'phone', 'github', 'btc'] as const).map((k) => indicatorOf(k).id).sort(),
    );
    const jurgen = ofType('identity').find((i) => i.name === 'Jürgen Müller')!;
    expect(ofType('relationship').filter((r) => r.target_ref === jurgen.id)).toMatchObject([
      { relationship_type: 'related-to', source_ref: indicatorOf('phone').id },
    ]);
    // Seen times become observed-data the indicator is based on.
    const based = ofType('relationship').find(
      (r) => r.source_ref === indicatorOf('email2').id && r.relationship_type === 'based-on',
    )!;
    expect(byId.get(based.target_ref as string)).toMatchObject({
      type: 'observed-data',
      first_observed: '2026-03-01T00:00:00.000Z',
      last_observed: '2026-11-28T08:30:00.000Z',
      number_observed: 1,
    });
    expect(indicatorOf('email2')).toMatchObject({
      valid_from: '2026-03-01T00:00:00.000Z',
      indicator_types: ['attribution'],
    });
    expect(indicatorOf('domain')).toMatchObject({ confidence: 100, indicator_types: ['malicious-activity'] });
  });

  it('gives the same ids, and the same bytes, when the same case is exported again', () => {
    const again = stixFile(c.caseDb, { generatedAt: GENERATED_AT, organisation: ORGANISATION });
    const first = stixFile(c.caseDb, { generatedAt: GENERATED_AT, organisation: ORGANISATION });
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    const later = stixBundle(c.caseDb, { generatedAt: '2026-12-24T18:00:00.000Z', organisation: ORGANISATION });
    expect(later.id).not.toBe(bundle.id);
    expect(later.objects.map((o) => o.id)).toEqual(bundle.objects.map((o) => o.id));
    for (const object of later.objects) {
      if (object.type === 'report' || object.type === 'note') continue;
      expect(object, object.id).toEqual(byId.get(object.id));
    }
  });

  it('keeps an id when its record changes, with a later modified time', () => {
    editIndicator(c.caseDb, c.ctx, c.ind.domain.id, { notes: 'Leak site named in the demand' });
    const changed = stixBundle(c.caseDb, { generatedAt: GENERATED_AT, organisation: ORGANISATION });
    const before = indicatorOf('domain');
    const after = changed.objects.find((o) => o.id === before.id)!;
    expect(after).toMatchObject({ description: 'Leak site named in the demand', created: before.created });
    expect((after.modified as string) > (before.modified as string)).toBe(true);
  });
});

describe('exports written by the service', () => {
  it('writes the CSV files and the bundle into a folder, never over a file, and records their hashes', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    const csv = await writeExport(c.caseDb, c.ctx, {
      options: ExportOptions.parse({ format: 'csv', bom: true }),
      dir: out,
      zone: 'Europe/Berlin',
    });
    expect(csv.files.map((f) => f.name)).toEqual(csvFiles(c.caseDb, { bom: true }).map((f) => f.name));
    for (const f of csv.files) expect([...readFileSync(join(out, f.name)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const stix = await writeExport(c.caseDb, c.ctx, {
      options: ExportOptions.parse({ format: 'stix' }),
      dir: out,
      zone: 'Europe/Berlin',
    });
    expect(stix.files.map((f) => f.name)).toEqual(['IR-2026-014.stix.json']);
    const written = JSON.parse(readFileSync(join(out, 'IR-2026-014.stix.json'), 'utf8')) as StixBundle;
    expect(bundleProblems(written)).toEqual([]);
    expect(listOutputs(c.caseDb).map((o) => [o.kind, o.subtype])).toEqual(
      expect.arrayContaining([
        ['export', 'csv'],
        ['export', 'stix'],
      ]),
    );
    await expect(
      writeExport(c.caseDb, c.ctx, { options: ExportOptions.parse({ format: 'stix' }), dir: out, zone: 'UTC' }),
    ).rejects.toThrow(/already exists/);
  });
});

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteDraft } from '../../shared/domain/note.ts';
import { TextEvidenceDraft } from '../../shared/domain/evidence.ts';
import { TimelineDraft } from '../../shared/domain/timeline.ts';
import type { IndicatorType } from '../../shared/domain/indicator.ts';
import type { Highlighted, SearchKind, SearchResults } from '../../shared/domain/search.ts';
import type { SubjectValues } from '../../electron/core/store/tables/subjects.ts';
import { insertSubject, updateSubject } from '../../electron/core/store/tables/subjects.ts';
import { updateIndicator, writeIndicators } from '../../electron/core/store/tables/indicators.ts';
import { insertExtortion } from '../../electron/core/store/tables/extortion.ts';
import { normaliseIndicator } from '../../electron/core/indicators/normalise.ts';
import { addNote, removeNote } from '../../electron/core/services/notes.ts';
import { addTimelineEvent, editTimelineEvent } from '../../electron/core/services/timeline.ts';
import { addTextEvidence } from '../../electron/core/services/evidence/addOther.ts';
import { changeStep, startRun } from '../../electron/core/services/playbooks.ts';
import { builtinPlaybooks } from '../../electron/core/playbooks/builtins.ts';
import { openCase } from '../../electron/core/services/cases.ts';
import { searchCase } from '../../electron/core/services/search.ts';
import { verifyCase } from '../../electron/core/store/verify/index.ts';
import type { CaseDb } from '../../electron/core/store/db/caseDb.ts';
import { openCaseDbReadOnly } from '../../electron/core/store/db/caseDb.ts';
import type { MutationContext } from '../../electron/core/store/db/mutate.ts';
import { createHandlers } from '../../electron/core/handlers/index.ts';
import type { HandlerSet } from '../../electron/core/handlers/index.ts';
import { openAppData } from '../../electron/core/appData.ts';
import { checkedHandlers } from '../helpers/contract.ts';
import { folderState, runCustosInProcess, sidecarsOf } from '../helpers/cli.ts';
import { EXAMINER, newCase, steppingClock, tempDir } from '../helpers/tempCase.ts';

// One search box over the whole case, on real case files: names in any script found without their
// accents or case, an indicator found in any of its forms, every kind of record, and an index that
// follows every change and never touches the case.

let dir: string;
let cleanup: () => void;
let path: string;
let caseDb: CaseDb;
let ctx: MutationContext;
/** Ids of what the case holds, by what the test calls them. */
type Ids = Record<
  | 'muller'
  | 'joao'
  | 'kim'
  | 'yaroslav'
  | 'ipv6'
  | 'url'
  | 'eth'
  | 'event'
  | 'note'
  | 'evidence'
  | 'message'
  | 'demand'
  | 'run'
  | 'holdStep',
  string
>;
let ids: Ids;

const ETH = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';

function subject(name: string, more: Partial<SubjectValues> = {}): string {
  const id = randomUUID();
  insertSubject(caseDb, ctx, id, {
    kind: 'person',
    role: 'worker',
    name,
    aliases: [],
    claimedName: '',
    claimedNationality: '',
    claimedLocation: '',
    claimedDocuments: '',
    verifiedName: '',
    verifiedNationality: '',
    verifiedLocation: '',
    findings: '',
    identityVerdict: 'unverified',
    hiredOn: null,
    startedOn: null,
    terminatedOn: null,
    manager: '',
    notes: '',
    tlp: 'AMBER',
    ...more,
  });
  return id;
}

function indicator(type: IndicatorType, value: string, notes = ''): string {
  const id = randomUUID();
  const normalised = normaliseIndicator(type, value);
  if (!normalised.ok) throw new Error(`${value}: ${normalised.reason}`);
  writeIndicators(
    caseDb,
    ctx,
    { type: 'indicator', id },
    'indicator.add',
    [
      {
        kind: 'insert',
        id,
        values: {
          type,
          value,
          normalised: normalised.value,
          platform: '',
          firstSeen: null,
          lastSeen: null,
          seenZone: null,
          sourceItemId: null,
          confidence: 'high',
          tlp: 'AMBER',
          notes,
        },
      },
    ],
    [],
  );
  return id;
}

/** A case with one or more records of every kind search reads. */
function fillCase(): void {
  ids = {} as Ids;
  ids.muller = subject('Jörg Müller', { aliases: ['J. Mueller'], findings: 'Passport photo reused from a stock site' });
  ids.joao = subject('João Gonçalves', { role: 'facilitator', claimedLocation: 'Lisboa' });
  ids.kim = subject('김정호', { aliases: ['Kim Jong-ho'], role: 'operator' });
  ids.yaroslav = subject('Ярослав Ковальчук', { role: 'recruiter' });
  ids.ipv6 = indicator('ip', '2001:db8::8a2e:370:7334', 'VPN exit seen in Okta');
  ids.url = indicator('url', 'https://evil-login.example.com/sso');
  ids.eth = indicator('eth', ETH, 'Wallet in the ransom note');
  ids.event = addTimelineEvent(
    caseDb,
    ctx,
    TimelineDraft.parse({
      at: '2026-11-02T10:00Z',
      title: 'Jörg Müller signed in from 203.0.113.7',
      description: 'Okta sign-in through a residential proxy in Dandong.',
      source: 'Okta system log',
    }),
  ).id;
  ids.note = addNote(
    caseDb,
    ctx,
    NoteDraft.parse({
      body: 'Interview with HR\n\nCounsel present. The recruiter said João had shipped the laptop to a farm in Lagos.',
      privileged: true,
    }),
  ).id;
  ids.evidence = addTextEvidence(
    caseDb,
    ctx,
    TextEvidenceDraft.parse({
      description: 'Slack DM transcript',
      capturedText: 'ярослав: send the repository archive tonight, the buyer is waiting',
      method: 'Copied from the Slack admin export',
    }),
  ).id;
  ids.message = randomUUID();
  insertExtortion(caseDb, ctx, 'message', ids.message, {
    receivedAt: '2026-11-03T08:00:00.000Z',
    zone: 'UTC',
    channel: 'email',
    sender: 'recovery-team@onionmail.org',
    senderIndicatorId: null,
    summary: 'Pay or we publish',
    body: 'We hold 40 GB of your source code and the payroll database.',
    evidenceItemId: null,
  });
  ids.demand = randomUUID();
  insertExtortion(caseDb, ctx, 'demand', ids.demand, {
    messageId: ids.message,
    amount: '25',
    asset: 'BTC',
    payTo: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    payToIndicatorId: null,
    deadlineAt: null,
    deadlineZone: null,
    threat: 'Publish the salary spreadsheet on a leak site',
    offeredProof: 'A directory listing of the stolen share',
    status: 'open',
  });
  const termination = builtinPlaybooks().find((p) => p.file.startsWith('termination'))!.template;
  const hold = termination.steps.find((s) => s.name.startsWith('Issue a legal hold'))!;
  const { run } = startRun(caseDb, ctx, termination, { t0: '2026-11-04T09:00', zone: 'UTC' });
  ids.run = run.id;
  ids.holdStep = hold.id;
  changeStep(caseDb, ctx, run.id, hold.code, {
    state: 'done',
    outcome: 'Hold notice sent to the mailbox custodian; Quokka backup frozen',
    assignee: 'Priya Raman',
  });
}

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  ({ path, caseDb, ctx } = newCase(dir));
  fillCase();
});
afterEach(() => {
  if (caseDb.db.open) caseDb.close();
  cleanup();
});

const search = (text: string, limit?: number) => searchCase(caseDb, { text, ...(limit ? { limit } : {}) });
const plain = (pieces: Highlighted) => pieces.map((p) => p.text).join('');
const marked = (pieces: Highlighted) => pieces.map((p) => (p.match ? `[${p.text}]` : p.text)).join('');
/** The ids found for a kind. */
const found = (results: SearchResults, kind: SearchKind) =>
  results.groups.find((g) => g.kind === kind)?.hits.map((h) => h.id) ?? [];

describe('names in any script, without accents or case', () => {
  it('finds Müller by "muller", João Gonçalves by "joao goncalves", 김정호 by "정호", Ярослав by "ярослав"', () => {
    const muller = search('muller');
    expect(found(muller, 'subject')).toEqual([ids.muller]);
    expect(found(muller, 'timeline')).toEqual([ids.event]);
    const subjectHit = muller.groups.find((g) => g.kind === 'subject')!.hits[0]!;
    expect(marked(subjectHit.title)).toBe('Jörg [Müller]');

    expect(found(search('joao goncalves'), 'subject')).toEqual([ids.joao]);
    expect(found(search('GONÇALVES JOÃO'), 'subject')).toEqual([ids.joao]);

    for (const part of ['정호', '김정', '김정호', '호', '정']) {
      const hits = search(part);
      expect(found(hits, 'subject'), part).toEqual([ids.kim]);
    }
    expect(marked(search('정호').groups[0]!.hits[0]!.title)).toBe('김[정호]');
    expect(found(search('김정수'), 'subject')).toEqual([]);

    const yaroslav = search('ярослав');
    expect(found(yaroslav, 'subject')).toEqual([ids.yaroslav]);
    expect(found(yaroslav, 'evidence')).toEqual([ids.evidence]);
    expect(found(search('ЯРОСЛАВ ковальчук'), 'subject')).toEqual([ids.yaroslav]);
  });

  it('matches the start of words, every word, and groups hits by kind in a fixed order', () => {
    expect(found(search('mull'), 'subject')).toEqual([ids.muller]);
    // "uller" is inside a word, not its start.
    expect(search('uller').total).toBe(0);
    expect(search('muller lagos').total).toBe(0);
    const both = search('jorg okta');
    expect(both.groups.map((g) => g.kind)).toEqual(['timeline']);
    const wide = search('the');
    const order = wide.groups.map((g) => g.kind);
    expect(order).toEqual([...order].sort((a, b) => KINDS.indexOf(a) - KINDS.indexOf(b)));
    expect(wide.groups.every((g) => g.label.length > 0 && g.total >= g.hits.length)).toBe(true);
  });
});

const KINDS: SearchKind[] = ['subject', 'indicator', 'message', 'demand', 'timeline', 'note', 'evidence', 'step'];

describe('every kind of record', () => {
  it('finds notes (privileged ones too), evidence text, extortion messages and demands, and playbook steps', () => {
    expect(found(search('farm lagos'), 'note')).toEqual([ids.note]);
    expect(found(search('repository archive'), 'evidence')).toEqual([ids.evidence]);
    expect(found(search('slack dm'), 'evidence')).toEqual([ids.evidence]);
    expect(found(search('payroll database'), 'message')).toEqual([ids.message]);
    expect(found(search('onionmail'), 'message')).toEqual([ids.message]);
    expect(found(search('salary spreadsheet'), 'demand')).toEqual([ids.demand]);

    const step = search('quokka');
    const hit = step.groups.find((g) => g.kind === 'step')!.hits[0]!;
    expect(hit).toMatchObject({ runId: ids.run, stepId: ids.holdStep });
    expect(plain(hit.title)).toMatch(/Issue a legal hold/);
    expect(marked(hit.snippet)).toContain('[Quokka]');
    // The step's template words and its assignee find it too.
    expect(found(search('legal hold everything'), 'step')).toEqual([hit.id]);
    expect(found(search('priya'), 'step')).toEqual([hit.id]);
  });

  it('gives at most `limit` hits of each kind, with how many there are in all', () => {
    for (let i = 0; i < 30; i++) {
      addTimelineEvent(
        caseDb,
        ctx,
        TimelineDraft.parse({ at: '2026-11-03T10:00Z', title: `Badge swipe ${i} in Dandong` }),
      );
    }
    const results = search('dandong', 5);
    const timeline = results.groups.find((g) => g.kind === 'timeline')!;
    expect(timeline.total).toBe(31);
    expect(timeline.hits).toHaveLength(5);
    expect(results.total).toBe(31);
  });

  it('cuts a long text around its first match, and marks the match in the original spelling', () => {
    const long = `${'Routine log line without interest. '.repeat(40)}Then Zoë Ångström copied the vault. ${'More noise follows here. '.repeat(40)}`;
    addTextEvidence(
      caseDb,
      ctx,
      TextEvidenceDraft.parse({ description: 'Long log', capturedText: long, method: 'Exported' }),
    );
    const hit = search('angstrom').groups.find((g) => g.kind === 'evidence')!.hits[0]!;
    const snippet = plain(hit.snippet);
    expect(snippet.length).toBeLessThanOrEqual(170);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(hit.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['Ångström']);
  });
});

describe('indicators in any of their forms', () => {
  it('finds an IPv6 address by its long form, a URL without its scheme, and an Ethereum wallet typed in lower case', () => {
    const long = search('2001:0db8:0000:0000:0000:8a2e:0370:7334');
    const ipv6 = long.groups.find((g) => g.kind === 'indicator')!;
    expect(ipv6.hits.map((h) => h.id)).toEqual([ids.ipv6]);
    expect(ipv6.hits[0]!.because).toBe('same indicator in canonical form');
    expect(plain(ipv6.hits[0]!.title)).toBe('2001:db8::8a2e:370:7334');

    expect(found(search('2001:db8::8a2e:370:7334'), 'indicator')).toEqual([ids.ipv6]);
    expect(found(search('evil-login.example.com/sso'), 'indicator')).toEqual([ids.url]);
    expect(found(search('EVIL-LOGIN.example.com/sso'), 'indicator')).toEqual([ids.url]);
    expect(found(search('https://evil-login.example.com/sso'), 'indicator')).toEqual([ids.url]);

    const eth = search(ETH.toLowerCase()).groups.find((g) => g.kind === 'indicator')!;
    expect(eth.hits.map((h) => h.id)).toEqual([ids.eth]);
    expect(eth.total).toBe(1);
    expect(found(search('ransom note'), 'indicator')).toEqual([ids.eth]);
  });
});

describe('what a person types is only ever words', () => {
  it('answers queries full of FTS5 syntax without an error', () => {
    const hostile = [
      '"',
      '""',
      "'",
      'NEAR(muller okta)',
      'muller NOT okta',
      'muller OR *',
      '*',
      '-muller',
      'title:muller',
      '{title body}: muller',
      '(muller',
      'muller)',
      '^muller',
      'AND',
      'a"b',
      '\\',
      '%_',
      '💥',
      '\u0000',
      ' ',
      '',
      'x'.repeat(500),
    ];
    for (const text of hostile) {
      const results = search(text);
      expect(results.text).toBe(text);
      expect(results.total, text).toBeGreaterThanOrEqual(0);
    }
    // The words among the syntax still count, as words.
    expect(found(search('NEAR(muller okta)'), 'timeline')).toEqual([]);
    expect(found(search('title:muller'), 'subject')).toEqual([]);
    expect(found(search('muller*'), 'subject')).toEqual([ids.muller]);
    expect(found(search('"jorg muller"'), 'subject')).toEqual([ids.muller]);
  });
});

describe('an index that follows the case', () => {
  it('finds an edit made after the first search, and no longer finds what was removed or renamed', () => {
    expect(found(search('muller'), 'subject')).toEqual([ids.muller]);
    expect(found(search('dandong'), 'timeline')).toEqual([ids.event]);

    updateSubject(caseDb, ctx, ids.muller, { name: 'Jörg Schäfer' });
    editTimelineEvent(caseDb, ctx, ids.event, { description: 'Okta sign-in through a proxy in Shenyang.' });
    const newEvent = addTimelineEvent(
      caseDb,
      ctx,
      TimelineDraft.parse({ at: '2026-11-05T10:00Z', title: 'Badge of Schäfer used at night' }),
    ).id;
    removeNote(caseDb, ctx, ids.note);
    updateIndicator(caseDb, ctx, ids.url, { removed: true });
    updateSubject(caseDb, ctx, ids.kim, { removed: true });

    expect(found(search('schafer'), 'subject')).toEqual([ids.muller]);
    expect(found(search('schafer'), 'timeline')).toEqual([newEvent]);
    expect(found(search('muller'), 'subject')).toEqual([]);
    expect(found(search('dandong'), 'timeline')).toEqual([]);
    expect(found(search('shenyang'), 'timeline')).toEqual([ids.event]);
    expect(found(search('lagos'), 'note')).toEqual([]);
    expect(found(search('evil-login.example.com/sso'), 'indicator')).toEqual([]);
    expect(found(search('정호'), 'subject')).toEqual([]);

    // Brought back, it is found again.
    updateIndicator(caseDb, ctx, ids.url, { removed: false });
    expect(found(search('evil-login'), 'indicator')).toEqual([ids.url]);
  });

  it('counts what it holds, and a case opened again is indexed afresh', () => {
    const first = search('muller');
    // 4 subjects, 3 indicators, 1 message, 1 demand, 1 event, 1 note, 1 exhibit, and the run's steps.
    const steps = builtinPlaybooks()
      .find((p) => p.file.startsWith('termination'))!
      .template.steps.filter((s) => s.type === 'action').length;
    expect(first.indexed).toBe(12 + steps);
    caseDb.close();
    caseDb = openCase(path);
    expect(search('muller').indexed).toBe(first.indexed);
  });

  it('never changes the case: the file is byte-identical and verification says the same', () => {
    // Read-only, as custos search and a case on read-only media open it.
    caseDb.close();
    const files = folderState(dir);
    caseDb = openCaseDbReadOnly(path);
    const before = verifyCase(caseDb);
    for (const text of ['muller', '정호', ETH.toLowerCase(), 'quokka']) expect(search(text).total).toBeGreaterThan(0);
    const after = verifyCase(caseDb);
    // The same verdict, check for check; only the time it was given differs.
    const { verifiedAt: _a, durationMs: _c, ...beforeReport } = before;
    const { verifiedAt: _b, durationMs: _d, ...afterReport } = after;
    expect(afterReport.ok).toBe(true);
    expect(afterReport).toEqual(beforeReport);
    caseDb.close();
    expect(folderState(dir)).toEqual(files);
  });
});

describe('search:query, the channel behind Ctrl+K', () => {
  let handlers: HandlerSet;
  beforeEach(() => {
    caseDb.close();
    handlers = checkedHandlers(
      createHandlers({
        appData: openAppData(join(dir, 'data')),
        clock: steppingClock('2026-11-06T09:00:00.000Z'),
        dialogs: {
          chooseCaseToOpen: async () => path,
          chooseNewCasePath: async () => null,
          chooseEvidenceFiles: async () => null,
          chooseExportFolder: async () => null,
          chooseSavePath: async () => null,
          chooseReportPath: async () => null,
          chooseReportToVerify: async () => null,
        },
        version: 'test',
        systemTimeZone: 'UTC',
      }),
    );
  });
  afterEach(() => handlers.dispose());

  const ok = async (channel: string, req?: unknown) => {
    const result = await handlers.invoke(channel, req);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };

  it('answers in the shape of the contract, and follows edits made through the other channels', async () => {
    const none = await handlers.invoke('search:query', { text: 'muller' });
    expect(none).toMatchObject({ ok: false, error: { code: 'NO_CASE_OPEN' } });

    await ok('profile:set', { ...EXAMINER, timeZone: '' });
    await ok('case:open', await ok('dialog:chooseCaseToOpen'));
    const results = (await ok('search:query', { text: 'joao', limit: 5 })) as SearchResults;
    expect(results.groups.map((g) => g.kind)).toEqual(['subject', 'note']);
    expect(results.groups[1]!.hits[0]!).toMatchObject({ kind: 'note', id: ids.note });

    const event = (await ok('timeline:add', { at: '2026-11-06T10:00Z', title: 'Call with Gonçalves' })) as {
      id: string;
    };
    const after = (await ok('search:query', { text: 'goncalves' })) as SearchResults;
    expect(found(after, 'timeline')).toEqual([event.id]);
    await ok('timeline:remove', { id: event.id });
    expect(found((await ok('search:query', { text: 'goncalves' })) as SearchResults, 'timeline')).toEqual([]);

    const refused = await handlers.invoke('search:query', { text: 'x'.repeat(501) });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/too long/) } });
  });
});

describe('custos search', () => {
  let dataDir: string;
  beforeEach(async () => {
    caseDb.close();
    dataDir = join(dir, 'data');
  });
  const custos = (...args: string[]) => runCustosInProcess(dataDir, args);

  it('prints hits by kind with the match in brackets, reads only, and leaves the case and its folder as they were', async () => {
    const files = folderState(dir);
    const result = await custos('search', path, 'muller');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^2 matches for "muller" \(\d+ records searched in [\d.]+ ms\)\n/);
    expect(result.stdout).toContain(`\nSubjects (1)\n  Jörg [Müller]  (id ${ids.muller})\n      J. Mueller · Passport`);
    expect(result.stdout).toContain(`\nTimeline (1)\n  Jörg [Müller] signed in from 203.0.113.7  (id ${ids.event})`);

    const words = await custos('search', path, 'joao', 'goncalves', '--kind', 'subjects');
    expect(words.stdout).toContain('[João] [Gonçalves]');
    expect(words.stdout).not.toContain('Notes');

    const step = await custos('search', path, 'quokka');
    expect(step.stdout).toContain(`(run ${ids.run} step ${ids.holdStep})`);

    const ipv6 = await custos('search', path, '2001:0db8:0000:0000:0000:8a2e:0370:7334');
    expect(ipv6.stdout).toContain('found as the same indicator in canonical form');

    const json = await custos('search', path, '정호', '--json', '--limit', '1');
    const parsed = JSON.parse(json.stdout) as SearchResults;
    expect(parsed.groups[0]).toMatchObject({ kind: 'subject', label: 'Subjects', total: 1 });

    const none = await custos('search', path, 'zzyzx');
    expect(none).toMatchObject({ status: 0, stderr: '' });
    expect(none.stdout).toMatch(/^No match for "zzyzx" \(\d+ records searched/);

    expect(folderState(dir)).toEqual(files);
    expect(sidecarsOf(path)).toEqual([]);
  });

  it('says what is wrong with --kind and --limit, and that TEXT is needed', async () => {
    expect(await custos('search', path, 'x', '--kind', 'people')).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/--kind "people" is not a kind of record; the kinds are subject, indicator/),
    });
    expect(await custos('search', path, 'x', '--limit', '0')).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/--limit/),
    });
    expect(await custos('search', path, 'x', '--limit', 'many')).toMatchObject({ status: 2 });
    expect(await custos('search', path)).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/TEXT to search for/),
    });
  });

  it('escapes control characters of case text in what it prints', async () => {
    caseDb = openCase(path);
    subject('Evil\u001b[2J Name');
    caseDb.close();
    const result = await custos('search', path, 'evil');
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).toContain('[Evil]');
  });
});

import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppData } from '../../electron/core/appData.ts';
import { createHandlers } from '../../electron/core/handlers/index.ts';
import type { HandlerSet } from '../../electron/core/handlers/index.ts';
import { sanctionsNotice } from '../../electron/core/services/extortion.ts';
import type { CaseDb } from '../../electron/core/store/db/caseDb.ts';
import { openCaseDb } from '../../electron/core/store/db/caseDb.ts';
import type { MutationContext } from '../../electron/core/store/db/mutate.ts';
import { updateIndicator, writeIndicators } from '../../electron/core/store/tables/indicators.ts';
import type {
  ClaimValidation,
  ExtortionDecision,
  ExtortionDemand,
  ExtortionMessage,
  ExtortionRecord,
} from '../../shared/domain/extortion.ts';
import { runCli } from '../../electron/core/cli/main.ts';
import { readCase, runCustosInProcess } from '../helpers/cli.ts';
import { cliCase } from '../helpers/cliCase.ts';
import { checkedHandlers } from '../helpers/contract.ts';
import { EXAMINER, context, newCase, sha256File, tempDir } from '../helpers/tempCase.ts';

// The extortion record as a responder keeps it after a fired worker demands money for stolen code:
// the message as captured evidence, the demand and the wallet it names (already an indicator of the
// case), whether the samples are really ours, and the decision not to pay with counsel's sign-off,
// the sanctions notice beside every demand that names a payment. Nothing is ever deleted.

/** The wallet the demand names, already in the case as an indicator (a BIP-173 example address). */
const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';

/** Indicators already in the case before the demand arrives: the wallet and the sender's address. */
function seedIndicators(caseDb: CaseDb, ctx: MutationContext) {
  const wallet = randomUUID();
  const email = randomUUID();
  const gone = randomUUID();
  const base = {
    platform: '',
    firstSeen: null,
    lastSeen: null,
    seenZone: null,
    sourceItemId: null,
    confidence: 'high' as const,
    tlp: 'AMBER' as const,
    notes: '',
  };
  writeIndicators(
    caseDb,
    ctx,
    { type: 'indicator', id: wallet },
    'indicator.import',
    [
      { kind: 'insert', id: wallet, values: { ...base, type: 'btc', value: WALLET, normalised: WALLET } },
      {
        kind: 'insert',
        id: email,
        values: { ...base, type: 'email', value: 'Kim.Dev@proton.me', normalised: 'kim.dev@proton.me' },
      },
      {
        kind: 'insert',
        id: gone,
        values: { ...base, type: 'email', value: 'old@proton.me', normalised: 'old@proton.me' },
      },
    ],
    [],
  );
  updateIndicator(caseDb, ctx, gone, { removed: true }, 'indicator.remove');
  return { wallet, email, gone };
}

const auditActions = (path: string) =>
  readCase(path, (db) => db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[]);

describe('the sanctions notice shipped with Custos', () => {
  it('says paying a DPRK actor is prohibited under OFAC, OFSI and EU sanctions, that the decision stays with people and counsel, and cites its sources', () => {
    const notice = sanctionsNotice();
    expect(notice.text).toMatch(/OFAC/);
    expect(notice.text).toMatch(/OFSI/);
    expect(notice.text).toMatch(/EU restrictive measures/);
    expect(notice.text).toMatch(/prohibited/);
    expect(notice.text).toMatch(/decision still belongs to the people deciding, with counsel/);
    expect(notice.sources.map((s) => s.url)).toEqual(
      expect.arrayContaining([
        'https://ofac.treasury.gov/system/files/126/20220516_dprk_it_worker_advisory.pdf',
        'https://www.legislation.gov.uk/eudn/2016/849/article/13/data.html',
      ]),
    );
  });

  it('a damaged notice file is refused with where and the fix', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'custos-notice-')), 'notice.json');
    writeFileSync(
      file,
      JSON.stringify({ version: '1', description: '', text: 'x', sources: [{ name: 'n', url: 'no' }] }),
    );
    expect(() => sanctionsNotice(file)).toThrow(/\$\.sources\.0\.url: .*reinstall Custos/);
    writeFileSync(file, '{');
    expect(() => sanctionsNotice(file)).toThrow(/is not readable JSON/);
  });
});

describe('the extortion record in the app', () => {
  let dir: string;
  let cleanup: () => void;
  let handlers: HandlerSet;
  let casePath: string;
  let ids: ReturnType<typeof seedIndicators>;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    const made = newCase(dir, { awareAt: '2026-11-20T09:00', awareZone: 'Europe/Berlin' });
    casePath = made.path;
    ids = seedIndicators(made.caseDb, made.ctx);
    made.caseDb.close();
    writeFileSync(join(dir, 'demand.eml'), 'From: kim.dev@proton.me\nSubject: your code\n\nPay 0.5 BTC or we publish.');
    handlers = checkedHandlers(
      createHandlers({
        appData: openAppData(join(dir, 'data')),
        clock: context().clock,
        dialogs: {
          chooseCaseToOpen: async () => casePath,
          chooseNewCasePath: async () => casePath,
          chooseEvidenceFiles: async () => [join(dir, 'demand.eml')],
          chooseExportFolder: async () => null,
          chooseSavePath: async () => null,
          chooseReportPath: async () => null,
          chooseReportToVerify: async () => null,
        },
        version: 'test',
        systemTimeZone: 'UTC',
      }),
    );
    await ok('profile:set', { ...EXAMINER, timeZone: '' });
    await ok('case:open', await ok('dialog:chooseCaseToOpen', {}));
  });
  afterEach(() => {
    handlers.dispose();
    cleanup();
  });

  async function ok<T = Record<string, unknown>>(channel: string, req?: unknown): Promise<T> {
    const result = await handlers.invoke(channel, req);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  }
  async function refused(channel: string, req: unknown): Promise<{ code: string; message: string }> {
    const result = await handlers.invoke(channel, req);
    if (result.ok) throw new Error(`${channel} was not refused`);
    return result.error;
  }

  it('records the message, the demand linked to the wallet already known, the validation and a decision signed off later', async () => {
    await ok('dialog:chooseEvidenceFiles', {});
    await ok('evidence:add', { paths: [join(dir, 'demand.eml')], draft: { description: 'The demand e-mail' } });
    const empty = await ok<ExtortionRecord>('extortion:record', {});
    expect(empty).toMatchObject({ messages: [], demands: [], validations: [], decisions: [] });
    expect(empty.sanctions).toEqual(sanctionsNotice());

    const message = await ok<ExtortionMessage>('extortion:addMessage', {
      at: '2026-11-21T08:15',
      zone: 'Asia/Seoul',
      channel: 'email',
      sender: 'kim.dev@proton.me',
      senderIndicatorId: ids.email,
      summary: 'Pay 0.5 BTC or the source code is published',
      body: 'Pay 0.5 BTC or we publish.',
      evidence: 'e-0001',
    });
    expect(message).toMatchObject({
      receivedAt: '2026-11-20T23:15:00.000Z',
      zone: 'Asia/Seoul',
      senderIndicatorId: ids.email,
      evidenceItemId: expect.any(String),
      removed: false,
    });

    // Written in capitals, as the extortionist typed it: the same address, so the same indicator.
    const demand = await ok<ExtortionDemand>('extortion:addDemand', {
      messageId: message.id,
      amount: '0.5',
      asset: 'BTC',
      payTo: WALLET.toUpperCase(),
      deadline: '2026-11-24T18:00',
      zone: 'Asia/Seoul',
      threat: 'Publish the source code of the payments service',
      offeredProof: 'Three files from the repository',
    });
    expect(demand).toMatchObject({
      amount: '0.5',
      asset: 'BTC',
      payTo: WALLET.toUpperCase(),
      payToIndicatorId: ids.wallet,
      deadlineAt: '2026-11-24T09:00:00.000Z',
      deadlineZone: 'Asia/Seoul',
      status: 'open',
    });

    const validation = await ok<ClaimValidation>('extortion:addValidation', {
      demandId: demand.id,
      samples: 'ledger.ts, payout.ts, README.md',
      comparedAgainst: 'git main at 4f2c9e1 (exhibit E-0001 holds the message)',
      result: 'confirmed',
      at: '2026-11-21T14:00',
      zone: 'Europe/Berlin',
      evidence: 'E-0001',
    });
    expect(validation).toMatchObject({
      result: 'confirmed',
      validatedBy: EXAMINER.name,
      validatedAt: '2026-11-21T13:00:00.000Z',
      validatedZone: 'Europe/Berlin',
    });

    const decision = await ok<ExtortionDecision>('extortion:decide', {
      demandId: demand.id,
      decision: 'do-not-pay',
      reasons: 'Sanctioned actor; paying does not ensure deletion',
      decidedBy: 'Maria Okafor, CEO',
      at: '2026-11-22T10:00',
      zone: 'Europe/Berlin',
      counsel: 'J. Weber (outside counsel)',
    });
    expect(decision).toMatchObject({
      decision: 'do-not-pay',
      decidedBy: 'Maria Okafor, CEO',
      decidedAt: '2026-11-22T09:00:00.000Z',
      decidedZone: 'Europe/Berlin',
      counsel: 'J. Weber (outside counsel)',
      counselSignedAt: null,
      counselSignedZone: null,
      sanctionsShown: true,
    });
    // Counsel signs off the next morning, in the decision's zone; a second sign-off is refused.
    const signed = await ok<ExtortionDecision>('extortion:signOff', {
      id: decision.id,
      counsel: 'Johanna Weber',
      at: '2026-11-23T08:30',
    });
    expect(signed).toMatchObject({
      counsel: 'Johanna Weber',
      counselSignedAt: '2026-11-23T07:30:00.000Z',
      counselSignedZone: 'Europe/Berlin',
    });
    const again = await refused('extortion:signOff', {
      id: decision.id,
      counsel: 'Someone else',
      at: '2026-11-24T08:30Z',
    });
    expect(again.code).toBe('ALREADY_EXISTS');
    expect(again.message).toMatch(/already signed off by Johanna Weber .*a sign-off is not replaced/);

    const closed = await ok<ExtortionDemand>('extortion:updateDemand', { id: demand.id, patch: { status: 'closed' } });
    expect(closed.status).toBe('closed');

    const record = await ok<ExtortionRecord>('extortion:record', {});
    expect(record.messages).toHaveLength(1);
    expect(record.demands).toEqual([closed]);
    expect(record.validations).toEqual([validation]);
    expect(record.decisions).toEqual([signed]);
    expect(record.sanctions.text).toMatch(/OFAC/);

    expect(auditActions(casePath).slice(-7)).toEqual([
      'evidence.add',
      'extortion.message.add',
      'extortion.demand.add',
      'extortion.validation.add',
      'extortion.decision.add',
      'extortion.decision.signoff',
      'extortion.demand.update',
    ]);
    await ok('case:close', {});
    const verify = await runCustosInProcess(join(dir, 'data'), ['verify', casePath]);
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
  });

  it('refuses what points nowhere, and removes without deleting', async () => {
    const before = sha256File(casePath);
    const bad: [string, unknown, RegExp][] = [
      ['extortion:addMessage', { at: '2026-11-21T08:15', summary: 'x' }, /has no offset; give the time zone/],
      [
        'extortion:addMessage',
        { at: '2026-11-21T08:15Z', summary: 'x', evidence: 'E-0042' },
        /no evidence item E-0042/,
      ],
      [
        'extortion:addMessage',
        { at: '2026-11-21T08:15Z', summary: 'x', senderIndicatorId: ids.gone },
        /Sender: indicator .* was removed/,
      ],
      ['extortion:addDemand', { threat: 'x', amount: '1,000' }, /amount must be a number/],
      ['extortion:addDemand', { threat: 'x', amount: '1000' }, /Asset: say what the amount is in/],
      ['extortion:addDemand', { threat: 'x', messageId: randomUUID() }, /does not exist/],
      ['extortion:addDemand', { threat: '' }, /What they threaten is required/],
      [
        'extortion:decide',
        { decision: 'maybe', reasons: 'r', decidedBy: 'p', at: '2026-11-22T10:00Z' },
        /decision must be one of/,
      ],
      [
        'extortion:decide',
        {
          decision: 'defer',
          reasons: 'r',
          decidedBy: 'p',
          at: '2026-11-22T10:00Z',
          counselSignedAt: '2026-11-22T11:00Z',
        },
        /name the counsel who signed off/,
      ],
      ['extortion:signOff', { id: randomUUID(), counsel: 'c', at: '2026-11-22T10:00Z' }, /does not exist/],
    ];
    for (const [channel, req, message] of bad) {
      const error = await refused(channel, req);
      expect(error.message, channel).toMatch(message);
    }
    expect(sha256File(casePath)).toBe(before);

    // A demand without a payment: no sanctions flag on the decision that follows.
    const message = await ok<ExtortionMessage>('extortion:addMessage', { at: '2026-11-21T08:15Z', summary: 'Threat' });
    const threat = await ok<ExtortionDemand>('extortion:addDemand', { messageId: message.id, threat: 'Leak the code' });
    expect(threat).toMatchObject({ amount: '', payTo: '', payToIndicatorId: null, deadlineAt: null });
    const defer = await ok<ExtortionDecision>('extortion:decide', {
      decision: 'defer',
      reasons: 'Wait for the validation',
      decidedBy: 'Maria Okafor',
      at: '2026-11-21T09:00Z',
    });
    expect(defer).toMatchObject({ demandId: null, sanctionsShown: false, decidedZone: 'UTC' });
    // An unknown wallet is kept as written and linked to nothing.
    const unknown = await ok<ExtortionDemand>('extortion:addDemand', {
      threat: 'x',
      amount: '25000',
      asset: 'USDT',
      payTo: 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL',
    });
    expect(unknown.payToIndicatorId).toBeNull();

    // The message was entered twice by mistake: removed, kept in the file, gone from the record.
    expect(await ok('extortion:remove', { kind: 'message', id: message.id })).toBeNull();
    expect((await ok<ExtortionRecord>('extortion:record', {})).messages).toEqual([]);
    expect(readCase(casePath, (db) => db.prepare('SELECT removed FROM extortion_message').pluck().all())).toEqual([1]);
    expect((await refused('extortion:addDemand', { messageId: message.id, threat: 'x' })).message).toMatch(
      /was removed; point at one that is still in the record/,
    );
    expect((await refused('extortion:remove', { kind: 'message', id: message.id })).message).toMatch(/already removed/);
    expect(auditActions(casePath)).toContain('extortion.message.remove');

    // The deadline moved, then cleared.
    const moved = await ok<ExtortionDemand>('extortion:updateDemand', {
      id: threat.id,
      patch: { deadline: '2026-11-30T12:00', zone: 'Europe/London' },
    });
    expect(moved).toMatchObject({ deadlineAt: '2026-11-30T12:00:00.000Z', deadlineZone: 'Europe/London' });
    const cleared = await ok<ExtortionDemand>('extortion:updateDemand', { id: threat.id, patch: { deadline: null } });
    expect(cleared).toMatchObject({ deadlineAt: null, deadlineZone: null });
  });

  it('refuses a pay-to that fails its checksum, and a pay-to or sender that is not the indicator chosen', async () => {
    const before = sha256File(casePath);
    const typos: [string, RegExp][] = [
      // BIP-173's example address with its last character changed (q → r).
      [
        `${WALLET.slice(0, -1)}r`,
        /^Wallet or account: the pay-to bc1q\S+mdr fails its checksum: a character is wrong or two are swapped \(read as a Bitcoin address\); check the address character by character$/,
      ],
      ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', /the pay-to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb fails its checksum/],
      // EIP-55's example with the case of the last letter flipped.
      ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', /fails its EIP-55 checksum .*\(read as an Ethereum address\)/],
      ['TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeM', /fails its checksum.*\(read as a TRON address\)/],
      [
        'GB82 WEST 1234 5698 7654 33',
        /the pay-to GB82 WEST 1234 5698 7654 33 fails its check digits.*\(read as an IBAN\)/,
      ],
    ];
    for (const [payTo, message] of typos) {
      const error = await refused('extortion:addDemand', { threat: 'x', amount: '1', asset: 'BTC', payTo });
      expect(error.code, payTo).toBe('INVALID_INPUT');
      expect(error.message, payTo).toMatch(message);
    }
    // Both the wallet as written and an indicator: they must be the same wallet.
    const other = await refused('extortion:addDemand', {
      threat: 'x',
      payTo: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
      payToIndicatorId: ids.wallet,
    });
    expect(other.message).toBe(
      `Wallet or account: the pay-to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa is not indicator ${ids.wallet} (btc ${WALLET}); correct the pay-to, choose the indicator it is, or leave one of them out`,
    );
    const sender = await refused('extortion:addMessage', {
      at: '2026-11-21T08:15Z',
      summary: 'x',
      sender: 'someone.else@proton.me',
      senderIndicatorId: ids.email,
    });
    expect(sender.message).toBe(
      `Sender: someone.else@proton.me is not indicator ${ids.email} (email Kim.Dev@proton.me); correct the sender, choose the indicator it is, or leave one of them out`,
    );
    expect(sha256File(casePath)).toBe(before);

    // The same wallet in capitals and the same address in another case are the indicator: accepted.
    const same = await ok<ExtortionDemand>('extortion:addDemand', {
      threat: 'x',
      payTo: WALLET.toUpperCase(),
      payToIndicatorId: ids.wallet,
    });
    expect(same.payToIndicatorId).toBe(ids.wallet);
    const message = await ok<ExtortionMessage>('extortion:addMessage', {
      at: '2026-11-21T08:15Z',
      summary: 'x',
      sender: 'KIM.DEV@PROTON.ME',
      senderIndicatorId: ids.email,
    });
    expect(message.senderIndicatorId).toBe(ids.email);
    // Text that is no checked kind of address is kept as written; a valid IBAN passes.
    expect(
      (await ok<ExtortionDemand>('extortion:addDemand', { threat: 'x', payTo: 'payoneer: kim-dev-77' })).payTo,
    ).toBe('payoneer: kim-dev-77');
    expect(
      (await ok<ExtortionDemand>('extortion:addDemand', { threat: 'x', payTo: 'GB82 WEST 1234 5698 7654 32' })).payTo,
    ).toBe('GB82 WEST 1234 5698 7654 32');
  });

  it('records whether the sanctions notice was shown as the app says, and refuses a sign-off before the decision', async () => {
    await ok('extortion:addDemand', { threat: 'Publish', amount: '0.5', asset: 'BTC', payTo: WALLET });
    const decision = {
      decision: 'do-not-pay',
      reasons: 'r',
      decidedBy: 'Maria Okafor',
      at: '2026-11-22T10:00',
      zone: 'Europe/Berlin',
    };
    // The form did not show the notice: recorded as not shown, though a demand names a payment.
    expect(
      (await ok<ExtortionDecision>('extortion:decide', { ...decision, sanctionsShown: false })).sanctionsShown,
    ).toBe(false);
    expect(
      (await ok<ExtortionDecision>('extortion:decide', { ...decision, sanctionsShown: true })).sanctionsShown,
    ).toBe(true);
    // Not said: shown, because a live demand names a payment.
    const unsaid = await ok<ExtortionDecision>('extortion:decide', decision);
    expect(unsaid.sanctionsShown).toBe(true);

    const before = sha256File(casePath);
    const signedFirst = await refused('extortion:decide', {
      ...decision,
      counsel: 'J. Weber',
      counselSignedAt: '2026-11-22T09:59',
    });
    expect(signedFirst.message).toBe(
      'Counsel signed at: 2026-11-22 09:59:00 +01:00 Europe/Berlin is before the decision was taken (2026-11-22 10:00:00 +01:00 Europe/Berlin); counsel signs off a decision already made, so check both dates',
    );
    const later = await refused('extortion:signOff', {
      id: unsaid.id,
      counsel: 'J. Weber',
      at: '2026-11-22T08:30Z',
      zone: 'UTC',
    });
    expect(later.message).toBe(
      'Counsel signed at: 2026-11-22 08:30:00 UTC is before the decision was taken (2026-11-22 10:00:00 +01:00 Europe/Berlin); counsel signs off a decision already made, so check both dates',
    );
    expect(sha256File(casePath)).toBe(before);
    // At the moment of the decision is not before it.
    const same = await ok<ExtortionDecision>('extortion:signOff', {
      id: unsaid.id,
      counsel: 'J. Weber',
      at: '2026-11-22T09:00Z',
      zone: 'UTC',
    });
    expect(same.counselSignedAt).toBe('2026-11-22T09:00:00.000Z');
  });

  it('a demand update that changes nothing writes nothing', async () => {
    const demand = await ok<ExtortionDemand>('extortion:addDemand', {
      threat: 'x',
      deadline: '2026-11-30T12:00',
      zone: 'Europe/London',
    });
    const count = auditActions(casePath).length;
    const before = sha256File(casePath);
    for (let i = 0; i < 3; i++) {
      expect(await ok('extortion:updateDemand', { id: demand.id, patch: { status: 'open' } })).toEqual(demand);
      await ok('extortion:updateDemand', {
        id: demand.id,
        patch: { deadline: '2026-11-30T12:00', zone: 'Europe/London' },
      });
      await ok('extortion:updateDemand', { id: demand.id, patch: {} });
    }
    expect(sha256File(casePath)).toBe(before);
    // A real change is one entry; the same change again is none.
    await ok('extortion:updateDemand', { id: demand.id, patch: { status: 'withdrawn', deadline: '2026-11-30T12:00' } });
    await ok('extortion:updateDemand', { id: demand.id, patch: { status: 'withdrawn' } });
    expect(auditActions(casePath).slice(count)).toEqual(['extortion.demand.update']);
    expect((await ok<ExtortionRecord>('extortion:record', {})).demands[0]!.status).toBe('withdrawn');
  });
});

describe('the extortion record on the command line', () => {
  let path: string;
  let custos: Awaited<ReturnType<typeof cliCase>>['custos'];
  let ok: Awaited<ReturnType<typeof cliCase>>['ok'];
  let cleanup: () => void;
  let ids: ReturnType<typeof seedIndicators>;
  let dataDir: string;
  beforeEach(async () => {
    let dir: string;
    ({ dir, dataDir, path, custos, ok, cleanup } = await cliCase());
    const caseDb = openCaseDb(path);
    try {
      ids = seedIndicators(caseDb, context());
    } finally {
      caseDb.close();
    }
    writeFileSync(join(dir, 'demand.eml'), 'Pay 0.5 BTC or we publish.');
    await ok('evidence', 'add', path, join(dir, 'demand.eml'), '--description', 'The demand e-mail');
  });
  afterEach(() => cleanup());

  it('adds a message and a demand, prints the sanctions notice, validates, decides, lists, and verifies', async () => {
    const said = await ok(
      'message',
      'add',
      path,
      '--at',
      '2026-11-21 08:15',
      '--zone',
      'Asia/Seoul',
      '--summary',
      'Pay or we publish',
      '--channel',
      'telegram',
      '--sender',
      '@kim_dev',
      '--evidence',
      'E-0001',
    );
    expect(said).toMatch(
      /^Added message ([0-9a-f-]{36}): telegram from @kim_dev, received 2026-11-21 08:15:00 \+09:00 Asia\/Seoul \(2026-11-20T23:15:00.000Z\); captured as exhibit E-0001\nAudit head: /,
    );
    const messageId = /^Added message ([0-9a-f-]{36})/.exec(said)![1]!;

    const demand = await ok(
      'demand',
      'add',
      path,
      '--threat',
      'Publish the source code',
      '--amount',
      '0.5',
      '--asset',
      'BTC',
      '--pay-to',
      WALLET,
      '--deadline',
      '2099-01-01 12:00',
      '--zone',
      'Asia/Seoul',
      '--message',
      messageId,
    );
    expect(demand).toMatch(
      /^Added demand ([0-9a-f-]{36}): 0\.5 BTC to bc1q\S+, by 2099-01-01 12:00:00 \+09:00 Asia\/Seoul/,
    );
    expect(demand).toContain(`The pay-to is indicator ${ids.wallet}, already in this case`);
    expect(demand).toMatch(/\nSANCTIONS: before any payment\n {2}Paying is not a business decision alone\./);
    expect(demand).toContain('https://ofac.treasury.gov/system/files/126/20220516_dprk_it_worker_advisory.pdf');
    const demandId = /^Added demand ([0-9a-f-]{36})/.exec(demand)![1]!;

    // A demand that names no payment: no notice.
    const threat = await ok('demand', 'add', path, '--threat', 'Tell our customers', '--json');
    expect(JSON.parse(threat)).not.toHaveProperty('sanctions');
    expect(await ok('demand', 'add', path, '--threat', 'Leak it')).not.toContain('SANCTIONS');

    const validated = await ok(
      'demand',
      'validate',
      path,
      demandId,
      '--samples',
      'ledger.ts',
      '--compared-against',
      'git main 4f2c9e1',
      '--result',
      'confirmed',
      '--at',
      '2026-11-21T14:00+01:00',
      '--evidence',
      'E-0001',
    );
    expect(validated).toMatch(
      /^Recorded validation [0-9a-f-]{36} of demand [0-9a-f-]{36}: confirmed, by Dana Whitfield at 2026-11-21 14:00:00 \+01:00 \(2026-11-21T13:00:00.000Z\); exhibit E-0001/,
    );

    const decided = await ok(
      'demand',
      'decide',
      path,
      demandId,
      '--decision',
      'do-not-pay',
      '--reasons',
      'Sanctioned actor',
      '--decided-by',
      'Maria Okafor',
      '--at',
      '2026-11-22 10:00',
      '--zone',
      'Europe/Berlin',
      '--counsel',
      'Johanna Weber',
      '--signed-at',
      '2026-11-22 11:00',
      '--as',
      'Sam Lee, Counsel liaison, Northwind',
    );
    expect(decided).toMatch(
      /Do not pay: decided by Maria Okafor 2026-11-22 10:00:00 \+01:00 Europe\/Berlin; counsel Johanna Weber signed off 2026-11-22 11:00:00 \+01:00 Europe\/Berlin/,
    );
    // A demand in the record names a payment: the notice is printed first, whatever is decided, and
    // the decision records that it was shown.
    expect(decided).toMatch(/^SANCTIONS: before any payment\n[\s\S]*\n\nRecorded decision /);
    expect(decided).toContain('The sanctions notice above was shown before the decision was recorded.');
    expect(
      readCase(path, (db) =>
        db.prepare('SELECT sanctions_shown FROM extortion_decision WHERE decided_by = ?').pluck().get('Maria Okafor'),
      ),
    ).toBe(1);
    expect(
      readCase(path, (db) => db.prepare('SELECT actor_name FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get()),
    ).toBe('Sam Lee');

    // Deciding to pay prints the notice again.
    const pay = await ok(
      'demand',
      'decide',
      path,
      '--decision',
      'pay',
      '--reasons',
      'Board vote',
      '--decided-by',
      'Board',
      '--at',
      '2026-11-23T10:00Z',
    );
    expect(pay).toMatch(/Pay: decided by Board 2026-11-23 10:00:00 UTC; no counsel sign-off yet/);
    expect(pay.indexOf('SANCTIONS: before any payment')).toBe(0);

    const list = await ok('demand', 'list', path);
    expect(list).toMatch(/^1 message, 3 demands, 2 decisions; now /);
    expect(list).toContain(
      `Demand ${demandId}  OPEN\n  0.5 BTC to ${WALLET}\n  pay-to is indicator ${ids.wallet} of this case`,
    );
    expect(list).toMatch(/deadline 2099-01-01T03:00:00.000Z \(2099-01-01 12:00:00 \+09:00 Asia\/Seoul\); in \d+ d/);
    expect(list).toContain('in the telegram message from @kim_dev received 2026-11-21 08:15:00 +09:00 Asia/Seoul');
    expect(list).toMatch(
      /validation CONFIRMED: ledger\.ts compared against git main 4f2c9e1; by Dana Whitfield .*; exhibit E-0001/,
    );
    expect(list).toMatch(/decision Do not pay: decided by Maria Okafor/);
    expect(list).toContain('Decisions on the extortion as a whole:\n  Pay: decided by Board');
    expect(list).toContain('claims not checked yet');
    expect(list).toContain('SANCTIONS: before any payment');
    const json = JSON.parse(await ok('demand', 'list', path, '--json')) as ExtortionRecord;
    expect(json.demands.find((d) => d.id === demandId)).toMatchObject({ payToIndicatorId: ids.wallet });
    expect(json.sanctions.sources.length).toBeGreaterThan(3);

    // Mistakes: exit 2 with the option named, nothing written.
    const before = auditActions(path).length;
    const noAsset = await custos('demand', 'add', path, '--threat', 't', '--amount', '5');
    expect(noAsset.status).toBe(2);
    expect(noAsset.stderr).toMatch(/Asset: say what the amount is in/);
    const badAmount = await custos('demand', 'add', path, '--threat', 't', '--amount', '5 BTC');
    expect(badAmount.status).toBe(2);
    expect(badAmount.stderr).toMatch(/--amount: amount must be a number/);
    const badId = await custos('demand', 'validate', path, 'nope', '--samples', 's', '--compared-against', 'c');
    expect(badId.status).toBe(2);
    expect(badId.stderr).toMatch(/DEMAND: expected an id/);
    const noZone = await custos('message', 'add', path, '--at', '2026-11-21 08:15', '--summary', 's');
    expect(noZone.status).toBe(2);
    expect(noZone.stderr).toMatch(/Received at: .*has no offset/);
    // A wallet with one character wrong: its checksum fails, and nothing is written.
    const typo = await custos(
      'demand',
      'add',
      path,
      '--threat',
      't',
      '--amount',
      '1',
      '--asset',
      'BTC',
      '--pay-to',
      `${WALLET.slice(0, -1)}r`,
    );
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe(
      `custos: Wallet or account: the pay-to ${WALLET.slice(0, -1)}r fails its checksum: a character is wrong or two are swapped (read as a Bitcoin address); check the address character by character\n`,
    );
    // Counsel cannot sign off before the decision was taken.
    const early = await custos(
      'demand',
      'decide',
      path,
      demandId,
      '--decision',
      'defer',
      '--reasons',
      'r',
      '--decided-by',
      'p',
      '--at',
      '2026-11-24 10:00',
      '--zone',
      'Europe/Berlin',
      '--counsel',
      'J. Weber',
      '--signed-at',
      '2026-11-24 09:00',
    );
    expect(early.status).toBe(2);
    expect(early.stderr).toContain(
      'Counsel signed at: 2026-11-24 09:00:00 +01:00 Europe/Berlin is before the decision was taken (2026-11-24 10:00:00 +01:00 Europe/Berlin)',
    );
    expect(auditActions(path).length).toBe(before);

    // With --json, stdout is one JSON object carrying the notice. Piped (stderr not a terminal), no one
    // read the notice before the write: recorded as not shown.
    const decideJson = ['demand', 'decide', path, '--decision', 'defer', '--reasons', 'r', '--decided-by', 'p'];
    const piped = await custos(...decideJson, '--at', '2026-11-25T10:00Z', '--json');
    expect(piped).toMatchObject({ status: 0, stderr: '' });
    const pipedJson = JSON.parse(piped.stdout) as { decision: ExtortionDecision; sanctions: unknown };
    expect(pipedJson.decision.sanctionsShown).toBe(false);
    expect(pipedJson.sanctions).toEqual(sanctionsNotice());
    // At a terminal, the notice goes to stderr before the write, and the decision records it shown.
    let out = '';
    let err = '';
    const status = await runCli(
      [...decideJson, '--at', '2026-11-25T11:00Z', '--json'],
      {
        out: (text) => (out += `${text}\n`),
        err: (text) => {
          // Printed before the decision was written: the file holds no decision at 11:00 yet.
          const written = readCase(path, (db) =>
            db
              .prepare('SELECT count(*) FROM extortion_decision WHERE decided_at = ?')
              .pluck()
              .get('2026-11-25T11:00:00.000Z'),
          );
          err += `${text}\n(${String(written)} written)\n`;
        },
      },
      { dataDir, interactive: true },
    );
    expect(status).toBe(0);
    expect(err).toMatch(/^SANCTIONS: before any payment\n[\s\S]*\n\(0 written\)\n$/);
    expect((JSON.parse(out) as { decision: ExtortionDecision }).decision.sanctionsShown).toBe(true);

    expect((await custos('verify', path)).status).toBe(0);
  });
});

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type {
  ClaimValidation,
  DecisionDraft,
  DemandDraft,
  DemandPatch,
  ExtortionDecision,
  ExtortionDemand,
  ExtortionMessage,
  ExtortionRecord,
  MessageDraft,
  SanctionsNotice,
  SignOffRequest,
  ValidationDraft,
} from '../../../shared/domain/extortion.ts';
import type { Indicator, IndicatorType } from '../../../shared/domain/indicator.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { normaliseIndicator } from '../indicators/normalise.ts';
import { CustosError } from '../errors.ts';
import { resourcesDir } from '../resources.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import type { MutationContext } from '../store/db/mutate.ts';
import { getExtortion, insertExtortion, listExtortion, updateExtortion } from '../store/tables/extortion.ts';
import type { ExtortionKind, ExtortionValues } from '../store/tables/extortion.ts';
import { getIndicator, indicatorsByNormalised } from '../store/tables/indicators.ts';
import { evidenceDetail } from './evidence/register.ts';
import { resolveOrExplain, timeOrNow } from './timeInput.ts';

/**
 * The extortion record of a case: the messages received, what each demands by when, whether the
 * claims hold, and what the company decided with counsel. Nothing is deleted; a wrong entry is
 * marked removed. Beside every demand that names a payment stands the sanctions notice: paying a
 * DPRK actor is not a business decision alone.
 */

const NoticeFile = z
  .object({
    version: z.string().min(1),
    description: z.string(),
    text: z.string().min(1),
    sources: z.array(z.object({ name: z.string().min(1), url: z.string().url() }).strict()).min(1),
  })
  .strict();

/** The sanctions notice shipped with Custos (resources/sanctions/dprk-payment-notice.json), checked when read. */
export function sanctionsNotice(file = join(resourcesDir(), 'sanctions', 'dprk-payment-notice.json')): SanctionsNotice {
  let parsed;
  try {
    parsed = NoticeFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new CustosError('CORRUPT', `${file} is not readable JSON (${(error as Error).message}); reinstall Custos`);
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CustosError('CORRUPT', `${file}: $.${issue.path.join('.')}: ${issue.message}; reinstall Custos`);
  }
  return { text: parsed.data.text, sources: parsed.data.sources.map((s) => ({ name: s.name, url: s.url })) };
}

/** Whether a demand names a payment: an amount, or somewhere to pay it. */
export const namesPayment = (demand: Pick<ExtortionDemand, 'amount' | 'payTo'>): boolean =>
  demand.amount !== '' || demand.payTo !== '';

export function extortionRecord(caseDb: CaseDb): ExtortionRecord {
  return {
    messages: listExtortion(caseDb, 'message'),
    demands: listExtortion(caseDb, 'demand'),
    validations: listExtortion(caseDb, 'validation'),
    decisions: listExtortion(caseDb, 'decision'),
    sanctions: sanctionsNotice(),
  };
}

/** An entry that exists and was not removed: what a new entry may point at. */
function live<K extends ExtortionKind>(caseDb: CaseDb, kind: K, id: string) {
  const entry = getExtortion(caseDb, kind, id);
  if (entry.removed) {
    throw new CustosError(
      'INVALID_INPUT',
      `extortion ${kind} ${id} was removed; point at one that is still in the record`,
    );
  }
  return entry;
}

function liveIndicator(caseDb: CaseDb, id: string, what: string): Indicator {
  const indicator = getIndicator(caseDb, id);
  if (indicator.removed) {
    throw new CustosError('INVALID_INPUT', `${what}: indicator ${id} was removed; add it again or name another`);
  }
  return indicator;
}

/** Whether a wallet or account as written is this indicator: the same canonical form, normalised as its type. */
function isSameValue(indicator: Indicator, written: string): boolean {
  if (written.trim() === indicator.value.trim()) return true;
  const result = normaliseIndicator(indicator.type, written);
  return result.ok && result.value === indicator.normalised;
}

/**
 * Whether a sender as a message shows it is this indicator: its value or canonical form without
 * regard to case (a display of "KIM.DEV@PROTON.ME"), or the same canonical form once normalised.
 */
function isSameSender(indicator: Indicator, written: string): boolean {
  const text = written.trim().toLowerCase();
  if (text === indicator.value.trim().toLowerCase() || text === indicator.normalised.toLowerCase()) return true;
  return isSameValue(indicator, written);
}

/** A time with the zone it was entered in, for a message: "2026-11-22 10:00:00 +01:00 Europe/Berlin". */
function shown(utc: string, zone: string): string {
  const text = formatZoned(utc, zone);
  return text.endsWith(zone) ? text : `${text} ${zone}`;
}

const exhibitId = (caseDb: CaseDb, exhibit: string | undefined) =>
  exhibit ? evidenceDetail(caseDb, exhibit).item.id : null;

const BASE58 = '[1-9A-HJ-NP-Za-km-z]';

/**
 * The kinds of wallet or account a pay-to is plainly meant to be, by its prefix or shape, so a typo
 * in one is caught by its checksum: bc1… (Bitcoin segwit), 1… or 3… with 25 to 34 more Base58
 * characters (legacy Bitcoin), 0x and 40 hex digits (Ethereum), T and 33 Base58 characters (TRON),
 * two letters and two digits then the account (IBAN).
 */
const PAY_TO_SHAPES: readonly { type: IndicatorType; label: string; shape: (text: string) => boolean }[] = [
  { type: 'btc', label: 'a Bitcoin address', shape: (t) => /^bc1/i.test(t) },
  {
    type: 'btc',
    label: 'a Bitcoin address',
    // Letters as well as digits: a long account number of digits alone is not taken for an address.
    shape: (t) => new RegExp(`^[13]${BASE58}{25,34}$`).test(t) && /[A-Za-z]/.test(t),
  },
  { type: 'eth', label: 'an Ethereum address', shape: (t) => /^0x[0-9a-f]{40}$/i.test(t) },
  { type: 'tron', label: 'a TRON address', shape: (t) => new RegExp(`^T${BASE58}{33}$`).test(t) },
  {
    type: 'iban',
    label: 'an IBAN',
    shape: (t) => /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(t.replace(/[\s-]/g, '').toUpperCase().replace(/^IBAN/, '')),
  },
];

/** A pay-to shaped like a checked kind must pass that kind's check; a typo would send money elsewhere. */
function checkPayTo(payTo: string): void {
  const text = payTo.trim();
  const kind = PAY_TO_SHAPES.find((k) => k.shape(text));
  if (!kind) return;
  const result = normaliseIndicator(kind.type, text);
  if (!result.ok) {
    throw new CustosError(
      'INVALID_INPUT',
      `Wallet or account: the pay-to ${text} ${result.reason} (read as ${kind.label}); check the address character by character`,
    );
  }
}

/** The kinds a wallet or account written in a demand can be, tried in turn. */
const PAYMENT_TYPES: readonly IndicatorType[] = ['btc', 'eth', 'tron', 'iban', 'email', 'payment-account', 'wallet'];

/**
 * The live indicator already in the case whose canonical form is this wallet or account, tried as
 * each kind it could be (a Bitcoin address, an IBAN, an e-mail…): the demand then points at it.
 */
function matchingIndicator(caseDb: CaseDb, payTo: string): string | null {
  const forms = new Map<string, IndicatorType[]>();
  for (const type of PAYMENT_TYPES) {
    const result = normaliseIndicator(type, payTo);
    if (result.ok) forms.set(result.value, [...(forms.get(result.value) ?? []), type]);
  }
  if (forms.size === 0) return null;
  const found = indicatorsByNormalised(caseDb, [...forms.keys()]).filter((i) =>
    forms.get(i.normalised)?.includes(i.type),
  );
  // The most specific kind wins (a checked Bitcoin address before an unchecked "wallet").
  found.sort((a, b) => PAYMENT_TYPES.indexOf(a.type) - PAYMENT_TYPES.indexOf(b.type));
  return found[0]?.id ?? null;
}

export function addMessage(
  caseDb: CaseDb,
  ctx: MutationContext,
  draft: z.output<typeof MessageDraft>,
): ExtortionMessage {
  const received = resolveOrExplain(draft.at, draft.zone, 'Received at');
  const indicator = draft.senderIndicatorId ? liveIndicator(caseDb, draft.senderIndicatorId, 'Sender') : null;
  // The sender as written and the indicator chosen for it must be the same address or account.
  if (indicator && draft.sender.trim() && !isSameSender(indicator, draft.sender)) {
    throw new CustosError(
      'INVALID_INPUT',
      `Sender: ${draft.sender.trim()} is not indicator ${indicator.id} (${indicator.type} ${indicator.value}); correct the sender, choose the indicator it is, or leave one of them out`,
    );
  }
  const values: ExtortionValues<'message'> = {
    receivedAt: received.utc,
    zone: received.zone,
    channel: draft.channel,
    sender: draft.sender,
    senderIndicatorId: indicator?.id ?? null,
    summary: draft.summary,
    body: draft.body,
    evidenceItemId: exhibitId(caseDb, draft.evidence),
  };
  const id = randomUUID();
  insertExtortion(caseDb, ctx, 'message', id, values);
  return getExtortion(caseDb, 'message', id);
}

export function addDemand(caseDb: CaseDb, ctx: MutationContext, draft: z.output<typeof DemandDraft>): ExtortionDemand {
  if (draft.amount && !draft.asset) {
    throw new CustosError('INVALID_INPUT', 'Asset: say what the amount is in (BTC, USDT, USD…)');
  }
  const deadline = draft.deadline ? resolveOrExplain(draft.deadline, draft.zone, 'Deadline') : null;
  if (!deadline && draft.zone) throw new CustosError('INVALID_INPUT', 'Deadline: give the deadline with its zone');
  if (draft.payTo) checkPayTo(draft.payTo);
  const indicator = draft.payToIndicatorId ? liveIndicator(caseDb, draft.payToIndicatorId, 'Wallet or account') : null;
  // The wallet as written and the indicator chosen for it must be the same wallet (canonical forms compared).
  if (indicator && draft.payTo.trim() && !isSameValue(indicator, draft.payTo)) {
    throw new CustosError(
      'INVALID_INPUT',
      `Wallet or account: the pay-to ${draft.payTo.trim()} is not indicator ${indicator.id} (${indicator.type} ${indicator.value}); correct the pay-to, choose the indicator it is, or leave one of them out`,
    );
  }
  const values: ExtortionValues<'demand'> = {
    messageId: draft.messageId ? live(caseDb, 'message', draft.messageId).id : null,
    amount: draft.amount ?? '',
    asset: draft.asset,
    payTo: draft.payTo,
    payToIndicatorId: indicator ? indicator.id : draft.payTo ? matchingIndicator(caseDb, draft.payTo) : null,
    deadlineAt: deadline?.utc ?? null,
    deadlineZone: deadline?.zone ?? null,
    threat: draft.threat,
    offeredProof: draft.offeredProof,
    status: 'open',
  };
  const id = randomUUID();
  insertExtortion(caseDb, ctx, 'demand', id, values);
  return getExtortion(caseDb, 'demand', id);
}

/** A demand's status, or its deadline (moved, or cleared with null). */
export function updateDemand(
  caseDb: CaseDb,
  ctx: MutationContext,
  id: string,
  patch: z.output<typeof DemandPatch>,
): ExtortionDemand {
  const current = live(caseDb, 'demand', id);
  const values: Partial<ExtortionValues<'demand'>> = {};
  if (patch.status !== undefined) values.status = patch.status;
  if (patch.deadline) {
    const time = resolveOrExplain(patch.deadline, patch.zone ?? current.deadlineZone ?? undefined, 'Deadline');
    values.deadlineAt = time.utc;
    values.deadlineZone = time.zone;
  } else if (patch.deadline !== undefined) {
    values.deadlineAt = null;
    values.deadlineZone = null;
  } else if (patch.zone !== undefined) {
    throw new CustosError('INVALID_INPUT', 'Deadline: give the deadline together with its zone');
  }
  // Only what differs from the demand as it stands is written; nothing at all when nothing differs,
  // so a repeated update leaves no audit entry for a change that did not happen.
  const changed = Object.fromEntries(
    Object.entries(values).filter(([key, value]) => current[key as keyof typeof values] !== value),
  ) as Partial<ExtortionValues<'demand'>>;
  if (Object.keys(changed).length === 0) return current;
  updateExtortion(caseDb, ctx, 'demand', id, changed);
  return getExtortion(caseDb, 'demand', id);
}

export function addValidation(
  caseDb: CaseDb,
  ctx: MutationContext,
  draft: z.output<typeof ValidationDraft>,
): ClaimValidation {
  live(caseDb, 'demand', draft.demandId);
  // When it was checked: as entered; else now, unless nothing has been checked yet (pending).
  const at = draft.at || draft.result !== 'pending' ? timeOrNow(draft.at, draft.zone, ctx.clock(), 'Checked at') : null;
  const values: ExtortionValues<'validation'> = {
    demandId: draft.demandId,
    samples: draft.samples,
    comparedAgainst: draft.comparedAgainst,
    result: draft.result,
    validatedBy: ctx.actor.name,
    validatedAt: at?.utc ?? null,
    validatedZone: at?.zone ?? null,
    evidenceItemId: exhibitId(caseDb, draft.evidence),
    notes: draft.notes,
  };
  const id = randomUUID();
  insertExtortion(caseDb, ctx, 'validation', id, values);
  return getExtortion(caseDb, 'validation', id);
}

/** Counsel signs off a decision already taken: a sign-off dated before the decision is a wrong date. */
function refuseEarlySignOff(signed: { utc: string; zone: string }, decidedAt: string, decidedZone: string): void {
  if (Date.parse(signed.utc) < Date.parse(decidedAt)) {
    throw new CustosError(
      'INVALID_INPUT',
      `Counsel signed at: ${shown(signed.utc, signed.zone)} is before the decision was taken (${shown(decidedAt, decidedZone)}); counsel signs off a decision already made, so check both dates`,
    );
  }
}

/**
 * The decision on a demand (or on the extortion as a whole), by the person who made it, with
 * counsel's sign-off now or later. `sanctionsShown` records whether the sanctions notice was shown
 * when the decision was recorded: as the caller says (the app's form, the CLI that printed it), or,
 * when it does not say, whether a live demand naming a payment was in the record, beside which the
 * notice always stands.
 */
export function decide(caseDb: CaseDb, ctx: MutationContext, draft: z.output<typeof DecisionDraft>): ExtortionDecision {
  if (draft.demandId) live(caseDb, 'demand', draft.demandId);
  const decided = resolveOrExplain(draft.at, draft.zone, 'Decided at');
  if (draft.counselSignedAt && !draft.counsel) {
    throw new CustosError('INVALID_INPUT', "Counsel's name: name the counsel who signed off");
  }
  const signed = draft.counselSignedAt
    ? resolveOrExplain(draft.counselSignedAt, draft.zone ?? decided.zone, 'Counsel signed at')
    : null;
  if (signed) refuseEarlySignOff(signed, decided.utc, decided.zone);
  const values: ExtortionValues<'decision'> = {
    demandId: draft.demandId ?? null,
    decision: draft.decision,
    reasons: draft.reasons,
    decidedBy: draft.decidedBy,
    decidedAt: decided.utc,
    decidedZone: decided.zone,
    counsel: draft.counsel,
    counselSignedAt: signed?.utc ?? null,
    counselSignedZone: signed?.zone ?? null,
    sanctionsShown: draft.sanctionsShown ?? listExtortion(caseDb, 'demand').some(namesPayment),
  };
  const id = randomUUID();
  insertExtortion(caseDb, ctx, 'decision', id, values);
  return getExtortion(caseDb, 'decision', id);
}

/** Counsel's sign-off, added once: a signed decision is never signed over. */
export function signOff(
  caseDb: CaseDb,
  ctx: MutationContext,
  request: z.output<typeof SignOffRequest>,
): ExtortionDecision {
  const decision = live(caseDb, 'decision', request.id);
  if (decision.counselSignedAt) {
    throw new CustosError(
      'ALREADY_EXISTS',
      `the decision ${decision.id} was already signed off by ${decision.counsel || 'counsel'} at ${decision.counselSignedAt}; a sign-off is not replaced (record a new decision if it changed)`,
    );
  }
  const signed = resolveOrExplain(request.at, request.zone ?? decision.decidedZone, 'Signed at');
  refuseEarlySignOff(signed, decision.decidedAt, decision.decidedZone);
  updateExtortion(
    caseDb,
    ctx,
    'decision',
    decision.id,
    { counsel: request.counsel, counselSignedAt: signed.utc, counselSignedZone: signed.zone },
    'extortion.decision.signoff',
  );
  return getExtortion(caseDb, 'decision', decision.id);
}

/** Marks an entry removed; it stays in the file and the audit log. */
export function removeExtortion(caseDb: CaseDb, ctx: MutationContext, kind: ExtortionKind, id: string): void {
  const entry = getExtortion(caseDb, kind, id);
  if (entry.removed) throw new CustosError('INVALID_INPUT', `extortion ${kind} ${id} was already removed`);
  updateExtortion(caseDb, ctx, kind, id, { removed: true }, `extortion.${kind}.remove`);
}

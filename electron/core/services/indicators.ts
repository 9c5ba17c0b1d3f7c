import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { Confidence, TYPES_WITH_PLATFORM } from '../../../shared/domain/indicator.ts';
import type {
  Indicator,
  IndicatorBulkRequest,
  IndicatorBulkResult,
  IndicatorCheckResult,
  IndicatorDraft,
  IndicatorLineVerdict,
  IndicatorPatch,
  IndicatorRow,
  IndicatorType,
} from '../../../shared/domain/indicator.ts';
import { Tlp } from '../../../shared/domain/case.ts';
import { cut, escapeControl } from '../../../shared/logic/text.ts';
import { CustosError } from '../errors.ts';
import { parseIndicatorList } from '../indicators/list.ts';
import type { ListEntry } from '../indicators/list.ts';
import { namesChain, normaliseIndicator, platformOfProfileUrl, walletChainOf } from '../indicators/normalise.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import type { MutationContext } from '../store/db/mutate.ts';
import { getEvidence, listEvidence } from '../store/tables/evidenceItems.ts';
import {
  findIndicator,
  getIndicator,
  indicatorsByNormalised,
  listIndicators,
  updateIndicator,
  writeIndicators,
} from '../store/tables/indicators.ts';
import type { IndicatorValues, IndicatorWrite } from '../store/tables/indicators.ts';
import { getSubject, linksToTargets, listSubjects } from '../store/tables/subjects.ts';
import { resolveOrExplain } from './timeInput.ts';

/**
 * Indicators of a case: each stored as first entered and in its one canonical form, so the same
 * wallet, account or address entered again (another case, spacing, a Unicode domain, a long IPv6)
 * is recognised as the one already there, and a typo is refused with the reason before it is
 * written. An indicator belongs to subjects through subject links (target type indicator).
 */

/** The relation of the link an indicator gets to the subjects it is added for. */
export const INDICATOR_LINK_RELATION = 'used';

const shown = (text: string) => escapeControl(cut(text, 100));

/** What each type with a platform is asked for, with an example of a list line. */
const PLATFORM_HINTS: Partial<Record<IndicatorType, string>> = {
  username: 'the site or app it is on, such as github, linkedin, telegram, slack (username/github:octocat)',
  'payment-account': 'the provider, such as payoneer, wise, paypal (payoneer:jane@example.com)',
  wallet: 'the chain, such as xmr, ltc, ada (wallet/xmr:4…)',
  'remote-tool': 'the tool or device, such as anydesk, teamviewer, pikvm, tinypilot (remote-tool/anydesk:123 456 789)',
};

/**
 * Names people write for one platform, mapped to the one stored: "twitter" and "x" stored apart
 * would make one account two indicators. Short on purpose: only names nobody could mean otherwise.
 */
export const PLATFORM_ALIASES: Readonly<Record<string, string>> = {
  twitter: 'x',
  'twitter.com': 'x',
  'x.com': 'x',
  'linked in': 'linkedin',
  'linked-in': 'linkedin',
  tg: 'telegram',
  fb: 'facebook',
  ig: 'instagram',
  'any desk': 'anydesk',
  'team viewer': 'teamviewer',
  monero: 'xmr',
  litecoin: 'ltc',
};

/** A platform as stored: trimmed, lower case, inner spaces made one, an alias made its one name. */
export function tidyPlatform(platform: string): string {
  const tidy = platform.trim().toLowerCase().replace(/\s+/g, ' ');
  return Object.hasOwn(PLATFORM_ALIASES, tidy) ? PLATFORM_ALIASES[tidy]! : tidy;
}

/** Why a platform does not fit the type (missing where it is needed, given where it means nothing), or null. */
export function platformProblem(type: IndicatorType, platform: string): string | null {
  const needs = TYPES_WITH_PLATFORM.includes(type);
  if (needs && !platform) return `${type} needs its platform: ${PLATFORM_HINTS[type]}`;
  if (!needs && platform) {
    return `${type} takes no platform (only ${TYPES_WITH_PLATFORM.join(', ')} do); leave the platform empty`;
  }
  return null;
}

/** An indicator as a person gave it: one field form, one line of a list. */
type Candidate = {
  type: IndicatorType;
  value: string;
  platform: string;
  firstSeen?: string | undefined;
  lastSeen?: string | undefined;
  zone?: string | undefined;
  sourceItemId: string | null;
  confidence: Confidence;
  tlp: Tlp;
  notes: string;
};

type Prepared = { ok: true; values: IndicatorValues; note: string } | { ok: false; reason: string };

/** A value in its canonical form with the type and platform it is stored under, or why it is refused. */
type Canonical =
  { ok: true; type: IndicatorType; platform: string; normalised: string; note: string } | { ok: false; reason: string };

/**
 * The type, platform and canonical form a value is stored under. A wallet of a chain Custos checks
 * (wallet/btc:…, wallet/usdt:T…, or an address that passes a chain's checks) is stored as that
 * chain's type, checksum checked, so it is one indicator with the same address entered as btc:….
 * A profile link gives its platform. Whether the type needs a platform is not asked here (a check
 * as it is typed has none yet). The reason reads on from the value ("fails its checksum…").
 */
function canonical(type: IndicatorType, givenPlatform: string, value: string): Canonical {
  let platform = tidyPlatform(givenPlatform);
  const chain = type === 'wallet' ? walletChainOf(platform, value) : null;
  if (chain) {
    const result = normaliseIndicator(chain, value);
    if (!result.ok) return { ok: false, reason: `is checked as ${chain} and ${result.reason}` };
    const dropped = platform && !namesChain(platform) ? `; the platform ${platform} is not kept` : '';
    const note = [`stored as ${chain}${dropped}`, result.note].filter(Boolean).join('; ');
    return { ok: true, type: chain, platform: '', normalised: result.value, note };
  }
  const normalised = normaliseIndicator(type, value);
  if (!normalised.ok) return { ok: false, reason: normalised.reason };
  const fromLink = type === 'username' ? platformOfProfileUrl(value) : undefined;
  if (fromLink && !platform) platform = fromLink;
  if (fromLink && platform !== fromLink) {
    return { ok: false, reason: `is a ${fromLink} profile link, but the platform given is ${platform}` };
  }
  return { ok: true, type, platform, normalised: normalised.value, note: normalised.note ?? '' };
}

const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A time a person typed, made UTC, with the zone it was read in; null when none was typed. A zone
 * typed with it must agree with an offset typed in it; a zone only assumed (the examiner's, the
 * one the indicator's times were typed in before) applies to a wall time alone.
 */
function seenTime(
  at: string | null | undefined,
  typedZone: string | undefined,
  assumed: string | undefined,
  what: string,
) {
  if (!at) return null;
  const zone = typedZone?.trim() || (HAS_OFFSET.test(at.trim()) ? undefined : assumed);
  return resolveOrExplain(at, zone, what);
}

/**
 * The row an indicator would be: its canonical form, its platform checked, its times made UTC
 * (read in the zone given with them, else in `defaultZone`, the examiner's, else they need an
 * offset); or why it is refused, naming the type and the value.
 */
function prepare(candidate: Candidate, defaultZone: string | undefined): Prepared {
  const value = candidate.value.trim();
  // The normaliser's reasons read on from the value ("btc 1A1z… fails its checksum"); others follow a colon.
  const refuse = (reason: string, joiner = ' '): Prepared => ({
    ok: false,
    reason: `${candidate.type} ${shown(value)}${joiner}${reason}`,
  });
  const found = canonical(candidate.type, candidate.platform, value);
  if (!found.ok) return refuse(found.reason);
  const { type, platform } = found;
  const problem = platformProblem(type, platform);
  if (problem) return refuse(problem, ': ');
  let firstSeen: string | null;
  let lastSeen: string | null;
  let seenZone: string | null;
  try {
    const first = seenTime(candidate.firstSeen, candidate.zone, defaultZone, 'First seen');
    const last = seenTime(candidate.lastSeen, candidate.zone, defaultZone, 'Last seen');
    [firstSeen, lastSeen, seenZone] = [first?.utc ?? null, last?.utc ?? null, (first ?? last)?.zone ?? null];
  } catch (error) {
    if (error instanceof CustosError) return refuse(error.message, ': ');
    throw error;
  }
  if (firstSeen && lastSeen && lastSeen < firstSeen) {
    return refuse(`last seen (${lastSeen}) is before first seen (${firstSeen}); check the two times`, ': ');
  }
  return {
    ok: true,
    note: found.note,
    values: {
      type,
      value,
      normalised: found.normalised,
      platform,
      firstSeen,
      lastSeen,
      seenZone,
      sourceItemId: candidate.sourceItemId,
      confidence: candidate.confidence,
      tlp: candidate.tlp,
      notes: candidate.notes,
    },
  };
}

/** Subjects an indicator is added for: each in the case and not removed. */
function liveSubjectIds(caseDb: CaseDb, ids: readonly string[]): string[] {
  return [...new Set(ids)].map((id) => {
    const subject = getSubject(caseDb, id);
    if (subject.removed) {
      throw new CustosError('NOT_FOUND', `subject "${shown(subject.name)}" was removed from this case; choose another`);
    }
    return subject.id;
  });
}

/** The evidence item a source names (exhibit number or id), or null when none is named. */
function sourceItem(caseDb: CaseDb, source: string | null | undefined): string | null {
  return source ? getEvidence(caseDb, source).id : null;
}

/** Which subjects each indicator already belongs to (live links). */
function subjectsByIndicator(caseDb: CaseDb): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const link of linksToTargets(caseDb, 'indicator')) {
    const set = map.get(link.targetId) ?? new Set<string>();
    set.add(link.subjectId);
    map.set(link.targetId, set);
  }
  return map;
}

/** Indicators as lists show them: with the subjects each belongs to and the exhibit it was seen in. */
function rowsOf(caseDb: CaseDb, indicators: readonly Indicator[]): IndicatorRow[] {
  const names = new Map(listSubjects(caseDb).map((s) => [s.id, s.name]));
  const exhibits = new Map(listEvidence(caseDb).map((e) => [e.id, e.exhibit]));
  const subjects = new Map<string, { id: string; name: string }[]>();
  for (const link of linksToTargets(caseDb, 'indicator')) {
    const name = names.get(link.subjectId);
    const list = subjects.get(link.targetId) ?? [];
    if (name !== undefined && !list.some((s) => s.id === link.subjectId)) list.push({ id: link.subjectId, name });
    subjects.set(link.targetId, list);
  }
  return indicators.map((indicator) => ({
    ...indicator,
    subjects: subjects.get(indicator.id) ?? [],
    sourceExhibit: indicator.sourceItemId ? (exhibits.get(indicator.sourceItemId) ?? null) : null,
  }));
}

export function listIndicatorRows(caseDb: CaseDb, type?: IndicatorType): IndicatorRow[] {
  return rowsOf(
    caseDb,
    listIndicators(caseDb).filter((i) => !type || i.type === type),
  );
}

export function indicatorRow(caseDb: CaseDb, id: string): IndicatorRow {
  return rowsOf(caseDb, [getIndicator(caseDb, id)])[0]!;
}

/**
 * The canonical form of a value, or why it is refused, and the indicator already in the case with
 * it. With a platform (or one a profile link gives), only the indicator on that platform is the
 * same one: octocat on github is not octocat on telegram. No write.
 */
export function checkIndicator(
  caseDb: CaseDb | null,
  type: IndicatorType,
  value: string,
  platform = '',
): IndicatorCheckResult {
  const result = canonical(type, platform, value);
  if (!result.ok) return { ok: false, normalised: '', note: '', reason: result.reason, existingId: null };
  const onPlatform = TYPES_WITH_PLATFORM.includes(result.type) && result.platform !== '';
  const existing = caseDb
    ? indicatorsByNormalised(caseDb, [result.normalised]).find(
        (i) => i.type === result.type && (!onPlatform || i.platform === result.platform),
      )
    : undefined;
  return { ok: true, normalised: result.normalised, note: result.note, reason: '', existingId: existing?.id ?? null };
}

const keyOf = (v: Pick<Indicator, 'type' | 'platform' | 'normalised'>) =>
  `${v.type}\u0000${v.platform}\u0000${v.normalised}`;

const linkRows = (indicatorId: string, subjectIds: readonly string[]) =>
  subjectIds.map((subjectId) => ({ id: randomUUID(), subjectId, indicatorId, relation: INDICATOR_LINK_RELATION }));

/** What a removed indicator given again is brought back with: what was given now, the rest as it was. */
function restoreValues(values: IndicatorValues): Partial<IndicatorValues> {
  const { firstSeen, lastSeen, seenZone, sourceItemId, confidence, tlp, notes } = values;
  return {
    confidence,
    tlp,
    ...(firstSeen || lastSeen ? { firstSeen, lastSeen, seenZone } : {}),
    ...(sourceItemId ? { sourceItemId } : {}),
    ...(notes ? { notes } : {}),
  };
}

/**
 * Adds one indicator, or finds it already in the case in another form (verdict "already present",
 * no new row; the subjects given that it does not yet belong to are linked). A removed one is
 * brought back. The indicator and its subject links are one audited write.
 */
export function addIndicator(
  caseDb: CaseDb,
  ctx: MutationContext,
  draft: z.output<typeof IndicatorDraft>,
  defaultZone?: string,
): { indicator: IndicatorRow; verdict: IndicatorLineVerdict } {
  const subjectIds = liveSubjectIds(caseDb, draft.subjectIds);
  const prepared = prepare({ ...draft, sourceItemId: sourceItem(caseDb, draft.source) }, defaultZone);
  if (!prepared.ok) throw new CustosError('INVALID_INPUT', prepared.reason);
  const values = prepared.values;
  const existing = findIndicator(caseDb, values.type, values.platform, values.normalised);
  const id = existing?.id ?? randomUUID();
  const already = subjectsByIndicator(caseDb).get(id) ?? new Set();
  const links = linkRows(
    id,
    subjectIds.filter((s) => !already.has(s)),
  );
  const entity = { type: 'indicator', id };
  const verdict = (kind: IndicatorLineVerdict['verdict'], reason: string): IndicatorLineVerdict => ({
    line: 1,
    verdict: kind,
    type: values.type,
    input: values.value,
    normalised: values.normalised,
    reason,
  });
  let result: IndicatorLineVerdict;
  if (existing && !existing.removed) {
    if (links.length > 0) writeIndicators(caseDb, ctx, entity, 'indicator.link', [], links);
    result = verdict(
      'already present',
      `already in the case${existing.value !== values.value ? ` (entered as ${existing.value})` : ''}`,
    );
  } else if (existing) {
    writeIndicators(
      caseDb,
      ctx,
      entity,
      'indicator.restore',
      [{ kind: 'restore', id, values: restoreValues(values) }],
      links,
    );
    result = verdict('added', 'brought back: it had been removed');
  } else {
    writeIndicators(caseDb, ctx, entity, 'indicator.add', [{ kind: 'insert', id, values }], links);
    result = verdict('added', prepared.note);
  }
  return { indicator: indicatorRow(caseDb, id), verdict: result };
}

/** Changes what is known about an indicator; its type and value stay (a different value is another indicator). */
export function editIndicator(
  caseDb: CaseDb,
  ctx: MutationContext,
  id: string,
  patch: z.output<typeof IndicatorPatch>,
  defaultZone?: string,
): IndicatorRow {
  const current = getIndicator(caseDb, id);
  const label = `${current.type} ${shown(current.normalised)}`;
  if (current.removed) {
    throw new CustosError('NOT_FOUND', `${label} was removed from this case; add it again to bring it back`);
  }
  const values: Partial<IndicatorValues> = {};
  if (patch.platform !== undefined) {
    const platform = tidyPlatform(patch.platform);
    const problem = platformProblem(current.type, platform);
    if (problem) throw new CustosError('INVALID_INPUT', `${label}: ${problem}`);
    const chain =
      current.type === 'wallet' && platform !== current.platform ? walletChainOf(platform, current.value) : null;
    if (chain) {
      throw new CustosError(
        'INVALID_INPUT',
        `${label}: a ${platform} wallet is stored as type ${chain}, where its checksum is checked; add it as ${chain} and remove this one`,
      );
    }
    const twin =
      platform !== current.platform ? findIndicator(caseDb, current.type, platform, current.normalised) : null;
    if (twin) {
      throw new CustosError(
        'ALREADY_EXISTS',
        `${label} on ${platform} is already in the case (${twin.id}${twin.removed ? ', removed' : ''}); keep one of the two`,
      );
    }
    values.platform = platform;
  }
  if (patch.zone !== undefined && patch.firstSeen === undefined && patch.lastSeen === undefined) {
    throw new CustosError(
      'INVALID_INPUT',
      'Time zone: give it together with the first or last seen time it applies to',
    );
  }
  // A wall time alone is read in the zone this indicator's times were typed in, else the examiner's.
  const assumed = current.seenZone ?? defaultZone;
  const first =
    patch.firstSeen !== undefined ? seenTime(patch.firstSeen, patch.zone, assumed, 'First seen') : undefined;
  const last = patch.lastSeen !== undefined ? seenTime(patch.lastSeen, patch.zone, assumed, 'Last seen') : undefined;
  if (first !== undefined) values.firstSeen = first?.utc ?? null;
  if (last !== undefined) values.lastSeen = last?.utc ?? null;
  const firstSeen = values.firstSeen !== undefined ? values.firstSeen : current.firstSeen;
  const lastSeen = values.lastSeen !== undefined ? values.lastSeen : current.lastSeen;
  // The zone the times are shown in: the one just typed in, else the one they were typed in before.
  if (first || last) values.seenZone = (first ?? last)!.zone;
  else if (!firstSeen && !lastSeen) values.seenZone = null;
  if (firstSeen && lastSeen && lastSeen < firstSeen) {
    throw new CustosError(
      'INVALID_INPUT',
      `${label}: last seen (${lastSeen}) would be before first seen (${firstSeen}); check the two times`,
    );
  }
  if (patch.source !== undefined) values.sourceItemId = sourceItem(caseDb, patch.source);
  if (patch.confidence !== undefined) values.confidence = patch.confidence;
  if (patch.tlp !== undefined) values.tlp = patch.tlp;
  if (patch.notes !== undefined) values.notes = patch.notes;
  // Only what differs is written: a form saved unchanged writes nothing, and no audit entry says otherwise.
  const changed = Object.fromEntries(
    Object.entries(values).filter(([key, value]) => current[key as keyof IndicatorValues] !== value),
  ) as Partial<IndicatorValues>;
  if (Object.keys(changed).length > 0) updateIndicator(caseDb, ctx, id, changed);
  return indicatorRow(caseDb, id);
}

/** Marks an indicator removed; the links to it stay, the audit log keeps it, adding it again brings it back. */
export function removeIndicator(caseDb: CaseDb, ctx: MutationContext, id: string): void {
  const current = getIndicator(caseDb, id);
  if (current.removed) {
    throw new CustosError('NOT_FOUND', `${current.type} ${shown(current.normalised)} was already removed`);
  }
  updateIndicator(caseDb, ctx, id, { removed: true }, 'indicator.remove');
}

// ---- lists -------------------------------------------------------------------------------------------

export type BulkRequest = z.output<typeof IndicatorBulkRequest>;

/** The verdicts of a list, the platform of each line (for printing), and what importing it writes. */
export type BulkPlan = {
  lines: IndicatorLineVerdict[];
  platforms: string[];
  writes: IndicatorWrite[];
  links: { id: string; subjectId: string; indicatorId: string; relation: string }[];
};

/**
 * The platform of the list's lines of the default type that name none (a pasted column of Payoneer
 * accounts, of Telegram names), or why it cannot be: it needs the type it belongs to, and a type
 * that has platforms.
 */
function defaultPlatformOf(request: BulkRequest): string | undefined {
  const platform = request.defaultPlatform?.trim();
  if (!platform) return undefined;
  if (!request.defaultType) {
    throw new CustosError(
      'INVALID_INPUT',
      `the default platform ${shown(platform)} applies to the lines without a type; choose their type too`,
    );
  }
  if (!TYPES_WITH_PLATFORM.includes(request.defaultType)) {
    throw new CustosError(
      'INVALID_INPUT',
      `${request.defaultType} takes no platform (only ${TYPES_WITH_PLATFORM.join(', ')} do); leave the default platform empty`,
    );
  }
  return platform;
}

/** One entry of a list as a candidate, or why its own columns are refused. */
function candidateOf(entry: ListEntry & { type: IndicatorType }, request: BulkRequest, sourceItemId: string | null) {
  const confidence = Confidence.safeParse(entry.confidence?.toLowerCase() ?? request.confidence);
  if (!confidence.success) {
    return { problem: `confidence ${shown(entry.confidence ?? '')} is not one of low, medium, high, confirmed` };
  }
  const tlp = Tlp.safeParse(entry.tlp?.toUpperCase().replace(/^TLP:/, '') ?? request.tlp);
  if (!tlp.success) {
    return { problem: `tlp ${shown(entry.tlp ?? '')} is not a TLP (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)` };
  }
  if (entry.input.length > 2048) return { problem: 'the value is longer than 2048 characters' };
  if (entry.platform.length > 100) return { problem: 'the platform is longer than 100 characters' };
  if ((entry.notes ?? '').length > 5000) return { problem: 'the notes are longer than 5000 characters' };
  const candidate: Candidate = {
    type: entry.type,
    value: entry.input,
    platform: entry.platform,
    firstSeen: entry.firstSeen,
    lastSeen: entry.lastSeen,
    zone: entry.zone,
    sourceItemId,
    confidence: confidence.data,
    tlp: tlp.data,
    notes: entry.notes ?? '',
  };
  return { candidate };
}

/**
 * Every line of a list with its verdict: added, already present (in the case, or the same as an
 * earlier line), or refused with the reason. Writes nothing; problems of the whole request (a
 * source or subject not in the case, a list too long or not CSV) are refused whole.
 */
export function planIndicatorList(caseDb: CaseDb, request: BulkRequest, defaultZone?: string): BulkPlan {
  const entries = parseIndicatorList(request.text, request.defaultType, defaultPlatformOf(request));
  const sourceItemId = sourceItem(caseDb, request.source);
  const subjectIds = liveSubjectIds(caseDb, request.subjectIds);
  const known = new Map(listIndicators(caseDb, true).map((i) => [keyOf(i), i]));
  const linked = subjectsByIndicator(caseDb);
  const seen = new Map<string, number>();
  const plan: BulkPlan = { lines: [], platforms: [], writes: [], links: [] };
  for (const entry of entries) {
    // A line is reported under the type it is stored as (a wallet/btc line as btc).
    const push = (
      verdict: IndicatorLineVerdict['verdict'],
      normalised: string,
      reason: string,
      platform = '',
      type: string = entry.type ?? '',
    ) => {
      plan.lines.push({ line: entry.line, verdict, type, input: entry.input, normalised, reason });
      plan.platforms.push(platform);
    };
    if (entry.problem || !entry.type) {
      push('refused', '', entry.problem ?? 'has no type');
      continue;
    }
    const made = candidateOf({ ...entry, type: entry.type }, request, sourceItemId);
    if ('problem' in made) {
      push('refused', '', `${entry.type} ${shown(entry.input)}: ${made.problem}`);
      continue;
    }
    const prepared = prepare(made.candidate, defaultZone);
    if (!prepared.ok) {
      push('refused', '', prepared.reason);
      continue;
    }
    const values = prepared.values;
    const key = keyOf(values);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      push('already present', values.normalised, `same as line ${earlier}`, values.platform, values.type);
      continue;
    }
    seen.set(key, entry.line);
    const existing = known.get(key);
    const id = existing?.id ?? randomUUID();
    const already = linked.get(id) ?? new Set();
    plan.links.push(
      ...linkRows(
        id,
        subjectIds.filter((s) => !already.has(s)),
      ),
    );
    if (existing && !existing.removed) {
      push('already present', values.normalised, 'already in the case', values.platform, values.type);
    } else if (existing) {
      plan.writes.push({ kind: 'restore', id, values: restoreValues(values) });
      push('added', values.normalised, 'brought back: it had been removed', values.platform, values.type);
    } else {
      plan.writes.push({ kind: 'insert', id, values });
      push('added', values.normalised, prepared.note, values.platform, values.type);
    }
  }
  return plan;
}

function resultOf(plan: BulkPlan, written: boolean): IndicatorBulkResult {
  const count = (verdict: IndicatorLineVerdict['verdict']) => plan.lines.filter((l) => l.verdict === verdict).length;
  return {
    lines: plan.lines,
    added: count('added'),
    present: count('already present'),
    refused: count('refused'),
    written,
  };
}

export function previewIndicatorList(caseDb: CaseDb, request: BulkRequest, defaultZone?: string): IndicatorBulkResult {
  return resultOf(planIndicatorList(caseDb, request, defaultZone), false);
}

/**
 * Imports a list as one audited write. `partial` false (the app): one refused line and nothing is
 * written, so nothing is half-imported; the person mends the list and imports it again. `partial`
 * true (the command line, where scripts import what they can and the exit code says some was
 * refused): the good lines are written, the refused ones only reported.
 */
export function importIndicatorList(
  caseDb: CaseDb,
  ctx: MutationContext,
  request: BulkRequest,
  options: { partial: boolean; defaultZone?: string | undefined },
): { result: IndicatorBulkResult; platforms: string[] } {
  const plan = planIndicatorList(caseDb, request, options.defaultZone);
  const refused = plan.lines.some((l) => l.verdict === 'refused');
  if (refused && !options.partial) return { result: resultOf(plan, false), platforms: plan.platforms };
  if (plan.writes.length > 0 || plan.links.length > 0) {
    const first = plan.writes[0]?.id ?? plan.links[0]!.indicatorId;
    writeIndicators(caseDb, ctx, { type: 'indicator', id: first }, 'indicator.import', plan.writes, plan.links);
  }
  return { result: resultOf(plan, true), platforms: plan.platforms };
}

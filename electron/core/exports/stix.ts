import type { Confidence, Indicator, IndicatorType } from '../../../shared/domain/indicator.ts';
import { SUBJECT_ROLE_LABELS } from '../../../shared/domain/subject.ts';
import type { Subject, SubjectRole } from '../../../shared/domain/subject.ts';
import type { Tlp } from '../../../shared/domain/case.ts';
import { safeFileName } from '../../../shared/logic/fileName.ts';
import { cut, escapeControl } from '../../../shared/logic/text.ts';
import { CustosError } from '../errors.ts';
import { caseInfo } from '../services/cases.ts';
import { listSubjects } from '../services/subjects.ts';
import type { CaseDb } from '../store/db/caseDb.ts';
import { listIndicators } from '../store/tables/indicators.ts';
import type { ExportSelection } from './csv.ts';
import { linksToTargets } from '../store/tables/subjects.ts';
import type { ExportFile } from './csv.ts';
import { EXTENSION_SCOS, TLP_EXTENSION, TLP_MARKING_IDS, TLP_ORDER, strictest, tlpMarking } from './stixDefinitions.ts';
import type { ExtensionScoType, StixObject } from './stixDefinitions.ts';
import { observableOf } from './stixObservables.ts';
import { sdoId } from './stixIds.ts';
import { parsePattern, StixPatternError } from './stixPattern.ts';
import { stixObjectErrors } from './stixSchema.ts';

/**
 * The case as a STIX 2.1 bundle for police and threat-intelligence platforms (MISP, OpenCTI):
 *
 * - an identity for the examiner's organisation, the creator (`created_by_ref`) of every object;
 * - the incident (the case: its title, summary and reference);
 * - per subject, a threat-actor (name and aliases) for the roles that act against the organisation
 *   (the worker, facilitators, laptop-farm hosts, recruiters, operators), an identity for the
 *   others (references, agencies, other people), who may be bystanders or victims of identity theft;
 *   their claimed and verified particulars stay in the case (data minimisation);
 * - per indicator, an indicator with a STIX pattern, its observable (SCO, with the spec's
 *   deterministic id), and either observed-data (when the case says when it was seen, with an
 *   indicator `based-on` it) or a `related-to` from the indicator to the observable;
 * - relationships: indicator `indicates` threat-actor (or `related-to` identity) for each subject an
 *   indicator belongs to, and `related-to` between subjects the case links, with the relation as
 *   the description;
 * - TLP 2.0 markings (the official marking definitions, in the bundle) on every object, from the
 *   record it was made from; an object made from several records takes the strictest;
 * - the extension definitions of the observable types STIX lacks (wallets, phone numbers, IBANs);
 * - a note counting the indicators with no STIX form (postal addresses, device serials), which are
 *   in the CSV export only; and a report holding everything, published at `generatedAt`.
 *
 * Ids are stable (stixIds.ts): the same case exported again gives the same ids, and a record
 * changed since gives the same id with a later `modified`. Before a byte is returned every pattern is
 * parsed and every object is checked against the official OASIS schema of its type; a bundle that
 * fails either is a bug in Custos and is refused.
 */

export type StixBundle = { type: 'bundle'; id: string; objects: StixObject[] };

export type StixOptions = {
  generatedAt: string;
  organisation: string;
  /** What a referral hands over: see ExportSelection (csv.ts). */
  selection?: ExportSelection;
};

/** STIX 2.1 Appendix A, the Low/Med/High scale (None 0, Low 15, Med 50, High 85); confirmed is 100. */
const CONFIDENCE_OF: Readonly<Record<Confidence, number>> = { low: 15, medium: 50, high: 85, confirmed: 100 };

/** Identifiers of people or their money point to an actor (attribution); the rest to what they did. */
const ATTRIBUTION_TYPES: readonly IndicatorType[] = [
  'email',
  'phone',
  'username',
  'payment-account',
  'btc',
  'eth',
  'tron',
  'wallet',
  'iban',
];

/** What the identity checks concluded, as the description of a subject says it. */
const VERDICT_WORDS: Readonly<Record<Subject['identityVerdict'], string>> = {
  unverified: 'not yet checked',
  verified: 'verified',
  'partly-false': 'partly false',
  false: 'false',
};

/** Roles that act against the organisation: threat actors. The others are identities. */
const ACTOR_ROLES: readonly SubjectRole[] = ['worker', 'facilitator', 'laptop-farm-host', 'recruiter', 'operator'];

/** A stored instant as STIX writes it: RFC 3339 UTC with milliseconds. */
function stamp(iso: string, what: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) {
    throw new CustosError(
      'CORRUPT',
      `${escapeControl(cut(what, 100))} has the time "${escapeControl(cut(iso, 40))}", which is not a time; verify the case`,
    );
  }
  return new Date(ms).toISOString();
}

const later = (a: string, b: string) => (a >= b ? a : b);

function markings(tlp: Tlp): string[] {
  return [TLP_MARKING_IDS[tlp]];
}

type Context = {
  org: string;
  used: Set<Tlp>;
  extensions: Set<ExtensionScoType>;
};

function subjectObject(subject: Subject, ctx: Context): StixObject {
  const actor = ACTOR_ROLES.includes(subject.role);
  const type = actor ? 'threat-actor' : 'identity';
  ctx.used.add(subject.tlp);
  const created = stamp(subject.createdAt, `subject ${subject.name}`);
  const role = SUBJECT_ROLE_LABELS[subject.role] ?? subject.role;
  const verdict = VERDICT_WORDS[subject.identityVerdict] ?? subject.identityVerdict;
  return {
    type,
    spec_version: '2.1',
    id: sdoId(type, subject.id),
    created_by_ref: ctx.org,
    created,
    modified: later(stamp(subject.updatedAt, `subject ${subject.name}`), created),
    name: subject.name,
    description: `${role} in the case. Claimed identity: ${verdict}.`,
    ...(actor
      ? subject.aliases.length > 0
        ? { aliases: subject.aliases }
        : {}
      : { identity_class: subject.kind === 'organisation' ? 'organization' : 'individual' }),
    object_marking_refs: markings(subject.tlp),
  };
}

/**
 * Builds the bundle (without checking it; stixFile checks). Exported for the tests, which hold each
 * object to its schema themselves.
 */
export function stixBundle(caseDb: CaseDb, options: StixOptions): StixBundle {
  const record = caseInfo(caseDb).record;
  const selection = options.selection;
  const out = (id: string) => selection?.excluded.has(id) ?? false;
  // A referral describes the incident with the examiner's summary, never the case record's own.
  const description = selection?.referral ? (selection.summary ?? '') : record.summary;
  const generatedAt = stamp(options.generatedAt, 'the export');
  const caseCreated = stamp(record.createdAt, 'the case record');
  const organisation = options.organisation.trim() || 'Organisation not named in the Custos profile';
  const org = sdoId('identity', record.id, 'organisation', organisation);
  const ctx: Context = { org, used: new Set([record.tlp]), extensions: new Set() };

  const identity: StixObject = {
    type: 'identity',
    spec_version: '2.1',
    id: org,
    created: caseCreated,
    modified: caseCreated,
    name: organisation,
    identity_class: 'organization',
    object_marking_refs: markings(record.tlp),
  };
  const incident: StixObject = {
    type: 'incident',
    spec_version: '2.1',
    id: sdoId('incident', record.id),
    created_by_ref: org,
    created: caseCreated,
    modified: later(stamp(record.updatedAt, 'the case record'), caseCreated),
    name: record.title,
    ...(description.trim() ? { description } : {}),
    ...(record.reference.trim()
      ? { external_references: [{ source_name: 'custos-case', external_id: record.reference }] }
      : {}),
    object_marking_refs: markings(record.tlp),
  };

  const subjects = listSubjects(caseDb).filter((s) => !out(s.id));
  const subjectObjects = new Map(subjects.map((s) => [s.id, subjectObject(s, ctx)]));
  const subjectTlp = new Map(subjects.map((s) => [s.id, s.tlp]));

  const indicators: StixObject[] = [];
  const observables = new Map<string, StixObject & { object_marking_refs: string[] }>();
  const observed: StixObject[] = [];
  const relationships: StixObject[] = [];
  const left = new Map<string, { plural: string; count: number }>();
  const indicatorById = new Map<string, { object: StixObject; indicator: Indicator }>();

  for (const indicator of listIndicators(caseDb)) {
    if (out(indicator.id)) continue;
    const mapped = observableOf(indicator);
    if ('reason' in mapped) {
      left.set(mapped.reason, { plural: mapped.plural, count: (left.get(mapped.reason)?.count ?? 0) + 1 });
      continue;
    }
    ctx.used.add(indicator.tlp);
    const what = `indicator ${indicator.type} ${indicator.normalised.slice(0, 60)}`;
    const created = stamp(indicator.createdAt, what);
    const modified = later(stamp(indicator.updatedAt, what), created);
    const seen = [indicator.firstSeen, indicator.lastSeen]
      .filter((t): t is string => Boolean(t))
      .map((t) => stamp(t, what));
    const object: StixObject = {
      type: 'indicator',
      spec_version: '2.1',
      id: sdoId('indicator', indicator.id),
      created_by_ref: org,
      created,
      modified,
      name: mapped.name,
      // A referral carries no free-text notes (they stay with the case, as the referral says).
      ...(indicator.notes.trim() && !selection?.referral ? { description: indicator.notes } : {}),
      indicator_types: [ATTRIBUTION_TYPES.includes(indicator.type) ? 'attribution' : 'malicious-activity'],
      pattern: mapped.pattern,
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: seen[0] ?? created,
      confidence: CONFIDENCE_OF[indicator.confidence],
      labels: [indicator.type, ...(indicator.platform ? [indicator.platform] : [])],
      object_marking_refs: markings(indicator.tlp),
    };
    indicators.push(object);
    indicatorById.set(indicator.id, { object, indicator });

    // One observable may come from two indicators (a host name and a domain): it carries the stricter TLP.
    const existing = observables.get(mapped.sco.id);
    const sco = existing ?? { ...mapped.sco, object_marking_refs: markings(indicator.tlp) };
    if (existing) {
      const tlp = strictest(tlpOf(existing.object_marking_refs[0]!), indicator.tlp);
      existing.object_marking_refs = markings(tlp);
    }
    observables.set(sco.id, sco);
    const extension = Object.keys(EXTENSION_SCOS).find((t) => t === sco.type) as ExtensionScoType | undefined;
    if (extension) ctx.extensions.add(extension);

    if (seen.length > 0) {
      const first = seen.reduce((a, b) => (a <= b ? a : b));
      const last = seen.reduce((a, b) => (a >= b ? a : b));
      const od: StixObject = {
        type: 'observed-data',
        spec_version: '2.1',
        id: sdoId('observed-data', indicator.id),
        created_by_ref: org,
        created,
        modified,
        first_observed: first,
        last_observed: last,
        number_observed: 1,
        object_refs: [sco.id],
        object_marking_refs: markings(indicator.tlp),
      };
      observed.push(od);
      relationships.push(relationship(object.id, 'based-on', od.id, indicator.tlp, created, modified, ctx));
    } else {
      relationships.push(relationship(object.id, 'related-to', sco.id, indicator.tlp, created, modified, ctx));
    }
  }

  // Subjects an indicator belongs to: it indicates the threat actor, or relates to the identity.
  for (const link of linksToTargets(caseDb, 'indicator')) {
    const from = indicatorById.get(link.targetId);
    const subject = subjectObjects.get(link.subjectId);
    if (!from || !subject) continue;
    const tlp = strictest(from.indicator.tlp, subjectTlp.get(link.subjectId)!);
    const at = stamp(link.createdAt, 'a subject link');
    const type = subject.type === 'threat-actor' ? 'indicates' : 'related-to';
    relationships.push(relationship(from.object.id, type, subject.id, tlp, at, at, ctx, link.relation, link.id));
  }
  // Subjects the case ties together ("received the laptop for", "same person as?").
  for (const link of linksToTargets(caseDb, 'subject')) {
    const source = subjectObjects.get(link.subjectId);
    const target = subjectObjects.get(link.targetId);
    if (!source || !target) continue;
    const tlp = strictest(subjectTlp.get(link.subjectId)!, subjectTlp.get(link.targetId)!);
    const at = stamp(link.createdAt, 'a subject link');
    relationships.push(relationship(source.id, 'related-to', target.id, tlp, at, at, ctx, link.relation, link.id));
  }

  const notes: StixObject[] = [];
  if (left.size > 0) {
    const total = [...left.values()].reduce((a, b) => a + b.count, 0);
    const parts = [...left].map(([reason, { plural, count }]) => `${count} ${count === 1 ? reason : plural}`);
    notes.push({
      type: 'note',
      spec_version: '2.1',
      id: sdoId('note', record.id, 'indicators-not-in-stix'),
      created_by_ref: org,
      created: caseCreated,
      modified: later(generatedAt, caseCreated),
      abstract: 'Indicators not in this bundle',
      content:
        `${total} indicator${total === 1 ? '' : 's'} of this case ${total === 1 ? 'has' : 'have'} no STIX 2.1 ` +
        `observable type and ${total === 1 ? 'is' : 'are'} not in this bundle: ${parts.join(', ')}. ` +
        'The CSV export of the case (indicators.csv) lists every indicator.',
      object_refs: [incident.id],
      object_marking_refs: markings(record.tlp),
    });
  }

  const content: StixObject[] = [
    incident,
    ...subjectObjects.values(),
    ...indicators,
    ...observables.values(),
    ...observed,
    ...relationships,
    ...notes,
  ];
  const report: StixObject = {
    type: 'report',
    spec_version: '2.1',
    id: sdoId('report', record.id),
    created_by_ref: org,
    created: caseCreated,
    modified: later(generatedAt, caseCreated),
    name: `${record.title}${record.reference.trim() ? ` (${record.reference})` : ''}`,
    description: `The case as recorded in Custos, exported ${generatedAt}.`,
    report_types: ['threat-report'],
    published: generatedAt,
    object_refs: content.map((o) => o.id),
    object_marking_refs: markings(record.tlp),
  };
  // The published extension definitions mark themselves TLP:CLEAR.
  if (ctx.extensions.size > 0) ctx.used.add('CLEAR');
  const definitions: StixObject[] = [
    ...TLP_ORDER.filter((tlp) => ctx.used.has(tlp)).map(tlpMarking),
    TLP_EXTENSION,
    ...(Object.keys(EXTENSION_SCOS) as ExtensionScoType[])
      .filter((t) => ctx.extensions.has(t))
      .map((t) => EXTENSION_SCOS[t] as StixObject),
  ];
  return {
    type: 'bundle',
    id: sdoId('bundle', record.id, generatedAt),
    objects: [identity, ...definitions, ...content, report],
  };
}

function tlpOf(markingId: string): Tlp {
  return (Object.keys(TLP_MARKING_IDS) as Tlp[]).find((t) => TLP_MARKING_IDS[t] === markingId) ?? 'RED';
}

function relationship(
  source: string,
  type: string,
  target: string,
  tlp: Tlp,
  created: string,
  modified: string,
  ctx: Context,
  description = '',
  recordId = '',
): StixObject {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: sdoId('relationship', source, type, target, recordId),
    created_by_ref: ctx.org,
    created,
    modified,
    relationship_type: type,
    ...(description ? { description } : {}),
    source_ref: source,
    target_ref: target,
    object_marking_refs: markings(tlp),
  };
}

/**
 * Why a bundle Custos made is not one to hand over: a pattern that does not parse, or an object
 * the official schema of its type refuses. Empty when it is sound.
 */
export function bundleProblems(bundle: StixBundle): string[] {
  const problems: string[] = [];
  const envelope = stixObjectErrors({ type: bundle.type, id: bundle.id });
  problems.push(...envelope.map((e) => `bundle: ${e}`));
  for (const object of bundle.objects) {
    if (object.type === 'indicator') {
      try {
        parsePattern(String(object.pattern));
      } catch (error) {
        if (!(error instanceof StixPatternError)) throw error;
        problems.push(
          `${object.id}: the pattern ${String(object.pattern).slice(0, 80)} does not parse (${error.message})`,
        );
      }
    }
    problems.push(...stixObjectErrors(object).map((e) => `${object.id}: ${e}`));
  }
  return problems;
}

/** The file name of a case's bundle: its reference made safe for a file name, or "case". */
export function stixFileName(reference: string): string {
  return `${reference.trim() ? safeFileName(reference.trim()) : 'case'}.stix.json`;
}

/**
 * The case as a STIX 2.1 bundle, in one file named after the case reference
 * (`IR-2026-014.stix.json`, or `case.stix.json` for a case without one). `generatedAt` (ISO UTC)
 * stamps the report and the bundle; every other object carries the times of its record.
 */
export function stixFile(caseDb: CaseDb, options: StixOptions): ExportFile {
  const bundle = stixBundle(caseDb, options);
  const problems = bundleProblems(bundle);
  if (problems.length > 0) {
    throw new CustosError(
      'INTERNAL',
      `the STIX bundle made from this case fails its own check, so nothing was written; run a full verification of the case (a file changed outside Custos), and if it passes, report this as a bug in Custos: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`,
    );
  }
  return {
    name: stixFileName(caseInfo(caseDb).record.reference),
    bytes: Buffer.from(`${JSON.stringify(bundle, null, 2)}\n`, 'utf8'),
  };
}

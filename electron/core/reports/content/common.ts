import { CASE_TYPE_LABELS } from '../../../../shared/domain/case.ts';
import { REPORT_KIND_LABELS, REPORT_SECTIONS, SECTION_TITLES } from '../../../../shared/domain/report.ts';
import type { ReportKind, ReportSectionId } from '../../../../shared/domain/report.ts';
import { CustosError } from '../../errors.ts';
import type { Block, DocSection, ReportLayout, ReportMeta, VerificationBlock } from '../doc.ts';
import type { CaseSnapshot } from './data.ts';
import { count, plural } from './format.ts';
import type { ReportContext } from './index.ts';

/**
 * What every kind shares: the plan a template makes of its sections (what each holds, item by item,
 * and what it leaves out), from which both the preview and the document are made, so the two can
 * never disagree; the withheld notice; the cover's meta; and the verification block.
 */

/** Why an item is not in a report, as the preview says it and as the withheld notice counts it. */
export type WithheldWhy = 'excluded' | 'privileged' | 'notes' | 'advice';

const WHY: Record<WithheldWhy, { reason: string; line: (n: number, noun: [string, string], where: string) => string }> =
  {
    excluded: {
      reason: 'left out by the examiner',
      line: (n, [one, many], where) => `${count(n)} ${n === 1 ? one : many} left out by the examiner (${where})`,
    },
    privileged: {
      reason: 'privileged — never in a referral',
      line: (n, [one, many]) => `${count(n)} ${n === 1 ? one : many} (not part of this referral)`,
    },
    notes: {
      reason: 'case notes are not part of a referral',
      line: (n, [one, many]) => `${count(n)} other ${n === 1 ? one : many} (a referral carries no case notes)`,
    },
    advice: {
      reason: "counsel's advice — not part of a referral",
      line: (n, [one, many]) =>
        `${count(n)} ${n === 1 ? one : many} on the demands (decisions and counsel's sign-off are not part of a referral)`,
    },
  };

export const reasonOf = (why: WithheldWhy): string => WHY[why].reason;

/**
 * What a section prints when it has nothing to list: that the case holds none (`none`), or, when
 * the case holds some and the examiner left every one of them out, that they were left out, so an
 * empty table never reads as an empty case: "The only timeline event was left out by the
 * examiner", "No events are printed: 3 were left out by the examiner".
 */
export function noneText(total: number, [one, many]: [string, string], none: string): string {
  if (total <= 0) return none;
  return total === 1
    ? `The only ${one} was left out by the examiner.`
    : `No ${many} are printed: ${count(total)} were left out by the examiner.`;
}

/** One line of a section as the preview lists it. */
export type ItemPlan = {
  /** Unique in the report: `kind:id` (also for items that cannot be left out). */
  key: string;
  /** What the examiner names to leave the item out; null when it cannot be. */
  ref: string | null;
  label: string;
  included: boolean;
  reason?: string;
  /** Set when the item is withheld and the report says so: what it is, and why. */
  withheld?: { noun: [string, string]; why: WithheldWhy };
};

export type SectionPlan = {
  id: ReportSectionId;
  title: string;
  items: ItemPlan[];
  /** The section as printed: one section, or one per exhibit (custody forms). */
  render: (info: RenderInfo) => DocSection[];
};

/** What a section learns only once the whole plan is made: the withheld notice's lines. */
export type RenderInfo = { withheld: readonly string[] };

/** Items withheld whatever sections are chosen (privileged notes in a referral), and where they would be. */
export type StandingWithheld = { sectionTitle: string; item: ItemPlan };

export type KindPlan = {
  sections: SectionPlan[];
  standing: StandingWithheld[];
  classification: string;
  privilegeBanner: string | null;
  coverLines: string[];
  /** A notice always printed at the top (a referral says it withheld nothing, never silently). */
  saysWhenNothingWithheld?: string;
  /** How the pages are laid out; absent: cover, contents, sections (the brief is 'brief'). */
  layout?: ReportLayout;
};

export const titleOf = (id: ReportSectionId): string => SECTION_TITLES[id];

/** The sections the options ask for, in the kind's order; unknown names refused with the valid ones. */
export function chosenSections(kind: ReportKind, sections: readonly string[] | undefined): Set<string> {
  const valid: readonly string[] = REPORT_SECTIONS[kind];
  if (sections === undefined) return new Set(valid);
  const unknown = sections.filter((s) => !valid.includes(s));
  if (unknown.length > 0) {
    throw new CustosError(
      'INVALID_INPUT',
      `${unknown.map((s) => `"${s}"`).join(', ')} ${unknown.length === 1 ? 'is not a section' : 'are not sections'} of the ${REPORT_KIND_LABELS[kind]}; its sections are: ${valid.join(', ')}`,
    );
  }
  if (sections.length === 0) {
    throw new CustosError('INVALID_INPUT', `choose at least one section; the sections are: ${valid.join(', ')}`);
  }
  return new Set(sections);
}

/**
 * Splits a list into what the report prints and what the examiner left out, with a preview line
 * for each. `ref` null: the item cannot be left out (it is always printed).
 */
export function pick<T>(
  list: readonly T[],
  options: {
    excluded: ReadonlySet<string>;
    ref: (item: T) => string;
    label: (item: T) => string;
    noun: [string, string];
    excludable?: boolean;
  },
): { kept: T[]; items: ItemPlan[] } {
  const kept: T[] = [];
  const items = list.map((item): ItemPlan => {
    const ref = options.ref(item);
    const label = options.label(item);
    if (options.excludable !== false && options.excluded.has(ref)) {
      return {
        key: ref,
        ref,
        label,
        included: false,
        reason: WHY.excluded.reason,
        withheld: { noun: options.noun, why: 'excluded' },
      };
    }
    kept.push(item);
    return { key: ref, ref: options.excludable === false ? null : ref, label, included: true };
  });
  return { kept, items };
}

/** A preview line that cannot be left out (a count, a fact). */
export const line = (key: string, label: string): ItemPlan => ({ key, ref: null, label, included: true });

/** Withheld items grouped for the notice: one line per kind of item and reason. */
export function withheldLines(plan: KindPlan, chosen: ReadonlySet<string>): string[] {
  type Group = { why: WithheldWhy; noun: [string, string]; keys: Set<string>; where: string[] };
  const groups = new Map<string, Group>();
  const add = (item: ItemPlan, where: string) => {
    if (!item.withheld || item.included) return;
    const id = `${item.withheld.why}/${item.withheld.noun[0]}`;
    const group = groups.get(id) ?? { why: item.withheld.why, noun: item.withheld.noun, keys: new Set(), where: [] };
    group.keys.add(item.key);
    if (!group.where.includes(where)) group.where.push(where);
    groups.set(id, group);
  };
  for (const s of plan.standing) add(s.item, s.sectionTitle);
  for (const section of plan.sections) {
    if (!chosen.has(section.id)) continue;
    for (const item of section.items) add(item, section.title);
  }
  return [...groups.values()].map((g) => WHY[g.why].line(g.keys.size, g.noun, g.where.join(', ')));
}

/** The preview's withheld counts: per section where the items would have been, with the reason. */
export function withheldCounts(
  plan: KindPlan,
  chosen: ReadonlySet<string>,
): Array<{ section: string; count: number; reason: string }> {
  const counts = new Map<string, { section: string; count: number; reason: string }>();
  const add = (item: ItemPlan, section: string) => {
    if (!item.withheld || item.included) return;
    const reason = WHY[item.withheld.why].reason;
    const id = `${section}\u0000${reason}`;
    const entry = counts.get(id) ?? { section, count: 0, reason };
    entry.count += 1;
    counts.set(id, entry);
  };
  for (const s of plan.standing) add(s.item, s.sectionTitle);
  for (const section of plan.sections) {
    if (!chosen.has(section.id)) continue;
    for (const item of section.items) add(item, section.title);
  }
  return [...counts.values()];
}

/** The notice at the top of a report that withholds anything: how much, and where. */
export function withheldNotice(lines: readonly string[]): Block {
  return {
    type: 'notice',
    tone: 'withheld',
    text: `This report withholds:\n${lines.map((l) => `• ${l}`).join('\n')}`,
  };
}

const HOW_TO_CHECK = [
  'The case file format is documented in docs/case-file-format.md of Custos; docs/verify_case.py verifies a case without Custos.',
  'custos verify CASE',
  'custos report verify CASE THIS.pdf says whether this exact file was generated from the case',
];

const HOW_TO_CHECK_BRIEFLY =
  'To check: custos report verify CASE THIS.pdf (this file came from the case); custos verify CASE, or docs/verify_case.py without Custos (the case itself).';

export function verificationOf(context: ReportContext): VerificationBlock {
  return {
    headSeq: context.head.seq,
    headHash: context.head.hash,
    verifiedOk: context.verification.ok,
    verifyLines: [...context.verification.lines],
    howToCheck: [...HOW_TO_CHECK],
    howToCheckBriefly: HOW_TO_CHECK_BRIEFLY,
  };
}

export function metaOf(kind: ReportKind, snapshot: CaseSnapshot, context: ReportContext, plan: KindPlan): ReportMeta {
  return {
    title: REPORT_KIND_LABELS[kind],
    caseTitle: snapshot.record.title,
    reference: snapshot.record.reference,
    tlp: snapshot.record.tlp,
    classification: plan.classification,
    privilegeBanner: plan.privilegeBanner,
    examiner: context.examiner.name,
    examinerRole: context.examiner.role,
    organisation: context.examiner.organisation,
    generatedAt: context.generatedAt,
    zone: context.zone,
    reportId: context.reportId,
  };
}

/** "Case status: open · severity high · Infiltration and extortion". */
export function statusLine(snapshot: CaseSnapshot): string {
  const r = snapshot.record;
  return `Case status: ${r.status} · severity ${r.severity} · ${CASE_TYPE_LABELS[r.caseType] ?? r.caseType}`;
}

/** Counts of what the case holds, one line. */
export function countsLine(parts: Array<[n: number, one: string, many?: string]>): string {
  return parts.map(([n, one, many]) => plural(n, one, many)).join(' · ');
}

/** A section of one document section, the common case. */
export const single =
  (id: ReportSectionId, blocks: (info: RenderInfo) => Block[]) =>
  (info: RenderInfo): DocSection[] => [{ id, title: titleOf(id), blocks: blocks(info) }];

import type {
  IdentityVerdict,
  LinkConfidence,
  SubjectKind,
  SubjectLinkTarget,
} from '../../../shared/domain/subject.ts';
import { CONFIDENCE_WORDS } from '../indicators/pickers.tsx';

export const VERDICT_LABELS: Record<IdentityVerdict, string> = {
  unverified: 'Identity unverified',
  verified: 'Identity verified',
  'partly-false': 'Identity partly false',
  false: 'Identity false',
};

/** Shorter, for the verdict picker, where "Identity" is the field's own label. */
export const VERDICT_CHOICES: Record<IdentityVerdict, string> = {
  unverified: 'Not verified yet',
  verified: 'Verified: theirs',
  'partly-false': 'Partly false',
  false: 'False: not theirs',
};

/** What the identity checks concluded, in words and colour: red when the identity was not theirs. */
export function VerdictBadge({ verdict }: { verdict: IdentityVerdict }) {
  return <span className={`verdict subj-verdict subj-verdict--${verdict}`}>{VERDICT_LABELS[verdict]}</span>;
}

export const KIND_LABELS: Record<SubjectKind, string> = {
  person: 'Person',
  organisation: 'Organisation',
  persona: 'Persona (an identity used, not a known person)',
};

/** A link's confidence in words: the same words as an indicator's. */
export const CONFIDENCE_LABELS: Record<Exclude<LinkConfidence, ''>, string> = CONFIDENCE_WORDS;

export const LINK_TARGET_LABELS: Record<SubjectLinkTarget, string> = {
  evidence_item: 'Evidence',
  timeline_event: 'Timeline event',
  note: 'Note',
  indicator: 'Indicator',
  subject: 'Subject',
};

/** Relations offered as suggestions for each kind of target; free text is accepted too. */
export const RELATION_SUGGESTIONS: Record<Exclude<SubjectLinkTarget, 'subject'>, readonly string[]> = {
  evidence_item: ['CV submitted by', 'photo of', 'document shown by', 'interview recording of', 'messages from'],
  timeline_event: ['involved in', 'acted in', 'mentioned in'],
  note: ['about', 'mentions'],
  indicator: ['uses', 'paid to', 'owns', 'signed in from', 'shipped to'],
};

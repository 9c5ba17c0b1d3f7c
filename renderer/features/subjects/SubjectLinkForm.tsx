import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { LINK_CONFIDENCES, SUBJECT_RELATIONS, SUBJECT_ROLE_LABELS } from '../../../shared/domain/subject.ts';
import type { LinkConfidence, SubjectLinkTarget } from '../../../shared/domain/subject.ts';
import { INDICATOR_TYPE_LABELS } from '../../../shared/domain/indicator.ts';
import { ChoiceSelect } from '../../components/ChoiceSelect.tsx';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { messageOf } from '../../lib/api.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore } from '../../store/selectors.ts';
import type { SubjectLinkChoice } from '../../store/subjects.ts';
import { CONFIDENCE_LABELS, LINK_TARGET_LABELS, RELATION_SUGGESTIONS } from './labels.tsx';

const TARGETS: SubjectLinkTarget[] = ['subject', 'evidence_item', 'indicator', 'timeline_event', 'note'];

const TARGET_CHOICE_LABELS: Record<SubjectLinkTarget, string> = {
  subject: 'Another subject',
  evidence_item: 'Evidence (an exhibit: CV, photo, document…)',
  indicator: 'An indicator (address, account, wallet…)',
  timeline_event: 'A timeline event',
  note: 'A note',
};

const firstLine = (text: string) => {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 90 ? `${line.slice(0, 89)}…` : line;
};

/**
 * Links the subject shown to something else of the case, picked from a list (never typed as an id):
 * another subject with a relation such as "received the laptop for", an exhibit, an indicator, an
 * event or a note. The relation is free text, with the usual ones offered.
 */
export function SubjectLinkForm({ subjectId, onDone }: { subjectId: string; onDone: () => void }) {
  const subjects = useAppStore((s) => s.subjects);
  const evidence = useAppStore((s) => s.evidence);
  const evidenceLoaded = useAppStore((s) => s.evidenceLoaded);
  const evidenceRequested = useAppStore((s) => s.evidenceRequested);
  const notes = useAppStore((s) => s.notes);
  const notesLoaded = useAppStore((s) => s.notesLoaded);
  const notesRequested = useAppStore((s) => s.notesRequested);
  const indicators = useAppStore((s) => s.indicators);
  const indicatorsLoaded = useAppStore((s) => s.indicatorsLoaded);
  const indicatorsRequested = useAppStore((s) => s.indicatorsRequested);
  const eventsRequested = useAppStore((s) => s.subjectLinkEventsRequested);
  const subjectLinked = useAppStore((s) => s.subjectLinked);
  const [events, setEvents] = useState<SubjectLinkChoice[] | null>(null);
  const [targetType, setTargetType] = useState<SubjectLinkTarget>('subject');
  const [targetId, setTargetId] = useState('');
  const [relation, setRelation] = useState('');
  const [confidence, setConfidence] = useState<LinkConfidence>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  const listId = useId();

  useEffect(() => {
    if (!evidenceLoaded) void evidenceRequested();
    if (!notesLoaded) void notesRequested();
    if (!indicatorsLoaded) void indicatorsRequested();
  }, [evidenceLoaded, evidenceRequested, notesLoaded, notesRequested, indicatorsLoaded, indicatorsRequested]);
  useEffect(() => {
    let live = true;
    eventsRequested().then(
      (found) => live && setEvents(found),
      (error: unknown) => live && setErrors({ _: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [eventsRequested]);

  const all: Record<SubjectLinkTarget, SubjectLinkChoice[]> = {
    subject: subjects
      .filter((s) => s.id !== subjectId && !s.removed)
      .map((s) => ({ id: s.id, label: `${s.name} — ${SUBJECT_ROLE_LABELS[s.role]}` })),
    evidence_item: evidence
      .filter((e) => !e.disposed)
      .map((e) => ({ id: e.id, label: `${e.exhibit} — ${firstLine(e.description || e.originalName)}` })),
    indicator: indicators
      .filter((i) => !i.removed)
      .map((i) => ({ id: i.id, label: `${INDICATOR_TYPE_LABELS[i.type]}: ${i.normalised}` })),
    timeline_event: events ?? [],
    note: notes.filter((n) => !n.removed).map((n) => ({ id: n.id, label: firstLine(n.body) })),
  };
  // Everything is offered, linked already or not: two subjects can be tied in more than one way.
  const choices = all[targetType];
  const suggestions = targetType === 'subject' ? SUBJECT_RELATIONS : RELATION_SUGGESTIONS[targetType];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!targetId) found.targetId = `Choose the ${LINK_TARGET_LABELS[targetType].toLowerCase()} to link to`;
    if (!relation.trim()) found.relation = 'Say how they are related, e.g. “received the laptop for”';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      await subjectLinked({ subjectId, targetType, targetId, relation: relation.trim(), confidence });
      onDone();
    });
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Add a link">
      <div className="form-grid">
        <Field label="Link to">
          {(p) => (
            <ChoiceSelect
              {...p}
              choices={TARGETS}
              labels={TARGET_CHOICE_LABELS}
              value={targetType}
              autoFocus
              onChange={(type) => {
                setTargetType(type);
                setTargetId('');
                setErrors({});
              }}
            />
          )}
        </Field>
        <Field
          label={LINK_TARGET_LABELS[targetType]}
          required
          error={errors.targetId}
          {...(choices.length === 0
            ? {
                hint:
                  targetType === 'timeline_event' && events === null ? 'Reading…' : 'Nothing of this kind to link yet.',
              }
            : {})}
        >
          {(p) => (
            <select
              {...p}
              value={targetId}
              onChange={(e) => {
                setTargetId(e.target.value);
                setErrors(({ targetId: _gone, ...rest }) => rest);
              }}
            >
              <option value="">— choose —</option>
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Relation"
          required
          error={errors.relation}
          hint={
            targetType === 'subject'
              ? 'Read as: this subject … the other one. Pick a suggestion or type your own.'
              : 'Pick a suggestion or type your own.'
          }
        >
          {(p) => (
            <>
              <input
                {...p}
                type="text"
                list={listId}
                autoComplete="off"
                value={relation}
                onChange={(e) => {
                  setRelation(e.target.value);
                  setErrors(({ relation: _gone, ...rest }) => rest);
                }}
              />
              <datalist id={listId}>
                {suggestions.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label="Confidence">
          {(p) => (
            <ChoiceSelect
              {...p}
              choices={LINK_CONFIDENCES}
              labels={(c) => (c ? CONFIDENCE_LABELS[c] : 'Not stated')}
              value={confidence}
              onChange={(value) => setConfidence(value)}
            />
          )}
        </Field>
      </div>
      <FormFooter error={errors._} onCancel={onDone} busy={busy} busyLabel="Linking…" submitLabel="Add link" />
    </form>
  );
}

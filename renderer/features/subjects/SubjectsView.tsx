import { useCallback, useEffect, useRef, useState } from 'react';
import { SUBJECT_ROLE_LABELS } from '../../../shared/domain/subject.ts';
import { TlpBadge } from '../../components/Badges.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { useAppStore } from '../../store/selectors.ts';
import { VerdictBadge } from './labels.tsx';
import { EMPTY_SUBJECT, SubjectForm, valuesToDraft } from './SubjectForm.tsx';
import { SubjectDetailPane } from './SubjectDetailPane.tsx';
import './subjects.css';

/**
 * The people of the case: who was hired under a claimed identity, who received the laptop, who
 * hosted it, who referred or recruited them, the agency, and the operators behind aliases. A list,
 * and the one chosen in full beside it.
 */
export function SubjectsView() {
  const subjects = useAppStore((s) => s.subjects);
  const loaded = useAppStore((s) => s.subjectsLoaded);
  const selected = useAppStore((s) => s.selectedSubject);
  const readOnly = useAppStore((s) => s.caseInfo?.readOnly ?? false);
  const subjectsRequested = useAppStore((s) => s.subjectsRequested);
  const subjectSelected = useAppStore((s) => s.subjectSelected);
  const subjectAdded = useAppStore((s) => s.subjectAdded);
  const focus = useAppStore((s) => s.searchFocus);
  const searchFocusCleared = useAppStore((s) => s.searchFocusCleared);
  const [adding, setAdding] = useState(false);
  /** The record a search hit opened: marked until another is chosen. */
  const [flash, setFlash] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement | null>(null);
  const listRefs = useRef(new Map<string, HTMLButtonElement>());
  /** The search hit already scrolled to: an edit later must not pull the focus back. */
  const broughtIntoView = useRef<unknown>(null);

  useEffect(() => {
    if (!loaded) void subjectsRequested();
  }, [loaded, subjectsRequested]);

  // A search hit on a subject: show it, bring it into view and put the focus on its name.
  const [focusTaken, setFocusTaken] = useState<typeof focus>(null);
  if (focus?.kind === 'subject' && focus !== focusTaken) {
    setFocusTaken(focus);
    setAdding(false);
    setFlash(focus.id);
  }
  useEffect(() => {
    if (focus?.kind !== 'subject') return;
    searchFocusCleared();
    void subjectSelected(focus.id);
  }, [focus, searchFocusCleared, subjectSelected]);
  useEffect(() => {
    if (!flash || selected?.subject.id !== flash || broughtIntoView.current === focusTaken) return;
    broughtIntoView.current = focusTaken;
    listRefs.current.get(flash)?.scrollIntoView({ block: 'nearest' });
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [flash, selected, focusTaken]);

  const headingRef = useCallback((el: HTMLHeadingElement | null) => {
    heading.current = el;
  }, []);

  const shownSubjects = subjects.filter((s) => !s.removed);
  const choose = (id: string) => {
    setAdding(false);
    setFlash(null);
    void subjectSelected(id);
  };

  return (
    <section aria-labelledby="subjects-title" className="stack">
      <div className="section-head">
        <h2 id="subjects-title">Subjects {loaded ? <span className="count">{shownSubjects.length}</span> : null}</h2>
        {readOnly || adding ? null : (
          <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
            New subject…
          </button>
        )}
      </div>
      <p className="lead subj-lead">
        The people and personas of the case: the hired worker and the identity they claimed, facilitators, laptop-farm
        hosts, references, recruiters, the agency, and operators known only by an alias.
      </p>
      {adding ? (
        <SubjectForm
          title="New subject"
          initial={EMPTY_SUBJECT}
          submitLabel="Add subject"
          onCancel={() => setAdding(false)}
          onSubmit={async (values) => {
            await subjectAdded(valuesToDraft(values));
            setAdding(false);
          }}
        />
      ) : null}
      {loaded && shownSubjects.length === 0 && !adding ? (
        <EmptyState title="No subjects yet">
          Start with the hired worker: the name and details they claimed, then what checks found.
        </EmptyState>
      ) : null}
      {shownSubjects.length > 0 ? (
        <div className="subj-layout">
          <nav aria-label="Subjects of the case" className="subj-list-wrap">
            <ul className="subj-list">
              {shownSubjects.map((s) => {
                const current = selected?.subject.id === s.id;
                return (
                  <li key={s.id}>
                    <button
                      type="button"
                      ref={(el) => {
                        if (el) listRefs.current.set(s.id, el);
                        else listRefs.current.delete(s.id);
                      }}
                      className={`subj-item${current ? ' subj-item--current' : ''}${
                        flash === s.id ? ' subj-item--found' : ''
                      }`}
                      aria-current={current ? 'true' : undefined}
                      onClick={() => choose(s.id)}
                    >
                      <span className="subj-item__name">
                        <SafeText text={s.name} />
                      </span>
                      <span className="subj-item__role">{SUBJECT_ROLE_LABELS[s.role]}</span>
                      {s.aliases.length > 0 ? (
                        <span className="subj-item__aliases">
                          aka <SafeText text={s.aliases.join(' · ')} />
                        </span>
                      ) : null}
                      <span className="subj-badges">
                        {s.identityVerdict !== 'unverified' || s.role === 'worker' ? (
                          <VerdictBadge verdict={s.identityVerdict} />
                        ) : null}
                        <TlpBadge tlp={s.tlp} />
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className={`subj-pane${flash && selected?.subject.id === flash ? ' subj-pane--found' : ''}`}>
            {selected && !selected.subject.removed ? (
              <SubjectDetailPane
                key={selected.subject.id}
                detail={selected}
                readOnly={readOnly}
                headingRef={headingRef}
              />
            ) : (
              <p className="muted subj-pick">Choose a subject to see what they claimed, what was found, and links.</p>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}

import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { SubmissionDraft } from '../../../shared/domain/clock.ts';
import type { ClockSubmission, ClockView, ClocksState } from '../../../shared/domain/clock.ts';
import { toLocalInput } from '../../../shared/logic/time.ts';
import { ExhibitSelect } from '../../components/ExhibitSelect.tsx';
import { Fact } from '../../components/Fact.tsx';
import { Field } from '../../components/Field.tsx';
import { FormError, FormFooter } from '../../components/FormFooter.tsx';
import { ReadingSection } from '../../components/ReadingSection.tsx';
import { RemoveAction } from '../../components/RemoveAction.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { SourceList } from '../../components/SourceList.tsx';
import { WhenFields, whenError } from '../../components/WhenFields.tsx';
import { fieldErrors } from '../../lib/formErrors.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import type { ExtortionChoices } from '../../store/extortion.ts';
import { elementIdOf } from '../../store/extortion.ts';
import { useExtortionChoices } from '../extortion/pickers.tsx';
import { ExhibitLink, useHighlight } from '../extortion/shared.tsx';
import { ClockStatusBadge, Countdown, WallTime } from './bits.tsx';
import { LIVE_STATUSES, liveStatus, spanText, useNow } from './countdown.ts';
import './clocks.css';

const nowIn = (zone: string) => toLocalInput(new Date().toISOString(), zone);

/** A rule's name with its regime, for the clocks that count from its submission. */
function ruleName(clocks: ClocksState, ruleId: string): string {
  const found = clocks.clocks.find((c) => c.rule.id === ruleId);
  return found ? `${found.rule.regime} “${found.rule.name}”` : ruleId;
}

/** What starts the clock, in words, with the rule it follows named rather than its id. */
function startsFromText(clock: ClockView, clocks: ClocksState): string {
  const of = clock.rule.trigger.of;
  return of ? clock.startsFrom.replace(of, ruleName(clocks, of)) : clock.startsFrom;
}

/** What a clock that has not started waits for, and where to give it on this screen or the Overview. */
function waitingText(clock: ClockView, clocks: ClocksState): string {
  const { event, of } = clock.rule.trigger;
  if (of) return `Waiting for the submission of ${ruleName(clocks, of)}: record it on that clock.`;
  if (event === 'awareness') {
    return 'Waiting for the time the organisation became aware: set “Became aware” on the Overview, or a time on this clock.';
  }
  return `Waiting for ${clock.startsFrom}: give its time with “Set trigger…”.`;
}

/** Submitted on time or late, by how much, against the deadline. */
function submittedText(first: ClockSubmission, dueAt: string | null): string {
  if (!dueAt) return 'Submitted.';
  const margin = Date.parse(dueAt) - Date.parse(first.submittedAt);
  return margin >= 0
    ? `Submitted ${spanText(margin)} before the deadline.`
    : `Submitted ${spanText(margin)} after the deadline.`;
}

/** "Set trigger…": the time this clock starts, in the zone of the clock it was read on. */
function TriggerForm({ clock, clocks, onDone }: { clock: ClockView; clocks: ClocksState; onDone: () => void }) {
  const clockSet = useAppStore((s) => s.clockSet);
  const zone = clock.triggerZone ?? clocks.zone;
  const { values, errors, setErrors, change } = useFormState({
    at: clock.startedAt ? toLocalInput(clock.startedAt, zone) : nowIn(zone),
    zone,
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = whenError(values, 'Give the time the clock starts');
    if (problem) return setErrors({ at: problem });
    await run(async () => {
      await clockSet({ ruleId: clock.rule.id, applies: true, trigger: values.at, zone: values.zone });
      onDone();
    });
  }
  const reset = clock.rule.trigger.of
    ? `Count from the submission of ${ruleName(clocks, clock.rule.trigger.of)} instead`
    : clock.rule.trigger.event === 'awareness'
      ? 'Count from the case’s awareness time instead'
      : 'Clear the time set';
  return (
    <form
      className="clock-card__form stack"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Set the trigger time"
    >
      <div className="form-grid">
        <WhenFields
          label="Clock starts at"
          values={values}
          error={errors.at}
          zoneError={errors.zone}
          onAt={(at) => change('at', at)}
          onZone={(z) => change('zone', z)}
          hint={`The time of ${startsFromText(clock, clocks).replace(/ set on this clock$/, '')}`}
          autoFocus
        />
      </div>
      <FormError message={errors._} />
      <div className="actions">
        {clock.triggerAt ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await clockSet({ ruleId: clock.rule.id, applies: true, trigger: null });
                onDone();
              })
            }
          >
            {reset}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          Set trigger
        </button>
      </div>
    </form>
  );
}

/** "Record submission…": when the report went, to whom, its reference, the proof. */
function SubmissionForm({
  clock,
  exhibits,
  onDone,
}: {
  clock: ClockView;
  exhibits: ExtortionChoices['exhibits'];
  onDone: () => void;
}) {
  const clockSubmitted = useAppStore((s) => s.clockSubmitted);
  const zone = useExaminerZone();
  const { values, errors, setErrors, change } = useFormState({
    at: nowIn(zone),
    zone,
    recipient: clock.rule.recipient,
    reference: '',
    proof: '',
    notes: '',
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));
  async function submit(event: FormEvent) {
    event.preventDefault();
    const draft: SubmissionDraft = {
      ruleId: clock.rule.id,
      at: values.at,
      zone: values.zone,
      recipient: values.recipient.trim(),
      reference: values.reference.trim(),
      notes: values.notes,
      ...(values.proof ? { proof: values.proof } : {}),
    };
    const parsed = SubmissionDraft.safeParse(draft);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    const problem = whenError(values, 'Give the time it was submitted');
    if (problem) found.at = problem;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      await clockSubmitted(draft);
      onDone();
    });
  }
  return (
    <form
      className="clock-card__form stack"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Record a submission"
    >
      <div className="form-grid">
        <WhenFields
          label="Submitted at"
          values={values}
          error={errors.at}
          zoneError={errors.zone}
          onAt={(at) => change('at', at)}
          onZone={(z) => change('zone', z)}
          hint="When it was sent or filed"
          autoFocus
        />
        <Field label="Recipient" error={errors.recipient}>
          {(p) => (
            <input {...p} type="text" value={values.recipient} onChange={(e) => change('recipient', e.target.value)} />
          )}
        </Field>
        <Field label="Reference number" error={errors.reference} hint="The case or receipt number they gave">
          {(p) => (
            <input
              {...p}
              type="text"
              value={values.reference}
              onChange={(e) => change('reference', e.target.value)}
              spellCheck={false}
            />
          )}
        </Field>
        <Field
          label="Proof exhibit"
          error={errors.proof}
          hint="The confirmation or the form sent, logged under Evidence"
        >
          {(p) => (
            <ExhibitSelect
              hideDisposed
              control={p}
              value={values.proof}
              onChange={(v) => change('proof', v)}
              exhibits={exhibits}
            />
          )}
        </Field>
        <Field label="Notes" error={errors.notes}>
          {(p) => <input {...p} type="text" value={values.notes} onChange={(e) => change('notes', e.target.value)} />}
        </Field>
      </div>
      <FormFooter
        error={errors._}
        onCancel={onDone}
        busy={busy}
        busyLabel="Recording…"
        submitLabel="Record submission"
      />
    </form>
  );
}

/** One rule: what it is, who is told, what starts it, its sources; when it applies, where it stands. */
function ClockCard({
  clock,
  clocks,
  now,
  choices,
  marked,
}: {
  clock: ClockView;
  clocks: ClocksState;
  now: number;
  choices: ExtortionChoices | null;
  marked: boolean;
}) {
  const clockSet = useAppStore((s) => s.clockSet);
  const clockSubmissionRemoved = useAppStore((s) => s.clockSubmissionRemoved);
  const [open, setOpen] = useState<'trigger' | 'submission' | null>(null);
  const [switchError, setSwitchError] = useState<string | undefined>();
  const { busy, run } = useSubmit(setSwitchError);
  const { rule } = clock;
  const status = liveStatus(clock, now);
  const elementId = elementIdOf('clock', rule.id);
  const first = clock.submissions[0];
  return (
    <article
      id={elementId}
      tabIndex={-1}
      className={`card clock-card clock-card--${status}${marked ? ' clock-card--marked' : ''}`}
      aria-labelledby={`${elementId}-title`}
    >
      <div className="clock-card__head">
        <div className="clock-card__title">
          <h4 id={`${elementId}-title`}>{rule.name}</h4>
          {clock.applies ? <ClockStatusBadge status={status} /> : null}
        </div>
        <label className="check clock-card__switch">
          <input
            type="checkbox"
            role="switch"
            checked={clock.applies}
            disabled={busy}
            onChange={(e) => {
              const applies = e.target.checked;
              setSwitchError(undefined);
              void run(() => clockSet({ ruleId: rule.id, applies }));
            }}
          />
          Applies to this case
        </label>
      </div>
      <FormError message={switchError} />
      <p className="clock-card__when">
        <SafeText text={rule.when} />
      </p>
      <dl className="clock-card__facts">
        <Fact term="Deadline">
          {rule.deadline ?? 'No fixed time: without undue delay'}
          {rule.noLaterThan ? `, and no later than ${rule.noLaterThan}` : ''}
        </Fact>
        <Fact term="Recipient">
          <SafeText text={rule.recipient} />
        </Fact>
        <Fact term="Starts from">{startsFromText(clock, clocks)}</Fact>
      </dl>

      {clock.applies ? (
        <div className="clock-card__state">
          <dl className="clock-card__facts">
            <Fact term="Started">
              {clock.startedAt ? (
                <WallTime utc={clock.startedAt} zone={clock.triggerZone ?? clocks.zone} />
              ) : (
                <span className="clock-card__waiting">{waitingText(clock, clocks)}</span>
              )}
            </Fact>
            <Fact term="Due">
              {clock.dueAt ? (
                <WallTime utc={clock.dueAt} zone={clocks.zone} />
              ) : status === 'no-fixed-time' ? (
                'Without undue delay: no fixed number of hours'
              ) : (
                <span className="muted">Once the clock starts</span>
              )}
            </Fact>
            <Fact term="Time left">
              {clock.dueAt && LIVE_STATUSES.includes(status) ? (
                <Countdown dueAt={clock.dueAt} now={now} />
              ) : first ? (
                submittedText(first, clock.dueAt)
              ) : (
                <span className="muted">—</span>
              )}
            </Fact>
          </dl>
          {clock.submissions.length > 0 ? (
            <ul className="clock-card__submissions" aria-label={`Submissions: ${rule.name}`}>
              {clock.submissions.map((s, i) => (
                <li key={s.id}>
                  <dl className="clock-card__submission">
                    <Fact term={i === 0 ? 'Submitted' : 'Further submission'}>
                      <WallTime utc={s.submittedAt} zone={s.zone} />
                    </Fact>
                    <Fact term="To">
                      <SafeText text={s.recipient} />
                    </Fact>
                    <Fact term="Reference" valueClassName="mono">
                      {s.reference ? <SafeText text={s.reference} /> : '—'}
                    </Fact>
                    <Fact term="Proof">
                      {s.proofItemId ? (
                        <ExhibitLink itemId={s.proofItemId} choices={choices} />
                      ) : (
                        <span className="muted">None logged</span>
                      )}
                    </Fact>
                    <Fact term="Recorded by">
                      <SafeText text={s.recordedBy} />
                    </Fact>
                    {s.notes ? (
                      <Fact term="Notes" className="clock-card__submission-notes">
                        <SafeText text={s.notes} />
                      </Fact>
                    ) : null}
                  </dl>
                  <RemoveAction what="submission" onRemove={() => clockSubmissionRemoved(s.id)} />
                </li>
              ))}
            </ul>
          ) : null}
          {open === 'trigger' ? <TriggerForm clock={clock} clocks={clocks} onDone={() => setOpen(null)} /> : null}
          {open === 'submission' ? (
            <SubmissionForm clock={clock} exhibits={choices?.exhibits ?? []} onDone={() => setOpen(null)} />
          ) : null}
          {open === null ? (
            <div className="actions actions--start">
              <button type="button" className="button button--small" onClick={() => setOpen('trigger')}>
                Set trigger…
              </button>
              <button type="button" className="button button--small" onClick={() => setOpen('submission')}>
                {clock.submissions.length > 0 ? 'Record a further submission…' : 'Record submission…'}
              </button>
            </div>
          ) : null}
        </div>
      ) : null}

      <p className="clock-card__note">
        <SafeText text={rule.note} />
      </p>
      <SourceList sources={rule.sources} className="clock-card__sources" />
    </article>
  );
}

/**
 * Every notification rule Custos knows, by regime: which apply to this case, when each started,
 * when it is due, and what was submitted. Chained clocks (a final report a month after the
 * notification) move as soon as the submission they follow is recorded.
 */
export function ClocksView() {
  const clocks = useAppStore((s) => s.clocks);
  const loading = useAppStore((s) => s.extortionLoading);
  const problem = useAppStore((s) => s.extortionProblem);
  const extortionRequested = useAppStore((s) => s.extortionRequested);
  const sectionChosen = useAppStore((s) => s.sectionChosen);
  const choices = useExtortionChoices();
  const now = useNow();
  const [onlyApplied, setOnlyApplied] = useState(false);
  const highlight = useHighlight(clocks !== null);

  useEffect(() => {
    if (clocks === null && !loading && problem === null) void extortionRequested();
  }, [clocks, loading, problem, extortionRequested]);

  if (clocks === null) {
    return (
      <ReadingSection
        titleId="clocks-title"
        title="Notification clocks"
        what="the notification clocks"
        problem={problem}
        onRetry={() => void extortionRequested()}
      />
    );
  }

  const applied = clocks.clocks.filter((c) => c.applies);
  const shown = onlyApplied ? applied : clocks.clocks;
  const regimes = [...new Set(shown.map((c) => c.rule.regime))];
  return (
    <section aria-labelledby="clocks-title" className="stack clocks">
      <h2 id="clocks-title">Notification clocks</h2>
      <p className="muted">
        The legal deadlines to tell authorities and people, counted from the moment each starts. Switch on the rules
        that apply to this case (ask counsel); the summaries are Custos&apos;s, the cited texts are the authority.
      </p>
      <div className="card clocks__facts">
        <dl className="facts">
          <Fact term="Became aware">
            {clocks.awareAt ? (
              <WallTime utc={clocks.awareAt} zone={clocks.zone} />
            ) : (
              <>
                <strong>Not set.</strong> The clocks that count from it wait.{' '}
                <button type="button" className="ext-link" onClick={() => sectionChosen('overview')}>
                  Set it on the Overview
                </button>
              </>
            )}
          </Fact>
          <Fact term="Times shown in">
            {clocks.zone} and UTC
            {clocks.awareAt ? <span className="muted"> (the zone awareness was entered in)</span> : null}
          </Fact>
          <Fact term="Rules that apply">
            {applied.length} of {clocks.clocks.length}
          </Fact>
        </dl>
        <label className="check">
          <input type="checkbox" checked={onlyApplied} onChange={(e) => setOnlyApplied(e.target.checked)} />
          Show only the rules that apply to this case
        </label>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No rule is switched on yet: clear the box above to see them all.</p>
      ) : null}
      {regimes.map((regime) => {
        const inRegime = shown.filter((c) => c.rule.regime === regime);
        const headingId = `clocks-regime-${regime.replace(/[^A-Za-z0-9]+/g, '-')}`;
        return (
          <section key={regime} aria-labelledby={headingId} className="stack clocks__regime">
            <h3 id={headingId}>
              {regime}{' '}
              <span className="count" title="Rules of this regime that apply">
                {inRegime.filter((c) => c.applies).length} of {inRegime.length}
              </span>
            </h3>
            {inRegime.map((c) => (
              <ClockCard
                key={c.rule.id}
                clock={c}
                clocks={clocks}
                now={now}
                choices={choices}
                marked={highlight === elementIdOf('clock', c.rule.id)}
              />
            ))}
          </section>
        );
      })}
    </section>
  );
}

import type { FormEvent } from 'react';
import { EXTORTION_CHANNELS, MessageDraft } from '../../../shared/domain/extortion.ts';
import type { ExtortionMessage } from '../../../shared/domain/extortion.ts';
import { toLocalInput } from '../../../shared/logic/time.ts';
import { ChoiceSelect } from '../../components/ChoiceSelect.tsx';
import { ExhibitSelect } from '../../components/ExhibitSelect.tsx';
import { Fact } from '../../components/Fact.tsx';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { RemoveAction } from '../../components/RemoveAction.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { WhenFields, whenError } from '../../components/WhenFields.tsx';
import { fieldErrors } from '../../lib/formErrors.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore } from '../../store/selectors.ts';
import { elementIdOf } from '../../store/extortion.ts';
import { WallTime } from '../clocks/bits.tsx';
import { IndicatorSelect, SENDER_TYPES } from './pickers.tsx';
import { CHANNEL_LABELS, ExhibitLink, IndicatorText } from './shared.tsx';
import type { ExtortionContext } from './shared.tsx';

type MessageValues = {
  at: string;
  zone: string;
  channel: (typeof EXTORTION_CHANNELS)[number];
  sender: string;
  senderIndicatorId: string;
  summary: string;
  body: string;
  evidence: string;
};

/** "Record a message": when it arrived (in the zone of the clock read), how, from whom, what it says. */
export function MessageForm({ context, onDone }: { context: ExtortionContext; onDone: () => void }) {
  const messageAdded = useAppStore((s) => s.messageAdded);
  const { values, errors, setErrors, change } = useFormState<MessageValues>({
    at: toLocalInput(new Date().toISOString(), context.zone),
    zone: context.zone,
    channel: 'email',
    sender: '',
    senderIndicatorId: '',
    summary: '',
    body: '',
    evidence: '',
  });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const draft: MessageDraft = {
      at: values.at,
      zone: values.zone,
      channel: values.channel,
      sender: values.sender,
      summary: values.summary,
      body: values.body,
      ...(values.senderIndicatorId ? { senderIndicatorId: values.senderIndicatorId } : {}),
      ...(values.evidence ? { evidence: values.evidence } : {}),
    };
    const parsed = MessageDraft.safeParse(draft);
    const found = parsed.success ? {} : fieldErrors(parsed.error);
    const timeProblem = whenError(values, 'Give the time the message arrived');
    if (timeProblem) found.at = timeProblem;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await run(async () => {
      await messageAdded(draft);
      onDone();
    });
  }

  const indicators = context.choices?.indicators ?? [];
  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="message-form-title">
      <h4 id="message-form-title">Record a message</h4>
      <div className="form-grid">
        <WhenFields
          label="Received at"
          values={values}
          error={errors.at}
          zoneError={errors.zone}
          onAt={(at) => change('at', at)}
          onZone={(zone) => change('zone', zone)}
          hint="As the message shows it, in the zone of that clock"
        />
        <Field label="Channel" error={errors.channel}>
          {(p) => (
            <ChoiceSelect
              {...p}
              choices={EXTORTION_CHANNELS}
              labels={CHANNEL_LABELS}
              value={values.channel}
              onChange={(value) => change('channel', value)}
            />
          )}
        </Field>
        <Field label="Sender" error={errors.sender} hint="As the message shows it: address, number, handle">
          {(p) => (
            <input
              {...p}
              type="text"
              value={values.sender}
              onChange={(e) => change('sender', e.target.value)}
              spellCheck={false}
            />
          )}
        </Field>
        <Field
          label="Sender as an indicator"
          error={errors.senderIndicatorId}
          hint="Links the message to an e-mail, phone or handle already in Indicators"
        >
          {(p) => (
            <IndicatorSelect
              control={p}
              value={values.senderIndicatorId}
              onChange={(id) => change('senderIndicatorId', id)}
              indicators={indicators}
              types={SENDER_TYPES}
            />
          )}
        </Field>
        <Field label="Captured as exhibit" error={errors.evidence} hint="The saved message, logged under Evidence">
          {(p) => (
            <ExhibitSelect
              hideDisposed
              control={p}
              value={values.evidence}
              onChange={(exhibit) => change('evidence', exhibit)}
              exhibits={context.choices?.exhibits ?? []}
            />
          )}
        </Field>
        <div className="span-2">
          <Field label="Summary" required error={errors.summary} hint="One line: what they say and want">
            {(p) => (
              <input {...p} type="text" value={values.summary} onChange={(e) => change('summary', e.target.value)} />
            )}
          </Field>
        </div>
        <div className="span-2">
          <Field label="Message text" error={errors.body} hint="Pasted as received; kept exactly as written">
            {(p) => (
              <textarea
                {...p}
                rows={6}
                value={values.body}
                onChange={(e) => change('body', e.target.value)}
                spellCheck={false}
              />
            )}
          </Field>
        </div>
      </div>
      <FormFooter error={errors._} onCancel={onDone} busy={busy} busyLabel="Recording…" submitLabel="Record message" />
    </form>
  );
}

/** One message received: when (its zone and UTC), how, from whom, what it says, and its exhibit. */
export function MessageCard({
  message,
  context,
  onDemand,
}: {
  message: ExtortionMessage;
  context: ExtortionContext;
  onDemand: () => void;
}) {
  const extortionRemoved = useAppStore((s) => s.extortionRemoved);
  const elementId = elementIdOf('message', message.id);
  const titleId = `${elementId}-title`;
  return (
    <article
      id={elementId}
      tabIndex={-1}
      className={`card ext-item${context.highlight === elementId ? ' ext-item--marked' : ''}`}
      aria-labelledby={titleId}
    >
      <div className="ext-item__head">
        <h4 id={titleId}>
          <SafeText text={message.summary} />
        </h4>
        <span className="chip">{CHANNEL_LABELS[message.channel]}</span>
      </div>
      <dl className="ext-facts">
        <Fact term="Received">
          <WallTime utc={message.receivedAt} zone={message.zone} />
        </Fact>
        <Fact term="From">
          {message.sender ? <SafeText text={message.sender} /> : <span className="muted">Not given</span>}
          {message.senderIndicatorId ? (
            <>
              <br />
              <IndicatorText id={message.senderIndicatorId} choices={context.choices} />
            </>
          ) : null}
        </Fact>
        <Fact term="Captured as">
          {message.evidenceItemId ? (
            <ExhibitLink itemId={message.evidenceItemId} choices={context.choices} />
          ) : (
            <span className="muted">Not logged as an exhibit</span>
          )}
        </Fact>
      </dl>
      {message.body ? (
        <pre className="ext-body" tabIndex={0} aria-label={`Text of the message: ${message.summary.slice(0, 80)}`}>
          <SafeText text={message.body} />
        </pre>
      ) : null}
      <div className="ext-item__actions">
        <button type="button" className="button button--small" onClick={onDemand}>
          Record a demand from this message…
        </button>
        <RemoveAction what="message" onRemove={() => extortionRemoved('message', message.id)} />
      </div>
    </article>
  );
}

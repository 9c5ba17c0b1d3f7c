/** A message for the whole form or view (not one field), announced when it appears. */
export function FormError({ message }: { message?: string | null | undefined }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

type FormActionsProps = {
  /** The submit button's label when idle. */
  submitLabel: string;
  /** Shown in its place while `busy`; without it the label stays as it is. */
  busyLabel?: string;
  /** A save is running: the submit button is off so it cannot be sent twice. */
  busy?: boolean;
  /** Nothing to do right now (no unsaved change, a job running): both buttons are off. */
  disabled?: boolean;
  /** Without it there is no cancel button (a first-run form, an always-open editor). */
  onCancel?: (() => void) | undefined;
  cancelLabel?: string;
  /** `danger` for a step that cannot be undone, such as a disposal. */
  tone?: 'primary' | 'danger';
};

/** Cancel, then submit: the button row every form ends with. */
export function FormActions({
  submitLabel,
  busyLabel,
  busy = false,
  disabled = false,
  onCancel,
  cancelLabel = 'Cancel',
  tone = 'primary',
}: FormActionsProps) {
  return (
    <div className="actions">
      {onCancel ? (
        <button type="button" className="button" onClick={onCancel} disabled={disabled}>
          {cancelLabel}
        </button>
      ) : null}
      <button type="submit" className={`button button--${tone}`} disabled={busy || disabled}>
        {busy && busyLabel ? busyLabel : submitLabel}
      </button>
    </div>
  );
}

/** The form-level error, then the buttons. A form with something between the two uses the pieces. */
export function FormFooter({ error, ...actions }: FormActionsProps & { error?: string | undefined }) {
  return (
    <>
      <FormError message={error} />
      <FormActions {...actions} />
    </>
  );
}

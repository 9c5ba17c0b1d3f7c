import type { FormEvent } from 'react';
import type { TemplateSummary } from '../../../shared/domain/playbook.ts';
import { Field } from '../../components/Field.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { useFormState } from '../../lib/useFormState.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore } from '../../store/selectors.ts';

/** A copy of a template under a new name: how a built-in is adapted, since it stays read-only. */
export function DuplicateForm({
  template,
  onDone,
}: {
  template: Pick<TemplateSummary, 'id' | 'name'>;
  onDone: () => void;
}) {
  const templateDuplicated = useAppStore((s) => s.templateDuplicated);
  const { values, errors, setErrors, change } = useFormState({ name: '' });
  const { busy, run } = useSubmit((message) => setErrors({ _: message }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const name = values.name.trim();
    // The backend refuses an empty or taken name too; an empty one is said here, beside the field.
    if (!name) return setErrors({ name: 'Give the copy a name' });
    await run(async () => {
      await templateDuplicated(template.id, name);
      onDone();
    });
  }

  return (
    <form className="inline-form tpl-duplicate" onSubmit={(e) => void submit(e)} noValidate aria-label="Duplicate">
      <Field
        label="Name of the copy"
        required
        error={errors.name}
        hint={`A copy of “${template.name}” in your library, which you can edit; the original stays as it is.`}
      >
        {(p) => (
          <input {...p} type="text" value={values.name} onChange={(e) => change('name', e.target.value)} autoFocus />
        )}
      </Field>
      <FormFooter error={errors._} onCancel={onDone} busy={busy} busyLabel="Copying…" submitLabel="Duplicate" />
    </form>
  );
}

import { useState } from 'react';
import type { FormEvent } from 'react';
import { FileEvidenceDraft } from '../../../shared/domain/evidence.ts';
import { Field } from '../../components/Field.tsx';
import { FormActions, FormError } from '../../components/FormFooter.tsx';
import { escapeControl } from '../../../shared/logic/text.ts';
import { ZoneInput } from '../../components/ZoneInput.tsx';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { fieldErrors } from '../../lib/formErrors.ts';
import { messageOf } from '../../lib/api.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { ProgressPanel } from '../../components/ProgressPanel.tsx';
import { formatBytes } from '../../lib/format.ts';
import { showBidi } from '../../../shared/logic/text.ts';

const GiB = 1024 ** 3;

function Progress() {
  const progress = useAppStore((s) => s.addProgress);
  const cancel = useAppStore((s) => s.evidenceJobCancelled);
  if (!progress) return null;
  return (
    <ProgressPanel
      title={`Adding ${progress.file.split(/[\\/]/).pop()}`}
      detail={`(${progress.fileIndex + 1} of ${progress.fileCount}) — hashing and storing`}
      bytes={progress.bytes}
      total={progress.total}
      elapsed={progress.elapsed}
      label="Progress of the current file"
      onCancel={() => void cancel('add')}
    />
  );
}

/** What is known about where the files came from, then the file dialog, then progress. */
export function AddEvidence({ onClose, dropped }: { onClose: () => void; dropped?: string[] }) {
  const adding = useAppStore((s) => s.adding);
  const add = useAppStore((s) => s.evidenceAddRequested);
  const items = useAppStore((s) => s.evidence);
  const zone = useExaminerZone();
  const { values, errors, setErrors, change } = useFormState({
    description: '',
    source: '',
    custodian: '',
    legalBasis: '',
    storageLocation: '',
    acquiredBy: '',
    witness: '',
    acquiredAt: '',
    acquiredZone: zone,
    method: '',
    tool: '',
    toolVersion: '',
    toolHashAlgorithm: '',
    toolHash: '',
    derivedFrom: '',
    md5: false,
    sha1: false,
    byReference: false,
  });
  const savedLimit = useAppStore((s) => s.info?.storeLimitBytes ?? 2 * GiB);
  const saveLimit = useAppStore((s) => s.storeLimitSaved);
  const [storeLimit, setStoreLimit] = useState(String(Number((savedLimit / GiB).toFixed(3))));
  const set = (key: keyof typeof values) => (e: { target: { value: string; checked?: boolean; type?: string } }) =>
    change(key, e.target.type === 'checkbox' ? Boolean(e.target.checked) : e.target.value);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { byReference, acquiredBy, acquiredAt, acquiredZone, tool, toolVersion, derivedFrom, ...rest } = values;
    const parsed = FileEvidenceDraft.safeParse({
      ...rest,
      ...(byReference ? { byReference: true } : {}),
      ...(acquiredBy.trim() ? { acquiredBy } : {}),
      ...(acquiredAt ? { acquiredAt, acquiredZone } : {}),
      ...(tool.trim() ? { tool } : {}),
      ...(toolVersion.trim() ? { toolVersion } : {}),
      ...(derivedFrom ? { derivedFrom } : {}),
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    const limit = Math.round(Number(storeLimit) * GiB);
    if (!byReference && (!Number.isFinite(limit) || limit < 1 || storeLimit.trim() === '')) {
      return setErrors({ storeLimit: 'Give the largest size to store in the case, in GiB, e.g. 2 or 0.5' });
    }
    setErrors({});
    try {
      if (!byReference && limit !== savedLimit) await saveLimit(limit);
      const problem = await add(parsed.data, dropped);
      if (problem) setErrors({ _: problem });
      else onClose();
    } catch (error) {
      setErrors({ _: messageOf(error) });
    }
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-evidence-title">
      <h3 id="add-evidence-title">Add evidence files</h3>
      {dropped?.length ? (
        <ul className="dropped" aria-label="Dropped files">
          {dropped.map((p) => (
            <li key={p} className="mono">
              {escapeControl(p)}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="muted">
        Each file is read once, hashed (SHA-256) while it is stored in the case, and logged with an acquisition record.
        Files over {formatBytes(savedLimit)} are referenced where they are instead of copied.
      </p>
      <div className="form-grid">
        <div className="span-2">
          <Field
            label="Description"
            error={errors.description}
            hint="What the files are, e.g. “Extortion e-mail received by the CFO, with headers”."
          >
            {(p) => <input {...p} type="text" value={values.description} onChange={set('description')} />}
          </Field>
        </div>
        <Field label="Source / where found" error={errors.source}>
          {(p) => <input {...p} type="text" value={values.source} onChange={set('source')} />}
        </Field>
        <Field label="Custodian or owner" error={errors.custodian}>
          {(p) => <input {...p} type="text" value={values.custodian} onChange={set('custodian')} />}
        </Field>
        <Field label="Legal basis" error={errors.legalBasis} hint="Consent, company policy, court order…">
          {(p) => <input {...p} type="text" value={values.legalBasis} onChange={set('legalBasis')} />}
        </Field>
        <Field label="Storage location" error={errors.storageLocation} hint="Leave empty: stored in the case file.">
          {(p) => <input {...p} type="text" value={values.storageLocation} onChange={set('storageLocation')} />}
        </Field>
      </div>
      <details className="more">
        <summary>Acquisition details (who, when, how, the tool's own hash)</summary>
        <div className="form-grid">
          <Field label="Acquired by" error={errors.acquiredBy} hint="Leave empty: you.">
            {(p) => <input {...p} type="text" value={values.acquiredBy} onChange={set('acquiredBy')} />}
          </Field>
          <Field label="Witness" error={errors.witness}>
            {(p) => <input {...p} type="text" value={values.witness} onChange={set('witness')} />}
          </Field>
          <Field label="Acquired at" error={errors.acquiredAt} hint="Leave empty: now.">
            {(p) => (
              <input {...p} type="datetime-local" step={1} value={values.acquiredAt} onChange={set('acquiredAt')} />
            )}
          </Field>
          <Field label="…in time zone" error={errors.acquiredZone}>
            {(p) => <ZoneInput {...p} value={values.acquiredZone} onChange={(v) => change('acquiredZone', v)} />}
          </Field>
          <Field
            label="Method"
            error={errors.method}
            hint="Leave empty: “Logical copy of the file”, or “Hashed where it lies” for a file referenced in place."
          >
            {(p) => <input {...p} type="text" value={values.method} onChange={set('method')} />}
          </Field>
          <Field label="Tool and version" error={errors.tool ?? errors.toolVersion} hint="Leave empty: Custos.">
            {(p) => (
              <span className="pair">
                <input {...p} type="text" value={values.tool} onChange={set('tool')} placeholder="e.g. FTK Imager" />
                <input
                  type="text"
                  aria-label="Tool version"
                  value={values.toolVersion}
                  onChange={set('toolVersion')}
                  placeholder="4.7.1"
                />
              </span>
            )}
          </Field>
          <Field
            label="Derived from"
            error={errors.derivedFrom}
            hint="For copies or extracts of an item already logged."
          >
            {(p) => (
              <select {...p} value={values.derivedFrom} onChange={set('derivedFrom')}>
                <option value="">— (an original)</option>
                {items.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.exhibit} {showBidi(i.originalName || i.description)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Hash the tool reported"
            error={errors.toolHash ?? errors.toolHashAlgorithm}
            hint="Compared with ours after hashing."
          >
            {(p) => (
              <span className="pair">
                <select
                  aria-label="Algorithm of the tool's hash"
                  value={values.toolHashAlgorithm}
                  onChange={set('toolHashAlgorithm')}
                >
                  <option value="">none</option>
                  <option value="md5">MD5</option>
                  <option value="sha1">SHA-1</option>
                  <option value="sha256">SHA-256</option>
                </select>
                <input
                  {...p}
                  type="text"
                  className="mono"
                  value={values.toolHash}
                  onChange={set('toolHash')}
                  spellCheck={false}
                />
              </span>
            )}
          </Field>
        </div>
      </details>
      <fieldset className="checks">
        <legend>Also compute</legend>
        <label className="check">
          <input type="checkbox" checked={values.md5} onChange={set('md5')} /> MD5
        </label>
        <label className="check">
          <input type="checkbox" checked={values.sha1} onChange={set('sha1')} /> SHA-1
        </label>
      </fieldset>
      <fieldset className="checks">
        <legend>Storage</legend>
        <label className="check">
          <input type="checkbox" checked={values.byReference} onChange={set('byReference')} /> Reference in place (do
          not copy into the case)
        </label>
        {values.byReference ? null : (
          <Field
            label="Store files up to (GiB)"
            error={errors.storeLimit}
            hint="Larger files are referenced where they are, with their hashes. Kept as your default."
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="decimal"
                min={0.001}
                step="any"
                value={storeLimit}
                onChange={(e) => {
                  setStoreLimit(e.target.value);
                  setErrors(({ storeLimit: _gone, ...rest }) => rest);
                }}
              />
            )}
          </Field>
        )}
      </fieldset>
      <FormError message={errors._} />
      {/* The progress sits between the error and the buttons, so the two pieces are used apart. */}
      {adding ? <Progress /> : null}
      <FormActions
        onCancel={onClose}
        cancelLabel="Close"
        disabled={adding}
        busy={adding}
        busyLabel="Adding…"
        submitLabel={
          dropped?.length
            ? `Add ${dropped.length} dropped ${dropped.length === 1 ? 'file' : 'files'}`
            : 'Choose files and add'
        }
      />
    </form>
  );
}

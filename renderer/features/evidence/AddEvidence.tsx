import { useState } from 'react';
import type { FormEvent } from 'react';
import { FileDescriptions, FileEvidenceDraft } from '../../../shared/domain/evidence.ts';
import { Field } from '../../components/Field.tsx';
import { FormActions, FormError } from '../../components/FormFooter.tsx';
import { WhenFields } from '../../components/WhenFields.tsx';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { fieldErrors } from '../../lib/formErrors.ts';
import { messageOf } from '../../lib/api.ts';
import { useFormState } from '../../lib/useFormState.ts';
import { ProgressPanel } from '../../components/ProgressPanel.tsx';
import { Bytes } from '../../components/Bytes.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { exactBytes, formatBytes } from '../../lib/format.ts';
import { showBidi } from '../../../shared/logic/text.ts';
import './evidence.css';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
type LimitUnit = 'MiB' | 'GiB';
const UNIT_BYTES: Record<LimitUnit, number> = { MiB, GiB };

/** The saved limit as the field shows it: in GiB when it is a whole number of them or more, else MiB. */
function limitShown(bytes: number): { amount: string; unit: LimitUnit } {
  const unit: LimitUnit = bytes >= GiB ? 'GiB' : 'MiB';
  return { amount: String(Number((bytes / UNIT_BYTES[unit]).toFixed(3))), unit };
}

const nameOf = (path: string) => path.split(/[\\/]/).pop() ?? path;

/**
 * The files of the batch, each with its own description: prefilled from the shared one, and
 * kept apart once the person edits it. A file can be taken out before anything is read.
 */
function ChosenFiles({
  paths,
  shared,
  own,
  error,
  disabled,
  onOwn,
  onRemove,
}: {
  paths: string[];
  shared: string;
  own: Record<string, string>;
  error: string | undefined;
  disabled: boolean;
  onOwn: (path: string, text: string) => void;
  onRemove: (path: string) => void;
}) {
  return (
    <div className="chosen-files">
      <table className="chosen-files__table">
        <caption>
          {paths.length} {paths.length === 1 ? 'file' : 'files'} to add, each with its own description
        </caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">What it is</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {paths.map((path) => (
            <tr key={path}>
              <td className="chosen-files__file">
                <strong>
                  <SafeText text={nameOf(path)} />
                </strong>
                <span className="muted mono chosen-files__path">
                  <SafeText text={path} />
                </span>
              </td>
              <td>
                <input
                  type="text"
                  aria-label={`What ${showBidi(nameOf(path))} is`}
                  value={own[path] ?? shared}
                  // Emptied, a file's description is the shared one again: the placeholder says so.
                  placeholder={
                    shared ? 'Empty: the description for all the files' : 'Leave empty: the file name describes it'
                  }
                  onChange={(e) => onOwn(path, e.target.value)}
                  disabled={disabled}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="button button--ghost"
                  onClick={() => onRemove(path)}
                  disabled={disabled}
                  aria-label={`Remove ${showBidi(nameOf(path))} from the files to add`}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

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
  const choose = useAppStore((s) => s.evidenceFilesChosen);
  const [paths, setPaths] = useState<string[]>(dropped ?? []);
  const [own, setOwn] = useState<Record<string, string>>({});
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
  const [storeLimit, setStoreLimit] = useState(() => limitShown(savedLimit).amount);
  const [limitUnit, setLimitUnit] = useState<LimitUnit>(() => limitShown(savedLimit).unit);
  const limitBytes = Math.round(Number(storeLimit) * UNIT_BYTES[limitUnit]);
  const limitReads = storeLimit.trim() !== '' && Number.isFinite(limitBytes) && limitBytes >= 1;
  const set = (key: keyof typeof values) => (e: { target: { value: string; checked?: boolean; type?: string } }) =>
    change(key, e.target.type === 'checkbox' ? Boolean(e.target.checked) : e.target.value);

  /** The file dialog; files already in the list stay, the new ones join them. */
  async function chooseFiles() {
    try {
      const chosen = await choose();
      if (!chosen) return;
      setPaths((now) => [...now, ...chosen.filter((p) => !now.includes(p))]);
      setErrors(({ files: _gone, ...rest }) => rest);
    } catch (error) {
      setErrors({ _: messageOf(error) });
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (paths.length === 0) return void chooseFiles();
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
    const descriptions = FileDescriptions.safeParse(paths.map((p) => own[p] ?? values.description));
    if (!descriptions.success) return setErrors({ files: descriptions.error.issues[0]!.message });
    if (!byReference && !limitReads) {
      return setErrors({ storeLimit: 'Give the largest size to store in the case, e.g. 2 GiB or 500 MiB' });
    }
    setErrors({});
    try {
      if (!byReference && limitBytes !== savedLimit) await saveLimit(limitBytes);
      const problem = await add(parsed.data, paths, descriptions.data);
      if (problem) setErrors({ _: problem });
      else onClose();
    } catch (error) {
      setErrors({ _: messageOf(error) });
    }
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-evidence-title">
      <h3 id="add-evidence-title">Add evidence files</h3>
      <p className="muted">
        Each file is read once, hashed (SHA-256) while it is stored in the case, and logged with an acquisition record.
        Files over <Bytes bytes={savedLimit} /> are referenced where they are instead of copied.
      </p>
      <div className="form-grid">
        <div className="span-2">
          <Field
            label={paths.length > 1 ? 'Description for all the files' : 'Description'}
            error={errors.description}
            hint={
              paths.length > 1
                ? 'Fills in each file’s description below until you change that one.'
                : 'What the file is, e.g. “Extortion e-mail received by the CFO, with headers”.'
            }
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
          <WhenFields
            label="Acquired at"
            zoneLabel="…in time zone"
            optional
            hint="Leave empty: now"
            values={{ at: values.acquiredAt, zone: values.acquiredZone }}
            error={errors.acquiredAt}
            zoneError={errors.acquiredZone}
            onAt={(at) => change('acquiredAt', at)}
            onZone={(zone) => change('acquiredZone', zone)}
          />
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
            label="Store files up to"
            error={errors.storeLimit}
            hint={`${limitReads ? `${formatBytes(limitBytes)} is ${exactBytes(limitBytes)}. ` : ''}Larger files are referenced where they are, with their hashes. Kept as your default.`}
          >
            {(p) => (
              <span className="pair">
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
                <select
                  aria-label="Unit of the store limit"
                  value={limitUnit}
                  onChange={(e) => setLimitUnit(e.target.value as LimitUnit)}
                >
                  <option value="MiB">MiB</option>
                  <option value="GiB">GiB</option>
                </select>
              </span>
            )}
          </Field>
        )}
      </fieldset>
      <section className="chosen" aria-label="Files to add">
        {paths.length > 0 ? (
          <ChosenFiles
            paths={paths}
            shared={values.description}
            own={own}
            error={errors.files}
            disabled={adding}
            onOwn={(path, text) => setOwn((now) => ({ ...now, [path]: text }))}
            onRemove={(path) => setPaths((now) => now.filter((p) => p !== path))}
          />
        ) : (
          <p className="muted">No files chosen yet: choose them, then say what each one is before adding.</p>
        )}
        {paths.length > 0 ? (
          <button type="button" className="button" onClick={() => void chooseFiles()} disabled={adding}>
            Choose more files…
          </button>
        ) : null}
      </section>
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
          paths.length === 0
            ? 'Choose files…'
            : `Add ${paths.length}${dropped?.length && paths.every((p) => dropped.includes(p)) ? ' dropped' : ''} ${paths.length === 1 ? 'file' : 'files'}`
        }
      />
    </form>
  );
}

import { useRef, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import {
  CONFIDENCES,
  INDICATOR_TYPES,
  INDICATOR_TYPE_LABELS,
  MAX_INDICATOR_LIST_CHARS,
  TYPES_WITH_PLATFORM,
} from '../../../shared/domain/indicator.ts';
import type {
  Confidence,
  IndicatorBulkRequest,
  IndicatorBulkResult,
  IndicatorLineVerdict,
  IndicatorType,
} from '../../../shared/domain/indicator.ts';
import type { Tlp } from '../../../shared/domain/case.ts';
import { ChoiceSelect } from '../../components/ChoiceSelect.tsx';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormFooter.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { TlpSelect } from '../../components/TlpSelect.tsx';
import { messageOf } from '../../lib/api.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore } from '../../store/selectors.ts';
import { PLATFORM_HINTS } from './IndicatorForm.tsx';
import { CONFIDENCE_WORDS, SourceExhibitField, SubjectPicker } from './pickers.tsx';

const VERDICT_WORDS: Record<IndicatorLineVerdict['verdict'], string> = {
  added: 'To add',
  'already present': 'Already present',
  refused: 'Refused',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Reads a file the person chose, in the page: its text, never its path, is what goes to main. */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

/**
 * A list of indicators pasted or read from a .txt/.csv: one a line as TYPE:VALUE (or the default
 * type's values alone), or a CSV with a header type,value[,platform,…]. Preview says what each line
 * would do and writes nothing; Import writes the whole list or, if any line is refused, nothing.
 */
export function IndicatorImport({ onDone }: { onDone: () => void }) {
  const previewed = useAppStore((s) => s.indicatorListPreviewed);
  const imported = useAppStore((s) => s.indicatorListImported);
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [defaultType, setDefaultType] = useState<IndicatorType | ''>('');
  const [defaultPlatform, setDefaultPlatform] = useState('');
  const [confidence, setConfidence] = useState<Confidence>('medium');
  const [tlp, setTlp] = useState<Tlp>('AMBER');
  const [source, setSource] = useState('');
  const [subjectIds, setSubjectIds] = useState<string[]>([]);
  const [preview, setPreview] = useState<{ key: string; result: IndicatorBulkResult } | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [checking, setChecking] = useState(false);
  const { busy, run } = useSubmit(setError);
  const fileInput = useRef<HTMLInputElement>(null);

  const request: IndicatorBulkRequest = {
    text,
    ...(defaultType ? { defaultType } : {}),
    // A pasted column of Payoneer accounts or Telegram names: the platform of the lines that name none.
    ...(defaultType && TYPES_WITH_PLATFORM.includes(defaultType) && defaultPlatform.trim()
      ? { defaultPlatform: defaultPlatform.trim() }
      : {}),
    confidence,
    tlp,
    ...(source ? { source } : {}),
    subjectIds,
  };
  const key = JSON.stringify(request);
  const current = preview?.key === key ? preview.result : null;

  async function chosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared, so choosing the same file again after fixing it is a change too.
    event.target.value = '';
    setError(undefined);
    if (!file) return;
    // A UTF-8 character is at most 4 bytes: larger files cannot be within the limit.
    if (file.size > MAX_INDICATOR_LIST_CHARS * 4) return setError(`${file.name} is larger than 4 MiB; split it`);
    try {
      setText(await readText(file));
      setFileName(file.name);
    } catch (e) {
      setError(`${file.name}: ${messageOf(e)}`);
    }
  }

  async function showPreview() {
    setError(undefined);
    if (!text.trim()) return setError('Paste a list or choose a file first');
    setChecking(true);
    try {
      setPreview({ key, result: await previewed(request) });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setChecking(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!current || current.refused > 0) return;
    await run(async () => {
      const result = await imported(request);
      if (result.written) return onDone();
      // Main checks again: a list that became refused since the preview is shown, not half written.
      setPreview({ key, result });
    });
  }

  const shown = preview?.result ?? null;
  const stale = shown !== null && current === null;
  // Lines already present still count when subjects are chosen: importing ties them to those subjects.
  const canImport =
    current !== null && current.refused === 0 && (current.added > 0 || (current.present > 0 && subjectIds.length > 0));

  return (
    <form
      className="inline-form stack ind-import"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label="Import a list"
    >
      <h3 className="ind-form__title">Paste or import a list of indicators</h3>
      <div className="ind-import__grid">
        <div>
          <Field
            label="Indicators, one a line"
            hint="TYPE:VALUE on each line (eth:0x…, iban:DE89…, email:…), or only values when a default type is set; or a CSV with a header type,value[,platform,…]."
          >
            {(p) => (
              <textarea
                {...p}
                rows={9}
                className="ind-import__text"
                spellCheck={false}
                value={text}
                autoFocus
                onChange={(e) => {
                  setText(e.target.value);
                  setFileName(null);
                }}
              />
            )}
          </Field>
          <div className="ind-import__file">
            <input
              ref={fileInput}
              className="ind-file-input"
              type="file"
              accept=".txt,.csv,text/plain,text/csv"
              aria-label="List of indicators to read (.txt or .csv)"
              tabIndex={-1}
              onChange={(e) => void chosen(e)}
            />
            <button type="button" className="button" onClick={() => fileInput.current?.click()}>
              Read a .txt or .csv file…
            </button>
            {fileName ? (
              <span className="muted">
                Read from <SafeText text={fileName} />; edit it above before importing if you need to.
              </span>
            ) : null}
          </div>
        </div>
        <div>
          <Field label="Default type" hint="For lines that name no type: a pasted column of wallets.">
            {(p) => (
              <ChoiceSelect<IndicatorType | ''>
                choices={INDICATOR_TYPES}
                labels={INDICATOR_TYPE_LABELS}
                {...p}
                value={defaultType}
                empty="None: each line names its type"
                onChange={setDefaultType}
              />
            )}
          </Field>
          {defaultType && TYPES_WITH_PLATFORM.includes(defaultType) ? (
            <Field label="Platform of those lines" hint={PLATFORM_HINTS[defaultType]}>
              {(p) => (
                <input
                  {...p}
                  type="text"
                  value={defaultPlatform}
                  onChange={(e) => setDefaultPlatform(e.target.value)}
                />
              )}
            </Field>
          ) : null}
          <SourceExhibitField value={source} onChange={setSource} />
          <div className="form-grid">
            <Field label="Confidence">
              {(p) => (
                <ChoiceSelect
                  choices={CONFIDENCES}
                  labels={CONFIDENCE_WORDS}
                  {...p}
                  value={confidence}
                  onChange={setConfidence}
                />
              )}
            </Field>
            <Field label="TLP">{(p) => <TlpSelect {...p} value={tlp} onChange={setTlp} />}</Field>
          </div>
          <SubjectPicker selected={subjectIds} onChange={setSubjectIds} legend="Subjects they all belong to" />
        </div>
      </div>
      <p className="ind-import__rule">Fix or remove the refused lines; nothing is imported until every line passes.</p>
      <div className="actions actions--start">
        <button type="button" className="button" disabled={checking || busy} onClick={() => void showPreview()}>
          {checking ? 'Checking…' : stale ? 'Preview again' : 'Preview'}
        </button>
      </div>
      {shown ? (
        <div className={stale ? 'ind-preview ind-preview--stale' : 'ind-preview'}>
          <p className="ind-preview__count" role="status">
            {plural(shown.lines.length, 'line', 'lines')}: {shown.added} to add, {shown.present} already present,{' '}
            {shown.refused} refused
            {stale ? ' — the list or its options changed since; preview again' : ''}
          </p>
          {shown.refused > 0 ? (
            <p className="alert" role="alert">
              {plural(shown.refused, 'line is', 'lines are')} refused, so nothing can be imported. Fix or remove the
              refused lines and preview again.
            </p>
          ) : shown.added === 0 && !stale ? (
            <p className="muted">Everything in this list is already in the case.</p>
          ) : null}
          <table className="custody ind-preview__table">
            <caption>What importing would do, line by line</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Verdict</th>
                <th scope="col">Type</th>
                <th scope="col">As written</th>
                <th scope="col">Stored as / why refused</th>
              </tr>
            </thead>
            <tbody>
              {shown.lines.map((v) => (
                <tr key={v.line} className={v.verdict === 'refused' ? 'ind-preview__refused' : undefined}>
                  <td>{v.line}</td>
                  <td>
                    <span className={`verdict verdict--${v.verdict.replace(' ', '-')}`}>
                      {VERDICT_WORDS[v.verdict]}
                    </span>
                  </td>
                  <td>{v.type ? <SafeText text={v.type} /> : <span className="muted">—</span>}</td>
                  <td>
                    <span className="ind-mono">
                      <SafeText text={v.input} />
                    </span>
                  </td>
                  <td>
                    {v.verdict === 'refused' ? (
                      <span className="ind-preview__reason">
                        <SafeText text={v.reason} />
                      </span>
                    ) : (
                      <>
                        <code className="ind-canonical">
                          <SafeText text={v.normalised} />
                        </code>
                        {v.reason ? (
                          <span className="ind-entered">
                            <SafeText text={v.reason} />
                          </span>
                        ) : null}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <FormError message={error} />
      {/* Not FormActions: its "disabled" turns Cancel off too, and Cancel must stay. */}
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={busy || !canImport}>
          {busy
            ? 'Importing…'
            : !canImport
              ? 'Import'
              : current.added > 0
                ? `Import ${plural(current.added, 'indicator', 'indicators')}`
                : 'Link them to the subjects'}
        </button>
      </div>
    </form>
  );
}

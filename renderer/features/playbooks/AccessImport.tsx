import { useState } from 'react';
import type { ChangeEvent } from 'react';
import { MAX_ACCESS_CSV_CHARS } from '../../../shared/domain/playbook.ts';
import type { AccessLineVerdict } from '../../../shared/domain/playbook.ts';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/FormFooter.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { messageOf } from '../../lib/api.ts';
import { useSubmit } from '../../lib/useSubmit.ts';
import { useAppStore } from '../../store/selectors.ts';

const VERDICT_WORDS: Record<AccessLineVerdict['verdict'], string> = {
  added: 'To add',
  'already present': 'Already present',
  refused: 'Refused',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "4 lines: 2 to add, 1 already present, 1 refused". */
function summary(verdicts: readonly AccessLineVerdict[]): string {
  const count = (v: AccessLineVerdict['verdict']) => verdicts.filter((x) => x.verdict === v).length;
  return `${plural(verdicts.length, 'line', 'lines')}: ${count('added')} to add, ${count('already present')} already present, ${count('refused')} refused`;
}

/**
 * An access inventory from a CSV the person picks: the page reads the file (no path goes to main),
 * main says what each line would do without writing anything, and only a file with no refused line
 * can be imported, all at once.
 */
export function AccessImport({ onDone }: { onDone: () => void }) {
  const accessCsvPreviewed = useAppStore((s) => s.accessCsvPreviewed);
  const accessCsvImported = useAppStore((s) => s.accessCsvImported);
  const [read, setRead] = useState<{ name: string; csv: string; verdicts: AccessLineVerdict[] } | null>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const { busy, run } = useSubmit(setError);

  async function chosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared, so choosing the same file again after fixing it is a change too.
    event.target.value = '';
    setRead(null);
    setError(undefined);
    if (!file) return;
    // A UTF-8 character is at most 4 bytes: larger files cannot be within the limit.
    if (file.size > MAX_ACCESS_CSV_CHARS * 4) return setError(`${file.name} is larger than 2 MiB; split it`);
    setReading(true);
    try {
      const csv = await file.text();
      setRead({ name: file.name, csv, verdicts: await accessCsvPreviewed(csv) });
    } catch (e) {
      setError(`${file.name}: ${messageOf(e)}`);
    } finally {
      setReading(false);
    }
  }

  const refused = read?.verdicts.filter((v) => v.verdict === 'refused').length ?? 0;
  const adding = read?.verdicts.filter((v) => v.verdict === 'added').length ?? 0;

  async function importFile() {
    if (!read) return;
    await run(async () => {
      await accessCsvImported(read.csv);
      onDone();
    });
  }

  return (
    <form
      className="inline-form access-import"
      aria-label="Import access from CSV"
      onSubmit={(e) => {
        e.preventDefault();
        void importFile();
      }}
      noValidate
    >
      <Field
        label="CSV file"
        hint="A header row, then one account, key or device per line: system,identifier[,category,owner,status,revoked_at,notes]. Nothing is written until you import."
      >
        {(p) => <input {...p} type="file" accept=".csv,text/csv" onChange={(e) => void chosen(e)} autoFocus />}
      </Field>
      {reading ? <p className="muted">Checking the file…</p> : null}
      {read ? (
        <>
          <p className="access__count" role="status">
            <SafeText text={read.name} />: {summary(read.verdicts)}
          </p>
          {refused > 0 ? (
            <p className="alert" role="alert">
              {plural(refused, 'line is', 'lines are')} refused, so nothing can be imported: one refused line refuses
              the whole file. Fix the file and choose it again.
            </p>
          ) : adding === 0 ? (
            <p className="muted">Everything in this file is already in the inventory.</p>
          ) : null}
          <table className="custody access__preview">
            <caption>What importing would do</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">System</th>
                <th scope="col">Identifier</th>
                <th scope="col">Verdict</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {read.verdicts.map((v) => (
                <tr key={v.line} className={v.verdict === 'refused' ? 'access__refused' : undefined}>
                  <td>{v.line}</td>
                  <td>
                    <SafeText text={v.system} />
                  </td>
                  <td>
                    <span className="access__identifier">
                      <SafeText text={v.identifier} />
                    </span>
                  </td>
                  <td>
                    <span className={`verdict verdict--${v.verdict.replace(' ', '-')}`}>
                      {VERDICT_WORDS[v.verdict]}
                    </span>
                  </td>
                  <td>{v.reason ? <SafeText text={v.reason} /> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <FormError message={error} />
      {/* Not FormActions: its "disabled" turns Cancel off too, and Cancel must stay. */}
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !read || refused > 0 || adding === 0}
        >
          {busy ? 'Importing…' : adding > 0 ? `Import ${plural(adding, 'account', 'accounts')}` : 'Import'}
        </button>
      </div>
    </form>
  );
}

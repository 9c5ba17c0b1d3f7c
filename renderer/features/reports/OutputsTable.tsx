import { useMemo } from 'react';
import type { OutputRecord } from '../../../shared/domain/report.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { FormError } from '../../components/FormFooter.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { useAppStore } from '../../store/selectors.ts';
import { RecordedTime, ShortHash } from './bits.tsx';
import { Bytes } from '../../components/Bytes.tsx';
import { outputLabel, plural } from './words.ts';

/** What a package or export holds, from the options it recorded. */
function detailOf(record: OutputRecord): string | null {
  const files = record.options.files;
  if (record.kind === 'package' && typeof files === 'number') return plural(files, 'file', 'files');
  return null;
}

/** Every report, export and package that left the case, newest first, as the case recorded it. */
export function OutputsTable() {
  const outputs = useAppStore((s) => s.reportOutputs);
  const loaded = useAppStore((s) => s.reportOutputsLoaded);
  const error = useAppStore((s) => s.reportListError);
  const newestFirst = useMemo(
    () => [...outputs].sort((a, b) => b.generatedAt.localeCompare(a.generatedAt) || b.head.seq - a.head.seq),
    [outputs],
  );

  return (
    <section aria-labelledby="rep-list-title" className="card stack">
      <h3 id="rep-list-title">
        Generated from this case {loaded ? <span className="count">{outputs.length}</span> : null}
      </h3>
      <FormError message={error} />
      {loaded && outputs.length === 0 && !error ? (
        <EmptyState title="Nothing has left this case yet">
          A report is what you hand to counsel, the police or the board: a PDF made from the case as it stands, with
          the audit entry it was made from and a check of the whole case just before. Each one you generate, and each
          CSV or STIX export and referral package, is recorded here with its SHA-256, so anyone can later show that a
          file is exactly what Custos wrote.
        </EmptyState>
      ) : null}
      {newestFirst.length > 0 ? (
        <div className="rep-table-wrap">
          <table className="custody rep-table">
            <caption className="visually-hidden">Reports, exports and packages generated from this case</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Generated</th>
                <th scope="col">From the case at</th>
                <th scope="col">Pages</th>
                <th scope="col">Size</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <span className="rep-table__what">{outputLabel(r)}</span>
                    <span className="rep-table__file mono">
                      <SafeText text={r.fileName} />
                    </span>
                    {detailOf(r) ? <span className="muted">{detailOf(r)}</span> : null}
                  </th>
                  <td>
                    <RecordedTime utc={r.generatedAt} zone={r.zone} />
                    <span className="rep-table__by">
                      by <SafeText text={r.generatedBy} />
                      {r.organisation ? (
                        <>
                          , <SafeText text={r.organisation} />
                        </>
                      ) : null}
                    </span>
                  </td>
                  <td>
                    <span>audit entry {r.head.seq.toLocaleString('en-GB')}</span>
                    {r.verifiedOk ? (
                      <span className="verdict rep-verified--ok" title={r.verifySummary}>
                        Case verified intact
                      </span>
                    ) : (
                      <span className="verdict rep-verified--fail" title={r.verifySummary}>
                        Case NOT intact
                      </span>
                    )}
                  </td>
                  <td>{r.pages ?? <span className="muted">—</span>}</td>
                  <td>
                    <Bytes bytes={r.size} />
                  </td>
                  <td>
                    <ShortHash sha256={r.sha256} label={`SHA-256 of ${r.fileName}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

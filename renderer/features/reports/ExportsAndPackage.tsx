import { useState } from 'react';
import { Field } from '../../components/Field.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { useAppStore, useCaseRecord, useExaminerZone } from '../../store/selectors.ts';
import { FullHash, JobProgress, OutcomeNotice, ShortHash } from './bits.tsx';
import { Bytes } from '../../components/Bytes.tsx';
import { plural, shellQuote, suggestedPackageName } from './words.ts';

function ExportOutcome() {
  const outcome = useAppStore((s) => s.reportExported);
  const dismissed = useAppStore((s) => s.reportResultDismissed);
  if (!outcome) return null;
  const dismiss = () => dismissed('export');
  if (outcome.state === 'cancelled') {
    return <OutcomeNotice tone="info" title="Export cancelled: no file was left behind" onDismiss={dismiss} />;
  }
  if (outcome.state === 'failed') {
    return (
      <OutcomeNotice tone="error" title="Nothing was exported" onDismiss={dismiss}>
        <p>
          <SafeText text={outcome.message} />
        </p>
      </OutcomeNotice>
    );
  }
  const { record, dir, files } = outcome.value;
  return (
    <OutcomeNotice
      tone="ok"
      title={`${record.subtype === 'stix' ? 'STIX 2.1 bundle' : 'CSV files'} written and recorded in the case`}
      onDismiss={dismiss}
    >
      <p>
        In <span className="mono rep-path">{<SafeText text={dir} />}</span>
      </p>
      <table className="custody rep-files">
        <caption className="visually-hidden">Files written</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Size</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr key={f.name}>
              <th scope="row" className="mono">
                <SafeText text={f.name} />
              </th>
              <td>
                <Bytes bytes={f.size} />
              </td>
              <td>
                <ShortHash sha256={f.sha256} label={`SHA-256 of ${f.name}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </OutcomeNotice>
  );
}

function PackageOutcome() {
  const outcome = useAppStore((s) => s.reportPackaged);
  const dismissed = useAppStore((s) => s.reportResultDismissed);
  if (!outcome) return null;
  const dismiss = () => dismissed('package');
  if (outcome.state === 'cancelled') {
    return <OutcomeNotice tone="info" title="Package cancelled: its folder was removed" onDismiss={dismiss} />;
  }
  if (outcome.state === 'failed') {
    return (
      <OutcomeNotice tone="error" title="The package was not built" onDismiss={dismiss}>
        <p>
          <SafeText text={outcome.message} />
        </p>
      </OutcomeNotice>
    );
  }
  const { dir, files, sumsSha256 } = outcome.value;
  return (
    <OutcomeNotice tone="ok" title="Referral package built and recorded in the case" onDismiss={dismiss}>
      <dl className="facts rep-result">
        <div className="rep-result__wide">
          <dt>Folder</dt>
          <dd className="mono rep-path">
            <SafeText text={dir} />
          </dd>
        </div>
        <div>
          <dt>Holds</dt>
          <dd>{plural(files.length, 'file', 'files')}, each listed in SHA256SUMS</dd>
        </div>
        <div className="rep-result__wide">
          <dt>SHA-256 of SHA256SUMS</dt>
          <dd>
            <FullHash sha256={sumsSha256} label="SHA-256 of SHA256SUMS" />
          </dd>
        </div>
      </dl>
      <p className="rep-command__lead">
        To check it, the receiver runs this in a terminal; every line must end in <strong>OK</strong>:
      </p>
      <pre className="rep-command" aria-label="Command to check the package">
        <code>{`cd ${shellQuote(dir)}\nsha256sum -c SHA256SUMS`}</code>
      </pre>
    </OutcomeNotice>
  );
}

/** CSV and STIX 2.1 exports into a folder, and the referral package for the police. */
export function ExportsAndPackage() {
  const record = useCaseRecord()!;
  const zone = useExaminerZone();
  const job = useAppStore((s) => s.reportJob);
  const cancel = useAppStore((s) => s.reportJobCancelled);
  const exportRequested = useAppStore((s) => s.reportExportRequested);
  const packageRequested = useAppStore((s) => s.reportPackageRequested);
  const countries = useAppStore((s) => s.reportDraft.countries);
  const excluded = useAppStore((s) => s.reportDraft.exclude['law-enforcement']?.length ?? 0);
  const [bom, setBom] = useState(false);
  const [name, setName] = useState(() => suggestedPackageName(record.reference || record.title, zone));
  const [nameError, setNameError] = useState<string | undefined>();
  const busy = job !== null;
  const exporting = job && (job.action === 'csv' || job.action === 'stix') ? job : null;
  const packaging = job?.action === 'package' ? job : null;

  return (
    <section aria-labelledby="rep-exports-title" className="card stack">
      <h3 id="rep-exports-title">Exports and referral package</h3>
      <div className="rep-exports">
        <section aria-labelledby="rep-export-title" className="stack">
          <h4 id="rep-export-title">Export the case data</h4>
          <p className="muted">
            CSV: the timeline, evidence register, custody log, indicators, subjects and playbook steps, one file each
            (UTF-8, times in UTC and as entered). STIX 2.1: the indicators and observables as one bundle for a threat
            intelligence platform. Into a folder you choose; nothing there is replaced.
          </p>
          <label className="check">
            <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} />
            Add a byte-order mark for Excel (CSV only)
          </label>
          <div className="actions actions--start">
            <button type="button" className="button" disabled={busy} onClick={() => void exportRequested('csv', bom)}>
              Export CSV…
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void exportRequested('stix', false)}>
              Export STIX 2.1…
            </button>
          </div>
          {exporting ? <JobProgress job={exporting} onCancel={() => void cancel()} /> : null}
          <ExportOutcome />
        </section>
        <section aria-labelledby="rep-package-title" className="stack">
          <h4 id="rep-package-title">Referral package for the police</h4>
          <p className="muted">
            One new folder: the law-enforcement referral PDF, verified copies of the evidence with their manifests, the
            CSV and STIX exports, and a SHA256SUMS file anyone can check with <code>sha256sum -c</code>. The referral
            uses the law-enforcement options under New report
            {countries.length > 0 || excluded > 0
              ? ` (${[
                  countries.length > 0 ? `filed in ${countries.join(', ')}` : '',
                  excluded > 0 ? plural(excluded, 'item left out', 'items left out') : '',
                ]
                  .filter(Boolean)
                  .join('; ')})`
              : ''}
            .
          </p>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (!name.trim()) return setNameError('Name the package folder');
              void packageRequested(name.trim());
            }}
          >
            <Field label="Folder name" error={nameError} hint="Created inside the folder you choose next; it must not exist yet.">
              {(p) => (
                <input
                  {...p}
                  type="text"
                  value={name}
                  maxLength={120}
                  onChange={(e) => {
                    setName(e.target.value);
                    setNameError(undefined);
                  }}
                />
              )}
            </Field>
            <div className="actions actions--start">
              <button type="submit" className="button button--primary" disabled={busy}>
                Build referral package…
              </button>
            </div>
          </form>
          {packaging ? <JobProgress job={packaging} onCancel={() => void cancel()} /> : null}
          <PackageOutcome />
        </section>
      </div>
    </section>
  );
}

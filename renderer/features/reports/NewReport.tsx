import { useEffect, useMemo, useState } from 'react';
import { REPORT_KINDS, REPORT_KIND_LABELS, REPORT_SECTIONS, SECTION_TITLES } from '../../../shared/domain/report.ts';
import type { ReportKind, ReportSectionId } from '../../../shared/domain/report.ts';
import { exactBytes, formatBytes } from '../../../shared/logic/units.ts';
import { ChoiceSelect } from '../../components/ChoiceSelect.tsx';
import { Field } from '../../components/Field.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { draftOptions, draftSections } from '../../store/reports.ts';
import type { ReportDraft } from '../../store/reports.ts';
import { useAppStore, useCaseRecord, useExaminerZone } from '../../store/selectors.ts';
import { FullHash, JobProgress, OutcomeNotice } from './bits.tsx';
import { ReportPreviewPanel } from './ReportPreview.tsx';
import { COMMON_COUNTRIES, KIND_AUDIENCE, suggestedReportName } from './words.ts';

const COMMON_CODES = new Set(COMMON_COUNTRIES.map((c) => c.code));

/** The five kinds, each with who it is for. */
function KindChooser({ kind, onChange }: { kind: ReportKind; onChange: (kind: ReportKind) => void }) {
  return (
    <fieldset className="rep-kinds">
      <legend>Kind of report</legend>
      {REPORT_KINDS.map((k) => (
        <label key={k} className={`rep-kind${k === kind ? ' rep-kind--chosen' : ''}`}>
          <input type="radio" name="report-kind" value={k} checked={k === kind} onChange={() => onChange(k)} />
          <span>
            <span className="rep-kind__label">{REPORT_KIND_LABELS[k]}</span>
            <span className="rep-kind__who">{KIND_AUDIENCE[k]}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function SectionChooser({
  kind,
  chosen,
  onChange,
}: {
  kind: ReportKind;
  chosen: string[];
  onChange: (sections: string[]) => void;
}) {
  const all: readonly ReportSectionId[] = REPORT_SECTIONS[kind];
  if (all.length < 2) return null;
  return (
    <fieldset className="rep-sections">
      <legend>Sections</legend>
      {all.map((s) => (
        <label key={s} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(s)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, s] : chosen.filter((c) => c !== s))}
          />
          {SECTION_TITLES[s]}
        </label>
      ))}
    </fieldset>
  );
}

/** The examiner's summary and the countries the referral will be filed in. */
function ReferralOptions({ draft, caseSummary }: { draft: ReportDraft; caseSummary: string }) {
  const changed = useAppStore((s) => s.reportDraftChanged);
  const [other, setOther] = useState(() => draft.countries.filter((c) => !COMMON_CODES.has(c)).join(' '));
  const [otherError, setOtherError] = useState<string | undefined>();
  const common = draft.countries.filter((c) => COMMON_CODES.has(c));

  function otherChanged(text: string) {
    setOther(text);
    const codes = text
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map((c) => c.toUpperCase());
    const bad = codes.filter((c) => !/^[A-Z]{2}$/.test(c));
    setOtherError(
      bad.length ? `${bad.join(', ')}: a country is its two-letter ISO code, e.g. BE, AT, SG` : undefined,
    );
    const good = codes.filter((c) => /^[A-Z]{2}$/.test(c) && !COMMON_CODES.has(c));
    changed({ countries: [...new Set([...common, ...good])] });
  }

  function commonChanged(code: string, on: boolean) {
    const rest = draft.countries.filter((c) => c !== code);
    changed({ countries: on ? [...rest, code] : rest });
  }

  return (
    <>
      <Field
        label="Summary written for the referral"
        hint="Prefilled with the case record's summary. What you write here goes into the referral only; the case record is not changed."
      >
        {(p) => (
          <textarea
            {...p}
            rows={5}
            maxLength={20_000}
            value={draft.summary ?? caseSummary}
            onChange={(e) => changed({ summary: e.target.value })}
          />
        )}
      </Field>
      <fieldset className="rep-countries">
        <legend>Where the referral will be filed</legend>
        <p className="field__hint">The report lists whom to contact in each country chosen.</p>
        <div className="rep-countries__grid">
          {COMMON_COUNTRIES.map((c) => (
            <label key={c.code} className="check">
              <input
                type="checkbox"
                checked={draft.countries.includes(c.code)}
                onChange={(e) => commonChanged(c.code, e.target.checked)}
              />
              <span>
                <span className="mono">{c.code}</span> {c.name}
              </span>
            </label>
          ))}
        </div>
        <Field label="Other countries" hint="Two-letter ISO codes, separated by spaces: BE AT SG" error={otherError}>
          {(p) => <input {...p} type="text" value={other} onChange={(e) => otherChanged(e.target.value)} />}
        </Field>
      </fieldset>
    </>
  );
}

function ChecklistOptions({ draft }: { draft: ReportDraft }) {
  const changed = useAppStore((s) => s.reportDraftChanged);
  const runs = useAppStore((s) => s.playbookRuns);
  const loaded = useAppStore((s) => s.playbooksLoaded);
  const requested = useAppStore((s) => s.playbookRunsRequested);
  useEffect(() => {
    if (!loaded) void requested();
  }, [loaded, requested]);
  // The run shown in Playbooks is most likely the one to print: the latest started, until chosen.
  useEffect(() => {
    if (!runs.some((r) => r.id === draft.runId) && runs.length > 0) changed({ runId: runs.at(-1)!.id });
  }, [runs, draft.runId, changed]);
  if (loaded && runs.length === 0) {
    return (
      <p className="alert">
        This case has no playbook run to print. Start the termination playbook under Playbooks, then come back.
      </p>
    );
  }
  const titles = new Map(runs.map((r) => [r.id, `${r.title} (${r.templateName}${r.status === 'closed' ? ', closed' : ''})`]));
  return (
    <>
      <Field label="Playbook run">
        {(p) => (
          <ChoiceSelect
            {...p}
            choices={runs.map((r) => r.id)}
            labels={(id) => titles.get(id) ?? id}
            value={draft.runId}
            onChange={(runId) => changed({ runId })}
          />
        )}
      </Field>
      <fieldset className="checks">
        <legend>Print it</legend>
        <label className="check">
          <input
            type="radio"
            name="checklist-mode"
            checked={draft.checklistMode === 'blank'}
            onChange={() => changed({ checklistMode: 'blank' })}
          />
          Blank, to work through in the meeting
        </label>
        <label className="check">
          <input
            type="radio"
            name="checklist-mode"
            checked={draft.checklistMode === 'done'}
            onChange={() => changed({ checklistMode: 'done' })}
          />
          As done, with what was recorded
        </label>
      </fieldset>
    </>
  );
}

/** The result of the last Generate: what was written, or why nothing was. */
function GenerateOutcome() {
  const outcome = useAppStore((s) => s.reportGenerated);
  const dismissed = useAppStore((s) => s.reportResultDismissed);
  if (!outcome) return null;
  const dismiss = () => dismissed('generate');
  if (outcome.state === 'cancelled') {
    return <OutcomeNotice tone="info" title="Cancelled: no file was written" onDismiss={dismiss} />;
  }
  if (outcome.state === 'failed') {
    return (
      <OutcomeNotice tone="error" title="The report was not generated" onDismiss={dismiss}>
        <p>
          <SafeText text={outcome.message} />
        </p>
      </OutcomeNotice>
    );
  }
  const { record, path, pages, fonts } = outcome.value;
  return (
    <OutcomeNotice tone="ok" title="Report generated and recorded in the case" onDismiss={dismiss}>
      <dl className="facts rep-result">
        <div>
          <dt>Pages</dt>
          <dd>{pages}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>
            {formatBytes(record.size)} <span className="muted">({exactBytes(record.size)})</span>
          </dd>
        </div>
        <div>
          <dt>Made from</dt>
          <dd>
            audit entry {record.head.seq.toLocaleString('en-GB')}, case{' '}
            {record.verifiedOk ? 'verified intact' : <strong className="hash-mismatch">NOT intact</strong>}
          </dd>
        </div>
        <div>
          <dt>Fonts embedded</dt>
          <dd>{fonts.join(', ') || '—'}</dd>
        </div>
        <div className="rep-result__wide">
          <dt>SHA-256</dt>
          <dd>
            <FullHash sha256={record.sha256} label="SHA-256 of the report" />
          </dd>
        </div>
        <div className="rep-result__wide">
          <dt>Saved to</dt>
          <dd className="mono rep-path">
            <SafeText text={path} />
          </dd>
        </div>
      </dl>
    </OutcomeNotice>
  );
}

/** Choosing a report (kind, sections, options), its preview, and generating it. */
export function NewReport() {
  const record = useCaseRecord()!;
  const zone = useExaminerZone();
  const draft = useAppStore((s) => s.reportDraft);
  const changed = useAppStore((s) => s.reportDraftChanged);
  const generate = useAppStore((s) => s.reportGenerateRequested);
  const job = useAppStore((s) => s.reportJob);
  const cancel = useAppStore((s) => s.reportJobCancelled);
  const runsLoaded = useAppStore((s) => s.playbooksLoaded);
  const kind = draft.kind;
  const sections = draftSections(draft, kind);
  const options = useMemo(() => draftOptions(draft, record.summary), [draft, record.summary]);

  const blocked =
    sections.length === 0
      ? 'Choose at least one section.'
      : kind === 'checklist' && !draft.runId
        ? runsLoaded
          ? 'Choose the playbook run to print.'
          : 'Reading the playbook runs…'
        : null;

  return (
    <section aria-labelledby="rep-new-title" className="card stack">
      <h3 id="rep-new-title">New report</h3>
      <div className="rep-new">
        <div className="rep-new__options">
          <KindChooser kind={kind} onChange={(k) => changed({ kind: k })} />
          <SectionChooser
            kind={kind}
            chosen={sections}
            onChange={(chosen) => changed({ sections: { ...draft.sections, [kind]: chosen } })}
          />
          {kind === 'law-enforcement' ? <ReferralOptions draft={draft} caseSummary={record.summary} /> : null}
          {kind === 'checklist' ? <ChecklistOptions draft={draft} /> : null}
        </div>
        <ReportPreviewPanel
          options={options}
          excluded={draft.exclude[kind] ?? []}
          onExcludedChange={(exclude) => changed({ exclude: { ...draft.exclude, [kind]: exclude } })}
        />
      </div>
      <div className="rep-generate">
        <div className="actions actions--start">
          <button
            type="button"
            className="button button--primary"
            disabled={job !== null || blocked !== null}
            onClick={() => void generate(suggestedReportName(record.reference || record.title, kind, zone))}
          >
            Generate PDF…
          </button>
          <span className="muted">
            {blocked ??
              (job && job.action !== 'generate'
                ? 'Wait for the running export or package, or cancel it.'
                : 'You choose where to save it; Custos never replaces an existing file.')}
          </span>
        </div>
        {job?.action === 'generate' ? <JobProgress job={job} onCancel={() => void cancel()} /> : null}
        <GenerateOutcome />
      </div>
    </section>
  );
}

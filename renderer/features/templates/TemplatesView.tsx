import { useEffect, useId, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import type { TemplateSummary } from '../../../shared/domain/playbook.ts';
import { formatZoned } from '../../../shared/logic/time.ts';
import { SafeText } from '../../components/SafeText.tsx';
import { useAppStore, useExaminerZone } from '../../store/selectors.ts';
import { DuplicateForm } from './DuplicateForm.tsx';
import { ExportedLine, OriginBadge, kindLabel } from './TemplateBits.tsx';
import { TemplateDetailView } from './TemplateDetail.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';
import './templates.css';

/**
 * The playbook template library: the built-ins (read-only) and the examiner's own, imported from
 * CACAO 2.0 files or copied to adapt. One template at a time is viewed or edited; an edit in
 * progress keeps the screen until it is saved or discarded.
 */
export function TemplatesView() {
  const loaded = useAppStore((s) => s.templatesLoaded);
  const library = useAppStore((s) => s.templateLibrary);
  const shown = useAppStore((s) => s.templateShown);
  const draft = useAppStore((s) => s.templateDraft);
  const templatesRequested = useAppStore((s) => s.templatesRequested);

  useEffect(() => {
    if (!loaded) void templatesRequested();
  }, [loaded, templatesRequested]);

  return (
    <section aria-labelledby="templates-title" className="stack">
      <div className="section-head">
        <h2 id="templates-title">
          Playbook templates {loaded ? <span className="count">{library.length}</span> : null}
        </h2>
      </div>
      {draft && shown ? (
        <TemplateEditor key={draft.id} draft={draft} original={shown} />
      ) : shown ? (
        <TemplateDetailView key={shown.template.id} detail={shown} />
      ) : (
        <TemplateLibrary />
      )}
    </section>
  );
}

/** Import: the file the examiner picks is read here and its text sent; no path crosses over. */
function ImportButton() {
  const templateImported = useAppStore((s) => s.templateImported);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function picked(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // The same file picked again after fixing it must fire a change too.
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    try {
      await templateImported(file);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="tpl-file-input"
        aria-label="CACAO playbook file to import"
        tabIndex={-1}
        onChange={(e) => void picked(e)}
      />
      <button type="button" className="button" onClick={() => input.current?.click()} disabled={busy}>
        {busy ? 'Importing…' : 'Import CACAO file…'}
      </button>
    </>
  );
}

/** Why the file was refused, in full, beside the list: the person fixes the file with it in view. */
function ImportRefusal() {
  const error = useAppStore((s) => s.templateImportError);
  const dismissed = useAppStore((s) => s.templateImportErrorDismissed);
  if (!error) return null;
  return (
    <div className="tpl-refusal" role="alert">
      <p className="tpl-refusal__title">The file was not imported</p>
      <p className="tpl-refusal__text">
        <SafeText text={error} />
      </p>
      <p className="muted">Fix the file at the place named and import it again.</p>
      <button type="button" className="button button--small" onClick={dismissed}>
        Dismiss
      </button>
    </div>
  );
}

function TemplateRow({ template }: { template: TemplateSummary }) {
  const zone = useExaminerZone();
  const templateOpened = useAppStore((s) => s.templateOpened);
  const templateEditStarted = useAppStore((s) => s.templateEditStarted);
  const templateExportRequested = useAppStore((s) => s.templateExportRequested);
  const exported = useAppStore((s) => s.templateExport);
  const [duplicating, setDuplicating] = useState(false);
  const nameId = useId();
  // Every row has the same buttons: each names its template for screen readers.
  const button = (label: string, onClick: () => void, extra: { expanded?: boolean } = {}) => (
    <button
      type="button"
      className="button button--small"
      onClick={onClick}
      aria-describedby={nameId}
      {...(extra.expanded !== undefined ? { 'aria-expanded': extra.expanded } : {})}
    >
      {label}
    </button>
  );
  return (
    <>
      <tr>
        <th scope="row" id={nameId} className="tpl-table__name">
          <SafeText text={template.name} />
        </th>
        <td>
          <OriginBadge origin={template.origin} />
        </td>
        <td>{kindLabel(template.kind)}</td>
        <td>{template.steps}</td>
        <td>
          <span className="tpl-version">{formatZoned(template.version, zone)}</span>
        </td>
        <td>
          <div className="tpl-row-actions">
            {button('View', () => void templateOpened(template.id))}
            {button('Duplicate…', () => setDuplicating((v) => !v), { expanded: duplicating })}
            {button('Export as CACAO…', () => void templateExportRequested(template))}
            {template.origin === 'imported' ? (
              button('Edit', () => void templateEditStarted(template.id))
            ) : (
              <span className="muted tpl-readonly">read-only — duplicate to change</span>
            )}
          </div>
        </td>
      </tr>
      {duplicating ? (
        <tr>
          <td colSpan={6}>
            <DuplicateForm template={template} onDone={() => setDuplicating(false)} />
          </td>
        </tr>
      ) : null}
      {exported?.id === template.id ? (
        <tr>
          <td colSpan={6}>
            <ExportedLine exported={exported} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function TemplateLibrary() {
  const loaded = useAppStore((s) => s.templatesLoaded);
  const library = useAppStore((s) => s.templateLibrary);
  return (
    <>
      <p className="lead">
        The playbooks a run can start from. The built-in ones are read-only: duplicate one to adapt it to your
        organisation. Playbooks from other tools are imported as CACAO 2.0 files and checked against the OASIS schemas
        first. Saving an edit makes a new version; runs already started keep the version they started with.
      </p>
      <div className="actions actions--start">
        <ImportButton />
      </div>
      <ImportRefusal />
      {loaded ? (
        <table className="custody tpl-table">
          <caption className="tpl-caption">Templates</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Origin</th>
              <th scope="col">Kind</th>
              <th scope="col">Steps</th>
              <th scope="col">Version</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {library.map((t) => (
              <TemplateRow key={t.id} template={t} />
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

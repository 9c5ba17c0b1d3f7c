import { useState } from 'react';
import type { ExportedFile } from '../../../shared/domain/playbook.ts';
import { FormError } from '../../components/FormFooter.tsx';
import { messageOf } from '../../lib/api.ts';
import { Bytes } from '../../components/Bytes.tsx';
import { useAppStore } from '../../store/selectors.ts';

/**
 * "Export as CACAO…": the run with its step record, to a file the person picks in the Save dialog.
 * Cancelling the dialog writes nothing and says nothing.
 */
export function ExportButton({ onExported }: { onExported: (file: ExportedFile) => void }) {
  const playbookRunExported = useAppStore((s) => s.playbookRunExported);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function exportRun() {
    setBusy(true);
    setError(null);
    try {
      const file = await playbookRunExported();
      if (file) onExported(file);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="run-export">
      <button type="button" className="button" onClick={() => void exportRun()} disabled={busy}>
        {busy ? 'Exporting…' : 'Export as CACAO…'}
      </button>
      <FormError message={error} />
    </div>
  );
}

/**
 * What the last export wrote, kept in view (the toast fades) so it can be noted with the hand-over.
 * The SHA-256 shows its first 16 hex digits (CSS cuts the rest), but the whole hash is the text, so
 * one click selects all of it to copy, and the title shows it on hover.
 */
export function ExportResult({ file }: { file: ExportedFile }) {
  return (
    <p className="run-export__result" role="status">
      Exported to <span className="mono run-export__path">{file.path}</span> · <Bytes bytes={file.bytes} /> · SHA-256{' '}
      <code className="run-export__hash" title={file.sha256}>
        {file.sha256}
      </code>
    </p>
  );
}

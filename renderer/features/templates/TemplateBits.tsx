import type { ExportedFile, PlaybookStep, PlaybookTemplate, TemplateSummary } from '../../../shared/domain/playbook.ts';
import type { ReactNode } from 'react';
import { SafeText } from '../../components/SafeText.tsx';

/** Small pieces the library, the view and the editor share. */

export function OriginBadge({ origin }: { origin: TemplateSummary['origin'] }) {
  return origin === 'built-in' ? (
    <span className="tpl-origin tpl-origin--built-in" title="Shipped with Custos; read-only">
      Built-in
    </span>
  ) : (
    <span className="tpl-origin tpl-origin--imported" title="In your library: imported or copied, and editable">
      Imported
    </span>
  );
}

export const kindLabel = (kind: TemplateSummary['kind']) => (kind === 'indicators' ? 'Indicators' : 'Checklist');

/** A role's name, from the template's roles; an id no role has is shown as it is, not hidden. */
export function roleName(template: PlaybookTemplate, id: string | null): string {
  if (!id) return '';
  return template.roles.find((r) => r.id === id)?.name ?? id;
}

/** Where an export went and its SHA-256, kept on screen: it is what a recipient checks the file against. */
export function ExportedLine({ exported }: { exported: ExportedFile }) {
  return (
    <p className="tpl-exported" role="status">
      Exported as CACAO 2.0 to <SafeText text={exported.path} /> ({exported.bytes} bytes). SHA-256{' '}
      <code className="tpl-hash">{exported.sha256}</code>
    </p>
  );
}

/** The chip on a step that is not an action: a question a person answers, or a loop. */
export function kindChip(step: PlaybookStep): string | null {
  if (step.type === 'while-condition') return 'Loop';
  if (step.type === 'if-condition' || step.type === 'switch-condition') return 'Question';
  if (step.type === 'playbook-action') return 'Runs a playbook';
  return null;
}

/** A step's line of facts under its title, in the view and the editor alike: kind, parallel, role, due. */
export function StepMeta({
  chip,
  parallel,
  role,
  due,
  children,
}: {
  chip: string | null;
  parallel: boolean;
  role: string;
  due: string | null;
  children?: ReactNode;
}) {
  return (
    <p className="tpl-meta">
      {chip ? <span className="chip">{chip}</span> : null}
      {parallel ? <span className="chip">In parallel</span> : null}
      {role ? (
        <span>
          <SafeText text={role} />
        </span>
      ) : null}
      {due ? <span>Due {due}</span> : null}
      {children}
    </p>
  );
}

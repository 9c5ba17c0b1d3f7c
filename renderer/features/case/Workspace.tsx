import { useState } from 'react';
import { useAppStore, useCaseRecord } from '../../store/selectors.ts';
import type { Section } from '../../store/index.ts';
import { TlpBadge, StatusBadge } from '../../components/Badges.tsx';
import { CASE_TYPE_LABELS } from '../../../shared/domain/case.ts';
import { Overview } from './Overview.tsx';
import { TimelineView } from '../timeline/TimelineView.tsx';
import { NotesView } from '../notes/NotesView.tsx';
import { AuditView } from '../audit/AuditView.tsx';
import { EvidenceView } from '../evidence/EvidenceView.tsx';
import { PlaybooksView } from '../playbooks/PlaybooksView.tsx';
import { TemplatesView } from '../templates/TemplatesView.tsx';
import { ProfileSetup } from '../profile/ProfileSetup.tsx';
import { SafeText } from '../../components/SafeText.tsx';
import { SubjectsView } from '../subjects/SubjectsView.tsx';
import { IndicatorsView } from '../indicators/IndicatorsView.tsx';
import { ExtortionView } from '../extortion/ExtortionView.tsx';
import { ClocksView } from '../clocks/ClocksView.tsx';
import { SearchButton, SearchPalette } from '../search/SearchPalette.tsx';
import { Deadlines } from './Deadlines.tsx';
import { IntegrityState } from './IntegrityState.tsx';
import { ReportsView } from '../reports/ReportsView.tsx';

const SECTIONS: { id: Section; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'notes', label: 'Notes' },
  { id: 'evidence', label: 'Evidence' },
  { id: 'subjects', label: 'Subjects' },
  { id: 'indicators', label: 'Indicators' },
  { id: 'extortion', label: 'Extortion' },
  { id: 'clocks', label: 'Notification clocks' },
  { id: 'playbooks', label: 'Playbooks' },
  { id: 'templates', label: 'Playbook templates' },
  { id: 'audit', label: 'Audit log' },
  { id: 'reports', label: 'Reports' },
];

export function Workspace() {
  const record = useCaseRecord()!;
  const path = useAppStore((s) => s.caseInfo?.path ?? '');
  const readOnly = useAppStore((s) => s.caseInfo?.readOnly ?? false);
  const section = useAppStore((s) => s.section);
  const sectionChosen = useAppStore((s) => s.sectionChosen);
  const caseClosed = useAppStore((s) => s.caseClosed);
  const profile = useAppStore((s) => s.info?.profile);
  const [editingProfile, setEditingProfile] = useState(false);

  return (
    <div className="workspace">
      <SearchPalette />
      <nav className="sidebar" aria-label="Case sections">
        <p className="brand">Custos</p>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className={`nav${section === s.id ? ' nav--active' : ''}`}
                aria-current={section === s.id ? 'page' : undefined}
                onClick={() => sectionChosen(s.id)}
              >
                {s.label}
              </button>
            </li>
          ))}
        </ul>
        <div className="sidebar__foot">
          <button
            type="button"
            className="button button--ghost"
            onClick={() => setEditingProfile((v) => !v)}
            aria-expanded={editingProfile}
          >
            {profile?.name ?? 'Profile'}
          </button>
          <button type="button" className="button" onClick={() => void caseClosed()}>
            Close case
          </button>
        </div>
      </nav>
      <div className="main">
        {/* One banner for the case: the privilege marking, what the case is, and how it is open, so a
            screen-reader user finds them all under one landmark. */}
        <header>
          {record.privilegeMarking ? (
            <div className="privilege" role="note">
              {record.privilegeMarking}
            </div>
          ) : null}
          <div className="case-header">
            <div>
              <h1 className="case-title">
                <SafeText text={record.title} />
              </h1>
              <p className="muted">
                {record.reference ? `${record.reference} · ` : ''}
                {CASE_TYPE_LABELS[record.caseType]} · <span title={path}>{path.split(/[\\/]/).pop()}</span>
              </p>
              <IntegrityState />
            </div>
            <div className="case-header__badges">
              <StatusBadge status={record.status} />
              <TlpBadge tlp={record.tlp} />
              <SearchButton />
            </div>
          </div>
          <Deadlines />
          {readOnly ? (
            <p className="alert alert--info" role="status">
              Open read-only: this case is on read-only media or you may not write to it. You can look through it and
              verify it; changes are refused. To work on it, copy it to a folder you can write to and open the copy.
            </p>
          ) : null}
        </header>
        <main className="content stack">
          {editingProfile ? <ProfileSetup onDone={() => setEditingProfile(false)} /> : null}
          {section === 'overview' ? <Overview /> : null}
          {section === 'timeline' ? <TimelineView /> : null}
          {section === 'notes' ? <NotesView /> : null}
          {section === 'evidence' ? <EvidenceView /> : null}
          {section === 'subjects' ? <SubjectsView /> : null}
          {section === 'indicators' ? <IndicatorsView /> : null}
          {section === 'extortion' ? <ExtortionView /> : null}
          {section === 'clocks' ? <ClocksView /> : null}
          {section === 'playbooks' ? <PlaybooksView /> : null}
          {section === 'templates' ? <TemplatesView /> : null}
          {section === 'audit' ? <AuditView /> : null}
          {section === 'reports' ? <ReportsView /> : null}
        </main>
      </div>
    </div>
  );
}

import { create } from 'zustand';
import { sessionActions, sessionInitialState } from './session.ts';
import type { SessionActions, SessionState } from './session.ts';
import { caseScopedInitialState } from './caseScoped.ts';
import type { CaseScopedState } from './caseScoped.ts';
import { caseActions } from './case.ts';
import type { CaseActions } from './case.ts';
import { timelineActions } from './timeline.ts';
import type { TimelineActions } from './timeline.ts';
import { notesActions } from './notes.ts';
import type { NotesActions } from './notes.ts';
import { auditActions } from './audit.ts';
import type { AuditActions } from './audit.ts';
import { evidenceActions } from './evidence.ts';
import type { EvidenceActions } from './evidence.ts';
import { holdsActions } from './holds.ts';
import type { HoldsActions } from './holds.ts';
import { playbooksActions } from './playbooks.ts';
import type { PlaybooksActions } from './playbooks.ts';
import { templatesActions } from './templates.ts';
import type { TemplatesActions } from './templates.ts';
import { subjectsActions } from './subjects.ts';
import type { SubjectsActions } from './subjects.ts';
import { extortionActions } from './extortion.ts';
import type { ExtortionActions } from './extortion.ts';
import { searchActions } from './search.ts';
import type { SearchActions } from './search.ts';
import { reportsActions } from './reports.ts';
import type { ReportsActions } from './reports.ts';
import { overviewActions } from './overview.ts';
import type { OverviewActions } from './overview.ts';

export type { Section } from './case.ts';
export type { Toast } from './session.ts';
export type { AddProgress } from './evidence.ts';

type Actions = SessionActions &
  CaseActions &
  TimelineActions &
  NotesActions &
  AuditActions &
  EvidenceActions &
  HoldsActions &
  PlaybooksActions &
  TemplatesActions &
  SubjectsActions &
  ExtortionActions &
  SearchActions &
  ReportsActions &
  OverviewActions;

/** Only functions: a data field declared among a slice's actions would escape both scopes below. */
type OnlyActions<T> = { [K in keyof T]: T[K] extends (...args: never) => unknown ? T[K] : never };

/**
 * Every field of data is either the session's (kept across cases) or case-scoped (back to its
 * slice's initial state whenever the case changes); there is no third kind.
 */
export type AppState = SessionState & CaseScopedState & OnlyActions<Actions>;

export const useAppStore = create<AppState>()((...a) => ({
  // The data as each slice's own initial state has it: a slice whose state is in neither part
  // leaves this object short of AppState, which does not compile.
  ...sessionInitialState,
  ...caseScopedInitialState(),
  ...sessionActions(...a),
  ...caseActions(...a),
  ...timelineActions(...a),
  ...notesActions(...a),
  ...auditActions(...a),
  ...evidenceActions(...a),
  ...holdsActions(...a),
  ...playbooksActions(...a),
  ...templatesActions(...a),
  ...subjectsActions(...a),
  ...extortionActions(...a),
  ...searchActions(...a),
  ...reportsActions(...a),
  ...overviewActions(...a),
}));

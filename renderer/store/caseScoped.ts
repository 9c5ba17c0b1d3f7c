import { caseInitialState } from './case.ts';
import type { CaseState } from './case.ts';
import { timelineInitialState } from './timeline.ts';
import type { TimelineState } from './timeline.ts';
import { notesInitialState } from './notes.ts';
import type { NotesState } from './notes.ts';
import { auditInitialState } from './audit.ts';
import type { AuditState } from './audit.ts';
import { evidenceInitialState } from './evidence.ts';
import type { EvidenceState } from './evidence.ts';
import { holdsInitialState } from './holds.ts';
import type { HoldsState } from './holds.ts';
import { playbooksInitialState } from './playbooks.ts';
import type { PlaybooksState } from './playbooks.ts';
import { subjectsInitialState } from './subjects.ts';
import type { SubjectsState } from './subjects.ts';
import { extortionInitialState } from './extortion.ts';
import type { ExtortionState } from './extortion.ts';
import { searchInitialState } from './search.ts';
import type { SearchState } from './search.ts';
import { reportsInitialState } from './reports.ts';
import type { ReportsState } from './reports.ts';
import { overviewInitialState } from './overview.ts';
import type { OverviewState } from './overview.ts';

/** Everything the store holds about the open case: no field of it may outlive the case. */
export type CaseScopedState = CaseState &
  TimelineState &
  NotesState &
  AuditState &
  EvidenceState &
  HoldsState &
  PlaybooksState &
  SubjectsState &
  ExtortionState &
  SearchState &
  ReportsState &
  OverviewState;

/**
 * The case-scoped state as no case has it yet, built from each slice's own initial state. The
 * store starts from it and every switch of case (create, open, close) goes back to it, so a slice
 * listed in CaseScopedState but not spread here is a compile error, not a leak of the last case.
 */
export function caseScopedInitialState(): CaseScopedState {
  return {
    ...caseInitialState,
    ...timelineInitialState,
    ...notesInitialState,
    ...auditInitialState,
    ...evidenceInitialState,
    ...holdsInitialState,
    ...playbooksInitialState,
    ...subjectsInitialState,
    ...extortionInitialState,
    ...searchInitialState,
    ...reportsInitialState,
    ...overviewInitialState,
  };
}

/**
 * The case-scoped state to set when the open case changes. The paged lists' versions are the one
 * exception to going back to the initial state: a list still on screen refetches only when its
 * version changes, and 0 may be the version it already has. They move on, never back.
 */
export function caseSwitchedFrom(before: Pick<CaseScopedState, 'timelineVersion' | 'auditVersion'>): CaseScopedState {
  return {
    ...caseScopedInitialState(),
    timelineVersion: before.timelineVersion + 1,
    auditVersion: before.auditVersion + 1,
  };
}

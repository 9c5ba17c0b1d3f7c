import type { StateCreator } from 'zustand';
import type { CaseInfo } from '../../shared/ipc/contract.ts';
import type { CasePatch } from '../../shared/domain/case.ts';
import { api, call } from '../lib/api.ts';
import type { AppState } from './index.ts';

export type Section =
  | 'overview'
  | 'timeline'
  | 'notes'
  | 'evidence'
  | 'subjects'
  | 'indicators'
  | 'extortion'
  | 'clocks'
  | 'playbooks'
  | 'templates'
  | 'audit'
  | 'reports';

/**
 * The open case: its record, head and how it is open, and which of its sections is showing (a
 * case is always entered at its overview, so the section goes with the case, not the session).
 */
export type CaseState = {
  caseInfo: CaseInfo | null;
  section: Section;
};

export const caseInitialState: CaseState = {
  caseInfo: null,
  section: 'overview',
};

export type CaseActions = {
  caseEdited(patch: CasePatch): Promise<void>;
  sectionChosen(section: Section): void;
};

/** Every change moves the case's head: read the case again so the header and the head shown follow. */
export async function refreshCase(set: (partial: Partial<AppState>) => void): Promise<void> {
  set({ caseInfo: await call(api().case.current()) });
}

export const caseActions: StateCreator<AppState, [], [], CaseActions> = (set, get) => ({
  async caseEdited(patch) {
    const caseInfo = await call(api().case.update(patch));
    set({ caseInfo, auditVersion: get().auditVersion + 1, toast: { kind: 'info', text: 'Case record saved' } });
  },
  sectionChosen: (section) => set({ section }),
});

import type { StateCreator } from 'zustand';
import type { CaseOverview, NextTarget } from '../../shared/domain/overview.ts';
import { api, call, messageOf } from '../lib/api.ts';
import { elementIdOf } from './extortion.ts';
import type { AppState } from './index.ts';

/**
 * The case at a glance: the Overview dashboard and the integrity state in the case header read the
 * same answer (overview:get), read again after every change and every verification.
 */
export type OverviewState = {
  overview: CaseOverview | null;
  /** Why the last read failed, as the core said it (the answer before it stays on screen). */
  overviewProblem: string | null;
  /** Whether the case record's edit panel is open on the Overview. */
  caseRecordEditing: boolean;
  /** A new number each time something asked for the Audit log's Verify panel: it is brought into view and focused. */
  verifyPanelAsked: number;
};

export const overviewInitialState: OverviewState = {
  overview: null,
  overviewProblem: null,
  caseRecordEditing: false,
  verifyPanelAsked: 0,
};

export type OverviewActions = {
  /** Reads the case at a glance; only the answer to the latest question, for the case still open, is kept. */
  overviewRequested(): Promise<void>;
  caseRecordEditOpened(): void;
  caseRecordEditClosed(): void;
  /** Opens what a dashboard item points at: the Verify panel, an exhibit, a step, a clock or a demand. */
  overviewTargetOpened(target: NextTarget): void;
};

export const overviewActions: StateCreator<AppState, [], [], OverviewActions> = (set, get) => {
  let asked = 0;
  // Never repeats, even across cases (the case-scoped field goes back to 0 on a switch).
  let verifyAsks = 0;
  return {
    async overviewRequested() {
      const mine = ++asked;
      const path = get().caseInfo?.path;
      if (!path) return;
      try {
        const overview = await call(api().overview.get());
        if (mine !== asked || get().caseInfo?.path !== path) return;
        set({ overview, overviewProblem: null });
      } catch (error) {
        if (mine !== asked || get().caseInfo?.path !== path) return;
        set({ overviewProblem: messageOf(error) });
      }
    },
    caseRecordEditOpened: () => set({ caseRecordEditing: true, section: 'overview' }),
    caseRecordEditClosed: () => set({ caseRecordEditing: false }),
    overviewTargetOpened(target) {
      switch (target.type) {
        case 'verify':
          set({ section: 'audit', verifyPanelAsked: ++verifyAsks });
          return;
        case 'record':
          set({ section: 'overview', caseRecordEditing: true });
          return;
        case 'evidence':
          // The focus first: the register finds it as soon as it is drawn (as a search hit does).
          set({ searchFocus: { kind: 'evidence', id: target.id } });
          get().sectionChosen('evidence');
          return;
        case 'register':
          get().sectionChosen('evidence');
          return;
        case 'step':
          set({
            searchFocus: {
              kind: 'step',
              id: target.rowId || target.stepId,
              runId: target.runId,
              stepId: target.stepId,
            },
          });
          get().sectionChosen('playbooks');
          return;
        case 'clock':
          get().deadlineOpened('clocks', elementIdOf('clock', target.ruleId));
          return;
        case 'demand':
          get().deadlineOpened('extortion', elementIdOf('demand', target.id));
          return;
      }
    },
  };
};

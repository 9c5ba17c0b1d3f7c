import type { StateCreator } from 'zustand';
import type { SearchKind } from '../../shared/domain/search.ts';
import type { AppState } from './index.ts';

/** What the case-wide search asked the screens to show: a section's view opens this record when it matches. */
export type SearchFocus = { kind: SearchKind; id: string; runId?: string; stepId?: string };

export type SearchState = {
  /** Set when a search hit was opened; the view of that kind shows the record and then clears it. */
  searchFocus: SearchFocus | null;
};

export const searchInitialState: SearchState = { searchFocus: null };

export type SearchActions = {
  searchFocusCleared(): void;
};

export const searchActions: StateCreator<AppState, [], [], SearchActions> = (set) => ({
  searchFocusCleared: () => set({ searchFocus: null }),
});

import type { StateCreator } from 'zustand';
import type { SearchHit, SearchKind, SearchResults } from '../../shared/domain/search.ts';
import { api, call, messageOf } from '../lib/api.ts';
import type { Section } from './case.ts';
import type { AppState } from './index.ts';

/** What the case-wide search asked the screens to show: a section's view opens this record when it matches. */
export type SearchFocus = { kind: SearchKind; id: string; runId?: string; stepId?: string };

/** The section that shows each kind of record a search finds. */
export const SECTION_OF_KIND: Record<SearchKind, Section> = {
  timeline: 'timeline',
  note: 'notes',
  evidence: 'evidence',
  subject: 'subjects',
  indicator: 'indicators',
  message: 'extortion',
  demand: 'extortion',
  step: 'playbooks',
};

/** Hits asked for per kind: more than a screen, few enough to answer as the person types. */
export const SEARCH_LIMIT = 20;

export type SearchState = {
  /** Set when a search hit was opened; the view of that kind shows the record and then clears it. */
  searchFocus: SearchFocus | null;
  /** Whether the search dialog is open. */
  searchOpen: boolean;
  /** What is typed in the search box (kept while the dialog is closed, so reopening goes on from it). */
  searchText: string;
  /** The answer to the latest question asked, null before one arrived (or when the box is empty). */
  searchResults: SearchResults | null;
  /** Why the latest question failed, as the core said it. */
  searchError: string | null;
  /** A question is on its way. */
  searchBusy: boolean;
};

export const searchInitialState: SearchState = {
  searchFocus: null,
  searchOpen: false,
  searchText: '',
  searchResults: null,
  searchError: null,
  searchBusy: false,
};

export type SearchActions = {
  searchFocusCleared(): void;
  searchOpened(): void;
  searchClosed(): void;
  searchTyped(text: string): void;
  /** Asks the core; only the answer to the latest question asked is kept. */
  searchQueried(text: string): Promise<void>;
  /** Shows the record of a hit: its section, with the focus on it, and closes the dialog. */
  searchHitOpened(hit: SearchHit): void;
};

export const searchActions: StateCreator<AppState, [], [], SearchActions> = (set, get) => {
  // Each question gets a number: an answer to an older one (slower than the next) is dropped.
  let asked = 0;
  return {
    searchFocusCleared: () => set({ searchFocus: null }),
    searchOpened: () => set({ searchOpen: true }),
    searchClosed: () => set({ searchOpen: false }),
    searchTyped: (text) => set({ searchText: text }),
    async searchQueried(text) {
      const mine = ++asked;
      const casePath = get().caseInfo?.path;
      if (!text.trim()) {
        set({ searchResults: null, searchError: null, searchBusy: false });
        return;
      }
      set({ searchBusy: true });
      try {
        const results = await call(api().search.query({ text, limit: SEARCH_LIMIT }));
        // Another question since, or another case: this answer is not the one on screen.
        if (mine !== asked || get().caseInfo?.path !== casePath) return;
        set({ searchResults: results, searchError: null, searchBusy: false });
      } catch (error) {
        if (mine !== asked || get().caseInfo?.path !== casePath) return;
        set({ searchResults: null, searchError: messageOf(error), searchBusy: false });
      }
    },
    searchHitOpened(hit) {
      const focus: SearchFocus = { kind: hit.kind, id: hit.id };
      if (hit.runId !== undefined) focus.runId = hit.runId;
      if (hit.stepId !== undefined) focus.stepId = hit.stepId;
      // The focus first: the section's view finds it as soon as it is drawn.
      set({ searchFocus: focus, searchOpen: false });
      get().sectionChosen(SECTION_OF_KIND[hit.kind]);
    },
  };
};

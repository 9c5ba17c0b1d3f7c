import type { StateCreator } from 'zustand';
import type { AppState } from './index.ts';

/** Placeholder: filled in by the search screens. */
export type SearchState = { searchPlaceholder: null };

export const searchInitialState: SearchState = { searchPlaceholder: null };

export type SearchActions = Record<never, never>;

export const searchActions: StateCreator<AppState, [], [], SearchActions> = () => ({});

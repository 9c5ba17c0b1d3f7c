import type { StateCreator } from 'zustand';
import type { AppState } from './index.ts';

/** Placeholder: filled in by the subjects screens. */
export type SubjectsState = { subjectsPlaceholder: null };

export const subjectsInitialState: SubjectsState = { subjectsPlaceholder: null };

export type SubjectsActions = Record<never, never>;

export const subjectsActions: StateCreator<AppState, [], [], SubjectsActions> = () => ({});

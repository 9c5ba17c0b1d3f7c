import type { StateCreator } from 'zustand';
import type { AppState } from './index.ts';

/** Placeholder: filled in by the extortion screens. */
export type ExtortionState = { extortionPlaceholder: null };

export const extortionInitialState: ExtortionState = { extortionPlaceholder: null };

export type ExtortionActions = Record<never, never>;

export const extortionActions: StateCreator<AppState, [], [], ExtortionActions> = () => ({});

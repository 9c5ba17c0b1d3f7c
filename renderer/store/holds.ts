import type { StateCreator } from 'zustand';
import type { LegalHold } from '../../shared/domain/evidence.ts';
import { api, call } from '../lib/api.ts';
import { refreshEvidence } from './evidence.ts';
import type { AppState } from './index.ts';

/** Legal holds on the open case, on the whole case or on one item, released ones included. */
export type HoldsState = {
  holds: LegalHold[];
  /**
   * Whether `holds` are the open case's, read since it was opened. Until then the screen says
   * nothing about holds: "no hold is in force" must not be said before it is known.
   */
  holdsLoaded: boolean;
};

export const holdsInitialState: HoldsState = {
  holds: [],
  holdsLoaded: false,
};

export type HoldsActions = {
  holdsRequested(): Promise<void>;
  holdPlaced(item: string | null, reason: string): Promise<void>;
  holdReleased(id: string, reason: string): Promise<void>;
};

export const holdsActions: StateCreator<AppState, [], [], HoldsActions> = (set, get) => ({
  async holdsRequested() {
    set({ holds: await call(api().hold.list()), holdsLoaded: true });
  },
  // A hold changes whether items may be disposed of (their `legalHold`): the register is read again too.
  async holdPlaced(item, reason) {
    await call(api().hold.place(item ? { item, reason } : { reason }));
    await refreshEvidence(set, get);
    set({
      toast: { kind: 'info', text: item ? 'Legal hold placed on the item' : 'Legal hold placed on the whole case' },
    });
  },
  async holdReleased(id, reason) {
    await call(api().hold.release({ id, reason }));
    await refreshEvidence(set, get);
    set({ toast: { kind: 'info', text: 'Legal hold released' } });
  },
});

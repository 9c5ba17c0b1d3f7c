import type { StateCreator } from 'zustand';
import type { VerifyReport } from '../../shared/domain/audit.ts';
import { api, call, messageOf } from '../lib/api.ts';
import type { AddProgress } from './evidence.ts';
import type { AppState } from './index.ts';

/**
 * The Audit log screen: its paged list and the verification of the whole case. Every slice that
 * changes the case bumps `auditVersion`, since every change is audited.
 */
export type AuditState = {
  /** Bumped on every change so the paged list refetches; it only moves forward (see caseScoped.ts). */
  auditVersion: number;
  verifying: boolean;
  /** Check 3's progress (evidence bytes re-hashed) while a verification runs on the workers. */
  verifyProgress: AddProgress | null;
  verifyReport: VerifyReport | null;
  verifyError: string | null;
};

export const auditInitialState: AuditState = {
  auditVersion: 0,
  verifying: false,
  verifyProgress: null,
  verifyReport: null,
  verifyError: null,
};

export type AuditActions = {
  verifyRequested(expectHead?: string): Promise<void>;
};

export const auditActions: StateCreator<AppState, [], [], AuditActions> = (set) => ({
  async verifyRequested(expectHead) {
    // The previous verdict goes: it must not be read as this run's while this one is still going.
    set({ verifying: true, verifyError: null, verifyProgress: null, verifyReport: null });
    try {
      const report = await call(api().audit.verify(expectHead ? { expectHead } : {}));
      set({ verifyReport: report });
    } catch (error) {
      set({ verifyError: messageOf(error), verifyReport: null });
    } finally {
      set({ verifying: false, verifyProgress: null });
    }
  },
});

import type { StateCreator } from 'zustand';
import type { VerifyReport } from '../../shared/domain/audit.ts';
import type { Head } from '../../shared/domain/common.ts';
import { api, call, messageOf } from '../lib/api.ts';
import { refreshCase } from './case.ts';
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
  /**
   * The Audit view read the log and found this head. A change made where the case's head was not
   * read again (a background job, a section that only bumps auditVersion) shows up here as a head
   * other than the case's: the case is read again, so the header and every count follow.
   */
  auditHeadSeen(head: Head): Promise<void>;
  /** The case's head moved past what the Audit view shows: its list and count are read again. */
  auditListStale(): void;
};

export const auditActions: StateCreator<AppState, [], [], AuditActions> = (set, get) => ({
  async verifyRequested(expectHead) {
    // The previous verdict goes: it must not be read as this run's while this one is still going.
    set({ verifying: true, verifyError: null, verifyProgress: null, verifyReport: null });
    try {
      const report = await call(api().audit.verify(expectHead ? { expectHead } : {}));
      // A verdict is about the head it read: the count, the head and the list shown beside it are
      // read again, so they are never older than the verdict (work may have finished meanwhile).
      set({ verifyReport: report, auditVersion: get().auditVersion + 1 });
      await refreshCase(set).catch(() => undefined);
    } catch (error) {
      set({ verifyError: messageOf(error), verifyReport: null });
    } finally {
      set({ verifying: false, verifyProgress: null });
    }
  },
  async auditHeadSeen(head) {
    const known = get().caseInfo?.head;
    if (!known || (known.seq === head.seq && known.hash === head.hash)) return;
    await refreshCase(set).catch(() => undefined);
  },
  auditListStale() {
    set({ auditVersion: get().auditVersion + 1 });
  },
});

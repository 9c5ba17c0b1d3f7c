import { create } from 'zustand';
import type { StateCreator } from 'zustand';
import type { AppInfo, CaseInfo } from '../../shared/ipc/contract.ts';
import type { RecentCase, ProfileInput } from '../../shared/domain/profile.ts';
import type { CaseDraft, CasePatch } from '../../shared/domain/case.ts';
import type { TimelineDraft, TimelinePatch } from '../../shared/domain/timeline.ts';
import type { Note, NoteDraft, NotePatch } from '../../shared/domain/note.ts';
import type { VerifyReport } from '../../shared/domain/audit.ts';
import { api, call, messageOf } from '../lib/api.ts';
import { evidenceSlice } from './evidenceSlice.ts';
import type { AddProgress, EvidenceSlice } from './evidenceSlice.ts';

export type Section = 'overview' | 'timeline' | 'notes' | 'evidence' | 'audit';
export type Toast = { kind: 'info' | 'error'; text: string };

type SessionSlice = {
  boot: 'loading' | 'ready' | 'failed';
  bootError: string | null;
  info: AppInfo | null;
  recent: RecentCase[];
  caseInfo: CaseInfo | null;
  section: Section;
  newCaseOpen: boolean;
  toast: Toast | null;
  appStarted(): Promise<void>;
  profileSaved(profile: ProfileInput): Promise<void>;
  storeLimitSaved(bytes: number): Promise<void>;
  newCaseRequested(): void;
  newCaseCancelled(): void;
  caseCreated(path: string, draft: CaseDraft): Promise<void>;
  openCaseRequested(): Promise<void>;
  caseOpened(path: string): Promise<void>;
  caseClosed(): Promise<void>;
  caseEdited(patch: CasePatch): Promise<void>;
  recentForgotten(path: string): Promise<void>;
  sectionChosen(section: Section): void;
  toastShown(toast: Toast): void;
  toastDismissed(): void;
};

type ContentSlice = {
  /** Bumped on every change so paged lists refetch. */
  timelineVersion: number;
  auditVersion: number;
  notes: Note[];
  notesLoaded: boolean;
  timelineEventAdded(draft: TimelineDraft): Promise<void>;
  timelineEventEdited(id: string, patch: TimelinePatch): Promise<void>;
  timelineEventRemoved(id: string): Promise<void>;
  notesRequested(): Promise<void>;
  noteAdded(draft: NoteDraft): Promise<void>;
  noteEdited(id: string, patch: NotePatch): Promise<void>;
};

type VerifySlice = {
  verifying: boolean;
  /** Check 3's progress (evidence bytes re-hashed) while a verification runs on the workers. */
  verifyProgress: AddProgress | null;
  verifyReport: VerifyReport | null;
  verifyError: string | null;
  verifyRequested(expectHead?: string): Promise<void>;
};

export type AppState = SessionSlice & ContentSlice & VerifySlice & EvidenceSlice;

async function refreshCase(set: (p: Partial<AppState>) => void): Promise<void> {
  const caseInfo = await call(api().case.current());
  set({ caseInfo });
}

const sessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set, get) => ({
  boot: 'loading',
  bootError: null,
  info: null,
  recent: [],
  caseInfo: null,
  section: 'overview',
  newCaseOpen: false,
  toast: null,
  async appStarted() {
    try {
      const [info, recent, caseInfo] = await Promise.all([
        call(api().app.info()),
        call(api().recent.list()),
        call(api().case.current()),
      ]);
      set({ info, recent, caseInfo, boot: 'ready' });
    } catch (error) {
      set({ boot: 'failed', bootError: messageOf(error) });
    }
  },
  async profileSaved(profile) {
    const saved = await call(api().profile.set(profile));
    set({ info: { ...get().info!, profile: saved } });
  },
  async storeLimitSaved(bytes) {
    const saved = await call(api().settings.setStoreLimit({ bytes }));
    set({ info: { ...get().info!, storeLimitBytes: saved } });
  },
  newCaseRequested: () => set({ newCaseOpen: true }),
  newCaseCancelled: () => set({ newCaseOpen: false }),
  async caseCreated(path, draft) {
    const caseInfo = await call(api().case.create({ path, draft }));
    const recent = await call(api().recent.list());
    set({
      caseInfo,
      recent,
      newCaseOpen: false,
      section: 'overview',
      verifyReport: null,
      verifyError: null,
      notesLoaded: false,
      evidenceLoaded: false,
      selectedEvidence: null,
      timelineVersion: get().timelineVersion + 1,
      auditVersion: get().auditVersion + 1,
    });
  },
  async openCaseRequested() {
    try {
      const chosen = await call(api().dialog.chooseCaseToOpen());
      if (chosen) await get().caseOpened(chosen.path);
    } catch (error) {
      set({ toast: { kind: 'error', text: messageOf(error) } });
    }
  },
  async caseOpened(path) {
    try {
      const caseInfo = await call(api().case.open({ path }));
      // An error shown from an earlier try is no longer news.
      set({
        toast: null,
        caseInfo,
        section: 'overview',
        verifyReport: null,
        verifyError: null,
        notesLoaded: false,
        evidenceLoaded: false,
        selectedEvidence: null,
        newCaseOpen: false,
        timelineVersion: get().timelineVersion + 1,
        auditVersion: get().auditVersion + 1,
      });
    } catch (error) {
      set({ toast: { kind: 'error', text: messageOf(error) } });
    } finally {
      set({ recent: await call(api().recent.list()) });
    }
  },
  async caseClosed() {
    await call(api().case.close());
    set({
      caseInfo: null,
      notes: [],
      notesLoaded: false,
      evidence: [],
      evidenceLoaded: false,
      selectedEvidence: null,
      verifyReport: null,
      verifyError: null,
      recent: await call(api().recent.list()),
    });
  },
  async caseEdited(patch) {
    const caseInfo = await call(api().case.update(patch));
    set({ caseInfo, auditVersion: get().auditVersion + 1, toast: { kind: 'info', text: 'Case record saved' } });
  },
  async recentForgotten(path) {
    set({ recent: await call(api().recent.forget({ path })) });
  },
  sectionChosen: (section) => set({ section }),
  toastShown: (toast) => set({ toast }),
  toastDismissed: () => set({ toast: null }),
});

const contentSlice: StateCreator<AppState, [], [], ContentSlice> = (set, get) => ({
  timelineVersion: 0,
  auditVersion: 0,
  notes: [],
  notesLoaded: false,
  async timelineEventAdded(draft) {
    await call(api().timeline.add(draft));
    set({ timelineVersion: get().timelineVersion + 1, auditVersion: get().auditVersion + 1 });
    await refreshCase(set);
  },
  async timelineEventEdited(id, patch) {
    await call(api().timeline.update({ id, patch }));
    set({ timelineVersion: get().timelineVersion + 1, auditVersion: get().auditVersion + 1 });
    await refreshCase(set);
  },
  async timelineEventRemoved(id) {
    await call(api().timeline.remove({ id }));
    set({ timelineVersion: get().timelineVersion + 1, auditVersion: get().auditVersion + 1 });
    await refreshCase(set);
  },
  async notesRequested() {
    try {
      set({ notes: await call(api().notes.list()), notesLoaded: true });
    } catch (error) {
      set({ toast: { kind: 'error', text: messageOf(error) } });
    }
  },
  async noteAdded(draft) {
    await call(api().notes.add(draft));
    set({ notes: await call(api().notes.list()), auditVersion: get().auditVersion + 1 });
    await refreshCase(set);
  },
  async noteEdited(id, patch) {
    await call(api().notes.update({ id, patch }));
    set({ notes: await call(api().notes.list()), auditVersion: get().auditVersion + 1 });
    await refreshCase(set);
  },
});

const verifySlice: StateCreator<AppState, [], [], VerifySlice> = (set) => ({
  verifying: false,
  verifyProgress: null,
  verifyReport: null,
  verifyError: null,
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

export const useAppStore = create<AppState>()((...a) => ({
  ...sessionSlice(...a),
  ...contentSlice(...a),
  ...verifySlice(...a),
  ...evidenceSlice(...a),
}));

import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../shared/ipc/contract.ts';
import type { ProfileInput, RecentCase } from '../../shared/domain/profile.ts';
import type { CaseDraft } from '../../shared/domain/case.ts';
import { api, call, messageOf } from '../lib/api.ts';
import { caseSwitchedFrom } from './caseScoped.ts';
import type { AppState } from './index.ts';
import { templatesInitialState } from './templates.ts';
import type { TemplatesState } from './templates.ts';

export type Toast = { kind: 'info' | 'error'; text: string };

/**
 * What outlives any one case: how the app started, the examiner's profile and settings, the recent
 * list, the start screen's new-case form, the message shown, and the examiner's playbook template
 * library (kept in the app data folder, not in a case). Switching case happens here too.
 */
export type SessionState = TemplatesState & {
  boot: 'loading' | 'ready' | 'failed';
  bootError: string | null;
  info: AppInfo | null;
  recent: RecentCase[];
  newCaseOpen: boolean;
  toast: Toast | null;
};

export const sessionInitialState: SessionState = {
  ...templatesInitialState,
  boot: 'loading',
  bootError: null,
  info: null,
  recent: [],
  newCaseOpen: false,
  toast: null,
};

export type SessionActions = {
  appStarted(): Promise<void>;
  profileSaved(profile: ProfileInput): Promise<void>;
  storeLimitSaved(bytes: number): Promise<void>;
  newCaseRequested(): void;
  newCaseCancelled(): void;
  caseCreated(path: string, draft: CaseDraft): Promise<void>;
  openCaseRequested(): Promise<void>;
  caseOpened(path: string): Promise<void>;
  caseClosed(): Promise<void>;
  recentForgotten(path: string): Promise<void>;
  toastShown(toast: Toast): void;
  toastDismissed(): void;
};

export const sessionActions: StateCreator<AppState, [], [], SessionActions> = (set, get) => ({
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
  // Create, open and close all go through caseSwitchedFrom: nothing of the case before survives.
  async caseCreated(path, draft) {
    const caseInfo = await call(api().case.create({ path, draft }));
    set({ ...caseSwitchedFrom(get()), caseInfo, newCaseOpen: false });
    set({ recent: await call(api().recent.list()) });
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
      set({ ...caseSwitchedFrom(get()), caseInfo, newCaseOpen: false, toast: null });
    } catch (error) {
      set({ toast: { kind: 'error', text: messageOf(error) } });
    } finally {
      set({ recent: await call(api().recent.list()) });
    }
  },
  async caseClosed() {
    await call(api().case.close());
    set(caseSwitchedFrom(get()));
    set({ recent: await call(api().recent.list()) });
  },
  async recentForgotten(path) {
    set({ recent: await call(api().recent.forget({ path })) });
  },
  toastShown: (toast) => set({ toast }),
  toastDismissed: () => set({ toast: null }),
});

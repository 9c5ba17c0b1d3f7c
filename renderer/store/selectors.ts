import { useAppStore } from './index.ts';
import type { AppState } from './index.ts';

export { useAppStore };
export type { AppState };

/** The zone times are shown in besides UTC: the profile's choice, else the computer's. */
export function useExaminerZone(): string {
  return useAppStore((s) => s.info?.profile?.timeZone || s.info?.systemTimeZone || 'UTC');
}

export const useCaseRecord = () => useAppStore((s) => s.caseInfo?.record ?? null);
export const useHead = () => useAppStore((s) => s.caseInfo?.head ?? null);

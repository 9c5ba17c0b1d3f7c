import type { StateCreator } from 'zustand';
import type { z } from 'zod';
import type {
  DecisionDraft,
  DemandDraft,
  DemandPatch,
  ExtortionRecord,
  MessageDraft,
  SignOffRequest,
  ValidationDraft,
} from '../../shared/domain/extortion.ts';
import type { ClockSetRequest, ClocksState, SubmissionDraft } from '../../shared/domain/clock.ts';
import type { EvidenceItem } from '../../shared/domain/evidence.ts';
import type { IndicatorRow } from '../../shared/domain/indicator.ts';
import { api, call, messageOf } from '../lib/api.ts';
import { refreshCase } from './case.ts';
import type { Section } from './case.ts';
import type { AppState } from './index.ts';

export type ExtortionRemovable = 'message' | 'demand' | 'validation' | 'decision';
export type SignOff = z.input<typeof SignOffRequest>;
export type DemandChange = z.input<typeof DemandPatch>;

/** What the extortion forms pick from: the case's exhibits and its indicators (senders, wallets). */
export type ExtortionChoices = {
  exhibits: Pick<EvidenceItem, 'id' | 'exhibit' | 'description' | 'disposed'>[];
  indicators: IndicatorRow[];
  /** Why one of the two lists could not be read (the forms still work with typed values), or null. */
  problem: string | null;
};

/**
 * The extortion record (messages, demands, validation, decisions) and the notification clocks of
 * the open case. Both are read once per case (the header's countdowns need them on every screen)
 * and again after each write made here; no other screen writes them. The clocks are read again when
 * the case's awareness time changes, since most of them count from it.
 */
export type ExtortionState = {
  extortion: ExtortionRecord | null;
  clocks: ClocksState | null;
  /** The case's awareness time and zone the clocks were read with: when it moves, they are read again. */
  clocksAwareKey: string | null;
  /** A read of the record or the clocks is on its way. */
  extortionLoading: boolean;
  /** Why the record or the clocks could not be read, or null. */
  extortionProblem: string | null;
  /**
   * The record a search hit or a header deadline opened (the element id of a message, demand or
   * clock): its screen marks it, and scrolls to it once (`scrolled`), not again on each visit.
   */
  extortionHighlight: { elementId: string; scrolled: boolean } | null;
};

export const extortionInitialState: ExtortionState = {
  extortion: null,
  clocks: null,
  clocksAwareKey: null,
  extortionLoading: false,
  extortionProblem: null,
  extortionHighlight: null,
};

export type ExtortionActions = {
  /** Reads the record and the clocks of the open case (both, in one go). */
  extortionRequested(): Promise<void>;
  /** Reads the clocks again (the case's awareness time changed). */
  clocksRequested(): Promise<void>;
  extortionChoicesRequested(): Promise<ExtortionChoices>;
  messageAdded(draft: MessageDraft): Promise<void>;
  demandAdded(draft: DemandDraft): Promise<void>;
  demandUpdated(id: string, patch: DemandChange): Promise<void>;
  validationAdded(draft: ValidationDraft): Promise<void>;
  decisionRecorded(draft: DecisionDraft): Promise<void>;
  decisionSignedOff(request: SignOff): Promise<void>;
  extortionRemoved(kind: ExtortionRemovable, id: string): Promise<void>;
  clockSet(request: ClockSetRequest): Promise<void>;
  clockSubmitted(draft: SubmissionDraft): Promise<void>;
  clockSubmissionRemoved(id: string): Promise<void>;
  /** A deadline in the header was chosen: its section opens, at the demand or clock it is. */
  deadlineOpened(section: Section, elementId: string): void;
  /** The case-wide search asked for this message or demand: it is marked, and the search's focus cleared. */
  searchFocusTaken(elementId: string): void;
  /** The marked record was scrolled into view. */
  highlightScrolled(): void;
};

/** The element id of a message, demand or clock on its screen, for scrolling to it and marking it. */
export const elementIdOf = (kind: 'message' | 'demand' | 'clock', id: string) => `${kind}-${id}`;

/** The case's awareness time and zone as one key: the clocks depend on nothing else of the record. */
export function awareKeyOf(state: Pick<AppState, 'caseInfo'>): string | null {
  const record = state.caseInfo?.record;
  return record ? `${record.awareAt ?? ''}|${record.awareZone ?? ''}` : null;
}

const REMOVED_LABEL: Record<ExtortionRemovable, string> = {
  message: 'Message marked removed',
  demand: 'Demand marked removed',
  validation: 'Validation marked removed',
  decision: 'Decision marked removed',
};

export const extortionActions: StateCreator<AppState, [], [], ExtortionActions> = (set, get) => {
  /** The open case now, to drop an answer that arrives after the person switched case. */
  const casePath = () => get().caseInfo?.path ?? null;

  /** After a write: the record (and, when asked, the clocks) again, the head and the audit. */
  async function written(toast: string, withClocks = false) {
    const path = casePath();
    const [extortion, clocks] = await Promise.all([
      call(api().extortion.record()),
      withClocks ? call(api().clock.list()) : Promise.resolve(null),
    ]);
    if (casePath() !== path) return;
    set({
      extortion,
      ...(clocks ? { clocks, clocksAwareKey: awareKeyOf(get()) } : {}),
      auditVersion: get().auditVersion + 1,
      toast: { kind: 'info', text: toast },
    });
    await refreshCase(set);
  }

  /** After a clock write: its answer is the clocks as they now stand. */
  async function clocksWritten(clocks: ClocksState, toast: string) {
    set({
      clocks,
      clocksAwareKey: awareKeyOf(get()),
      auditVersion: get().auditVersion + 1,
      toast: { kind: 'info', text: toast },
    });
    await refreshCase(set);
  }

  return {
    async extortionRequested() {
      // The header and the screen shown may both ask as the case opens: one read serves both.
      if (get().extortionLoading) return;
      const path = casePath();
      const awareKey = awareKeyOf(get());
      set({ extortionLoading: true, extortionProblem: null });
      const [record, clocks] = await Promise.allSettled([call(api().extortion.record()), call(api().clock.list())]);
      if (casePath() !== path) return;
      const failed = [record, clocks].find((r) => r.status === 'rejected');
      set({
        extortionLoading: false,
        extortionProblem: failed ? messageOf(failed.reason) : null,
        ...(record.status === 'fulfilled' ? { extortion: record.value } : {}),
        ...(clocks.status === 'fulfilled' ? { clocks: clocks.value, clocksAwareKey: awareKey } : {}),
      });
    },
    async clocksRequested() {
      const path = casePath();
      const awareKey = awareKeyOf(get());
      // Marked at once, so the header does not ask twice while the answer is on its way.
      set({ clocksAwareKey: awareKey });
      try {
        const clocks = await call(api().clock.list());
        if (casePath() === path) set({ clocks });
      } catch (error) {
        if (casePath() === path) set({ extortionProblem: messageOf(error) });
      }
    },
    async extortionChoicesRequested() {
      const [evidence, indicators] = await Promise.allSettled([
        call(api().evidence.list()),
        call(api().indicator.list()),
      ]);
      const failed = [evidence, indicators].find((r) => r.status === 'rejected');
      return {
        exhibits:
          evidence.status === 'fulfilled'
            ? evidence.value.map(({ id, exhibit, description, disposed }) => ({ id, exhibit, description, disposed }))
            : [],
        indicators: indicators.status === 'fulfilled' ? indicators.value.filter((i) => !i.removed) : [],
        problem: failed ? messageOf(failed.reason) : null,
      };
    },
    async messageAdded(draft) {
      await call(api().extortion.addMessage(draft));
      await written('Message recorded');
    },
    async demandAdded(draft) {
      await call(api().extortion.addDemand(draft));
      await written('Demand recorded');
    },
    async demandUpdated(id, patch) {
      await call(api().extortion.updateDemand({ id, patch }));
      await written('Demand updated');
    },
    async validationAdded(draft) {
      await call(api().extortion.addValidation(draft));
      await written('Validation recorded');
    },
    // A decision to pay can start a clock of its own (NYDFS: 24 h from an extortion payment).
    async decisionRecorded(draft) {
      await call(api().extortion.decide(draft));
      await written('Decision recorded', true);
    },
    async decisionSignedOff(request) {
      await call(api().extortion.signOff(request));
      await written("Counsel's sign-off recorded");
    },
    async extortionRemoved(kind, id) {
      await call(api().extortion.remove({ kind, id }));
      await written(REMOVED_LABEL[kind], kind === 'decision');
    },
    async clockSet(request) {
      const clocks = await call(api().clock.set(request));
      const done =
        request.trigger === null
          ? 'The clock counts from its usual start again'
          : request.trigger
            ? 'Trigger time saved'
            : request.applies === false
              ? 'Clock switched off'
              : 'Clock switched on';
      await clocksWritten(clocks, done);
    },
    async clockSubmitted(draft) {
      await clocksWritten(await call(api().clock.submit(draft)), 'Submission recorded');
    },
    async clockSubmissionRemoved(id) {
      await clocksWritten(await call(api().clock.removeSubmission({ id })), 'Submission marked removed');
    },
    deadlineOpened: (section, elementId) => set({ section, extortionHighlight: { elementId, scrolled: false } }),
    searchFocusTaken: (elementId) => set({ searchFocus: null, extortionHighlight: { elementId, scrolled: false } }),
    highlightScrolled() {
      const shown = get().extortionHighlight;
      if (shown && !shown.scrolled) set({ extortionHighlight: { ...shown, scrolled: true } });
    },
  };
};

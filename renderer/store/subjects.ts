import type { StateCreator } from 'zustand';
import type {
  Subject,
  SubjectDetail,
  SubjectDraft,
  SubjectLinkDraft,
  SubjectPatch,
} from '../../shared/domain/subject.ts';
import type {
  IndicatorBulkRequest,
  IndicatorBulkResult,
  IndicatorCheckResult,
  IndicatorDraft,
  IndicatorLineVerdict,
  IndicatorPatch,
  IndicatorRow,
  IndicatorType,
} from '../../shared/domain/indicator.ts';
import { api, call, messageOf } from '../lib/api.ts';
import type { AppState } from './index.ts';

/** How many timeline events the link picker offers: the contract's page limit. */
const LINK_EVENTS_LIMIT = 1000;

/** Something of the case a subject can be linked to, as the link picker offers it. */
export type SubjectLinkChoice = { id: string; label: string };

/**
 * The people of the open case (the hired worker, facilitators, hosts, recruiters, the agency,
 * operators behind aliases) with the one shown in full, and the indicators (addresses, accounts,
 * wallets, devices) that tie them together. One slice, because a change to one moves the other: an
 * indicator entered for a subject is a link of that subject, and a removed subject leaves its
 * indicators' subject lists.
 */
export type SubjectsState = {
  subjects: Subject[];
  /** Whether `subjects` are the open case's, read since it was opened. */
  subjectsLoaded: boolean;
  /** The subject shown in the detail pane, with its links both ways. */
  selectedSubject: SubjectDetail | null;
  indicators: IndicatorRow[];
  /** Whether `indicators` are the open case's, read since it was opened. */
  indicatorsLoaded: boolean;
};

export const subjectsInitialState: SubjectsState = {
  subjects: [],
  subjectsLoaded: false,
  selectedSubject: null,
  indicators: [],
  indicatorsLoaded: false,
};

export type SubjectsActions = {
  subjectsRequested(): Promise<void>;
  /** Shows a subject in the detail pane (null: none). */
  subjectSelected(id: string | null): Promise<void>;
  subjectAdded(draft: SubjectDraft): Promise<Subject>;
  subjectEdited(id: string, patch: SubjectPatch): Promise<void>;
  subjectRemoved(id: string): Promise<void>;
  subjectLinked(draft: SubjectLinkDraft): Promise<void>;
  subjectUnlinked(linkId: string): Promise<void>;
  /** The case's timeline events, for the link picker; read fresh each time. */
  subjectLinkEventsRequested(): Promise<SubjectLinkChoice[]>;
  indicatorsRequested(): Promise<void>;
  /** The canonical form of a value as typed, or why it is refused; writes nothing. */
  indicatorChecked(type: IndicatorType, value: string, platform?: string): Promise<IndicatorCheckResult>;
  /** The indicator added, or the one already in the case, and which of the two it was. */
  indicatorAdded(draft: IndicatorDraft): Promise<{ indicator: IndicatorRow; verdict: IndicatorLineVerdict }>;
  indicatorEdited(id: string, patch: IndicatorPatch): Promise<void>;
  indicatorRemoved(id: string): Promise<void>;
  /** What importing the list would do, line by line; writes nothing. */
  indicatorListPreviewed(request: IndicatorBulkRequest): Promise<IndicatorBulkResult>;
  /** The whole list, or nothing if a line is refused (`written` says which). */
  indicatorListImported(request: IndicatorBulkRequest): Promise<IndicatorBulkResult>;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const subjectsActions: StateCreator<AppState, [], [], SubjectsActions> = (set, get) => {
  /**
   * After any write to subjects or indicators: both lists (each can move the other), the subject
   * shown (`shownId` when given; null to show none), the case's head and the audit list.
   */
  async function written(shownId?: string | null) {
    const id = shownId === undefined ? (get().selectedSubject?.subject.id ?? null) : shownId;
    const [subjects, indicators, selectedSubject, caseInfo] = await Promise.all([
      call(api().subject.list()),
      get().indicatorsLoaded ? call(api().indicator.list()) : Promise.resolve(get().indicators),
      id ? call(api().subject.get({ id })) : Promise.resolve(null),
      call(api().case.current()),
    ]);
    set({
      subjects,
      subjectsLoaded: true,
      indicators,
      selectedSubject,
      caseInfo,
      auditVersion: get().auditVersion + 1,
    });
  }
  return {
    async subjectsRequested() {
      try {
        set({ subjects: await call(api().subject.list()), subjectsLoaded: true });
      } catch (error) {
        set({ toast: { kind: 'error', text: messageOf(error) } });
      }
    },
    async subjectSelected(id) {
      if (!id) return set({ selectedSubject: null });
      try {
        set({ selectedSubject: await call(api().subject.get({ id })) });
      } catch (error) {
        set({ toast: { kind: 'error', text: messageOf(error) } });
      }
    },
    async subjectAdded(draft) {
      const subject = await call(api().subject.add(draft));
      await written(subject.id);
      set({ toast: { kind: 'info', text: `Subject “${subject.name}” added` } });
      return subject;
    },
    async subjectEdited(id, patch) {
      await call(api().subject.update({ id, patch }));
      await written(id);
    },
    async subjectRemoved(id) {
      const name = get().subjects.find((s) => s.id === id)?.name ?? 'Subject';
      await call(api().subject.remove({ id }));
      await written(get().selectedSubject?.subject.id === id ? null : undefined);
      set({ toast: { kind: 'info', text: `“${name}” removed from the case` } });
    },
    async subjectLinked(draft) {
      await call(api().subject.link(draft));
      await written(draft.subjectId);
    },
    async subjectUnlinked(linkId) {
      await call(api().subject.unlink({ id: linkId }));
      await written();
    },
    async subjectLinkEventsRequested() {
      const events = await call(api().timeline.list({ offset: 0, limit: LINK_EVENTS_LIMIT }));
      return events.items.filter((e) => !e.removed).map((e) => ({ id: e.id, label: e.title }));
    },
    async indicatorsRequested() {
      try {
        set({ indicators: await call(api().indicator.list()), indicatorsLoaded: true });
      } catch (error) {
        set({ toast: { kind: 'error', text: messageOf(error) } });
      }
    },
    indicatorChecked: (type, value, platform) =>
      call(api().indicator.check({ type, value, ...(platform?.trim() ? { platform: platform.trim() } : {}) })),
    async indicatorAdded(draft) {
      const added = await call(api().indicator.add(draft));
      const { verdict } = added;
      set({ indicatorsLoaded: true });
      await written();
      set({
        toast: {
          kind: 'info',
          text:
            verdict.verdict === 'already present'
              ? `Already in the case: ${verdict.normalised}`
              : `Indicator ${verdict.normalised} added`,
        },
      });
      return added;
    },
    async indicatorEdited(id, patch) {
      await call(api().indicator.update({ id, patch }));
      await written();
    },
    async indicatorRemoved(id) {
      await call(api().indicator.remove({ id }));
      await written();
      set({ toast: { kind: 'info', text: 'Indicator removed' } });
    },
    indicatorListPreviewed: (request) => call(api().indicator.preview(request)),
    async indicatorListImported(request) {
      const result = await call(api().indicator.import(request));
      if (!result.written) return result;
      set({ indicatorsLoaded: true });
      await written();
      set({
        toast: {
          kind: 'info',
          text: `Imported ${plural(result.added, 'indicator', 'indicators')}${
            result.present ? `; ${result.present} already in the case` : ''
          }`,
        },
      });
      return result;
    },
  };
};

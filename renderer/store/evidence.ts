import type { StateCreator } from 'zustand';
import type {
  CustodyTransferDraft,
  DisposalDraft,
  EvidenceDetail,
  FileEvidenceDraft,
  LinkTargetType,
  PhysicalEvidenceDraft,
  RegisterItem,
  TextEvidenceDraft,
} from '../../shared/domain/evidence.ts';
import type { EvidenceProgressEvent, EvidenceTask } from '../../shared/ipc/channels.ts';
import { api, call, messageOf } from '../lib/api.ts';
import type { AppState } from './index.ts';

/**
 * `elapsed` (seconds on the current file when adding, on the whole job when verifying or
 * exporting) is taken when an event arrives, so rendering stays pure.
 */
export type AddProgress = EvidenceProgressEvent & { startedAt: number; fileStartedAt: number; elapsed: number };

/** The register, the item shown with its custody history and links, and the long work on items. */
export type EvidenceState = {
  /** The register: each item with where it is now. */
  evidence: RegisterItem[];
  /** Whether `evidence` is the open case's register, read since it was opened. */
  evidenceLoaded: boolean;
  selectedEvidence: EvidenceDetail | null;
  adding: boolean;
  addProgress: AddProgress | null;
  /** A running re-verification or export, with its progress once the first event arrives. */
  job: { task: 'verify' | 'export'; count: number; progress: AddProgress | null } | null;
};

export const evidenceInitialState: EvidenceState = {
  evidence: [],
  evidenceLoaded: false,
  selectedEvidence: null,
  adding: false,
  addProgress: null,
  job: null,
};

export type EvidenceActions = {
  evidenceRequested(): Promise<void>;
  evidenceSelected(id: string | null): Promise<void>;
  /** The file dialog: the chosen paths (granted for adding), or null when the person cancelled it. */
  evidenceFilesChosen(): Promise<string[] | null>;
  /** `descriptions`: one per path, in order, when each file has its own. */
  evidenceAddRequested(draft: FileEvidenceDraft, paths?: string[], descriptions?: string[]): Promise<string | null>;
  evidenceJobCancelled(task: EvidenceTask): Promise<void>;
  otherEvidenceAdded(kind: 'physical' | 'text', draft: PhysicalEvidenceDraft | TextEvidenceDraft): Promise<void>;
  evidenceProgressed(progress: EvidenceProgressEvent): void;
  evidenceVerifyRequested(ids: string[]): Promise<void>;
  custodyTransferred(id: string, draft: CustodyTransferDraft): Promise<void>;
  evidenceExportRequested(ids: string[]): Promise<void>;
  evidenceDisposed(id: string, draft: DisposalDraft): Promise<void>;
  evidenceLinked(id: string, targetType: LinkTargetType, targetId: string, relation: string): Promise<void>;
  evidenceUnlinked(linkId: string): Promise<void>;
};

/**
 * Everything a change to evidence or holds can move, read again together: the register, the item
 * shown (`selectedId`, else the one already shown), the holds, the case's head and the audit list.
 */
export async function refreshEvidence(
  set: (partial: Partial<AppState>) => void,
  get: () => AppState,
  selectedId?: string,
): Promise<void> {
  const evidence = await call(api().evidence.list());
  const id = selectedId ?? get().selectedEvidence?.item.id;
  const selectedEvidence = id ? await call(api().evidence.get({ id })) : null;
  const caseInfo = await call(api().case.current());
  const holds = await call(api().hold.list());
  set({
    evidence,
    evidenceLoaded: true,
    selectedEvidence,
    caseInfo,
    holds,
    holdsLoaded: true,
    auditVersion: get().auditVersion + 1,
  });
}

export const evidenceActions: StateCreator<AppState, [], [], EvidenceActions> = (set, get) => {
  const refresh = (selectedId?: string) => refreshEvidence(set, get, selectedId);
  return {
    async evidenceRequested() {
      try {
        // The case's holds are shown above its register: both are read before either shows.
        const evidence = await call(api().evidence.list());
        const holds = await call(api().hold.list());
        set({ evidence, evidenceLoaded: true, holds, holdsLoaded: true });
      } catch (error) {
        set({ toast: { kind: 'error', text: messageOf(error) } });
      }
    },
    async evidenceSelected(id) {
      if (!id) return set({ selectedEvidence: null });
      try {
        set({ selectedEvidence: await call(api().evidence.get({ id })) });
      } catch (error) {
        set({ toast: { kind: 'error', text: messageOf(error) } });
      }
    },
    /** Returns an error message for the form, or null when done (or the person cancelled the dialog). */
    async evidenceFilesChosen() {
      const chosen = await call(api().dialog.chooseEvidenceFiles());
      return chosen ? chosen.paths : null;
    },
    async evidenceAddRequested(draft, paths, descriptions) {
      const chosen = paths && paths.length > 0 ? { paths } : await call(api().dialog.chooseEvidenceFiles());
      if (!chosen) return null;
      const now = performance.now();
      set({
        adding: true,
        addProgress: {
          task: 'add',
          file: chosen.paths[0]!,
          fileIndex: 0,
          fileCount: chosen.paths.length,
          bytes: 0,
          total: 0,
          startedAt: now,
          fileStartedAt: now,
          elapsed: 0,
        },
      });
      try {
        const { added, notAdded } = await call(
          api().evidence.add({ paths: chosen.paths, draft, ...(descriptions ? { descriptions } : {}) }),
        );
        await refresh(added.at(-1)?.id);
        const referenced = added.filter((i) => i.storage === 'reference').map((i) => i.exhibit);
        const how =
          referenced.length === 0
            ? 'stored'
            : referenced.length === added.length
              ? 'referenced in place'
              : `stored (${referenced.join(', ')} referenced in place)`;
        const done =
          added.length > 0 ? `${added.map((i) => i.exhibit).join(', ')} added, hashed and ${how}` : 'Nothing was added';
        if (notAdded.length === 0) {
          set({ toast: { kind: 'info', text: done } });
          return null;
        }
        // Files that failed while being read: the others are in; the form says which were not.
        const failed = notAdded.map((n) => `${n.reason} (${n.fix})`).join('; ');
        set({ toast: { kind: 'error', text: `${done}. Not added: ${failed}` } });
        return `Not added: ${failed}`;
      } catch (error) {
        await refresh();
        return messageOf(error);
      } finally {
        set({ adding: false, addProgress: null });
      }
    },
    async otherEvidenceAdded(kind, draft) {
      const item =
        kind === 'physical'
          ? await call(api().evidence.addPhysical(draft as PhysicalEvidenceDraft))
          : await call(api().evidence.addText(draft as TextEvidenceDraft));
      await refresh(item.id);
      set({ toast: { kind: 'info', text: `${item.exhibit} logged` } });
    },
    async evidenceJobCancelled(task) {
      await call(api().evidence.cancel({ task }));
    },
    evidenceProgressed(progress) {
      const now = performance.now();
      if (progress.task === 'add') {
        const previous = get().addProgress;
        const fileStartedAt = previous && previous.fileIndex === progress.fileIndex ? previous.fileStartedAt : now;
        return set({
          addProgress: {
            ...progress,
            startedAt: previous?.startedAt ?? now,
            fileStartedAt,
            elapsed: (now - fileStartedAt) / 1000,
          },
        });
      }
      if (progress.task === 'verifyCase') {
        if (!get().verifying) return;
        const startedAt = get().verifyProgress?.startedAt ?? now;
        return set({
          verifyProgress: { ...progress, startedAt, fileStartedAt: startedAt, elapsed: (now - startedAt) / 1000 },
        });
      }
      const job = get().job;
      if (!job || job.task !== progress.task) return;
      // Bytes count over the whole job, so the rate and time left do too.
      const startedAt = job.progress?.startedAt ?? now;
      set({
        job: {
          ...job,
          progress: { ...progress, startedAt, fileStartedAt: startedAt, elapsed: (now - startedAt) / 1000 },
        },
      });
    },
    async evidenceVerifyRequested(ids) {
      if (get().job) {
        return set({
          toast: { kind: 'error', text: 'Wait for the running verification or export to finish, or cancel it' },
        });
      }
      set({ job: { task: 'verify', count: ids.length || get().evidence.length, progress: null } });
      try {
        const results = await call(api().evidence.verify({ ids }));
        await refresh();
        const bad = results.filter((r) => r.result === 'mismatch' || r.result === 'missing');
        set({
          toast: bad.length
            ? { kind: 'error', text: `Integrity failure: ${bad.map((r) => `${r.exhibit} ${r.result}`).join(', ')}` }
            : {
                kind: 'info',
                text: `${results.length} ${results.length === 1 ? 'item' : 'items'} re-hashed: all match`,
              },
        });
      } catch (error) {
        // A cancel keeps what was checked: show it.
        await refresh().catch(() => undefined);
        set({ toast: { kind: 'error', text: messageOf(error) } });
      } finally {
        set({ job: null });
      }
    },
    async evidenceDisposed(id, draft) {
      const result = await call(api().evidence.dispose({ id, draft }));
      await refresh(id);
      set({
        toast: {
          kind: 'info',
          text: result.bytesRemoved
            ? 'Disposal recorded; the stored bytes were removed, the record and hashes remain'
            : 'Disposal recorded; the record remains',
        },
      });
    },
    async evidenceLinked(id, targetType, targetId, relation) {
      await call(api().evidence.link({ id, targetType, targetId, relation }));
      await refresh(id);
    },
    async evidenceUnlinked(linkId) {
      await call(api().evidence.unlink({ id: linkId }));
      await refresh();
    },
    async custodyTransferred(id, draft) {
      await call(api().evidence.transfer({ id, draft }));
      await refresh(id);
      set({
        toast: {
          kind: 'info',
          text: `${draft.kind === 'return' ? 'Return' : 'Transfer'} recorded in the custody history`,
        },
      });
    },
    async evidenceExportRequested(ids) {
      if (get().job) {
        return set({
          toast: { kind: 'error', text: 'Wait for the running verification or export to finish, or cancel it' },
        });
      }
      try {
        const folder = await call(api().dialog.chooseExportFolder());
        if (!folder) return;
        set({ job: { task: 'export', count: ids.length || get().evidence.length, progress: null } });
        const result = await call(api().evidence.export({ ids, dir: folder.path }));
        await refresh();
        set({
          toast: {
            kind: 'info',
            text: `${result.files.length} ${result.files.length === 1 ? 'file' : 'files'} exported and hash-checked, with manifest, to ${result.dir}`,
          },
        });
      } catch (error) {
        // What was exported before a cancel or a failure is recorded: show it.
        await refresh().catch(() => undefined);
        set({ toast: { kind: 'error', text: messageOf(error) } });
      } finally {
        set({ job: null });
      }
    },
  };
};

import type { StateCreator } from 'zustand';
import { PlaybookTemplate } from '../../shared/domain/playbook.ts';
import type { ExportedFile, TemplateDetail, TemplateSummary } from '../../shared/domain/playbook.ts';
import { api, call, messageOf } from '../lib/api.ts';
import type { AppState } from './index.ts';

/**
 * The examiner's library of playbook templates (the built-ins and what they imported or copied),
 * the one shown, and the edit in progress. The library lives in the app data folder, not in a
 * case, so this is the session's: an unsaved edit is kept across sections and cases until it is
 * saved or discarded.
 */
export type TemplatesState = {
  templateLibrary: TemplateSummary[];
  /** Whether `templateLibrary` has been read since the app started. */
  templatesLoaded: boolean;
  /** The template viewed or edited, as last read (or saved). */
  templateShown: TemplateDetail | null;
  /** The edit of `templateShown` in progress: nothing is written until it is saved. */
  templateDraft: PlaybookTemplate | null;
  /** Whether the draft differs from what was read: leaving it then asks first. */
  templateDraftDirty: boolean;
  /** What playbook:check said about a draft, and which draft that was (it may be an earlier one). */
  templateCheck: { draft: PlaybookTemplate; problems: string[] } | null;
  /**
   * Why the last import was refused, in full: it names the file, the problem and the JSON path, which
   * the person needs in front of them while they fix the file, so it stays until dismissed.
   */
  templateImportError: string | null;
  /** The last export, shown under its template with its path and SHA-256. */
  templateExport: (ExportedFile & { id: string }) | null;
  /** The version the last save made, shown in the editor's place until something else is done. */
  templateSaved: TemplateSummary | null;
};

export const templatesInitialState: TemplatesState = {
  templateLibrary: [],
  templatesLoaded: false,
  templateShown: null,
  templateDraft: null,
  templateDraftDirty: false,
  templateCheck: null,
  templateImportError: null,
  templateExport: null,
  templateSaved: null,
};

export type TemplatesActions = {
  templatesRequested(): Promise<void>;
  templateOpened(id: string): Promise<void>;
  templateClosed(): void;
  /** A file the examiner picked (a File): its size is checked before its text is read and sent. */
  templateImported(file: { name: string; size: number; text(): Promise<string> }): Promise<void>;
  templateImportErrorDismissed(): void;
  templateDuplicated(id: string, name: string): Promise<TemplateSummary>;
  templateExportRequested(summary: Pick<TemplateSummary, 'id' | 'name'>): Promise<void>;
  templateEditStarted(id: string): Promise<void>;
  templateDraftChanged(draft: PlaybookTemplate): void;
  /** Checks a draft; `editorProblems` are what the editor itself refuses, listed with the rest. */
  templateDraftChecked(draft: PlaybookTemplate, editorProblems: string[]): Promise<void>;
  templateDraftDiscarded(): void;
  templateDraftSaved(): Promise<void>;
};

/** The largest playbook file the backend reads (MAX_PLAYBOOK_BYTES; the request takes as many characters). */
const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

/** A file name for the save dialog: the template's name in plain letters, as CACAO JSON. */
function suggestedName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase()
    .slice(0, 80);
  return `${slug || 'playbook'}.cacao.json`;
}

export const templatesActions: StateCreator<AppState, [], [], TemplatesActions> = (set, get) => {
  /**
   * The library read again. The Playbooks screen's start form lists the same templates: it gets the
   * new list too, so a template just imported or saved can be started without reopening the case.
   */
  async function reread() {
    const list = await call(api().playbook.templates());
    set({ templateLibrary: list, templatesLoaded: true, playbookTemplates: list });
  }
  const failed = (error: unknown) => set({ toast: { kind: 'error', text: messageOf(error) } });

  return {
    async templatesRequested() {
      try {
        await reread();
      } catch (error) {
        failed(error);
      }
    },
    async templateOpened(id) {
      try {
        set({ templateShown: await call(api().playbook.template({ id })), templateSaved: null });
      } catch (error) {
        failed(error);
      }
    },
    templateClosed: () => set({ templateShown: null, templateSaved: null }),
    async templateImported(file) {
      const { name } = file;
      // The backend's limit, said with the file's name as its refusals are, before a huge file is read in.
      if (file.size > MAX_IMPORT_BYTES) {
        set({
          templateImportError: `${name} is not a playbook Custos can use: it is larger than 4 MiB, the limit for a playbook`,
        });
        return;
      }
      try {
        const summary = await call(api().playbook.import({ name, text: await file.text() }));
        set({ templateImportError: null, toast: { kind: 'info', text: `Imported “${summary.name}”` } });
        await reread();
      } catch (error) {
        set({ templateImportError: messageOf(error) });
      }
    },
    templateImportErrorDismissed: () => set({ templateImportError: null }),
    async templateDuplicated(id, name) {
      const copy = await call(api().playbook.duplicate({ id, name }));
      await reread();
      set({ toast: { kind: 'info', text: `Copied as “${copy.name}”: edit it to adapt it` } });
      return copy;
    },
    async templateExportRequested({ id, name }) {
      try {
        const chosen = await call(api().dialog.chooseSavePath({ suggestedName: suggestedName(name) }));
        if (!chosen) return;
        const file = await call(api().playbook.export({ template: id, path: chosen.path }));
        set({
          templateExport: { ...file, id },
          toast: { kind: 'info', text: `Exported “${name}” to ${file.path} (SHA-256 ${file.sha256})` },
        });
      } catch (error) {
        failed(error);
      }
    },
    async templateEditStarted(id) {
      try {
        const shown = get().templateShown;
        const detail = shown?.template.id === id ? shown : await call(api().playbook.template({ id }));
        set({
          templateShown: detail,
          templateDraft: structuredClone(detail.template),
          templateDraftDirty: false,
          templateCheck: null,
          templateSaved: null,
        });
      } catch (error) {
        failed(error);
      }
    },
    templateDraftChanged: (draft) => set({ templateDraft: draft, templateDraftDirty: true }),
    async templateDraftChecked(draft, editorProblems) {
      // A draft the request's own schema would refuse gets that schema's problems, in the same
      // "$.path: what" form playbook:check uses, rather than one refusal of the whole request.
      const parsed = PlaybookTemplate.safeParse(draft);
      let found: string[];
      if (!parsed.success) found = parsed.error.issues.map((i) => `$.${i.path.join('.')}: ${i.message}`);
      else {
        try {
          found = await call(api().playbook.check({ template: draft }));
        } catch (error) {
          found = [messageOf(error)];
        }
      }
      // A later edit may have been made meanwhile: the answer says which draft it is about.
      set({ templateCheck: { draft, problems: [...editorProblems, ...found] } });
    },
    templateDraftDiscarded: () => set({ templateDraft: null, templateDraftDirty: false, templateCheck: null }),
    async templateDraftSaved() {
      const draft = get().templateDraft;
      if (!draft) throw new Error('There is no edit to save');
      const saved = await call(api().playbook.save({ template: draft }));
      const detail = await call(api().playbook.template({ id: saved.id }));
      set({
        templateShown: detail,
        templateDraft: null,
        templateDraftDirty: false,
        templateCheck: null,
        templateSaved: saved,
      });
      await reread();
    },
  };
};

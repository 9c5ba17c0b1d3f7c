import type { Api } from '../../shared/ipc/contract.ts';
import type { EvidenceProgressEvent, MenuCommand } from '../../shared/ipc/channels.ts';

// A module, not a .d.ts: skipLibCheck skips every declaration file, the project's own included, so
// a stale import in one would leave window.api quietly typed from nothing. This file is compiled
// with the renderer (tsconfig.web.json) and with the preload (tsconfig.node.json), which checks
// the object it exposes against CustosApi.

/** window.api: one function per IPC channel, the paths of dropped files, and main's events. */
export type CustosApi = Api & {
  /** Paths of files dropped on the window (empty when something other than files was dropped). */
  files: { dropped(files: File[]): Promise<string[]> };
  events: {
    onMenuCommand(callback: (command: MenuCommand) => void): () => void;
    onEvidenceProgress(callback: (progress: EvidenceProgressEvent) => void): () => void;
  };
};

declare global {
  interface Window {
    api: CustosApi;
  }
}

import type { Api } from '../../shared/ipc/contract.ts';
import type { EvidenceProgressEvent, MenuCommand } from '../../shared/ipc/channels.ts';

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

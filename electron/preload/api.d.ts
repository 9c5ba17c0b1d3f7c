import type { Api } from '../../shared/ipc/contract.ts';
import type { IngestProgressEvent, MenuCommand } from '../../shared/ipc/channels.ts';

export type CustosApi = Api & {
  files: { pathFor(file: File): string };
  events: {
    onMenuCommand(callback: (command: MenuCommand) => void): () => void;
    onEvidenceProgress(callback: (progress: IngestProgressEvent) => void): () => void;
  };
};

declare global {
  interface Window {
    api: CustosApi;
  }
}

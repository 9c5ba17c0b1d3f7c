import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildApi } from '../../shared/ipc/buildApi.ts';
import { MENU_EVENT_CHANNEL, PROGRESS_EVENT_CHANNEL } from '../../shared/ipc/channels.ts';
import type { EvidenceProgressEvent, MenuCommand } from '../../shared/ipc/channels.ts';

// The renderer gets one function per IPC channel and a menu-command subscription; never
// ipcRenderer itself.
contextBridge.exposeInMainWorld('api', {
  ...buildApi((channel, req) => ipcRenderer.invoke(channel, req)),
  // Dropped files carry no path in a sandboxed page; this is the one way to learn it.
  files: {
    pathFor: (file: File): string => webUtils.getPathForFile(file),
  },
  events: {
    onMenuCommand(callback: (command: MenuCommand) => void): () => void {
      const listener = (_event: unknown, command: MenuCommand) => callback(command);
      ipcRenderer.on(MENU_EVENT_CHANNEL, listener);
      return () => ipcRenderer.removeListener(MENU_EVENT_CHANNEL, listener);
    },
    onEvidenceProgress(callback: (progress: EvidenceProgressEvent) => void): () => void {
      const listener = (_event: unknown, progress: EvidenceProgressEvent) => callback(progress);
      ipcRenderer.on(PROGRESS_EVENT_CHANNEL, listener);
      return () => ipcRenderer.removeListener(PROGRESS_EVENT_CHANNEL, listener);
    },
  },
});

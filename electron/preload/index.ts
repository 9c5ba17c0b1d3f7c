import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildApi } from '../../shared/ipc/buildApi.ts';
import {
  DROPPED_FILES_CHANNEL,
  MAX_DROPPED_FILES,
  MENU_EVENT_CHANNEL,
  PROGRESS_EVENT_CHANNEL,
} from '../../shared/ipc/channels.ts';
import type { EvidenceProgressEvent, MenuCommand } from '../../shared/ipc/channels.ts';
import type { CustosApi } from './api.ts';

// The renderer gets one function per IPC channel and a menu-command subscription; never
// ipcRenderer itself. Checked against CustosApi, the type the renderer reads window.api as.
const api = {
  ...buildApi((channel, req) => ipcRenderer.invoke(channel, req)),
  // Dropped files carry no path in a sandboxed page. Their paths are read here, from the File
  // objects themselves, and handed to main as chosen by the examiner: the page can pass files it
  // was given by a drop, never a path of its own making.
  files: {
    async dropped(files: File[]): Promise<string[]> {
      const paths = Array.from(files)
        .slice(0, MAX_DROPPED_FILES)
        .map((file) => webUtils.getPathForFile(file));
      if (paths.some((p) => !p)) return [];
      return (await ipcRenderer.invoke(DROPPED_FILES_CHANNEL, paths)) as string[];
    },
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
} satisfies CustosApi;

contextBridge.exposeInMainWorld('api', api);

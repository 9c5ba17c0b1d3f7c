import { CHANNELS, apiPath } from './channels.ts';
import type { Channel, IpcResult } from './channels.ts';
import type { Api } from './contract.ts';

/**
 * window.api from an invoke function: one function per channel, api.<domain>.<verb>(req). The
 * preload passes ipcRenderer.invoke bound to each channel; nothing generic is exposed.
 */
export function buildApi(invoke: (channel: Channel, req: unknown) => Promise<IpcResult<unknown>>): Api {
  const api: Record<string, Record<string, (req?: unknown) => Promise<IpcResult<unknown>>>> = {};
  for (const channel of CHANNELS) {
    const [domain, verb] = apiPath(channel);
    (api[domain] ??= {})[verb] = (req?: unknown) => invoke(channel, req ?? {});
  }
  return api as unknown as Api;
}

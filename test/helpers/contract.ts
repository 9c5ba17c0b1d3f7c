import { isDeepStrictEqual } from 'node:util';
import { ipcContract } from '../../shared/ipc/contract.ts';
import type { Channel, IpcResult } from '../../shared/ipc/channels.ts';
import type { HandlerSet } from '../../electron/core/handlers/index.ts';
import { describeZodError } from '../../shared/logic/zodError.ts';

/**
 * Why an answer of the handler table breaks the contract, or null when it keeps it: a success
 * whose value the channel's `res` schema refuses, or would change (a field the schema does not
 * know is dropped by the parse: the renderer's types would not know it either).
 */
export function contractBreach(channel: string, result: IpcResult<unknown>): string | null {
  if (!result.ok || !Object.hasOwn(ipcContract, channel)) return null;
  const parsed = ipcContract[channel as Channel].res.safeParse(result.value);
  if (!parsed.success) return `${channel} answered what its response schema refuses: ${describeZodError(parsed.error)}`;
  if (!isDeepStrictEqual(parsed.data, result.value)) {
    return `${channel} answered fields its response schema does not describe (or that parsing changes): ${JSON.stringify(result.value).slice(0, 400)}`;
  }
  return null;
}

/**
 * The handler table with every answer held to the contract: a breach rejects the call, so the
 * test that made it fails where it happened. Tests use this instead of the bare set.
 */
export function checkedHandlers(set: HandlerSet, breaches?: string[]): HandlerSet {
  return {
    ...set,
    async invoke(channel, raw) {
      const result = await set.invoke(channel, raw);
      const breach = contractBreach(channel, result);
      if (breach) {
        breaches?.push(breach);
        throw new Error(breach);
      }
      return result;
    },
  };
}

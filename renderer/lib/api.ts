import type { IpcResult } from '../../shared/ipc/channels.ts';
import type { CustosApi } from '../../electron/preload/api.ts';

/** An error the core reported: `message` is written for the person at the keyboard. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export async function call<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the preload exposed (electron/preload/api.ts declares it for window too). */
export const api = (): CustosApi => window.api;

import { useState } from 'react';
import { messageOf } from './api.ts';

/**
 * A form's save, one at a time: `busy` while it runs (the submit button shows it and is off), and a
 * failure handed to `onError` as a message for the form, never left as an unhandled rejection.
 */
export function useSubmit(onError: (message: string) => void) {
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      onError(messageOf(error));
    } finally {
      setBusy(false);
    }
  }
  return { busy, run };
}

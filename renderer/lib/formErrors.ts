import type { z } from 'zod';
import { parseDateTimeText } from '../../shared/logic/dateTimeText.ts';
import { formatZoned, resolveTime } from '../../shared/logic/time.ts';
import { messageOf } from './api.ts';

/** zod issues keyed by the first path segment, for showing beside each field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_');
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * Why a date-time typed into a form cannot be read in its zone (no such zone, an offset the zone did
 * not have then), or undefined. The draft schemas check only the text's length; the main process reads
 * the time the same way, so doing it here first puts the message beside the field.
 */
export function zonedTimeError(local: string, zone: string): string | undefined {
  // The form first: "11/03/2026 08:15 AM" gets how to write it, not the parser's terse pattern.
  const typed = parseDateTimeText(local);
  if (!typed.ok) return typed.message;
  try {
    resolveTime(local, zone);
    return undefined;
  } catch (error) {
    return messageOf(error);
  }
}

/** "= 2026-12-03 08:00:00 UTC" under a local time and its zone as they are typed; empty until both read. */
export function utcPreview(local: string, zone: string): string {
  if (!local || !zone) return '';
  try {
    return `= ${formatZoned(resolveTime(local, zone).utc, 'UTC')}`;
  } catch {
    return '';
  }
}

import type { z } from 'zod';
import { cut, escapeControl } from './text.ts';

/**
 * A refusal from the request schemas, for a person: the first few problems, each naming the field.
 * Zod repeats some input (an unknown member's name), so every part is escaped and cut short.
 */
export function describeZodError(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? `${escapeControl(cut(issue.path.join('.'), 80))}: ` : '';
    return `${where}${escapeControl(cut(issue.message, 200))}`;
  });
  const more = error.issues.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

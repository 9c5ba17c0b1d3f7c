import { z } from 'zod';

/** Text a person typed: trimmed, with a length limit that names itself in the error. */
export function text(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} is too long (at most ${max} characters)` });
}

export function requiredText(label: string, max: number) {
  return text(label, max).min(1, { error: `${label} is required` });
}

/** An instant stored as ISO 8601 UTC with milliseconds, e.g. 2026-11-02T05:30:00.000Z. */
export const UtcInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, {
  error: 'expected a UTC instant like 2026-11-02T05:30:00.000Z',
});

export const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
  error: 'expected an id (UUID)',
});

/** Who did something: the examiner profile, carried by every audit entry. */
export const Actor = z.object({
  name: requiredText('Name', 120),
  role: requiredText('Role', 120),
  organisation: requiredText('Organisation', 160),
});
export type Actor = z.infer<typeof Actor>;

export const Head = z.object({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type Head = z.infer<typeof Head>;

export const ZERO_HASH = '0'.repeat(64);

/** "SEQ:HASH", the way a head is written down and given back on the command line. */
export function formatHead(head: Head): string {
  return `${head.seq}:${head.hash}`;
}

export function parseHead(value: string): Head | undefined {
  const match = /^\s*(\d+):([0-9a-fA-F]{64})\s*$/.exec(value);
  if (!match) return undefined;
  return { seq: Number(match[1]), hash: match[2]!.toLowerCase() };
}

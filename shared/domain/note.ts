import { z } from 'zod';
import { requiredText, UtcInstant, Uuid } from './common.ts';

export const Note = z.object({
  id: Uuid,
  body: z.string(),
  author: z.string(),
  /** Legal privilege: kept out of reports meant for outside parties. */
  privileged: z.boolean(),
  createdAt: UtcInstant,
  updatedAt: UtcInstant,
  removed: z.boolean(),
});
export type Note = z.infer<typeof Note>;

export const NoteDraft = z.object({
  body: requiredText('Note text', 50_000),
  privileged: z.boolean().default(false),
});
export type NoteDraft = z.input<typeof NoteDraft>;

export const NotePatch = z
  .object({ body: requiredText('Note text', 50_000), privileged: z.boolean() })
  .partial()
  .strict();
export type NotePatch = z.input<typeof NotePatch>;

import { z } from 'zod';
import { text, requiredText, UtcInstant, Uuid } from './common.ts';

export const EVENT_CATEGORIES = [
  'hiring',
  'identity',
  'access',
  'device',
  'communication',
  'payment',
  'exfiltration',
  'extortion',
  'detection',
  'response',
  'legal',
  'other',
] as const;
export const EventCategory = z.enum(EVENT_CATEGORIES, {
  error: `category must be one of: ${EVENT_CATEGORIES.join(', ')}`,
});
export type EventCategory = z.infer<typeof EventCategory>;

export const TimelineEvent = z.object({
  id: Uuid,
  occurredAt: UtcInstant,
  /** The zone or offset the time was entered in, e.g. Asia/Seoul or +09:00. */
  zone: z.string(),
  title: z.string(),
  description: z.string(),
  source: z.string(),
  category: EventCategory,
  createdAt: UtcInstant,
  updatedAt: UtcInstant,
  removed: z.boolean(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

const fields = {
  title: requiredText('Title', 300),
  description: text('Description', 20_000),
  source: text('Source', 300),
  category: EventCategory,
};

/** `at` is a wall time read in `zone`, or ISO with an offset (then `zone` is optional). */
export const TimelineDraft = z.object({
  at: requiredText('Time', 60),
  zone: text('Time zone', 64).optional(),
  title: fields.title,
  description: fields.description.default(''),
  source: fields.source.default(''),
  category: fields.category.default('other'),
});
export type TimelineDraft = z.input<typeof TimelineDraft>;

export const TimelinePatch = z
  .object({ at: requiredText('Time', 60), zone: text('Time zone', 64), ...fields })
  .partial()
  .strict();
export type TimelinePatch = z.input<typeof TimelinePatch>;

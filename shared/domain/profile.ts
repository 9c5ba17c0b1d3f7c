import { z } from 'zod';
import { Actor, text } from './common.ts';

/** The examiner using this installation: asked for on first start, stamped on every audit entry. */
export const Profile = Actor.extend({
  /** The zone times are shown in besides UTC; empty means the computer's own zone. */
  timeZone: text('Time zone', 64).default(''),
});
export type Profile = z.infer<typeof Profile>;
export type ProfileInput = z.input<typeof Profile>;

export const RecentCase = z.object({
  path: z.string(),
  title: z.string(),
  reference: z.string(),
  lastOpenedAt: z.string(),
  exists: z.boolean(),
});
export type RecentCase = z.infer<typeof RecentCase>;

/** Files larger than this are referenced in place instead of copied into the case (bytes). */
export const DEFAULT_STORE_LIMIT = 2 * 1024 ** 3;
export const StoreLimit = z
  .number({ error: 'the store limit must be a number of bytes' })
  .int({ error: 'the store limit must be a whole number of bytes' })
  .min(1, { error: 'the store limit must be at least 1 byte' })
  .max(2 ** 50, { error: 'the store limit must be at most 1 PiB' });

import { z } from 'zod';
import { Head } from './common.ts';

/**
 * The case at a glance (the Overview dashboard and the integrity state in the case header): what a
 * responder asks first. Computed on every read from the case (and the examiner's own verification
 * log, kept outside the case: reading never changes the case), never stored.
 * OWNER: the overview helper fills this in; the shape below is the agreed minimum.
 */
export const CaseOverview = z.object({
  head: Head,
});
export type CaseOverview = z.infer<typeof CaseOverview>;

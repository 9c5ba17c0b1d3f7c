import { z } from 'zod';

/**
 * Everything the timeline picture draws, in one compact answer (columns, not objects, so 100,000
 * events cross IPC cheaply). OWNER: the timeline-picture helper fills this in.
 */
export const TimelineChartReq = z.object({}).strict();
export const TimelineChart = z.object({
  events: z.number().int(),
});
export type TimelineChart = z.infer<typeof TimelineChart>;

// Schemas reused by several channel groups.

import { z } from 'zod';

export const Id = z.string().min(1).max(100);
export const WallTimeSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Write the date as YYYY-MM-DD.'),
  time: z.string().regex(/^\d{1,2}:\d{2}$/, 'Write the time as HH:mm.'),
  timeZone: z.string().min(1),
});

/** When a post should go: now, at a wall time in a zone, at an exact instant, or not yet (a draft). */
export const WhenSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('now') }),
  z.object({ kind: z.literal('draft'), timeZone: z.string().min(1).optional() }),
  z.object({ kind: z.literal('at'), wall: WallTimeSchema }),
  z.object({ kind: z.literal('instant'), at: z.number().int(), timeZone: z.string().min(1) }),
]);
export type When = z.infer<typeof WhenSchema>;

// Channels for "Add to queue": each account's weekly posting slots and the next one still free.

import { z } from 'zod';
import { WEEKDAYS } from '../time/recurrence';
import type { WeeklySlot } from '../time/slots';
import { Id } from './common';
import type { Problem } from './problems';

const SlotSchema = z.object({
  day: z.enum(WEEKDAYS),
  time: z.string().regex(/^\d{1,2}:\d{2}$/, 'Write the time as HH:mm, like 09:30.'),
});

export const queueRequests = {
  'queue.slots.get': z.object({ accountId: Id }),
  /** Replaces the account's slots; timeZone defaults to the one already stored, then the app's zone. */
  'queue.slots.set': z.object({
    accountId: Id,
    timeZone: z.string().min(1).max(100).optional(),
    slots: z.array(SlotSchema).max(7 * 48),
  }),
  /**
   * The next slot of any of these accounts that none of them has a post in: a preview, which reserves nothing.
   * To put a post in it, save with posts.create/update and when { kind: 'queue' }.
   */
  'queue.nextSlot': z.object({
    accountIds: z.array(Id).min(1, 'Pick at least one account to queue the post for.').max(50),
    after: z.number().int().optional(),
  }),
} as const;

export interface AccountSlots {
  readonly accountId: string;
  readonly timeZone: string;
  readonly slots: readonly WeeklySlot[];
  /** True while the account uses the built-in weekday slots (nothing saved for it yet). */
  readonly isDefault: boolean;
}

export interface NextSlot {
  /** UTC ms. */
  readonly at: number;
  readonly timeZone: string;
  /** The slot's wall time in that zone. */
  readonly date: string;
  readonly time: string;
  /** Set when DST moved the slot (a time that does not exist or happens twice that day). */
  readonly note: string | null;
  /** The same note as a catalog problem, for pages to word. */
  readonly noteProblem: Problem | null;
}

export interface QueueResponses {
  'queue.slots.get': AccountSlots;
  'queue.slots.set': AccountSlots;
  'queue.nextSlot': NextSlot;
}

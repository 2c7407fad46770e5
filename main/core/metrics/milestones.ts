// When each planned snapshot of a published post is due, and which one to take now.

export const MILESTONES = [
  { id: '1h', afterMs: 3_600_000 },
  { id: '24h', afterMs: 86_400_000 },
  { id: '7d', afterMs: 7 * 86_400_000 },
  { id: '30d', afterMs: 30 * 86_400_000 },
] as const;

export type PlannedMilestone = (typeof MILESTONES)[number]['id'];
export type Milestone = PlannedMilestone | 'manual';

/** Posts older than this are no longer followed: their last planned snapshot is long past. */
export const FOLLOW_FOR_MS = 45 * 86_400_000;

/**
 * The milestone to take now for a post published at `publishedAt`, given the ones already taken: the latest
 * one that is due and not yet taken. Earlier ones that were missed (the app was closed) stay missing rather
 * than being recorded late under a label that would misstate when they were read.
 */
export function dueMilestone(publishedAt: number, taken: ReadonlySet<string>, now: number): PlannedMilestone | null {
  let due: PlannedMilestone | null = null;
  for (const m of MILESTONES) {
    if (publishedAt + m.afterMs > now) break;
    due = m.id;
  }
  if (due === null || taken.has(due)) return null;
  // A later milestone already taken (by another instance, or a clock that went back) means nothing is due.
  const index = MILESTONES.findIndex((m) => m.id === due);
  if (MILESTONES.slice(index + 1).some((m) => taken.has(m.id))) return null;
  return due;
}

/** The next moment a planned snapshot of this post falls due, or null when all are taken or past. */
export function nextMilestoneAt(publishedAt: number, taken: ReadonlySet<string>, now: number): number | null {
  for (const m of MILESTONES) {
    const at = publishedAt + m.afterMs;
    if (at > now && !taken.has(m.id)) return at;
  }
  return null;
}

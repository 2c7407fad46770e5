// Moving posts: which ones may move, the instant each key takes a selected one to, and how a drop spot reads.

import type { PostSummary } from '../../../../shared/domain';
import { type WallTime, wallTimeOf } from '../../../../shared/time/wallTime';
import { isLocked } from '../../composer/composerModel';
import { formatDayShort, formatMinutes } from '../../format/dates';
import { addDays, type CalendarLayout, instantOfWall, minutesOfTime, timeOfMinutes } from './calendarModel';
import type { DropSpot } from './dragToMove';

export interface KeyboardMove {
  readonly post: PostSummary;
  /** Where the post would go if dropped now. */
  readonly at: number;
}

/** Published posts, posts being sent, cancelled ones, and posts whose fate is unknown stay where they are. */
export function canMove(post: PostSummary): boolean {
  return !isLocked(post) && post.status !== 'unconfirmed' && post.status !== 'cancelled';
}

/** A drop spot in words for the ghost: "Tue, Mar 10, 9:05 AM" (a month cell keeps the post's own time). */
export function describeSpot(spot: DropSpot, post: PostSummary, zone: string): string {
  const time = spot.minutes === null ? (wallOf(post, zone)?.time ?? '09:00') : timeOfMinutes(spot.minutes);
  return `${formatDayShort(spot.date)}, ${formatMinutes(minutesOfTime(time))}`;
}

export function wallOf(post: PostSummary, zone: string): WallTime | null {
  return post.scheduledAt === null ? null : wallTimeOf(post.scheduledAt, zone);
}

/**
 * The instant a key moves a post to, or null when the key does not move posts. Left and right change
 * the day; in the month up and down change the week; in the time grid they change the time by 15
 * minutes (5 with Shift), Page Up and Page Down by an hour.
 */
export function keyboardMoveStep(layout: CalendarLayout, key: string, shift: boolean, at: number | null, zone: string): number | null {
  if (at === null) return null;
  const wall = wallTimeOf(at, zone);
  const dayDelta: Record<string, number> =
    layout === 'month' || layout === 'list'
      ? { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }
      : { ArrowLeft: -1, ArrowRight: 1 };
  const days = dayDelta[key];
  if (days !== undefined) return instantOfWall(addDays(wall.date, days), wall.time, zone)?.instant ?? null;
  if (layout !== 'week' && layout !== 'day') return null;
  const step = shift ? 5 : 15;
  const minuteDelta: Record<string, number> = { ArrowUp: -step, ArrowDown: step, PageUp: -60, PageDown: 60 };
  const delta = minuteDelta[key];
  if (delta === undefined) return null;
  // Arrow steps land on the step's grid (10:07 moves to 10:15, not 10:22), as a drag snaps.
  const base = minutesOfTime(wall.time);
  const minutes =
    Math.abs(delta) === 60 ? base + delta : delta > 0 ? Math.floor(base / step) * step + step : Math.ceil(base / step) * step - step;
  const dayShift = Math.floor(minutes / 1440);
  const time = timeOfMinutes(((minutes % 1440) + 1440) % 1440);
  return instantOfWall(addDays(wall.date, dayShift), time, zone)?.instant ?? null;
}

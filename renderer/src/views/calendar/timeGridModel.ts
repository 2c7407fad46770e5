// Pure layout of a time grid's day column: where each post sits (its wall minutes) and side-by-side columns for overlaps.

import type { PostSummary } from '../../../../shared/domain';
import { wallTimeOf } from '../../../../shared/time/wallTime';
import { minutesOfTime, startOfDayIn } from './calendarModel';

/** Pixels per hour of the time grid; 5 minutes are 4 pixels, enough to aim a drag at. */
export const HOUR_PX = 48;
export const MINUTE_PX = HOUR_PX / 60;
/** How many minutes of height a post takes on the grid: it is a moment, drawn tall enough to read. */
export const POST_SPAN_MINUTES = 40;
/** Posts are dragged in 5-minute steps and empty slots are clicked in 15-minute ones. */
export const DRAG_STEP_MINUTES = 5;
export const CLICK_STEP_MINUTES = 15;

export interface PlacedPost {
  readonly post: PostSummary;
  /** Wall-clock minutes after midnight in the calendar's zone. */
  readonly minutes: number;
  readonly column: number;
  readonly columns: number;
  /** Its run of overlaps needs more than the columns there are: the last column is a narrow "+N" of the rest. */
  readonly crowded: boolean;
}

export interface ColumnLayout {
  readonly placed: readonly PlacedPost[];
  /** Posts that did not fit beside the others, by the minute of the cluster they belong to. */
  readonly hidden: readonly { readonly minutes: number; readonly column: number; readonly posts: readonly PostSummary[] }[];
}

/**
 * The wall minutes of each post on `date`. Within a day without a clock change the minutes follow from
 * the day's start; only a DST day asks the zone about each post.
 */
export function wallMinutesOf(posts: readonly PostSummary[], date: string, timeZone: string): number[] {
  if (posts.length === 0) return [];
  const start = startOfDayIn(date, timeZone);
  const startMinutes = minutesOfTime(wallTimeOf(start, timeZone).time);
  const last = posts.reduce((max, p) => Math.max(max, p.scheduledAt ?? start), start);
  const steady = wallTimeOf(last, timeZone).time === wallTimeOfMinutes(startMinutes + Math.floor((last - start) / 60_000));
  return posts.map((p) => {
    const at = p.scheduledAt ?? start;
    if (steady) return startMinutes + Math.floor((at - start) / 60_000);
    return minutesOfTime(wallTimeOf(at, timeZone).time);
  });
}

function wallTimeOfMinutes(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Hidden posts that start within this many minutes of a group's first share one "+N" (its button is 22 px, 27.5 minutes, tall). */
export const MORE_GROUP_MINUTES = 30;

/**
 * Lays out one day's posts: each takes POST_SPAN_MINUTES of height; posts that overlap share the width
 * in columns, at most `maxColumns` wide. When a run of overlapping posts needs more, the last column holds
 * "+N" counts of the rest instead, one for each group of hidden posts that start within
 * MORE_GROUP_MINUTES of each other (a long chain of overlaps gets a count near each of its hidden posts,
 * not one at its start). A post in `keep` (the selected one, the one being moved) is never hidden: it takes
 * the last column of posts at its own minute, drawn above the one there.
 */
export function layoutColumn(
  posts: readonly PostSummary[],
  minutes: readonly number[],
  maxColumns: number,
  keep: ReadonlySet<string> = NONE,
): ColumnLayout {
  const items = posts.map((post, i) => ({ post, minutes: minutes[i] ?? 0 })).sort((a, b) => a.minutes - b.minutes);
  const placed: PlacedPost[] = [];
  const hidden: { minutes: number; column: number; posts: PostSummary[] }[] = [];
  let cluster: { post: PostSummary; minutes: number; column: number }[] = [];
  let columnEnds: number[] = [];
  let clusterEnd = -1;

  const flush = () => {
    const columns = Math.min(columnEnds.length, maxColumns);
    const crowded = columnEnds.length > maxColumns;
    const shown = maxColumns - (crowded ? 1 : 0);
    let group: { minutes: number; column: number; posts: PostSummary[] } | null = null;
    for (const item of cluster) {
      if (item.column < shown) {
        placed.push({ post: item.post, minutes: item.minutes, column: item.column, columns, crowded });
      } else if (keep.has(item.post.id)) {
        placed.push({ post: item.post, minutes: item.minutes, column: shown - 1, columns, crowded });
      } else {
        if (!group || item.minutes >= group.minutes + MORE_GROUP_MINUTES) {
          group = { minutes: item.minutes, column: maxColumns - 1, posts: [] };
          hidden.push(group);
        }
        group.posts.push(item.post);
      }
    }
    cluster = [];
    columnEnds = [];
  };

  for (const item of items) {
    if (item.minutes >= clusterEnd && cluster.length > 0) flush();
    let column = columnEnds.findIndex((end) => end <= item.minutes);
    if (column === -1) {
      column = columnEnds.length;
      columnEnds.push(0);
    }
    columnEnds[column] = item.minutes + POST_SPAN_MINUTES;
    clusterEnd = Math.max(cluster.length === 0 ? 0 : clusterEnd, item.minutes + POST_SPAN_MINUTES);
    cluster.push({ ...item, column });
  }
  if (cluster.length > 0) flush();
  return { placed, hidden };
}

const NONE: ReadonlySet<string> = new Set();

/** Minutes after midnight for a pointer `offsetY` pixels below the top of a day column, snapped to `step`. */
export function minutesAtOffset(offsetY: number, step: number): number {
  const raw = offsetY / MINUTE_PX;
  return Math.max(0, Math.min(24 * 60 - step, Math.floor(raw / step) * step));
}

/** Beyond what is in view, posts this far above and below are drawn too, so a scroll rarely reaches an undrawn hour. */
export const DRAW_MARGIN_MINUTES = 60;

/** The minutes of the day whose posts are drawn. */
export interface DrawnMinutes {
  readonly from: number;
  readonly to: number;
}

/**
 * What a time grid scrolled `scrollTopPx` down, showing `viewportPx` of hours, draws: the minutes in view
 * and a margin, widened to whole hours so scrolling re-renders only when another hour comes within reach.
 * A grid nobody has reached for yet (a new week or day, the pointer elsewhere) draws no margin: `marginMinutes` 0.
 */
export function drawnMinutes(scrollTopPx: number, viewportPx: number, marginMinutes = DRAW_MARGIN_MINUTES): DrawnMinutes {
  const top = scrollTopPx / MINUTE_PX;
  const bottom = (scrollTopPx + viewportPx) / MINUTE_PX;
  return {
    from: Math.max(0, Math.floor((top - marginMinutes) / 60) * 60),
    to: Math.ceil((bottom + marginMinutes) / 60) * 60,
  };
}

/** Whether a post at `minutes` (it takes POST_SPAN_MINUTES of height) reaches into the drawn minutes. */
export function isDrawn(minutes: number, drawn: DrawnMinutes): boolean {
  return minutes + POST_SPAN_MINUTES > drawn.from && minutes < drawn.to;
}

/** About how many characters of a post's text fit on one line of a chip `widthPx` wide (11.5 px text). */
export function charsThatFit(widthPx: number): number {
  return Math.max(12, Math.min(80, Math.ceil(widthPx / 5) + 4));
}

/**
 * How many network marks (12 px and a 2 px gap each) fit on a chip's first line `widthPx` wide after its time
 * (11.5 px bold, about 6.5 px a character, and a space) and the 5 px padding each side: the ones that would be
 * cut off at the chip's edge are not drawn at all (the chip's name still says every account).
 */
export function marksThatFit(widthPx: number, time: string): number {
  return Math.max(0, Math.floor((widthPx - 10 - (time.length + 1) * 6.5) / 14));
}

/** The width of a chip in column `columns` of a day column `columnWidthPx` wide (less the "+N" when crowded, and a 2 px gap each side). */
export function chipWidth(columnWidthPx: number, columns: number, crowded: boolean, morePx: number): number {
  return (crowded ? (columnWidthPx - morePx) / Math.max(1, columns - 1) : columnWidthPx / columns) - 4;
}

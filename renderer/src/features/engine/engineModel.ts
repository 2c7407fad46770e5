// Pure rules of the engine's UI: what counts as needing attention, review items grouped by post, and pause/reschedule input checks.

import type { DecisionKind, EngineStatus, ReviewItem } from '../../../../shared/contract/engine';
import type { TargetStatus } from '../../../../shared/domain';
import { resolveWallTime, type WallTime, wallTimeOf } from '../../../../shared/time/wallTime';

/** The order the Attention list shows its groups in: what may have gone wrong on a network first. */
export const ATTENTION_STATUSES = ['failed', 'unconfirmed', 'missed', 'held'] as const satisfies readonly TargetStatus[];
export type AttentionStatus = (typeof ATTENTION_STATUSES)[number];

/** Hold kinds that mean "it came due during a pause" (all publishing, or one account). */
const PAUSE_HOLDS: ReadonlySet<string> = new Set(['pause', 'account_pause']);

/** How many posts' targets wait for a person: the sidebar's badge. */
export function attentionCount(status: EngineStatus | null): number {
  if (!status) return 0;
  const a = status.attention;
  // A login about to run out counts too: it is the one thing that needs the user before anything fails.
  return a.failed + a.unconfirmed + a.missed + a.held + (a.expiringLogins?.length ?? 0);
}

export function cameDueDuringPause(item: ReviewItem): boolean {
  return item.status === 'held' && item.holdKind !== null && PAUSE_HOLDS.has(item.holdKind);
}

/** One post's targets that need the same kind of decision, shown as one row. */
export interface ReviewGroup {
  readonly postId: string;
  readonly excerpt: string;
  readonly status: TargetStatus;
  readonly dueAt: number | null;
  readonly items: readonly ReviewItem[];
  /** Decisions every target of the row allows, so one click never half-applies. */
  readonly actions: readonly DecisionKind[];
  /** Distinct reasons, in the order they were first seen. */
  readonly reasons: readonly string[];
  readonly holdKinds: readonly string[];
}

/** Groups items by post and status, keeping the backend's order (oldest due first). */
export function groupByPost(items: readonly ReviewItem[]): ReviewGroup[] {
  const groups = new Map<string, ReviewItem[]>();
  for (const item of items) {
    const key = `${item.postId}\u0000${item.status}`;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()].map((list) => {
    const first = list[0] as ReviewItem;
    const actions = first.actions.filter((a) => list.every((i) => i.actions.includes(a)));
    const dues = list.map((i) => i.dueAt).filter((d): d is number => d !== null);
    return {
      postId: first.postId,
      excerpt: first.excerpt,
      status: first.status,
      dueAt: dues.length ? Math.min(...dues) : null,
      items: list,
      actions,
      reasons: unique(list.map((i) => i.reason)),
      holdKinds: unique(list.map((i) => i.holdKind)),
    };
  });
}

/** The Attention list: rows by status, in ATTENTION_STATUSES order; statuses with nothing are left out. */
export function groupByStatus(items: readonly ReviewItem[]): { readonly status: AttentionStatus; readonly groups: ReviewGroup[] }[] {
  return ATTENTION_STATUSES.map((status) => ({ status, groups: groupByPost(items.filter((i) => i.status === status)) })).filter(
    (g) => g.groups.length > 0,
  );
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v.trim() !== ''))];
}

// ---- input checks ----------------------------------------------------------------------------

export interface PauseForm {
  readonly reason: string;
  readonly autoResume: boolean;
  readonly date: string;
  readonly time: string;
  readonly timeZone: string;
}

export type PauseCheck =
  | { readonly ok: true; readonly reason: string; readonly resumeAt: WallTime | undefined }
  | { readonly ok: false; readonly field: 'reason' | 'resume'; readonly problem: 'reasonMissing' | 'resumeMissing' | 'resumePast' };

/** What to send to engine.pause, or which field is wrong. The wall time goes as typed; the backend resolves DST and says so. */
export function checkPause(form: PauseForm, now: number): PauseCheck {
  const reason = form.reason.trim();
  if (reason === '') return { ok: false, field: 'reason', problem: 'reasonMissing' };
  if (!form.autoResume) return { ok: true, reason, resumeAt: undefined };
  const wall = checkWall(form.date, form.time, form.timeZone, now);
  if (wall.ok) return { ok: true, reason, resumeAt: wall.wall };
  return { ok: false, field: 'resume', problem: wall.problem === 'past' ? 'resumePast' : 'resumeMissing' };
}

export type WallCheck = { readonly ok: true; readonly wall: WallTime } | { readonly ok: false; readonly problem: 'missing' | 'past' };

/** A date and time in a zone that exists and is still ahead of `now`. */
export function checkWall(date: string, time: string, timeZone: string, now: number): WallCheck {
  if (!date || !time) return { ok: false, problem: 'missing' };
  const wall = { date, time, timeZone };
  const resolved = resolveWallTime(wall);
  if (resolved.kind === 'invalid') return { ok: false, problem: 'missing' };
  if (resolved.instant <= now) return { ok: false, problem: 'past' };
  return { ok: true, wall };
}

/** A sensible first suggestion for a time ahead: the next quarter hour at least `minutesAhead` from now, in the zone. */
export function suggestedWall(now: number, timeZone: string, minutesAhead: number): { readonly date: string; readonly time: string } {
  const quarter = 15 * 60_000;
  const at = Math.ceil((now + minutesAhead * 60_000) / quarter) * quarter;
  const wall = wallTimeOf(at, timeZone);
  return { date: wall.date, time: wall.time };
}

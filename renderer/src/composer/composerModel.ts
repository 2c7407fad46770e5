// The composer's form state and the pure rules around it: defaults, payloads, and where an error belongs.

import type { ErrorInfo, When } from '../../../shared/contract';
import type { PostView } from '../../../shared/domain';
import { wallTimeOf } from '../../../shared/time/wallTime';
import { suggestedTime, todayIn } from '../views/calendar/calendarModel';

export interface ComposerForm {
  readonly text: string;
  readonly accountIds: readonly string[];
  /** YYYY-MM-DD, empty when not chosen. */
  readonly date: string;
  /** HH:mm, empty when not chosen. */
  readonly time: string;
  readonly timeZone: string;
}

export type SaveAction = 'schedule' | 'now' | 'draft';

/** The parts of the form an error can point at; `form` is the catch-all shown above the fields. */
export type FieldName = 'text' | 'accountIds' | 'when' | 'timeZone' | 'form';
export type FieldErrors = Partial<Record<FieldName, string>>;

export function newPostForm(opts: {
  readonly date?: string;
  readonly timeZone: string;
  readonly now: number;
  readonly accountIds: readonly string[];
}): ComposerForm {
  const today = todayIn(opts.timeZone, opts.now);
  const date = opts.date && opts.date >= today ? opts.date : today;
  return { text: '', accountIds: opts.accountIds, date, time: suggestedTime(date, opts.timeZone, opts.now), timeZone: opts.timeZone };
}

export function formFromPost(post: PostView, fallbackZone: string, now: number): ComposerForm {
  const timeZone = post.timeZone || fallbackZone;
  const accountIds = post.targets.map((t) => t.accountId);
  if (post.scheduledAt === null) {
    const date = todayIn(timeZone, now);
    return { text: post.text, accountIds, date, time: suggestedTime(date, timeZone, now), timeZone };
  }
  const wall = wallTimeOf(post.scheduledAt, timeZone);
  return { text: post.text, accountIds, date: wall.date, time: wall.time, timeZone };
}

export function whenFor(action: SaveAction, form: ComposerForm): When {
  if (action === 'now') return { kind: 'now' };
  if (action === 'draft') return { kind: 'draft', timeZone: form.timeZone.trim() };
  return { kind: 'at', wall: { date: form.date, time: form.time, timeZone: form.timeZone.trim() } };
}

/** Checks only what the backend's answer would make harder to read; everything else it validates itself. */
export function checkBeforeSaving(action: SaveAction, form: ComposerForm, needDate: string): FieldErrors {
  if (action === 'schedule' && (!form.date || !form.time)) return { when: needDate };
  return {};
}

/** Which form field a backend error names (its `field` may be a path such as "when.wall.date"). */
export function fieldOf(field: string | undefined): FieldName {
  if (!field) return 'form';
  const head = field.split('.')[0];
  if (field.endsWith('timeZone')) return 'timeZone';
  if (head === 'text' || head === 'overrides') return 'text';
  if (head === 'accountIds') return 'accountIds';
  if (head === 'when') return 'when';
  return 'form';
}

/** The backend prefixes schema errors with the field path; next to the field itself that is noise. */
export function messageFor(error: ErrorInfo): string {
  return error.field && error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
}

export function errorsFrom(error: ErrorInfo): FieldErrors {
  return { [fieldOf(error.field)]: messageFor(error) };
}

/** A post can be edited until any part of it has gone out (editing then could post twice). */
export function isLocked(post: PostView): boolean {
  return post.targets.some((t) => t.status === 'published' || t.status === 'publishing');
}

export function canCancel(post: PostView): boolean {
  return !isLocked(post) && post.scheduledAt !== null && post.status !== 'cancelled';
}

export function canDelete(post: PostView): boolean {
  return !post.targets.some((t) => t.status === 'publishing' || t.status === 'published');
}

export function excerpt(text: string, max = 80): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max
    ? chars.join('')
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

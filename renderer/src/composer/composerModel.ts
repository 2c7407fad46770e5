// The composer's form state and the pure rules around it: defaults, payloads, threads, and where an error belongs.

import { type ErrorInfo, isProblemCode, type PostWhen, type RequestOf, wordsFor } from '../../../shared/contract';
import type { PostOptions, PostSummary, PostView, Visibility } from '../../../shared/domain';
import { type LengthRule, measureText } from '../../../shared/platforms/rules';
import { wallTimeOf } from '../../../shared/time/wallTime';
import { currentStrings } from '../i18n';
import { suggestedTime, todayIn } from '../views/calendar/calendarModel';

export interface MediaItem {
  readonly id: string;
  readonly fileName: string;
  readonly mime: string;
  readonly alt: string;
  /** Which part of the thread it goes with (0 = the first). */
  readonly partIndex: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly focus: { readonly x: number; readonly y: number } | null;
}

export interface ComposerForm {
  readonly text: string;
  /** The following parts of a thread, after `text`. */
  readonly parts: readonly string[];
  readonly accountIds: readonly string[];
  /** Account id → that account's own version of the first part. */
  readonly overrides: Readonly<Record<string, string>>;
  readonly media: readonly MediaItem[];
  readonly labels: readonly string[];
  readonly contentWarning: string;
  readonly language: string;
  readonly visibility: Visibility | '';
  readonly noLinkCard: boolean;
  /** Options the composer does not edit (a poll, hand-off), kept as they were. */
  readonly otherOptions: PostOptions;
  /** YYYY-MM-DD, empty when not chosen. */
  readonly date: string;
  /** HH:mm, empty when not chosen. */
  readonly time: string;
  readonly timeZone: string;
}

export type SaveAction = 'schedule' | 'now' | 'draft' | 'queue';

/** The parts of the form an error can point at; `form` is the catch-all shown above the fields. */
export type FieldName = 'text' | 'parts' | 'accountIds' | 'when' | 'timeZone' | 'media' | 'options' | 'labels' | 'form';
export type FieldErrors = Partial<Record<FieldName, string>>;

const EMPTY_FORM_REST = {
  parts: [],
  overrides: {},
  media: [],
  labels: [],
  contentWarning: '',
  language: '',
  visibility: '',
  noLinkCard: false,
  otherOptions: {},
} as const satisfies Partial<ComposerForm>;

export function newPostForm(opts: {
  readonly date?: string;
  readonly time?: string;
  readonly timeZone: string;
  readonly now: number;
  readonly accountIds: readonly string[];
}): ComposerForm {
  const today = todayIn(opts.timeZone, opts.now);
  const date = opts.date && opts.date >= today ? opts.date : today;
  const time = opts.time && opts.date === date ? opts.time : suggestedTime(date, opts.timeZone, opts.now);
  return { ...EMPTY_FORM_REST, text: '', accountIds: opts.accountIds, date, time, timeZone: opts.timeZone };
}

export function formFromPost(post: PostView, fallbackZone: string, now: number): ComposerForm {
  const timeZone = post.timeZone || fallbackZone;
  const overrides: Record<string, string> = {};
  for (const t of post.targets) if (t.textOverride !== null) overrides[t.accountId] = t.textOverride;
  const { contentWarning, language, visibility, noLinkCard, ...otherOptions } = post.options;
  const base = {
    text: post.text,
    parts: post.parts,
    accountIds: post.targets.map((t) => t.accountId),
    overrides,
    media: post.media.map((m) => ({
      id: m.id,
      fileName: m.fileName,
      mime: m.mime,
      alt: m.alt,
      partIndex: m.partIndex,
      width: m.width,
      height: m.height,
      focus: m.focus,
    })),
    labels: post.labels,
    contentWarning: contentWarning ?? '',
    language: language ?? '',
    visibility: visibility ?? '',
    noLinkCard: noLinkCard ?? false,
    otherOptions,
    timeZone,
  } satisfies Partial<ComposerForm>;
  if (post.scheduledAt === null || post.scheduledAt < now) {
    const date = todayIn(timeZone, now);
    return { ...base, date, time: suggestedTime(date, timeZone, now) };
  }
  const wall = wallTimeOf(post.scheduledAt, timeZone);
  return { ...base, date: wall.date, time: wall.time };
}

type OptionsInput = NonNullable<RequestOf<'posts.create'>['options']>;

export function optionsOf(form: ComposerForm): OptionsInput {
  const cw = form.contentWarning.trim();
  const lang = form.language.trim();
  const { poll, ...kept } = form.otherOptions;
  return {
    ...kept,
    ...(poll ? { poll: { ...poll, options: [...poll.options] } } : {}),
    ...(cw ? { contentWarning: cw } : {}),
    ...(lang ? { language: lang } : {}),
    ...(form.visibility ? { visibility: form.visibility } : {}),
    ...(form.noLinkCard ? { noLinkCard: true } : {}),
  };
}

/** What the backend stores about a post's content, from the form; overrides only for accounts still chosen. */
export function contentOf(form: ComposerForm) {
  const overrides: Record<string, string> = {};
  for (const id of form.accountIds) {
    const o = form.overrides[id];
    if (o !== undefined) overrides[id] = o;
  }
  return {
    text: form.text,
    accountIds: [...form.accountIds],
    overrides,
    labels: [...form.labels],
    options: optionsOf(form),
    parts: [...form.parts],
    media: form.media.map((m) => ({ id: m.id, alt: m.alt, partIndex: m.partIndex, focus: m.focus })),
  };
}

/** Nothing worth keeping has been written yet. */
export function isBlank(form: ComposerForm): boolean {
  return form.text.trim() === '' && form.parts.every((p) => p.trim() === '') && form.media.length === 0;
}

export function whenFor(action: SaveAction, form: ComposerForm): PostWhen {
  if (action === 'now') return { kind: 'now' };
  // The backend picks the slot in the same write that takes it, so two windows never get the same one.
  if (action === 'queue') return { kind: 'queue' };
  if (action === 'draft') return { kind: 'draft', timeZone: form.timeZone.trim() };
  return { kind: 'at', wall: { date: form.date, time: form.time, timeZone: form.timeZone.trim() } };
}

export type SaveRequest =
  | { readonly channel: 'posts.create'; readonly payload: RequestOf<'posts.create'> }
  | { readonly channel: 'posts.update'; readonly payload: RequestOf<'posts.update'> };

/**
 * The one call a save button makes: everything in the form and the time the button asks for, on the post
 * already stored (the one opened, or the draft autosave created) or as a new post.
 */
export function saveRequest(action: SaveAction, form: ComposerForm, storedId: string | null, clientRequestId?: string): SaveRequest {
  const payload = { ...contentOf(form), when: whenFor(action, form) };
  // The composer's own request id: a new post sent again (offline, or after a lost answer) stays one post.
  return storedId === null
    ? { channel: 'posts.create', payload: clientRequestId ? { ...payload, clientRequestId } : payload }
    : { channel: 'posts.update', payload: { id: storedId, ...payload } };
}

/** Checks only what the backend's answer would make harder to read; everything else it validates itself. */
export function checkBeforeSaving(
  action: SaveAction,
  form: ComposerForm,
  messages: { needDate: string; needAccounts: string },
): FieldErrors {
  if (action === 'schedule' && (!form.date || !form.time)) return { when: messages.needDate };
  if (action === 'queue' && form.accountIds.length === 0) return { accountIds: messages.needAccounts };
  return {};
}

/** Which form field a backend error names (its `field` may be a path such as "when.wall.date"). */
export function fieldOf(field: string | undefined): FieldName {
  if (!field) return 'form';
  const head = field.split('.')[0];
  if (field.endsWith('timeZone')) return 'timeZone';
  if (head === 'text' || head === 'overrides') return 'text';
  if (head === 'parts') return 'parts';
  if (head === 'accountIds') return 'accountIds';
  if (head === 'when') return 'when';
  if (head === 'media') return 'media';
  if (head === 'options') return 'options';
  if (head === 'labels') return 'labels';
  return 'form';
}

/**
 * An error in the window's language, worded from its problem code and params, never from the backend's English.
 * Only a code this window does not know (a newer backend) falls back to the envelope's English `message`.
 * Schema errors start with the field path; next to the field itself that is noise.
 */
export function messageFor(error: ErrorInfo): string {
  const known = error.problem !== undefined && isProblemCode(error.problem.code);
  const words = known ? wordsFor(error.problem, currentStrings().problems) : error.message;
  return error.field && words.startsWith(`${error.field}: `) ? words.slice(error.field.length + 2) : words;
}

/**
 * A change the desktop kept on this computer while its workspace cannot be reached: not a failure, it is sent
 * when the workspace is back (and a note says so if it then cannot be made).
 */
export function keptOffline(error: ErrorInfo): boolean {
  return error.problem?.code === 'workspace_change_kept';
}

export function errorsFrom(error: ErrorInfo): FieldErrors {
  return { [fieldOf(error.field)]: messageFor(error) };
}

/** A post can be edited until any part of it has gone out (editing then could post twice). */
/** Takes a whole post or a summary: only the targets' statuses decide. */
export function isLocked(post: Pick<PostView, 'targets'> | PostSummary): boolean {
  return post.targets.some((t) => t.status === 'published' || t.status === 'publishing');
}

export function canCancel(post: PostView): boolean {
  return !isLocked(post) && post.scheduledAt !== null && post.status !== 'cancelled';
}

export function canDelete(post: Pick<PostView, 'targets'> | PostSummary): boolean {
  return !post.targets.some((t) => t.status === 'publishing' || t.status === 'published');
}

export function excerpt(text: string, max = 80): string {
  // Calendars cut hundreds of these at once: collapse spaces only when there are any to collapse, and split
  // into characters (not UTF-16 units, so emoji stay whole) only the start that can be shown.
  const flat = /\s\s|[\n\r\t]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
  if (flat.length <= max) return flat;
  const chars = Array.from(flat.length > max * 2 ? flat.slice(0, max * 2) : flat);
  if (chars.length <= max && flat.length <= max * 2) return flat;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/**
 * Splits a long text into thread parts that each fit every rule: between words, preferring the end of
 * a sentence or paragraph in the second half of a part, and inside a word only when one word is too long.
 */
export function splitIntoParts(text: string, rules: readonly LengthRule[]): string[] {
  const fits = (s: string) => rules.every((r) => measureText(s, r).fits);
  const tokens = text.trim().match(/\S+\s*/gu) ?? [];
  const parts: string[] = [];
  let current: string[] = [];
  const joined = (list: readonly string[]) => list.join('').trimEnd();

  for (const token of tokens) {
    if (fits(joined([...current, token]))) {
      current.push(token);
      continue;
    }
    if (current.length > 0) {
      let cut = current.length;
      for (let i = current.length - 1; i >= Math.ceil(current.length / 2); i--) {
        if (/[.!?…]["'’”)\]]?\s*$/u.test(current[i] as string) || /\n/.test(current[i] as string)) {
          cut = i + 1;
          break;
        }
      }
      parts.push(joined(current.slice(0, cut)));
      current = current.slice(cut);
    }
    let word = token;
    // One word longer than a part: cut it where the rules allow.
    while (!fits(joined([...current, word]))) {
      if (current.length > 0) {
        parts.push(joined(current));
        current = [];
        continue;
      }
      const chars = Array.from(word.trimEnd());
      let lo = 1;
      let hi = chars.length;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (fits(chars.slice(0, mid).join(''))) lo = mid;
        else hi = mid - 1;
      }
      parts.push(chars.slice(0, lo).join(''));
      word = `${chars.slice(lo).join('')}${word.slice(word.trimEnd().length)}`;
    }
    current.push(word);
  }
  if (current.length > 0) parts.push(joined(current));
  return parts.length > 0 ? parts : [''];
}

// Rescheduling from the calendar: the post moves on screen at once, the backend confirms, and Undo moves it back.

import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { type PostSummary, type PostView, summaryOf } from '../../../shared/domain';
import { invoke } from '../api/client';
import { isLocked, keptOffline, messageFor } from '../composer/composerModel';
import { formatDateTime } from '../format/dates';
import { useStrings, wordProblem } from '../i18n';
import { useToasts } from './toasts';
import { useUndo } from './undo';

export type MoveTarget = { readonly kind: 'at'; readonly at: number } | { readonly kind: 'draft' };

interface MovesApi {
  /** Posts as they will be once the moves on their way are stored. */
  readonly moved: ReadonlyMap<string, PostSummary>;
  /**
   * Moves a post (or schedules a draft) to an instant, showing it there at once. `zone` is the zone the
   * confirmation is written in; `note` says what DST did to the chosen time. Resolves once stored or refused.
   */
  readonly movePost: (
    post: PostSummary | PostView,
    target: MoveTarget,
    opts?: { zone?: string; note?: string | null; undoable?: boolean },
  ) => Promise<boolean>;
  /** Forgets moves the freshly loaded posts already show. */
  readonly settle: (fresh: readonly PostSummary[]) => void;
}

const MovesContext = createContext<MovesApi | null>(null);

/** Marks the renderer leaves for the benchmarks: a move shown on screen, and a move stored. */
export const MOVE_MARKS = { start: 'kairos:move-start', visible: 'kairos:move-visible', committed: 'kairos:move-committed' } as const;

export function MovesProvider({ children }: { readonly children: ReactNode }) {
  const t = useStrings();
  const toasts = useToasts();
  const undo = useUndo();
  const [moved, setMoved] = useState<ReadonlyMap<string, PostSummary>>(new Map());
  const generation = useRef(new Map<string, number>());
  /** Posts whose move waits on this computer for the workspace: shown where they were dropped until posts load again. */
  const waiting = useRef(new Set<string>());

  const setOne = useCallback((id: string, post: PostSummary | null) => {
    setMoved((map) => {
      const next = new Map(map);
      if (post) next.set(id, post);
      else next.delete(id);
      return next;
    });
  }, []);

  const movePost = useCallback<MovesApi['movePost']>(
    async (given, target, opts = {}) => {
      // The calendar hands over summaries, the drafts board whole posts: what is drawn meanwhile is a summary.
      const post = 'excerpt' in given ? given : summaryOf(given);
      if (isLocked(post)) {
        toasts.notify({ message: t.moves.locked, tone: 'warning' });
        return false;
      }
      if (target.kind === 'at' && target.at < Date.now()) {
        toasts.notify({ message: t.moves.past, tone: 'warning' });
        return false;
      }
      performance.mark(MOVE_MARKS.start);
      const mine = (generation.current.get(post.id) ?? 0) + 1;
      generation.current.set(post.id, mine);
      const optimistic: PostSummary =
        target.kind === 'at'
          ? { ...post, scheduledAt: target.at, status: post.targets.length > 0 ? 'scheduled' : post.status }
          : { ...post, scheduledAt: null, status: 'draft' };
      setOne(post.id, optimistic);
      const result = await invoke('posts.reschedule', {
        id: post.id,
        when:
          target.kind === 'at' ? { kind: 'instant', at: target.at, timeZone: post.timeZone } : { kind: 'draft', timeZone: post.timeZone },
      });
      if (generation.current.get(post.id) !== mine) return result.ok || keptOffline(result.error);
      if (!result.ok && keptOffline(result.error)) {
        // Kept until the workspace is back: it stays where it was dropped; the posts loaded after the outbox was
        // sent show where it really is (a move refused then is a note in the workspace banner). No Undo to offer.
        waiting.current.add(post.id);
        toasts.notify({ message: messageFor(result.error), tone: 'warning' });
        return true;
      }
      waiting.current.delete(post.id);
      if (!result.ok) {
        setOne(post.id, null);
        toasts.notify({ message: t.moves.failed(messageFor(result.error)), tone: 'danger' });
        return false;
      }
      performance.mark(MOVE_MARKS.committed);
      const saved = summaryOf(result.value.post);
      setOne(post.id, saved);
      if (opts.undoable !== false) {
        const zone = opts.zone ?? saved.timeZone;
        const message = saved.scheduledAt === null ? t.moves.toDrafts : t.moves.movedTo(formatDateTime(saved.scheduledAt, zone));
        const back: MoveTarget = post.scheduledAt === null ? { kind: 'draft' } : { kind: 'at', at: post.scheduledAt };
        undo.offerUndo(
          message,
          () => {
            if (back.kind === 'at' && back.at < Date.now()) {
              toasts.notify({ message: t.moves.cannotUndoPast, tone: 'warning' });
              return;
            }
            void movePostRef.current(saved, back, { ...opts, undoable: false, note: null }).then((ok) => {
              if (ok) toasts.notify({ message: t.moves.undone, tone: 'success' });
            });
          },
          opts.note ?? wordProblem(result.value.timeNoteProblem, result.value.timeNote, t),
        );
      }
      return true;
    },
    [t, toasts, undo, setOne],
  );
  const movePostRef = useRef(movePost);
  movePostRef.current = movePost;

  const settle = useCallback((fresh: readonly PostSummary[]) => {
    // Loaded after a move kept offline: what the workspace holds now is where the post is.
    const loadedAgain = new Set(fresh.flatMap((p) => (waiting.current.has(p.id) ? [p.id] : [])));
    for (const id of loadedAgain) waiting.current.delete(id);
    setMoved((map) => {
      if (map.size === 0) return map;
      let next: Map<string, PostSummary> | null = null;
      for (const post of fresh) {
        const pending = map.get(post.id);
        if (!pending) continue;
        if (loadedAgain.has(post.id) || (pending.scheduledAt === post.scheduledAt && post.updatedAt >= pending.updatedAt)) {
          next ??= new Map(map);
          next.delete(post.id);
        }
      }
      return next ?? map;
    });
  }, []);

  const api = useMemo<MovesApi>(() => ({ moved, movePost, settle }), [moved, movePost, settle]);
  return <MovesContext.Provider value={api}>{children}</MovesContext.Provider>;
}

export function useMoves(): MovesApi {
  const api = useContext(MovesContext);
  if (!api) throw new Error('useMoves is used outside MovesProvider.');
  return api;
}

/**
 * The posts a view shows: the loaded ones as they will be after pending moves, plus drafts that were
 * just dropped into the range, minus posts whose delete is waiting for its Undo to expire.
 */
export function applyMoves(
  posts: readonly PostSummary[],
  moved: ReadonlyMap<string, PostSummary>,
  hidden: ReadonlySet<string>,
  inRange: (post: PostSummary) => boolean,
): PostSummary[] {
  if (moved.size === 0 && hidden.size === 0) return posts as PostSummary[];
  const seen = new Set<string>();
  const out: PostSummary[] = [];
  for (const post of posts) {
    seen.add(post.id);
    if (hidden.has(post.id)) continue;
    const pending = moved.get(post.id);
    if (!pending) out.push(post);
    else if (inRange(pending)) out.push(pending);
  }
  for (const [id, pending] of moved) if (!seen.has(id) && !hidden.has(id) && inRange(pending)) out.push(pending);
  return out;
}

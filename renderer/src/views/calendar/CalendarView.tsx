// The Calendar view: month, week, day and list layouts of the posts in any zone, with selection, moving and the side panels.

import { type KeyboardEvent, memo, type PointerEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Selection } from '../../../../shared/contract/conversation';
import type { PostSummary } from '../../../../shared/domain';
import { useNow } from '../../api/hooks';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { excerpt, isLocked, messageFor } from '../../composer/composerModel';
import { ConversationPanel } from '../../features/conversation/ConversationPanel';
import { useObservances } from '../../features/conversation/useObservances';
import { formatDateTime, formatDayShort, formatMinutes, formatMonthTitle, formatRange } from '../../format/dates';
import { useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';
import { filtersActive, matchesFilters, useCalendarState } from '../../state/calendarState';
import { useComposer } from '../../state/composer';
import { applyMoves, MOVE_MARKS, useMoves } from '../../state/moves';
import { hrefOf } from '../../state/route';
import { useShortcuts } from '../../state/shortcuts';
import { useUndo } from '../../state/undo';
import { CalendarToolbar } from './CalendarToolbar';
import {
  gridDays,
  instantOfWall,
  keepUnchangedDays,
  minutesOfTime,
  monthOf,
  monthWeeks,
  postsByDay,
  rangeOfDays,
  singleDayObservances,
  startOfDayIn,
  timeOfMinutes,
  todayIn,
} from './calendarModel';
import { beginPointerDrag, type DropSpot } from './dragToMove';
import { SEARCH_INPUT_ID } from './FilterBar';
import { canMove, describeSpot, type KeyboardMove, keyboardMoveStep, wallOf } from './keyboardMove';
import { ListLayout } from './ListLayout';
import { MonthGrid } from './MonthGrid';
import { GoToDateDialog, MoveToDialog } from './MoveToDialog';
import type { ChipHandlers } from './PostChip';
import { PostPeek } from './PostPeek';
import { TimeGrid } from './TimeGrid';
import { useRangePosts, useRenderMarks, useSettledSearch } from './useCalendarPosts';

export function CalendarView() {
  const t = useStrings();
  const app = useAppData();
  const cal = useCalendarState();
  const composer = useComposer();
  const moves = useMoves();
  const undo = useUndo();
  const now = useNow();
  const zone = cal.zone;
  const today = todayIn(zone, now);
  const { layout, anchor } = cal;
  const [activeDate, setActiveDate] = useState(anchor);
  const [kbMove, setKbMove] = useState<KeyboardMove | null>(null);
  const [moveDialog, setMoveDialog] = useState<PostSummary | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [goToOpen, setGoToOpen] = useState(false);

  // A new anchor (navigation) makes its day the active one in the same render: an effect would draw the
  // range twice, the second time after the posts are already on screen.
  const [activeFor, setActiveFor] = useState(anchor);
  if (activeFor !== anchor) {
    setActiveFor(anchor);
    setActiveDate(anchor);
  }

  const weeks = useMemo(
    () => (layout === 'month' ? monthWeeks(monthOf(anchor), t.weekStartsOn, today) : []),
    [layout, anchor, t.weekStartsOn, today],
  );
  const days = useMemo(
    () => (layout === 'month' ? weeks.flat() : layout === 'list' ? [] : gridDays(layout, anchor, t.weekStartsOn, today)),
    [layout, weeks, anchor, t.weekStartsOn, today],
  );
  const range = useMemo(() => (days.length > 0 ? rangeOfDays(days, zone) : { from: 0, to: 0 }), [days, zone]);
  const observances = useObservances(days[0]?.date ?? anchor, days.at(-1)?.date ?? anchor);
  const daysMarked = useMemo(() => singleDayObservances(observances.data ?? []), [observances.data]);
  const singleAccount = cal.filters.accountIds.length === 1 ? (cal.filters.accountIds[0] as string) : null;
  const search = useSettledSearch(cal.filters.search);
  const loaded = useRangePosts(range.from, range.to, layout !== 'list', singleAccount, search);

  useEffect(() => {
    if (loaded.posts) moves.settle(loaded.posts);
  }, [loaded.posts, moves.settle]);

  const visible = useMemo(() => {
    const inRange = (p: PostSummary) => p.scheduledAt !== null && p.scheduledAt >= range.from && p.scheduledAt < range.to;
    const withMoves = applyMoves(loaded.posts ?? [], moves.moved, undo.pendingDeletes, inRange);
    const preview = kbMove ? withMoves.map((p) => (p.id === kbMove.post.id ? { ...p, scheduledAt: kbMove.at } : p)) : withMoves;
    return filtersActive(cal.filters) ? preview.filter((p) => matchesFilters(p, cal.filters)) : preview;
  }, [loaded.posts, moves.moved, undo.pendingDeletes, kbMove, cal.filters, range]);
  const previousByDay = useRef<ReadonlyMap<string, readonly PostSummary[]>>(new Map());
  const byDay = useMemo(() => {
    const next = keepUnchangedDays(
      previousByDay.current,
      postsByDay(
        visible,
        zone,
        days.map((d) => d.date),
      ),
    );
    previousByDay.current = next;
    return next;
  }, [visible, zone, days]);
  const selection = useMemo<Selection>(
    () => (cal.selectedPostId ? { kind: 'post', postId: cal.selectedPostId } : { kind: 'day', date: activeDate, timeZone: zone }),
    [cal.selectedPostId, activeDate, zone],
  );
  useRenderMarks(layout === 'list' ? undefined : loaded.posts, layout);

  // A move shows on screen in this commit: leave the mark the benchmark measures.
  useLayoutEffect(() => {
    if (moves.moved.size > 0 && performance.getEntriesByName(MOVE_MARKS.start).length > 0) performance.mark(MOVE_MARKS.visible);
  }, [moves.moved]);

  const postById = useMemo(() => new Map(visible.map((p) => [p.id, p])), [visible]);
  const selected = cal.selectedPostId;

  // --- moving ---------------------------------------------------------------------------------------------

  const dropOnSpot = useCallback(
    (post: PostSummary, spot: DropSpot) => {
      const wall = wallOf(post, zone);
      const time = spot.minutes === null ? (wall?.time ?? '09:00') : timeOfMinutes(spot.minutes);
      const resolved = instantOfWall(spot.date, time, zone);
      if (!resolved) return;
      const note =
        resolved.kind === 'gap' ? t.moves.gapNote(formatMinutes(minutesOfTime(time)), formatMinutes(minutesOfTime(resolved.became))) : null;
      void moves.movePost(post, { kind: 'at', at: resolved.instant }, { zone, note });
    },
    [zone, moves, t],
  );

  const startDrag = useCallback(
    (post: PostSummary, e: PointerEvent<HTMLButtonElement>) => {
      if (!canMove(post)) return;
      beginPointerDrag(e, {
        label: excerpt(post.excerpt, 40) || t.drafts.untitled,
        describe: (spot) => describeSpot(spot, post, zone),
        onDrop: (spot) => dropOnSpot(post, spot),
      });
    },
    [dropOnSpot, zone, t],
  );

  const commitKeyboardMove = useCallback(() => {
    if (!kbMove) return;
    setKbMove(null);
    if (kbMove.at !== kbMove.post.scheduledAt) void moves.movePost(kbMove.post, { kind: 'at', at: kbMove.at }, { zone });
  }, [kbMove, moves, zone]);

  const onChipKey = useCallback(
    (post: PostSummary, e: KeyboardEvent<HTMLButtonElement>) => {
      const moving = kbMove?.post.id === post.id;
      if (moving) {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          commitKeyboardMove();
          return;
        }
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          setKbMove(null);
          setAnnouncement(t.moves.cancelled);
          return;
        }
      }
      if (e.key === 'Enter' && !moving) {
        e.preventDefault();
        composer.openPost(post.id);
        return;
      }
      if ((e.key === 'Delete' || e.key === 'Backspace') && !moving) {
        e.preventDefault();
        if (!isLocked(post)) {
          cal.select(null);
          undo.deleteWithUndo(post);
        }
        return;
      }
      const next = keyboardMoveStep(layout, e.key, e.shiftKey, moving && kbMove ? kbMove.at : post.scheduledAt, zone);
      if (next === null) return;
      e.preventDefault();
      if (!canMove(post)) {
        setAnnouncement(post.status === 'unconfirmed' ? t.moves.unconfirmed : t.moves.locked);
        return;
      }
      cal.select(post.id);
      setKbMove({ post: moving && kbMove ? kbMove.post : post, at: next });
      setAnnouncement(t.moves.moving(formatDateTime(next, zone)));
    },
    [kbMove, commitKeyboardMove, composer, cal, undo, layout, zone, t],
  );

  // A keyboard move not dropped with Enter is cancelled by clicking anywhere else or by leaving with Tab.
  useEffect(() => {
    if (!kbMove) return;
    const isMoving = (target: EventTarget | null) =>
      target instanceof Element && target.closest(`[data-post-id="${kbMove.post.id}"]`) !== null;
    const cancel = (e: Event) => {
      if (!isMoving(e.target)) setKbMove(null);
    };
    const leave = (e: FocusEvent) => {
      if (e.relatedTarget !== null && !isMoving(e.relatedTarget)) setKbMove(null);
    };
    window.addEventListener('pointerdown', cancel, true);
    window.addEventListener('focusout', leave, true);
    return () => {
      window.removeEventListener('pointerdown', cancel, true);
      window.removeEventListener('focusout', leave, true);
    };
  }, [kbMove]);

  // Keep focus on the post being moved: it is drawn in a new cell after each step.
  useLayoutEffect(() => {
    if (!kbMove) return;
    document.querySelector<HTMLButtonElement>(`.calendar-body [data-post-id="${kbMove.post.id}"]`)?.focus();
  }, [kbMove]);

  const handlers = useMemo<ChipHandlers>(
    () => ({
      onSelect: (post) => cal.select(post.id),
      onOpen: (post) => composer.openPost(post.id),
      onKeyDown: onChipKey,
      onPointerDown: startDrag,
    }),
    [cal.select, composer, onChipKey, startDrag],
  );

  const newPostAt = useCallback(
    (date: string, time?: string) => composer.openNew(time ? { date, time, timeZone: zone } : { date, timeZone: zone }),
    [composer, zone],
  );

  // "Nothing this month" counts the month itself; "nothing matches" counts every post on screen, the next
  // month's first days included, so it never shows beside a post that matches.
  const inMonth =
    layout === 'month' && !filtersActive(cal.filters)
      ? [...byDay].filter(([day]) => day.startsWith(anchor.slice(0, 7))).reduce((n, [, l]) => n + l.length, 0)
      : visible.length;
  const title =
    layout === 'month'
      ? formatMonthTitle(monthOf(anchor).year, monthOf(anchor).month)
      : layout === 'week'
        ? formatRange(days[0]?.date ?? anchor, days.at(-1)?.date ?? anchor)
        : layout === 'day'
          ? formatDayShort(anchor)
          : t.calendar.upcomingTitle;
  const selectedPost = selected ? (postById.get(selected) ?? null) : null;
  const asideOpen = cal.conversationOpen || selectedPost !== null;
  const labels = useMemo(
    () => [...new Set([...(loaded.posts ?? []).flatMap((p) => p.labels), ...cal.filters.labels])].sort((a, b) => a.localeCompare(b)),
    [loaded.posts, cal.filters.labels],
  );

  useShortcuts({
    t: cal.goToday,
    j: () => cal.step(1),
    k: () => cal.step(-1),
    m: () => cal.setLayout('month'),
    w: () => cal.setLayout('week'),
    d: () => cal.setLayout('day'),
    l: () => cal.setLayout('list'),
    g: () => setGoToOpen(true),
    '/': () => document.getElementById(SEARCH_INPUT_ID)?.focus(),
    r: () => {
      if (selectedPost && canMove(selectedPost)) setMoveDialog(selectedPost);
    },
    [ESCAPE]: () => {
      if (kbMove) setKbMove(null);
      else cal.select(null);
    },
  });

  return (
    <div className={`view view--calendar${asideOpen ? ' has-aside' : ''}`} data-layout={layout}>
      <CalendarToolbar title={title} today={today} labels={labels} onGoToDate={() => setGoToOpen(true)} />

      {app.accounts.length === 0 ? (
        <EmptyState
          title={t.empty.noAccounts}
          hint={t.empty.noAccountsHint}
          action={
            <a className="button button--primary" href={hrefOf('accounts')}>
              {t.empty.connectAccount}
            </a>
          }
        />
      ) : null}
      {loaded.status === 'error' && loaded.error ? (
        <p className="callout callout--danger" role="alert">
          {t.errors.loadFailed} {messageFor(loaded.error)}{' '}
          <button type="button" className="button button--small" onClick={loaded.reload}>
            {t.actions.retry}
          </button>
        </p>
      ) : null}
      {layout !== 'list' && loaded.status === 'ready' && inMonth === 0 ? (
        <p className="calendar-empty" role="status">
          <strong>{filtersActive(cal.filters) ? t.calendar.nothingMatches : t.calendar.nothingIn[layout]}</strong>{' '}
          <span className="muted">{t.calendar.nothingThisMonthHint}</span>
        </p>
      ) : null}

      <div className="calendar-body">
        <div className="calendar-main">
          {layout === 'month' ? (
            <MonthGrid
              label={t.calendar.gridLabel(title)}
              weeks={weeks}
              postsByDay={byDay}
              observances={daysMarked}
              accountsById={app.accountsById}
              timeZone={zone}
              selectedId={selected}
              movingId={kbMove?.post.id ?? null}
              activeDate={activeDate}
              onActiveDate={setActiveDate}
              handlers={handlers}
              onNewPost={(date) => newPostAt(date)}
              onNavigateTo={(date) => cal.goTo(date)}
            />
          ) : null}
          {layout === 'week' || layout === 'day' ? (
            <TimeGrid
              label={t.calendar.gridLabel(title)}
              days={days}
              postsByDay={byDay}
              observances={daysMarked}
              accountsById={app.accountsById}
              timeZone={zone}
              now={now}
              selectedId={selected}
              movingId={kbMove?.post.id ?? null}
              activeDate={activeDate}
              onActiveDate={setActiveDate}
              handlers={handlers}
              onNewPostAt={newPostAt}
              onShowDay={(date) => cal.goTo(date, layout === 'week' ? 'day' : 'list')}
              onNavigateTo={(date) => cal.goTo(date)}
            />
          ) : null}
          {layout === 'list' ? <ListLayout from={Math.max(now, rangeStart(anchor, today, zone))} /> : null}
        </div>
        {asideOpen ? (
          <aside className="calendar-aside" aria-label={t.calendar.asideLabel}>
            {selectedPost ? (
              <PostPeek
                post={selectedPost}
                timeZone={zone}
                onClose={() => cal.select(null)}
                onMove={() => setMoveDialog(selectedPost)}
                onDelete={() => {
                  cal.select(null);
                  undo.deleteWithUndo(selectedPost);
                }}
              />
            ) : null}
            {cal.conversationOpen && !composer.isOpen ? (
              <ErrorBoundary area={t.errors.conversationArea}>
                <Conversation selection={selection} onOpenPost={cal.select} onEditPost={composer.openPost} />
              </ErrorBoundary>
            ) : null}
          </aside>
        ) : null}
      </div>
      <p className="sr-only" aria-live="assertive">
        {announcement}
      </p>
      {moveDialog ? <MoveToDialog post={moveDialog} zone={zone} onClose={() => setMoveDialog(null)} /> : null}
      {goToOpen ? (
        <GoToDateDialog
          initial={anchor}
          onClose={() => setGoToOpen(false)}
          onGo={(date) => {
            setGoToOpen(false);
            cal.goTo(date, layout === 'list' ? 'day' : layout);
          }}
        />
      ) : null}
    </div>
  );
}

const ESCAPE = 'Escape';

/** The panel re-renders only when what it follows changes, not with every post the calendar loads. */
const Conversation = memo(ConversationPanel);

/** The list starts at the anchor day when that is ahead, otherwise now. */
function rangeStart(anchor: string, today: string, zone: string): number {
  if (anchor <= today) return 0;
  return startOfDayIn(anchor, zone);
}

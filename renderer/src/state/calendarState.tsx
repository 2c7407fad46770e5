// What the calendar shows (layout, date, zone, filters, selection), shared by the calendar, its sidebar tools and the shortcuts.

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { PostStatus, PostSummary } from '../../../shared/domain';
import { isValidTimeZone } from '../../../shared/time/wallTime';
import { CALENDAR_LAYOUTS, type CalendarLayout, shiftAnchor, todayIn } from '../views/calendar/calendarModel';
import { readStored, writeStored } from './storage';

export interface CalendarFilters {
  readonly accountIds: readonly string[];
  readonly labels: readonly string[];
  readonly statuses: readonly PostStatus[];
  readonly search: string;
}

export const NO_FILTERS: CalendarFilters = { accountIds: [], labels: [], statuses: [], search: '' };

export interface CalendarState {
  readonly layout: CalendarLayout;
  /** The date the layout is built around (YYYY-MM-DD in the shown zone). */
  readonly anchor: string;
  /** The zone the calendar shows times in: the settings zone unless the user picked another. */
  readonly zone: string;
  readonly zoneOverridden: boolean;
  readonly filters: CalendarFilters;
  readonly conversationOpen: boolean;
  readonly selectedPostId: string | null;
  readonly setLayout: (layout: CalendarLayout) => void;
  readonly goTo: (date: string, layout?: CalendarLayout) => void;
  readonly step: (delta: number) => void;
  readonly goToday: () => void;
  readonly setZone: (zone: string | null) => void;
  readonly setFilters: (patch: Partial<CalendarFilters>) => void;
  readonly setConversationOpen: (open: boolean) => void;
  readonly select: (postId: string | null) => void;
}

interface Stored {
  readonly layout?: string;
  readonly zone?: string | null;
  readonly filters?: Partial<CalendarFilters>;
  readonly conversationOpen?: boolean;
}

const STORAGE_KEY = 'kairos.calendar.v1';
const CalendarContext = createContext<CalendarState | null>(null);

export function CalendarStateProvider({ settingsZone, children }: { readonly settingsZone: string; readonly children: ReactNode }) {
  const [stored] = useState<Stored>(() => readStored<Stored>(STORAGE_KEY) ?? {});
  const [layout, setLayoutState] = useState<CalendarLayout>(() =>
    (CALENDAR_LAYOUTS as readonly string[]).includes(stored.layout ?? '') ? (stored.layout as CalendarLayout) : 'month',
  );
  const [zoneOverride, setZoneOverride] = useState<string | null>(() => (stored.zone && isValidTimeZone(stored.zone) ? stored.zone : null));
  const zone = zoneOverride ?? settingsZone;
  const [anchor, setAnchor] = useState(() => todayIn(zone, Date.now()));
  const [filters, setFiltersState] = useState<CalendarFilters>(() => ({
    accountIds: stored.filters?.accountIds ?? [],
    labels: stored.filters?.labels ?? [],
    statuses: stored.filters?.statuses ?? [],
    search: '',
  }));
  const [conversationOpen, setConversationOpen] = useState(stored.conversationOpen ?? true);
  const [selectedPostId, select] = useState<string | null>(null);

  useEffect(() => {
    const { search: _search, ...kept } = filters;
    writeStored<Stored>(STORAGE_KEY, { layout, zone: zoneOverride, filters: kept, conversationOpen });
  }, [layout, zoneOverride, filters, conversationOpen]);

  const goTo = useCallback((date: string, next?: CalendarLayout) => {
    setAnchor(date);
    if (next) setLayoutState(next);
  }, []);
  const step = useCallback((delta: number) => setAnchor((a) => shiftAnchor(layout, a, delta)), [layout]);
  const goToday = useCallback(() => setAnchor(todayIn(zone, Date.now())), [zone]);
  const setZone = useCallback((next: string | null) => setZoneOverride(next === settingsZone ? null : next), [settingsZone]);
  const setFilters = useCallback((patch: Partial<CalendarFilters>) => setFiltersState((f) => ({ ...f, ...patch })), []);

  const value = useMemo<CalendarState>(
    () => ({
      layout,
      anchor,
      zone,
      zoneOverridden: zoneOverride !== null,
      filters,
      conversationOpen,
      selectedPostId,
      setLayout: setLayoutState,
      goTo,
      step,
      goToday,
      setZone,
      setFilters,
      setConversationOpen,
      select,
    }),
    [layout, anchor, zone, zoneOverride, filters, conversationOpen, selectedPostId, goTo, step, goToday, setZone, setFilters],
  );
  return <CalendarContext.Provider value={value}>{children}</CalendarContext.Provider>;
}

export function useCalendarState(): CalendarState {
  const state = useContext(CalendarContext);
  if (!state) throw new Error('useCalendarState is used outside CalendarStateProvider.');
  return state;
}

export const filtersActive = (f: CalendarFilters): boolean =>
  f.accountIds.length > 0 || f.labels.length > 0 || f.statuses.length > 0 || f.search.trim() !== '';

/**
 * Whether a post passes the filters: any chosen account, any chosen label, any chosen status. The search words
 * go to the backend with the request (summaries carry only the start of the text).
 */
export function matchesFilters(post: PostSummary, f: CalendarFilters): boolean {
  if (f.accountIds.length > 0 && !post.targets.some((t) => f.accountIds.includes(t.accountId))) return false;
  if (f.labels.length > 0 && !post.labels.some((l) => f.labels.includes(l))) return false;
  if (f.statuses.length > 0 && !f.statuses.includes(post.status)) return false;
  return true;
}

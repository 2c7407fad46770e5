// The page bench/renderer-compare.ts opens: FullCalendar 6 or react-big-calendar draws the posts it is handed, one layout at a time.

import { Calendar as FullCalendar } from '@fullcalendar/core';
import dayGridPlugin from '@fullcalendar/daygrid';
import listPlugin from '@fullcalendar/list';
import timeGridPlugin from '@fullcalendar/timegrid';
import { format, getDay, parse, startOfWeek } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { Calendar as BigCalendar, dateFnsLocalizer } from 'react-big-calendar';
import { createRoot, type Root } from 'react-dom/client';
import 'react-big-calendar/lib/css/react-big-calendar.css';

/** One post as the benchmark hands it over: the same text and times Kairos reads from its database. */
interface ComparePost {
  readonly id: string;
  readonly title: string;
  readonly start: number;
  readonly end: number;
}
type Library = 'fullcalendar' | 'big-calendar';
type Layout = 'month' | 'week' | 'day' | 'list';

declare global {
  interface Window {
    benchCompare: {
      /** Keeps a set of posts in the page, so that handing it over later costs no copying. */
      keep(name: string, posts: readonly ComparePost[]): void;
      /** Draws `layout` at `date` with the posts kept as `posts`, after a mark: they are "in" from here on. */
      show(library: Library, layout: Layout, date: string, posts: string): void;
      clear(): void;
    };
  }
}

/** As many days as Kairos's list shows in its first page of 2,000 posts. */
const LIST_DAYS = 20;
/** The height of Kairos's time grid and list at 1360 × 900. */
const SCROLLED_HEIGHT = 670;
const host = document.getElementById('host') as HTMLElement;
const localizer = dateFnsLocalizer({ format, parse, startOfWeek, getDay, locales: { 'en-US': enUS } });

let fullCalendar: { readonly calendar: FullCalendar; readonly layout: Layout } | null = null;
let bigRoot: Root | null = null;

const FC_VIEWS: Record<Layout, string> = { month: 'dayGridMonth', week: 'timeGridWeek', day: 'timeGridDay', list: 'listBench' };
const BIG_VIEWS = { month: 'month', week: 'week', day: 'day', list: 'agenda' } as const;

function showFullCalendar(layout: Layout, date: string, posts: readonly ComparePost[]): void {
  const events = posts.map((p) => ({ id: p.id, title: p.title, start: p.start, end: p.end }));
  if (fullCalendar?.layout === layout) {
    const { calendar } = fullCalendar;
    performance.mark('bench:posts-in');
    calendar.batchRendering(() => {
      calendar.removeAllEvents();
      calendar.gotoDate(date);
      calendar.addEventSource(events);
    });
    return;
  }
  clear();
  performance.mark('bench:posts-in');
  const calendar = new FullCalendar(host, {
    plugins: [dayGridPlugin, timeGridPlugin, listPlugin],
    initialView: FC_VIEWS[layout],
    initialDate: date,
    timeZone: 'UTC',
    firstDay: 1,
    headerToolbar: false,
    height: layout === 'month' ? 'auto' : SCROLLED_HEIGHT,
    // As Kairos draws them: three posts a day in the month, two side by side in the week (eight in the day), then "+N more".
    dayMaxEvents: 3,
    eventMaxStack: layout === 'day' ? 8 : 2,
    scrollTime: '08:00:00',
    views: { listBench: { type: 'list', duration: { days: LIST_DAYS } } },
    events,
  });
  calendar.render();
  fullCalendar = { calendar, layout };
}

function showBigCalendar(layout: Layout, date: string, posts: readonly ComparePost[]): void {
  if (fullCalendar) clear();
  bigRoot ??= createRoot(host);
  const events = posts.map((p) => ({ id: p.id, title: p.title, start: new Date(p.start), end: new Date(p.end) }));
  performance.mark('bench:posts-in');
  bigRoot.render(
    <BigCalendar
      localizer={localizer}
      events={events}
      date={new Date(`${date}T12:00:00Z`)}
      view={BIG_VIEWS[layout]}
      views={['month', 'week', 'day', 'agenda']}
      onNavigate={() => {}}
      onView={() => {}}
      toolbar={false}
      popup
      length={LIST_DAYS}
      scrollToTime={new Date(1970, 0, 1, 8)}
      style={{ height: layout === 'month' ? 820 : SCROLLED_HEIGHT }}
    />,
  );
}

function clear(): void {
  fullCalendar?.calendar.destroy();
  fullCalendar = null;
  bigRoot?.unmount();
  bigRoot = null;
  host.replaceChildren();
}

const kept = new Map<string, readonly ComparePost[]>();

window.benchCompare = {
  keep: (name, posts) => void kept.set(name, posts),
  show: (library, layout, date, name) => {
    const posts = kept.get(name) ?? [];
    if (library === 'fullcalendar') showFullCalendar(layout, date, posts);
    else showBigCalendar(layout, date, posts);
  },
  clear,
};

// Side by side in one Chromium: Kairos, FullCalendar 6 and react-big-calendar draw the same posts in each layout, each
// timed from the posts in hand to the end of its first complete frame; prints the medians and Kairos / other.
// Run after a build: node bench/run.mjs bench/renderer-compare.ts

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { build } from 'esbuild';
import { addDays, todayIn } from '../renderer/src/views/calendar/calendarModel';
import {
  goToDate,
  measureListSwitches,
  measureNavigation,
  PROBE,
  RUNS,
  type SpreadPosts,
  scenarios,
  withServer,
} from './calendar-scenarios';
import {
  armFrameProbe,
  assertBuilt,
  completeFrame,
  type FrameWatchOptions,
  installFrameProbe,
  ms,
  openApp,
  openBrowser,
  ROOT,
  stats,
} from './renderer-harness';
import { seededAt, seededText, seedPosts } from './seed';

type Layout = 'month' | 'week' | 'day' | 'list';
type Library = 'fullcalendar' | 'big-calendar';
const LAYOUTS: readonly Layout[] = ['month', 'week', 'day', 'list'];
/** Kairos draws a post as 40 minutes of the time grid; the others get the same length. */
const POST_MS = 40 * 60_000;
/** Kairos's list shows its first page of 2,000 posts; the others list the same 2,000. */
const LIST_POSTS = 2_000;

interface PagePost {
  readonly id: string;
  readonly title: string;
  readonly start: number;
  readonly end: number;
}
interface ComparePage {
  readonly benchCompare: {
    keep(name: string, posts: readonly PagePost[]): void;
    show(library: Library, layout: Layout, date: string, posts: string): void;
  };
}

function postsOf(spread: SpreadPosts, limit = spread.count): PagePost[] {
  return Array.from({ length: Math.min(limit, spread.count) }, (_, i) => {
    const start = seededAt(i, spread);
    return { id: `post_bench_${i}`, title: seededText(i), start, end: start + POST_MS };
  });
}

/** Where each library's drawn posts are, and what scrolls them, per layout. */
const LIBRARY_PROBES: Record<Library, Record<Layout, FrameWatchOptions>> = {
  fullcalendar: {
    month: { root: '#host', post: '.fc-event', scroller: null },
    week: { root: '#host', post: '.fc-event', scroller: '.fc-scroller-liquid-absolute' },
    day: { root: '#host', post: '.fc-event', scroller: '.fc-scroller-liquid-absolute' },
    list: { root: '#host', post: '.fc-list-event', scroller: '.fc-scroller' },
  },
  'big-calendar': {
    month: { root: '#host', post: '.rbc-event', scroller: null },
    week: { root: '#host', post: '.rbc-event', scroller: '.rbc-time-content' },
    day: { root: '#host', post: '.rbc-event', scroller: '.rbc-time-content' },
    list: { root: '#host', post: '.rbc-agenda-content tbody tr', scroller: '.rbc-agenda-content' },
  },
};

/** Bundles bench/compare/page.tsx (production React) next to a page that loads it. */
async function buildComparePage(dir: string): Promise<string> {
  await build({
    entryPoints: [join(ROOT, 'bench', 'compare', 'page.tsx')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2023',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir: dir,
    logLevel: 'warning',
  });
  // The width Kairos's calendar has at 1360 px with its sidebar.
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Calendars side by side</title>' +
      '<link rel="stylesheet" href="page.css"><style>body{margin:0;font:13px system-ui,sans-serif}#host{width:1060px;margin:16px}</style>' +
      '</head><body><div id="host"></div><script src="page.js"></script></body></html>',
  );
  return pathToFileURL(join(dir, 'index.html')).href;
}

interface LayoutData {
  readonly date: string;
  readonly posts: readonly PagePost[];
  /** What is drawn before each measured step: another period, empty. */
  readonly before: string;
}

/** One library, one layout: nine times from the period before to the measured one; posts in → complete frame end. */
async function measureLibrary(
  browser: Browser,
  url: string,
  library: Library,
  layout: Layout,
  data: LayoutData,
): Promise<{ readonly frameEnds: number[]; readonly inView: number }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  await installFrameProbe(page);
  await page.goto(url);
  await page.evaluate((posts) => {
    const { benchCompare } = globalThis as unknown as ComparePage;
    benchCompare.keep('measured', posts);
    benchCompare.keep('none', []);
  }, data.posts);
  const probe = LIBRARY_PROBES[library][layout];
  let inView = 0;
  const step = async (date: string, posts: string): Promise<number> => {
    await page.waitForTimeout(400);
    await page.evaluate(() => performance.clearMarks());
    await armFrameProbe(page, probe);
    await page.evaluate(
      ([l, y, d, p]) => (globalThis as unknown as ComparePage).benchCompare.show(l as Library, y as Layout, d as string, p as string),
      [library, layout, date, posts],
    );
    const frame = await completeFrame(page);
    if (posts === 'measured') inView = frame.postsInView;
    const postsIn = await page.evaluate(() => performance.getEntriesByName('bench:posts-in')[0]?.startTime ?? Number.NaN);
    return frame.frameEnd - postsIn;
  };
  await step(data.before, 'none');
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    samples.push(await step(data.date, 'measured'));
    await step(data.before, 'none');
  }
  await context.close();
  return { frameEnds: samples, inView };
}

/** Kairos in browser mode on the same data: each navigation, posts in → complete frame end. */
async function measureKairos(browser: Browser, today: string): Promise<Record<Layout, number[]>> {
  const data = scenarios(today);
  const frameEnds = (samples: readonly { readonly frameEnd: number }[]) => samples.map((s) => s.frameEnd);
  const month = await withServer(
    async (dir) => void (await seedPosts(dir, data.month.count, { ...data.month, accounts: 8 })),
    async (served) => {
      const page = await openApp(browser, served, installFrameProbe);
      const samples = [];
      for (let i = 0; i < RUNS; i++) {
        samples.push(await measureNavigation(page, 'Next month', PROBE.month));
        await measureNavigation(page, 'Previous month', PROBE.month);
      }
      await page.context().close();
      return frameEnds(samples);
    },
  );
  const grid = await withServer(
    async (dir) => void (await seedPosts(dir, data.week.count, { ...data.week, accounts: 8 })),
    async (served) => {
      const page = await openApp(browser, served, installFrameProbe);
      await page.getByRole('button', { name: 'Week', exact: true }).click();
      await goToDate(page, data.week.monday);
      const week = [];
      for (let i = 0; i < RUNS; i++) {
        await measureNavigation(page, 'Previous week', PROBE.grid);
        week.push(await measureNavigation(page, 'Next week', PROBE.grid));
      }
      await page.getByRole('button', { name: 'Day', exact: true }).click();
      await goToDate(page, addDays(data.week.monday, 1));
      const day = [];
      for (let i = 0; i < RUNS; i++) {
        day.push(await measureNavigation(page, 'Next day', PROBE.grid));
        await measureNavigation(page, 'Previous day', PROBE.grid);
      }
      await page.context().close();
      return { week: frameEnds(week), day: frameEnds(day) };
    },
  );
  const list = await withServer(
    async (dir) => void (await seedPosts(dir, data.list.count, { ...data.list, accounts: 8 })),
    async (served) => {
      const page: Page = await openApp(browser, served, installFrameProbe);
      const samples = await measureListSwitches(page);
      await page.context().close();
      return frameEnds(samples);
    },
  );
  return { month, week: grid.week, day: grid.day, list };
}

async function main(): Promise<void> {
  assertBuilt();
  const today = todayIn('UTC', Date.now());
  const data = scenarios(today);
  const tuesday = addDays(data.week.monday, 1);
  const layouts: Record<Layout, LayoutData> = {
    month: { date: data.month.date, posts: postsOf(data.month), before: addDays(data.month.date, -31) },
    week: { date: data.week.monday, posts: postsOf(data.week), before: addDays(data.week.monday, -7) },
    day: { date: tuesday, posts: postsOf(data.week).filter((p) => todayIn('UTC', p.start) === tuesday), before: addDays(tuesday, -7) },
    list: {
      date: todayIn('UTC', data.list.from),
      posts: postsOf(data.list, LIST_POSTS),
      before: addDays(todayIn('UTC', data.list.from), -60),
    },
  };
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
  console.log(`Load average before: ${load()}`);
  const dir = mkdtempSync(join(tmpdir(), 'kairos-bench-compare-'));
  const browser = await openBrowser();
  const medians: Record<string, Record<Layout, number>> = {};
  try {
    const url = await buildComparePage(dir);
    // --libraries-only skips Kairos (its own numbers come from bench/renderer-calendar.ts too); ratios are then NaN.
    if (!process.argv.includes('--libraries-only')) {
      const kairos = await measureKairos(browser, today);
      medians.kairos = Object.fromEntries(LAYOUTS.map((l) => [l, stats(kairos[l]).median])) as Record<Layout, number>;
    }
    for (const library of ['fullcalendar', 'big-calendar'] as const) {
      const row = {} as Record<Layout, number>;
      for (const layout of LAYOUTS) {
        const measured = await measureLibrary(browser, url, library, layout, layouts[layout]);
        row[layout] = stats(measured.frameEnds).median;
        console.log(`  ${library} ${layout}: ${measured.inView} posts in view, median ${ms(row[layout])}`);
      }
      medians[library] = row;
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const k = medians.kairos ?? { month: Number.NaN, week: Number.NaN, day: Number.NaN, list: Number.NaN };
  const fc = medians.fullcalendar as Record<Layout, number>;
  const rbc = medians['big-calendar'] as Record<Layout, number>;
  const posts: Record<Layout, number> = {
    month: data.month.count,
    week: data.week.count,
    day: layouts.day.posts.length,
    list: LIST_POSTS,
  };
  console.log(`Posts in → end of the first complete frame, medians of ${RUNS} (1360 × 900, Debian Chromium)`);
  console.log('layout  posts   Kairos      FullCalendar 6   react-big-calendar   Kairos/FC   Kairos/rbc');
  for (const l of LAYOUTS) {
    console.log(
      `${l.padEnd(7)} ${String(posts[l]).padEnd(7)} ${ms(k[l]).padEnd(11)} ${ms(fc[l]).padEnd(16)} ${ms(rbc[l]).padEnd(20)} ${(k[l] / fc[l]).toFixed(2).padEnd(11)} ${(k[l] / rbc[l]).toFixed(2)}`,
    );
  }
  console.log(`Load average after: ${load()}`);
  console.log(JSON.stringify(medians));
}

await main();

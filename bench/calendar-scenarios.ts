// What the calendar benchmarks share: the data each layout is measured with, and measuring a navigation to its complete frame.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { addDays, monthWeeks, startOfWeek } from '../renderer/src/views/calendar/calendarModel';
import { armFrameProbe, completeFrame, type FrameWatchOptions, ms, type Served, serve, stats } from './renderer-harness';

/** Runs of each measurement; medians are reported. */
export const RUNS = 9;

// What the page-side callbacks use of the page, typed here: the bench compiles with Node's types, without the DOM's.
export interface PageElement {
  click(): void;
  readonly textContent: string | null;
  scrollTop: number;
  readonly scrollHeight: number;
  readonly dataset: Record<string, string | undefined>;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
  getBoundingClientRect(): { readonly top: number; readonly bottom: number };
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
};
declare function requestAnimationFrame(callback: () => void): number;
export const DAY = 86_400_000;
const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00.000Z`);

export interface NavSample {
  /** Click to painted, fetch included. */
  readonly total: number;
  /** Posts in hand to the layout committed (React's work). */
  readonly render: number;
  /** Posts in hand to the first frame painted with them (React, style, layout, paint). */
  readonly drawn: number;
  readonly fetch: number;
  /** Posts in hand to the end of the first frame with every post in view laid out and painted. */
  readonly frameEnd: number;
  /** Click to that frame's end. */
  readonly clickToFrameEnd: number;
  readonly posts: number;
  readonly postsInView: number;
}

/** Where the probe looks in each layout: the posts, and what scrolls them. */
export const PROBE: Record<'month' | 'grid' | 'list', FrameWatchOptions> = {
  month: { root: '.calendar-main', post: '.post-chip', scroller: null },
  grid: { root: '.calendar-main', post: '.post-chip', scroller: '.timegrid-frame' },
  list: { root: '.calendar-main', post: '.vlist__post', scroller: '.vlist' },
};

/** Clicks a button by its accessible label and waits until the calendar has drawn the posts that came back. */
export async function measureNavigation(page: Page, label: string, probe: FrameWatchOptions): Promise<NavSample> {
  // Let what the previous step started (the conversation panel's fetch, the refetch after a move) finish first.
  await page.waitForTimeout(400);
  await page.evaluate(() => performance.clearMarks());
  await armFrameProbe(page, probe);
  await page.evaluate((name) => {
    performance.mark('bench:click');
    document.querySelector(`.calendar-nav button[aria-label="${name}"]`)?.click();
  }, label);
  return readMarks(page);
}

/** Waits for the complete frame and reads the renderer's marks around it. */
export async function readMarks(page: Page): Promise<NavSample> {
  const frame = await completeFrame(page);
  await page.waitForFunction(() => performance.getEntriesByName('kairos:calendar-painted').length > 0, undefined, { timeout: 30_000 });
  const marks = await page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    const rendered = performance.getEntriesByName('kairos:calendar-rendered')[0] as { readonly detail?: unknown } | undefined;
    return {
      click: at('bench:click'),
      loaded: at('kairos:calendar-loaded'),
      rendered: at('kairos:calendar-rendered'),
      painted: at('kairos:calendar-painted'),
      posts: (rendered?.detail as { posts?: number } | undefined)?.posts ?? 0,
    };
  });
  return {
    total: marks.painted - marks.click,
    render: marks.rendered - marks.loaded,
    drawn: marks.painted - marks.loaded,
    fetch: marks.loaded - marks.click,
    frameEnd: frame.frameEnd - marks.loaded,
    clickToFrameEnd: frame.frameEnd - marks.click,
    posts: marks.posts,
    postsInView: frame.postsInView,
  };
}

export async function goToDate(page: Page, date: string): Promise<void> {
  await page.getByRole('button', { name: 'Go to date' }).click();
  const dialog = page.getByRole('dialog', { name: 'Go to a date' });
  await dialog.getByLabel('Date', { exact: true }).fill(date);
  await dialog.getByRole('button', { name: 'Go', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  // The pointer rests on the title, as after clicking Previous or Next, not over the posts (hover would be measured too).
  await page.locator('#calendar-title').hover();
}

export function report(title: string, samples: readonly NavSample[]): Record<string, unknown> {
  const render = stats(samples.map((s) => s.render));
  const drawn = stats(samples.map((s) => s.drawn));
  const total = stats(samples.map((s) => s.total));
  const fetch = stats(samples.map((s) => s.fetch));
  const frameEnd = stats(samples.map((s) => s.frameEnd));
  const clickToFrameEnd = stats(samples.map((s) => s.clickToFrameEnd));
  const inView = samples[0]?.postsInView ?? 0;
  console.log(`${title} (${samples[0]?.posts ?? 0} posts, ${inView} in view, ${samples.length} runs)`);
  console.log(`  posts in → committed ("rendered" mark):          median ${ms(render.median)}, max ${ms(render.max)}`);
  console.log(`  posts in → next rAF ("painted" mark):            median ${ms(drawn.median)}, max ${ms(drawn.max)}`);
  console.log(`  posts in → end of the first complete frame:      median ${ms(frameEnd.median)}, max ${ms(frameEnd.max)}`);
  console.log(
    `  click → complete frame end (fetch included):    median ${ms(clickToFrameEnd.median)}, max ${ms(clickToFrameEnd.max)}  (fetch median ${ms(fetch.median)}; click → "painted" ${ms(total.median)})`,
  );
  return { posts: samples[0]?.posts, postsInView: inView, render, drawn, frameEnd, total, clickToFrameEnd, fetch };
}

export async function withServer<T>(seed: (dir: string) => Promise<void>, run: (served: Served) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-bench-renderer-'));
  try {
    await seed(dir);
    const served = await serve(dir);
    try {
      return await run(served);
    } finally {
      await served.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Posts spread evenly from `from` over `spanDays`, as bench/seed.ts writes them. */
export interface SpreadPosts {
  readonly count: number;
  readonly from: number;
  readonly spanDays: number;
}

/** The data of each layout's measurement, for a run on `today` (UTC). */
export function scenarios(today: string): {
  readonly month: SpreadPosts & { readonly date: string };
  readonly week: SpreadPosts & { readonly monday: string };
  readonly list: SpreadPosts;
} {
  // Month: 2,000 posts over the days next month's grid shows (from tomorrow, when that is later).
  const [y, m] = today.split('-').map(Number) as [number, number];
  const next = m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
  const gridDays = monthWeeks(next, 1, today).flat();
  const gridFrom = utcMidnight(gridDays[0]?.date as string);
  const monthDate = `${next.year}-${String(next.month).padStart(2, '0')}-01`;
  // Week: 500 posts from Monday 06:00 over six and a half days, two weeks ahead; the day view reads the same week.
  const monday = startOfWeek(addDays(today, 14), 1);
  return {
    month: { count: 2_000, from: Math.max(gridFrom, Date.now() + DAY), spanDays: gridDays.length - 1, date: monthDate },
    week: { count: 500, from: utcMidnight(monday) + 6 * 3_600_000, spanDays: 6.5, monday },
    // List: 20,000 upcoming posts over 200 days; the first page holds 2,000 of them.
    list: { count: 20_000, from: Date.now() + DAY, spanDays: 200 },
  };
}

/** Switches from the month to the list `RUNS` times; each switch measured as a navigation is. */
export async function measureListSwitches(page: Page): Promise<NavSample[]> {
  const layout = (name: string) => page.locator('.segmented__button', { hasText: name }).click();
  const samples: NavSample[] = [];
  for (let i = 0; i < RUNS; i++) {
    await layout('Month');
    await page.waitForTimeout(400);
    await page.evaluate(() => performance.clearMarks());
    await armFrameProbe(page, PROBE.list);
    await page.evaluate(() => performance.mark('bench:click'));
    await layout('List');
    samples.push(await readMarks(page));
  }
  return samples;
}

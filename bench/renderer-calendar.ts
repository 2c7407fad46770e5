// Renderer benchmarks in Chromium: month with 2,000 posts, week with 500, a drag-reschedule, the list with 20,000, and the bundle size.
// Run after a build: node bench/run.mjs bench/renderer-calendar.ts

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { addDays, monthWeeks, startOfWeek, todayIn } from '../renderer/src/views/calendar/calendarModel';
import { assertBuilt, ms, openApp, openBrowser, ROOT, type Served, serve, stats } from './renderer-harness';
import { seedPosts } from './seed';

const RUNS = 7;

// What the page-side callbacks use of the page, typed here: the bench compiles with Node's types, without the DOM's.
interface PageElement {
  click(): void;
  readonly textContent: string | null;
  scrollTop: number;
  readonly scrollHeight: number;
  readonly dataset: Record<string, string | undefined>;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
}
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
};
declare function requestAnimationFrame(callback: () => void): number;
const DAY = 86_400_000;
const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00.000Z`);

interface NavSample {
  /** Click to painted, fetch included. */
  readonly total: number;
  /** Posts in hand to the layout committed (React's work). */
  readonly render: number;
  /** Posts in hand to the first frame painted with them (React, style, layout, paint). */
  readonly drawn: number;
  readonly fetch: number;
  readonly posts: number;
}

/** Clicks a button by its accessible label and waits until the calendar has drawn the posts that came back. */
async function measureNavigation(page: Page, label: string): Promise<NavSample> {
  // Let what the previous step started (the conversation panel's fetch, the refetch after a move) finish first.
  await page.waitForTimeout(400);
  await page.evaluate(() => performance.clearMarks());
  await page.evaluate((name) => {
    performance.mark('bench:click');
    document.querySelector(`.calendar-nav button[aria-label="${name}"]`)?.click();
  }, label);
  await page.waitForFunction(() => performance.getEntriesByName('kairos:calendar-painted').length > 0, undefined, { timeout: 30_000 });
  return page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
    const rendered = performance.getEntriesByName('kairos:calendar-rendered')[0] as { readonly detail?: unknown } | undefined;
    return {
      total: at('kairos:calendar-painted') - at('bench:click'),
      render: at('kairos:calendar-rendered') - at('kairos:calendar-loaded'),
      drawn: at('kairos:calendar-painted') - at('kairos:calendar-loaded'),
      fetch: at('kairos:calendar-loaded') - at('bench:click'),
      posts: (rendered?.detail as { posts?: number } | undefined)?.posts ?? 0,
    };
  });
}

async function goToDate(page: Page, date: string): Promise<void> {
  await page.getByRole('button', { name: 'Go to date' }).click();
  const dialog = page.getByRole('dialog', { name: 'Go to a date' });
  await dialog.getByLabel('Date', { exact: true }).fill(date);
  await dialog.getByRole('button', { name: 'Go', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

function report(title: string, samples: readonly NavSample[]): Record<string, unknown> {
  const render = stats(samples.map((s) => s.render));
  const drawn = stats(samples.map((s) => s.drawn));
  const total = stats(samples.map((s) => s.total));
  const fetch = stats(samples.map((s) => s.fetch));
  console.log(`${title} (${samples[0]?.posts ?? 0} posts, ${samples.length} runs)`);
  console.log(`  render (posts in → committed):        median ${ms(render.median)}, max ${ms(render.max)}`);
  console.log(`  first render (posts in → painted):    median ${ms(drawn.median)}, max ${ms(drawn.max)}`);
  console.log(
    `  click → painted (posts.summaries included): median ${ms(total.median)}, max ${ms(total.max)}  (fetch median ${ms(fetch.median)})`,
  );
  return { posts: samples[0]?.posts, render, drawn, total, fetch };
}

async function withServer<T>(seed: (dir: string) => Promise<void>, run: (served: Served) => Promise<T>): Promise<T> {
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

async function main(): Promise<void> {
  assertBuilt();
  const browser = await openBrowser();
  const results: Record<string, unknown> = {};
  const today = todayIn('UTC', Date.now());
  try {
    // --- month: 2,000 posts over the days next month's grid shows ---------------------------------------
    const [y, m] = today.split('-').map(Number) as [number, number];
    const next = m === 12 ? { year: y + 1, month: 1 } : { year: y, month: m + 1 };
    const gridDays = monthWeeks(next, 1, today).flat();
    const gridFrom = utcMidnight(gridDays[0]?.date as string);
    results.month = await withServer(
      async (dir) =>
        void (await seedPosts(dir, 2_000, { from: Math.max(gridFrom, Date.now() + DAY), spanDays: gridDays.length - 1, accounts: 8 })),
      async (served) => {
        const page = await openApp(browser, served);
        const samples: NavSample[] = [];
        for (let i = 0; i < RUNS; i++) {
          samples.push(await measureNavigation(page, 'Next month'));
          await measureNavigation(page, 'Previous month');
        }
        await page.context().close();
        return report('Month view', samples);
      },
    );

    // --- week: 500 posts in one week; then dragging them ------------------------------------------------------
    const monday = startOfWeek(addDays(today, 14), 1);
    results.week = await withServer(
      async (dir) => void (await seedPosts(dir, 500, { from: utcMidnight(monday) + 6 * 3_600_000, spanDays: 6.5, accounts: 8 })),
      async (served) => {
        const page = await openApp(browser, served);
        await page.getByRole('button', { name: 'Week', exact: true }).click();
        await goToDate(page, monday);
        await page.locator('.timegrid .post-chip').first().waitFor();
        const samples: NavSample[] = [];
        for (let i = 0; i < RUNS; i++) {
          await measureNavigation(page, 'Previous week');
          samples.push(await measureNavigation(page, 'Next week'));
        }
        const week = report('Week view', samples);
        const drag = await measureDrags(page);
        await page.context().close();
        return { ...week, drag };
      },
    );

    // --- list: 20,000 upcoming posts ------------------------------------------------------------------------
    results.list = await withServer(
      async (dir) => void (await seedPosts(dir, 20_000, { from: Date.now() + DAY, spanDays: 200, accounts: 8 })),
      async (served) => measureList(await openApp(browser, served)),
    );
  } finally {
    await browser.close();
  }

  // --- bundle --------------------------------------------------------------------------------------------
  const assets = join(ROOT, 'dist', 'renderer', 'assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gzipped = js.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
  const raw = js.reduce((n, f) => n + readFileSync(join(assets, f)).length, 0);
  console.log(
    `Renderer JavaScript: ${(raw / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped (${js.length} file${js.length === 1 ? '' : 's'})`,
  );
  results.bundle = { files: js.length, rawBytes: raw, gzipBytes: gzipped };
  console.log(JSON.stringify(results));
}

/** Drags posts one day to the right in the week view: when the move shows, and when the backend has stored it. */
async function measureDrags(page: Page): Promise<Record<string, unknown>> {
  const visible: number[] = [];
  const committed: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const chip = page.locator('.timegrid td:nth-of-type(2) .post-chip').nth(i);
    await chip.scrollIntoViewIfNeeded();
    const box = await chip.boundingBox();
    if (!box) throw new Error('No post to drag.');
    await page.evaluate(() => performance.clearMarks());
    await page.mouse.move(box.x + box.width / 2, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 10, box.y + 10, { steps: 2 });
    await page.mouse.move(box.x + box.width * 1.5, box.y + 5, { steps: 4 });
    await page.mouse.up();
    await page.waitForFunction(() => performance.getEntriesByName('kairos:move-committed').length > 0, undefined, { timeout: 30_000 });
    const r = await page.evaluate(() => {
      const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
      return {
        visible: at('kairos:move-visible') - at('kairos:move-start'),
        committed: at('kairos:move-committed') - at('kairos:move-start'),
      };
    });
    visible.push(r.visible);
    committed.push(r.committed);
    // Let the refetch that follows the move settle before the next drag.
    await page.waitForTimeout(300);
  }
  const v = stats(visible);
  const c = stats(committed);
  console.log(
    `Drag-reschedule (${RUNS} drags): visible median ${ms(v.median)} (max ${ms(v.max)}), stored median ${ms(c.median)} (max ${ms(c.max)})`,
  );
  return { visible: v, committed: c };
}

/** The list: its first page drawn, frames while scrolling fast, and the whole 20,000 loaded a page at a time. */
async function measureList(page: Page): Promise<Record<string, unknown>> {
  const layout = (name: string) =>
    page.evaluate((n) => [...document.querySelectorAll('.segmented__button')].find((b) => b.textContent === n)?.click(), name);
  const samples: { render: number; drawn: number; total: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    await layout('Month');
    await page.waitForTimeout(400);
    await page.evaluate(() => {
      performance.clearMarks();
      performance.mark('bench:click');
    });
    await layout('List');
    await page.waitForFunction(() => performance.getEntriesByName('kairos:calendar-painted').length > 0, undefined, { timeout: 30_000 });
    samples.push(
      await page.evaluate(() => {
        const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
        return {
          render: at('kairos:calendar-rendered') - at('kairos:calendar-loaded'),
          drawn: at('kairos:calendar-painted') - at('kairos:calendar-loaded'),
          total: at('kairos:calendar-painted') - at('bench:click'),
        };
      }),
    );
  }
  const first = {
    render: stats(samples.map((s) => s.render)),
    drawn: stats(samples.map((s) => s.drawn)),
    total: stats(samples.map((s) => s.total)),
  };
  console.log(
    `List view, first page of 2,000: render median ${ms(first.render.median)}, posts in → painted median ${ms(first.drawn.median)}, click → painted median ${ms(first.total.median)}`,
  );

  // Scroll 2,000 px per frame for 240 frames, as a flung trackpad would, and time every frame.
  const frames = await page.evaluate(async () => {
    const list = document.querySelector('.vlist');
    if (!list) throw new Error('no list');
    const deltas: number[] = [];
    let maxRows = 0;
    let last = performance.now();
    for (let i = 0; i < 240; i++) {
      list.scrollTop += 2_000;
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
      const now = performance.now();
      deltas.push(now - last);
      last = now;
      maxRows = Math.max(maxRows, list.querySelectorAll('li').length);
    }
    return { deltas, maxRows };
  });
  const f = stats(frames.deltas);
  const slow = frames.deltas.filter((d) => d > 1000 / 30).length;
  console.log(
    `List scroll (240 frames, 2,000 px each): frame median ${ms(f.median)}, p95 ${ms(f.p95)}, max ${ms(f.max)}; ${slow} frames over 33 ms; at most ${frames.maxRows} rows in the page`,
  );

  // Scroll to the end until all 20,000 are loaded, timing each page that arrives.
  const t0 = Date.now();
  let rows = 0;
  for (let i = 0; i < 40 && rows < 20_000; i++) {
    rows = await page.evaluate(async () => {
      const list = document.querySelector('.vlist') as PageElement;
      list.scrollTop = list.scrollHeight;
      const before = Number(list.dataset.rows);
      for (let k = 0; k < 200 && Number(list.dataset.rows) === before; k++) await new Promise((r) => setTimeout(r, 20));
      return document.querySelectorAll('.vlist__inner > li.vlist__post').length > 0 ? Number(list.dataset.rows) : 0;
    });
  }
  const allMs = Date.now() - t0;
  const posts = await page.evaluate(() => document.querySelector('.vlist')?.dataset.rows);
  console.log(`List to the end: ${posts} rows (posts and day headings) loaded in ${(allMs / 1000).toFixed(1)} s of scrolling`);
  await page.context().close();
  return { first, frames: { ...f, over33ms: slow, maxRowsInPage: frames.maxRows }, loadedRows: Number(posts), loadAllMs: allMs };
}

await main();

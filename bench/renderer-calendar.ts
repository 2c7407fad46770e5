// Renderer benchmarks in Chromium: month with 2,000 posts, week and day of a week of 500, a drag-reschedule, the list with 20,000, and the bundle size.
// Run after a build: node bench/run.mjs bench/renderer-calendar.ts

import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { addDays, todayIn } from '../renderer/src/views/calendar/calendarModel';
import {
  goToDate,
  measureListSwitches,
  measureNavigation,
  type NavSample,
  type PageElement,
  PROBE,
  RUNS,
  report,
  scenarios,
  withServer,
} from './calendar-scenarios';
import { assertBuilt, installFrameProbe, ms, openApp, openBrowser, ROOT, stats } from './renderer-harness';
import { seedPosts } from './seed';

declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
};
declare function requestAnimationFrame(callback: () => void): number;

async function main(): Promise<void> {
  assertBuilt();
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
  console.log(`Load average before: ${load()}`);
  const browser = await openBrowser();
  const results: Record<string, unknown> = {};
  const today = todayIn('UTC', Date.now());
  try {
    const data = scenarios(today);
    // --- month: 2,000 posts over the days next month's grid shows ---------------------------------------
    results.month = await withServer(
      async (dir) => void (await seedPosts(dir, data.month.count, { ...data.month, accounts: 8 })),
      async (served) => {
        const page = await openApp(browser, served, installFrameProbe);
        const samples: NavSample[] = [];
        for (let i = 0; i < RUNS; i++) {
          samples.push(await measureNavigation(page, 'Next month', PROBE.month));
          await measureNavigation(page, 'Previous month', PROBE.month);
        }
        await page.context().close();
        return report('Month view', samples);
      },
    );

    // --- week: 500 posts in one week; the day view over the same days; then dragging them ------------------------
    const monday = data.week.monday;
    const weekResults = await withServer(
      async (dir) => void (await seedPosts(dir, data.week.count, { ...data.week, accounts: 8 })),
      async (served) => {
        const page = await openApp(browser, served, installFrameProbe);
        await page.getByRole('button', { name: 'Week', exact: true }).click();
        await goToDate(page, monday);
        await page.locator('.timegrid .post-chip').first().waitFor();
        const samples: NavSample[] = [];
        for (let i = 0; i < RUNS; i++) {
          await measureNavigation(page, 'Previous week', PROBE.grid);
          samples.push(await measureNavigation(page, 'Next week', PROBE.grid));
        }
        const week = report('Week view', samples);
        // The day view: Tuesday and Wednesday of the same week, back and forth (about 77 posts a day).
        await page.getByRole('button', { name: 'Day', exact: true }).click();
        await goToDate(page, addDays(monday, 1));
        await page.locator('.timegrid .post-chip').first().waitFor();
        const days: NavSample[] = [];
        for (let i = 0; i < RUNS; i++) {
          days.push(await measureNavigation(page, 'Next day', PROBE.grid));
          await measureNavigation(page, 'Previous day', PROBE.grid);
        }
        const day = report('Day view', days);
        await page.getByRole('button', { name: 'Week', exact: true }).click();
        await goToDate(page, monday);
        await page.locator('.timegrid .post-chip').first().waitFor();
        const drag = await measureDrags(page);
        await page.context().close();
        return { week: { ...week, drag }, day };
      },
    );
    results.week = weekResults.week;
    results.day = weekResults.day;

    // --- list: 20,000 upcoming posts ------------------------------------------------------------------------
    results.list = await withServer(
      async (dir) => void (await seedPosts(dir, data.list.count, { ...data.list, accounts: 8 })),
      async (served) => measureList(await openApp(browser, served, installFrameProbe)),
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
  console.log(`Load average after: ${load()}`);
  console.log(JSON.stringify(results));
}

/** Drags posts one day to the right in the week view: when the move shows, and when the backend has stored it. */
async function measureDrags(page: Page): Promise<Record<string, unknown>> {
  const visible: number[] = [];
  const committed: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // A Tuesday post wholly in view, below the sticky day headings.
    const id = await page.evaluate((n) => {
      const frame = document.querySelector('.timegrid-frame')?.getBoundingClientRect();
      // The day headings stick to the top of the frame; the frame may reach below the window.
      const head = document.querySelector('.timegrid thead th')?.getBoundingClientRect();
      if (!frame || !head) return null;
      const bottom = Math.min(frame.bottom, (globalThis as unknown as { innerHeight: number }).innerHeight);
      const inView = [...document.querySelectorAll('.timegrid td:nth-of-type(2) .post-chip')].filter((c) => {
        const r = c.getBoundingClientRect();
        return r.top > head.bottom + 2 && r.bottom < bottom - 2;
      });
      return inView[n % inView.length]?.dataset.postId ?? null;
    }, i);
    if (!id) throw new Error('No post in view to drag.');
    const chip = page.locator(`[data-post-id="${id}"]`);
    const box = await chip.boundingBox();
    const nextDay = await page.locator('.timegrid td:nth-of-type(3) .timegrid__slots').boundingBox();
    if (!box || !nextDay) throw new Error('No post to drag.');
    await page.evaluate(() => performance.clearMarks());
    await page.mouse.move(box.x + box.width / 2, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 10, box.y + 10, { steps: 2 });
    await page.mouse.move(nextDay.x + nextDay.width / 2, box.y + 5, { steps: 4 });
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
  const samples = await measureListSwitches(page);
  const first = report('List view, first page of 2,000', samples);

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

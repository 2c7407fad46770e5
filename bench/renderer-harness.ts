// For the renderer benchmarks: `kairos serve` on a seeded data folder, and Debian's Chromium opened on it.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';

/** bench/run.mjs runs from the project root; the built app is there. */
export const ROOT = process.cwd();
const CLI = join(ROOT, 'dist', 'main', 'cli.js');
const RENDERER = join(ROOT, 'dist', 'renderer', 'index.html');

/** The same Chromium and flags as the end-to-end tests (playwright.config.ts). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface Served {
  readonly openUrl: string;
  readonly origin: string;
  readonly token: string;
  stop(): Promise<void>;
}

export function assertBuilt(): void {
  const missing = [CLI, RENDERER].filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`Build Kairos first (npm run build). Missing: ${missing.join(', ')}`);
}

export async function serve(dataDir: string): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--json', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kairos serve did not start:\n${output}`)), 30_000);
    let pending = '';
    child.stdout?.on('data', (c: Buffer) => {
      pending += c.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const url = (JSON.parse(line) as { url?: string }).url;
          if (url) {
            clearTimeout(timer);
            resolve(url);
          }
        } catch {
          // Not the line with the URL.
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`kairos serve exited (${code}):\n${output}`)));
  });
  const url = new URL(openUrl);
  return {
    openUrl,
    origin: url.origin,
    token: url.searchParams.get('token') ?? '',
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export async function openBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Opens the app through its one-time link and waits for the live connection, as the e2e fixture does. */
export async function openApp(browser: Browser, served: Served, init?: (page: Page) => Promise<void>): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  if (init) await init(page);
  await page.goto(served.openUrl);
  await page.locator('.connection--live').waitFor();
  return page;
}

export function stats(samples: readonly number[]): { median: number; p95: number; max: number; min: number } {
  const s = [...samples].sort((a, b) => a - b);
  const pick = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: pick(0.5), p95: pick(0.95), max: s.at(-1) as number, min: s[0] as number };
}

export const ms = (n: number): string => `${n.toFixed(1)} ms`;

// --- the end of the first complete frame ---------------------------------------------------------------------

/** What one frame watch found, in page time (performance.now()). */
export interface FrameWatch {
  /** End of the first frame that drew the last change to the calendar, with every post in view laid out and painted. */
  readonly frameEnd: number;
  /** When the last change to the calendar's DOM happened. */
  readonly lastMutation: number;
  /** Frames from the watch's start to that frame. */
  readonly frames: number;
  /** Posts in view in that frame. */
  readonly postsInView: number;
  /** End of the last long animation frame (over 50 ms) the watch saw, or NaN: a cross-check from the browser itself. */
  readonly lastLongFrameEnd: number;
}

export interface FrameWatchOptions {
  /** The element whose subtree is the calendar: changes outside it (toasts, the clock) do not count. */
  readonly root: string;
  /** One drawn post (a Kairos chip, a FullCalendar event, a react-big-calendar event). */
  readonly post: string;
  /** The element that scrolls the posts (time grid, list); the window when null. */
  readonly scroller: string | null;
}

// Only what the probe uses of the page, typed here: the bench compiles with Node's types, without the DOM's.
interface ProbeElement {
  readonly firstElementChild: ProbeElement | null;
  getBoundingClientRect(): { readonly top: number; readonly bottom: number; readonly left: number; readonly right: number };
  checkVisibility(options: { contentVisibilityAuto: boolean }): boolean;
  querySelectorAll(selector: string): ArrayLike<ProbeElement> & Iterable<ProbeElement>;
}
interface ProbeGlobal {
  kairosFrameProbe?: {
    arm(options: FrameWatchOptions): void;
    result(): FrameWatch | null;
    /** The frames and changes seen so far, for looking into a watch that does not end. */
    trace(): { readonly frames: readonly unknown[]; readonly mutations: readonly number[] };
  };
  readonly document: { querySelector(selector: string): ProbeElement | null };
  readonly innerHeight: number;
  readonly innerWidth: number;
  requestAnimationFrame(callback: () => void): number;
  readonly MutationObserver: new (
    callback: () => void,
  ) => { observe(target: ProbeElement, options: Record<string, boolean>): void; disconnect(): void };
  readonly PerformanceObserver: new (
    callback: (list: { getEntries(): readonly { readonly startTime: number; readonly duration: number }[] }) => void,
  ) => { observe(options: { type: string }): void };
  readonly MessageChannel: new () => {
    readonly port1: { onmessage: (() => void) | null };
    readonly port2: { postMessage(v: unknown): void };
  };
}

/**
 * Installed in the page before it loads. `arm` starts watching: every frame, a `requestAnimationFrame`
 * callback posts a message that runs once that frame's style, layout and paint are done (its end), and a
 * MutationObserver notes each change under `root`. The complete frame is the first one that started
 * after the last change and at whose end every post in view has its content drawn: a post skipped by
 * `content-visibility: auto` is not. The answer is given once the DOM has been quiet for 8 frames and 150 ms.
 */
function frameProbe(): void {
  const g = globalThis as unknown as ProbeGlobal;
  interface Frame {
    readonly start: number;
    end: number;
    ready: boolean;
    inView: number;
  }
  let frames: Frame[] = [];
  let lastMutation = Number.NaN;
  let longFrameEnd = Number.NaN;
  let armed: FrameWatchOptions | null = null;
  let observer: { disconnect(): void } | null = null;
  let done: FrameWatch | null = null;
  let mutations: number[] = [];

  const inViewReady = (o: FrameWatchOptions): { ready: boolean; inView: number } => {
    const root = g.document.querySelector(o.root);
    // An empty period is complete when it is drawn empty.
    if (!root) return { ready: false, inView: 0 };
    const box = o.scroller ? g.document.querySelector(o.scroller)?.getBoundingClientRect() : null;
    const top = Math.max(0, box?.top ?? 0);
    const bottom = Math.min(g.innerHeight, box?.bottom ?? g.innerHeight);
    let inView = 0;
    let ready = true;
    for (const post of root.querySelectorAll(o.post)) {
      const r = post.getBoundingClientRect();
      if (r.bottom <= top || r.top >= bottom || r.right <= 0 || r.left >= g.innerWidth || r.bottom === r.top) continue;
      inView++;
      const content = post.firstElementChild;
      if (content && !content.checkVisibility({ contentVisibilityAuto: true })) ready = false;
    }
    return { ready, inView };
  };

  let generation = 0;
  const tick = (mine: number) => {
    if (!armed || mine !== generation) return;
    const frame: Frame = { start: performance.now(), end: Number.NaN, ready: false, inView: 0 };
    frames.push(frame);
    const channel = new g.MessageChannel();
    channel.port1.onmessage = () => {
      frame.end = performance.now();
      if (!armed || mine !== generation) return;
      const o = armed;
      if (!Number.isNaN(lastMutation) && frame.start > lastMutation) Object.assign(frame, inViewReady(o));
      const quiet = frames.filter((f) => f.start > lastMutation).length;
      if (!Number.isNaN(lastMutation) && quiet >= 8 && frame.end - lastMutation > 150) {
        const index = frames.findIndex((f) => f.start > lastMutation && f.ready);
        const complete = frames[index];
        if (complete) {
          done = {
            frameEnd: complete.end,
            lastMutation,
            frames: index + 1,
            postsInView: complete.inView,
            lastLongFrameEnd: longFrameEnd,
          };
          armed = null;
          observer?.disconnect();
          return;
        }
      }
      g.requestAnimationFrame(() => tick(mine));
    };
    channel.port2.postMessage(0);
  };

  try {
    new g.PerformanceObserver((list) => {
      for (const e of list.getEntries())
        if (armed) longFrameEnd = Math.max(Number.isNaN(longFrameEnd) ? 0 : longFrameEnd, e.startTime + e.duration);
    }).observe({ type: 'long-animation-frame' });
  } catch {
    // A browser without the Long Animation Frames API: the cross-check stays NaN.
  }

  g.kairosFrameProbe = {
    arm(options) {
      frames = [];
      lastMutation = Number.NaN;
      longFrameEnd = Number.NaN;
      done = null;
      mutations = [];
      observer?.disconnect();
      armed = options;
      const mo = new g.MutationObserver(() => {
        lastMutation = performance.now();
        if (mutations.length < 200) mutations.push(lastMutation);
      });
      // The root may not exist yet (the first layout): watch the whole document then, as a change there is the calendar appearing.
      mo.observe((g.document.querySelector(options.root) ?? g.document.querySelector('body')) as ProbeElement, {
        childList: true,
        subtree: true,
        attributes: true,
        characterData: true,
      });
      observer = mo;
      const mine = ++generation;
      g.requestAnimationFrame(() => tick(mine));
    },
    result: () => done,
    trace: () => ({ frames: frames.slice(0, 200), mutations }),
  };
}

/** Adds the frame probe to every page of the context; call before the page loads. */
export async function installFrameProbe(page: Page): Promise<void> {
  await page.addInitScript(frameProbe);
}

/** Starts watching frames under `options.root`; what happens next (a click, a render) is what gets measured. */
export async function armFrameProbe(page: Page, options: FrameWatchOptions): Promise<void> {
  await page.evaluate((o) => (globalThis as unknown as ProbeGlobal).kairosFrameProbe?.arm(o), options);
}

/** Waits for the watch started by `armFrameProbe` to find its complete frame. */
export async function completeFrame(page: Page): Promise<FrameWatch> {
  const handle = await page.waitForFunction(() => (globalThis as unknown as ProbeGlobal).kairosFrameProbe?.result() ?? null, undefined, {
    timeout: 30_000,
    polling: 50,
  });
  return (await handle.jsonValue()) as FrameWatch;
}

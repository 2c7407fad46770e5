// Where a week or day navigation's time goes: a Chromium trace (CDP Tracing) of each navigation, from the posts in
// hand (kairos:calendar-loaded) to the end of the first complete frame, summed by kind of main-thread work.
// Run after a build: node bench/run.mjs bench/renderer-trace.ts [week|day] [runs]

import { loadavg } from 'node:os';
import { addDays, todayIn } from '../renderer/src/views/calendar/calendarModel';
import { goToDate, measureNavigation, PROBE, scenarios, withServer } from './calendar-scenarios';
import { assertBuilt, installFrameProbe, openApp, openBrowser } from './renderer-harness';
import { seedPosts } from './seed';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string; readonly [k: string]: unknown };
}

/** What each kind of trace event is, for the summary. */
function kindOf(name: string): string {
  if (name === 'UpdateLayoutTree' || name === 'RecalculateStyles' || name === 'ParseAuthorStyleSheet') return 'style';
  if (name === 'Layout') return 'layout';
  if (name === 'PrePaint') return 'pre-paint';
  if (name === 'Paint' || name === 'PaintImage' || name === 'RasterTask') return 'paint';
  if (name === 'Layerize' || name === 'Commit' || name === 'UpdateLayer' || name === 'CompositeLayers') return 'composite';
  if (name === 'HitTest' || name === 'ScrollLayer') return 'other';
  return 'script';
}

interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly children?: readonly number[];
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  }[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Adds the samples between `from` and `to` (trace microseconds) to the self and inclusive time of each function. */
function addProfile(
  cpu: CpuProfile,
  from: number,
  to: number,
  runs: number,
  self: Record<string, number>,
  inclusive: Record<string, number>,
): void {
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of cpu.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (id: number) => {
    const f = byId.get(id)?.callFrame;
    return f ? `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}` : '?';
  };
  let t = cpu.startTime;
  cpu.samples.forEach((id, k) => {
    t += cpu.timeDeltas[k] ?? 0;
    const dt = (cpu.timeDeltas[k + 1] ?? 0) / 1000 / runs;
    if (t < from || t > to) return;
    const key = keyOf(id);
    if (key.startsWith('(idle)')) return;
    self[key] = (self[key] ?? 0) + dt;
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k2 = keyOf(n);
      if (seen.has(k2)) continue;
      seen.add(k2);
      inclusive[k2] = (inclusive[k2] ?? 0) + dt;
    }
  });
}

async function main(): Promise<void> {
  assertBuilt();
  const layout = process.argv[2] === 'day' ? 'day' : 'week';
  const runs = Number(process.argv[3] ?? 5);
  console.log(
    `Load average before: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
  const browser = await openBrowser();
  const data = scenarios(todayIn('UTC', Date.now()));
  try {
    await withServer(
      async (dir) => void (await seedPosts(dir, data.week.count, { ...data.week, accounts: 8 })),
      async (served) => {
        const page = await openApp(browser, served, installFrameProbe);
        await page.getByRole('button', { name: layout === 'day' ? 'Day' : 'Week', exact: true }).click();
        await goToDate(page, layout === 'day' ? addDays(data.week.monday, 1) : data.week.monday);
        await page.locator('.timegrid .timegrid__col').first().waitFor();
        const cdp = await page.context().newCDPSession(page);
        const totals: Record<string, number[]> = {};
        const byName: Record<string, number> = {};
        const ends: number[] = [];
        const profiled: Record<string, number> = {};
        const inclusive: Record<string, number> = {};
        const profile = process.argv.includes('--profile');
        if (profile) {
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        }
        for (let i = 0; i < runs; i++) {
          const [back, forth] = layout === 'day' ? ['Previous day', 'Next day'] : ['Previous week', 'Next week'];
          await measureNavigation(page, back, PROBE.grid);
          const events: TraceEvent[] = [];
          const collect = (e: { value: readonly unknown[] }) => void events.push(...(e.value as TraceEvent[]));
          cdp.on('Tracing.dataCollected', collect);
          const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
          await cdp.send('Tracing.start', {
            transferMode: 'ReportEvents',
            traceConfig: { includedCategories: ['devtools.timeline', 'blink.user_timing', 'disabled-by-default-devtools.timeline'] },
          });
          if (profile) await cdp.send('Profiler.start');
          const sample = await measureNavigation(page, forth, PROBE.grid);
          let cpu: CpuProfile | null = null;
          if (profile) cpu = ((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile;
          await cdp.send('Tracing.end');
          await done;
          cdp.off('Tracing.dataCollected', collect);
          ends.push(sample.frameEnd);
          const loaded = events.find((e) => e.name === 'kairos:calendar-loaded');
          const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
          if (!loaded || !main) throw new Error('No loaded mark or main thread in the trace.');
          const from = loaded.ts;
          const to = from + sample.frameEnd * 1000;
          // Self time of each complete event on the main thread inside the window.
          const onMain = events
            .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined)
            .filter((e) => e.ts < to && e.ts + (e.dur ?? 0) > from)
            .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
          const run: Record<string, number> = {};
          const stack: { end: number; name: string; self: number }[] = [];
          const close = (upTo: number) => {
            while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= upTo) {
              const top = stack.pop();
              if (!top) break;
              const kind = kindOf(top.name);
              run[kind] = (run[kind] ?? 0) + top.self / 1000;
              byName[top.name] = (byName[top.name] ?? 0) + top.self / 1000 / runs;
            }
          };
          for (const e of onMain) {
            const start = Math.max(e.ts, from);
            const end = Math.min(e.ts + (e.dur ?? 0), to);
            close(start);
            const parent = stack.at(-1);
            if (parent) parent.self -= end - start;
            stack.push({ end, name: e.name, self: end - start });
          }
          close(Number.POSITIVE_INFINITY);
          for (const [k, v] of Object.entries(run)) {
            totals[k] ??= [];
            totals[k].push(v);
          }
          if (process.argv.includes('--events') && i === runs - 1)
            for (const e of onMain.filter((x) => (x.dur ?? 0) > 300 && x.name !== 'RunTask'))
              console.log(
                `    +${((e.ts - from) / 1000).toFixed(1)} ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms ${JSON.stringify(e.args ?? {}).slice(0, 300)}`,
              );
          if (cpu) addProfile(cpu, from, to, runs, profiled, inclusive);
        }
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
        console.log(`${layout}: frame end median ${median(ends).toFixed(1)} ms (${ends.map((n) => n.toFixed(0)).join(', ')})`);
        for (const [k, v] of Object.entries(totals).sort((a, b) => median(b[1]) - median(a[1]))) {
          console.log(`  ${k.padEnd(10)} median ${median(v).toFixed(1)} ms  (${v.map((n) => n.toFixed(1)).join(', ')})`);
        }
        console.log('  by event (mean self time):');
        for (const [k, v] of Object.entries(byName)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 14)) {
          console.log(`    ${k.padEnd(28)} ${v.toFixed(1)} ms`);
        }
        if (profile) {
          for (const [title, table] of [
            ['self', profiled],
            ['inclusive', inclusive],
          ] as const) {
            console.log(`  JavaScript ${title} time per navigation (posts in to frame end, sampled):`);
            for (const [k, v] of Object.entries(table)
              .sort((a, b) => b[1] - a[1])
              .slice(0, Number(process.env.TOP ?? 30))) {
              console.log(`    ${v.toFixed(2).padStart(6)} ms  ${k}`);
            }
          }
        }
        await page.context().close();
      },
    );
  } finally {
    await browser.close();
  }
  console.log(
    `Load average after: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
}

await main();

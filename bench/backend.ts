// Backend start-up time (empty and 100,000 posts) and the calendar's month query at 100,000 posts.
// Run: node bench/run.mjs bench/backend.ts

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../main/core/backend';
import { FEATURES } from '../main/features';
import { seedPosts } from './seed';

const POSTS = 100_000;
/** Years the posts are spread over: `--years N` (default 5). */
const YEARS = Number(process.argv[process.argv.indexOf('--years') + 1]) || 5;
const START = Date.UTC(2024, 0, 1);

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const pick = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: pick(0.5), p95: pick(0.95), max: s.at(-1) as number };
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

/** One cold start in a fresh process: from the first line of our code to a backend that answers. */
async function childStartup(dataDir: string): Promise<void> {
  const t0 = performance.now();
  const backend = await createBackend({ dataDir, features: FEATURES, shell: 'cli' });
  await backend.call('accounts.list', {});
  const t1 = performance.now();
  await backend.close();
  process.stdout.write(JSON.stringify({ startupMs: t1 - t0, sinceProcessStartMs: t1 }));
}

function coldStartups(dataDir: string, runs: number): number[] {
  const self = fileURLToPath(import.meta.url);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [self, '--child-startup', dataDir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    out.push((JSON.parse(r.stdout) as { startupMs: number }).startupMs);
  }
  return out;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-bench-backend-'));
  try {
    const empty = join(dir, 'empty');
    (await createBackend({ dataDir: empty, features: FEATURES, shell: 'cli' })).close();
    const emptyStats = stats(coldStartups(empty, 15));

    const full = join(dir, 'full');
    const seedStart = performance.now();
    const seeded = await seedPosts(full, POSTS, { from: START, spanDays: YEARS * 365, accounts: 20 });
    const seedMs = performance.now() - seedStart;
    const fullStats = stats(coldStartups(full, 15));

    const backend = await createBackend({ dataDir: full, features: FEATURES, shell: 'cli' });
    const months: { from: number; to: number }[] = [];
    for (let m = 0; m < 24; m++) months.push({ from: Date.UTC(2025, m, 1), to: Date.UTC(2025, m + 1, 1) });
    /** One channel over the 24 months, 5 rounds; the first round (cold pages, statement preparation) is left out. */
    const monthQuery = async (channel: 'posts.summaries' | 'posts.list') => {
      let inView = 0;
      let targets = 0;
      const samples: number[] = [];
      for (let round = 0; round < 5; round++) {
        for (const range of months) {
          const t0 = performance.now();
          const posts = await backend.call(channel, range);
          samples.push(performance.now() - t0);
          inView = posts.length;
          targets = posts.reduce((n, p) => n + p.targets.length, 0);
        }
      }
      return { ...stats(samples.slice(months.length)), inView, targets };
    };
    const month = await monthQuery('posts.summaries');
    const whole = await monthQuery('posts.list');
    await backend.close();

    process.stdout.write(
      [
        `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
        `seeded ${POSTS.toLocaleString('en')} posts over ${YEARS} years, 20 accounts (${seeded.accountIds.length}) in ${(seedMs / 1000).toFixed(1)} s`,
        `start-up, empty database:        median ${ms(emptyStats.median)}  p95 ${ms(emptyStats.p95)}  max ${ms(emptyStats.max)}  (target < 300 ms)`,
        `start-up, ${POSTS.toLocaleString('en')} posts:          median ${ms(fullStats.median)}  p95 ${ms(fullStats.p95)}  max ${ms(fullStats.max)}  (target < 300 ms)`,
        `calendar month query, posts.summaries (~${month.inView} posts, ${month.targets} targets a month): median ${ms(month.median)}  p95 ${ms(month.p95)}  max ${ms(month.max)}  (target < 5 ms)`,
        `for comparison, whole posts, posts.list (same months):        median ${ms(whole.median)}  p95 ${ms(whole.p95)}  max ${ms(whole.max)}  (${(whole.median / month.median).toFixed(1)}× the calendar's query)`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child-startup') await childStartup(process.argv[3] as string);
else await main();

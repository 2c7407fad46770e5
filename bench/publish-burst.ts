// 1,000 posts across 20 Discord webhooks, all due at the same moment, against a loopback fake with 20 ms latency:
// lateness of each account's first post, total drain time, nothing lost or doubled; then idle wake-ups and memory.
// Run: node bench/run.mjs bench/publish-burst.ts [--no-budgets]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../main/core/backend';
import { featuresWith } from '../main/features';
import { DiscordFake } from '../main/testing/discordFake';
import { discordOnly } from '../main/testing/engineHarness';
import { FakeClock } from '../main/testing/fakeClock';

const ACCOUNTS = 20;
const POSTS = 1_000;
const LATENCY_MS = 20;
/** Without budgets, an empty table in place of the adapters' own (Discord's `publishBudget`). */
const noBudgets = process.argv.includes('--no-budgets');

function quantile(samples: readonly number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function burst(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-burst-'));
  const fake = await new DiscordFake().start();
  fake.latencyMs = LATENCY_MS;
  const backend = await createBackend({
    dataDir: dir,
    features: featuresWith(discordOnly()),
    shell: 'cli',
    runScheduler: true,
    ...(noBudgets ? { schedulerTuning: { budgets: {} } } : {}),
  });
  try {
    const accounts: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      accounts.push(
        (await backend.call('accounts.connect', { platform: 'discord', name: `acct ${i}`, webhookUrl: fake.createWebhook(`hook ${i}`) }))
          .id,
      );
    }
    // Everything due at one instant, far enough ahead to finish creating the posts first.
    const due = Math.ceil((Date.now() + 30_000) / 1000) * 1000;
    const setupStart = performance.now();
    for (let i = 0; i < POSTS; i++) {
      await backend.call('posts.create', {
        text: `burst post ${i}`,
        accountIds: [accounts[i % ACCOUNTS] as string],
        when: { kind: 'instant', at: due, timeZone: 'UTC' },
      });
    }
    const setupMs = performance.now() - setupStart;
    if (Date.now() >= due) {
      process.stdout.write(`Setup took ${(setupMs / 1000).toFixed(1)} s and overran the due time; nothing measured.\n`);
      return false;
    }
    gc();
    const heapBefore = process.memoryUsage();
    while (fake.messages.length < POSTS && Date.now() < due + 300_000) await new Promise((r) => setTimeout(r, 50));
    await backend.scheduler.idle();
    const posts = await backend.call('posts.list', {});
    const targets = posts.flatMap((p) => p.targets);
    const published = targets.filter((t) => t.status === 'published');
    const contents = fake.messages.map((m) => m.content);
    const duplicates = contents.length - new Set(contents).size;
    const firstPerAccount = accounts.map((id) =>
      Math.min(...published.filter((t) => t.accountId === id).map((t) => (t.publishedAt as number) - due)),
    );
    const all = published.map((t) => (t.publishedAt as number) - due);
    gc();
    const heapAfter = process.memoryUsage();
    const line = (label: string, xs: readonly number[]) =>
      `${label.padEnd(34)} p50 ${quantile(xs, 0.5)} ms   p99 ${quantile(xs, 0.99)} ms   max ${Math.max(...xs)} ms`;
    process.stdout.write(
      `${[
        `Publish burst: ${POSTS} posts, ${ACCOUNTS} Discord webhooks, ${LATENCY_MS} ms latency, budgets ${noBudgets ? 'off' : 'on (defaults)'}`,
        `  setup (creating the posts)        ${(setupMs / 1000).toFixed(1)} s`,
        line('  lateness, first post per account', firstPerAccount),
        line('  lateness, every post', all),
        `  drain (due → last published)      ${(Math.max(...all) / 1000).toFixed(2)} s`,
        `  published ${published.length} of ${POSTS}; remote messages ${contents.length}; duplicates ${duplicates}; lost ${POSTS - published.length}`,
        `  memory: heap ${mb(heapBefore.heapUsed)} before → ${mb(heapAfter.heapUsed)} after; rss ${mb(heapAfter.rss)}`,
      ].join('\n')}\n`,
    );
    return published.length === POSTS && duplicates === 0 && quantile(firstPerAccount, 0.99) < 1_000;
  } finally {
    await backend.close();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Counts scheduler passes over an idle hour of fake time, stepping a second at a time. */
async function idleWakeups(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-idle-'));
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  let passes = 0;
  const backend = await createBackend({
    dataDir: dir,
    features: featuresWith(discordOnly()),
    clock,
    shell: 'cli',
    runScheduler: true,
    schedulerTuning: { onPass: () => passes++ },
  });
  try {
    await backend.scheduler.idle();
    const before = passes;
    for (let s = 0; s < 3_600; s++) {
      clock.advance(1_000);
      await backend.scheduler.idle();
    }
    const n = passes - before;
    process.stdout.write(`Idle: ${n} scheduler wake-ups in one hour with nothing due (target: at most 60)\n`);
    return n;
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ok = await burst();
const wakeups = await idleWakeups();
process.exitCode = ok && wakeups <= 60 ? 0 : 1;

// The scheduler's tuning is given at construction and reaches the loop: a shorter longest sleep means more passes,
// and a gap between passes makes a burst of wakes cost one pass without making anything due wait past it.

import { afterEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../../testing/discordFake';
import { type Harness, passTime, startHarness } from '../../testing/engineHarness';

describe('scheduler tuning', () => {
  let h: Harness | null = null;
  let fake: DiscordFake | null = null;

  afterEach(async () => {
    await h?.close();
    h = null;
    await fake?.stop();
    fake = null;
  });

  const passesInAMinute = async (maxWaitMs?: number): Promise<number> => {
    let passes = 0;
    h = await startHarness({ tuning: { onPass: () => passes++, ...(maxWaitMs ? { maxWaitMs } : {}) } });
    const before = passes;
    await passTime(h, 60_000);
    const n = passes - before;
    await h.close();
    h = null;
    return n;
  };

  it('counts every pass through onPass, and wakes at least every maxWaitMs', async () => {
    const idle = await passesInAMinute();
    const eager = await passesInAMinute(5_000);
    expect(idle).toBeGreaterThan(0);
    expect(idle).toBeLessThanOrEqual(4);
    expect(eager).toBeGreaterThanOrEqual(10);
  });

  /** Wakes the scheduler `n` times, letting each wake's pass (if it starts one) finish before the next. */
  const wakes = async (harness: Harness, n: number) => {
    for (let i = 0; i < n; i++) {
      harness.backend.scheduler.wake();
      await harness.backend.scheduler.idle();
    }
  };

  it('without a gap, every wake runs a pass', async () => {
    let passes = 0;
    h = await startHarness({ tuning: { onPass: () => passes++ } });
    const before = passes;
    await wakes(h, 10);
    expect(passes - before).toBe(10);
  });

  it('with a gap, the wakes within it share one pass at its end, and what came due meanwhile goes out then', async () => {
    let passes = 0;
    fake = await new DiscordFake().start();
    h = await startHarness({ tuning: { onPass: () => passes++, minPassGapMs: 1_000 } });
    const account = (await h.backend.call('accounts.connect', { platform: 'discord', name: 'Alpha', webhookUrl: fake.createWebhook('a') }))
      .id;
    await passTime(h, 2_000);
    const before = passes;
    await wakes(h, 10);
    // The first wake after a quiet second runs at once; the other nine wait for the gap to end.
    expect(passes - before).toBe(1);
    // Due now, written within the gap: it waits for the pass at the end of the gap, not for the next minute.
    await h.backend.call('posts.create', { text: 'Right away', accountIds: [account], when: { kind: 'now' } });
    await h.backend.scheduler.idle();
    expect(fake.messages).toHaveLength(0);
    await passTime(h, 1_000, 250);
    expect(passes - before).toBe(2);
    expect(fake.messages.map((m) => m.content)).toEqual(['Right away']);
  });
});

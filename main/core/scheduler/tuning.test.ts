// The scheduler's tuning is given at construction and reaches the loop: a shorter longest sleep means more passes.

import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, passTime, startHarness } from '../../testing/engineHarness';

describe('scheduler tuning', () => {
  let h: Harness | null = null;

  afterEach(async () => {
    await h?.close();
    h = null;
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
});

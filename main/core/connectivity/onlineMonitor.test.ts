// Tests for the OnlineMonitor: probe outcomes, real-request reports, the OS hint, backoff and the network-return wake-up.

import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectivityStatus } from '../../../shared/contract/app';
import { FakeClock } from '../../testing/fakeClock';
import { OnlineMonitor } from './onlineMonitor';
import { reportRequestOutcome } from './requestOutcomes';

const START = Date.UTC(2026, 5, 1, 8, 0);

interface Harness {
  readonly monitor: OnlineMonitor;
  readonly clock: FakeClock;
  readonly probes: string[];
  readonly changes: ConnectivityStatus[];
  /** What the scheduler was told, in order: false when going offline, true when the network came back. */
  network: boolean[];
  reachable: boolean;
  waiting: number;
  origins: string[];
}

const monitors: OnlineMonitor[] = [];
afterEach(() => {
  for (const m of monitors.splice(0)) m.stop();
});

function harness(): Harness {
  const clock = new FakeClock(START);
  const h: Harness = {
    clock,
    probes: [],
    changes: [],
    network: [],
    reachable: true,
    waiting: 0,
    origins: ['https://discord.com', 'https://mastodon.example'],
    monitor: undefined as unknown as OnlineMonitor,
  };
  const monitor = new OnlineMonitor({
    clock,
    probe: async (origin) => {
      h.probes.push(origin);
      return h.reachable;
    },
    origins: () => h.origins,
    waitingCount: () => h.waiting,
    onNetworkChange: (online) => h.network.push(online),
    onChange: (s) => h.changes.push(s),
  });
  monitors.push(monitor);
  return Object.assign(h, { monitor });
}

/** Advances the fake clock and lets any probe it started finish. */
async function advance(h: Harness, ms: number): Promise<void> {
  h.clock.advance(ms);
  await h.monitor.idle();
}

describe('OnlineMonitor', () => {
  it('is unknown until the first probe, which is due at once on start', async () => {
    const h = harness();
    expect(h.monitor.status()).toEqual({ state: 'unknown', online: true, since: null, waitingForNetwork: 0 });
    h.monitor.start();
    await advance(h, 0);
    expect(h.probes).toEqual(['https://discord.com', 'https://mastodon.example']);
    expect(h.monitor.status()).toEqual({ state: 'online', online: true, since: START, waitingForNetwork: 0 });
    expect(h.changes).toHaveLength(1);
  });

  it('goes offline only when no platform answers, and counts waiting posts only then', async () => {
    const h = harness();
    h.waiting = 3;
    h.reachable = false;
    h.monitor.start();
    await advance(h, 0);
    expect(h.monitor.status()).toEqual({ state: 'offline', online: false, since: START, waitingForNetwork: 3 });
    expect(h.changes.at(-1)).toMatchObject({ online: false, waitingForNetwork: 3 });
  });

  it('calls it online when any one platform answers', async () => {
    const h = harness();
    const monitor = new OnlineMonitor({
      clock: h.clock,
      probe: async (origin) => origin === 'https://mastodon.example',
      origins: () => h.origins,
      waitingCount: () => 0,
      onNetworkChange: () => {},
      onChange: () => {},
    });
    monitors.push(monitor);
    expect(await monitor.checkNow()).toBe('online');
  });

  it('probes again with growing waits while offline, and tells the scheduler once each way', async () => {
    const h = harness();
    h.reachable = false;
    h.monitor.start();
    await advance(h, 0);
    const probesAt = (n: number) => h.probes.length / h.origins.length === n;
    expect(probesAt(1)).toBe(true);
    await advance(h, 4_999);
    expect(probesAt(1)).toBe(true);
    await advance(h, 1);
    expect(probesAt(2)).toBe(true);
    // The second wait is twice the first: 10 s.
    await advance(h, 9_999);
    expect(probesAt(2)).toBe(true);
    await advance(h, 1);
    expect(probesAt(3)).toBe(true);
    expect(h.network).toEqual([false]);

    h.reachable = true;
    await advance(h, 20_000);
    expect(h.monitor.state).toBe('online');
    expect(h.monitor.status().since).toBe(START + 35_000);
    expect(h.network).toEqual([false, true]);

    // Online, the next look is the light ten-minute recheck, and it changes nothing.
    const before = h.probes.length;
    await advance(h, 10 * 60_000 - 1);
    expect(h.probes.length).toBe(before);
    await advance(h, 1);
    expect(h.probes.length).toBe(before + h.origins.length);
    expect(h.network).toEqual([false, true]);
  });

  it('caps the offline wait at two minutes', async () => {
    const h = harness();
    h.reachable = false;
    h.monitor.start();
    await advance(h, 0);
    // 5, 10, 20, 40 and 80 s, then 120 s each time. Each wait is armed when the probe before it has answered.
    for (const wait of [5_000, 10_000, 20_000, 40_000, 80_000]) await advance(h, wait);
    expect(h.probes.length).toBe(6 * h.origins.length);
    await advance(h, 120_000);
    const count = h.probes.length;
    await advance(h, 119_999);
    expect(h.probes.length).toBe(count);
    await advance(h, 1);
    expect(h.probes.length).toBe(count + h.origins.length);
  });

  it('takes an answered real request as proof of being online, without probing', async () => {
    const h = harness();
    h.reachable = false;
    h.monitor.start();
    await advance(h, 0);
    expect(h.monitor.state).toBe('offline');
    const probes = h.probes.length;
    reportRequestOutcome('https://discord.com/api/webhooks/1/secret-token?wait=true', true);
    expect(h.monitor.state).toBe('online');
    expect(h.probes.length).toBe(probes);
    expect(h.network).toEqual([false, true]);
  });

  it('probes after a failed real request instead of trusting one refused connection', async () => {
    const h = harness();
    h.monitor.start();
    await advance(h, 0);
    expect(h.monitor.state).toBe('online');
    const probes = h.probes.length;
    reportRequestOutcome('https://mastodon.example/api/v1/statuses', false);
    await h.monitor.idle();
    expect(h.probes.length).toBe(probes + h.origins.length);
    expect(h.monitor.state).toBe('online');

    h.reachable = false;
    reportRequestOutcome('https://mastodon.example/api/v1/statuses', false);
    await h.monitor.idle();
    expect(h.monitor.state).toBe('offline');
  });

  it('joins a probe already under way instead of starting another', async () => {
    const h = harness();
    const [a, b] = [h.monitor.checkNow(), h.monitor.checkNow()];
    expect(a).toBe(b);
    await a;
    expect(h.probes).toHaveLength(h.origins.length);
  });

  it('believes the OS when it says there is no network, and probes when it says there is', async () => {
    const h = harness();
    h.monitor.start();
    await advance(h, 0);
    h.monitor.hint(false);
    expect(h.monitor.state).toBe('offline');
    const probes = h.probes.length;
    // While the OS says no network, probes do not even try.
    await advance(h, 60_000);
    expect(h.probes.length).toBe(probes);
    h.monitor.hint(true);
    await h.monitor.idle();
    expect(h.monitor.state).toBe('online');
    expect(h.probes.length).toBe(probes + h.origins.length);
    expect(h.network).toEqual([false, true]);
  });

  it('does not probe again when the OS keeps saying there is some network', async () => {
    const h = harness();
    h.reachable = false;
    h.monitor.start();
    h.monitor.hint(true);
    await advance(h, 0);
    expect(h.monitor.state).toBe('offline');
    const probes = h.probes.length;
    for (let i = 0; i < 5; i++) h.monitor.hint(true);
    await h.monitor.idle();
    expect(h.probes.length).toBe(probes);
  });

  it('follows the OS alone when no account gives a server to probe', async () => {
    const h = harness();
    h.origins = [];
    h.monitor.start();
    await advance(h, 0);
    expect(h.monitor.state).toBe('unknown');
    h.monitor.hint(false);
    expect(h.monitor.state).toBe('offline');
    h.monitor.hint(true);
    await h.monitor.idle();
    expect(h.monitor.state).toBe('online');
    expect(h.probes).toEqual([]);
  });

  it('re-announces the waiting count while offline when posts change, and only when it changed', async () => {
    const h = harness();
    h.reachable = false;
    h.monitor.start();
    await advance(h, 0);
    const announced = h.changes.length;
    h.monitor.postsChanged();
    await h.monitor.idle();
    expect(h.changes.length).toBe(announced);
    h.waiting = 2;
    h.monitor.postsChanged();
    await h.monitor.idle();
    expect(h.changes.length).toBe(announced + 1);
    expect(h.changes.at(-1)).toMatchObject({ online: false, waitingForNetwork: 2 });
    expect(h.monitor.status().waitingForNetwork).toBe(2);
  });

  it('answers status() from the last count while a slow count is read, and counts the last change', async () => {
    const h = harness();
    const reads: ((n: number) => void)[] = [];
    const monitor = new OnlineMonitor({
      clock: h.clock,
      probe: async () => false,
      origins: () => h.origins,
      waitingCount: () => new Promise<number>((resolve) => reads.push(resolve)),
      onNetworkChange: () => {},
      onChange: (s) => h.changes.push(s),
    });
    monitors.push(monitor);
    const probing = monitor.checkNow();
    await new Promise((r) => setImmediate(r));
    reads.shift()?.(1);
    expect(await probing).toBe('offline');
    expect(monitor.status().waitingForNetwork).toBe(1);
    expect(h.changes.at(-1)).toMatchObject({ online: false, waitingForNetwork: 1 });

    // A second change while a read is under way reads once more after it; only the last count is announced.
    monitor.postsChanged();
    expect(monitor.status().waitingForNetwork).toBe(1);
    monitor.postsChanged();
    expect(reads).toHaveLength(1);
    reads.shift()?.(2);
    await new Promise((r) => setImmediate(r));
    expect(reads).toHaveLength(1);
    expect(h.changes.at(-1)).toMatchObject({ waitingForNetwork: 1 });
    reads.shift()?.(3);
    await monitor.idle();
    expect(monitor.status().waitingForNetwork).toBe(3);
    expect(h.changes.at(-1)).toMatchObject({ online: false, waitingForNetwork: 3 });
  });

  it('keeps the last count when counting fails, and counts again at the next probe', async () => {
    const h = harness();
    let broken = false;
    const monitor = new OnlineMonitor({
      clock: h.clock,
      probe: async () => false,
      origins: () => h.origins,
      waitingCount: () => {
        if (broken) throw new Error('the database is busy');
        return h.waiting;
      },
      onNetworkChange: () => {},
      onChange: (s) => h.changes.push(s),
    });
    monitors.push(monitor);
    h.waiting = 4;
    await monitor.checkNow();
    expect(monitor.status().waitingForNetwork).toBe(4);
    broken = true;
    h.waiting = 1;
    monitor.postsChanged();
    await monitor.idle();
    expect(monitor.status().waitingForNetwork).toBe(4);
    broken = false;
    await monitor.checkNow();
    expect(monitor.status().waitingForNetwork).toBe(1);
    expect(h.changes.at(-1)).toMatchObject({ online: false, waitingForNetwork: 1 });
  });

  it('does nothing after stop: no probes, no events, no wake-ups', async () => {
    const h = harness();
    h.reachable = false;
    h.monitor.start();
    await advance(h, 0);
    h.monitor.stop();
    const [probes, changes] = [h.probes.length, h.changes.length];
    h.reachable = true;
    reportRequestOutcome('https://discord.com/', true);
    await advance(h, 10 * 60_000);
    expect(h.probes.length).toBe(probes);
    expect(h.changes.length).toBe(changes);
    expect(h.network).toEqual([false]);
  });
});

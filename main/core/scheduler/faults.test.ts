// Fault tests: dropped replies after commit, 429 in both Retry-After forms, 5xx, timeouts, 401, DNS failure, two schedulers.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlatformId } from '../../../shared/domain';
import { featuresWith } from '../../features';
import { createDiscordAdapter } from '../../platforms/discord/adapter';
import { DiscordFake } from '../../testing/discordFake';
import { type Harness, passTime, startHarness, T0 } from '../../testing/engineHarness';
import { FakeNetwork } from '../../testing/fakeNetwork';
import { createFakeNetworkAdapter } from '../../testing/fakeNetworkAdapter';
import { createBackend } from '../backend';
import type { PlatformAdapter } from '../platforms/types';

const MIN = 60_000;

describe('faults', () => {
  let discord: DiscordFake;
  let net: FakeNetwork;
  let h: Harness;
  let dnsBroken = false;

  /** discord: the real adapter; mastodon: idempotent retries; bluesky: no idempotency, but lookups. */
  async function start(): Promise<void> {
    const clockHolder: { now: () => number } = { now: () => T0 };
    const clock = { now: () => clockHolder.now(), setTimer: () => ({ cancel() {} }) };
    const platforms = new Map<PlatformId, PlatformAdapter>([
      ['discord', createDiscordAdapter() as PlatformAdapter],
      [
        'mastodon',
        createFakeNetworkAdapter({
          id: 'mastodon',
          idempotentRetry: true,
          lookup: false,
          clock,
          redirect: () => (dnsBroken ? 'http://kairos-test.invalid' : null),
        }) as PlatformAdapter,
      ],
      ['bluesky', createFakeNetworkAdapter({ id: 'bluesky', idempotentRetry: false, lookup: true, clock }) as PlatformAdapter],
    ]);
    h = await startHarness({ platforms });
    clockHolder.now = () => h.clock.now();
  }

  beforeEach(async () => {
    discord = await new DiscordFake().start();
    net = await new FakeNetwork().start();
    dnsBroken = false;
    await start();
  });

  afterEach(async () => {
    await h.close();
    await discord.stop();
    await net.stop();
  });

  const connect = async (platform: 'discord' | 'mastodon' | 'bluesky', name: string) => {
    if (platform === 'discord')
      return (await h.backend.call('accounts.connect', { platform, name, webhookUrl: discord.createWebhook(name) })).id;
    if (platform === 'mastodon')
      return (await h.backend.call('accounts.connect', { platform, name, instance: net.origin, accessToken: net.createToken() })).id;
    return (
      await h.backend.call('accounts.connect', { platform, name, identifier: 'brand', appPassword: net.createToken(), service: net.origin })
    ).id;
  };
  const postNow = async (text: string, accountIds: string[]) =>
    (await h.backend.call('posts.create', { text, accountIds, when: { kind: 'instant', at: h.clock.now(), timeZone: 'UTC' } })).post;
  const get = async (id: string) => (await h.backend.call('posts.get', { id })).post;

  describe('the server commits the post, then the connection drops before the reply', () => {
    it('Discord (no idempotency, no lookup): exactly one message, and the target is unconfirmed, not re-sent', async () => {
      const acc = await connect('discord', 'Community');
      discord.failNext({ kind: 'commit_then_drop' });
      const p = await postNow('only once please', [acc]);
      await passTime(h, 1_000);
      const after = await get(p.id);
      expect(after.status).toBe('unconfirmed');
      expect(after.targets[0]?.lastError).toMatch(/offers no way to check/);
      await passTime(h, 30 * MIN, MIN);
      expect(discord.messages.map((m) => m.content)).toEqual(['only once please']);
      const status = await h.backend.call('engine.status', {});
      expect(status.attention.unconfirmed).toBe(1);
      const [item] = await h.backend.call('engine.review', { statuses: ['unconfirmed'] });
      expect(item?.actions).toEqual(['publish-now', 'mark-published', 'reschedule', 'discard']);
      await h.backend.call('engine.decide', { postId: p.id, decision: { kind: 'mark-published' } });
      expect((await get(p.id)).status).toBe('published');
    });

    it('an idempotent network: retried with the same key, one remote post, published', async () => {
      const acc = await connect('mastodon', 'Toots');
      net.failNext({ kind: 'commit_then_drop' });
      const p = await postNow('idempotent hello', [acc]);
      await passTime(h, 1_000);
      expect((await get(p.id)).status).toBe('retrying');
      await passTime(h, 2 * MIN, 5_000);
      const done = await get(p.id);
      expect(done.status).toBe('published');
      expect(net.createRequests).toBe(2);
      expect(net.statuses.map((s) => s.content)).toEqual(['idempotent hello']);
      expect(done.targets[0]?.remoteId).toBe(net.statuses[0]?.id);
    });

    it('a network with lookups: found by checking recent posts, published without sending again', async () => {
      const acc = await connect('bluesky', 'Sky');
      net.failNext({ kind: 'commit_then_drop' });
      const p = await postNow('look me up', [acc]);
      await passTime(h, 1_000);
      const done = await get(p.id);
      expect(done.status).toBe('published');
      expect(net.createRequests).toBe(1);
      expect(done.targets[0]?.remoteId).toBe(net.statuses[0]?.id);
    });
  });

  describe('429 Too Many Requests', () => {
    it('Retry-After in seconds: the account waits that long, its next post too, then both go in order', async () => {
      const acc = await connect('mastodon', 'Toots');
      net.failNext({ kind: 'rate_limit', retryAfter: '120' });
      const first = await postNow('first', [acc]);
      const second = await postNow('second', [acc]);
      await passTime(h, 1_000);
      const waiting = await get(first.id);
      expect(waiting.status).toBe('retrying');
      expect(waiting.targets[0]?.nextAttemptAt).toBe(T0 + 120_000 + 500);
      await passTime(h, 118_000, 2_000);
      expect(net.statuses).toHaveLength(0);
      expect((await get(second.id)).status).toBe('scheduled');
      await passTime(h, 5_000);
      expect(net.statuses.map((s) => s.content)).toEqual(['first', 'second']);
    });

    it('Retry-After as an HTTP-date', async () => {
      const acc = await connect('mastodon', 'Toots');
      net.failNext({
        kind: 'rate_limit',
        retryAfter: new Date(T0 + 5 * MIN).toUTCString(),
        resetIso: new Date(T0 + 5 * MIN).toISOString(),
      });
      const p = await postNow('dated', [acc]);
      await passTime(h, 1_000);
      expect((await get(p.id)).targets[0]?.nextAttemptAt).toBe(T0 + 5 * MIN + 500);
      await passTime(h, 5 * MIN, 10_000);
      expect((await get(p.id)).status).toBe('published');
    });
  });

  it('5xx: retried with jittered backoff; after six attempts it fails with the reason', async () => {
    const acc = await connect('mastodon', 'Toots');
    net.failNext({ kind: 'server_error', status: 503 }, { kind: 'server_error', status: 502 });
    const p = await postNow('flaky', [acc]);
    await passTime(h, 1_000);
    // random() = 0.5: half of 15 s after the first failure, half of 30 s after the second.
    expect((await get(p.id)).targets[0]?.nextAttemptAt).toBe(T0 + 7_500);
    await passTime(h, 30_000);
    expect((await get(p.id)).status).toBe('published');
    expect(net.createRequests).toBe(3);

    const q = await postNow('down for good', [acc]);
    net.failNext(...Array.from({ length: 6 }, () => ({ kind: 'server_error' as const, status: 500 })));
    await passTime(h, 30 * MIN, 5_000);
    const failed = await get(q.id);
    expect(failed.status).toBe('failed');
    expect(failed.targets[0]?.lastError).toMatch(/^Gave up after 6 attempts\. The server had a problem \(500\)/);
  });

  it('timeouts: a hung Discord call ends at the deadline as unconfirmed; an idempotent one is retried safely', async () => {
    await h.restart({ tuning: { publishDeadlineMs: 300 } });
    const d = await connect('discord', 'Community');
    const m = await connect('mastodon', 'Toots');
    discord.failNext({ kind: 'hang' });
    net.failNext({ kind: 'hang' });
    const p1 = await postNow('discord hang', [d]);
    const p2 = await postNow('toot hang', [m]);
    await passTime(h, 1_000);
    expect((await get(p1.id)).status).toBe('unconfirmed');
    await passTime(h, 2 * MIN, 5_000);
    expect((await get(p2.id)).status).toBe('published');
    expect(net.statuses.map((s) => s.content)).toEqual(['toot hang']);
    expect(discord.messages).toHaveLength(0);
  });

  it('401: never retried; the account needs re-login, its posts wait, other accounts carry on', async () => {
    const m = await connect('mastodon', 'Toots');
    const d = await connect('discord', 'Community');
    net.failNext({ kind: 'unauthorized' });
    const p1 = await postNow('refused', [m, d]);
    const p2 = await postNow('also waits', [m]);
    await passTime(h, 10_000);
    expect(net.createRequests).toBe(1);
    expect(discord.messages.map((x) => x.content)).toEqual(['refused']);
    const accounts = await h.backend.call('accounts.list', {});
    expect(accounts.find((x) => x.id === m)?.status).toBe('needs_relogin');
    expect((await get(p1.id)).targets.map((t) => t.status)).toEqual(['scheduled', 'published']);
    expect((await get(p2.id)).status).toBe('scheduled');
    expect((await h.backend.call('engine.status', {})).attention.accountsNeedingLogin).toBe(1);

    // A stuck account must not make other accounts' posts late: they still go out at their time.
    const due = h.clock.now() + 30_000;
    const onTime = (
      await h.backend.call('posts.create', { text: 'on time', accountIds: [d], when: { kind: 'instant', at: due, timeZone: 'UTC' } })
    ).post;
    await passTime(h, 30_500, 500);
    expect((await get(onTime.id)).targets[0]?.publishedAt).toBe(due);

    await h.backend.call('accounts.reconnect', {
      id: m,
      input: { platform: 'mastodon', name: 'Toots', instance: net.origin, accessToken: net.createToken() },
    });
    await passTime(h, 5_000);
    expect(net.statuses.map((s) => s.content)).toEqual(['refused', 'also waits']);
    expect(discord.messages.map((x) => x.content)).toEqual(['refused', 'on time']);
  });

  it('DNS failure: waits for the network, counted; network return sends it; past the grace window it is missed', async () => {
    const m = await connect('mastodon', 'Toots');
    dnsBroken = true;
    const p = await postNow('offline hello', [m]);
    await passTime(h, 1_000);
    const waiting = await get(p.id);
    expect(waiting.status).toBe('retrying');
    expect(waiting.targets[0]?.lastError).toMatch(/^Waiting for the network\. Fake network could not be found \(DNS lookup failed\)/);
    const status = await h.backend.call('engine.status', {});
    expect([status.online, status.waitingForNetwork]).toEqual([false, 1]);

    dnsBroken = false;
    await h.backend.call('engine.networkChanged', { online: true });
    await h.backend.scheduler.idle();
    expect((await get(p.id)).status).toBe('published');
    expect((await h.backend.call('engine.status', {})).waitingForNetwork).toBe(0);

    dnsBroken = true;
    const q = await postNow('offline too long', [m]);
    await passTime(h, 16 * MIN, MIN);
    const missed = await get(q.id);
    expect(missed.status).toBe('missed');
    expect(missed.targets[0]?.lastError).toMatch(/the network could not be reached/);
  });

  it('two schedulers on one database: each post goes out once, and the second takes over when the first stops', async () => {
    const d = await connect('discord', 'Community');
    const m = await connect('mastodon', 'Toots');
    const second = await createBackend({
      dataDir: h.dir,
      features: featuresWith(
        new Map<PlatformId, PlatformAdapter>([
          ['discord', createDiscordAdapter() as PlatformAdapter],
          ['mastodon', createFakeNetworkAdapter({ idempotentRetry: true, lookup: false, clock: h.clock }) as PlatformAdapter],
        ]),
      ),
      clock: h.clock,
      shell: 'browser',
      runScheduler: true,
    });
    try {
      for (let i = 0; i < 10; i++) await postNow(`twice? ${i}`, i % 2 ? [d] : [m]);
      second.scheduler.wake();
      await passTime(h, 5_000);
      await second.scheduler.idle();
      expect((await second.scheduler.status()).heldElsewhere).toBe(true);
      const all = [...discord.messages.map((x) => x.content), ...net.statuses.map((s) => s.content)].sort();
      expect(all).toEqual(Array.from({ length: 10 }, (_, i) => `twice? ${i}`).sort());

      await h.backend.close();
      await second.call('posts.create', { text: 'after hand-over', accountIds: [d], when: { kind: 'now' } });
      second.scheduler.wake();
      await second.scheduler.idle();
      expect((await second.scheduler.status()).heldElsewhere).toBe(false);
      expect(discord.messages.filter((x) => x.content === 'after hand-over')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

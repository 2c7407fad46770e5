// Offline drafting end to end: a real backend, the Discord fake behind a relay we can unplug, and a restart mid-outage.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../../shared/contract';
import { FEATURES } from '../../features';
import { DiscordFake } from '../../testing/discordFake';
import { FakeClock } from '../../testing/fakeClock';
import { UnpluggableRelay } from '../../testing/unpluggableRelay';
import { type Backend, createBackend } from '../backend';

const START = Date.UTC(2026, 5, 1, 8, 0);

describe('offline drafting with a real backend', () => {
  let dir: string;
  let fake: DiscordFake;
  let relay: UnpluggableRelay;
  const backends: Backend[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-offline-'));
    fake = await new DiscordFake().start();
    relay = new UnpluggableRelay(Number(new URL(fake.origin).port));
    await relay.plugIn();
  });

  afterEach(async () => {
    for (const b of backends.splice(0)) await b.close();
    await relay.unplug();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(clock: FakeClock): Promise<{ backend: Backend; events: BackendEvent[] }> {
    const backend = await createBackend({
      dataDir: dir,
      features: FEATURES,
      clock,
      shell: 'cli',
      runScheduler: true,
      systemTimeZone: 'Europe/Rome',
      random: () => 0.5,
    });
    backends.push(backend);
    const events: BackendEvent[] = [];
    backend.subscribe((e) => events.push(e));
    return { backend, events };
  }

  /** Lets every publish attempt and probe started so far finish, including the ones they start in turn. */
  async function settle(backend: Backend): Promise<void> {
    for (let i = 0; i < 4; i++) {
      await backend.scheduler.idle();
      await backend.connectivity.idle();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async function step(backend: Backend, clock: FakeClock, ms: number): Promise<void> {
    clock.advance(ms);
    await settle(backend);
  }

  /** A webhook on the fake, reached through the relay. */
  function webhookViaRelay(): { url: string; token: string } {
    const direct = new URL(fake.createWebhook());
    const token = direct.pathname.split('/').at(-1) ?? '';
    return { url: `${relay.origin}${direct.pathname}`, token };
  }

  const connectivityEvents = (events: readonly BackendEvent[]) => events.filter((e) => e.type === 'connectivity');

  it('queues "post now" while the platforms are unreachable and publishes it once when they are back', async () => {
    const clock = new FakeClock(START);
    const { backend, events } = await open(clock);
    const hook = webhookViaRelay();
    const account = await backend.call('accounts.connect', { platform: 'discord', name: 'Community', webhookUrl: hook.url });
    await step(backend, clock, 0);
    expect((await backend.call('app.connectivity', {})).state).toBe('online');

    await relay.unplug();
    // The light probe finds out on its own; nothing had to fail first.
    await step(backend, clock, 10 * 60_000);
    expect(await backend.call('app.connectivity', {})).toMatchObject({ state: 'offline', online: false, waitingForNetwork: 0 });

    const { post } = await backend.call('posts.create', { text: 'Written on the train', accountIds: [account.id], when: { kind: 'now' } });
    await settle(backend);
    // A minute of retries and probes while the network is still gone.
    for (let i = 0; i < 12; i++) await step(backend, clock, 5_000);

    expect(fake.messages).toHaveLength(0);
    expect(await backend.call('app.connectivity', {})).toMatchObject({ online: false, waitingForNetwork: 1 });
    expect(connectivityEvents(events).at(-1)).toEqual({ type: 'connectivity', online: false, waiting: 1 });
    const waiting = (await backend.call('posts.get', { id: post.id })).post;
    expect(['scheduled', 'retrying']).toContain(waiting.targets[0]?.status);
    expect(waiting.targets[0]?.publishedAt).toBeNull();

    await relay.plugIn();
    // Nothing is sent until Kairos notices the network is back; then the waiting post goes out at once.
    let online = false;
    for (let i = 0; i < 3 * 60 && !online; i++) {
      expect(fake.messages).toHaveLength(0);
      await step(backend, clock, 1_000);
      online = (await backend.call('app.connectivity', {})).online;
    }
    expect(online).toBe(true);
    expect(fake.messages.map((m) => m.content)).toEqual(['Written on the train']);
    expect(await backend.call('app.connectivity', {})).toMatchObject({ state: 'online', waitingForNetwork: 0 });
    expect(connectivityEvents(events).at(-1)).toEqual({ type: 'connectivity', online: true, waiting: 0 });

    // Nothing goes out a second time, however long we wait.
    for (let i = 0; i < 6; i++) await step(backend, clock, 10 * 60_000);
    expect(fake.messages).toHaveLength(1);
    const done = (await backend.call('posts.get', { id: post.id })).post;
    expect(done.status).toBe('published');
    expect(done.targets[0]?.remoteId).toBe(fake.messages[0]?.id);
    // The webhook token never travels in what the renderer is told.
    expect(JSON.stringify(events)).not.toContain(hook.token);
  });

  it('keeps the draft and the waiting post through a crash while offline, then publishes once', async () => {
    const clockA = new FakeClock(START);
    const first = await open(clockA);
    const account = await first.backend.call('accounts.connect', {
      platform: 'discord',
      name: 'Community',
      webhookUrl: webhookViaRelay().url,
    });
    await relay.unplug();
    expect(await first.backend.connectivity.checkNow()).toBe('offline');

    const { post: draft } = await first.backend.call('posts.create', {
      text: 'Idea: behind the scenes on Friday',
      accountIds: [account.id],
      when: { kind: 'draft' },
      labels: ['ideas'],
    });
    const { post: urgent } = await first.backend.call('posts.create', {
      text: 'Doors open at 9 tomorrow',
      accountIds: [account.id],
      when: { kind: 'now' },
    });
    await settle(first.backend);
    expect(fake.messages).toHaveLength(0);

    // The process dies: nothing is closed or drained, its timers never fire again. Only its monitor is silenced,
    // because in one test process it would otherwise keep hearing the second backend's requests.
    first.backend.connectivity.stop();

    // Restarted a little later (past the dead process's publishing lease, within the grace window).
    const clockB = new FakeClock(START + 4 * 60_000);
    const second = await open(clockB);
    await step(second.backend, clockB, 0);

    expect(await second.backend.call('app.connectivity', {})).toMatchObject({ online: false, waitingForNetwork: 1 });
    const keptDraft = (await second.backend.call('posts.get', { id: draft.id })).post;
    expect(keptDraft).toMatchObject({ status: 'draft', text: 'Idea: behind the scenes on Friday', labels: ['ideas'], scheduledAt: null });
    const keptUrgent = (await second.backend.call('posts.get', { id: urgent.id })).post;
    expect(keptUrgent.text).toBe('Doors open at 9 tomorrow');
    expect(['scheduled', 'retrying']).toContain(keptUrgent.targets[0]?.status);
    expect(fake.messages).toHaveLength(0);

    await relay.plugIn();
    for (let i = 0; i < 5 * 60 && fake.messages.length === 0; i++) await step(second.backend, clockB, 1_000);
    for (let i = 0; i < 3; i++) await step(second.backend, clockB, 10 * 60_000);
    expect(fake.messages.map((m) => m.content)).toEqual(['Doors open at 9 tomorrow']);
    expect((await second.backend.call('posts.get', { id: urgent.id })).post.status).toBe('published');
    expect((await second.backend.call('posts.get', { id: draft.id })).post.status).toBe('draft');
  });
});

// The tray's status read through the contract of a real backend: next post, attention, pause, offline.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../shared/contract';
import type { Backend } from '../core/backend';
import { DiscordFake } from '../testing/discordFake';
import { FakeClock } from '../testing/fakeClock';
import { type TempBackend, tempBackend } from '../testing/tempBackend';
import { loadTrayStatus, setPublishingPaused } from './trayStatus';

const START = Date.UTC(2026, 5, 1, 8, 0);

describe('tray status', () => {
  let temp: TempBackend;
  let fake: DiscordFake;
  let clock: FakeClock;
  let backend: Backend;

  beforeEach(async () => {
    fake = await new DiscordFake().start();
    clock = new FakeClock(START);
    temp = await tempBackend({
      prefix: 'kairos-tray-',
      clock,
      shell: 'electron',
      runScheduler: true,
      connectivityProbe: async () => true,
    });
    backend = temp.backend;
  });

  afterEach(async () => {
    await temp.close();
    await fake.stop();
  });

  const invoke = (channel: string, payload: unknown) => backend.invoke(channel, payload);

  it('starts empty: nothing scheduled, nothing to look at, online', async () => {
    expect(await loadTrayStatus(invoke, clock.now(), 'UTC')).toEqual({
      nextPostAt: null,
      timeZone: 'Europe/Rome',
      attention: 0,
      paused: false,
      offline: false,
      waitingForNetwork: 0,
    });
  });

  it('shows the next scheduled post, counts posts needing attention, and follows pause and the network', async () => {
    const account = await backend.call('accounts.connect', { platform: 'discord', name: 'Community', webhookUrl: fake.createWebhook() });
    const later = START + 3 * 3_600_000;
    await backend.call('posts.create', {
      text: 'Later',
      accountIds: [account.id],
      when: { kind: 'instant', at: later, timeZone: 'Europe/Rome' },
    });
    await backend.call('posts.create', {
      text: 'Even later',
      accountIds: [account.id],
      when: { kind: 'instant', at: later + 3_600_000, timeZone: 'Europe/Rome' },
    });
    // The connection drops after Discord stored the message: the outcome is unknown and needs a person.
    fake.failNext({ kind: 'commit_then_drop' });
    await backend.call('posts.create', { text: 'Now', accountIds: [account.id], when: { kind: 'now' } });
    await backend.scheduler.idle();

    const status = await loadTrayStatus(invoke, clock.now(), 'UTC');
    expect(status).toMatchObject({ nextPostAt: later, attention: 1, paused: false });

    expect(await setPublishingPaused(invoke, true)).toBeNull();
    expect((await loadTrayStatus(invoke, clock.now(), 'UTC')).paused).toBe(true);
    expect(await setPublishingPaused(invoke, false)).toBeNull();
    expect((await loadTrayStatus(invoke, clock.now(), 'UTC')).paused).toBe(false);

    backend.connectivity.hint(false);
    expect(await loadTrayStatus(invoke, clock.now(), 'UTC')).toMatchObject({ offline: true, waitingForNetwork: 0 });
  });

  it('offers no pause when the backend has no engine channels, and counts attention from the posts', async () => {
    const withoutEngine = (channel: string, payload: unknown) =>
      channel.startsWith('engine.') ? Promise.resolve(failure('unknown_request', { channel })) : backend.invoke(channel, payload);
    expect(await loadTrayStatus(withoutEngine, clock.now(), 'UTC')).toMatchObject({ paused: null, attention: 0 });
  });
});

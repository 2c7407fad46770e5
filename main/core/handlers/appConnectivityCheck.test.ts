// "Retry now": app.connectivity.check probes at once instead of waiting out the offline backoff.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../../shared/contract';
import { FEATURES } from '../../features';
import { DiscordFake } from '../../testing/discordFake';
import { FakeClock } from '../../testing/fakeClock';
import { type Backend, createBackend } from '../backend';

const START = Date.UTC(2026, 5, 1, 8, 0);

describe('app.connectivity.check', () => {
  let dir: string;
  let backend: Backend | null = null;
  let fake: DiscordFake;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-check-'));
    fake = await new DiscordFake().start();
  });

  afterEach(async () => {
    await backend?.close();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks the servers now and reports what it found, without the clock moving', async () => {
    let reachable = false;
    const probed: string[] = [];
    const clock = new FakeClock(START);
    backend = await createBackend({
      dataDir: dir,
      features: FEATURES,
      clock,
      shell: 'browser',
      runScheduler: false,
      connectivityProbe: async (origin) => {
        probed.push(origin);
        return reachable;
      },
    });
    const events: BackendEvent[] = [];
    backend.subscribe((e) => events.push(e));
    await backend.call('accounts.connect', {
      platform: 'discord',
      name: 'Community',
      webhookUrl: fake.createWebhook(),
    });

    expect(await backend.call('app.connectivity.check', {})).toMatchObject({ state: 'offline', online: false, since: START });
    expect(probed).toEqual([fake.origin]);

    reachable = true;
    expect(await backend.call('app.connectivity.check', {})).toMatchObject({ state: 'online', online: true, waitingForNetwork: 0 });
    expect(probed).toHaveLength(2);
    expect(events.filter((e) => e.type === 'connectivity')).toEqual([
      { type: 'connectivity', online: false, waiting: 0 },
      { type: 'connectivity', online: true, waiting: 0 },
    ]);
  });
});

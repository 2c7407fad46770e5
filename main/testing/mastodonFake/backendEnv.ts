// A real backend (temp data directory, SQLite, FakeClock) wired to a fake Mastodon server, for integration tests.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountWithRule } from '../../../shared/contract';
import { type Backend, createBackend } from '../../core/backend';
import { platformsOf } from '../../core/features';
import type { PlatformAdapter, PlatformRegistry } from '../../core/platforms/types';
import { FEATURES, featuresWith } from '../../features';
import { createMastodonAdapter, type MastodonAdapterOptions } from '../../platforms/mastodon/adapter';
import { FakeClock } from '../fakeClock';
import { MastodonFake, type MastodonFakeOptions } from './server';
import type { FakeUser } from './state';

export const TEST_START = Date.UTC(2026, 5, 1, 8, 0);

export interface MastodonEnv {
  readonly dir: string;
  readonly clock: FakeClock;
  readonly fake: MastodonFake;
  readonly backend: Backend;
  readonly user: FakeUser;
  close(): Promise<void>;
  /** Connects the user's account by pasting a personal access token. */
  connect(name?: string): Promise<AccountWithRule>;
  /** Lets due timers fire and waits until the scheduler and hand-off have recorded everything. */
  advance(ms: number): Promise<void>;
}

export async function startMastodonEnv(
  options: { fake?: MastodonFakeOptions; platforms?: PlatformRegistry; username?: string } = {},
): Promise<MastodonEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-mastodon-'));
  const clock = new FakeClock(TEST_START);
  const fake = await new MastodonFake({ now: () => clock.now(), ...options.fake }).start();
  const user = fake.createUser(options.username ?? 'alice', 'Alice');
  const backend = await createBackend({
    dataDir: dir,
    features: options.platforms ? featuresWith(options.platforms) : FEATURES,
    clock,
    shell: 'cli',
    runScheduler: true,
    systemTimeZone: 'Europe/Rome',
    random: () => 0,
  });
  return {
    dir,
    clock,
    fake,
    backend,
    user,
    async close() {
      await backend.close();
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    connect: (name = 'Brand') =>
      backend.call('accounts.connect', { platform: 'mastodon', name, instance: fake.origin, accessToken: fake.issueToken(user.id) }),
    async advance(ms) {
      clock.advance(ms);
      // The fake clock fires each timer in a jump at once, before the work it starts has run; that work then arms its
      // next timer from the end of the jump. So the jump ends like a wake from sleep: the scheduler looks again.
      await backend.scheduler.settled();
      backend.scheduler.wake();
      await backend.scheduler.settled();
      // Timers armed meanwhile for this very moment fire now, as a real clock would fire them.
      for (let round = 0; round < 3 && clock.hasDueTimers(); round++) {
        clock.advance(0);
        await backend.scheduler.settled();
      }
    },
  };
}

/** The default networks, with the Mastodon adapter built with other options (e.g. quick media polling). */
export function platformsWithMastodon(options: MastodonAdapterOptions): PlatformRegistry {
  const map = new Map(platformsOf(FEATURES));
  map.set('mastodon', createMastodonAdapter(options) as PlatformAdapter);
  return map;
}

/** A small real PNG (4×3), as a person would attach. */
export async function tinyPng(): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return sharp({ create: { width: 4, height: 3, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer();
}

/** Bytes that look like an MP4 file (an ftyp box); the fake does not decode video. */
export function fakeMp4(size = 2048): Buffer {
  const b = Buffer.alloc(size);
  b.writeUInt32BE(24, 0);
  b.write('ftypisom', 4, 'ascii');
  return b;
}

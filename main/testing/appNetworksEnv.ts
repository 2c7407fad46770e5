// A real backend (temp folder, SQLite, FakeClock) wired to the LinkedIn and X fakes, with sign-in done end to end.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountWithRule } from '../../shared/contract';
import { type Backend, createBackend } from '../core/backend';
import { platformsOf } from '../core/features';
import type { PlatformAdapter, PlatformRegistry } from '../core/platforms/types';
import { FEATURES, featuresWith } from '../features';
import { createLinkedInAdapter } from '../platforms/linkedin/adapter';
import { createXAdapter } from '../platforms/x/adapter';
import { FakeClock } from './fakeClock';
import { LinkedInFake, type LinkedInFakeOptions } from './linkedinFake';
import { XFake, type XFakeOptions } from './xFake';

export const APP_TEST_START = Date.UTC(2026, 11, 3, 9, 0);

/** A port that was free a moment ago, to register as the app's redirect URL before the sign-in listens on it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Plays the system browser: opens the authorize URL and follows redirects to Kairos's loopback page. */
export async function browse(url: string): Promise<{ status: number; text: string }> {
  let next = url;
  for (let i = 0; i < 5; i++) {
    const res = await fetch(next, { redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      next = new URL(location, next).toString();
      continue;
    }
    return { status: res.status, text: await res.text() };
  }
  throw new Error('Too many redirects.');
}

export interface AppNetworksEnv {
  readonly dir: string;
  readonly clock: FakeClock;
  readonly linkedin: LinkedInFake;
  readonly x: XFake;
  readonly backend: Backend;
  readonly member: string;
  readonly xUser: string;
  connectLinkedIn(name?: string): Promise<AccountWithRule>;
  connectX(name?: string): Promise<AccountWithRule>;
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export function appPlatforms(clock: FakeClock): PlatformRegistry {
  const map = new Map(platformsOf(FEATURES));
  map.set('linkedin', createLinkedInAdapter(clock) as PlatformAdapter);
  map.set('x', createXAdapter({ clock, media: { minPollMs: 5, maxPollMs: 20 } }) as PlatformAdapter);
  return map;
}

export async function startAppNetworksEnv(
  options: { linkedin?: LinkedInFakeOptions; x?: XFakeOptions; start?: number } = {},
): Promise<AppNetworksEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'kairos-lix-'));
  const clock = new FakeClock(options.start ?? APP_TEST_START);
  const linkedin = await new LinkedInFake({ now: () => clock.now(), ...options.linkedin }).start();
  const x = await new XFake({ now: () => clock.now(), ...options.x }).start();
  const member = linkedin.createMember('Ada Lovelace');
  const xUser = x.createUser('kairosbrand', 'Kairos Brand');
  const backend = await createBackend({
    dataDir: dir,
    features: featuresWith(appPlatforms(clock)),
    clock,
    shell: 'cli',
    runScheduler: true,
    systemTimeZone: 'Europe/Rome',
    random: () => 0,
  });
  const settle = async (channel: 'linkedin.oauthStatus' | 'x.oauthStatus', flowId: string, authorizeUrl: string) => {
    const page = await browse(authorizeUrl);
    const s = await backend.call(channel, { flowId });
    if (s.state !== 'connected' || !s.account) throw new Error(`Sign-in ended ${s.state}: ${s.message ?? page.text}`);
    return s.account;
  };
  return {
    dir,
    clock,
    linkedin,
    x,
    backend,
    member,
    xUser,
    async connectLinkedIn(name = 'Ada on LinkedIn') {
      const port = await freePort();
      const app = linkedin.createApp([`http://127.0.0.1:${port}/callback`]);
      const begun = await backend.call('linkedin.beginOAuth', {
        clientId: app.clientId,
        clientSecret: app.secret,
        port,
        name,
        server: linkedin.origin,
      });
      return settle('linkedin.oauthStatus', begun.flowId, begun.authorizeUrl);
    },
    async connectX(name = 'Brand on X') {
      const port = await freePort();
      const clientId = x.createApp([`http://127.0.0.1:${port}/callback`]);
      const begun = await backend.call('x.beginOAuth', { clientId, port, name, server: x.origin });
      return settle('x.oauthStatus', begun.flowId, begun.authorizeUrl);
    },
    async advance(ms) {
      clock.advance(ms);
      await backend.scheduler.idle();
      await backend.scheduler.idle();
    },
    async close() {
      await backend.close();
      await linkedin.stop();
      await x.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

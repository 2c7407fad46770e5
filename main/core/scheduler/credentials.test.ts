// A login this process cannot open (sealed by the desktop app's keychain) makes the account need a new login; its posts wait.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../../testing/discordFake';
import { type Harness, passTime, startHarness } from '../../testing/engineHarness';
import { DATABASE_FILE } from '../backend';

describe('unreadable credentials', () => {
  let fake: DiscordFake;
  let h: Harness;

  beforeEach(async () => {
    fake = await new DiscordFake().start();
    h = await startHarness();
  });

  afterEach(async () => {
    await h.close();
    await fake.stop();
  });

  it('waits instead of failing, and publishes once after a new login', async () => {
    const url = fake.createWebhook('General');
    const { id } = await h.backend.call('accounts.connect', { platform: 'discord', name: 'Community', webhookUrl: url });
    // Another shell's format, as the desktop app's keychain would leave it.
    const db = new Database(join(h.dir, DATABASE_FILE));
    db.prepare('UPDATE accounts SET secret = ? WHERE id = ?').run(Buffer.from([0x4b, 1, 2, 3]), id);
    db.close();

    const { post } = await h.backend.call('posts.create', { text: 'Still here', accountIds: [id], when: { kind: 'now' } });
    await passTime(h, 2_000);
    const [account] = await h.backend.call('accounts.list', {});
    expect(account?.status).toBe('needs_relogin');
    expect(account?.statusReason).toMatch(/cannot read this account's saved login here/);
    expect((await h.backend.call('posts.get', { id: post.id })).post.targets[0]?.status).toBe('scheduled');
    expect(fake.messages).toHaveLength(0);

    await h.backend.call('accounts.reconnect', { id, input: { platform: 'discord', name: 'Community', webhookUrl: url } });
    await passTime(h, 2_000);
    expect((await h.backend.call('posts.get', { id: post.id })).post.targets[0]?.status).toBe('published');
    expect(fake.messages.map((m) => m.content)).toEqual(['Still here']);
  });
});

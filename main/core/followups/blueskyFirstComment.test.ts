// A first comment on a real PDS (@atproto/dev-env): one reply record under the post, from the same account, after the delay.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '../../features';
import { BlueskyDevNetwork, type DevAccount } from '../../testing/bluesky/devNetwork';
import { FakeClock } from '../../testing/fakeClock';
import { createBackend } from '../backend';

describe('first comment on Bluesky', () => {
  let net: BlueskyDevNetwork;
  let alice: DevAccount;
  let appPassword: string;

  beforeAll(async () => {
    net = await BlueskyDevNetwork.start();
    alice = await net.createAccount('alice');
    appPassword = await net.createAppPassword(alice);
  });

  afterAll(async () => {
    await net?.close();
  });

  it('replies under the post with root and parent set, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-bsky-comment-'));
    const clock = new FakeClock(Date.now());
    const backend = await createBackend({ dataDir: dir, features: FEATURES, clock, shell: 'cli', runScheduler: true });
    try {
      const account = await backend.call('accounts.connect', {
        platform: 'bluesky',
        name: 'Alice',
        identifier: 'alice.test',
        appPassword,
        service: net.pdsUrl,
      });
      const { post } = await backend.call('posts.create', {
        text: 'Big news today',
        accountIds: [account.id],
        when: { kind: 'now' },
        options: { firstComment: { text: 'Details in this reply', delayMinutes: 2 } },
      });
      await backend.scheduler.idle();
      expect((await net.posts(alice.did)).map((p) => p.value.text)).toEqual(['Big news today']);
      clock.advance(2 * 60_000);
      await backend.scheduler.idle();
      await backend.scheduler.idle();
      const records = await net.posts(alice.did);
      const root = records.find((r) => r.value.text === 'Big news today');
      const reply = records.find((r) => r.value.text === 'Details in this reply');
      expect(records).toHaveLength(2);
      expect(reply?.value.reply).toEqual({ root: { uri: root?.uri, cid: root?.cid }, parent: { uri: root?.uri, cid: root?.cid } });
      const [f] = await backend.call('followups.ofPost', { postId: post.id });
      expect(f).toMatchObject({ status: 'published', attempts: 1 });
      expect(f?.remoteUrl).toMatch(/^https:\/\/bsky\.app\/profile\/alice\.test\/post\//);
      clock.advance(10 * 60_000);
      await backend.scheduler.idle();
      expect(await net.posts(alice.did)).toHaveLength(2);
    } finally {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Numbers over time from the X fake through the real backend: public metrics, replies by conversation (or the
// tier's refusal, said plainly), followers, a deleted post, and lookups of more than 100 posts in batches.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../../shared/contract';
import { createXAdapter } from '../../platforms/x/adapter';
import { type AppNetworksEnv, startAppNetworksEnv } from '../../testing/appNetworksEnv';
import { DATABASE_FILE } from '../backend';

let env: AppNetworksEnv;
afterEach(async () => {
  await env?.close();
});

const HOUR = 3_600_000;

function nextUpdate(e: AppNetworksEnv): Promise<readonly string[]> {
  return new Promise((resolve) => {
    const off = e.backend.subscribe((ev: BackendEvent) => {
      if (ev.type !== 'metrics.updated') return;
      off();
      resolve(ev.postIds);
    });
  });
}

async function publishOne(e: AppNetworksEnv, text: string) {
  const account = await e.connectX();
  const { post } = await e.backend.call('posts.create', { text, accountIds: [account.id], when: { kind: 'now' } });
  await e.advance(0);
  const tweet = e.x.tweets.find((t) => t.text === text);
  if (!tweet) throw new Error('not published');
  return { account, post, tweet };
}

describe('X numbers over time', () => {
  it('takes the +1 h snapshot from public_metrics, keeps the replies of the conversation and the followers', async () => {
    env = await startAppNetworksEnv();
    const me = env.x.users.get(env.xUser);
    if (me) me.followers = 120;
    const { post, tweet } = await publishOne(env, 'Our roastery opens on X');
    tweet.likes = 9;
    tweet.reposts = 2;
    tweet.quotes = 1;
    const fan = env.x.createUser('fan');
    env.x.addReply(fan, tweet.id, 'Where can I buy the beans?');

    const first = nextUpdate(env);
    env.clock.advance(HOUR + 1_000);
    expect(await first).toEqual([post.id]);
    const detail = await env.backend.call('analytics.post', { postId: post.id });
    const target = detail.targets[0];
    expect(target?.snapshots.map((s) => [s.milestone, s.state, s.likes, s.reposts, s.replies, s.quotes, s.source])).toEqual([
      ['1h', 'counted', 9, 2, 1, 1, 'x-api'],
    ]);
    expect(target?.replies.map((r) => [r.author, r.text])).toEqual([['@fan', 'Where can I buy the beans?']]);
    const view = await env.backend.call('analytics.view', { from: '2026-12-03', to: '2026-12-03', timeZone: 'Europe/Rome' });
    expect(view.networks).toEqual([expect.objectContaining({ platform: 'x', posts: 1, engagements: 13, source: 'x-api' })]);
    expect(view.withoutNumbers).toEqual([]);
    const db = new Database(join(env.dir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT day, followers, source FROM follower_counts').all()).toEqual([
      { day: '2026-12-03', followers: 120, source: 'x-api' },
    ]);
    db.close();

    // Deleted on X: the lookup answers resource-not-found, and the post is marked so, not zeroed.
    env.x.deleteTweet(tweet.id);
    const refreshed = await env.backend.call('metrics.refresh', { postId: post.id });
    expect(refreshed).toMatchObject({ deleted: 1, snapshots: 0 });
    const after = await env.backend.call('analytics.post', { postId: post.id });
    expect(after.targets[0]?.snapshots.map((s) => [s.milestone, s.state])).toEqual([
      ['1h', 'counted'],
      ['manual', 'deleted'],
    ]);
  });

  it('says plainly when the app’s tier has no search, and still keeps the counts', async () => {
    env = await startAppNetworksEnv({ x: { searchAllowed: false } });
    const { post, tweet } = await publishOne(env, 'A post whose replies cannot be read');
    env.x.addReply(env.x.createUser('fan'), tweet.id, 'Nice!');
    const first = nextUpdate(env);
    env.clock.advance(HOUR + 1_000);
    await first;
    const pass = await env.backend.call('metrics.refresh', {});
    expect(pass.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^Brand on X: X does not let this app search posts, so Kairos cannot read the text of replies/),
    ]);
    const detail = await env.backend.call('analytics.post', { postId: post.id });
    expect(detail.targets[0]?.snapshots.map((s) => [s.state, s.replies])).toEqual([['counted', 1]]);
    expect(detail.targets[0]?.replies).toEqual([]);
  });

  it('reads more than 100 posts in batches of 100 and marks the ones X no longer has as deleted', async () => {
    env = await startAppNetworksEnv();
    const { account, tweet } = await publishOne(env, 'One of many');
    tweet.likes = 4;
    const ctx = {
      account: { ...account, config: { apiOrigin: env.x.origin, userId: env.xUser, username: 'kairosbrand' } },
      secret: { accessToken: env.x.issueToken(env.xUser), refreshToken: null, expiresAt: env.clock.now() + HOUR, clientId: 'c' },
      saveSecret: () => {},
      saveConfig: () => {},
      recordPart: () => {},
      readMedia: () => Buffer.alloc(0),
    };
    const refs = [
      { targetId: 't_real', remoteId: tweet.id },
      ...Array.from({ length: 149 }, (_, i) => ({ targetId: `t_${i}`, remoteId: String(1_000 + i) })),
    ];
    const snaps = (await createXAdapter({ clock: env.clock }).snapshotPosts?.(refs, ctx as never)) ?? [];
    expect(snaps).toHaveLength(150);
    expect(snaps[0]).toEqual({ state: 'counted', targetId: 't_real', likes: 4, reposts: 0, replies: 0, quotes: 0 });
    expect(snaps.filter((s) => s.state === 'deleted')).toHaveLength(149);
  });
});

// Numbers over time from the Mastodon fake through the real backend: planned snapshots, replies, followers, a server down, a deleted post.

import { afterEach, describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../../shared/contract';
import { type MastodonEnv, startMastodonEnv } from '../../testing/mastodonFake/backendEnv';

let env: MastodonEnv;
afterEach(async () => {
  await env?.close();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function nextUpdate(e: MastodonEnv): Promise<readonly string[]> {
  return new Promise((resolve) => {
    const off = e.backend.subscribe((ev: BackendEvent) => {
      if (ev.type !== 'metrics.updated') return;
      off();
      resolve(ev.postIds);
    });
  });
}

describe('Mastodon numbers over time', () => {
  it('takes the +1 h and +24 h snapshots on its own, keeps replies and followers, and survives a server that is down', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    const bob = env.fake.createUser('bob', 'Bob');
    env.fake.setFollowers(env.user.id, 40);
    const { post } = await env.backend.call('posts.create', {
      text: 'Our new roastery opens',
      accountIds: [account.id],
      when: { kind: 'now' },
    });
    await env.advance(0);
    const status = env.fake.statusesOf(env.user.id)[0];
    const statusId = status?.id as string;
    env.fake.react(statusId, { favourites: 3, reblogs: 1, quotes: 1 });
    const reply = env.fake.replyAs(bob.id, statusId, 'Where can I buy the beans?');

    // Nothing is read before the hour is up.
    env.clock.advance(HOUR - 1_000);
    expect((await env.backend.call('analytics.post', { postId: post.id })).targets[0]?.snapshots).toEqual([]);

    const first = nextUpdate(env);
    env.clock.advance(2_000);
    expect(await first).toEqual([post.id]);
    let detail = await env.backend.call('analytics.post', { postId: post.id });
    const target = detail.targets[0];
    expect(target?.snapshots.map((s) => [s.milestone, s.state, s.likes, s.reposts, s.replies, s.quotes, s.source])).toEqual([
      ['1h', 'counted', 3, 1, 1, 1, 'mastodon-server'],
    ]);
    expect(target?.replies.map((r) => [r.author, r.text, r.url])).toEqual([
      [`@bob@${env.fake.domain}`, 'Where can I buy the beans?', `${env.fake.origin}/@bob/${reply.id}`],
    ]);

    // The counts change; the server is down when the +24 h snapshot falls due: nothing is written, nothing is lost.
    env.fake.react(statusId, { favourites: 7, reblogs: 2 });
    env.fake.setFollowers(env.user.id, 46);
    env.clock.advance(DAY - HOUR - 5_000);
    await env.backend.call('metrics.refresh', {});
    env.fake.failNext('any', { kind: 'server_error', status: 503 }, { kind: 'server_error', status: 503 });
    env.clock.advance(10_000);
    const down = await env.backend.call('metrics.refresh', {});
    expect(down.snapshots).toBe(0);
    expect(down.pending).toBe(1);
    expect(down.problems[0]?.message).toMatch(/Brand: .*503.*read again later/);
    expect((await env.backend.call('analytics.post', { postId: post.id })).targets[0]?.snapshots).toHaveLength(1);

    // Back up: the next pass after the back-off takes the +24 h snapshot with the new counts.
    const second = nextUpdate(env);
    env.clock.advance(61_000);
    await second;
    detail = await env.backend.call('analytics.post', { postId: post.id });
    expect(detail.targets[0]?.snapshots.map((s) => [s.milestone, s.likes, s.reposts])).toEqual([
      ['1h', 3, 1],
      ['24h', 10, 3],
    ]);
    const view = await env.backend.call('analytics.view', { from: '2026-06-01', to: '2026-06-02', timeZone: 'Europe/Rome' });
    expect(view.headline.find((h) => h.key === 'followers')?.value).toBe(6);
    expect(view.headline.find((h) => h.key === 'engagements')?.value).toBe(10 + 3 + 1 + 1);
    expect(view.top[0]).toMatchObject({ postId: post.id, likes: 10, reposts: 3, replies: 1, quotes: 1, deleted: false });
    expect(view.audience.questions.map((q) => q.text)).toEqual(['Where can I buy the beans?']);
    expect(view.audience.words.map((w) => w.term)).toEqual(['beans', 'buy']);
  });

  it('marks a post deleted on the server as deleted, keeps its last numbers, and stops asking', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    const { post } = await env.backend.call('posts.create', { text: 'Short-lived', accountIds: [account.id], when: { kind: 'now' } });
    await env.advance(0);
    const statusId = env.fake.statusesOf(env.user.id)[0]?.id as string;
    env.fake.react(statusId, { favourites: 5 });
    env.clock.advance(HOUR + 1_000);
    await env.backend.call('metrics.refresh', {});
    env.fake.deleteStatus(statusId);
    // The +24 h pass (the collector's own timer, or this refresh, whichever runs first) finds the status gone.
    env.clock.advance(DAY);
    expect(await env.backend.call('metrics.refresh', {})).toMatchObject({ snapshots: 0, pending: 0 });
    const detail = await env.backend.call('analytics.post', { postId: post.id });
    expect(detail.targets[0]?.snapshots.map((s) => [s.milestone, s.state, s.likes])).toEqual([
      ['1h', 'counted', 5],
      ['24h', 'deleted', 0],
    ]);
    expect(detail.targets[0]?.engagements).toBe(5);
    const before = env.fake.log.filter((l) => l.path === `/api/v1/statuses/${statusId}`).length;
    env.clock.advance(7 * DAY);
    expect((await env.backend.call('metrics.refresh', {})).deleted).toBe(0);
    expect(env.fake.log.filter((l) => l.path === `/api/v1/statuses/${statusId}`).length).toBe(before);
    const view = await env.backend.call('analytics.view', { from: '2026-06-01', to: '2026-06-01', timeZone: 'Europe/Rome' });
    expect(view.top[0]).toMatchObject({ postId: post.id, likes: 5, deleted: true });
  });

  it('reads fresh numbers of one post on demand, whatever is planned', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    const { post } = await env.backend.call('posts.create', { text: 'Now please', accountIds: [account.id], when: { kind: 'now' } });
    await env.advance(0);
    env.fake.react(env.fake.statusesOf(env.user.id)[0]?.id as string, { reblogs: 4 });
    const r = await env.backend.call('metrics.refresh', { postId: post.id });
    expect(r.snapshots).toBe(1);
    const detail = await env.backend.call('analytics.post', { postId: post.id });
    expect(detail.targets[0]?.snapshots.map((s) => [s.milestone, s.reposts])).toEqual([['manual', 4]]);
  });
});

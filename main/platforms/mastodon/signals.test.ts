// What people talk about, read from the fake server through the real backend: trends, tag timelines, mentions and our posts' numbers.

import { afterEach, describe, expect, it } from 'vitest';
import { type MastodonEnv, startMastodonEnv } from '../../testing/mastodonFake/backendEnv';

let env: MastodonEnv;
afterEach(async () => {
  await env?.close();
});

describe('Mastodon conversation signals and numbers', () => {
  it('reads trending tags with their daily use (oldest first), links and posts, with the time fetched', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    const bob = env.fake.createUser('bob', 'Bob');
    env.fake.addTrendingTag('photography', [10, 20, 30]);
    env.fake.addTrendingLink('https://news.example/story', 'A story', [1, 5]);
    env.fake.addTrendingStatus(env.fake.postAs(bob.id, 'Look at <this> & that #photography').id);
    const trends = await env.backend.call('mastodon.trends', { accountId: account.id });
    expect(trends.fetchedAt).toBe(env.clock.now());
    expect(trends.tags).toEqual([
      {
        platform: 'mastodon',
        accountId: account.id,
        name: 'photography',
        kind: 'tag',
        url: `${env.fake.origin}/tags/photography`,
        history: [10, 20, 30],
        volume: 15,
      },
    ]);
    expect(trends.links[0]).toMatchObject({ name: 'A story', url: 'https://news.example/story', history: [1, 5] });
    expect(trends.posts[0]).toMatchObject({ kind: 'post', name: 'Look at <this> & that #photography' });
  });

  it('reads a hashtag timeline and the mentions of the account, marking the answered ones', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    const bob = env.fake.createUser('bob', 'Bob');
    env.fake.postAs(bob.id, 'Launch day! #Launch https://example.org');
    env.fake.postAs(bob.id, 'Unrelated');
    const timeline = await env.backend.call('mastodon.tagTimeline', { accountId: account.id, tag: '#launch' });
    expect(timeline.posts.map((p) => [p.author, p.text, p.term])).toEqual([
      [`@bob@${env.fake.domain}`, 'Launch day! #Launch https://example.org', '#launch'],
    ]);

    const answered = env.fake.postAs(bob.id, `@alice@${env.fake.domain} are you there?`);
    env.fake.postAs(bob.id, '@alice second question');
    const reply = await fetch(`${env.fake.origin}/api/v1/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.fake.issueToken(env.user.id)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: '@bob yes!', in_reply_to_id: answered.id }),
    });
    expect(reply.status).toBe(200);
    const mentions = await env.backend.call('mastodon.mentions', { accountId: account.id });
    expect(mentions.posts.map((p) => [p.text, p.answered])).toEqual([
      ['@alice second question', false],
      ['@alice are you there?', true],
    ]);
    expect(mentions.posts[1]?.url).toBe(`${env.fake.origin}/@bob/${answered.id}`);
  });

  it('fetches favourites, boosts and replies of published posts on demand and keeps them with their time', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    const { post } = await env.backend.call('posts.create', { text: 'Count me', accountIds: [account.id], when: { kind: 'now' } });
    await env.advance(0);
    const [status] = env.fake.statusesOf(env.user.id);
    env.fake.react(status?.id as string, { favourites: 3, reblogs: 2, replies: 1 });
    env.clock.advance(60_000);
    const fresh = await env.backend.call('mastodon.metrics', { postId: post.id, refresh: true });
    expect(fresh).toEqual([{ targetId: post.targets[0]?.id, likes: 3, reposts: 2, replies: 1, quotes: 0, fetchedAt: env.clock.now() }]);
    env.fake.react(status?.id as string, { favourites: 10 });
    expect((await env.backend.call('mastodon.metrics', { postId: post.id }))[0]?.likes).toBe(3);
    expect((await env.backend.call('mastodon.metrics', { refresh: true }))[0]?.likes).toBe(13);
  });

  it('feeds the conversation panel through the adapter (trends and mentions of a draft)', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    const bob = env.fake.createUser('bob', 'Bob');
    env.fake.addTrendingTag('kairos', [1, 2, 8]);
    env.fake.postAs(bob.id, '@alice hello from Bob');
    const selection = { kind: 'draft' as const, text: 'Hello #kairos', accountIds: [account.id], scheduledAt: null };
    await env.backend.call('conversation.refresh', { selection });
    const panel = await env.backend.call('conversation.forSelection', selection);
    expect(panel.sources.find((s) => s.accountId === account.id)).toMatchObject({ platform: 'mastodon', error: null });
    expect(JSON.stringify(panel.trending)).toContain('"name":"kairos"');
    expect(JSON.stringify(panel.mentions)).toContain('@alice hello from Bob');
  });
});

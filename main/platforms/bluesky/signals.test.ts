// Trends, search, mentions and numbers: asked through a real PDS, which proxies them to an AppView fake built from the lexicons.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../core/platforms/types';
import { MemoryAccount } from '../../testing/bluesky/accountState';
import { BlueskyDevNetwork, type DevAccount } from '../../testing/bluesky/devNetwork';
import { FakeAppView } from '../../testing/bluesky/fakeAppView';
import { type BlueskyAdapter, createBlueskyAdapter } from './adapter';
import type { BlueskySecret } from './session';

const carol = { did: 'did:plc:carolcarolcarolcarolcaro', handle: 'carol.example.com' };
const dan = { did: 'did:plc:dandandandandandandandand', handle: 'dan.example.com' };

describe('Bluesky signals through a real PDS and an AppView built from the lexicons', () => {
  let appView: FakeAppView;
  let net: BlueskyDevNetwork;
  let alice: DevAccount;
  let adapter: BlueskyAdapter;
  let account: MemoryAccount<BlueskySecret>;

  beforeAll(async () => {
    appView = await new FakeAppView().start();
    net = await BlueskyDevNetwork.start({ appViewUrl: appView.url, appViewDid: appView.did });
    alice = await net.createAccount('alice');
    adapter = createBlueskyAdapter();
    const c = await adapter.connect({ identifier: alice.handle, appPassword: await net.createAppPassword(alice), service: net.pdsUrl });
    account = new MemoryAccount(c.config, c.secret, 'alice');
  });

  afterAll(async () => {
    await net?.close();
    await appView?.stop();
  });

  beforeEach(() => {
    appView.calls.length = 0;
    appView.missing.clear();
    appView.posts.length = 0;
    appView.notifications.length = 0;
    appView.trends = [];
    appView.topics = [];
  });

  it('reads trends with their post counts, asked by the PDS on the account’s behalf', async () => {
    appView.trends = [
      {
        topic: 'eclipse',
        displayName: 'Solar eclipse',
        link: '/profile/trending.bsky.app/feed/eclipse',
        startedAt: '2026-04-08T16:00:00.000Z',
        postCount: 5400,
        status: 'hot',
      },
      {
        topic: 'ttrpg',
        displayName: 'TTRPG',
        link: '/profile/trending.bsky.app/feed/ttrpg',
        startedAt: '2026-04-08T12:00:00.000Z',
        postCount: 210,
      },
    ];
    const trends = await adapter.fetchTrends?.(account);
    expect(trends).toEqual([
      {
        platform: 'bluesky',
        accountId: account.account.id,
        name: 'Solar eclipse',
        kind: 'topic',
        url: 'https://bsky.app/profile/trending.bsky.app/feed/eclipse',
        history: [],
        volume: 5400,
      },
      {
        platform: 'bluesky',
        accountId: account.account.id,
        name: 'TTRPG',
        kind: 'topic',
        url: 'https://bsky.app/profile/trending.bsky.app/feed/ttrpg',
        history: [],
        volume: 210,
      },
    ]);
    // The real PDS forwarded the call with a service token for this account and method.
    expect(appView.calls[0]).toMatchObject({
      nsid: 'app.bsky.unspecced.getTrends',
      iss: alice.did,
      aud: appView.did,
      lxm: 'app.bsky.unspecced.getTrends',
    });
  });

  it('falls back to getTrendingTopics, and gives an empty list when neither exists', async () => {
    appView.missing.add('app.bsky.unspecced.getTrends');
    appView.topics = [
      { topic: 'gardening', displayName: 'Gardening', link: '/profile/trending.bsky.app/feed/gardening' },
      { topic: 'jazz', link: '/search?q=jazz' },
    ];
    expect((await adapter.fetchTrends?.(account))?.map((t) => [t.name, t.url, t.volume])).toEqual([
      ['Gardening', 'https://bsky.app/profile/trending.bsky.app/feed/gardening', null],
      ['jazz', 'https://bsky.app/search?q=jazz', null],
    ]);
    appView.missing.add('app.bsky.unspecced.getTrendingTopics');
    expect(await adapter.fetchTrends?.(account)).toEqual([]);
  });

  it('searches the latest posts for hashtags as tags and for keywords as words', async () => {
    appView.posts.push(
      {
        uri: `at://${carol.did}/app.bsky.feed.post/3kaaaaaaaaaa2`,
        cid: 'bafy1',
        author: carol,
        text: 'Planting tomatoes today #gardening',
        createdAt: '2026-04-08T10:00:00.000Z',
        tags: ['gardening'],
      },
      {
        uri: `at://${dan.did}/app.bsky.feed.post/3kaaaaaaaaab2`,
        cid: 'bafy2',
        author: dan,
        text: 'Our coffee roast is out',
        createdAt: '2026-04-08T11:00:00.000Z',
      },
    );
    const hits = await adapter.searchRecent?.({ terms: ['#gardening', 'coffee'], limit: 10 }, account);
    expect(hits).toEqual([
      {
        platform: 'bluesky',
        accountId: account.account.id,
        id: `at://${carol.did}/app.bsky.feed.post/3kaaaaaaaaaa2`,
        url: 'https://bsky.app/profile/carol.example.com/post/3kaaaaaaaaaa2',
        author: '@carol.example.com',
        text: 'Planting tomatoes today #gardening',
        createdAt: Date.parse('2026-04-08T10:00:00.000Z'),
        term: 'gardening',
      },
      {
        platform: 'bluesky',
        accountId: account.account.id,
        id: `at://${dan.did}/app.bsky.feed.post/3kaaaaaaaaab2`,
        url: 'https://bsky.app/profile/dan.example.com/post/3kaaaaaaaaab2',
        author: '@dan.example.com',
        text: 'Our coffee roast is out',
        createdAt: Date.parse('2026-04-08T11:00:00.000Z'),
        term: 'coffee',
      },
    ]);
    const searches = appView.calls.filter((c) => c.nsid === 'app.bsky.feed.searchPosts');
    expect(searches.map((c) => [c.query.get('q'), c.query.get('sort'), c.query.get('limit')])).toEqual([
      ['#gardening', 'latest', '10'],
      ['coffee', 'latest', '10'],
    ]);
  });

  it('lists mentions, replies and quotes, newest first, and leaves likes out', async () => {
    appView.notifications.push(
      {
        uri: `at://${carol.did}/app.bsky.feed.post/3kbbbbbbbbbb2`,
        reason: 'mention',
        author: carol,
        text: 'Hey @alice.test, love this',
        createdAt: '2026-04-08T09:00:00.000Z',
      },
      {
        uri: `at://${dan.did}/app.bsky.feed.post/3kbbbbbbbbbc2`,
        reason: 'reply',
        author: dan,
        text: 'Agreed!',
        createdAt: '2026-04-08T12:00:00.000Z',
      },
      {
        uri: `at://${dan.did}/app.bsky.feed.like/3kbbbbbbbbbd2`,
        reason: 'like',
        author: dan,
        text: '',
        createdAt: '2026-04-08T13:00:00.000Z',
      },
    );
    const mentions = await adapter.fetchMentions?.(account);
    expect(mentions?.map((m) => [m.author, m.text, m.createdAt])).toEqual([
      ['@dan.example.com', 'Agreed!', Date.parse('2026-04-08T12:00:00.000Z')],
      ['@carol.example.com', 'Hey @alice.test, love this', Date.parse('2026-04-08T09:00:00.000Z')],
    ]);
    const call = appView.calls.find((c) => c.nsid === 'app.bsky.notification.listNotifications');
    expect(call?.query.getAll('reasons')).toEqual(['mention', 'reply', 'quote']);
  });

  it('reads likes, reposts, replies and quotes of published posts, 25 at a time', async () => {
    const refs = Array.from({ length: 27 }, (_, i) => {
      const uri = `at://${alice.did}/app.bsky.feed.post/post${String(i).padStart(3, '0')}`;
      appView.posts.push({
        uri,
        cid: `bafy${i}`,
        author: { did: alice.did, handle: alice.handle },
        text: `post ${i}`,
        createdAt: '2026-04-08T10:00:00.000Z',
        likeCount: i,
        repostCount: 1,
        replyCount: 2,
        quoteCount: 3,
      });
      return { targetId: `tgt_${i}`, remoteId: uri, ref: { uri, cid: `bafy${i}` } };
    });
    const metrics = await adapter.fetchMetrics?.(refs, account);
    expect(metrics).toHaveLength(27);
    expect(metrics?.[26]).toEqual({ targetId: 'tgt_26', likes: 26, reposts: 1, replies: 2, quotes: 3 });
    expect(appView.calls.filter((c) => c.nsid === 'app.bsky.feed.getPosts').map((c) => c.query.getAll('uris').length)).toEqual([25, 2]);
  });

  it('waits a minute when the PDS passes on an AppView rate limit without its headers', async () => {
    // The AppView says when its window resets, but this PDS relays a proxied error without any of its headers.
    appView.rateLimitNext('app.bsky.feed.searchPosts', Math.floor(Date.now() / 1000) + 300, 300);
    const error = await adapter.searchRecent?.({ terms: ['coffee'] }, account).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ kind: 'rate_limited', options: { retryAfterMs: 60_000, status: 429 } });
    expect((error as PlatformError).message).toBe(
      'Bluesky is limiting how many requests this account can make; Kairos will try again in 60 s.',
    );
  });
});

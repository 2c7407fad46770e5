// X end to end against the fake: PKCE sign-in, weighted length, self-threads, media with processing and alt text,
// token refresh, 429 with x-rate-limit-reset, unknown outcomes settled from the timeline, and the spending cap.

import { afterEach, describe, expect, it } from 'vitest';
import { type AppNetworksEnv, startAppNetworksEnv } from '../../testing/appNetworksEnv';
import { tinyPng } from '../../testing/mastodonFake/backendEnv';
import { createXAdapter } from './adapter';

let env: AppNetworksEnv;
afterEach(async () => {
  await env?.close();
});

const now = { kind: 'now' } as const;

async function gif(e: AppNetworksEnv) {
  const bytes = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64)]);
  return e.backend.call('media.add', { fileName: 'loop.gif', mime: 'image/gif', dataBase64: bytes.toString('base64') });
}

describe('X', () => {
  it('signs in with PKCE as a public client and shows the prices and this month’s spend', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectX();
    expect(account).toMatchObject({ platform: 'x', handle: '@kairosbrand', status: 'connected' });
    expect(account.lengthRule).toMatchObject({ maxLength: 280, unit: 'weighted' });
    expect(account.postCost).toMatchObject({ postMills: 15, linkPostMills: 200, monthlyCapMills: 10_000 });
  });

  it('publishes a self-thread, each part replying to the one before, and counts its cost', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectX();
    const { post } = await env.backend.call('posts.create', {
      text: 'A thread 🧵',
      parts: ['Second part', 'Read more at https://example.org/launch'],
      accountIds: [account.id],
      when: now,
    });
    await env.advance(0);
    const [a, b, c] = env.x.tweets;
    expect([a?.inReplyTo, b?.inReplyTo, c?.inReplyTo]).toEqual([null, a?.id, b?.id]);
    const { post: done } = await env.backend.call('posts.get', { id: post.id });
    expect(done.targets[0]).toMatchObject({
      status: 'published',
      remoteUrl: `https://x.com/kairosbrand/status/${a?.id}`,
      partsPublished: 3,
    });
    const [acc] = await env.backend.call('accounts.list', {});
    expect(acc?.postCost?.spend).toEqual({ month: '2026-12', mills: 15 + 15 + 200, posts: 3 });
  });

  it('refuses a post over 280 weighted characters before sending, as the counter says', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectX();
    const reply = await env.backend.invoke('posts.create', { text: '日'.repeat(141), accountIds: [account.id], when: now });
    expect(reply.ok).toBe(false);
    expect(JSON.stringify(reply)).toContain('282 of 280');
  });

  it('uploads an image and a GIF through the v2 media endpoints, waits for processing, adds alt text', async () => {
    env = await startAppNetworksEnv({ x: { processingSteps: 3 } });
    const account = await env.connectX();
    const png = await env.backend.call('media.add', {
      fileName: 'chart.png',
      mime: 'image/png',
      dataBase64: (await tinyPng()).toString('base64'),
    });
    const loop = await gif(env);
    await env.backend.call('posts.create', {
      text: 'Look',
      parts: ['And move'],
      accountIds: [account.id],
      when: now,
      media: [
        { id: png.id, alt: 'A red square' },
        { id: loop.id, alt: 'It spins', partIndex: 1 },
      ],
    });
    await env.advance(0);
    const [first, second] = env.x.tweets;
    const img = env.x.media.get(first?.mediaIds[0] ?? '');
    const anim = env.x.media.get(second?.mediaIds[0] ?? '');
    expect(img).toMatchObject({ category: 'tweet_image', state: 'succeeded', alt: 'A red square' });
    expect(anim).toMatchObject({ category: 'tweet_gif', state: 'succeeded', alt: 'It spins', checks: 3 });
  });

  it('fails a post whose media X could not process, saying which file', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectX();
    env.x.failNextProcessing = true;
    const loop = await gif(env);
    const { post } = await env.backend.call('posts.create', {
      text: 'Broken',
      accountIds: [account.id],
      when: now,
      media: [{ id: loop.id, alt: '' }],
    });
    await env.advance(0);
    const { post: p } = await env.backend.call('posts.get', { id: post.id });
    expect(p.targets[0]?.status).toBe('failed');
    expect(p.targets[0]?.lastError).toMatch(/could not process "loop.gif" \(Unsupported video codec\)/);
    expect(env.x.tweets).toHaveLength(0);
  });

  it('renews the two-hour token with the rotating refresh token and keeps publishing', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectX();
    await env.advance(3 * 3_600_000);
    await env.backend.call('posts.create', { text: 'Three hours later', accountIds: [account.id], when: now });
    await env.advance(0);
    // A revoked access token mid-way is answered with 401 once, then renewed.
    env.x.expireAccessTokens();
    await env.backend.call('posts.create', { text: 'And again', accountIds: [account.id], when: now });
    await env.advance(0);
    expect(env.x.tweets.map((t) => t.text)).toEqual(['Three hours later', 'And again']);
  });

  it('waits until x-rate-limit-reset after a 429', async () => {
    env = await startAppNetworksEnv({ x: { postsPerWindow: 1 } });
    const account = await env.connectX();
    await env.backend.call('posts.create', { text: 'First', accountIds: [account.id], when: now });
    await env.advance(0);
    const { post } = await env.backend.call('posts.create', { text: 'Second', accountIds: [account.id], when: now });
    await env.advance(0);
    let { post: p } = await env.backend.call('posts.get', { id: post.id });
    expect(p.targets[0]?.status).toBe('retrying');
    const reset = Math.ceil((env.clock.now() + 15 * 60_000) / 1000) * 1000;
    expect(p.targets[0]?.nextAttemptAt).toBeGreaterThanOrEqual(reset - 1000);
    await env.advance(16 * 60_000);
    ({ post: p } = await env.backend.call('posts.get', { id: post.id }));
    expect(p.targets[0]?.status).toBe('published');
  });

  it('settles a dropped answer from the account’s latest posts instead of posting twice', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectX();
    env.x.dropNextTweet();
    const { post } = await env.backend.call('posts.create', { text: 'Exactly once & no more', accountIds: [account.id], when: now });
    await env.advance(0);
    await env.advance(60_000);
    const { post: p } = await env.backend.call('posts.get', { id: post.id });
    expect(env.x.tweets).toHaveLength(1);
    expect(p.targets[0]).toMatchObject({ status: 'published', remoteId: env.x.tweets[0]?.id });
    expect((await env.backend.call('accounts.list', {}))[0]?.postCost?.spend).toMatchObject({ mills: 15, posts: 1 });
  });

  it('holds a post that would pass the monthly cap in Attention with the reason, and sends it once the cap is raised', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectX();
    await env.backend.call('x.setPricing', { accountId: account.id, postUsd: 0.015, linkPostUsd: 0.2, monthlyCapUsd: 0.25 });
    await env.backend.call('posts.create', { text: 'One https://example.org', accountIds: [account.id], when: now });
    await env.advance(0);
    const { post } = await env.backend.call('posts.create', { text: 'Two https://example.org/2', accountIds: [account.id], when: now });
    await env.advance(0);
    expect(env.x.tweets).toHaveLength(1);
    const review = await env.backend.call('engine.review', {});
    expect(review).toEqual([expect.objectContaining({ postId: post.id, status: 'held', holdKind: 'budget' })]);
    expect(review[0]?.reason).toContain('X spending cap reached: $0.20 of $0.25 is spent in 2026-12 and this post costs $0.20.');
    expect((await env.backend.call('engine.status', {})).attention.held).toBe(1);
    // Still over the cap: sending now holds it again rather than overspending.
    await env.backend.call('engine.decide', { postId: post.id, decision: { kind: 'publish-now' } });
    await env.advance(0);
    expect(env.x.tweets).toHaveLength(1);
    await env.backend.call('x.setPricing', { accountId: account.id, postUsd: 0.015, linkPostUsd: 0.2, monthlyCapUsd: 5 });
    await env.backend.call('engine.decide', { postId: post.id, decision: { kind: 'publish-now' } });
    await env.advance(0);
    expect(env.x.tweets.map((t) => t.text)).toEqual(['One https://example.org', 'Two https://example.org/2']);
  });

  it('lets a new month start a new budget', async () => {
    env = await startAppNetworksEnv({ start: Date.UTC(2026, 11, 31, 23, 0) });
    const account = await env.connectX();
    await env.backend.call('x.setPricing', { accountId: account.id, postUsd: 0.015, linkPostUsd: 0.2, monthlyCapUsd: 0.015 });
    await env.backend.call('posts.create', { text: 'December', accountIds: [account.id], when: now });
    await env.advance(0);
    const { post } = await env.backend.call('posts.create', {
      text: 'January',
      accountIds: [account.id],
      when: { kind: 'instant', at: Date.UTC(2027, 0, 1, 0, 5), timeZone: 'UTC' },
    });
    await env.advance(Date.UTC(2027, 0, 1, 0, 6) - env.clock.now());
    const { post: p } = await env.backend.call('posts.get', { id: post.id });
    expect(p.targets[0]?.status).toBe('published');
  });

  it('asks for credits when X answers 402, and the account waits with its posts', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectX();
    env.x.creditsDepleted = true;
    await env.backend.call('posts.create', { text: 'No credits', accountIds: [account.id], when: now });
    await env.advance(0);
    const [acc] = await env.backend.call('accounts.list', {});
    expect(acc?.status).toBe('needs_attention');
    expect(acc?.statusReason).toMatch(/no credits left .* Buy credits in the X Developer Console/);
  });

  it('reads mentions, recent search hits and the public numbers of published posts', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectX();
    const { post } = await env.backend.call('posts.create', { text: 'Count me #launch', accountIds: [account.id], when: now });
    await env.advance(0);
    const fan = env.x.createUser('fan');
    env.x.tweets.push({
      id: '42',
      authorId: fan,
      text: '@kairosbrand love the #launch',
      mediaIds: [],
      inReplyTo: null,
      createdAt: env.clock.now(),
      likes: 0,
    });
    const [mine] = env.x.tweets;
    if (mine) mine.likes = 7;
    const ctx = {
      account: { ...account, config: { apiOrigin: env.x.origin, userId: env.xUser, username: 'kairosbrand' } },
      secret: { accessToken: env.x.issueToken(env.xUser), refreshToken: null, expiresAt: env.clock.now() + 3_600_000, clientId: 'c' },
      saveSecret: async () => {},
      saveConfig: async () => {},
      recordPart: async () => {},
      readMedia: () => Buffer.alloc(0),
    };
    const adapter = createXAdapter({ clock: env.clock });
    const mentions = await adapter.fetchMentions?.(ctx);
    expect(mentions?.map((m) => [m.author, m.text])).toEqual([['@fan', '@kairosbrand love the #launch']]);
    const hits = await adapter.searchRecent?.({ terms: ['#launch'] }, ctx);
    expect(hits?.map((h) => h.id)).toContain('42');
    const { post: done } = await env.backend.call('posts.get', { id: post.id });
    const target = done.targets[0];
    const metrics = await adapter.fetchMetrics?.([{ targetId: target?.id ?? '', remoteId: target?.remoteId ?? '' }], ctx);
    expect(metrics).toEqual([{ targetId: target?.id, likes: 7, reposts: 0, replies: 0, quotes: 0 }]);
  });
});

// First comments on X against the fake: a reply under the post after the delay, within the same monthly spending cap.

import { afterEach, describe, expect, it } from 'vitest';
import { type AppNetworksEnv, startAppNetworksEnv } from '../../testing/appNetworksEnv';

let env: AppNetworksEnv;
afterEach(async () => {
  await env?.close();
});

const MIN = 60_000;
const now = { kind: 'now' } as const;

describe('first comments on X', () => {
  it('replies under the post after the delay, once, and counts the reply in the month’s spend', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectX();
    expect(account.repliesToOwnPosts).toBe(true);
    const { post } = await env.backend.call('posts.create', {
      text: 'Big news today',
      accountIds: [account.id],
      when: now,
      options: { firstComment: { text: 'Details in this reply', delayMinutes: 2 } },
    });
    await env.advance(0);
    expect(env.x.tweets.map((t) => t.text)).toEqual(['Big news today']);
    await env.advance(2 * MIN);
    const [root, reply] = env.x.tweets;
    expect(env.x.tweets).toHaveLength(2);
    expect(reply).toMatchObject({ text: 'Details in this reply', inReplyTo: root?.id, authorId: root?.authorId });
    const [f] = await env.backend.call('followups.ofPost', { postId: post.id });
    expect(f).toMatchObject({ status: 'published', attempts: 1, remoteUrl: `https://x.com/kairosbrand/status/${reply?.id}` });
    expect((await env.backend.call('accounts.list', {}))[0]?.postCost?.spend).toMatchObject({ mills: 30, posts: 2 });
    await env.advance(20 * MIN);
    expect(env.x.tweets).toHaveLength(2);
  });

  it('a first comment that would pass the monthly cap waits with the reason, and goes once the cap is raised', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectX();
    // Room for the post ($0.015) but not for its comment with a link ($0.20).
    await env.backend.call('x.setPricing', { accountId: account.id, postUsd: 0.015, linkPostUsd: 0.2, monthlyCapUsd: 0.1 });
    const { post } = await env.backend.call('posts.create', {
      text: 'Launch day',
      accountIds: [account.id],
      when: now,
      options: { firstComment: { text: 'Read more at https://example.org/launch', delayMinutes: 1 } },
    });
    await env.advance(0);
    await env.advance(MIN);
    expect(env.x.tweets.map((t) => t.text)).toEqual(['Launch day']);
    const [waiting] = await env.backend.call('followups.ofPost', { postId: post.id });
    expect(waiting).toMatchObject({ status: 'waiting', attempts: 0 });
    expect(waiting?.lastError).toBe(
      'First comment waits: X spending cap reached: $0.015 of $0.10 is spent in 2026-12 and this post costs $0.20. Raise the cap in Accounts → X, or move the post to next month.',
    );
    const { history } = await env.backend.call('posts.get', { id: post.id });
    expect(history.filter((h) => h.kind === 'first comment waiting')).toHaveLength(1);
    // Still over the cap at the next look: it keeps waiting, nothing is sent and no retry is used up.
    await env.advance(15 * MIN);
    expect(env.x.tweets).toHaveLength(1);
    expect((await env.backend.call('followups.ofPost', { postId: post.id }))[0]).toMatchObject({ status: 'waiting', attempts: 0 });

    await env.backend.call('x.setPricing', { accountId: account.id, postUsd: 0.015, linkPostUsd: 0.2, monthlyCapUsd: 5 });
    await env.advance(15 * MIN);
    const [root, reply] = env.x.tweets;
    expect(env.x.tweets.map((t) => t.text)).toEqual(['Launch day', 'Read more at https://example.org/launch']);
    expect(reply?.inReplyTo).toBe(root?.id);
    expect((await env.backend.call('followups.ofPost', { postId: post.id }))[0]).toMatchObject({ status: 'published', attempts: 1 });
    expect((await env.backend.call('accounts.list', {}))[0]?.postCost?.spend).toMatchObject({ mills: 215, posts: 2 });
  });
});

// First comments against the Mastodon fake: posted once, N minutes after the post, under its last part, even across an unknown outcome.

import { afterEach, describe, expect, it } from 'vitest';
import { type MastodonEnv, startMastodonEnv } from '../../testing/mastodonFake/backendEnv';

let env: MastodonEnv;
afterEach(async () => {
  await env?.close();
});

const MINUTE = 60_000;

describe('first comments', () => {
  it('replies from our own account N minutes after the post, exactly once', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    const { post } = await env.backend.call('posts.create', {
      text: 'Our new guide is out',
      accountIds: [account.id],
      when: { kind: 'now' },
      options: { visibility: 'unlisted', firstComment: { text: 'The link: https://example.org/guide', delayMinutes: 10 } },
    });
    await env.advance(0);
    const [status] = env.fake.statusesOf(env.user.id);
    expect(status?.text).toBe('Our new guide is out');
    expect(await env.backend.call('followups.ofPost', { postId: post.id })).toMatchObject([
      { status: 'waiting', dueAt: env.clock.now() + 10 * MINUTE },
    ]);

    await env.advance(10 * MINUTE - 1000);
    expect(env.fake.statusesOf(env.user.id)).toHaveLength(1);
    await env.advance(1000);
    const statuses = env.fake.statusesOf(env.user.id);
    expect(statuses).toHaveLength(2);
    expect(statuses[1]).toMatchObject({
      text: 'The link: https://example.org/guide',
      inReplyToId: status?.id,
      visibility: 'unlisted',
      userId: env.user.id,
    });
    const [f] = await env.backend.call('followups.ofPost', { postId: post.id });
    expect(f).toMatchObject({ status: 'published', attempts: 1, remoteUrl: `${env.fake.origin}/@alice/${statuses[1]?.id}` });
    const { history } = await env.backend.call('posts.get', { id: post.id });
    expect(history.map((h) => h.kind)).toContain('first comment published');

    await env.advance(60 * MINUTE);
    expect(env.fake.statusesOf(env.user.id)).toHaveLength(2);
  });

  it('goes under the last part of a thread', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    await env.backend.call('posts.create', {
      text: 'One',
      parts: ['Two'],
      accountIds: [account.id],
      when: { kind: 'now' },
      options: { firstComment: { text: 'Three, as a comment', delayMinutes: 0 } },
    });
    await env.advance(0);
    await env.advance(1000);
    const s = env.fake.statusesOf(env.user.id);
    expect(s.map((x) => x.text)).toEqual(['One', 'Two', 'Three, as a comment']);
    expect(s[2]?.inReplyToId).toBe(s[1]?.id);
  });

  it('sends the same Idempotency-Key again after a dropped reply, so the server keeps one comment', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    const { post } = await env.backend.call('posts.create', {
      text: 'Flaky network day',
      accountIds: [account.id],
      when: { kind: 'now' },
      options: { firstComment: { text: 'Said once', delayMinutes: 1 } },
    });
    await env.advance(0);
    env.fake.failNext('create_status', { kind: 'commit_then_drop' });
    await env.advance(MINUTE);
    expect(await env.backend.call('followups.ofPost', { postId: post.id })).toMatchObject([{ status: 'waiting', attempts: 1 }]);
    await env.advance(2 * MINUTE);
    const creates = env.fake.log.filter((l) => l.method === 'POST' && l.path === '/api/v1/statuses');
    expect(creates).toHaveLength(3);
    expect(creates[1]?.idempotencyKey).toBe(creates[2]?.idempotencyKey);
    expect(creates[0]?.idempotencyKey).not.toBe(creates[1]?.idempotencyKey);
    expect(env.fake.statusesOf(env.user.id).map((x) => x.text)).toEqual(['Flaky network day', 'Said once']);
    expect(await env.backend.call('followups.ofPost', { postId: post.id })).toMatchObject([{ status: 'published', attempts: 2 }]);
  });

  it('waits while publishing is paused, and goes when it resumes', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    const { post } = await env.backend.call('posts.create', {
      text: 'Before the storm',
      accountIds: [account.id],
      when: { kind: 'now' },
      options: { firstComment: { text: 'Later', delayMinutes: 5 } },
    });
    await env.advance(0);
    await env.backend.call('engine.pause', { reason: 'Crisis' });
    await env.advance(10 * MINUTE);
    expect(env.fake.statusesOf(env.user.id)).toHaveLength(1);
    expect(await env.backend.call('followups.ofPost', { postId: post.id })).toMatchObject([{ status: 'waiting' }]);
    await env.backend.call('engine.resume', {});
    await env.advance(31_000);
    expect(env.fake.statusesOf(env.user.id).map((x) => x.text)).toEqual(['Before the storm', 'Later']);
  });
});

describe('first comment checks', () => {
  it('refuses a first comment too long for the network when the post is saved', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    await expect(
      env.backend.call('posts.create', {
        text: 'Short post',
        accountIds: [account.id],
        when: { kind: 'now' },
        options: { firstComment: { text: 'x'.repeat(501), delayMinutes: 1 } },
      }),
    ).rejects.toThrow('Too long for Brand (Mastodon), first comment: 501 of 500 characters, 1 over.');
    expect(env.fake.statusesOf(env.user.id)).toEqual([]);
  });
});

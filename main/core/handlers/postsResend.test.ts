// A client request id makes posts.create safe to send again; an expected updatedAt keeps an edit made from an old
// version from overwriting someone else's (SQLite; the same handler runs on the workspace server).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../../testing/discordFake';
import { FakeClock } from '../../testing/fakeClock';
import { type TempBackend, tempBackend } from '../../testing/tempBackend';
import type { Backend } from '../backend';
import { postIdForRequest } from '../ids';

const START = Date.UTC(2026, 5, 1, 6, 0);
const DRAFT = { kind: 'draft', timeZone: 'Europe/Rome' } as const;

describe('posts.create with a client request id', () => {
  let temp: TempBackend;
  let fake: DiscordFake;
  let clock: FakeClock;
  let backend: Backend;
  let account: string;

  beforeEach(async () => {
    fake = await new DiscordFake().start();
    clock = new FakeClock(START);
    temp = await tempBackend({ prefix: 'kairos-resend-', clock });
    backend = temp.backend;
    account = (await backend.call('accounts.connect', { platform: 'discord', name: 'News', webhookUrl: fake.createWebhook('News') })).id;
  });

  afterEach(async () => {
    await temp.close();
    await fake.stop();
  });

  const count = async () => (await backend.call('posts.list', {})).length;

  it('sent twice makes one post, and the second answer is the first post', async () => {
    const request = { text: 'Launch day', accountIds: [account], when: DRAFT, clientRequestId: 'outbox-entry-0001-abcd' };
    const first = await backend.call('posts.create', request);
    clock.advance(60_000);
    const again = await backend.call('posts.create', { ...request, text: 'Launch day (sent again)' });
    expect(again.post.id).toBe(first.post.id);
    expect(again.post.text).toBe('Launch day');
    expect(first.post.id).toBe(postIdForRequest('outbox-entry-0001-abcd'));
    expect(await count()).toBe(1);
    expect((await backend.call('posts.get', { id: first.post.id })).history.map((h) => h.kind)).toEqual(['created as draft']);
  });

  it('sent at the same moment twice still makes one post', async () => {
    const request = { text: 'Both at once', accountIds: [account], when: DRAFT, clientRequestId: 'outbox-entry-0002-abcd' };
    const [a, b] = await Promise.all([backend.invoke('posts.create', request), backend.invoke('posts.create', request)]);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect((a.value as { post: { id: string } }).post.id).toBe((b.value as { post: { id: string } }).post.id);
    expect(await count()).toBe(1);
  });

  it('different request ids, or none, make different posts', async () => {
    await backend.call('posts.create', { text: 'One', accountIds: [account], when: DRAFT, clientRequestId: 'outbox-entry-0003-abcd' });
    await backend.call('posts.create', { text: 'Two', accountIds: [account], when: DRAFT, clientRequestId: 'outbox-entry-0004-abcd' });
    await backend.call('posts.create', { text: 'Three', accountIds: [account], when: DRAFT });
    await backend.call('posts.create', { text: 'Three', accountIds: [account], when: DRAFT });
    expect(await count()).toBe(4);
  });

  it('refuses a request id that is not one', async () => {
    const r = await backend.invoke('posts.create', { text: 'x', accountIds: [account], when: DRAFT, clientRequestId: 'short' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'invalid_input', field: 'clientRequestId' });
  });
});

describe('posts.update with the updatedAt it was made from', () => {
  let temp: TempBackend;
  let clock: FakeClock;
  let backend: Backend;

  beforeEach(async () => {
    clock = new FakeClock(START);
    temp = await tempBackend({ prefix: 'kairos-expected-', clock });
    backend = temp.backend;
  });

  afterEach(async () => {
    await temp.close();
  });

  it('saves when the post is still that version, and refuses with post_changed_elsewhere once it changed', async () => {
    const { post } = await backend.call('posts.create', { text: 'First words', accountIds: [], when: DRAFT });
    clock.advance(1_000);
    const mine = await backend.call('posts.update', { id: post.id, text: 'My words', expectedUpdatedAt: post.updatedAt });
    expect(mine.post.text).toBe('My words');
    expect(mine.post.updatedAt).toBe(START + 1_000);

    // Someone else started from the first version too: theirs is refused, mine stays.
    clock.advance(1_000);
    const stale = await backend.invoke('posts.update', { id: post.id, text: 'Their words', expectedUpdatedAt: post.updatedAt });
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.error.code).toBe('conflict');
      expect(stale.error.problem).toEqual({ code: 'post_changed_elsewhere', params: {} });
      expect(stale.error.message).toMatch(/^Someone else changed this post after you opened it/);
    }
    const now = await backend.call('posts.get', { id: post.id });
    expect(now.post.text).toBe('My words');
    expect(now.history.map((h) => h.kind)).toEqual(['created as draft', 'edited']);

    // Without it, an update saves as before.
    const plain = await backend.call('posts.update', { id: post.id, text: 'Anyone' });
    expect(plain.post.text).toBe('Anyone');
  });
});

// Hand-off to the server's scheduler through the real backend: create, move, take back, replace, cancel, reconcile, limits, and a server that ignores scheduled_at.

import { afterEach, describe, expect, it } from 'vitest';
import type { AccountWithRule } from '../../../shared/contract';
import { type MastodonEnv, startMastodonEnv, tinyPng } from '../../testing/mastodonFake/backendEnv';

let env: MastodonEnv;
afterEach(async () => {
  await env?.close();
});

const MIN = 60_000;
const at = (e: MastodonEnv, minutes: number) => ({ kind: 'instant', at: e.clock.now() + minutes * MIN, timeZone: 'Europe/Rome' }) as const;
const sync = (e: MastodonEnv) => e.backend.call('mastodon.syncHandoff', { reconcile: true });
const kinds = async (e: MastodonEnv, postId: string) => (await e.backend.call('posts.get', { id: postId })).history.map((h) => h.kind);
const target = async (e: MastodonEnv, postId: string) => (await e.backend.call('posts.get', { id: postId })).post.targets[0];
const creates = (e: MastodonEnv) => e.fake.log.filter((l) => l.method === 'POST' && l.path === '/api/v1/statuses');

async function setup(options: Parameters<typeof startMastodonEnv>[0] = {}): Promise<AccountWithRule> {
  env = await startMastodonEnv(options);
  return env.connect();
}

describe('hand-off to the server scheduler', () => {
  it('hands a post over; the server publishes it while Kairos stays idle; reconciliation records it as published', async () => {
    const account = await setup();
    const { post } = await env.backend.call('posts.create', {
      text: 'Goes out while the laptop sleeps',
      accountIds: [account.id],
      when: at(env, 30),
    });
    expect(await sync(env)).toMatchObject({ handedOff: 1, errors: [] });
    const [remote] = env.fake.scheduledOf(env.user.id);
    expect(remote).toMatchObject({ scheduledAt: post.scheduledAt, params: { text: 'Goes out while the laptop sleeps' } });
    expect(await env.backend.call('mastodon.handoffOfPost', { postId: post.id })).toEqual([
      { targetId: post.targets[0]?.id, accountId: account.id, state: 'scheduled', scheduledFor: post.scheduledAt, reason: null },
    ]);
    expect(await kinds(env, post.id)).toContain('handed off');

    await env.advance(31 * MIN);
    await sync(env);
    expect(creates(env)).toHaveLength(1);
    const [status] = env.fake.statusesOf(env.user.id);
    expect(status?.scheduledFrom).toBe(remote?.id);
    const t = await target(env, post.id);
    expect(t).toMatchObject({
      status: 'published',
      remoteId: status?.id,
      remoteUrl: `${env.fake.origin}/@alice/${status?.id}`,
      partsPublished: 1,
    });
    expect((await env.backend.call('posts.get', { id: post.id })).post.status).toBe('published');
    expect(await env.backend.call('mastodon.handoffOfPost', { postId: post.id })).toEqual([]);
  });

  it('hands over a post with its image, alt text, content warning and visibility intact', async () => {
    const account = await setup();
    const png = await env.backend.call('media.add', {
      fileName: 'chart.png',
      mime: 'image/png',
      dataBase64: (await tinyPng()).toString('base64'),
    });
    const { post } = await env.backend.call('posts.create', {
      text: 'Chart of the week',
      accountIds: [account.id],
      when: at(env, 30),
      options: { contentWarning: 'Numbers', visibility: 'unlisted', language: 'en' },
      media: [{ id: png.id, alt: 'A rising line' }],
    });
    await sync(env);
    const [remote] = env.fake.scheduledOf(env.user.id);
    expect(remote?.params).toMatchObject({ text: 'Chart of the week', spoiler_text: 'Numbers', visibility: 'unlisted', language: 'en' });
    await env.advance(31 * MIN);
    await sync(env);
    const [status] = env.fake.statusesOf(env.user.id);
    expect(status?.mediaIds.map((id) => env.fake.mediaById.get(id)?.description)).toEqual(['A rising line']);
    expect(await target(env, post.id)).toMatchObject({ status: 'published', remoteId: status?.id });
  });

  it('moves the remote copy when the post is rescheduled, and takes it back when moved under the 5-minute rule', async () => {
    const account = await setup();
    const { post } = await env.backend.call('posts.create', { text: 'Move me', accountIds: [account.id], when: at(env, 30) });
    await sync(env);
    await env.backend.call('posts.reschedule', { id: post.id, when: at(env, 90) });
    expect(await sync(env)).toMatchObject({ moved: 1 });
    expect(env.fake.scheduledOf(env.user.id)[0]?.scheduledAt).toBe(env.clock.now() + 90 * MIN);

    await env.backend.call('posts.reschedule', { id: post.id, when: { kind: 'now' } });
    expect(await sync(env)).toMatchObject({ pulledBack: 1 });
    await env.backend.scheduler.idle();
    expect(env.fake.scheduledOf(env.user.id)).toHaveLength(0);
    // Kairos publishes it itself, with the target's own key (the hand-off used a key of its own).
    expect(await target(env, post.id)).toMatchObject({ status: 'published' });
    expect(env.fake.statusesOf(env.user.id).map((s) => s.text)).toEqual(['Move me']);
    expect(await kinds(env, post.id)).toEqual(expect.arrayContaining(['handed off', 'hand-off moved', 'taken back', 'published']));
  });

  it('replaces the remote copy when the post is edited, and deletes it when the post is cancelled or deleted', async () => {
    const account = await setup();
    const { post } = await env.backend.call('posts.create', { text: 'First draft', accountIds: [account.id], when: at(env, 30) });
    await sync(env);
    await env.backend.call('posts.update', { id: post.id, text: 'Final words' });
    expect(await sync(env)).toMatchObject({ pulledBack: 1, handedOff: 1 });
    expect(env.fake.scheduledOf(env.user.id).map((s) => s.params.text)).toEqual(['Final words']);

    await env.backend.call('posts.cancel', { id: post.id });
    expect(await sync(env)).toMatchObject({ pulledBack: 1 });
    expect(env.fake.scheduledOf(env.user.id)).toHaveLength(0);

    const { post: other } = await env.backend.call('posts.create', { text: 'Short-lived', accountIds: [account.id], when: at(env, 40) });
    await sync(env);
    expect(env.fake.scheduledOf(env.user.id)).toHaveLength(1);
    await env.backend.call('posts.delete', { id: other.id });
    await sync(env);
    expect(env.fake.scheduledOf(env.user.id)).toHaveLength(0);
    await env.advance(60 * MIN);
    expect(env.fake.statusesOf(env.user.id)).toHaveLength(0);
  });

  it('a scheduled copy deleted on the server cancels the post there, with a history entry', async () => {
    const account = await setup();
    const { post } = await env.backend.call('posts.create', { text: 'Deleted elsewhere', accountIds: [account.id], when: at(env, 30) });
    await sync(env);
    const [remote] = env.fake.scheduledOf(env.user.id);
    await fetch(`${env.fake.origin}/api/v1/scheduled_statuses/${remote?.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${env.fake.issueToken(env.user.id)}` },
    });
    expect(await sync(env)).toMatchObject({ cancelled: 1 });
    const t = await target(env, post.id);
    expect(t?.status).toBe('cancelled');
    const { history } = await env.backend.call('posts.get', { id: post.id });
    expect(history.at(-1)?.detail).toMatch(/deleted on 127\.0\.0\.1:\d+, so Kairos cancelled this post there/);
    await env.advance(40 * MIN);
    expect(env.fake.statusesOf(env.user.id)).toHaveLength(0);
  });

  it('a post the server published and that then vanished becomes unconfirmed after the grace period', async () => {
    const account = await setup();
    const { post } = await env.backend.call('posts.create', { text: 'Now you see me', accountIds: [account.id], when: at(env, 10) });
    await sync(env);
    env.clock.jump(11 * MIN);
    env.fake.runDueScheduled();
    for (const s of env.fake.statusesOf(env.user.id)) s.deleted = true;
    await sync(env);
    expect((await target(env, post.id))?.status).toBe('scheduled');
    env.clock.jump(20 * MIN);
    expect(await sync(env)).toMatchObject({ unconfirmed: 1 });
    expect(await target(env, post.id)).toMatchObject({ status: 'unconfirmed' });
  });

  it('a post cancelled after the server already published it is recorded as published, not cancelled', async () => {
    const account = await setup();
    const { post } = await env.backend.call('posts.create', { text: 'Too late to stop', accountIds: [account.id], when: at(env, 10) });
    await sync(env);
    env.clock.jump(11 * MIN);
    env.fake.runDueScheduled();
    await env.backend.call('posts.cancel', { id: post.id });
    expect(await sync(env)).toMatchObject({ published: 1, pulledBack: 0 });
    const [status] = env.fake.statusesOf(env.user.id);
    expect(await target(env, post.id)).toMatchObject({ status: 'published', remoteId: status?.id });
  });

  it('detects a server that ignores scheduled_at: records the post as published, says so, and switches hand-off off', async () => {
    const account = await setup({ fake: { ignoresScheduledAt: true } });
    const { post } = await env.backend.call('posts.create', { text: 'Too early', accountIds: [account.id], when: at(env, 30) });
    expect(await sync(env)).toMatchObject({ published: 1, handedOff: 0 });
    const [status] = env.fake.statusesOf(env.user.id);
    expect(await target(env, post.id)).toMatchObject({ status: 'published', remoteId: status?.id });
    const { history } = await env.backend.call('posts.get', { id: post.id });
    expect(history.find((h) => h.kind === 'published early')?.detail).toMatch(/ignored the scheduled time and published at once/);
    expect(await env.backend.call('mastodon.handoffSettings', { accountId: account.id })).toMatchObject({
      supported: false,
      enabled: false,
      reason: expect.stringMatching(/switched hand-off off for this server/),
    });
    const r = await env.backend.invoke('mastodon.setHandoff', { accountId: account.id, enabled: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const { post: next } = await env.backend.call('posts.create', {
      text: 'Published by Kairos',
      accountIds: [account.id],
      when: at(env, 20),
    });
    await sync(env);
    expect(env.fake.statusesOf(env.user.id)).toHaveLength(1);
    await env.advance(21 * MIN);
    expect(await target(env, next.id)).toMatchObject({ status: 'published' });
  });

  it('respects the per-day limit with a clear fallback to local publishing', async () => {
    const account = await setup({ fake: { scheduledDailyLimit: 1 } });
    const { post: a } = await env.backend.call('posts.create', { text: 'First of the day', accountIds: [account.id], when: at(env, 30) });
    const { post: b } = await env.backend.call('posts.create', { text: 'Second of the day', accountIds: [account.id], when: at(env, 40) });
    expect(await sync(env)).toMatchObject({ handedOff: 1, keptLocal: 1 });
    const { history } = await env.backend.call('posts.get', { id: b.id });
    expect(history.at(-1)).toMatchObject({ kind: 'kept for local publishing' });
    expect(history.at(-1)?.detail).toMatch(
      /publish this post itself .*"Validation failed: You have exceeded the limit of 1 scheduled posts for today"/,
    );
    expect(await sync(env)).toMatchObject({ handedOff: 0, keptLocal: 0 });
    await env.advance(41 * MIN);
    await sync(env);
    expect(await target(env, a.id)).toMatchObject({ status: 'published' });
    expect(await target(env, b.id)).toMatchObject({ status: 'published' });
    expect(
      env.fake
        .statusesOf(env.user.id)
        .map((s) => s.text)
        .sort(),
    ).toEqual(['First of the day', 'Second of the day']);
  });

  it('does not hand over threads, posts with hand-off off, or anything when the account has it switched off', async () => {
    const account = await setup();
    await env.backend.call('posts.create', { text: 'Part 1', parts: ['Part 2'], accountIds: [account.id], when: at(env, 30) });
    await env.backend.call('posts.create', {
      text: 'Not this one',
      accountIds: [account.id],
      when: at(env, 30),
      options: { handoff: 'off' },
    });
    expect(await sync(env)).toMatchObject({ handedOff: 0 });
    const { post } = await env.backend.call('posts.create', { text: 'This one', accountIds: [account.id], when: at(env, 30) });
    expect(await sync(env)).toMatchObject({ handedOff: 1 });
    const settings = await env.backend.call('mastodon.setHandoff', { accountId: account.id, enabled: false });
    expect(settings).toMatchObject({ enabled: false, handedOff: 0 });
    expect(env.fake.scheduledOf(env.user.id)).toHaveLength(0);
    expect(await kinds(env, post.id)).toContain('taken back');
  });

  it('pulls every handed-off post back for the crisis brake', async () => {
    const account = await setup();
    const { post } = await env.backend.call('posts.create', { text: 'Hold everything', accountIds: [account.id], when: at(env, 30) });
    await env.backend.call('posts.create', { text: 'And this', accountIds: [account.id], when: at(env, 50) });
    await sync(env);
    expect(env.fake.scheduledOf(env.user.id)).toHaveLength(2);
    expect(await env.backend.call('mastodon.pullBack', { reason: 'publishing is paused' })).toMatchObject({ pulledBack: 2 });
    expect(env.fake.scheduledOf(env.user.id)).toHaveLength(0);
    const { history } = await env.backend.call('posts.get', { id: post.id });
    expect(history.at(-1)?.detail).toMatch(/took this post back .*: publishing is paused\./);
    expect(await target(env, post.id)).toMatchObject({ status: 'scheduled' });
  });

  it('the crisis brake ("Pause all publishing") pulls handed-off posts back and nothing is handed over while paused', async () => {
    const account = await setup();
    const { post } = await env.backend.call('posts.create', { text: 'Brand statement', accountIds: [account.id], when: at(env, 30) });
    await sync(env);
    expect(env.fake.scheduledOf(env.user.id)).toHaveLength(1);
    const paused = await env.backend.call('engine.pause', { reason: 'Breaking news' });
    expect(paused.pulledBack).toBe(1);
    expect(env.fake.scheduledOf(env.user.id)).toHaveLength(0);
    expect((await env.backend.call('posts.get', { id: post.id })).history.at(-1)?.detail).toMatch(
      /took this post back .*: Breaking news\./,
    );
    await env.backend.call('posts.create', { text: 'While paused', accountIds: [account.id], when: at(env, 40) });
    expect(await sync(env)).toMatchObject({ handedOff: 0 });
    expect(env.fake.scheduledOf(env.user.id)).toHaveLength(0);
    await env.backend.call('engine.resume', {});
    expect(await sync(env)).toMatchObject({ handedOff: 2 });
  });

  it('after a dropped connection while handing over, finds the copy the server made instead of making a second', async () => {
    const account = await setup();
    env.fake.failNext('create_status', { kind: 'commit_then_drop' });
    const { post } = await env.backend.call('posts.create', { text: 'Dropped reply', accountIds: [account.id], when: at(env, 30) });
    const first = await sync(env);
    expect(first.handedOff).toBe(0);
    expect(first.errors.join()).toMatch(/dropped after the post was sent/);
    expect(await sync(env)).toMatchObject({ handedOff: 1 });
    expect(env.fake.scheduledOf(env.user.id)).toHaveLength(1);
    expect(await env.backend.call('mastodon.handoffOfPost', { postId: post.id })).toMatchObject([{ state: 'scheduled' }]);
  });

  it('keeps a local copy when the server already holds 25 posts that day, without asking it', async () => {
    const account = await setup();
    const token = env.fake.issueToken(env.user.id);
    const day = env.clock.now() + 60 * MIN;
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${env.fake.origin}/api/v1/statuses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: `Other app ${i}`, scheduled_at: new Date(day + i * MIN).toISOString() }),
      });
      expect(res.status).toBe(200);
    }
    const { post } = await env.backend.call('posts.create', { text: 'One too many', accountIds: [account.id], when: at(env, 120) });
    const before = creates(env).length;
    expect(await sync(env)).toMatchObject({ keptLocal: 1 });
    expect(creates(env).length).toBe(before);
    expect((await env.backend.call('posts.get', { id: post.id })).history.at(-1)?.detail).toMatch(/allows 25 scheduled posts per day/);
  });

  it('the fake server enforces the 5-minute rule', async () => {
    await setup();
    const res = await fetch(`${env.fake.origin}/api/v1/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.fake.issueToken(env.user.id)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'Soon', scheduled_at: new Date(env.clock.now() + 3 * MIN).toISOString() }),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: 'Validation failed: Scheduled at The scheduled date must be in the future' });
  });

  it('a revoked token during a pass puts the account in "needs re-login"', async () => {
    const account = await setup();
    await env.backend.call('posts.create', { text: 'Later', accountIds: [account.id], when: at(env, 30) });
    env.fake.revokeTokensOf(env.user.id);
    const summary = await sync(env);
    expect(summary.errors.join()).toMatch(/Log in again in Accounts/);
    expect((await env.backend.call('accounts.list', {}))[0]?.status).toBe('needs_relogin');
  });
});

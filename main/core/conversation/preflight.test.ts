// The pre-flight check end to end: a post is checked N minutes before it goes out, held when the room has turned, and waits for a decision.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../../shared/contract';
import type { PlatformId } from '../../../shared/domain';
import { featuresWith } from '../../features';
import { FakeClock } from '../../testing/fakeClock';
import { FakeSignalNetwork } from '../../testing/fakeSignalNetwork';
import { type Backend, createBackend } from '../backend';
import type { PlatformAdapter } from '../platforms/types';

const START = Date.UTC(2026, 5, 1, 8, 0); // 10:00 in Rome
const MIN = 60_000;

describe('pre-flight check', () => {
  let dir: string;
  let clock: FakeClock;
  let backend: Backend;
  let masto: FakeSignalNetwork;
  let events: BackendEvent[];
  let accountId: string;

  async function open() {
    backend = await createBackend({
      dataDir: dir,
      features: featuresWith(new Map<PlatformId, PlatformAdapter>([['mastodon', masto.adapter()]])),
      clock,
      shell: 'electron',
      runScheduler: true,
      systemTimeZone: 'Europe/Rome',
    });
    backend.subscribe((e) => events.push(e));
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-preflight-'));
    clock = new FakeClock(START);
    masto = new FakeSignalNetwork('mastodon', 'Mastodon');
    events = [];
    await open();
    accountId = (
      await backend.call('accounts.connect', { platform: 'mastodon', name: 'Brand', instance: 'example.social', accessToken: 't' })
    ).id;
  });

  afterEach(async () => {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A post due at 10:30 Rome, 30 minutes after the start. */
  const schedule = async (text: string) =>
    (
      await backend.call('posts.create', {
        text,
        accountIds: [accountId],
        when: { kind: 'at', wall: { date: '2026-06-01', time: '10:30', timeZone: 'Europe/Rome' } },
      })
    ).post;

  /** Lets background work (refreshes, publishing) finish, then reads the post and its history. */
  async function settle(postId: string) {
    for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r));
    await backend.scheduler.idle();
    return backend.call('posts.get', { id: postId });
  }

  async function waitForHistory(postId: string, kind: string) {
    for (let i = 0; i < 100; i++) {
      const got = await settle(postId);
      if (got.history.some((h) => h.kind === kind)) return got;
    }
    throw new Error(`The post's history never showed "${kind}".`);
  }

  const kinds = (history: readonly { kind: string }[]) => history.map((h) => h.kind);

  it('holds a post when a high-severity watch term is trending, keeps it past its time, and sends it on "Send anyway"', async () => {
    await backend.call('watchlist.add', { term: 'strike', severity: 'high' });
    masto.trends = [{ name: 'Strike', kind: 'tag', url: 'https://example.social/tags/strike', history: [3, 4, 90], volume: 90 }];
    const post = await schedule('Our summer #sale starts now');

    // Just before the check (10 minutes ahead of 10:30): nothing yet.
    clock.advance(19 * MIN + 59_000);
    let got = await settle(post.id);
    expect(kinds(got.history).filter((k) => k.startsWith('pre-flight'))).toEqual([]);

    clock.advance(1_000);
    got = await waitForHistory(post.id, 'pre-flight check: held');
    expect(got.post.status).toBe('held');
    expect(got.post.targets[0]?.lastError).toBe('Held by the pre-flight check: "strike" (high) is trending on Mastodon as "Strike".');
    expect(got.history.find((h) => h.kind === 'pre-flight check: held')?.detail).toBe(
      '"strike" (high) is trending on Mastodon as "Strike".',
    );
    const alert = events.flatMap((e) => (e.type === 'conversation.alert' && e.alert.kind === 'preflight' ? [e.alert] : []));
    expect(alert).toEqual([expect.objectContaining({ postId: post.id, term: 'strike', severity: 'high', source: 'trend' })]);

    const panel = await backend.call('conversation.forSelection', { kind: 'post', postId: post.id });
    expect(panel.preflight?.lastCheck).toMatchObject({ result: 'held', decision: null });

    // Well past its time: still not published.
    clock.advance(15 * MIN);
    got = await settle(post.id);
    expect(masto.published).toEqual([]);
    expect(got.post.status).toBe('held');

    const sent = await backend.call('conversation.preflightDecide', { postId: post.id, decision: 'send' });
    expect(sent.status).toBe('scheduled');
    clock.advance(1_000);
    got = await settle(post.id);
    expect(masto.published).toEqual(['Our summer #sale starts now']);
    expect(got.post.status).toBe('published');
    expect(kinds(got.history)).toEqual(expect.arrayContaining(['pre-flight check: held', 'pre-flight decision', 'published']));
    // The decision answers the pre-flight alert; the trend's own alert stays until dismissed.
    expect((await backend.call('conversation.alerts', {})).map((a) => [a.kind, a.source])).toEqual([['watch', 'trend']]);
  });

  it('holds a post whose hashtag is on the watchlist; "Edit" keeps it held until the edited post is saved and checked again', async () => {
    await backend.call('watchlist.add', { term: 'recall', severity: 'medium' });
    const post = await schedule('Update on the #Recall');
    clock.advance(20 * MIN);
    let got = await waitForHistory(post.id, 'pre-flight check: held');
    expect(got.history.find((h) => h.kind === 'pre-flight check: held')?.detail).toBe('#recall matches the watch term "recall" (medium).');

    await backend.call('conversation.preflightDecide', { postId: post.id, decision: 'edit' });
    got = await settle(post.id);
    expect(got.post.status).toBe('held');

    await backend.call('posts.update', { id: post.id, text: 'A product update' });
    clock.advance(MIN);
    got = await waitForHistory(post.id, 'pre-flight check: clear');
    clock.advance(10 * MIN);
    got = await settle(post.id);
    expect(masto.published).toEqual(['A product update']);
  });

  it('lets a clear post go at its time and records the check with the age of its signals', async () => {
    await backend.call('watchlist.add', { term: 'strike', severity: 'high' });
    masto.trends = [{ name: 'sunshine', kind: 'tag', url: null, history: [], volume: null }];
    const post = await schedule('Hello #summer');
    clock.advance(20 * MIN);
    const got = await waitForHistory(post.id, 'pre-flight check: clear');
    expect(got.history.find((h) => h.kind === 'pre-flight check: clear')?.detail).toBe(
      'No watch term is trending and no hashtag is on the watchlist. Signals as of 2026-06-01 08:20 UTC.',
    );
    expect(masto.calls).toEqual(expect.arrayContaining(['trends', 'search:summer']));
    clock.advance(10 * MIN);
    await settle(post.id);
    expect(masto.published).toEqual(['Hello #summer']);
  });

  it('can be turned off for one post or one account, and says so in the history', async () => {
    await backend.call('watchlist.add', { term: 'recall', severity: 'high' });
    const skipped = await schedule('About the #recall (approved by legal)');
    expect(await backend.call('conversation.preflightSkip', { postId: skipped.id, skip: true })).toMatchObject({ skipped: true });
    clock.advance(20 * MIN);
    const got = await waitForHistory(skipped.id, 'pre-flight check: skipped');
    expect(got.post.status).toBe('scheduled');
    clock.advance(10 * MIN);
    await settle(skipped.id);
    expect(masto.published).toEqual(['About the #recall (approved by legal)']);

    await backend.call('conversation.settings.set', { preflightSkipAccountIds: [accountId] });
    const second = await backend.call('posts.create', {
      text: 'More on the #recall',
      accountIds: [accountId],
      when: { kind: 'instant', at: clock.now() + 30 * MIN, timeZone: 'Europe/Rome' },
    });
    clock.advance(20 * MIN);
    const again = await waitForHistory(second.post.id, 'pre-flight check: skipped');
    expect(again.history.find((h) => h.kind === 'pre-flight check: skipped')?.detail).toBe(
      'The pre-flight check is turned off for this account.',
    );
  });

  it('keeps a held post held across a restart until someone decides', async () => {
    await backend.call('watchlist.add', { term: 'recall', severity: 'high' });
    const post = await schedule('The #recall explained');
    clock.advance(20 * MIN);
    await waitForHistory(post.id, 'pre-flight check: held');
    await backend.close();

    await open();
    clock.advance(60 * MIN);
    const got = await settle(post.id);
    expect(got.post.status).toBe('held');
    expect(masto.published).toEqual([]);
    // The check is not repeated: the post waits for the user.
    expect(got.history.filter((h) => h.kind.startsWith('pre-flight check'))).toHaveLength(1);
  });

  it('refuses a decision for a post that is not waiting for one', async () => {
    const post = await schedule('Nothing to see');
    expect(await backend.invoke('conversation.preflightDecide', { postId: post.id, decision: 'send' })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'This post is not waiting for a pre-flight decision. Reload it to see where it stands.',
        problem: { code: 'not_awaiting_preflight', params: {} },
      },
    });
  });

  it('does nothing with an empty watchlist, since nothing could hold the post', async () => {
    const post = await schedule('Hello #summer');
    clock.advance(31 * MIN);
    const got = await settle(post.id);
    expect(kinds(got.history).filter((k) => k.startsWith('pre-flight'))).toEqual([]);
    expect(masto.published).toEqual(['Hello #summer']);
  });

  it('does nothing when turned off in the settings', async () => {
    await backend.call('conversation.settings.set', { preflightEnabled: false });
    await backend.call('watchlist.add', { term: 'recall', severity: 'high' });
    const post = await schedule('The #recall explained');
    clock.advance(31 * MIN);
    const got = await settle(post.id);
    expect(kinds(got.history).filter((k) => k.startsWith('pre-flight'))).toEqual([]);
    expect(masto.published).toEqual(['The #recall explained']);
  });
});

// Numbers over time from a real PDS (@atproto/dev-env) that proxies app.bsky reads to an AppView built from the lexicons.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publishNow, TestBackends } from '../../testing/bluesky/backends';
import { BlueskyDevNetwork, type DevAccount } from '../../testing/bluesky/devNetwork';
import { FakeAppView } from '../../testing/bluesky/fakeAppView';
import type { FakeClock } from '../../testing/fakeClock';
import type { Backend } from '../backend';

const HOUR = 3_600_000;
const carol = { did: 'did:plc:carolcarolcarolcarolcaro', handle: 'carol.example.com' };

describe('Bluesky numbers over time', () => {
  let appView: FakeAppView;
  let net: BlueskyDevNetwork;
  let alice: DevAccount;
  let appPassword: string;
  const backends = new TestBackends();

  beforeAll(async () => {
    appView = await new FakeAppView().start();
    net = await BlueskyDevNetwork.start({ appViewUrl: appView.url, appViewDid: appView.did });
    alice = await net.createAccount('alice');
    appPassword = await net.createAppPassword(alice);
  });

  afterAll(async () => {
    await net?.close();
    await appView?.stop();
  });

  afterEach(() => backends.closeAll());

  async function connected(): Promise<{ b: Backend; accountId: string; clock: FakeClock }> {
    const b = await backends.open();
    const a = await b.call('accounts.connect', {
      platform: 'bluesky',
      name: 'Alice',
      identifier: alice.handle,
      appPassword,
      service: net.pdsUrl,
    });
    return { b, accountId: a.id, clock: backends.clockOf(b) };
  }

  it('reads changing counts and replies through getPosts and getPostThread, waits out an AppView that is down, and marks a deleted post', async () => {
    const { b, accountId, clock } = await connected();
    appView.profiles.set(alice.did, { followersCount: 100, followsCount: 5, postsCount: 1 });
    const kept = await publishNow(b, { text: 'Spring menu is here', accountIds: [accountId] });
    const gone = await publishNow(b, { text: 'Typo, deleting soon', accountIds: [accountId] });
    const keptUri = kept.targets[0]?.remoteId as string;
    const goneUri = gone.targets[0]?.remoteId as string;
    const author = { did: alice.did, handle: alice.handle };
    const now = new Date(clock.now()).toISOString();
    const keptView = {
      uri: keptUri,
      cid: 'bafykept',
      author,
      text: 'Spring menu is here',
      createdAt: now,
      likeCount: 4,
      repostCount: 1,
      replyCount: 1,
      quoteCount: 0,
    };
    appView.posts.push(keptView, { uri: goneUri, cid: 'bafygone', author, text: 'Typo', createdAt: now, likeCount: 1 });
    appView.posts.push({
      uri: `at://${carol.did}/app.bsky.feed.post/3kcarolreply1`,
      cid: 'bafyreply',
      author: carol,
      text: 'Is there a vegan option? #springmenu',
      createdAt: now,
      likeCount: 2,
      replyTo: keptUri,
      langs: ['en'],
    });

    // The collector's own timer may take the +1 h snapshots first; either way the refresh returns after them.
    clock.advance(HOUR + 1_000);
    expect((await b.call('metrics.refresh', {})).pending).toBe(0);
    const milestones = async (postId: string) =>
      (await b.call('analytics.post', { postId })).targets[0]?.snapshots.map((s) => [s.milestone, s.state]);
    expect(await milestones(kept.id)).toEqual([['1h', 'counted']]);
    expect(await milestones(gone.id)).toEqual([['1h', 'counted']]);
    expect(
      appView.calls
        .filter((c) => c.nsid === 'app.bsky.feed.getPosts')
        .at(-1)
        ?.query.getAll('uris')
        .sort(),
    ).toEqual([keptUri, goneUri].sort());

    // The counts move; the AppView is down at +24 h: nothing is written; it is read again once the back-off is over.
    keptView.likeCount = 9;
    keptView.repostCount = 3;
    await net.deletePost(alice, goneUri);
    appView.posts.splice(
      appView.posts.findIndex((p) => p.uri === goneUri),
      1,
    );
    appView.failNext('app.bsky.feed.getPosts', 502, 502, 502, 502, 502, 502, 502, 502);
    clock.advance(23 * HOUR);
    const down = await b.call('metrics.refresh', {});
    expect(down.snapshots).toBe(0);
    expect(down.pending).toBe(2);
    expect(down.problems[0]?.message).toMatch(/^Alice: Bluesky had a server problem/);
    expect(await milestones(kept.id)).toEqual([['1h', 'counted']]);

    // The AppView is back: once the back-off is over the snapshots are taken (nothing was lost).
    appView.clearFailures();
    for (let i = 0; i < 4 && (await milestones(kept.id))?.length === 1; i++) {
      clock.advance(31 * 60_000);
      await b.call('metrics.refresh', {});
    }

    const keptDetail = await b.call('analytics.post', { postId: kept.id });
    expect(keptDetail.targets[0]?.snapshots.map((s) => [s.milestone, s.state, s.likes, s.reposts, s.source])).toEqual([
      ['1h', 'counted', 4, 1, 'bluesky-appview'],
      ['24h', 'counted', 9, 3, 'bluesky-appview'],
    ]);
    expect(keptDetail.targets[0]?.replies.map((r) => [r.author, r.text])).toEqual([
      ['@carol.example.com', 'Is there a vegan option? #springmenu'],
    ]);
    const goneDetail = await b.call('analytics.post', { postId: gone.id });
    expect(goneDetail.targets[0]?.snapshots.map((s) => [s.milestone, s.state])).toEqual([
      ['1h', 'counted'],
      ['24h', 'deleted'],
    ]);
    const day = new Date(clock.now() - 24 * HOUR).toISOString().slice(0, 10);
    const view = await b.call('analytics.view', { from: day, to: new Date(clock.now()).toISOString().slice(0, 10), timeZone: 'UTC' });
    expect(view.audience.hashtags).toEqual([{ term: 'springmenu', count: 1 }]);
    expect(view.audience.questions[0]?.url).toBe('https://bsky.app/profile/carol.example.com/post/3kcarolreply1');
    expect(view.networks[0]).toMatchObject({ platform: 'bluesky', source: 'bluesky-appview' });
  });
});

// The publishing state machine's transitions at the repository level, on a real SQLite database.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../db/database';
import { SchedulerLease } from '../scheduler/lease';
import { AccountsRepo } from './accounts';
import { EventLog } from './events';
import { MediaRepo } from './media';
import { PostsRepo } from './posts';

const T0 = Date.UTC(2026, 2, 10, 9, 0);
const LEASE = 60_000;

describe('PublishQueue', () => {
  let db: Db;
  let posts: PostsRepo;

  beforeEach(async () => {
    db = await openDatabase(':memory:', { now: T0 });
    posts = new PostsRepo(db, new EventLog(db), new MediaRepo(db));
    new AccountsRepo(db).add({
      id: 'acc',
      platform: 'discord',
      name: 'Community',
      handle: 'general',
      avatarUrl: null,
      config: {},
      sealedSecret: Buffer.from([1]),
      now: T0,
    });
  });

  afterEach(() => db.close());

  function schedule(id: string, at = T0): void {
    posts.create(
      {
        id,
        text: `Post ${id}`,
        timeZone: 'Europe/Rome',
        scheduledAt: at,
        labels: [],
        options: {},
        parts: [],
        media: [],
        draft: false,
        targets: [{ id: `${id}-t`, accountId: 'acc', textOverride: null, idempotencyKey: `key-${id}` }],
        now: T0 - 1_000,
      },
      'user',
    );
  }

  const target = (postId: string) => posts.get(postId)?.targets[0];

  it('a confirmed publication overrides an unconfirmed outcome recorded meanwhile', () => {
    schedule('p1');
    expect(posts.queue.claim('p1-t', T0, LEASE, null)?.idempotencyKey).toBe('key-p1');
    expect(posts.queue.finish('p1-t', { status: 'unconfirmed', reason: 'No answer from the server.' }, T0 + 1_000)).toBe(true);
    expect(target('p1')?.status).toBe('unconfirmed');

    const published = { status: 'published', remoteId: 'r-1', remoteUrl: 'https://example.test/r-1' } as const;
    expect(posts.queue.finish('p1-t', published, T0 + 2_000)).toBe(true);
    expect(target('p1')).toMatchObject({ status: 'published', remoteId: 'r-1', remoteUrl: 'https://example.test/r-1', lastError: null });
    expect(posts.get('p1')?.status).toBe('published');
  });

  it('an unconfirmed target is not moved by any outcome other than a confirmed publication', () => {
    schedule('p2');
    posts.queue.claim('p2-t', T0, LEASE, null);
    posts.queue.finish('p2-t', { status: 'unconfirmed', reason: 'No answer from the server.' }, T0 + 1_000);
    expect(posts.queue.finish('p2-t', { status: 'failed', reason: 'late failure' }, T0 + 2_000)).toBe(false);
    expect(posts.queue.finish('p2-t', { status: 'retrying', nextAt: T0 + 9_000, reason: 'late retry' }, T0 + 2_000)).toBe(false);
    expect(target('p2')).toMatchObject({ status: 'unconfirmed', lastError: 'No answer from the server.' });
  });

  it('a scheduler whose claim was taken over cannot record a failure, but its confirmed publication still wins', () => {
    const first = new SchedulerLease(db, 'first', 'cli');
    expect(first.acquire(T0, LEASE)).toBe(true);
    schedule('p3');
    schedule('p4');
    expect(posts.queue.claimMany(['p3-t', 'p4-t'], T0, LEASE, 'first').map((c) => c.targetId)).toEqual(['p3-t', 'p4-t']);
    // The first scheduler's lease runs out; a second one takes both claims over.
    const second = new SchedulerLease(db, 'second', 'cli');
    expect(second.acquire(T0 + LEASE + 1, LEASE)).toBe(true);
    for (const a of posts.queue.abandoned(T0 + LEASE + 1, 'second')) {
      expect(posts.queue.takeOver(a, T0 + LEASE + 1, LEASE, 'second')).not.toBeNull();
    }

    expect(posts.queue.finish('p3-t', { status: 'failed', reason: 'stale' }, T0 + LEASE + 2, 'first')).toBe(false);
    expect(target('p3')?.status).toBe('publishing');
    const published = { status: 'published', remoteId: 'r-4', remoteUrl: null } as const;
    expect(posts.queue.finish('p4-t', published, T0 + LEASE + 2, 'first')).toBe(true);
    expect(target('p4')).toMatchObject({ status: 'published', remoteId: 'r-4' });
    expect(posts.queue.finish('p3-t', { status: 'failed', reason: 'refused' }, T0 + LEASE + 3, 'second')).toBe(true);
    expect(target('p3')).toMatchObject({ status: 'failed', lastError: 'refused' });
  });

  it('claims only due targets, one per account, in the order they were meant to go out', () => {
    schedule('late', T0 + 5_000);
    schedule('early', T0 - 5_000);
    schedule('now', T0);
    expect(posts.queue.dueCandidates(T0, 10).map((c) => c.targetId)).toEqual(['early-t']);
    // The scheduler's path: the candidates, then one claim transaction for them.
    const due = posts.queue.dueCandidates(T0, 10).map((c) => c.targetId);
    expect(posts.queue.claimMany(due, T0, LEASE, null).map((c) => c.targetId)).toEqual(['early-t']);
    // While one of the account's targets is in flight, nothing else of that account starts.
    expect(posts.queue.dueCandidates(T0, 10)).toEqual([]);
    expect(posts.queue.nextDueAfter(T0)).toBe(T0 + 5_000);
    posts.queue.finish('early-t', { status: 'published', remoteId: 'r', remoteUrl: null }, T0);
    expect(posts.queue.dueCandidates(T0, 10).map((c) => c.targetId)).toEqual(['now-t']);
    expect(posts.queue.claim('late-t', T0, LEASE, null)).toBeNull();
  });

  it('claims and takes over only while holding the publishing lease', () => {
    schedule('p5');
    expect(posts.queue.claim('p5-t', T0, LEASE, 'nobody')).toBeNull();
    const lease = new SchedulerLease(db, 'holder', 'cli');
    lease.acquire(T0, LEASE);
    expect(posts.queue.claim('p5-t', T0, LEASE, 'holder')?.attempt).toBe(1);
    // Within its lease the claim is its own; another scheduler sees it as abandoned, but cannot take it without the lease.
    expect(posts.queue.abandoned(T0 + LEASE - 1, 'holder')).toEqual([]);
    const [seen] = posts.queue.abandoned(T0 + LEASE - 1, 'other');
    expect(seen).toMatchObject({ targetId: 'p5-t', postId: 'p5', accountId: 'acc', claimedBy: 'holder', claimedAt: T0 });
    expect(posts.queue.takeOver(seen as NonNullable<typeof seen>, T0 + LEASE - 1, LEASE, 'other')).toBeNull();
    // Once the lease lapses, even its own holder treats the claim as abandoned.
    expect(posts.queue.abandoned(T0 + LEASE + 1, 'holder').map((a) => a.targetId)).toEqual(['p5-t']);
    const history = posts.history('p5').map((h) => [h.actor, h.kind, h.detail]);
    expect(history).toContainEqual(['scheduler', 'publishing', 'attempt 1']);
  });

  it("gives each thread part a stable key, the first part the target's own, and resumes after recorded parts", () => {
    posts.create(
      {
        id: 'thread',
        text: 'First',
        timeZone: 'Europe/Rome',
        scheduledAt: T0,
        labels: [],
        options: {},
        parts: ['Second', 'Third'],
        media: [],
        draft: false,
        targets: [{ id: 'thread-t', accountId: 'acc', textOverride: null, idempotencyKey: 'key-thread' }],
        now: T0 - 1_000,
      },
      'user',
    );
    const first = posts.queue.claim('thread-t', T0, LEASE, null);
    expect(first?.parts.map((p) => p.text)).toEqual(['First', 'Second', 'Third']);
    const keys = first?.parts.map((p) => p.idempotencyKey) ?? [];
    expect(keys[0]).toBe('key-thread');
    expect(new Set(keys).size).toBe(3);
    expect(first?.parts.map((p) => p.done)).toEqual([null, null, null]);

    posts.queue.recordPart('thread-t', 0, { remoteId: 'r0', remoteUrl: 'https://example.test/r0', ref: { cid: 'c0' } }, T0);
    posts.queue.finish('thread-t', { status: 'retrying', nextAt: T0 + 5_000, reason: 'Server busy.', waitKind: 'server' }, T0 + 1);
    expect(posts.history('thread').at(-1)).toMatchObject({
      kind: 'retrying',
      detail: `Server busy. (next attempt ${new Date(T0 + 5_000).toISOString()})`,
    });
    const again = posts.queue.claim('thread-t', T0 + 5_000, LEASE, null);
    expect(again?.attempt).toBe(2);
    expect(again?.parts.map((p) => p.idempotencyKey)).toEqual(keys);
    expect(again?.parts.map((p) => p.done)).toEqual([
      { remoteId: 'r0', remoteUrl: 'https://example.test/r0', ref: { cid: 'c0' } },
      null,
      null,
    ]);
    expect(target('thread')?.partsPublished).toBe(1);
  });

  it('hands each part of a thread its own media', () => {
    const media = new MediaRepo(db);
    for (const id of ['m0', 'm2']) {
      media.add({ id, fileName: `${id}.png`, mime: 'image/png', bytes: 10, width: 1, height: 1, storedName: `${id}.png`, now: T0 });
    }
    posts.create(
      {
        id: 'pics',
        text: 'One',
        timeZone: 'Europe/Rome',
        scheduledAt: T0,
        labels: [],
        options: {},
        parts: ['Two', 'Three'],
        media: [
          { id: 'm0', alt: 'first', partIndex: 0 },
          { id: 'm2', alt: 'third', partIndex: 2 },
        ],
        draft: false,
        targets: [{ id: 'pics-t', accountId: 'acc', textOverride: null, idempotencyKey: 'key-pics' }],
        now: T0 - 1_000,
      },
      'user',
    );
    const claimed = posts.queue.claim('pics-t', T0, LEASE, null);
    expect(claimed?.parts.map((p) => p.media.map((m) => m.alt))).toEqual([['first'], [], ['third']]);
  });

  it('counts what needs people and what is in flight', () => {
    for (const id of ['c1', 'c2', 'c3', 'c4']) schedule(id);
    posts.queue.claim('c1-t', T0, LEASE, null);
    expect(posts.queue.counts()).toMatchObject({ publishing: 1, failed: 0, unconfirmed: 0 });
    posts.queue.finish('c1-t', { status: 'failed', reason: 'Refused.' }, T0);
    posts.queue.claim('c2-t', T0, LEASE, null);
    posts.queue.finish('c2-t', { status: 'retrying', nextAt: T0 + 1_000, reason: 'Offline.', waitKind: 'network' }, T0);
    posts.queue.claim('c2-t', T0 + 1_000, LEASE, null);
    posts.queue.finish('c2-t', { status: 'unconfirmed', reason: 'No answer.' }, T0 + 1_000);
    posts.queue.claim('c3-t', T0 + 1_000, LEASE, null);
    posts.queue.finish('c3-t', { status: 'retrying', nextAt: T0 + 9_000, reason: 'Offline.', waitKind: 'network' }, T0 + 1_000);
    expect(posts.queue.counts()).toEqual({
      waitingForNetwork: 1,
      publishing: 0,
      held: 0,
      heldByPause: 0,
      missed: 0,
      unconfirmed: 1,
      failed: 1,
    });
  });
});

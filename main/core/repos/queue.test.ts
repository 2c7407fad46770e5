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
    expect(posts.queue.claimDue(T0, LEASE, 10).map((c) => c.targetId)).toEqual(['early-t']);
    // While one of the account's targets is in flight, nothing else of that account starts.
    expect(posts.queue.dueCandidates(T0, 10)).toEqual([]);
    expect(posts.queue.nextDueAfter(T0)).toBe(T0 + 5_000);
    posts.queue.finish('early-t', { status: 'published', remoteId: 'r', remoteUrl: null }, T0);
    expect(posts.queue.dueCandidates(T0, 10).map((c) => c.targetId)).toEqual(['now-t']);
    expect(posts.queue.claim('late-t', T0, LEASE, null)).toBeNull();
  });
});

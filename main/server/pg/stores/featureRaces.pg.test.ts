// Several server processes on one workspace database: each has its own pool here. First comments are claimed (and
// lapsed claims settled) by one of them each, and "Add to queue" never gives one slot to two posts.

import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { T0 } from '../../../core/stores/testing/featureSeed';
import { newQueuedPost } from '../../../core/stores/testing/slots';
import { pgFeatureDatabase, pgFeatureSeed, plainPostsWithin } from '../../../testing/pgFeatureSeed';
import { PgFollowUpsStore, SETTLE_MS } from './followUps';
import { PgSlotsStore } from './slots';

const db = pgFeatureDatabase('feature_races');
const MIN = 60_000;
const HOUR = 60 * MIN;
const LEASE = 2 * MIN;

let pools: pg.Pool[] = [];
beforeEach(() => {
  // A statement that waits on a lock fails after a while instead of hanging the test.
  pools = [0, 1].map(() => new pg.Pool({ ...db().config, max: 4, options: '-c lock_timeout=5000' }));
});
afterEach(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

/** Runs each worker at once, many times over, until every one of them finds nothing more. */
async function drain<T>(workers: readonly (() => Promise<T[]>)[]): Promise<T[][]> {
  return Promise.all(
    workers.map(async (work) => {
      const mine: T[] = [];
      for (;;) {
        const got = await work();
        if (got.length === 0) return mine;
        mine.push(...got);
      }
    }),
  );
}

describe('first comments from two server processes', () => {
  const FOLLOW_UPS = 60;

  beforeEach(async () => {
    const seed = pgFeatureSeed(db().pool);
    await seed.account('acc_m', { platform: 'mastodon' });
    for (let i = 0; i < FOLLOW_UPS; i++) {
      await seed.post({ id: `p_${i}`, status: 'published', options: { firstComment: { text: `Reply ${i}`, delayMinutes: i % 7 } } });
      await seed.target({ id: `t_${i}`, postId: `p_${i}`, accountId: 'acc_m', status: 'published', publishedAt: T0 });
    }
  });

  it('plans each follow-up once, and claims each exactly once', async () => {
    const stores = pools.map((p) => new PgFollowUpsStore(p));
    let n = 0;
    const planned = await Promise.all(stores.map((s) => s.planPublished(['mastodon'], () => `key_${++n}`)));
    expect(planned.every((k) => k >= 0)).toBe(true);
    const { rows } = await db().pool.query<{ n: number; keys: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT idempotency_key)::int AS keys FROM target_followups',
    );
    expect(rows).toEqual([{ n: FOLLOW_UPS, keys: FOLLOW_UPS }]);

    // Every worker of both processes claims small batches at once until nothing is due.
    const workers = [...stores, ...stores, ...stores].map((s) => () => s.claimDue(T0 + HOUR, LEASE, 3));
    const claimed = (await drain(workers)).flat().map((f) => f.targetId);
    expect(claimed).toHaveLength(FOLLOW_UPS);
    expect(new Set(claimed).size).toBe(FOLLOW_UPS);
    const states = await db().pool.query<{ status: string; attempts: number; n: number }>(
      'SELECT status, attempts, count(*)::int AS n FROM target_followups GROUP BY status, attempts',
    );
    expect(states.rows).toEqual([{ status: 'publishing', attempts: 1, n: FOLLOW_UPS }]);
  });

  it('gives each lapsed claim to one process to settle, and to another only once that one has had its time', async () => {
    const stores = pools.map((p) => new PgFollowUpsStore(p));
    await stores[0]?.planPublished(['mastodon'], () => `key_${Math.random()}`);
    await stores[0]?.claimDue(T0 + HOUR, LEASE, FOLLOW_UPS);
    const later = T0 + HOUR + LEASE + 1;
    const seen = await Promise.all([...stores, ...stores].map((s) => s.lapsed(later)));
    const ids = seen.flat().map((f) => f.targetId);
    expect(ids).toHaveLength(FOLLOW_UPS);
    expect(new Set(ids).size).toBe(FOLLOW_UPS);
    expect(await stores[1]?.lapsed(later + SETTLE_MS - 1)).toEqual([]);
    // A process that took them and stopped before settling: they lapse again.
    expect(await stores[1]?.lapsed(later + SETTLE_MS + 1)).toHaveLength(FOLLOW_UPS);
  });

  it('skips what another process is claiming or settling right now, instead of waiting and taking it again', async () => {
    const [one, two] = pools as [pg.Pool, pg.Pool];
    await new PgFollowUpsStore(one).planPublished(['mastodon'], () => `key_${Math.random()}`);
    const inFlight = async (work: (s: PgFollowUpsStore) => Promise<{ targetId: string }[]>, other: () => Promise<unknown[]>) => {
      const c = await one.connect();
      try {
        await c.query('BEGIN');
        const mine = await work(new PgFollowUpsStore(c));
        // The other process asks while this transaction still holds what it took.
        const theirs = await other();
        await c.query('COMMIT');
        return { mine, theirs };
      } finally {
        c.release();
      }
    };
    const claims = await inFlight(
      (s) => s.claimDue(T0 + HOUR, LEASE, 10),
      () => new PgFollowUpsStore(two).claimDue(T0 + HOUR, LEASE, FOLLOW_UPS),
    );
    expect(claims.mine).toHaveLength(10);
    expect(claims.theirs).toHaveLength(FOLLOW_UPS - 10);

    const later = T0 + HOUR + LEASE + 1;
    const settling = await inFlight(
      (s) => s.lapsed(later),
      () => new PgFollowUpsStore(two).lapsed(later),
    );
    expect(settling.mine).toHaveLength(FOLLOW_UPS);
    expect(settling.theirs).toEqual([]);
  });
});

describe('"Add to queue" from two server processes', () => {
  beforeEach(async () => {
    const seed = pgFeatureSeed(db().pool);
    for (const a of ['acc_a', 'acc_b']) await seed.account(a);
  });

  it('gives every post its own slot, the first free ones in order, over overlapping accounts without waiting forever', async () => {
    const stores = pools.map((p) => new PgSlotsStore(p, plainPostsWithin));
    const accountSets = [['acc_a'], ['acc_a', 'acc_b'], ['acc_b', 'acc_a']];
    const TAKES = 8;
    let next = 0;
    const takes = stores.flatMap((s, si) =>
      accountSets.flatMap((accounts, ai) =>
        Array.from({ length: TAKES }, (_, k) =>
          s.take(
            accounts,
            T0,
            T0 + 1000 * HOUR,
            (_saved, taken) => {
              let at = T0;
              while (taken.includes(at)) at += HOUR;
              return at;
            },
            (at) => ({ create: newQueuedPost(`p_${si}_${ai}_${k}_${++next}`, accounts, at), actor: 'user' }),
          ),
        ),
      ),
    );
    const results = await Promise.all(takes);
    const slots = results.map((r) => r.slot).sort((a, b) => a - b);
    expect(slots).toEqual(Array.from({ length: takes.length }, (_, i) => T0 + i * HOUR));
    expect(results.every((r) => r.post.scheduledAt === r.slot)).toBe(true);
  });
});

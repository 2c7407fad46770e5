// What only PostgreSQL has to promise: several server processes on one database claim each target exactly once,
// only a live process claims, an abandoned claim is recovered by exactly one process, and a post the approval
// workflow blocks is never claimed.

import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEASE, newPost, T0 } from '../../../core/stores/testing/publishing';
import { emptyPublishingDatabase, seedAccount, seedLiveHolder } from '../../../testing/pgPublishing';
import { databaseForThisFile } from '../../../testing/postgresDatabase';
import { PgPostsStore } from './posts';

const db = databaseForThisFile('claims');
const MIN = 60_000;

/** One "server process": a pool of its own and the stores over it. */
interface Proc {
  readonly holder: string;
  readonly pool: pg.Pool;
  readonly posts: PgPostsStore;
}

let procs: Proc[] = [];

function proc(holder: string): Proc {
  const pool = new pg.Pool({ ...db().config, max: 4 });
  const p = { holder, pool, posts: new PgPostsStore(pool) };
  procs.push(p);
  return p;
}

/** A copy of the ids in an order of its own (a fixed shuffle per seed, so a failure can be replayed). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

beforeEach(async () => {
  await emptyPublishingDatabase(db().pool);
});

afterEach(async () => {
  await Promise.all(procs.map((p) => p.pool.end()));
  procs = [];
});

describe('claims by several server processes on one database', () => {
  it('three processes claiming the same 50 due targets at once claim each exactly once', async () => {
    const store = new PgPostsStore(db().pool);
    await seedAccount(db().pool, 'a');
    await seedAccount(db().pool, 'b');
    // 25 posts on two accounts: the processes also meet on the posts whose summaries they recompute.
    for (let i = 0; i < 25; i++) await store.create(newPost(`p${String(i).padStart(2, '0')}`, ['a', 'b'], T0 - i), 'user');
    const ids = (await store.list({})).flatMap((p) => p.targets.map((t) => t.id));
    expect(ids).toHaveLength(50);

    const three = ['web-1', 'web-2', 'web-3'].map(proc);
    for (const p of three) await seedLiveHolder(db().pool, p.holder, T0 + 10 * MIN);
    // Each process claims every target, in its own order, one by one and in batches of five.
    const claimed = await Promise.all(
      three.map(async (p, n) => {
        const mine: string[] = [];
        const order = shuffled(ids, n + 1);
        for (let i = 0; i < order.length; i += 5) {
          const batch = order.slice(i, i + 5);
          if (i % 10 === 0) {
            for (const id of batch) {
              const c = await p.posts.queue.claim(id, T0, LEASE, p.holder);
              if (c) mine.push(c.targetId);
            }
          } else {
            mine.push(...(await p.posts.queue.claimMany(batch, T0, LEASE, p.holder)).map((c) => c.targetId));
          }
        }
        return mine;
      }),
    );
    const all = claimed.flat();
    expect(all.length).toBe(50);
    expect(new Set(all).size).toBe(50);
    const { rows } = await db().pool.query<{ attempts: number; claims: number; holder: string }>(
      `SELECT t.attempts, t.claimed_by AS holder,
         (SELECT count(*)::int FROM events e WHERE e.target_id = t.id AND e.kind = 'publishing') AS claims
       FROM targets t`,
    );
    expect(rows.every((r) => r.attempts === 1 && r.claims === 1)).toBe(true);
    // Each target is claimed by the process that got it back.
    for (const [n, p] of three.entries()) {
      expect(rows.filter((r) => r.holder === p.holder).length).toBe(claimed[n]?.length);
    }
    // Every post's summary saw both of its targets claimed, whoever claimed them.
    expect(new Set((await store.list({})).map((p) => p.status))).toEqual(new Set(['publishing']));
  });

  it('a holder without a live row in scheduler_processes claims nothing', async () => {
    const store = new PgPostsStore(db().pool);
    await seedAccount(db().pool, 'a');
    await store.create(newPost('p', ['a']), 'user');
    await seedLiveHolder(db().pool, 'expired', T0 - 1);
    expect(await store.queue.claim('p-a', T0, LEASE, 'never-registered')).toBeNull();
    expect(await store.queue.claim('p-a', T0, LEASE, 'expired')).toBeNull();
    expect(await store.queue.claimMany(['p-a'], T0, LEASE, 'expired')).toEqual([]);
    expect((await store.get('p'))?.targets[0]).toMatchObject({ status: 'scheduled', attempts: 0 });
    // Renewed, the same process claims it.
    await seedLiveHolder(db().pool, 'expired', T0 + MIN);
    expect((await store.queue.claim('p-a', T0, LEASE, 'expired'))?.attempt).toBe(1);
  });

  it("another live process's claim is not abandoned; once that process's row expires it is, within the claim lease", async () => {
    const store = new PgPostsStore(db().pool);
    await seedAccount(db().pool, 'a');
    await store.create(newPost('p', ['a']), 'user');
    await seedLiveHolder(db().pool, 'web-1', T0 + 10_000);
    await seedLiveHolder(db().pool, 'web-2', T0 + 10 * MIN);
    await store.queue.claim('p-a', T0, LEASE, 'web-1');
    expect(await store.queue.abandoned(T0 + 5_000, 'web-2')).toEqual([]);
    const claim = { targetId: 'p-a', postId: 'p', accountId: 'a', claimedBy: 'web-1', claimedAt: T0 };
    expect(await store.queue.takeOver(claim, T0 + 5_000, LEASE, 'web-2')).toBeNull();
    // web-1 stopped renewing: its claim is abandoned long before its 1-minute lease ends.
    expect(await store.queue.abandoned(T0 + 20_000, 'web-2')).toEqual([claim]);
  });

  it('an abandoned claim is taken over by exactly one of two processes recovering at once', async () => {
    const store = new PgPostsStore(db().pool);
    await seedAccount(db().pool, 'a');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      await seedAccount(db().pool, `acc${i}`);
      await store.create(newPost(`p${i}`, [`acc${i}`]), 'user');
      ids.push(`p${i}-acc${i}`);
    }
    await seedLiveHolder(db().pool, 'gone', T0 + 10_000);
    expect(await store.queue.claimMany(ids, T0, LEASE, 'gone')).toHaveLength(20);
    const [b, c] = [proc('web-b'), proc('web-c')];
    for (const p of [b, c]) await seedLiveHolder(db().pool, p.holder, T0 + 10 * MIN);

    const now = T0 + 20_000;
    const results = await Promise.all(
      [b, c].map(async (p, n) => {
        const got: string[] = [];
        for (const a of shuffled(await p.posts.queue.abandoned(now, p.holder), n + 7)) {
          const taken = await p.posts.queue.takeOver(a, now, LEASE, p.holder);
          if (taken) got.push(taken.targetId);
        }
        return got;
      }),
    );
    const all = results.flat();
    expect(all.sort()).toEqual([...ids].sort());
    const { rows } = await db().pool.query<{ id: string; claimed_by: string; attempts: number; recovered: number }>(
      `SELECT t.id, t.claimed_by, t.attempts,
         (SELECT count(*)::int FROM events e WHERE e.target_id = t.id AND e.kind = 'recovering') AS recovered
       FROM targets t ORDER BY t.id`,
    );
    for (const r of rows) {
      expect(r.recovered).toBe(1);
      // The attempt and its key are kept: recovery decides what happened before anything is sent again.
      expect(r.attempts).toBe(1);
      expect(r.claimed_by).toBe(results[0]?.includes(r.id) ? 'web-b' : 'web-c');
    }
    expect(await b.posts.queue.abandoned(now, 'web-b')).toEqual([]);
  });
});

describe('claims and the approval workflow', () => {
  const approve = async (postId: string) => {
    await db().pool.query("UPDATE posts SET approval_state = 'approved' WHERE id = $1", [postId]);
    await db().pool.query(
      `INSERT INTO approvals (id, post_id, revision, decision, reviewer_name, decided_at) VALUES ($1, $2, 1, 'approved', 'Reviewer', $3)`,
      [`ap-${postId}`, postId, new Date(T0)],
    );
  };

  it('a post an approval rule blocks stays scheduled, is never claimed, and is missed after the grace window', async () => {
    const store = new PgPostsStore(db().pool);
    await seedAccount(db().pool, 'a');
    await seedAccount(db().pool, 'free');
    await db().pool.query(
      `INSERT INTO approval_rules (id, scope, account_id, approvals_needed, created_at) VALUES ('rule', 'account', 'a', 1, $1)`,
      [new Date(T0)],
    );
    await store.create(newPost('unapproved', ['a']), 'user');
    await store.create(newPost('approved', ['a'], T0 + 1), 'user');
    await store.create(newPost('other', ['free']), 'user');
    await approve('approved');

    // The blocked post does not hold up the next one of its account's line.
    expect((await store.queue.dueCandidates(T0 + 1, 10)).map((c) => c.targetId)).toEqual(['other-free', 'approved-a']);
    expect(await store.queue.claim('unapproved-a', T0 + 1, LEASE, null)).toBeNull();
    // Not even "publish now" sends a post that is not approved.
    expect(await store.transitions.decide(['unapproved-a'], { kind: 'publish-now' }, T0 + 2, 'user')).toEqual(['unapproved-a']);
    expect(await store.queue.claim('unapproved-a', T0 + 2, LEASE, null)).toBeNull();
    await store.transitions.decide(['unapproved-a'], { kind: 'reschedule', at: T0 }, T0 + 2, 'user');
    expect((await store.get('unapproved'))?.targets[0]?.status).toBe('scheduled');
    expect((await store.queue.claim('approved-a', T0 + 1, LEASE, null))?.targetId).toBe('approved-a');

    // Its time plus 15 minutes passed without an approval: it is missed like any late post.
    expect(await store.transitions.markMissed(T0 + 16 * MIN, 15 * MIN)).toEqual(['unapproved', 'other']);
    expect((await store.get('unapproved'))?.targets[0]).toMatchObject({
      status: 'missed',
      lastError: expect.stringContaining('could not go out within the 15-minute grace window'),
    });
  });

  it('once approved in time it is claimed; a post in review is not, with or without a rule', async () => {
    const store = new PgPostsStore(db().pool);
    await seedAccount(db().pool, 'a');
    await seedAccount(db().pool, 'b');
    await db().pool.query(
      `INSERT INTO approval_rules (id, scope, label, approvals_needed, created_at) VALUES ('rule', 'label', 'legal', 1, $1)`,
      [new Date(T0)],
    );
    await store.create(newPost('legal', ['a'], T0, { labels: ['legal'] }), 'user');
    await store.create(newPost('review', ['b']), 'user');
    await db().pool.query("UPDATE posts SET approval_state = 'in_review' WHERE id = 'review'");
    expect(await store.queue.dueCandidates(T0, 10)).toEqual([]);
    expect(await store.queue.claim('legal-a', T0, LEASE, null)).toBeNull();
    expect(await store.queue.claim('review-b', T0, LEASE, null)).toBeNull();

    await approve('legal');
    expect((await store.queue.dueCandidates(T0 + 5 * MIN, 10)).map((c) => c.targetId)).toEqual(['legal-a']);
    expect((await store.queue.claim('legal-a', T0 + 5 * MIN, LEASE, null))?.attempt).toBe(1);
    expect((await store.get('legal'))?.status).toBe('publishing');
  });
});

// The hand-off stores on PostgreSQL: the shared contract, and the two writes that end a hand-off with the target's
// status change in one transaction (the workspace's transitions store run over the hand-off's transaction client).

import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TransitionsStore } from '../../../core/stores/types';
import { migratePg } from '../../../server/pg/migrate';
import { buildPgExtension, pgExtensionDeps } from '../../../server/pg/stores/extensions';
import { PgTransitionsStore } from '../../../server/pg/stores/transitions';
import { databaseForThisFile } from '../../../testing/postgresDatabase';
import { handoffStores } from './stores';
import { type HandoffOpened, handoffStoresContract } from './storesContract';

const db = databaseForThisFile('handoff_stores');
const T0 = Date.UTC(2026, 4, 4, 8);

/**
 * The workspace's target transitions over the client they are given; each client is recorded, and `fail` makes the
 * call throw after the transition has written (a connection lost before the hand-off row is removed).
 */
function transitionsOver(c: pg.PoolClient, seen: pg.PoolClient[], fail: { after?: 'handoffVanished' }): TransitionsStore {
  seen.push(c);
  const transitions = new PgTransitionsStore(db().pool).within(c);
  if (fail.after !== 'handoffVanished') return transitions;
  return Object.assign(Object.create(transitions) as PgTransitionsStore, {
    async handoffVanished(...args: Parameters<TransitionsStore['handoffVanished']>) {
      await transitions.handoffVanished(...args);
      throw new Error('The connection was lost.');
    },
  });
}

beforeAll(async () => {
  await migratePg(db().pool);
});

async function empty(pool: pg.Pool): Promise<void> {
  await pool.query('TRUNCATE accounts, posts, events, media, mastodon_handoffs RESTART IDENTITY CASCADE');
}

function build(pool: pg.Pool, seen: pg.PoolClient[] = [], fail: { after?: 'handoffVanished' } = {}) {
  return buildPgExtension(handoffStores, pool, pgExtensionDeps(pool, { within: (c) => transitionsOver(c, seen, fail) }));
}

async function open(): Promise<HandoffOpened> {
  const pool = db().pool;
  await empty(pool);
  const run = async (sql: string, ...args: unknown[]) => {
    await pool.query(sql, args);
  };
  const at = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));
  return {
    stores: build(pool),
    seed: {
      account: (a) =>
        run(
          `INSERT INTO accounts (id, platform, name, handle, status, created_at, updated_at) VALUES ($1, $2, $1, $1, $3, now(), now())`,
          a.id,
          a.platform,
          a.status ?? 'connected',
        ),
      post: (p) =>
        run(
          `INSERT INTO posts (id, text, time_zone, status, options, parts, created_at, updated_at) VALUES ($1, $2, 'UTC', 'scheduled', $3, $4, now(), now())`,
          p.id,
          p.text,
          JSON.stringify(p.options ?? {}),
          JSON.stringify(p.parts ?? []),
        ),
      target: (t) =>
        run(
          `INSERT INTO targets (id, post_id, account_id, status, text_override, due_at, idempotency_key, remote_id, published_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          t.id,
          t.postId,
          t.accountId,
          t.status ?? 'scheduled',
          t.textOverride ?? null,
          at(t.dueAt),
          `key_${t.id}`,
          t.remoteId ?? null,
          at(t.publishedAt),
        ),
      media: (m) =>
        run(
          `INSERT INTO media (id, post_id, part_index, position, file_name, mime, bytes, alt, focus_x, focus_y, stored_name, created_at)
           VALUES ($1, $2, $3, $4, 'a.png', 'image/png', 10, $5, $6, $7, $8, now())`,
          m.id,
          m.postId,
          m.partIndex,
          m.position,
          m.alt,
          m.focus?.x ?? null,
          m.focus?.y ?? null,
          `stored_${m.id}`,
        ),
      setText: (postId, text) => run('UPDATE posts SET text = $1 WHERE id = $2', text, postId),
      handoffOf: async (targetId) => {
        const { rows } = await pool.query<{ handoff_id: string | null; handoff_at: Date | null }>(
          'SELECT handoff_id, handoff_at FROM targets WHERE id = $1',
          [targetId],
        );
        return { handoffId: rows[0]?.handoff_id ?? null, handoffAt: rows[0]?.handoff_at?.getTime() ?? null };
      },
    },
    close: () => Promise.resolve(),
  };
}

handoffStoresContract('PostgreSQL', open);

describe('ending a hand-off on PostgreSQL', () => {
  const seedHandedOff = async (pool: pg.Pool) => {
    await empty(pool);
    await pool.query(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_m', 'mastodon', 'Brand', '@b', now(), now());
      INSERT INTO posts (id, text, time_zone, status, created_at, updated_at) VALUES ('post_1', 'Hello', 'UTC', 'scheduled', now(), now());
      INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key, handoff_id, handoff_at)
        VALUES ('tgt_1', 'post_1', 'acc_m', 'scheduled', '2026-05-04T08:30:00Z', 'k1', '9001', '2026-05-04T08:30:00Z');
      INSERT INTO mastodon_handoffs (target_id, account_id, state, idempotency_key, remote_id, remote_at, content_hash, due_at, created_at, updated_at)
        VALUES ('tgt_1', 'acc_m', 'scheduled', 'k1', '9001', '2026-05-04T08:30:00Z', 'h', '2026-05-04T08:30:00Z', now(), now());
    `);
  };
  const state = async (pool: pg.Pool) => ({
    target: (await pool.query('SELECT status, remote_id, handoff_id FROM targets')).rows,
    handoffs: (await pool.query('SELECT count(*)::int AS n FROM mastodon_handoffs')).rows[0]?.n,
    history: (await pool.query('SELECT kind, detail FROM events ORDER BY id')).rows,
    post: (await pool.query('SELECT status FROM posts')).rows[0]?.status,
    parts: (await pool.query('SELECT part_index, remote_id FROM target_parts')).rows,
  });

  it('published by the server: the status, its history line and the end of the hand-off commit together', async () => {
    const pool = db().pool;
    await seedHandedOff(pool);
    const seen: pg.PoolClient[] = [];
    const { handoffs } = build(pool, seen);
    const published = { remoteId: '111', remoteUrl: 'https://m/111' };
    expect(await handoffs.markPublished('tgt_1', published, T0 + 31 * 60_000, { kind: 'published', detail: 'by the server' })).toBe(true);
    // The transitions ran on a client of the store's own transaction, not on the pool.
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toBe(pool);
    expect(await state(pool)).toEqual({
      target: [{ status: 'published', remote_id: '111', handoff_id: null }],
      handoffs: 0,
      history: [{ kind: 'published', detail: 'by the server' }],
      post: 'published',
      parts: [{ part_index: 0, remote_id: '111' }],
    });
    // Already published: nothing changes, the (now absent) row included.
    expect(await handoffs.markPublished('tgt_1', published, T0 + 32 * 60_000, { kind: 'published', detail: 'again' })).toBe(false);
    expect((await state(pool)).history).toHaveLength(1);
  });

  it('a refused transition keeps the hand-off row', async () => {
    const pool = db().pool;
    await seedHandedOff(pool);
    await pool.query(`UPDATE targets SET status = 'publishing'`);
    const { handoffs } = build(pool);
    expect(await handoffs.markPublished('tgt_1', { remoteId: '1', remoteUrl: null }, T0, { kind: 'published', detail: 'x' })).toBe(false);
    expect(await state(pool)).toMatchObject({ handoffs: 1, history: [] });
  });

  it('a copy that vanished: cancelled with its line, the target freed; a failure after the transition leaves everything as it was', async () => {
    const pool = db().pool;
    await seedHandedOff(pool);
    const broken = build(pool, [], { after: 'handoffVanished' }).handoffs;
    await expect(broken.settle('tgt_1', 'cancelled', 'Deleted on the server.', T0, { kind: 'cancelled', detail: 'gone' })).rejects.toThrow(
      'The connection was lost.',
    );
    expect(await state(pool)).toEqual({
      target: [{ status: 'scheduled', remote_id: null, handoff_id: '9001' }],
      handoffs: 1,
      history: [],
      post: 'scheduled',
      parts: [],
    });

    const { handoffs } = build(pool);
    expect(await handoffs.settle('tgt_1', 'cancelled', 'Deleted on the server.', T0, { kind: 'cancelled', detail: 'gone' })).toBe(true);
    expect(await state(pool)).toEqual({
      target: [{ status: 'cancelled', remote_id: null, handoff_id: null }],
      handoffs: 0,
      history: [{ kind: 'cancelled', detail: 'gone' }],
      post: 'cancelled',
      parts: [],
    });
  });

  it('a feature without a PostgreSQL builder is refused by name', () => {
    const pool = db().pool;
    expect(() =>
      buildPgExtension({ name: 'desktop.only', sqlite: () => 1 }, pool, pgExtensionDeps(pool, { within: () => ({}) as TransitionsStore })),
    ).toThrow('The feature "desktop.only" keeps its data only in the desktop app\'s database');
  });
});

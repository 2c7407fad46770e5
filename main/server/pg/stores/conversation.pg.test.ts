// The conversation stores' contract on PostgreSQL, and what only a database with many connections can show: two
// answers to the same held post at once release it once.
//
// The pre-flight store joins the transitions store's transaction; until the PostgreSQL transitions store is wired
// in, a small stand-in over the same client makes the two status changes a pre-flight check needs.

import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostEvent } from '../../../core/publishing/store';
import { TRANSITIONS } from '../../../core/publishing/transitions';
import { type ConversationOpened, conversationContract } from '../../../core/stores/testing/conversation';
import { databaseForThisFile } from '../../../testing/postgresDatabase';
import { migratePg } from '../migrate';
import {
  PgConversationSettingsStore,
  PgPreflightStore,
  PgSignalCacheStore,
  PgWaitingPostsStore,
  PgWatchlistStore,
  type PreflightTransitions,
} from './conversation';
import { appendEvent, at, ms } from './pgDb';

const database = databaseForThisFile('conversation');
let migrated = false;

/** Holds and releases as the transitions store does (guards from TRANSITIONS), inside the caller's transaction. */
function standInTransitions(c: pg.PoolClient): PreflightTransitions {
  return {
    async holdForPreflight(postId: string, targetIds: readonly string[], reason: string, now: number, event: PostEvent) {
      const held: string[] = [];
      for (const id of targetIds) {
        const r = await c.query(
          `UPDATE targets SET status = 'held', hold_kind = 'preflight', last_error = $1 WHERE id = $2 AND status = ANY ($3::text[])`,
          [reason, id, [...TRANSITIONS.holdForPreflight.from]],
        );
        if ((r.rowCount ?? 0) > 0) held.push(id);
      }
      await appendEvent(c, { at: now, postId, ...event });
      return held;
    },
    async releasePreflight(postId: string, targets: readonly { targetId: string; dueAt: number }[], now: number, event: PostEvent) {
      for (const t of targets)
        await c.query(
          `UPDATE targets SET status = 'scheduled', hold_kind = NULL, due_at = $1, last_error = NULL
           WHERE id = $2 AND status = ANY ($3::text[]) AND hold_kind = 'preflight'`,
          [at(t.dueAt), t.targetId, [...TRANSITIONS.releasePreflight.from]],
        );
      await appendEvent(c, { at: now, postId, ...event });
    },
  };
}

async function openPg(): Promise<ConversationOpened> {
  const { pool } = database();
  if (!migrated) {
    await migratePg(pool);
    migrated = true;
  }
  await pool.query(
    'TRUNCATE accounts, posts, events, watch_terms, conversation_settings, awareness_days, preflight_skipped_posts RESTART IDENTITY CASCADE',
  );
  return {
    conversationSettings: new PgConversationSettingsStore(pool),
    signalCache: new PgSignalCacheStore(pool),
    watchlist: new PgWatchlistStore(pool),
    preflight: new PgPreflightStore(pool, standInTransitions),
    waitingPosts: new PgWaitingPostsStore(pool),
    seed: {
      async account(id) {
        await pool.query(
          `INSERT INTO accounts (id, platform, name, handle, secret, created_at, updated_at)
           VALUES ($1, 'mastodon', $2, $3, '\\x01', $4, $4)`,
          [id, `Account ${id}`, `@${id}@mastodon.example`, at(0)],
        );
      },
      async post(id, scheduledAt, targets) {
        await pool.query(
          `INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES ($1, 'Hello', 'UTC', $2, 'scheduled', $3, $3)`,
          [id, at(scheduledAt), at(0)],
        );
        for (const t of targets)
          await pool.query(
            `INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key, intended_at) VALUES ($1, $2, $3, $4, $5, $6, $5)`,
            [t.id, id, t.accountId, t.status, at(t.dueAt), `key-${t.id}`],
          );
      },
      async target(id) {
        const { rows } = await pool.query<{ status: string; hold_kind: string | null; last_error: string | null; due_at: Date | null }>(
          'SELECT status, hold_kind, last_error, due_at FROM targets WHERE id = $1',
          [id],
        );
        const row = rows[0];
        return row ? { status: row.status, holdKind: row.hold_kind, lastError: row.last_error, dueAt: ms(row.due_at) } : null;
      },
      async history(postId) {
        const { rows } = await pool.query<{ actor: string; kind: string; detail: string | null }>(
          'SELECT actor, kind, detail FROM events WHERE post_id = $1 ORDER BY id',
          [postId],
        );
        return rows;
      },
      async damagedTrends(accountId, fetchedAt) {
        await pool.query(`INSERT INTO signal_cache (account_id, kind, term, items, fetched_at) VALUES ($1, 'trends', '', $2::jsonb, $3)`, [
          accountId,
          '[{"name": 5}]',
          at(fetchedAt),
        ]);
      },
      async rawSetting(key, json) {
        await pool.query(
          'INSERT INTO conversation_settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
          [key, json],
        );
      },
    },
    // The pool belongs to the file's database (dropped after the file).
    async close() {},
  };
}

conversationContract('PostgreSQL', openPg);

describe('conversation stores on PostgreSQL, several connections at once', () => {
  const T0 = Date.UTC(2026, 5, 1, 9, 0);
  let s: ConversationOpened;
  beforeEach(async () => {
    s = await openPg();
    await s.seed.account('acc_m');
    await s.seed.post('post_1', T0, [{ id: 't1', accountId: 'acc_m', status: 'scheduled', dueAt: T0 }]);
  });
  afterEach(() => s.close());

  /** Waits until `n` other connections are waiting for a row lock. */
  async function waitersOnLocks(n: number): Promise<void> {
    const { pool } = database();
    for (let i = 0; i < 500; i++) {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if ((rows[0]?.n ?? 0) >= n) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`Fewer than ${n} connections ever waited for a lock.`);
  }

  it('releases a held post once when two people answer "send anyway" at the same moment', async () => {
    await s.preflight.recordCheck('post_1', [{ targetId: 't1', accountId: 'acc_m', dueAt: T0 }], 'held', 'Held.', T0 - 60_000);
    // A third connection holds the check's row, so both answers are under way before either can finish.
    const blocker = await database().pool.connect();
    let answers: unknown[][];
    try {
      await blocker.query('BEGIN');
      await blocker.query(`SELECT 1 FROM preflight_checks WHERE target_id = 't1' FOR UPDATE`);
      const both = Promise.all([s.preflight.decide('post_1', 'send', T0, 'user'), s.preflight.decide('post_1', 'send', T0, 'user')]);
      await waitersOnLocks(2);
      await blocker.query('COMMIT');
      answers = await both;
    } finally {
      blocker.release();
    }
    expect(answers.map((a) => a.length).sort()).toEqual([0, 1]);
    expect((await s.seed.history('post_1')).filter((h) => h.kind === 'pre-flight decision')).toHaveLength(1);
    expect((await s.seed.target('t1'))?.status).toBe('scheduled');
  });

  it('keeps one row for a term two people add while a third adds it too', async () => {
    const blocker = await database().pool.connect();
    let added: { id: string }[];
    try {
      await blocker.query('BEGIN');
      await blocker.query(`INSERT INTO watch_terms (id, term, severity, created_at) VALUES ('wat_first', 'strike', 'low', $1)`, [at(T0)]);
      const both = Promise.all([
        s.watchlist.add('wat_a', 'Strike', 'medium', T0 + 1),
        s.watchlist.add('wat_b', '#strike', 'medium', T0 + 2),
      ]);
      await waitersOnLocks(2);
      await blocker.query('COMMIT');
      added = await both;
    } finally {
      blocker.release();
    }
    expect(added.map((w) => w.id)).toEqual(['wat_first', 'wat_first']);
    expect(await s.watchlist.list()).toEqual([{ id: 'wat_first', term: 'strike', severity: 'medium', createdAt: T0 }]);
  });

  it('measures a term once when two searches of it are stored at the same moment', async () => {
    await Promise.all([s.signalCache.putSearch('acc_m', 'launch', [], 3, T0), s.signalCache.putSearch('acc_m', 'launch', [], 4, T0 + 1)]);
    expect(await s.signalCache.volumes('acc_m', 'launch', 0, T0 + 2)).toHaveLength(1);
  });
});

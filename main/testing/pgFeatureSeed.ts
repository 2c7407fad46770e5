// The feature contracts on PostgreSQL: a migrated database per test file, emptied before each test, the contracts'
// rows written with plain INSERTs, and a stand-in for the posts store that "Add to queue" writes through.

import type pg from 'pg';
import { beforeAll, beforeEach } from 'vitest';
import type { PostView, TargetView } from '../../shared/domain';
import type { NewPost, PostChange } from '../core/repos/posts';
import { type FeatureSeed, T0 } from '../core/stores/testing/featureSeed';
import { migratePg } from '../server/pg/migrate';
import type { PostsWithin } from '../server/pg/stores/slots';
import type { TestDatabase } from './postgres';
import { databaseForThisFile } from './postgresDatabase';

/** The file's database, migrated once and emptied before every test (the append-only audit log is never written here). */
export function pgFeatureDatabase(label: string): () => TestDatabase {
  const db = databaseForThisFile(label);
  beforeAll(async () => {
    await migratePg(db().pool);
  });
  beforeEach(async () => {
    const { rows } = await db().pool.query<{ t: string }>(
      `SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = 'public'
       AND tablename NOT IN ('kairos_schema_migrations', 'audit_log')`,
    );
    await db().pool.query(`TRUNCATE ${rows.map((r) => r.t).join(', ')} RESTART IDENTITY CASCADE`);
  });
  return db;
}

const at = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));

export function pgFeatureSeed(q: pg.Pool): FeatureSeed {
  const run = async (sql: string, args: unknown[]) => {
    await q.query(sql, args);
  };
  return {
    account: (id, o = {}) =>
      run(`INSERT INTO accounts (id, platform, name, handle, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`, [
        id,
        o.platform ?? 'mastodon',
        `Account ${id}`,
        `@${id}`,
        o.status ?? 'connected',
        at(T0),
      ]),
    post: (p) =>
      run(
        `INSERT INTO posts (id, text, time_zone, scheduled_at, status, labels, options, created_at, updated_at)
         VALUES ($1, $2, 'UTC', $3, $4, $5, $6, $7, $7)`,
        [
          p.id,
          `Text of ${p.id}`,
          at(p.scheduledAt),
          p.status ?? 'scheduled',
          JSON.stringify(p.labels ?? []),
          JSON.stringify(p.options ?? {}),
          at(p.createdAt ?? T0),
        ],
      ),
    target: (t) =>
      run(`INSERT INTO targets (id, post_id, account_id, status, idempotency_key, published_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        t.id,
        t.postId,
        t.accountId,
        t.status,
        `key-${t.id}`,
        at(t.publishedAt),
      ]),
    part: (p) =>
      run(
        `INSERT INTO target_parts (target_id, part_index, idempotency_key, remote_id, remote_url, remote_ref) VALUES ($1, $2, $3, $4, $5, $6)`,
        [p.targetId, p.index, p.idempotencyKey, p.remoteId ?? null, p.remoteUrl ?? null, p.remoteRef ? JSON.stringify(p.remoteRef) : null],
      ),
    pause: (scope) =>
      run(`INSERT INTO pauses (scope, account_id, reason, since, actor) VALUES ($1, $2, 'test', $3, 'user')`, [
        scope,
        scope === 'all' ? null : scope,
        at(T0),
      ]),
    metricLatest: (targetId, c) =>
      run(`INSERT INTO metric_latest (target_id, likes, reposts, replies, quotes, taken_at, deleted) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        targetId,
        c.likes,
        c.reposts,
        c.replies,
        c.quotes,
        at(c.at),
        c.deleted ?? false,
      ]),
    mastodonMetrics: (targetId, c) =>
      run(
        `INSERT INTO mastodon_metrics (target_id, remote_id, likes, reposts, replies, quotes, fetched_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [targetId, c.remoteId, c.likes, c.reposts, c.replies, c.quotes, at(c.at)],
      ),
    appPreference: (key, value) =>
      run('INSERT INTO app_preferences (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
        key,
        JSON.stringify(value),
      ]),
    targetStatus: (targetId, status) => run('UPDATE targets SET status = $1 WHERE id = $2', [status, targetId]),
    // The table is one of a fixed few names, never a value from outside.
    count: async (table) => (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0,
  };
}

/**
 * Stands in for the posts store (written elsewhere) inside "Add to queue": writes the post and its targets with
 * plain SQL on the caller's client, so they are part of its transaction, and answers what it wrote.
 */
export const plainPostsWithin: PostsWithin = (c) => {
  const view = async (id: string): Promise<PostView> => {
    const post = (
      await c.query<{ text: string; time_zone: string; scheduled_at: Date | null; status: string; created_at: Date; updated_at: Date }>(
        'SELECT text, time_zone, scheduled_at, status, created_at, updated_at FROM posts WHERE id = $1',
        [id],
      )
    ).rows[0];
    if (!post) throw new Error(`The stand-in posts store has no post ${id}.`);
    const targets = await c.query<{ id: string; account_id: string; status: TargetView['status'] }>(
      'SELECT id, account_id, status FROM targets WHERE post_id = $1 ORDER BY position',
      [id],
    );
    return {
      id,
      text: post.text,
      timeZone: post.time_zone,
      scheduledAt: post.scheduled_at?.getTime() ?? null,
      status: post.status as PostView['status'],
      labels: [],
      options: {},
      parts: [],
      media: [],
      targets: targets.rows.map((t) => ({
        id: t.id,
        accountId: t.account_id,
        status: t.status,
        textOverride: null,
        attempts: 0,
        nextAttemptAt: null,
        remoteId: null,
        remoteUrl: null,
        lastError: null,
        publishedAt: null,
        partsPublished: 0,
      })),
      createdAt: post.created_at.getTime(),
      updatedAt: post.updated_at.getTime(),
    };
  };
  const statusOf = (p: { draft: boolean; scheduledAt: number | null }) => (p.draft || p.scheduledAt === null ? 'draft' : 'scheduled');
  return {
    async create(p: NewPost) {
      await c.query(
        `INSERT INTO posts (id, text, time_zone, scheduled_at, status, labels, options, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
        [p.id, p.text, p.timeZone, at(p.scheduledAt), statusOf(p), JSON.stringify(p.labels), JSON.stringify(p.options), at(p.now)],
      );
      for (const t of p.targets)
        await c.query(`INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6)`, [
          t.id,
          p.id,
          t.accountId,
          statusOf(p),
          at(p.scheduledAt),
          t.idempotencyKey,
        ]);
      return view(p.id);
    },
    async update(id: string, change: PostChange) {
      await c.query('UPDATE posts SET text = $1, scheduled_at = $2, status = $3, updated_at = $4 WHERE id = $5', [
        change.text,
        at(change.scheduledAt),
        statusOf(change),
        at(change.now),
        id,
      ]);
      await c.query('DELETE FROM targets WHERE post_id = $1 AND NOT (account_id = ANY ($2::text[]))', [
        id,
        change.targets.map((t) => t.accountId),
      ]);
      for (const t of change.targets)
        await c.query(
          `INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (post_id, account_id) DO UPDATE SET status = excluded.status, due_at = excluded.due_at`,
          [t.id, id, t.accountId, statusOf(change), at(change.scheduledAt), t.idempotencyKey],
        );
      return view(id);
    },
  };
};

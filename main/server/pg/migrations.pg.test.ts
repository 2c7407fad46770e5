// The workspace schema on a real PostgreSQL: each migration tested the way it meets data (migrate to N-1, seed rows,
// migrate to N, check), and the runner's transactions, version table and lock.

import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres';
import { postgresAddress } from '../../testing/postgresDatabase';
import { loadPgMigrations, MIGRATION_LOCK_KEY, migratePg, SchemaError, schemaVersion } from './migrate';

const opened: TestDatabase[] = [];
async function freshDb(): Promise<TestDatabase> {
  const db = await createTestDatabase(postgresAddress(), 'migrations');
  opened.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.drop()));
});

const T0 = '2026-03-01T09:00:00Z';

async function tables(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  return rows.map((r) => r.t);
}

describe('workspace migrations', () => {
  it('are numbered from 1 without gaps, like the desktop ones', () => {
    const versions = loadPgMigrations().map((m) => m.version);
    expect(versions.length).toBeGreaterThanOrEqual(3);
    expect(versions).toEqual(versions.map((_v, i) => i + 1));
  });

  it('0001 creates the publishing tables; targets go with their post, JSON columns hold the right shapes', async () => {
    const { pool } = await freshDb();
    expect(await migratePg(pool, { upTo: 1 })).toBe(1);
    expect(await tables(pool)).toEqual([
      'accounts',
      'events',
      'kairos_schema_migrations',
      'media',
      'pauses',
      'posts',
      'recurring_series',
      'settings',
      'target_parts',
      'targets',
    ]);
    await pool.query(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_1', 'mastodon', 'Brand', '@brand', '${T0}', '${T0}');
      INSERT INTO posts (id, text, time_zone, scheduled_at, status, labels, created_at, updated_at)
        VALUES ('post_1', 'Hello', 'Europe/Rome', '${T0}', 'scheduled', '["launch"]', '${T0}', '${T0}');
      INSERT INTO targets (id, post_id, account_id, status, due_at, idempotency_key) VALUES ('tgt_1', 'post_1', 'acc_1', 'scheduled', '${T0}', 'k1');
      INSERT INTO target_parts (target_id, part_index, idempotency_key) VALUES ('tgt_1', 0, 'k1-0');
      INSERT INTO media (id, post_id, file_name, mime, bytes, stored_name, created_at) VALUES ('med_1', 'post_1', 'a.png', 'image/png', 10, 's1', '${T0}');
    `);
    const { rows } = await pool.query(`SELECT options, parts, labels, scheduled_at FROM posts`);
    expect(rows).toEqual([{ options: {}, parts: [], labels: ['launch'], scheduled_at: new Date(T0) }]);
    const { rows: target } = await pool.query(`SELECT attempts, force_publish, position > 0 AS ordered FROM targets`);
    expect(target).toEqual([{ attempts: 0, force_publish: false, ordered: true }]);

    await expect(
      pool.query(
        `INSERT INTO posts (id, text, time_zone, status, labels, created_at, updated_at) VALUES ('p2', '', 'UTC', 'draft', '"x"', now(), now())`,
      ),
    ).rejects.toThrow(/posts_labels_check/);
    await expect(
      pool.query(`INSERT INTO pauses (scope, account_id, reason, since, actor) VALUES ('all', 'acc_1', 'r', now(), 'user')`),
    ).rejects.toThrow(/pauses_check/);
    await expect(
      pool.query(
        `INSERT INTO targets (id, post_id, account_id, status, idempotency_key) VALUES ('t2', 'post_1', 'acc_1', 'scheduled', 'k2')`,
      ),
    ).rejects.toThrow(/targets_post_id_account_id_key/);

    await pool.query(`DELETE FROM posts WHERE id = 'post_1'`);
    expect((await pool.query('SELECT count(*)::int AS n FROM targets')).rows).toEqual([{ n: 0 }]);
    expect((await pool.query('SELECT count(*)::int AS n FROM target_parts')).rows).toEqual([{ n: 0 }]);
    // Media outlives the post (it becomes unused) as on the desktop.
    expect((await pool.query('SELECT id, post_id FROM media')).rows).toEqual([{ id: 'med_1', post_id: null }]);
  });

  it('0002 keeps accounts, posts and history, and adds users, invitations, sessions and sign-in limits', async () => {
    const { pool } = await freshDb();
    await migratePg(pool, { upTo: 1 });
    await pool.query(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_1', 'discord', 'Community', 'hook', '${T0}', '${T0}');
      INSERT INTO posts (id, text, time_zone, status, created_at, updated_at) VALUES ('post_1', 'Draft', 'Europe/Rome', 'draft', '${T0}', '${T0}');
      INSERT INTO events (at, actor, kind, post_id, detail) VALUES ('${T0}', 'user', 'created', 'post_1', NULL);
    `);
    expect(await migratePg(pool, { upTo: 2 })).toBe(2);
    expect(await schemaVersion(pool)).toBe(2);
    expect((await pool.query('SELECT id, actor, kind, post_id, user_id FROM events')).rows).toEqual([
      { id: '1', actor: 'user', kind: 'created', post_id: 'post_1', user_id: null },
    ]);
    expect((await pool.query('SELECT id, text FROM posts')).rows).toEqual([{ id: 'post_1', text: 'Draft' }]);
    expect(await tables(pool)).toEqual(expect.arrayContaining(['users', 'invitations', 'sessions', 'sign_in_limits']));

    await pool.query(
      `INSERT INTO users (id, email, display_name, role, password_hash, created_at, updated_at) VALUES ('usr_1', 'ada@example.org', 'Ada', 'owner', 'h', now(), now())`,
    );
    await expect(
      pool.query(
        `INSERT INTO users (id, email, display_name, role, password_hash, created_at, updated_at) VALUES ('usr_2', 'Ada@example.org', 'A', 'editor', 'h', now(), now())`,
      ),
    ).rejects.toThrow(/users_email_check/);
    await expect(
      pool.query(
        `INSERT INTO users (id, email, display_name, role, password_hash, created_at, updated_at) VALUES ('usr_2', 'ada@example.org', 'A', 'editor', 'h', now(), now())`,
      ),
    ).rejects.toThrow(/users_by_email/);
    await expect(
      pool.query(
        `INSERT INTO users (id, email, display_name, role, password_hash, created_at, updated_at) VALUES ('usr_3', 'b@example.org', 'B', 'root', 'h', now(), now())`,
      ),
    ).rejects.toThrow(/users_role_check/);
    await pool.query(`UPDATE events SET user_id = 'usr_1'`);
    await pool.query(`DELETE FROM users WHERE id = 'usr_1'`);
    // The history line stays when its person is removed.
    expect((await pool.query('SELECT count(*)::int AS n FROM events WHERE user_id IS NULL')).rows).toEqual([{ n: 1 }]);
  });

  it('0003 puts existing posts outside review at revision 1, and adds approvals, comments, an append-only audit log and review links', async () => {
    const { pool } = await freshDb();
    await migratePg(pool, { upTo: 2 });
    await pool.query(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_1', 'discord', 'Community', 'hook', '${T0}', '${T0}');
      INSERT INTO posts (id, text, time_zone, status, created_at, updated_at) VALUES ('post_1', 'Launch', 'Europe/Rome', 'scheduled', '${T0}', '${T0}');
      INSERT INTO users (id, email, display_name, role, password_hash, created_at, updated_at) VALUES
        ('usr_a', 'a@example.org', 'A', 'approver', 'h', now(), now()), ('usr_b', 'b@example.org', 'B', 'approver', 'h', now(), now());
    `);
    expect(await migratePg(pool, { upTo: 3 })).toBe(3);
    expect((await pool.query('SELECT id, approval_state, revision FROM posts')).rows).toEqual([
      { id: 'post_1', approval_state: 'none', revision: 1 },
    ]);

    await pool.query(
      `INSERT INTO approval_rules (id, scope, account_id, approvals_needed, created_at) VALUES ('rule_1', 'account', 'acc_1', 2, now())`,
    );
    await expect(
      pool.query(
        `INSERT INTO approval_rules (id, scope, account_id, label, approvals_needed, created_at) VALUES ('rule_2', 'label', 'acc_1', 'x', 1, now())`,
      ),
    ).rejects.toThrow(/approval_rules_check/);
    await expect(
      pool.query(`INSERT INTO approval_rules (id, scope, label, approvals_needed, created_at) VALUES ('rule_3', 'label', 'x', 3, now())`),
    ).rejects.toThrow(/approval_rules_approvals_needed_check/);

    const approve = (id: string, user: string, revision = 1) =>
      pool.query(
        `INSERT INTO approvals (id, post_id, revision, decision, user_id, decided_at) VALUES ($1, 'post_1', $2, 'approved', $3, now())`,
        [id, revision, user],
      );
    await approve('ap_1', 'usr_a');
    // "Two different people": the same person approving the same revision again is refused.
    await expect(approve('ap_2', 'usr_a')).rejects.toThrow(/approvals_one_per_user/);
    await approve('ap_3', 'usr_b');
    await approve('ap_4', 'usr_a', 2);

    await pool.query(`
      INSERT INTO comments (id, post_id, part_index, author_id, author_name, body, created_at) VALUES ('c_1', 'post_1', 1, 'usr_a', 'A', 'Fix part 2 @B', now());
      INSERT INTO comment_mentions (comment_id, user_id) VALUES ('c_1', 'usr_b');
      INSERT INTO review_links (id, token_hash, post_id, created_at, expires_at) VALUES ('rl_1', 'h1', 'post_1', '${T0}', '2026-03-08T09:00:00Z');
      INSERT INTO review_link_uses (review_link_id, at, action) VALUES ('rl_1', now(), 'viewed');
      INSERT INTO audit_log (at, user_id, actor_name, action, post_id, revision, snapshot) VALUES (now(), 'usr_a', 'A', 'approved', 'post_1', 1, '{"text":"Launch"}');
    `);
    await expect(
      pool.query(
        `INSERT INTO review_links (id, token_hash, post_id, created_at, expires_at) VALUES ('rl_2', 'h2', 'post_1', '${T0}', '${T0}')`,
      ),
    ).rejects.toThrow(/review_links_check/);
    await expect(pool.query(`UPDATE audit_log SET actor_name = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);

    // Deleting the post removes its comments, approvals and links, and keeps its history.
    await pool.query(`DELETE FROM posts WHERE id = 'post_1'`);
    for (const table of ['comments', 'comment_mentions', 'approvals', 'review_links', 'review_link_uses'])
      expect((await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows, table).toEqual([{ n: 0 }]);
    expect((await pool.query('SELECT post_id, action, snapshot FROM audit_log')).rows).toEqual([
      { post_id: 'post_1', action: 'approved', snapshot: { text: 'Launch' } },
    ]);
  });
  it('0004 keeps posts, comments and approvals, records authors, soft-deletes comments, adds notifications and the publish predicate', async () => {
    const { pool } = await freshDb();
    await migratePg(pool, { upTo: 3 });
    await pool.query(`
      INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES ('acc_1', 'mastodon', 'Brand', '@b', '${T0}', '${T0}');
      INSERT INTO users (id, email, display_name, role, password_hash, created_at, updated_at) VALUES ('usr_a', 'a@example.org', 'A', 'approver', 'h', now(), now());
      INSERT INTO posts (id, text, time_zone, status, labels, created_at, updated_at) VALUES
        ('p_free', 'Free', 'UTC', 'scheduled', '[]', '${T0}', '${T0}'),
        ('p_rule', 'Ruled', 'UTC', 'scheduled', '["legal"]', '${T0}', '${T0}');
      INSERT INTO targets (id, post_id, account_id, status, idempotency_key) VALUES ('t_1', 'p_free', 'acc_1', 'scheduled', 'k1');
      INSERT INTO comments (id, post_id, author_id, author_name, body, created_at) VALUES ('c_1', 'p_rule', 'usr_a', 'A', 'Hello', now());
      INSERT INTO approval_rules (id, scope, label, approvals_needed, created_at) VALUES ('r_1', 'label', 'legal', 2, now());
    `);
    expect(await migratePg(pool, { upTo: 4 })).toBe(4);
    expect((await pool.query('SELECT id, author_id, revised_by FROM posts ORDER BY id')).rows).toEqual([
      { id: 'p_free', author_id: null, revised_by: null },
      { id: 'p_rule', author_id: null, revised_by: null },
    ]);
    expect((await pool.query('SELECT id, body, deleted_at FROM comments')).rows).toEqual([{ id: 'c_1', body: 'Hello', deleted_at: null }]);
    // A deleted comment keeps no text.
    await expect(pool.query(`UPDATE comments SET deleted_at = now() WHERE id = 'c_1'`)).rejects.toThrow(/comments_check/);

    const block = async (id: string) =>
      (await pool.query(`SELECT kairos_publish_block($1) AS b, kairos_may_publish($1) AS ok`, [id])).rows[0];
    expect(await block('p_free')).toEqual({ b: null, ok: true });
    expect(await block('p_rule')).toEqual({ b: 'not_submitted', ok: false });
    expect(await block('nope')).toEqual({ b: 'no_post', ok: false });
    // A rule on the account covers the post through its target.
    await pool.query(
      `INSERT INTO approval_rules (id, scope, account_id, approvals_needed, created_at) VALUES ('r_2', 'account', 'acc_1', 1, now())`,
    );
    expect(await block('p_free')).toEqual({ b: 'not_submitted', ok: false });
    await pool.query(`UPDATE posts SET approval_state = 'approved' WHERE id = 'p_free'`);
    expect(await block('p_free')).toEqual({ b: 'not_enough_approvals', ok: false });
    await pool.query(
      `INSERT INTO approvals (id, post_id, revision, decision, user_id, decided_at) VALUES ('a_1', 'p_free', 1, 'approved', 'usr_a', now())`,
    );
    expect(await block('p_free')).toEqual({ b: null, ok: true });
    // Approvals of an older revision do not count.
    await pool.query(`UPDATE posts SET revision = 2 WHERE id = 'p_free'`);
    expect(await block('p_free')).toEqual({ b: 'not_enough_approvals', ok: false });

    await pool.query(`
      INSERT INTO review_links (id, token_hash, post_id, created_at, expires_at) VALUES ('rl_1', 'h', 'p_rule', '${T0}', '2026-03-08T09:00:00Z');
      INSERT INTO approvals (id, post_id, revision, decision, review_link_id, reviewer_name, decided_at) VALUES ('a_2', 'p_rule', 1, 'approved', 'rl_1', 'C', now());
    `);
    await expect(
      pool.query(
        `INSERT INTO approvals (id, post_id, revision, decision, review_link_id, reviewer_name, decided_at) VALUES ('a_3', 'p_rule', 1, 'approved', 'rl_1', 'C', now())`,
      ),
    ).rejects.toThrow(/approvals_one_per_link/);

    await pool.query(
      `INSERT INTO notifications (id, user_id, kind, post_id, comment_id, actor_name, summary, created_at) VALUES ('n_1', 'usr_a', 'mentioned', 'p_rule', 'c_1', 'B', 's', now())`,
    );
    expect((await pool.query('SELECT email_state, read_at FROM notifications')).rows).toEqual([{ email_state: 'none', read_at: null }]);
    await expect(pool.query(`UPDATE notifications SET email_state = 'failed'`)).rejects.toThrow(/notifications_check/);
    await expect(
      pool.query(
        `INSERT INTO notifications (id, user_id, kind, actor_name, summary, created_at) VALUES ('n_2', 'usr_a', 'liked', 'B', 's', now())`,
      ),
    ).rejects.toThrow(/notifications_kind_check/);
    // Notifications go with their person and their post.
    await pool.query(`DELETE FROM posts WHERE id = 'p_rule'`);
    expect((await pool.query('SELECT count(*)::int AS n FROM notifications')).rows).toEqual([{ n: 0 }]);
  });
});

describe('the migration runner', () => {
  it('lets server processes that start together take turns: each migration is applied once', async () => {
    const db = await freshDb();
    const pools = [0, 1, 2].map(() => new pg.Pool({ ...db.config, max: 2 }));
    try {
      const reached = await Promise.all(pools.map((p) => migratePg(p)));
      const latest = loadPgMigrations().length;
      expect(reached).toEqual([latest, latest, latest]);
      const { rows } = await db.pool.query<{ version: number }>('SELECT version FROM kairos_schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(loadPgMigrations().map((m) => m.version));
      // Nobody is left holding the lock.
      const { rows: locks } = await db.pool.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`);
      expect(locks).toEqual([{ n: 0 }]);
      // Starting again changes nothing.
      expect(await migratePg(pools[0] as pg.Pool)).toBe(latest);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('rolls a failing migration back whole, names it, and stays at the version before', async () => {
    const { pool } = await freshDb();
    const migrations = [
      { version: 1, name: '0001_one.sql', sql: 'CREATE TABLE one (id int);' },
      { version: 2, name: '0002_two.sql', sql: 'CREATE TABLE two (id int); INSERT INTO two VALUES (1); SELECT no_such_function();' },
    ];
    const failure = await migratePg(pool, { migrations }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SchemaError);
    expect((failure as Error).message).toMatch(
      /^Updating the workspace database with 0002_two\.sql failed, so nothing of it was applied \(the database stays at schema 1\): /,
    );
    expect(await schemaVersion(pool)).toBe(1);
    expect(await tables(pool)).toEqual(['kairos_schema_migrations', 'one']);
  });

  it('refuses a database a newer Kairos migrated', async () => {
    const { pool } = await freshDb();
    await migratePg(pool);
    await pool.query(`INSERT INTO kairos_schema_migrations (version, name) VALUES (99, '0099_future.sql')`);
    await expect(migratePg(pool)).rejects.toThrow(`updated by a newer Kairos (schema 99, this one knows ${loadPgMigrations().length})`);
  });

  it('says so when another process holds the migration lock too long', async () => {
    const db = await freshDb();
    const holder = new pg.Client(db.config);
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
      await expect(migratePg(db.pool, { lockTimeoutMs: 300 })).rejects.toThrow(
        /Another Kairos server process has been updating the workspace database/,
      );
      expect(await schemaVersion(db.pool)).toBe(0);
    } finally {
      await holder.end();
    }
  });
});

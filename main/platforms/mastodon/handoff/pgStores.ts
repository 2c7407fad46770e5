// The hand-off's stores on the workspace server's PostgreSQL: the SQL of handoffRepo.ts and metricsRepo.ts with times
// as timestamptz. Writes of several rows run in one transaction (deps.transaction); the two that end a target's
// hand-off with a status change (markPublished, settle) run the target transitions over that transaction's client,
// so the status, its history line and the hand-off row commit together or not at all, as on the desktop.

import { PostOptionsSchema } from '../../../../shared/contract/posts';
import type { PostOptions, TargetStatus } from '../../../../shared/domain';
import type { PostMetrics } from '../../../../shared/signals';
import type { RemoteMetrics } from '../../../core/platforms/types';
import { type MediaRow, type StoredMedia, toMedia } from '../../../core/repos/media';
import type { Promised } from '../../../core/stores/promised';
import { checkStored, StringListSchema } from '../../../core/stores/stored';
import type { PgExtensionDeps, SqlQueryable } from '../../../core/stores/types';
import {
  contentHashOf,
  type HandoffRepo,
  type HandoffRow,
  type HandoffState,
  PENDING_HANDOFF_ID,
  type TargetSnapshot,
} from './handoffRepo';
import type { MetricsRepo, PublishedTarget } from './metricsRepo';

const at = (ms: number | null | undefined): Date | null => (ms === null || ms === undefined ? null : new Date(ms));
const msOrNull = (d: unknown): number | null => (d === null || d === undefined ? null : (d as Date).getTime());
const msOf = (d: unknown): number => (d as Date).getTime();

interface SnapshotRow {
  id: string;
  post_id: string;
  account_id: string;
  status: TargetStatus;
  due_at: Date | null;
  handoff_id: string | null;
  text_override: string | null;
  text: string;
  options: unknown;
  parts: unknown;
}

const SNAPSHOT = `SELECT t.id, t.post_id, t.account_id, t.status, t.due_at, t.handoff_id, t.text_override, p.text, p.options, p.parts
  FROM targets t JOIN posts p ON p.id = t.post_id`;

// Only the first part's media: a thread is never handed off, and the copy's content hash covers the first part.
const FIRST_PART_MEDIA = `SELECT id, post_id, part_index, file_name, mime, bytes, width, height, alt, focus_x, focus_y, stored_name
  FROM media WHERE post_id = ANY ($1::text[]) AND part_index = 0 ORDER BY post_id, position`;

function handoffOf(r: Record<string, unknown>): HandoffRow {
  return {
    targetId: r.target_id as string,
    accountId: r.account_id as string,
    state: r.state as HandoffState,
    idempotencyKey: r.idempotency_key as string,
    remoteId: r.remote_id as string | null,
    remoteAt: msOrNull(r.remote_at),
    contentHash: r.content_hash as string,
    dueAt: msOrNull(r.due_at),
    reason: r.reason as string | null,
    updatedAt: msOf(r.updated_at),
  };
}

/** Reads targets as hand-off sees them, with their first part's media, over one connection. */
async function snapshotsOf(q: SqlQueryable, rows: readonly SnapshotRow[]): Promise<TargetSnapshot[]> {
  if (rows.length === 0) return [];
  const media = await q.query(FIRST_PART_MEDIA, [[...new Set(rows.map((r) => r.post_id))]]);
  const byPost = new Map<string, StoredMedia[]>();
  // The query reads media of these posts only: each row has its post.
  for (const m of media.rows as unknown as (MediaRow & { post_id: string })[]) {
    const list = byPost.get(m.post_id) ?? [];
    list.push(toMedia(m));
    byPost.set(m.post_id, list);
  }
  return rows.map((r) => {
    const options: PostOptions = checkStored(PostOptionsSchema, r.options, 'post_options', r.post_id);
    const text = r.text_override ?? r.text;
    const list = byPost.get(r.post_id) ?? [];
    return {
      targetId: r.id,
      postId: r.post_id,
      accountId: r.account_id,
      status: r.status,
      dueAt: msOrNull(r.due_at),
      handoffId: r.handoff_id,
      text,
      options,
      partCount: 1 + checkStored(StringListSchema, r.parts, 'post_thread', r.post_id).length,
      media: list,
      contentHash: contentHashOf(text, options, list),
    };
  });
}

async function snapshotOn(q: SqlQueryable, targetId: string, lock: boolean): Promise<TargetSnapshot | null> {
  // Inside a transaction that decides on it, the target row is locked so that no other process changes it meanwhile.
  const { rows } = await q.query(`${SNAPSHOT} WHERE t.id = $1${lock ? ' FOR UPDATE OF t' : ''}`, [targetId]);
  const [s] = await snapshotsOf(q, rows as unknown as SnapshotRow[]);
  return s ?? null;
}

// The same interfaces as the SQLite repositories' (stores.ts names them HandoffStore and HandoffMetricsStore).
export class PgHandoffStore implements Promised<HandoffRepo> {
  constructor(
    private readonly q: SqlQueryable,
    private readonly deps: PgExtensionDeps,
  ) {}

  snapshot(targetId: string): Promise<TargetSnapshot | null> {
    return snapshotOn(this.q, targetId, false);
  }

  /** Scheduled, not yet handed-off targets of connected Mastodon accounts, due at or after `earliest`. */
  async candidates(earliest: number): Promise<TargetSnapshot[]> {
    const { rows } = await this.q.query(
      `${SNAPSHOT} JOIN accounts a ON a.id = t.account_id
       WHERE a.platform = 'mastodon' AND a.status = 'connected' AND t.status = 'scheduled'
         AND t.handoff_id IS NULL AND t.due_at >= $1
       ORDER BY t.due_at, t.position`,
      [at(earliest)],
    );
    return snapshotsOf(this.q, rows as unknown as SnapshotRow[]);
  }

  async rows(): Promise<HandoffRow[]> {
    const { rows } = await this.q.query('SELECT * FROM mastodon_handoffs ORDER BY created_at, position');
    return rows.map(handoffOf);
  }

  async row(targetId: string): Promise<HandoffRow | null> {
    const { rows } = await this.q.query('SELECT * FROM mastodon_handoffs WHERE target_id = $1', [targetId]);
    return rows[0] ? handoffOf(rows[0]) : null;
  }

  async rowsOfPost(postId: string): Promise<HandoffRow[]> {
    const { rows } = await this.q.query(
      'SELECT h.* FROM mastodon_handoffs h JOIN targets t ON t.id = h.target_id WHERE t.post_id = $1 ORDER BY h.created_at, h.position',
      [postId],
    );
    return rows.map(handoffOf);
  }

  /**
   * Persisted before the request that creates the remote copy, and in the same transaction the target is marked as
   * held by the server, so no scheduler process claims it while the request is out. False when the target is no
   * longer a free scheduled post (claimed, edited or handed off meanwhile).
   */
  beginCreating(s: TargetSnapshot, key: string, now: number): Promise<boolean> {
    return this.deps.transaction(async (c) => {
      const held = await c.query(
        `UPDATE targets SET handoff_id = $1, handoff_at = due_at
         WHERE id = $2 AND status = 'scheduled' AND handoff_id IS NULL AND due_at = $3`,
        [PENDING_HANDOFF_ID, s.targetId, at(s.dueAt)],
      );
      if (!held.rowCount) return false;
      await c.query(
        `INSERT INTO mastodon_handoffs (target_id, account_id, state, idempotency_key, content_hash, due_at, created_at, updated_at)
         VALUES ($1, $2, 'creating', $3, $4, $5, $6, $6)
         ON CONFLICT (target_id) DO UPDATE SET state = 'creating', idempotency_key = excluded.idempotency_key,
           remote_id = NULL, remote_at = NULL, content_hash = excluded.content_hash, due_at = excluded.due_at, reason = NULL,
           updated_at = excluded.updated_at`,
        [s.targetId, s.accountId, key, s.contentHash, at(s.dueAt), at(now)],
      );
      return true;
    });
  }

  /** Records the remote copy only if the target is still what was sent; false when the user changed it meanwhile. */
  commitScheduled(targetId: string, remoteId: string, remoteAt: number, sent: TargetSnapshot, now: number): Promise<boolean> {
    return this.deps.transaction(async (c) => {
      const current = await snapshotOn(c, targetId, true);
      if (current?.status !== 'scheduled' || current.handoffId !== PENDING_HANDOFF_ID) return false;
      if (current.dueAt !== sent.dueAt || current.contentHash !== sent.contentHash) return false;
      await c.query('UPDATE targets SET handoff_id = $1, handoff_at = $2 WHERE id = $3', [remoteId, at(remoteAt), targetId]);
      await c.query(
        `UPDATE mastodon_handoffs SET state = 'scheduled', remote_id = $1, remote_at = $2, updated_at = $3 WHERE target_id = $4`,
        [remoteId, at(remoteAt), at(now), targetId],
      );
      return true;
    });
  }

  async moveRemote(targetId: string, remoteAt: number, dueAt: number, now: number): Promise<void> {
    await this.deps.transaction(async (c) => {
      await c.query('UPDATE targets SET handoff_at = $1 WHERE id = $2', [at(remoteAt), targetId]);
      await c.query('UPDATE mastodon_handoffs SET remote_at = $1, due_at = $2, updated_at = $3 WHERE target_id = $4', [
        at(remoteAt),
        at(dueAt),
        at(now),
        targetId,
      ]);
    });
  }

  markReleasing(targetId: string, now: number): Promise<void> {
    return this.setState(targetId, 'releasing', now);
  }

  async setState(targetId: string, state: HandoffState, now: number): Promise<void> {
    await this.q.query('UPDATE mastodon_handoffs SET state = $1, updated_at = $2 WHERE target_id = $3', [state, at(now), targetId]);
  }

  /** The remote copy is gone: the target is Kairos's to publish again. */
  async release(targetId: string): Promise<void> {
    await this.deps.transaction(async (c) => {
      await c.query('UPDATE targets SET handoff_id = NULL, handoff_at = NULL WHERE id = $1', [targetId]);
      await c.query('DELETE FROM mastodon_handoffs WHERE target_id = $1', [targetId]);
    });
  }

  /** No copy exists (or will): the row goes, and a target held for a hand-over in progress is Kairos's again. */
  async forget(targetId: string): Promise<void> {
    await this.deps.transaction(async (c) => {
      await c.query('UPDATE targets SET handoff_id = NULL, handoff_at = NULL WHERE id = $1 AND handoff_id = $2', [
        targetId,
        PENDING_HANDOFF_ID,
      ]);
      await c.query('DELETE FROM mastodon_handoffs WHERE target_id = $1', [targetId]);
    });
  }

  async keepLocal(s: TargetSnapshot, reason: string, now: number): Promise<void> {
    await this.deps.transaction(async (c) => {
      await c.query('UPDATE targets SET handoff_id = NULL, handoff_at = NULL WHERE id = $1 AND handoff_id = $2', [
        s.targetId,
        PENDING_HANDOFF_ID,
      ]);
      await c.query(
        `INSERT INTO mastodon_handoffs (target_id, account_id, state, idempotency_key, content_hash, due_at, reason, created_at, updated_at)
         VALUES ($1, $2, 'kept_local', '', $3, $4, $5, $6, $6)
         ON CONFLICT (target_id) DO UPDATE SET state = 'kept_local', remote_id = NULL, remote_at = NULL,
           content_hash = excluded.content_hash, due_at = excluded.due_at, reason = excluded.reason, updated_at = excluded.updated_at`,
        [s.targetId, s.accountId, s.contentHash, at(s.dueAt), reason, at(now)],
      );
    });
  }

  /**
   * The server published the handed-off post: the status, its history line and the post's summary (the target
   * transitions, over this transaction's client) are written with the hand-off's end in one transaction.
   */
  markPublished(
    targetId: string,
    published: { remoteId: string; remoteUrl: string | null },
    now: number,
    event: { kind: string; detail: string },
  ): Promise<boolean> {
    return this.deps.transaction(async (c) => {
      if (!(await this.deps.transitionsWithin(c).handoffPublished(targetId, published, now, event))) return false;
      await c.query('DELETE FROM mastodon_handoffs WHERE target_id = $1', [targetId]);
      return true;
    });
  }

  /** Ends a handed-off target whose remote copy vanished; a target the user already moved keeps its state. */
  settle(
    targetId: string,
    status: 'cancelled' | 'unconfirmed',
    reason: string,
    now: number,
    event: { kind: string; detail: string },
  ): Promise<boolean> {
    return this.deps.transaction(async (c) => {
      const changed = await this.deps.transitionsWithin(c).handoffVanished(targetId, status, reason, now, event);
      await c.query('UPDATE targets SET handoff_id = NULL, handoff_at = NULL WHERE id = $1', [targetId]);
      await c.query('DELETE FROM mastodon_handoffs WHERE target_id = $1', [targetId]);
      return changed;
    });
  }
}

export class PgHandoffMetricsStore implements Promised<MetricsRepo> {
  constructor(
    private readonly q: SqlQueryable,
    private readonly deps: PgExtensionDeps,
  ) {}

  /** Published Mastodon targets, most recent first; `since` limits them to posts published after it. */
  async published(filter: { postId?: string; since?: number }): Promise<PublishedTarget[]> {
    const { rows } = await this.q.query(
      `SELECT t.id, t.post_id, t.account_id, t.remote_id FROM targets t JOIN accounts a ON a.id = t.account_id
       WHERE t.status = 'published' AND a.platform = 'mastodon' AND t.remote_id IS NOT NULL
         AND ($1::text IS NULL OR t.post_id = $1) AND ($2::timestamptz IS NULL OR t.published_at >= $2)
       ORDER BY t.published_at DESC, t.position DESC LIMIT 200`,
      [filter.postId || null, at(filter.since)],
    );
    return rows.map((r) => ({
      targetId: r.id as string,
      postId: r.post_id as string,
      accountId: r.account_id as string,
      remoteId: r.remote_id as string,
    }));
  }

  async save(metrics: readonly RemoteMetrics[], remoteIds: ReadonlyMap<string, string>, now: number): Promise<void> {
    await this.deps.transaction(async (c) => {
      for (const m of metrics) {
        await c.query(
          `INSERT INTO mastodon_metrics (target_id, remote_id, likes, reposts, replies, quotes, fetched_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (target_id) DO UPDATE SET remote_id = excluded.remote_id, likes = excluded.likes, reposts = excluded.reposts,
             replies = excluded.replies, quotes = excluded.quotes, fetched_at = excluded.fetched_at`,
          [m.targetId, remoteIds.get(m.targetId) ?? '', m.likes, m.reposts, m.replies, m.quotes, at(now)],
        );
      }
    });
  }

  async of(targetIds: readonly string[]): Promise<PostMetrics[]> {
    if (targetIds.length === 0) return [];
    const { rows } = await this.q.query(
      'SELECT target_id, likes, reposts, replies, quotes, fetched_at FROM mastodon_metrics WHERE target_id = ANY ($1::text[]) ORDER BY target_id COLLATE "C"',
      [[...targetIds]],
    );
    return rows.map((r) => ({
      targetId: r.target_id as string,
      likes: r.likes as number,
      reposts: r.reposts as number,
      replies: r.replies as number,
      quotes: r.quotes as number | null,
      fetchedAt: msOf(r.fetched_at),
    }));
  }
}

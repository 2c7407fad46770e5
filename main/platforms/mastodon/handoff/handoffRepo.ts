// SQL for hand-off: which targets can go to the server's scheduler, and targets.handoff_id/handoff_at kept in step with it.

import { createHash } from 'node:crypto';
import type { PostOptions, TargetStatus } from '../../../../shared/domain';
import type { Db } from '../../../core/db/database';
import type { TargetTransitions } from '../../../core/publishing/store';
import type { MediaRepo, StoredMedia } from '../../../core/repos/media';

export type HandoffState = 'creating' | 'scheduled' | 'releasing' | 'kept_local';

/**
 * targets.handoff_id while the copy is being created: the server may hold (or even publish) it any moment now, so
 * the scheduler, which skips every target with a handoff_id, must not claim it until the outcome is known.
 */
export const PENDING_HANDOFF_ID = 'pending';

export interface HandoffRow {
  readonly targetId: string;
  readonly accountId: string;
  readonly state: HandoffState;
  readonly idempotencyKey: string;
  readonly remoteId: string | null;
  readonly remoteAt: number | null;
  readonly contentHash: string;
  readonly dueAt: number | null;
  readonly reason: string | null;
  readonly updatedAt: number;
}

/** A target as hand-off sees it: what it would send, and whether it may go to the server at all. */
export interface TargetSnapshot {
  readonly targetId: string;
  readonly postId: string;
  readonly accountId: string;
  readonly status: TargetStatus;
  readonly dueAt: number | null;
  readonly handoffId: string | null;
  readonly text: string;
  readonly options: PostOptions;
  readonly partCount: number;
  readonly media: readonly StoredMedia[];
  readonly contentHash: string;
}

interface SnapshotRow {
  id: string;
  post_id: string;
  account_id: string;
  status: TargetStatus;
  due_at: number | null;
  handoff_id: string | null;
  text_override: string | null;
  text: string;
  options: string;
  parts: string;
}

interface HandoffDbRow {
  target_id: string;
  account_id: string;
  state: HandoffState;
  idempotency_key: string;
  remote_id: string | null;
  remote_at: number | null;
  content_hash: string;
  due_at: number | null;
  reason: string | null;
  updated_at: number;
}

const SNAPSHOT = `SELECT t.id, t.post_id, t.account_id, t.status, t.due_at, t.handoff_id, t.text_override, p.text, p.options, p.parts
  FROM targets t JOIN posts p ON p.id = t.post_id`;

function toRow(r: HandoffDbRow): HandoffRow {
  return {
    targetId: r.target_id,
    accountId: r.account_id,
    state: r.state,
    idempotencyKey: r.idempotency_key,
    remoteId: r.remote_id,
    remoteAt: r.remote_at,
    contentHash: r.content_hash,
    dueAt: r.due_at,
    reason: r.reason,
    updatedAt: r.updated_at,
  };
}

/** What the remote copy contains; a change means the copy must be replaced. */
export function contentHashOf(text: string, options: PostOptions, media: readonly StoredMedia[]): string {
  const shape = {
    text,
    cw: options.contentWarning ?? '',
    visibility: options.visibility ?? null,
    language: options.language ?? null,
    sensitive: options.sensitive ?? null,
    poll: options.poll ?? null,
    media: media.map((m) => [m.id, m.alt, m.focus?.x ?? null, m.focus?.y ?? null]),
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('base64url');
}

export class HandoffRepo {
  constructor(
    private readonly db: Db,
    private readonly media: MediaRepo,
    private readonly transitions: TargetTransitions,
  ) {}

  #snapshot(r: SnapshotRow): TargetSnapshot {
    const options = JSON.parse(r.options) as PostOptions;
    const text = r.text_override ?? r.text;
    const media = this.media.ofPost(r.post_id).filter((m) => m.partIndex === 0);
    return {
      targetId: r.id,
      postId: r.post_id,
      accountId: r.account_id,
      status: r.status,
      dueAt: r.due_at,
      handoffId: r.handoff_id,
      text,
      options,
      partCount: 1 + (JSON.parse(r.parts) as string[]).length,
      media,
      contentHash: contentHashOf(text, options, media),
    };
  }

  snapshot(targetId: string): TargetSnapshot | null {
    const r = this.db.prepare<[string], SnapshotRow>(`${SNAPSHOT} WHERE t.id = ?`).get(targetId);
    return r ? this.#snapshot(r) : null;
  }

  /** Scheduled, not yet handed-off targets of connected Mastodon accounts, due at or after `earliest`. */
  candidates(earliest: number): TargetSnapshot[] {
    return this.db
      .prepare<[number], SnapshotRow>(
        `${SNAPSHOT} JOIN accounts a ON a.id = t.account_id
         WHERE a.platform = 'mastodon' AND a.status = 'connected' AND t.status = 'scheduled'
           AND t.handoff_id IS NULL AND t.due_at >= ?
         ORDER BY t.due_at, t.rowid`,
      )
      .all(earliest)
      .map((r) => this.#snapshot(r));
  }

  rows(): HandoffRow[] {
    return this.db.prepare<[], HandoffDbRow>('SELECT * FROM mastodon_handoffs ORDER BY created_at').all().map(toRow);
  }

  row(targetId: string): HandoffRow | null {
    const r = this.db.prepare<[string], HandoffDbRow>('SELECT * FROM mastodon_handoffs WHERE target_id = ?').get(targetId);
    return r ? toRow(r) : null;
  }

  rowsOfPost(postId: string): HandoffRow[] {
    return this.db
      .prepare<[string], HandoffDbRow>('SELECT h.* FROM mastodon_handoffs h JOIN targets t ON t.id = h.target_id WHERE t.post_id = ?')
      .all(postId)
      .map(toRow);
  }

  /**
   * Persisted before the request that creates the remote copy, with the key that request will carry, and in the same
   * transaction the target is marked as held by the server, so the scheduler cannot claim it while the request is out.
   * Returns false when the target is no longer a free scheduled post (claimed, edited or handed off meanwhile).
   */
  beginCreating(s: TargetSnapshot, key: string, now: number): boolean {
    return this.db
      .transaction(() => {
        const held = this.db
          .prepare(
            `UPDATE targets SET handoff_id = ?, handoff_at = due_at
             WHERE id = ? AND status = 'scheduled' AND handoff_id IS NULL AND due_at = ?`,
          )
          .run(PENDING_HANDOFF_ID, s.targetId, s.dueAt);
        if (held.changes === 0) return false;
        this.db
          .prepare(
            `INSERT INTO mastodon_handoffs (target_id, account_id, state, idempotency_key, content_hash, due_at, created_at, updated_at)
             VALUES (?, ?, 'creating', ?, ?, ?, ?, ?)
             ON CONFLICT (target_id) DO UPDATE SET state = 'creating', idempotency_key = excluded.idempotency_key,
               remote_id = NULL, remote_at = NULL, content_hash = excluded.content_hash, due_at = excluded.due_at, reason = NULL,
               updated_at = excluded.updated_at`,
          )
          .run(s.targetId, s.accountId, key, s.contentHash, s.dueAt, now, now);
        return true;
      })
      .immediate();
  }

  /**
   * Records the remote copy, but only if the target is still what was sent (same time, same content,
   * still scheduled); returns false when the user changed it meanwhile, so the copy must be removed.
   */
  commitScheduled(targetId: string, remoteId: string, remoteAt: number, sent: TargetSnapshot, now: number): boolean {
    return this.db
      .transaction(() => {
        const current = this.snapshot(targetId);
        if (current?.status !== 'scheduled' || current.handoffId !== PENDING_HANDOFF_ID) return false;
        if (current.dueAt !== sent.dueAt || current.contentHash !== sent.contentHash) return false;
        this.db.prepare('UPDATE targets SET handoff_id = ?, handoff_at = ? WHERE id = ?').run(remoteId, remoteAt, targetId);
        this.db
          .prepare("UPDATE mastodon_handoffs SET state = 'scheduled', remote_id = ?, remote_at = ?, updated_at = ? WHERE target_id = ?")
          .run(remoteId, remoteAt, now, targetId);
        return true;
      })
      .immediate();
  }

  moveRemote(targetId: string, remoteAt: number, dueAt: number, now: number): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE targets SET handoff_at = ? WHERE id = ?').run(remoteAt, targetId);
      this.db
        .prepare('UPDATE mastodon_handoffs SET remote_at = ?, due_at = ?, updated_at = ? WHERE target_id = ?')
        .run(remoteAt, dueAt, now, targetId);
    })();
  }

  markReleasing(targetId: string, now: number): void {
    this.setState(targetId, 'releasing', now);
  }

  setState(targetId: string, state: HandoffState, now: number): void {
    this.db.prepare('UPDATE mastodon_handoffs SET state = ?, updated_at = ? WHERE target_id = ?').run(state, now, targetId);
  }

  /** The remote copy is gone: the target is Kairos's to publish again. */
  release(targetId: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE targets SET handoff_id = NULL, handoff_at = NULL WHERE id = ?').run(targetId);
      this.db.prepare('DELETE FROM mastodon_handoffs WHERE target_id = ?').run(targetId);
    })();
  }

  /** No copy exists (or will): the row goes, and a target held for a hand-over in progress is Kairos's again. */
  forget(targetId: string): void {
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE targets SET handoff_id = NULL, handoff_at = NULL WHERE id = ? AND handoff_id = ?')
        .run(targetId, PENDING_HANDOFF_ID);
      this.db.prepare('DELETE FROM mastodon_handoffs WHERE target_id = ?').run(targetId);
    })();
  }

  keepLocal(s: TargetSnapshot, reason: string, now: number): void {
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE targets SET handoff_id = NULL, handoff_at = NULL WHERE id = ? AND handoff_id = ?')
        .run(s.targetId, PENDING_HANDOFF_ID);
      this.db
        .prepare(
          `INSERT INTO mastodon_handoffs (target_id, account_id, state, idempotency_key, content_hash, due_at, reason, created_at, updated_at)
         VALUES (?, ?, 'kept_local', '', ?, ?, ?, ?, ?)
         ON CONFLICT (target_id) DO UPDATE SET state = 'kept_local', remote_id = NULL, remote_at = NULL,
           content_hash = excluded.content_hash, due_at = excluded.due_at, reason = excluded.reason, updated_at = excluded.updated_at`,
        )
        .run(s.targetId, s.accountId, s.contentHash, s.dueAt, reason, now, now);
    })();
  }

  /**
   * The server published the handed-off post: the target is published with the server's status as its first part,
   * even if the user cancelled or paused it too late (it did go out). The status, its history line and the post's
   * summary are written with the hand-off's end in one transaction.
   */
  markPublished(
    targetId: string,
    published: { remoteId: string; remoteUrl: string | null },
    now: number,
    event: { kind: string; detail: string },
  ): boolean {
    return this.db
      .transaction(() => {
        if (!this.transitions.handoffPublished(targetId, published, now, event)) return false;
        this.db.prepare('DELETE FROM mastodon_handoffs WHERE target_id = ?').run(targetId);
        return true;
      })
      .immediate();
  }

  /**
   * Ends a handed-off target whose remote copy vanished: cancelled (deleted on the server) or unconfirmed (cannot
   * tell). A target the user already moved to another state keeps it; only the hand-off is cleared.
   */
  settle(
    targetId: string,
    status: 'cancelled' | 'unconfirmed',
    reason: string,
    now: number,
    event: { kind: string; detail: string },
  ): boolean {
    return this.db
      .transaction(() => {
        const changed = this.transitions.handoffVanished(targetId, status, reason, now, event);
        this.db.prepare('UPDATE targets SET handoff_id = NULL, handoff_at = NULL WHERE id = ?').run(targetId);
        this.db.prepare('DELETE FROM mastodon_handoffs WHERE target_id = ?').run(targetId);
        return changed;
      })
      .immediate();
  }
}

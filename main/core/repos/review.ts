// What needs the user's decision: held, missed, unconfirmed and failed targets, with enough to decide.

import type { PlatformId, TargetStatus } from '../../../shared/domain';
import type { Db } from '../db/database';

export const NEEDS_DECISION: readonly TargetStatus[] = ['held', 'missed', 'unconfirmed', 'failed'];

export interface ReviewRow {
  readonly postId: string;
  readonly targetId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly platform: PlatformId;
  readonly status: TargetStatus;
  readonly holdKind: string | null;
  readonly reason: string | null;
  /** When it was meant to go out. */
  readonly dueAt: number | null;
  readonly text: string;
  readonly seriesId: string | null;
}

interface Row {
  post_id: string;
  target_id: string;
  account_id: string;
  account_name: string;
  platform: PlatformId;
  status: TargetStatus;
  hold_kind: string | null;
  last_error: string | null;
  due: number | null;
  text: string;
  series_id: string | null;
}

export class ReviewRepo {
  constructor(private readonly db: Db) {}

  /** Targets in the given states (all that need a decision by default), oldest due first. */
  list(
    f: { statuses?: readonly TargetStatus[]; holdKinds?: readonly string[]; accountId?: string; postId?: string; limit?: number } = {},
  ): ReviewRow[] {
    const statuses = f.statuses?.length ? f.statuses : NEEDS_DECISION;
    const where = [`t.status IN (${statuses.map(() => '?').join(',')})`];
    const args: (string | number)[] = [...statuses];
    if (f.holdKinds?.length) {
      where.push(`t.hold_kind IN (${f.holdKinds.map(() => '?').join(',')})`);
      args.push(...f.holdKinds);
    }
    if (f.accountId) {
      where.push('t.account_id = ?');
      args.push(f.accountId);
    }
    if (f.postId) {
      where.push('t.post_id = ?');
      args.push(f.postId);
    }
    args.push(f.limit ?? 1000);
    return this.db
      .prepare<(string | number)[], Row>(
        `SELECT t.post_id, t.id AS target_id, t.account_id, a.name AS account_name, a.platform, t.status, t.hold_kind, t.last_error,
           coalesce(t.intended_at, t.due_at, p.scheduled_at) AS due, coalesce(t.text_override, p.text) AS text, p.series_id
         FROM targets t JOIN posts p ON p.id = t.post_id JOIN accounts a ON a.id = t.account_id
         WHERE ${where.join(' AND ')} ORDER BY due IS NULL, due, t.rowid LIMIT ?`,
      )
      .all(...args)
      .map((r) => ({
        postId: r.post_id,
        targetId: r.target_id,
        accountId: r.account_id,
        accountName: r.account_name,
        platform: r.platform,
        status: r.status,
        holdKind: r.hold_kind,
        reason: r.last_error,
        dueAt: r.due,
        text: r.text,
        seriesId: r.series_id,
      }));
  }

  /** The targets of a post (optionally one account's) in the states given. */
  targetIds(postId: string, accountId: string | undefined, statuses: readonly TargetStatus[]): string[] {
    return this.list({ postId, statuses, ...(accountId ? { accountId } : {}) }).map((r) => r.targetId);
  }
}

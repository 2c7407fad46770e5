// What needs a decision, in PostgreSQL (the SQLite ReviewRepo's query): held, missed, unconfirmed and failed targets.
// One fixed statement: each optional filter is a parameter that is null when it is not given.

import type { PlatformId, TargetStatus } from '../../../../shared/domain';
import { NEEDS_DECISION, type ReviewRow } from '../../../core/repos/review';
import type { ReviewStore } from '../../../core/stores/types';
import { ms, type Queryable } from './pgDb';

interface Row {
  post_id: string;
  target_id: string;
  account_id: string;
  account_name: string;
  platform: PlatformId;
  status: TargetStatus;
  hold_kind: string | null;
  last_error: string | null;
  due: Date | null;
  text: string;
  series_id: string | null;
}

// Targets without a time last, then oldest due first; ties in the order the targets were added (SQLite's rowid).
const LIST = `SELECT t.post_id, t.id AS target_id, t.account_id, a.name AS account_name, a.platform, t.status, t.hold_kind,
    t.last_error, coalesce(t.intended_at, t.due_at, p.scheduled_at) AS due, coalesce(t.text_override, p.text) AS text, p.series_id
  FROM targets t JOIN posts p ON p.id = t.post_id JOIN accounts a ON a.id = t.account_id
  WHERE t.status = ANY($1::text[])
    AND ($2::text[] IS NULL OR t.hold_kind = ANY($2::text[]))
    AND ($3::text IS NULL OR t.account_id = $3::text)
    AND ($4::text IS NULL OR t.post_id = $4::text)
  ORDER BY due ASC NULLS LAST, t.position LIMIT $5`;

export class PgReviewStore implements ReviewStore {
  constructor(private readonly q: Queryable) {}

  /** Targets in the given states (all that need a decision by default), oldest due first. */
  async list(
    f: { statuses?: readonly TargetStatus[]; holdKinds?: readonly string[]; accountId?: string; postId?: string; limit?: number } = {},
  ): Promise<ReviewRow[]> {
    const statuses = f.statuses?.length ? f.statuses : NEEDS_DECISION;
    // An empty filter is no filter, as in the SQLite query.
    const r = await this.q.query<Row>(LIST, [
      statuses,
      f.holdKinds?.length ? f.holdKinds : null,
      f.accountId || null,
      f.postId || null,
      f.limit ?? 1000,
    ]);
    return r.rows.map((row) => ({
      postId: row.post_id,
      targetId: row.target_id,
      accountId: row.account_id,
      accountName: row.account_name,
      platform: row.platform,
      status: row.status,
      holdKind: row.hold_kind,
      reason: row.last_error,
      dueAt: ms(row.due),
      text: row.text,
      seriesId: row.series_id,
    }));
  }

  /** The targets of a post (optionally one account's) in the states given. */
  async targetIds(postId: string, accountId: string | undefined, statuses: readonly TargetStatus[]): Promise<string[]> {
    return (await this.list({ postId, statuses, ...(accountId ? { accountId } : {}) })).map((r) => r.targetId);
  }
}

// Read-only calendar feed tokens on PostgreSQL: only each token's SHA-256 is kept.

import type { FeedView } from '../../../../shared/contract/importExport';
import { newId } from '../../../core/ids';
import { type FeedKind, feedTokenHash, newFeedToken } from '../../../core/importExport/feeds';
import type { FeedTokensStore } from '../../../core/stores/types';
import { at, ms, msOf, type Queryable } from './pgDb';

interface FeedRow {
  id: string;
  kind: FeedKind;
  created_at: Date;
  revoked_at: Date | null;
}
const view = (r: FeedRow): FeedView => ({ id: r.id, kind: r.kind, createdAt: msOf(r.created_at), revokedAt: ms(r.revoked_at) });

export class PgFeedTokensStore implements FeedTokensStore {
  constructor(private readonly q: Queryable) {}

  async list(): Promise<FeedView[]> {
    const { rows } = await this.q.query<FeedRow>(
      'SELECT id, kind, created_at, revoked_at FROM feed_tokens ORDER BY created_at DESC, id COLLATE "C"',
    );
    return rows.map(view);
  }

  /** A new token for a feed: returned once; the database keeps its SHA-256 only. */
  async create(kind: FeedKind, now: number): Promise<{ feed: FeedView; token: string }> {
    const token = newFeedToken();
    const id = newId('feed', now);
    await this.q.query('INSERT INTO feed_tokens (id, kind, token_hash, created_at) VALUES ($1, $2, $3, $4)', [
      id,
      kind,
      feedTokenHash(token),
      at(now),
    ]);
    return { feed: { id, kind, createdAt: now, revokedAt: null }, token };
  }

  /** Revoked once: a second revoke keeps the first time. */
  async revoke(id: string, now: number): Promise<FeedView | null> {
    const { rows } = await this.q.query<FeedRow>(
      'UPDATE feed_tokens SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2 RETURNING id, kind, created_at, revoked_at',
      [at(now), id],
    );
    return rows[0] ? view(rows[0]) : null;
  }

  async find(token: string): Promise<FeedView | null> {
    const { rows } = await this.q.query<FeedRow>(
      'SELECT id, kind, created_at, revoked_at FROM feed_tokens WHERE token_hash = $1 AND revoked_at IS NULL',
      [feedTokenHash(token)],
    );
    return rows[0] ? view(rows[0]) : null;
  }
}

// The PostgreSQL side of the store contracts' seed (main/core/stores/testing/seed.ts): posts and targets written
// with plain INSERTs, in the rows the SQLite posts store and transitions leave for the same states.

import type pg from 'pg';
import { missedReason, type PublishingSeed } from '../core/stores/testing/seed';

export function pgSeed(pool: pg.Pool): PublishingSeed {
  return {
    async post(p) {
      const created = new Date(p.scheduledAt - 60_000);
      const due = new Date(p.scheduledAt);
      await pool.query(
        `INSERT INTO posts (id, text, time_zone, scheduled_at, status, created_at, updated_at) VALUES ($1, $2, 'UTC', $3, 'scheduled', $4, $4)`,
        [p.id, p.text, due, created],
      );
      for (const t of p.targets) {
        const reason = t.reason ?? 'seeded';
        const row = {
          scheduled: { dueAt: due, attempts: 0, error: null, hold: null },
          held: { dueAt: due, attempts: 0, error: reason, hold: t.holdKind ?? 'user' },
          // A finished attempt clears the time it was due; intended_at keeps when it was meant to go out.
          failed: { dueAt: null, attempts: 1, error: reason, hold: null },
          unconfirmed: { dueAt: null, attempts: 1, error: reason, hold: null },
          missed: { dueAt: due, attempts: 0, error: missedReason(p.scheduledAt), hold: null },
        }[t.status];
        await pool.query(
          `INSERT INTO targets (id, post_id, account_id, status, text_override, due_at, intended_at, attempts, idempotency_key,
             last_error, hold_kind)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [t.id, p.id, t.accountId, t.status, t.textOverride ?? null, row.dueAt, due, row.attempts, `key-${t.id}`, row.error, row.hold],
        );
      }
    },
  };
}

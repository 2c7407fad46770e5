// The holdAfterRestore transition, apart from the others: it runs on a restored database before it is migrated.

import type { Database } from 'better-sqlite3';
import { statesOf } from './transitions';

/**
 * holdAfterRestore, on a database just restored from a backup and not yet migrated: posts due since the backup may
 * already have gone out, so they are held for the user to check instead of being sent again. Only columns present
 * since the first schema are used, and the post's summary is set by the first schema's rule.
 */
export function holdAfterRestore(db: Database, backupAt: number, now: number): void {
  db.transaction(() => {
    const reason = `Restored from the backup of ${new Date(backupAt).toISOString()}. Kairos cannot tell whether this went out after that backup; check the account, then publish it now, mark it as published, or discard it.`;
    const held = db
      .prepare<[string, number], { id: string; post_id: string; account_id: string }>(
        `UPDATE targets SET status = 'held', last_error = ? WHERE status IN (${statesOf('holdAfterRestore')}) AND due_at <= ?
         RETURNING id, post_id, account_id`,
      )
      .all(reason, now);
    const log = db.prepare(
      "INSERT INTO events (at, actor, kind, post_id, target_id, account_id, detail) VALUES (?, 'system', 'held', ?, ?, ?, ?)",
    );
    for (const t of held) log.run(now, t.post_id, t.id, t.account_id, reason);
    db.prepare(
      `UPDATE posts SET status = 'held' WHERE id IN (SELECT post_id FROM targets WHERE status = 'held')
         AND NOT EXISTS (SELECT 1 FROM targets x WHERE x.post_id = posts.id AND x.status IN ('failed', 'unconfirmed', 'missed'))`,
    ).run();
  })();
}

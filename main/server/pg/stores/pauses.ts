// Publishing pauses in PostgreSQL (the SQLite PauseRepo's queries): "pause all publishing" and per-account pauses,
// each change written with its history line in one transaction.

import type pg from 'pg';
import type { Actor } from '../../../core/repos/events';
import type { PauseState } from '../../../core/repos/pause';
import type { PausesStore } from '../../../core/stores/types';
import { appendEvent, at, ms, msOf, type Queryable, tx } from './pgDb';

interface PauseRow {
  scope: string;
  account_id: string | null;
  reason: string;
  since: Date;
  resume_at: Date | null;
  actor: Actor;
}

const toPause = (r: PauseRow): PauseState => ({
  accountId: r.account_id,
  reason: r.reason,
  since: msOf(r.since),
  resumeAt: ms(r.resume_at),
  actor: r.actor,
});

const COLUMNS = 'scope, account_id, reason, since, resume_at, actor';

/**
 * Pausing and resuming read the pause, write it and name what happened ("publishing paused" or "pause changed"):
 * SQLite's immediate transaction makes that one step, and this lock does here, so two processes pausing at once
 * write one "paused" line and one "changed" line. Only other pause changes wait for it.
 */
const SERIALIZE_PAUSE_CHANGES = 'LOCK TABLE pauses IN SHARE ROW EXCLUSIVE MODE';

export class PgPausesStore implements PausesStore {
  constructor(private readonly q: Queryable) {}

  /** The same store, with every call inside the caller's transaction. */
  within(c: pg.PoolClient): PgPausesStore {
    return new PgPausesStore(c);
  }

  async list(): Promise<PauseState[]> {
    const r = await this.q.query<PauseRow>(`SELECT ${COLUMNS} FROM pauses ORDER BY scope = 'all' DESC, since`);
    return r.rows.map(toPause);
  }

  /** The pause for everyone (accountId null) or for one account. */
  async get(accountId: string | null): Promise<PauseState | null> {
    const r = await this.q.query<PauseRow>(`SELECT ${COLUMNS} FROM pauses WHERE scope = $1`, [accountId ?? 'all']);
    const row = r.rows[0];
    return row ? toPause(row) : null;
  }

  /** Pauses (or changes the reason and end of an existing pause; its start stays). */
  async pause(p: { accountId: string | null; reason: string; resumeAt: number | null; now: number; actor: Actor }): Promise<PauseState> {
    return tx(this.q, async (c) => {
      await c.query(SERIALIZE_PAUSE_CHANGES);
      const existing = await this.within(c).get(p.accountId);
      const r = await c.query<PauseRow>(
        `INSERT INTO pauses (scope, account_id, reason, since, resume_at, actor) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (scope) DO UPDATE SET reason = excluded.reason, resume_at = excluded.resume_at, actor = excluded.actor
         RETURNING ${COLUMNS}`,
        [p.accountId ?? 'all', p.accountId, p.reason, at(p.now), at(p.resumeAt), p.actor],
      );
      const until = p.resumeAt === null ? '' : ` (until ${new Date(p.resumeAt).toISOString()})`;
      await appendEvent(c, {
        at: p.now,
        actor: p.actor,
        kind: existing ? 'pause changed' : p.accountId === null ? 'publishing paused' : 'account paused',
        accountId: p.accountId,
        detail: `${p.reason}${until}`,
      });
      return toPause(r.rows[0] as PauseRow);
    });
  }

  /** Ends a pause; returns it, or null when there was none. */
  async resume(accountId: string | null, now: number, actor: Actor, why?: string): Promise<PauseState | null> {
    return tx(this.q, async (c) => {
      // The delete returns the pause it ended: only one of two processes resuming at once finds it.
      const r = await c.query<PauseRow>(`DELETE FROM pauses WHERE scope = $1 RETURNING ${COLUMNS}`, [accountId ?? 'all']);
      const row = r.rows[0];
      if (!row) return null;
      const existing = toPause(row);
      await appendEvent(c, {
        at: now,
        actor,
        kind: accountId === null ? 'publishing resumed' : 'account resumed',
        accountId,
        detail: why ?? existing.reason,
      });
      return existing;
    });
  }
}

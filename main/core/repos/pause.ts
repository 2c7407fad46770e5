// The crisis brake in storage: "pause all publishing" and per-account pauses, with their reasons and end times.

import type { Db } from '../db/database';
import type { Actor, EventLog } from './events';

export interface PauseState {
  /** null for "pause all publishing". */
  readonly accountId: string | null;
  readonly reason: string;
  readonly since: number;
  /** When publishing resumes by itself; null until someone resumes it. */
  readonly resumeAt: number | null;
  readonly actor: Actor;
}

interface PauseRow {
  scope: string;
  account_id: string | null;
  reason: string;
  since: number;
  resume_at: number | null;
  actor: Actor;
}

const toPause = (r: PauseRow): PauseState => ({
  accountId: r.account_id,
  reason: r.reason,
  since: r.since,
  resumeAt: r.resume_at,
  actor: r.actor,
});

export class PauseRepo {
  readonly #s;

  constructor(
    private readonly db: Db,
    private readonly events: EventLog,
  ) {
    this.#s = {
      list: db.prepare<[], PauseRow>("SELECT * FROM pauses ORDER BY scope = 'all' DESC, since"),
      get: db.prepare<[string], PauseRow>('SELECT * FROM pauses WHERE scope = ?'),
      upsert: db.prepare(
        `INSERT INTO pauses (scope, account_id, reason, since, resume_at, actor) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (scope) DO UPDATE SET reason = excluded.reason, resume_at = excluded.resume_at, actor = excluded.actor`,
      ),
      remove: db.prepare('DELETE FROM pauses WHERE scope = ?'),
    };
  }

  list(): PauseState[] {
    return this.#s.list.all().map(toPause);
  }

  /** The pause for everyone (accountId null) or for one account. */
  get(accountId: string | null): PauseState | null {
    const r = this.#s.get.get(accountId ?? 'all');
    return r ? toPause(r) : null;
  }

  /** Pauses (or changes the reason and end of an existing pause; its start stays). */
  pause(p: { accountId: string | null; reason: string; resumeAt: number | null; now: number; actor: Actor }): PauseState {
    return this.db
      .transaction(() => {
        const existing = this.get(p.accountId);
        this.#s.upsert.run(p.accountId ?? 'all', p.accountId, p.reason, p.now, p.resumeAt, p.actor);
        const until = p.resumeAt === null ? '' : ` (until ${new Date(p.resumeAt).toISOString()})`;
        this.events.append({
          at: p.now,
          actor: p.actor,
          kind: existing ? 'pause changed' : p.accountId === null ? 'publishing paused' : 'account paused',
          accountId: p.accountId,
          detail: `${p.reason}${until}`,
        });
        return this.get(p.accountId) as PauseState;
      })
      .immediate();
  }

  /** Ends a pause; returns it, or null when there was none. */
  resume(accountId: string | null, now: number, actor: Actor, why?: string): PauseState | null {
    return this.db
      .transaction(() => {
        const existing = this.get(accountId);
        if (!existing) return null;
        this.#s.remove.run(accountId ?? 'all');
        this.events.append({
          at: now,
          actor,
          kind: accountId === null ? 'publishing resumed' : 'account resumed',
          accountId,
          detail: why ?? existing.reason,
        });
        return existing;
      })
      .immediate();
  }
}

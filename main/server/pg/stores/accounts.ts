// Connected accounts in PostgreSQL (the SQLite AccountsRepo's queries): names, settings, status, and the sealed
// login as bytea. The login arrives sealed (the server's SecretCipher sealed it) and leaves sealed: never opened here.

import type pg from 'pg';
import type { AccountStatus, PlatformId } from '../../../../shared/domain';
import type { NewAccount, StoredAccount } from '../../../core/repos/accounts';
import { ConfigSchema, checkStored } from '../../../core/stores/stored';
import type { AccountsStore } from '../../../core/stores/types';
import { at, msOf, type Queryable } from './pgDb';

interface AccountRow {
  id: string;
  platform: PlatformId;
  name: string;
  handle: string;
  avatar_url: string | null;
  status: AccountStatus;
  status_reason: string | null;
  config: unknown;
  created_at: Date;
}

const COLUMNS = 'id, platform, name, handle, avatar_url, status, status_reason, config, created_at';

function toAccount(r: AccountRow): StoredAccount {
  return {
    id: r.id,
    platform: r.platform,
    name: r.name,
    handle: r.handle,
    avatarUrl: r.avatar_url,
    status: r.status,
    statusReason: r.status_reason,
    createdAt: msOf(r.created_at),
    // jsonb arrives decoded; it is checked like the SQLite text is.
    config: checkStored(ConfigSchema, r.config, 'account_settings', r.name || r.id),
  };
}

export class PgAccountsStore implements AccountsStore {
  constructor(private readonly q: Queryable) {}

  /** The same store, with every call inside the caller's transaction. */
  within(c: pg.PoolClient): PgAccountsStore {
    return new PgAccountsStore(c);
  }

  async add(a: NewAccount): Promise<StoredAccount> {
    const r = await this.q.query<AccountRow>(
      `INSERT INTO accounts (id, platform, name, handle, avatar_url, config, secret, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${COLUMNS}`,
      [a.id, a.platform, a.name, a.handle, a.avatarUrl, JSON.stringify(a.config), a.sealedSecret, at(a.now)],
    );
    return toAccount(r.rows[0] as AccountRow);
  }

  async list(): Promise<StoredAccount[]> {
    // Ids compared byte by byte, as SQLite does, whatever the database's collation.
    const r = await this.q.query<AccountRow>(`SELECT ${COLUMNS} FROM accounts ORDER BY created_at, id COLLATE "C"`);
    return r.rows.map(toAccount);
  }

  async get(id: string): Promise<StoredAccount | null> {
    const r = await this.q.query<AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE id = $1`, [id]);
    const row = r.rows[0];
    return row ? toAccount(row) : null;
  }

  /** The sealed login as the bytes the cipher wrote (a Buffer, as better-sqlite3 gives a BLOB), or null. */
  async sealedSecret(id: string): Promise<Buffer | null> {
    const r = await this.q.query<{ secret: Buffer | null }>('SELECT secret FROM accounts WHERE id = $1', [id]);
    return r.rows[0]?.secret ?? null;
  }

  async replaceSecret(id: string, sealed: Buffer, now: number): Promise<void> {
    await this.q.query('UPDATE accounts SET secret = $1, updated_at = $2 WHERE id = $3', [sealed, at(now), id]);
  }

  async updateConfig(id: string, config: Readonly<Record<string, unknown>>, now: number): Promise<void> {
    await this.q.query('UPDATE accounts SET config = $1, updated_at = $2 WHERE id = $3', [JSON.stringify(config), at(now), id]);
  }

  async setStatus(id: string, status: AccountStatus, reason: string | null, now: number): Promise<void> {
    await this.q.query('UPDATE accounts SET status = $1, status_reason = $2, updated_at = $3 WHERE id = $4', [status, reason, at(now), id]);
  }

  async rename(id: string, name: string, now: number): Promise<void> {
    await this.q.query('UPDATE accounts SET name = $1, updated_at = $2 WHERE id = $3', [name, at(now), id]);
  }

  async remove(id: string): Promise<boolean> {
    const r = await this.q.query('DELETE FROM accounts WHERE id = $1', [id]);
    return (r.rowCount ?? 0) > 0;
  }

  /** How many not-yet-published targets an account has; removing it would drop them. */
  async pendingTargets(id: string): Promise<number> {
    const r = await this.q.query<{ n: string }>(
      "SELECT count(*) AS n FROM targets WHERE account_id = $1 AND status NOT IN ('published', 'cancelled', 'failed')",
      [id],
    );
    return Number(r.rows[0]?.n ?? 0);
  }
}

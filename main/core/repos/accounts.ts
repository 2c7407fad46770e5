// Accounts and their encrypted credentials.

import type { AccountStatus, AccountView, PlatformId } from '../../../shared/domain';
import type { Db } from '../db/database';
import { ConfigSchema, parseStored } from '../stores/stored';

export interface StoredAccount extends AccountView {
  /** Non-secret, platform-specific settings (instance URL, limits...). */
  readonly config: Readonly<Record<string, unknown>>;
}

export interface NewAccount {
  readonly id: string;
  readonly platform: PlatformId;
  readonly name: string;
  readonly handle: string;
  readonly avatarUrl: string | null;
  readonly config: Readonly<Record<string, unknown>>;
  readonly sealedSecret: Buffer;
  readonly now: number;
}

interface AccountRow {
  id: string;
  platform: PlatformId;
  name: string;
  handle: string;
  avatar_url: string | null;
  status: AccountStatus;
  status_reason: string | null;
  config: string;
  created_at: number;
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
    createdAt: r.created_at,
    config: parseStored(ConfigSchema, r.config, 'account_settings', r.name || r.id),
  };
}

export class AccountsRepo {
  readonly #insert;
  readonly #list;
  readonly #get;
  readonly #secret;
  readonly #setStatus;
  readonly #rename;
  readonly #remove;
  readonly #setSecret;
  readonly #setConfig;

  constructor(private readonly db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO accounts (id, platform, name, handle, avatar_url, config, secret, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#list = db.prepare<[], AccountRow>(`SELECT ${COLUMNS} FROM accounts ORDER BY created_at, id`);
    this.#get = db.prepare<[string], AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE id = ?`);
    this.#secret = db.prepare<[string], { secret: Buffer | null }>('SELECT secret FROM accounts WHERE id = ?');
    this.#setStatus = db.prepare('UPDATE accounts SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?');
    this.#rename = db.prepare('UPDATE accounts SET name = ?, updated_at = ? WHERE id = ?');
    this.#remove = db.prepare('DELETE FROM accounts WHERE id = ?');
    this.#setSecret = db.prepare('UPDATE accounts SET secret = ?, updated_at = ? WHERE id = ?');
    this.#setConfig = db.prepare('UPDATE accounts SET config = ?, updated_at = ? WHERE id = ?');
  }

  add(a: NewAccount): StoredAccount {
    this.#insert.run(a.id, a.platform, a.name, a.handle, a.avatarUrl, JSON.stringify(a.config), a.sealedSecret, a.now, a.now);
    return this.get(a.id) as StoredAccount;
  }

  list(): StoredAccount[] {
    return this.#list.all().map(toAccount);
  }

  get(id: string): StoredAccount | null {
    const row = this.#get.get(id);
    return row ? toAccount(row) : null;
  }

  sealedSecret(id: string): Buffer | null {
    return this.#secret.get(id)?.secret ?? null;
  }

  replaceSecret(id: string, sealed: Buffer, now: number): void {
    this.#setSecret.run(sealed, now, id);
  }

  updateConfig(id: string, config: Readonly<Record<string, unknown>>, now: number): void {
    this.#setConfig.run(JSON.stringify(config), now, id);
  }

  setStatus(id: string, status: AccountStatus, reason: string | null, now: number): void {
    this.#setStatus.run(status, reason, now, id);
  }

  rename(id: string, name: string, now: number): void {
    this.#rename.run(name, now, id);
  }

  remove(id: string): boolean {
    return this.#remove.run(id).changes > 0;
  }

  /** How many not-yet-published targets an account has; removing it would drop them. */
  pendingTargets(id: string): number {
    const row = this.db
      .prepare<[string], { n: number }>(
        "SELECT count(*) AS n FROM targets WHERE account_id = ? AND status NOT IN ('published', 'cancelled', 'failed')",
      )
      .get(id);
    return row?.n ?? 0;
  }
}

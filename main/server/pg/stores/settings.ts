// Settings in PostgreSQL, as a copy every read answers from: settings are read synchronously in pure code (time
// zones, grace minutes, locale), and a server process cannot wait for the database there.
//
// The copy stays current across processes: a write commits the row and a NOTIFY kairos_settings together, and each
// process keeps one connection that LISTENs and reloads the copy when any process (itself included) changed a
// setting. A local write shows in the copy at once; a reload that lands before that write commits keeps it.

import type pg from 'pg';
import type { SettingKey } from '../../../../shared/contract';
import type { SettingsStore } from '../../../core/stores/types';
import { type Queryable, tx } from './pgDb';

/** The channel every process listens on; the payload is the key that changed (the value is read from the table). */
export const SETTINGS_CHANNEL = 'kairos_settings';

/** How long a lost listening connection (or a failed reload) waits before trying again. */
const RETRY_MS = 1_000;

async function loadAll(q: Queryable): Promise<Map<string, string>> {
  const r = await q.query<{ key: string; value: string }>('SELECT key, value FROM settings');
  return new Map(r.rows.map((row) => [row.key, row.value]));
}

export class PgSettingsStore implements SettingsStore {
  #values = new Map<string, string>();
  /** Written here and not yet committed: a reload keeps these, so a read never goes back to the old value. */
  readonly #pending = new Map<string, string>();
  /** Writes run one after another, so the last set of a key is the one the table keeps. */
  #writes: Promise<void> = Promise.resolve();
  #listener: pg.PoolClient | null = null;
  /** Timers of what is tried again: a new listening connection, a reload. */
  readonly #retries = new Map<'listen' | 'reload', NodeJS.Timeout>();
  #reloading: Promise<void> | null = null;
  #reloadAgain = false;
  #closed = false;
  /** Takes this store's handlers off the listening connection. */
  #detach: () => void = () => {};

  private constructor(
    private readonly pool: pg.Pool,
    private readonly defaults: Readonly<Record<SettingKey, string>>,
  ) {}

  /** Starts listening, then loads every row (in that order, so a change committed in between is not missed). */
  static async open(pool: pg.Pool, defaults: Readonly<Record<SettingKey, string>>): Promise<PgSettingsStore> {
    const store = new PgSettingsStore(pool, defaults);
    await store.#listen();
    try {
      store.#values = await loadAll(pool);
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  get(key: SettingKey): string {
    return this.#values.get(key) ?? this.defaults[key];
  }

  all(): Record<SettingKey, string> {
    const out = { ...this.defaults };
    for (const [key, value] of this.#values) {
      if (Object.hasOwn(out, key)) out[key as SettingKey] = value;
    }
    return out;
  }

  /** Changes the copy now; resolves once the row is written and the other processes are told. */
  set(key: SettingKey, value: string): Promise<void> {
    this.#values.set(key, value);
    this.#pending.set(key, value);
    const write = this.#writes.then(() =>
      tx(this.pool, async (c) => {
        await c.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
          key,
          value,
        ]);
        // Delivered when the transaction commits, to every listening process.
        await c.query('SELECT pg_notify($1, $2)', [SETTINGS_CHANNEL, key]);
      }),
    );
    const settled = write.then(
      () => this.#written(key, value),
      () => {
        // Not written: the copy goes back to what the table holds.
        this.#written(key, value);
        this.#reload();
      },
    );
    this.#writes = settled;
    return write;
  }

  /** Stops listening; writes already made finish first. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#retries.values()) clearTimeout(timer);
    this.#retries.clear();
    await this.#writes;
    const listener = this.#listener;
    this.#listener = null;
    if (!listener) return;
    try {
      await listener.query(`UNLISTEN ${SETTINGS_CHANNEL}`);
      this.#detach();
      listener.release();
    } catch (e) {
      this.#detach();
      // A connection that cannot stop listening is closed rather than handed back to the pool still listening.
      listener.release(e as Error);
    }
  }

  #written(key: string, value: string): void {
    if (this.#pending.get(key) === value) this.#pending.delete(key);
  }

  async #listen(): Promise<void> {
    const client = await this.pool.connect();
    const onNotification = (n: pg.Notification) => {
      if (n.channel === SETTINGS_CHANNEL) this.#reload();
    };
    // A checked-out client that errors (the server restarted, the network dropped) must not crash the process.
    const onError = (e: Error) => this.#lost(client, e);
    client.on('notification', onNotification);
    client.on('error', onError);
    // Handed back to the pool without them: the next user of the connection does not run this store's handlers.
    this.#detach = () => {
      client.off('notification', onNotification);
      client.off('error', onError);
    };
    try {
      await client.query(`LISTEN ${SETTINGS_CHANNEL}`);
    } catch (e) {
      client.release(e as Error);
      throw e;
    }
    this.#listener = client;
  }

  /** The listening connection is gone: another one is opened, and the copy reloaded for what was missed meanwhile. */
  #lost(client: pg.PoolClient, e: Error): void {
    if (this.#listener !== client) return;
    this.#listener = null;
    this.#detach();
    client.release(e);
    this.#later('listen', async () => {
      await this.#listen();
      this.#reload();
    });
  }

  /** Runs fn after a while, again and again until it succeeds; one timer per kind of retry. */
  #later(what: 'listen' | 'reload', fn: () => Promise<void>): void {
    if (this.#closed || this.#retries.has(what)) return;
    this.#retries.set(
      what,
      setTimeout(() => {
        this.#retries.delete(what);
        if (this.#closed) return;
        fn().catch(() => this.#later(what, fn));
      }, RETRY_MS),
    );
  }

  /** Reloads the copy; notifications that come during a reload make one more, not one each. */
  #reload(): void {
    if (this.#closed) return;
    if (this.#reloading) {
      this.#reloadAgain = true;
      return;
    }
    this.#reloading = (async () => {
      try {
        do {
          this.#reloadAgain = false;
          const next = await loadAll(this.pool);
          for (const [key, value] of this.#pending) next.set(key, value);
          if (!this.#closed) this.#values = next;
        } while (this.#reloadAgain && !this.#closed);
      } catch {
        // The database could not be read just now: the copy stays as it was, and it is read again shortly.
        this.#later('reload', async () => this.#reload());
      } finally {
        this.#reloading = null;
      }
    })();
  }
}

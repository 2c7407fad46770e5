// What one server process tells the others: the backend events that follow from a change to the shared database
// (posts, accounts, settings, numbers), sent with PostgreSQL's NOTIFY and heard with LISTEN on one connection of its
// own. Another process's scheduler wakes on them, and its event streams pass them on to the people it serves.
//
// NOTIFY is delivered only to sessions listening at the time: after the listening connection is lost and made again,
// subscribers hear `resync` (re-read everything), since anything may have changed in between.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { BackendEvent } from '../../../shared/contract';
import { logSurvived } from '../../core/logs/survived';

export const CHANGE_CHANNEL = 'kairos_backend';

/** A NOTIFY payload must stay under 8000 bytes: a long list of posts goes in several. */
const PAYLOAD_LIMIT = 7000;
const POSTS_PER_NOTIFY = 100;

/** Events about the shared database; the rest (this process's scheduler, network, reports) stay local. */
const SHARED: ReadonlySet<BackendEvent['type']> = new Set([
  'posts.changed',
  'accounts.changed',
  'settings.changed',
  'metrics.updated',
  'conversation.updated',
]);

export type FeedNews = { readonly kind: 'event'; readonly event: BackendEvent } | { readonly kind: 'resync' };

export class PgChangeFeed {
  /** This process's mark on what it sends, so it does not hear its own events twice. */
  readonly origin = randomBytes(6).toString('hex');
  readonly #listeners = new Set<(news: FeedNews) => void>();
  #client: pg.Client | null = null;
  #closed = false;
  #retry: NodeJS.Timeout | null = null;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly config: pg.ClientConfig,
  ) {}

  /** Starts listening; fails as connecting fails (the caller has just proved the database answers). */
  static async open(pool: pg.Pool): Promise<PgChangeFeed> {
    const feed = new PgChangeFeed(pool, (pool as unknown as { options: pg.ClientConfig }).options);
    await feed.#listen();
    return feed;
  }

  async #listen(): Promise<void> {
    const client = new pg.Client(this.config);
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    client.on('notification', (n) => {
      if (n.channel !== CHANGE_CHANNEL || !n.payload) return;
      let parsed: { origin?: unknown; event?: unknown };
      try {
        parsed = JSON.parse(n.payload) as { origin?: unknown; event?: unknown };
      } catch {
        return;
      }
      if (parsed.origin === this.origin || typeof parsed.event !== 'object' || parsed.event === null) return;
      const event = parsed.event as BackendEvent;
      if (!SHARED.has(event.type)) return;
      this.#tell({ kind: 'event', event });
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    this.#client = client;
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = null;
    client.end().catch(() => undefined);
    if (this.#closed) return;
    this.#reconnectSoon(1000);
  }

  #reconnectSoon(delayMs: number): void {
    if (this.#retry || this.#closed) return;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      this.#listen().then(
        () => this.#tell({ kind: 'resync' }),
        () => this.#reconnectSoon(Math.min(delayMs * 2, 30_000)),
      );
    }, delayMs);
    this.#retry.unref();
  }

  #tell(news: FeedNews): void {
    for (const l of this.#listeners) {
      try {
        l(news);
      } catch (e) {
        logSurvived('a listener for changes from other server processes failed', e);
      }
    }
  }

  /** Hears what other processes send (never this one's own). */
  subscribe(listener: (news: FeedNews) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells the other processes, when the event is about the shared database; a lost NOTIFY is only logged. */
  async publish(event: BackendEvent): Promise<void> {
    if (this.#closed || !SHARED.has(event.type)) return;
    const parts: BackendEvent[] = [];
    if (event.type === 'posts.changed' || event.type === 'metrics.updated')
      for (let i = 0; i === 0 || i < event.postIds.length; i += POSTS_PER_NOTIFY)
        parts.push({ type: event.type, postIds: event.postIds.slice(i, i + POSTS_PER_NOTIFY) });
    else parts.push(event);
    for (const part of parts) {
      const payload = JSON.stringify({ origin: this.origin, event: part });
      // Ids are short; anything longer than a NOTIFY can carry is not an event this process makes.
      if (payload.length > PAYLOAD_LIMIT) continue;
      try {
        await this.pool.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, payload]);
      } catch (e) {
        logSurvived('other server processes could not be told of a change', e);
        return;
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    const c = this.#client;
    this.#client = null;
    this.#listeners.clear();
    await c?.end().catch(() => undefined);
  }
}

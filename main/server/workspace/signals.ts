// Changes of the review workflow told to every server process, so each can refresh the pages open on it: PostgreSQL
// NOTIFY on one channel, and one LISTEN connection per process. A signal carries ids only, never content; pages
// read again what changed through the routes, with their own session and role checks.

import type pg from 'pg';

export const SIGNAL_CHANNEL = 'kairos_workspace';
const RELISTEN_MS = 2_000;

export type WorkspaceSignal =
  | { readonly type: 'review.changed'; readonly postId: string }
  | { readonly type: 'notifications.changed'; readonly userIds: readonly string[] }
  | { readonly type: 'rules.changed' };

/** On a transaction's client, PostgreSQL sends it at commit and drops it on rollback. */
export async function publishSignal(db: pg.Pool | pg.PoolClient, signal: WorkspaceSignal): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [SIGNAL_CHANNEL, JSON.stringify(signal)]);
}

function parseSignal(payload: string | undefined): WorkspaceSignal | null {
  try {
    const v = JSON.parse(payload ?? '') as Record<string, unknown>;
    if (v.type === 'review.changed' && typeof v.postId === 'string') return { type: 'review.changed', postId: v.postId };
    if (v.type === 'rules.changed') return { type: 'rules.changed' };
    if (v.type === 'notifications.changed' && Array.isArray(v.userIds))
      return { type: 'notifications.changed', userIds: v.userIds.filter((u): u is string => typeof u === 'string') };
  } catch {
    // Not ours: ignored.
  }
  return null;
}

export interface SignalListener {
  /** Resolves once the first LISTEN is in place (so a signal sent after it arrives). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Holds one connection of the pool on LISTEN and calls onSignal for every signal, from this process or another. A
 * lost connection is replaced after a pause; signals sent meanwhile are lost, so pages also refresh on reconnect.
 */
export function listenForSignals(pool: pg.Pool, onSignal: (s: WorkspaceSignal) => void, log: (line: string) => void): SignalListener {
  let closed = false;
  let client: pg.PoolClient | null = null;
  let timer: NodeJS.Timeout | undefined;
  const onNotification = (msg: pg.Notification) => {
    if (msg.channel !== SIGNAL_CHANNEL) return;
    const s = parseSignal(msg.payload);
    if (s) onSignal(s);
  };
  const connect = async (): Promise<void> => {
    const c = await pool.connect();
    if (closed) {
      c.release();
      return;
    }
    c.on('notification', onNotification);
    c.once('error', (e: Error) => {
      log(`The workspace's change signals lost their database connection (${e.message}); listening again shortly.`);
      c.off('notification', onNotification);
      c.release(e);
      if (client === c) client = null;
      retry();
    });
    await c.query(`LISTEN ${SIGNAL_CHANNEL}`);
    client = c;
  };
  const retry = () => {
    if (closed) return;
    timer = setTimeout(() => {
      connect().catch(() => retry());
    }, RELISTEN_MS);
    timer.unref();
  };
  const ready = connect().catch((e: Error) => {
    log(`The workspace's change signals could not listen yet (${e.message}); trying again shortly.`);
    retry();
  });
  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      await ready;
      const c = client;
      client = null;
      if (!c) return;
      c.off('notification', onNotification);
      await c.query(`UNLISTEN ${SIGNAL_CHANNEL}`).catch(() => undefined);
      c.release();
    },
  };
}

// One transaction on PostgreSQL: BEGIN, the work, COMMIT; ROLLBACK and the error when the work throws.

import type pg from 'pg';

/** A pool, or a client inside a transaction someone else opened (a posts store recording an edit). */
export type Queryable = pg.Pool | pg.PoolClient;

/** Runs fn in a transaction of its own; a client already in a transaction runs it there. */
export async function inTransaction<T>(db: Queryable, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  if (!isPool(db)) return fn(db);
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    // The refusal or failure inside is what the caller needs; a failed ROLLBACK means the connection is gone anyway.
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

function isPool(db: Queryable): db is pg.Pool {
  return 'totalCount' in db;
}

// What the review workflow's modules share: a transaction helper, and the person acting (a signed-in user or a
// reviewer who came through a review link).

import type pg from 'pg';
import type { Role } from '../auth/permissions';

/** A pool, or a client inside a transaction someone else opened (a posts store recording an edit). */
export type Queryable = pg.Pool | pg.PoolClient;

/** A signed-in member of the workspace (auth.ts's User). */
export interface Member {
  readonly id: string;
  readonly displayName: string;
  readonly role: Role;
}

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
    // The refusal inside is what the caller needs; a failed ROLLBACK means the connection is gone anyway.
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

function isPool(db: Queryable): db is pg.Pool {
  return 'totalCount' in db;
}

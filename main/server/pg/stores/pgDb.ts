// What every PostgreSQL store shares: where its queries go (the pool, or a client inside a transaction another store
// call opened), times as epoch milliseconds on the domain side, and the one writer of history lines.
//
// The rule that keeps the stores' atomicity the same as SQLite's: a store method that writes more than one row runs
// `tx(q, …)`; on the pool that opens a transaction, on a client already in one it joins it. A store built over a
// client (`store.within(client)`, see each store) makes every call join the caller's transaction.

import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { NewEvent } from '../../../core/repos/events';
import type { Member } from '../../workspace/db';
import { inTransaction, type Queryable } from '../transaction';

export type { Queryable };

/** Runs fn in one transaction: a new one on a pool, the caller's on a client. */
export function tx<T>(q: Queryable, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(q, fn);
}

/** Epoch milliseconds to a timestamptz parameter (null stays null). */
export function at(ms: number | null | undefined): Date | null {
  return ms === null || ms === undefined ? null : new Date(ms);
}

/** A timestamptz column (node-postgres gives a Date; epoch milliseconds from json) to epoch milliseconds. */
export function ms(value: Date | string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  return value instanceof Date ? value.getTime() : new Date(value).getTime();
}

/** A NOT NULL timestamptz column to epoch milliseconds. */
export function msOf(value: Date | string | number): number {
  if (typeof value === 'number') return value;
  return value instanceof Date ? value.getTime() : new Date(value).getTime();
}

/**
 * The workspace member a request acts for: the server runs each contract call inside `actingMember.run(member, …)`,
 * so every history line written for it names the person (events.user_id) without the core knowing about users.
 */
export const actingMember = new AsyncLocalStorage<Member>();

/** Appends one history line (events); joins the caller's transaction when q is a client. Returns its id. */
export async function appendEvent(q: Queryable, e: NewEvent): Promise<number> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO events (at, actor, kind, post_id, target_id, account_id, detail, user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      at(e.at),
      e.actor,
      e.kind,
      e.postId ?? null,
      e.targetId ?? null,
      e.accountId ?? null,
      e.detail ?? null,
      actingMember.getStore()?.id ?? null,
    ],
  );
  return Number(r.rows[0]?.id);
}

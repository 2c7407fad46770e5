// The publishing lease on a server: every live process publishes, each with its own row in scheduler_processes.
//
// Why not one lease like the desktop's (core/scheduler/lease.ts): a workspace runs several server processes on one
// database, and they share the queue. Who publishes a given target is decided by the row lock its claim takes
// (FOR UPDATE SKIP LOCKED in the queue store), so no process has to wait for another to stop. What the row is for is
// telling a live claim from an abandoned one: a target claimed by a holder whose row has expired (the process was
// killed, froze, or lost the database) is recovered by another with the desktop's rules (liveHolders below).
//
// So acquire() registers or renews this process's row and always says yes; release() removes it when the process
// stops; current() and describeHolder() describe this process (there is no "other holder" to wait for).
//
// A process killed outright leaves its row until it expires, and its claims wait that long. Rows left by processes of
// this machine that are gone are removed at once, as the desktop's lease replaces a dead holder on its own machine:
// any server process on the same host that renews its row clears them, and their claims are recovered on its next pass.

import { hostname } from 'node:os';
import type { LeaseHolder } from '../../../core/scheduler/lease';
import type { LeaseStore } from '../../../core/stores/types';
import { at, msOf, type Queryable } from './pgDb';

/** Holders registered by this process and not released (a test or a tool may run several in one process). */
const LIVE_HOLDERS_HERE = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

interface ProcessRow {
  holder: string;
  description: unknown;
  expires_at: Date;
}

/** The row as the desktop's lease gives it: the description as JSON text. */
const toHolder = (r: ProcessRow): LeaseHolder => ({
  holder: r.holder,
  description: JSON.stringify(r.description),
  expiresAt: msOf(r.expires_at),
});

/** How a description reads in "published by Kairos (server, process 412 on web-2)". */
export function describeProcess(description: unknown): string {
  if (typeof description !== 'object' || description === null || Array.isArray(description)) return 'another Kairos process';
  const d = description as Record<string, unknown>;
  const field = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
  return `Kairos (${field(d.shell) ?? 'unknown'}, process ${field(d.pid) ?? '?'} on ${field(d.host) ?? '?'})`;
}

export class PgLeaseStore implements LeaseStore {
  /** host, pid and shell as JSON text, as the desktop's lease keeps it. */
  readonly description: string;

  constructor(
    private readonly q: Queryable,
    readonly holder: string,
    readonly shell: string,
  ) {
    this.description = JSON.stringify({ host: hostname(), pid: process.pid, shell });
  }

  async #row(): Promise<ProcessRow | null> {
    const r = await this.q.query<ProcessRow>('SELECT holder, description, expires_at FROM scheduler_processes WHERE holder = $1', [
      this.holder,
    ]);
    return r.rows[0] ?? null;
  }

  /** This process's row, or null before acquire() and after release(). */
  async current(): Promise<LeaseHolder | null> {
    const row = await this.#row();
    return row ? toHolder(row) : null;
  }

  /** Registers this process, or renews its row until now + ttlMs. Always true: every live process may publish. */
  async acquire(now: number, ttlMs: number): Promise<boolean> {
    await this.q.query(
      `INSERT INTO scheduler_processes (holder, description, started_at, renewed_at, expires_at) VALUES ($1, $2, $3, $3, $4)
       ON CONFLICT (holder) DO UPDATE SET description = excluded.description, renewed_at = excluded.renewed_at,
         expires_at = excluded.expires_at`,
      [this.holder, this.description, at(now), at(now + ttlMs)],
    );
    LIVE_HOLDERS_HERE.add(this.holder);
    await this.#forgetTheDeadHere();
    return true;
  }

  /** Removes the rows of processes of this machine that are gone (a row naming our own pid but not one of ours too). */
  async #forgetTheDeadHere(): Promise<void> {
    const r = await this.q.query<{ holder: string; pid: unknown }>(
      `SELECT holder, description->'pid' AS pid FROM scheduler_processes WHERE description->>'host' = $1 AND holder <> $2`,
      [hostname(), this.holder],
    );
    const dead = r.rows
      .filter(
        (row) => typeof row.pid === 'number' && (row.pid === process.pid ? !LIVE_HOLDERS_HERE.has(row.holder) : !processAlive(row.pid)),
      )
      .map((row) => row.holder);
    if (dead.length > 0) await this.q.query('DELETE FROM scheduler_processes WHERE holder = ANY($1::text[])', [dead]);
  }

  /** The process stops: its claims are no longer live ones (what it was publishing has been drained first). */
  async release(): Promise<void> {
    LIVE_HOLDERS_HERE.delete(this.holder);
    await this.q.query('DELETE FROM scheduler_processes WHERE holder = $1', [this.holder]);
  }

  /** This process, in words; null while it is not registered. */
  async describeHolder(): Promise<string | null> {
    const row = await this.#row();
    return row ? describeProcess(row.description) : null;
  }
}

/**
 * The processes still publishing at `now` (their row has not expired), by holder. A claim by any other holder is
 * abandoned: its process is gone, and recovery may take the target over.
 */
export async function liveHolders(q: Queryable, now: number): Promise<LeaseHolder[]> {
  const r = await q.query<ProcessRow>(
    'SELECT holder, description, expires_at FROM scheduler_processes WHERE expires_at > $1 ORDER BY holder COLLATE "C"',
    [at(now)],
  );
  return r.rows.map(toHolder);
}

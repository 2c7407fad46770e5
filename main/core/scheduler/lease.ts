// One scheduler per database: a lease row that a live process renews and a dead one loses.

import { hostname } from 'node:os';
import type { Db } from '../db/database';
import { parseJsonObject } from '../parse';

export interface LeaseHolder {
  readonly holder: string;
  readonly description: string;
  readonly expiresAt: number;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/**
 * Holders created in this process and not yet released. A lease row naming our own pid but none of these was left
 * by an earlier process that had the same pid (containers restart as pid 1), so it is dead too.
 */
const LIVE_HOLDERS_HERE = new Set<string>();

export class SchedulerLease {
  readonly #read;
  readonly #upsert;
  readonly #release;
  readonly description: string;

  constructor(
    private readonly db: Db,
    readonly holder: string,
    readonly shell: string,
  ) {
    this.description = JSON.stringify({ host: hostname(), pid: process.pid, shell });
    LIVE_HOLDERS_HERE.add(holder);
    this.#read = db.prepare<[], { holder: string; description: string; expires_at: number }>(
      'SELECT holder, description, expires_at FROM scheduler_lease WHERE id = 1',
    );
    this.#upsert = db.prepare(
      `INSERT INTO scheduler_lease (id, holder, description, expires_at) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, description = excluded.description, expires_at = excluded.expires_at`,
    );
    this.#release = db.prepare('DELETE FROM scheduler_lease WHERE id = 1 AND holder = ?');
  }

  current(): LeaseHolder | null {
    const r = this.#read.get();
    return r ? { holder: r.holder, description: r.description, expiresAt: r.expires_at } : null;
  }

  /** A holder on this machine whose process has gone can be replaced at once. */
  #holderIsDead(h: LeaseHolder): boolean {
    // A description that is not ours (another version, damaged) says nothing about where the holder runs.
    const d = parseJsonObject(h.description);
    if (!d || d.host !== hostname() || typeof d.pid !== 'number') return false;
    return d.pid === process.pid ? !LIVE_HOLDERS_HERE.has(h.holder) : !processAlive(d.pid);
  }

  /** Takes or renews the lease; false when another live process holds it. */
  acquire(now: number, ttlMs: number): boolean {
    const heldByAnother = (cur: LeaseHolder | null) =>
      cur !== null && cur.holder !== this.holder && cur.expiresAt > now && !this.#holderIsDead(cur);
    // A plain read first: a process waiting for the lease asks often and must not take the write lock to hear "no".
    if (heldByAnother(this.current())) return false;
    const got = this.db
      .transaction(() => {
        if (heldByAnother(this.current())) return false;
        this.#upsert.run(this.holder, this.description, now + ttlMs);
        return true;
      })
      .immediate();
    if (got) LIVE_HOLDERS_HERE.add(this.holder);
    return got;
  }

  release(): void {
    LIVE_HOLDERS_HERE.delete(this.holder);
    this.#release.run(this.holder);
  }

  /** Who holds it, in words, for "another instance is publishing". */
  describeHolder(): string | null {
    const cur = this.current();
    if (!cur) return null;
    const d = parseJsonObject(cur.description);
    if (!d) return 'another Kairos process';
    const field = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
    return `Kairos (${field(d.shell) ?? 'unknown'}, process ${field(d.pid) ?? '?'} on ${field(d.host) ?? '?'})`;
  }
}

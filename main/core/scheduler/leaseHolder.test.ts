// The publishing lease, rule by rule: one live holder per database; a holder provably dead on this machine is replaced at once.

import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../db/database';
import { SchedulerLease } from './lease';

const T0 = Date.UTC(2026, 2, 10, 9, 0);
const TTL = 60_000;

/** A process id that existed and has exited: a child run to its end. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('SchedulerLease', () => {
  let db: Db;

  beforeEach(async () => {
    db = await openDatabase(':memory:', { now: T0 });
  });
  afterEach(() => db.close());

  /** Another process's lease row, as it would have written it. */
  function heldBy(description: unknown, expiresAt = T0 + TTL): void {
    db.prepare('INSERT INTO scheduler_lease (id, holder, description, expires_at) VALUES (1, ?, ?, ?)').run(
      'other',
      typeof description === 'string' ? description : JSON.stringify(description),
      expiresAt,
    );
  }

  it('is refused while another live process holds it, until it expires', () => {
    heldBy({ host: hostname(), pid: process.ppid, shell: 'electron' });
    const mine = new SchedulerLease(db, 'mine', 'cli');
    expect(mine.acquire(T0, TTL)).toBe(false);
    expect(mine.acquire(T0 + TTL - 1, TTL)).toBe(false);
    expect(mine.describeHolder()).toBe(`Kairos (electron, process ${process.ppid} on ${hostname()})`);
    expect(mine.acquire(T0 + TTL, TTL)).toBe(true);
    expect(mine.current()).toMatchObject({ holder: 'mine', expiresAt: T0 + TTL + TTL });
    expect(JSON.parse(mine.current()?.description ?? '')).toEqual({ host: hostname(), pid: process.pid, shell: 'cli' });
  });

  it('is taken at once from a holder on this machine whose process is gone', () => {
    heldBy({ host: hostname(), pid: deadPid(), shell: 'cli' });
    expect(new SchedulerLease(db, 'mine', 'cli').acquire(T0, TTL)).toBe(true);
  });

  it('is not taken from a holder on another machine, or one whose description cannot be read', () => {
    heldBy({ host: `${hostname()}-elsewhere`, pid: deadPid(), shell: 'cli' });
    const mine = new SchedulerLease(db, 'mine', 'cli');
    expect(mine.acquire(T0, TTL)).toBe(false);
    db.prepare('DELETE FROM scheduler_lease').run();
    // Another live backend in this very process (as tests open them) keeps its lease.
    const other = new SchedulerLease(db, 'other', 'cli');
    expect(other.acquire(T0, TTL)).toBe(true);
    expect(mine.acquire(T0, TTL)).toBe(false);
    other.release();
    heldBy('not json');
    expect(mine.acquire(T0, TTL)).toBe(false);
    expect(mine.describeHolder()).toBe('another Kairos process');
    db.prepare('DELETE FROM scheduler_lease').run();
    heldBy({ host: hostname(), pid: 'not a pid' });
    expect(mine.acquire(T0, TTL)).toBe(false);
    expect(mine.describeHolder()).toBe(`Kairos (unknown, process not a pid on ${hostname()})`);
    db.prepare('DELETE FROM scheduler_lease').run();
    heldBy({});
    expect(mine.describeHolder()).toBe('Kairos (unknown, process ? on ?)');
  });

  it('renews for its holder, is released only by it, and names nobody when free', () => {
    const mine = new SchedulerLease(db, 'mine', 'browser');
    expect(mine.describeHolder()).toBeNull();
    expect(mine.acquire(T0, TTL)).toBe(true);
    expect(mine.acquire(T0 + 1_000, TTL)).toBe(true);
    expect(mine.current()?.expiresAt).toBe(T0 + 1_000 + TTL);
    new SchedulerLease(db, 'other', 'cli').release();
    expect(mine.current()?.holder).toBe('mine');
    mine.release();
    expect(mine.current()).toBeNull();
  });
});

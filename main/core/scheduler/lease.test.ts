// The publishing lease: a holder that is provably gone from this machine is replaced at once, a live one never.

import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../db/database';
import { SchedulerLease } from './lease';

describe('SchedulerLease', () => {
  let db: Db;
  const now = 1_800_000_000_000;
  const writeHolder = (holder: string, description: object) =>
    db
      .prepare('INSERT OR REPLACE INTO scheduler_lease (id, holder, description, expires_at) VALUES (1, ?, ?, ?)')
      .run(holder, JSON.stringify(description), now + 180_000);

  beforeEach(async () => {
    db = await openDatabase(':memory:', { now });
  });
  afterEach(() => db.close());

  it('takes over at once from a process on this machine whose pid is gone', () => {
    writeHolder('dead', { host: hostname(), pid: 2 ** 22 + 12_345, shell: 'cli' });
    expect(new SchedulerLease(db, 'new', 'cli').acquire(now, 180_000)).toBe(true);
  });

  it('takes over from an earlier process that had our pid (a container restarted as pid 1)', () => {
    writeHolder('earlier-incarnation', { host: hostname(), pid: process.pid, shell: 'cli' });
    expect(new SchedulerLease(db, 'new', 'cli').acquire(now, 180_000)).toBe(true);
  });

  it('never takes over from a live holder, in this process or another one, until its lease expires', () => {
    const first = new SchedulerLease(db, 'first', 'browser');
    expect(first.acquire(now, 180_000)).toBe(true);
    expect(new SchedulerLease(db, 'second', 'cli').acquire(now + 1_000, 180_000)).toBe(false);
    writeHolder('parent', { host: hostname(), pid: process.ppid, shell: 'electron' });
    expect(new SchedulerLease(db, 'third', 'cli').acquire(now + 1_000, 180_000)).toBe(false);
    // Another machine's holder cannot be probed: only expiry frees it.
    writeHolder('remote', { host: `${hostname()}-elsewhere`, pid: 1, shell: 'cli' });
    expect(new SchedulerLease(db, 'fourth', 'cli').acquire(now + 1_000, 180_000)).toBe(false);
    expect(new SchedulerLease(db, 'fourth', 'cli').acquire(now + 181_000, 180_000)).toBe(true);
  });

  it('a released holder of this process no longer counts as alive', () => {
    const first = new SchedulerLease(db, 'first', 'cli');
    expect(first.acquire(now, 180_000)).toBe(true);
    first.release();
    writeHolder('first', { host: hostname(), pid: process.pid, shell: 'cli' });
    expect(new SchedulerLease(db, 'second', 'cli').acquire(now, 180_000)).toBe(true);
  });
});

import { hostname } from 'node:os';
import { expect, it } from 'vitest';
import { leaseContract } from '../../../core/stores/testing/lease';
import { anotherPool, pgStoresForThisFile } from '../../../testing/pgStoresOpen';
import { liveHolders, PgLeaseStore } from './lease';

const pg = pgStoresForThisFile('lease store');
leaseContract('PostgreSQL', pg.openPublishing);

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const TTL = 180_000;

it('lets every server process publish: two holders both acquire, each with its own row', async () => {
  await pg.openPublishing();
  const { pool } = pg.database();
  const other = anotherPool(pg.database());
  try {
    const web1 = new PgLeaseStore(pool, 'web-1', 'server');
    const web2 = new PgLeaseStore(other, 'web-2', 'server');
    expect(await web1.acquire(T0, TTL)).toBe(true);
    expect(await web2.acquire(T0 + 1000, TTL)).toBe(true);
    expect(await web1.acquire(T0 + 2000, TTL)).toBe(true);
    expect((await web1.current())?.holder).toBe('web-1');
    expect((await web2.current())?.holder).toBe('web-2');
    expect(await web2.describeHolder()).toBe(`Kairos (server, process ${process.pid} on ${hostname()})`);

    const live = await liveHolders(pool, T0 + 2000);
    expect(live.map((h) => [h.holder, h.expiresAt, JSON.parse(h.description).shell])).toEqual([
      ['web-1', T0 + 2000 + TTL, 'server'],
      ['web-2', T0 + 1000 + TTL, 'server'],
    ]);
    // web-2 stopped renewing: once its row expires, its claims are abandoned ones.
    expect((await liveHolders(pool, T0 + 1000 + TTL)).map((h) => h.holder)).toEqual(['web-1']);
    expect(await liveHolders(pool, T0 + 2000 + TTL)).toEqual([]);

    // Renewing keeps when the process started.
    const { rows } = await pool.query(`SELECT holder, started_at, renewed_at FROM scheduler_processes ORDER BY holder`);
    expect(rows).toEqual([
      { holder: 'web-1', started_at: new Date(T0), renewed_at: new Date(T0 + 2000) },
      { holder: 'web-2', started_at: new Date(T0 + 1000), renewed_at: new Date(T0 + 1000) },
    ]);

    await web1.release();
    expect((await liveHolders(other, T0 + 2000)).map((h) => h.holder)).toEqual(['web-2']);
    expect(await web1.current()).toBeNull();
  } finally {
    await other.end();
  }
});

it('forgets at once the rows of processes of this machine that are gone, and keeps those of other machines', async () => {
  await pg.openPublishing();
  const { pool } = pg.database();
  // A pid that surely ended: a child that has exited.
  const { spawnSync } = await import('node:child_process');
  const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
  const row = (holder: string, host: string, pid: number) =>
    pool.query(`INSERT INTO scheduler_processes (holder, description, started_at, renewed_at, expires_at) VALUES ($1, $2, $3, $3, $4)`, [
      holder,
      JSON.stringify({ host, pid, shell: 'browser' }),
      new Date(T0),
      new Date(T0 + TTL),
    ]);
  await row('killed-here', hostname(), gone);
  await row('same-pid-earlier-run', hostname(), process.pid);
  await row('elsewhere', 'web-9.internal', gone);
  const still = new PgLeaseStore(pool, 'still-running', 'browser');
  await still.acquire(T0, TTL);
  await new PgLeaseStore(pool, 'web-1', 'browser').acquire(T0, TTL);
  const { rows } = await pool.query<{ holder: string }>('SELECT holder FROM scheduler_processes ORDER BY holder');
  expect(rows.map((r) => r.holder)).toEqual(['elsewhere', 'still-running', 'web-1']);
});

// Server processes telling each other what changed, over a real PostgreSQL's LISTEN/NOTIFY.

import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../../shared/contract';
import { databaseForThisFile } from '../../testing/postgresDatabase';
import { CHANGE_CHANNEL, type FeedNews, PgChangeFeed } from './changeFeed';

const db = databaseForThisFile('change_feed');
const opened: { close(): Promise<void> | void }[] = [];

afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

function hear(feed: PgChangeFeed): FeedNews[] {
  const heard: FeedNews[] = [];
  feed.subscribe((n) => heard.push(n));
  return heard;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function serverProcess(): Promise<PgChangeFeed> {
  const pool = new pg.Pool({ ...db().config, max: 2 });
  const feed = await PgChangeFeed.open(pool);
  opened.push(feed, { close: () => pool.end() });
  return feed;
}

describe('the change feed between server processes', () => {
  it("delivers another process's shared events, never its own, and keeps local ones local", async () => {
    const a = await serverProcess();
    const b = await serverProcess();
    const heardA = hear(a);
    const heardB = hear(b);
    await a.publish({ type: 'posts.changed', postIds: ['p1', 'p2'] });
    await a.publish({ type: 'scheduler.status', status: {} as never });
    await a.publish({ type: 'accounts.changed' });
    await until(() => heardB.length >= 2, 'two events at b');
    await new Promise((r) => setTimeout(r, 200));
    expect(heardB).toEqual([
      { kind: 'event', event: { type: 'posts.changed', postIds: ['p1', 'p2'] } },
      { kind: 'event', event: { type: 'accounts.changed' } },
    ]);
    expect(heardA).toEqual([]);
  });

  it('sends a long list of posts in pieces that each fit a NOTIFY', async () => {
    const a = await serverProcess();
    const b = await serverProcess();
    const heard = hear(b);
    const ids = Array.from({ length: 450 }, (_, i) => `post_${String(i).padStart(20, '0')}`);
    await a.publish({ type: 'posts.changed', postIds: ids });
    await until(() => heard.length === 5, 'five pieces');
    const got = heard.flatMap((n) => (n.kind === 'event' && n.event.type === 'posts.changed' ? n.event.postIds : []));
    expect(got).toEqual(ids);
  });

  it('ignores what is not an event of ours on the channel, and says resync after its connection came back', async () => {
    const b = await serverProcess();
    const heard = hear(b);
    const pool = new pg.Pool({ ...db().config, max: 1 });
    opened.push({ close: () => pool.end() });
    await pool.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, 'not json']);
    await pool.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify({ origin: 'x', event: { type: 'report.written' } })]);
    // Cut the listening connection from the server's side, as a restart of PostgreSQL would.
    await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`);
    await until(() => heard.some((n) => n.kind === 'resync'), 'resync');
    const event: BackendEvent = { type: 'settings.changed' };
    await pool.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify({ origin: 'other', event })]);
    await until(() => heard.length === 2, 'the event after resync');
    expect(heard).toEqual([{ kind: 'resync' }, { kind: 'event', event }]);
  });
});

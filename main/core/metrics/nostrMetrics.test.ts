// Numbers over time from real relays (@nostr-relay/core on 127.0.0.1, one of them down) through the real backend:
// reactions, reposts and replies counted from the read relays, followers from contact lists, a deleted note.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { nsecEncode } from 'nostr-tools/nip19';
import { type EventTemplate, finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../../shared/contract';
import { FEATURES } from '../../features';
import { FakeClock } from '../../testing/fakeClock';
import { type LocalRelay, startLocalRelay } from '../../testing/nostr/localRelay';
import { type Backend, createBackend, DATABASE_FILE } from '../backend';

const HOUR = 3_600_000;
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

function nextUpdate(backend: Backend): Promise<readonly string[]> {
  return new Promise((resolve) => {
    const off = backend.subscribe((ev: BackendEvent) => {
      if (ev.type !== 'metrics.updated') return;
      off();
      resolve(ev.postIds);
    });
  });
}

const signed = (t: Omit<EventTemplate, 'created_at'>, sk = generateSecretKey()) =>
  finalizeEvent({ ...t, created_at: Math.floor(Date.now() / 1000) }, sk);

describe('Nostr numbers over time', () => {
  it('counts what the read relays hold, keeps replies and followers, and marks a note its author deleted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-nostr-metrics-'));
    const clock = new FakeClock(Date.now());
    const relays = [await startLocalRelay(), await startLocalRelay()];
    const down = await startLocalRelay();
    await down.stop();
    const backend = await createBackend({
      dataDir: dir,
      features: FEATURES,
      clock,
      shell: 'cli',
      runScheduler: true,
      systemTimeZone: 'Europe/Rome',
      random: () => 0,
    });
    cleanup = async () => {
      await backend.close();
      for (const r of relays) await r.stop();
      rmSync(dir, { recursive: true, force: true });
    };
    const sk = generateSecretKey();
    const pubkey = getPublicKey(sk);
    const [a, b] = relays as [LocalRelay, LocalRelay];
    const fan = generateSecretKey();
    // Followers: two contact lists name the key; a third person's newer list no longer does. They are on the relays
    // before the account connects, since the collector may count followers on its first pass.
    await a.accept(signed({ kind: 3, tags: [['p', pubkey]], content: '' }, fan));
    await b.accept(
      signed({
        kind: 3,
        tags: [
          ['p', pubkey],
          ['p', getPublicKey(generateSecretKey())],
        ],
        content: '',
      }),
    );
    const leaver = generateSecretKey();
    await a.accept(finalizeEvent({ kind: 3, created_at: Math.floor(Date.now() / 1000) - 60, tags: [['p', pubkey]], content: '' }, leaver));
    await b.accept(signed({ kind: 3, tags: [], content: '' }, leaver));

    const account = await backend.call('accounts.connect', {
      platform: 'nostr',
      name: 'Brand on Nostr',
      key: 'nsec',
      nsec: nsecEncode(sk),
      relays: [...relays.map((r) => r.url), down.url].join('\n'),
    });
    const { post } = await backend.call('posts.create', { text: 'Count me on Nostr', accountIds: [account.id], when: { kind: 'now' } });
    clock.advance(0);
    await backend.scheduler.idle();
    await backend.scheduler.idle();
    const noteId = (await backend.call('posts.get', { id: post.id })).post.targets[0]?.remoteId as string;
    expect(noteId).toMatch(/^[0-9a-f]{64}$/);

    const on = ['e', noteId];
    // Two people like it (one of them on both relays, counted once), one dislikes it, one reposts, one replies.
    const like = signed({ kind: 7, tags: [on, ['p', pubkey]], content: '+' }, fan);
    await a.accept(like);
    await b.accept(like);
    await b.accept(signed({ kind: 7, tags: [on, ['p', pubkey]], content: '🔥' }));
    await b.accept(signed({ kind: 7, tags: [on, ['p', pubkey]], content: '-' }));
    await a.accept(signed({ kind: 6, tags: [on, ['p', pubkey]], content: '' }, fan));
    await a.accept(
      signed(
        {
          kind: 1,
          tags: [
            [...on, '', 'root', pubkey],
            ['p', pubkey],
          ],
          content: 'Where can I buy it?',
        },
        fan,
      ),
    );
    const first = nextUpdate(backend);
    clock.advance(HOUR + 1_000);
    expect(await first).toEqual([post.id]);
    const detail = await backend.call('analytics.post', { postId: post.id });
    const target = detail.targets[0];
    expect(target?.snapshots.map((s) => [s.milestone, s.state, s.likes, s.reposts, s.replies, s.quotes, s.source])).toEqual([
      ['1h', 'counted', 2, 1, 1, 0, 'nostr-relays'],
    ]);
    expect(target?.replies.map((r) => r.text)).toEqual(['Where can I buy it?']);
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT followers, following, source FROM follower_counts').all()).toEqual([
      { followers: 2, following: null, source: 'nostr-relays' },
    ]);
    db.close();

    // The author asks relays to delete the note (NIP-09): the next reading marks it deleted instead of zeroing it.
    // This relay honours it by dropping the note (and the request itself), as NIP-09 lets relays do.
    const deletion = signed({ kind: 5, tags: [on], content: 'posted by mistake' }, sk);
    await a.accept(deletion);
    await b.accept(deletion);
    // The relay answers a repeated filter from a cache for a moment; wait until both say the note is gone.
    for (const r of [a, b]) await expect.poll(async () => (await r.events({ ids: [noteId] })).length, { timeout: 15_000 }).toBe(0);
    const refreshed = await backend.call('metrics.refresh', { postId: post.id });
    expect(refreshed).toMatchObject({ deleted: 1, snapshots: 0 });
    const after = await backend.call('analytics.post', { postId: post.id });
    expect(after.targets[0]?.snapshots.map((s) => [s.milestone, s.state])).toEqual([
      ['1h', 'counted'],
      ['manual', 'deleted'],
    ]);
  });
});

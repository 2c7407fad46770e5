// Nostr through the real backend and scheduler against real relays (@nostr-relay/core) on 127.0.0.1, one of them down.

import { npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey, verifyEvent } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountContext } from '../../core/platforms/types';
import { type LocalRelay, startLocalRelay } from '../../testing/nostr/localRelay';
import { type ScheduledBackend, scheduledBackend } from '../../testing/scheduledBackend';
import { createNostrAdapter } from './adapter';
import type { NostrSecret } from './signer';

const now = { kind: 'now' } as const;

interface Env extends ScheduledBackend {
  readonly relays: LocalRelay[];
  /** A relay address where nothing listens: a relay that is down. */
  readonly downUrl: string;
  readonly sk: Uint8Array;
  readonly pubkey: string;
}

let env: Env | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function start(): Promise<Env> {
  const relays = [await startLocalRelay(), await startLocalRelay()];
  const down = await startLocalRelay();
  await down.stop();
  const sk = generateSecretKey();
  const scheduled = await scheduledBackend('kairos-nostr-', Date.now());
  const extra: LocalRelay[] = [];
  return {
    ...scheduled,
    relays: Object.assign(relays, { extra }),
    downUrl: down.url,
    sk,
    pubkey: getPublicKey(sk),
    async close() {
      await scheduled.close();
      for (const r of [...relays]) await r.stop();
    },
  };
}

function connect(e: Env, extra: { minRelayOks?: number } = {}) {
  return e.backend.call('accounts.connect', {
    platform: 'nostr',
    name: 'Brand on Nostr',
    key: 'nsec',
    nsec: nsecEncode(e.sk),
    relays: [...e.relays.map((r) => r.url), e.downUrl].join('\n'),
    ...extra,
  });
}

async function notesOf(relay: LocalRelay, pubkey: string) {
  return (await relay.events({ kinds: [1], authors: [pubkey] })).sort(
    (a, b) => a.created_at - b.created_at || a.content.localeCompare(b.content),
  );
}

describe('Nostr', () => {
  it('imports an nsec, publishes a thread with hashtags and a mention to the relays that are up, counted by a majority', async () => {
    env = await start();
    const account = await connect(env);
    expect(account).toMatchObject({ platform: 'nostr', handle: expect.stringMatching(/^npub1[0-9a-z]{7}…[0-9a-z]{6}$/) });
    expect(JSON.stringify(await env.backend.call('accounts.list', {}))).not.toContain(nsecEncode(env.sk));
    const friend = npubEncode(getPublicKey(generateSecretKey()));
    const { post } = await env.backend.call('posts.create', {
      text: `Launch day #Kairos #launch with nostr:${friend}`,
      parts: ['Part two #kairos'],
      accountIds: [account.id],
      when: now,
      options: { contentWarning: 'Big news', language: 'it' },
    });
    await env.advance(0);
    const { post: done } = await env.backend.call('posts.get', { id: post.id });
    expect(done.status).toBe('published');
    for (const relay of env.relays) {
      const notes = await notesOf(relay, env.pubkey);
      expect(notes).toHaveLength(2);
      const [first, second] = notes as [(typeof notes)[0], (typeof notes)[0]];
      expect(verifyEvent(first) && verifyEvent(second)).toBe(true);
      expect(first.tags).toEqual(
        expect.arrayContaining([
          ['t', 'kairos'],
          ['t', 'launch'],
          ['p', expect.any(String)],
          ['content-warning', 'Big news'],
          ['l', 'it', 'ISO-639-1'],
        ]),
      );
      expect(second.tags).toEqual(
        expect.arrayContaining([
          ['e', first.id, env.relays[0]?.url, 'root', env.pubkey],
          ['p', env.pubkey],
        ]),
      );
      expect(done.targets[0]?.remoteId).toBe(first.id);
    }
    expect(done.targets[0]?.remoteUrl).toMatch(/^https:\/\/njump\.me\/nevent1[02-9ac-hj-np-z]+$/);
  });

  it('waits while fewer relays than asked answered OK, then resends the very same event, stored once', async () => {
    env = await start();
    const account = await connect(env, { minRelayOks: 3 });
    const { post } = await env.backend.call('posts.create', { text: 'Needs three relays', accountIds: [account.id], when: now });
    await env.advance(0);
    let view = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(view.targets[0]?.status).toBe('retrying');
    expect(view.targets[0]?.lastError).toMatch(/2 of 3 relays accepted the note; 3 must/);
    const [firstTry] = await notesOf(env.relays[0] as LocalRelay, env.pubkey);
    // The relay that was down comes back where it was.
    const back = await startLocalRelay(Number(new URL(env.downUrl).port));
    env.relays.push(back);
    await env.advance(10 * 60_000);
    view = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(view.targets[0]?.status).toBe('published');
    for (const relay of env.relays) {
      const notes = await notesOf(relay, env.pubkey);
      expect(notes.map((n) => n.id)).toEqual([firstTry?.id]);
    }
    expect((env.relays[0] as LocalRelay).eventMessages()).toBeGreaterThanOrEqual(2);
  });

  it('reads the relay list (NIP-65) of an imported key and publishes to its write relays', async () => {
    env = await start();
    const listed = finalizeEvent(
      {
        kind: 10002,
        created_at: Math.floor(Date.now() / 1000),
        tags: [
          ['r', env.relays[1]?.url ?? ''],
          ['r', env.relays[0]?.url ?? '', 'read'],
        ],
        content: '',
      },
      env.sk,
    );
    await env.relays[0]?.accept(listed);
    const account = await connect(env);
    await env.backend.call('posts.create', { text: 'Only where I write', accountIds: [account.id], when: now });
    await env.advance(0);
    expect(await notesOf(env.relays[1] as LocalRelay, env.pubkey)).toHaveLength(1);
    expect(await notesOf(env.relays[0] as LocalRelay, env.pubkey)).toHaveLength(0);
  });

  it('makes a new key, publishes its relay list and profile, and refuses media and relays that are not relays', async () => {
    env = await start();
    const account = await env.backend.call('accounts.connect', {
      platform: 'nostr',
      name: 'Fresh',
      key: 'new',
      relays: env.relays[0]?.url ?? '',
    });
    const lists = await env.relays[0]?.events({ kinds: [10002, 0] });
    expect(lists?.map((e) => e.kind).sort()).toEqual([0, 10002]);
    expect(lists?.find((e) => e.kind === 10002)?.tags).toEqual([['r', env.relays[0]?.url]]);
    const [check] = await env.backend.call('posts.validate', { text: 'hi', accountIds: [account.id], media: [] });
    expect(check?.problems).toEqual([]);
    await expect(
      env.backend.call('accounts.connect', { platform: 'nostr', name: 'Bad', key: 'new', relays: 'https://example.com' }),
    ).rejects.toThrow(/not a relay address/);
    await expect(
      env.backend.call('accounts.connect', {
        platform: 'nostr',
        name: 'Bad',
        key: 'nsec',
        nsec: npubEncode(env.pubkey),
        relays: env.relays[0]?.url ?? '',
      }),
    ).rejects.toThrow(/public key \(npub\)/);
    await expect(
      env.backend.call('accounts.connect', { platform: 'nostr', name: 'Down', key: 'nsec', nsec: nsecEncode(env.sk), relays: env.downUrl }),
    ).rejects.toThrow(/None of the relays answered/);
  });

  it('counts reactions, reposts and replies from other people as the note’s numbers', async () => {
    env = await start();
    const account = await connect(env);
    const { post } = await env.backend.call('posts.create', { text: 'React to me', accountIds: [account.id], when: now });
    await env.advance(0);
    const noteId = (await env.backend.call('posts.get', { id: post.id })).post.targets[0]?.remoteId as string;
    const fan = generateSecretKey();
    const at = Math.floor(Date.now() / 1000);
    const relay = env.relays[1] as LocalRelay;
    const author = env.pubkey;
    // A reaction or repost by someone else that names the note and its author.
    const about = (kind: number, content: string, key: Uint8Array) =>
      relay.accept(
        finalizeEvent(
          {
            kind,
            created_at: at,
            tags: [
              ['e', noteId],
              ['p', author],
            ],
            content,
          },
          key,
        ),
      );
    await about(7, '+', fan);
    await about(7, '🔥', generateSecretKey());
    await about(7, '-', generateSecretKey());
    await about(6, '', fan);
    await relay.accept(
      finalizeEvent(
        {
          kind: 1,
          created_at: at,
          tags: [
            ['e', noteId, '', 'root', env.pubkey],
            ['p', env.pubkey],
          ],
          content: 'Nice!',
        },
        fan,
      ),
    );
    const adapter = createNostrAdapter();
    // The reading side needs only the account's public settings: its key and where it reads.
    const config = { pubkey: env.pubkey, relays: env.relays.map((r) => r.url), readRelays: env.relays.map((r) => r.url) };
    const ctx = { account: { id: account.id, config } } as unknown as AccountContext<NostrSecret>;
    const metrics = await adapter.fetchMetrics?.([{ targetId: 't1', remoteId: noteId }], ctx);
    expect(metrics).toEqual([{ targetId: 't1', likes: 2, reposts: 1, replies: 1, quotes: null }]);
    const mentions = await adapter.fetchMentions?.(ctx);
    expect(mentions?.map((m) => m.text)).toEqual(['Nice!']);
  });
});

describe('Nostr with a remote signer (NIP-46)', () => {
  it('pairs with a bunker, keeps no key, publishes notes it signs, and waits for the user when it stops signing', async () => {
    env = await start();
    const { startTestBunker } = await import('../../testing/nostr/testBunker');
    const bunker = await startTestBunker(env.relays[0]?.url ?? '');
    try {
      const account = await env.backend.call('accounts.connect', {
        platform: 'nostr',
        name: 'Signed elsewhere',
        key: 'bunker',
        bunkerUrl: bunker.url,
        relays: env.relays.map((r) => r.url).join(','),
      });
      expect(account.handle).toBe(`${npubEncode(bunker.userPubkey).slice(0, 12)}…${npubEncode(bunker.userPubkey).slice(-6)}`);
      const asked = () => bunker.requests.filter((r) => r !== 'unreadable');
      expect(asked().slice(0, 2)).toEqual(['connect', 'get_public_key']);
      await env.backend.call('posts.create', { text: 'Signed by my bunker', accountIds: [account.id], when: now });
      await env.advance(0);
      for (const relay of env.relays) {
        const notes = await notesOf(relay, bunker.userPubkey);
        expect(notes.map((n) => [n.content, verifyEvent(n)])).toEqual([['Signed by my bunker', true]]);
      }
      expect(asked()).toContain('sign_event');
      // The user withdraws Kairos in the signer: the next post waits and the account asks for the user.
      bunker.revoke();
      const { post } = await env.backend.call('posts.create', { text: 'Not allowed any more', accountIds: [account.id], when: now });
      await env.advance(0);
      const waiting = (await env.backend.call('posts.get', { id: post.id })).post.targets[0];
      expect(waiting?.status).toBe('scheduled');
      const [acc] = await env.backend.call('accounts.list', {});
      expect(acc?.status).toBe('needs_relogin');
      expect(acc?.statusReason).toMatch(/remote signer refused (Kairos|to sign) \(Kairos is no longer allowed to sign\)/);
    } finally {
      await bunker.stop();
    }
  });
});

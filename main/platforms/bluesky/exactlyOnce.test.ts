// Exactly once on a real PDS: lost replies, retries, taken keys, a thread resumed midway, expired sessions.

import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId, newIdempotencyKey } from '../../core/ids';
import type { PublishPart, PublishRequest } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import type { StoredMedia } from '../../core/repos/media';
import { MemoryAccount } from '../../testing/bluesky/accountState';
import { BlueskyDevNetwork, type DevAccount } from '../../testing/bluesky/devNetwork';
import { DropProxy } from '../../testing/bluesky/dropProxy';
import { type BlueskyAdapter, createBlueskyAdapter } from './adapter';
import { recordKeyFor } from './recordKey';
import type { BlueskySecret } from './session';

const CREATE = 'com.atproto.repo.createRecord';
const GET = 'com.atproto.repo.getRecord';

function request(texts: readonly string[], attempt = 1, postId = newId('post')): PublishRequest {
  const parts: PublishPart[] = texts.map((text, index) => ({ index, text, idempotencyKey: newIdempotencyKey(), media: [], done: null }));
  return {
    postId,
    targetId: newId('tgt'),
    text: texts[0] ?? '',
    idempotencyKey: parts[0]?.idempotencyKey ?? '',
    attempt,
    options: {},
    parts,
    scheduledAt: null,
  };
}

/** The same request as the scheduler would claim it again: next attempt, with the parts recorded so far marked done. */
function retryOf(req: PublishRequest, account: MemoryAccount<BlueskySecret>): PublishRequest {
  return { ...req, attempt: req.attempt + 1, parts: req.parts.map((p) => ({ ...p, done: account.parts.get(p.index) ?? null })) };
}

async function failureOf(p: Promise<unknown>): Promise<PlatformError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PlatformError) return e;
    throw e;
  }
  throw new Error('expected a PlatformError');
}

describe('Bluesky exactly once, against a real PDS behind a faulty connection', () => {
  let net: BlueskyDevNetwork;
  let proxy: DropProxy;
  let alice: DevAccount;
  let appPassword: string;
  let adapter: BlueskyAdapter;
  let account: MemoryAccount<BlueskySecret>;

  beforeAll(async () => {
    net = await BlueskyDevNetwork.start();
    proxy = await DropProxy.start(net.pdsUrl);
    alice = await net.createAccount('alice');
    appPassword = await net.createAppPassword(alice);
  });

  afterAll(async () => {
    await proxy?.stop();
    await net?.close();
  });

  beforeEach(async () => {
    adapter = createBlueskyAdapter();
    const c = await adapter.connect({ identifier: 'alice.test', appPassword, service: proxy.url });
    account = new MemoryAccount(c.config, c.secret, 'alice');
    proxy.seen.length = 0;
  });

  const count = async () => (await net.posts(alice.did)).length;

  it('settles a reply lost after the server wrote the record by reading the key back, without writing again', async () => {
    const before = await count();
    const req = request(['The server wrote this, the client never heard']);
    proxy.dropAfterForwarding(CREATE);
    const outcome = await adapter.publish(req, account);

    const records = await net.posts(alice.did);
    expect(records).toHaveLength(before + 1);
    const rkey = recordKeyFor(req.postId, 0, req.parts[0]?.idempotencyKey ?? '');
    expect(records.at(-1)?.uri).toBe(`at://${alice.did}/app.bsky.feed.post/${rkey}`);
    expect(outcome).toEqual({ remoteId: records.at(-1)?.uri, remoteUrl: `https://bsky.app/profile/alice.test/post/${rkey}` });
    expect(proxy.count(CREATE)).toBe(1);
    expect(proxy.count(GET)).toBe(1);
  });

  it('reports an unknown outcome when it cannot check, and the retry with the same key creates nothing new', async () => {
    const before = await count();
    const req = request(['Sent once, retried once']);
    proxy.dropAfterForwarding(CREATE);
    proxy.dropBeforeForwarding(GET);
    const failure = await failureOf(adapter.publish(req, account));
    expect(failure.kind).toBe('unknown_outcome');
    expect(failure.message).toBe(
      'The connection to Bluesky dropped after the post was sent, and Kairos could not check yet whether it arrived. Retrying is safe: the post has a fixed record key, so it cannot appear twice.',
    );
    expect(await count()).toBe(before + 1);

    const found = await adapter.findPublished?.(req, req.parts[0] as PublishPart, account);
    const again = await adapter.publish(retryOf(req, account), account);
    expect(await count()).toBe(before + 1);
    expect(again.remoteId).toBe((await net.posts(alice.did)).at(-1)?.uri);
    expect(found?.remoteId).toBe(again.remoteId);
    expect(found?.ref).toEqual({ uri: again.remoteId, cid: (await net.posts(alice.did)).at(-1)?.cid });
  });

  it('treats "the key is taken by our own record" as done even when Kairos forgot it had sent it', async () => {
    const req = request(['Crash after sending, before recording']);
    const first = await adapter.publish(req, account);
    const before = await count();
    // Same attempt number: nothing tells the adapter this was sent before; the PDS refuses the duplicate key.
    const second = await adapter.publish(req, new MemoryAccount(account.account.config, account.secret, 'alice'));
    expect(second).toEqual(first);
    expect(await count()).toBe(before);
  });

  it('moves to the next key of its fixed sequence when another post already holds the first', async () => {
    const req = request(['Mine, not theirs']);
    const taken = recordKeyFor(req.postId, 0, req.parts[0]?.idempotencyKey ?? '', 0);
    await net.createPostAt(alice, taken, 'Someone else’s post under the same key');
    const outcome = await adapter.publish(req, account);
    const next = recordKeyFor(req.postId, 0, req.parts[0]?.idempotencyKey ?? '', 1);
    expect(outcome.remoteId).toBe(`at://${alice.did}/app.bsky.feed.post/${next}`);
    const byKey = new Map((await net.posts(alice.did)).map((r) => [r.uri.split('/').at(-1), r.value.text]));
    expect(byKey.get(taken)).toBe('Someone else’s post under the same key');
    expect(byKey.get(next)).toBe('Mine, not theirs');
    expect((await adapter.findPublished?.(req, req.parts[0] as PublishPart, account))?.remoteId).toBe(outcome.remoteId);
  });

  it('resumes a thread after a failure midway, from the part that did not go out', async () => {
    const before = await count();
    const req = request(['Thread 1/3', 'Thread 2/3', 'Thread 3/3']);
    proxy.replyInstead(CREATE, 503, { error: 'InternalServerError', message: 'Internal Server Error' }, { skip: 1 });
    const failure = await failureOf(adapter.publish(req, account));
    expect(failure.kind).toBe('transient');
    expect([...account.parts.keys()]).toEqual([0]);
    expect(await count()).toBe(before + 1);

    const outcome = await adapter.publish(retryOf(req, account), account);
    const records = (await net.posts(alice.did)).slice(before);
    expect(records.map((r) => r.value.text)).toEqual(['Thread 1/3', 'Thread 2/3', 'Thread 3/3']);
    const root = { uri: records[0]?.uri, cid: records[0]?.cid };
    expect(records[1]?.value.reply).toEqual({ root, parent: root });
    expect(records[2]?.value.reply).toEqual({ root, parent: { uri: records[1]?.uri, cid: records[1]?.cid } });
    expect(outcome.remoteId).toBe(records[0]?.uri);
    // The scheduler's lookup walks the parts in order; a later part is found even before the earlier one is recorded.
    expect((await adapter.findPublished?.(req, req.parts[2] as PublishPart, account))?.remoteId).toBe(records[2]?.uri);
  });

  // Shrinking a 1800×1200 noise picture is CPU work; on a busy two-core machine it can take far longer than the default.
  it('learns a server’s smaller blob limit from its refusal, shrinks the picture and sends again, once', { timeout: 120_000 }, async () => {
    const noise = await sharp(randomBytes(1800 * 1200 * 3), { raw: { width: 1800, height: 1200, channels: 3 } })
      .png()
      .toBuffer();
    const withImage = (text: string): PublishRequest => {
      const req = request([text]);
      const part = req.parts[0] as PublishPart;
      const m: StoredMedia = {
        id: `m-${text}`,
        fileName: 'noise.png',
        mime: 'image/png',
        bytes: noise.length,
        width: 1800,
        height: 1200,
        alt: 'Static',
        focus: null,
        partIndex: 0,
        storedName: 'x',
        postId: null,
      };
      account.media.set(m.id, noise);
      return { ...req, parts: [{ ...part, media: [m] }] };
    };
    await adapter.publish(withImage('First picture'), account);
    // The first record was refused (this PDS still takes 1,000,000 bytes at most), nothing was written, and it went again.
    expect(proxy.count(CREATE)).toBe(2);
    expect(account.account.config.blobMaxBytes).toBe(1_000_000);
    await adapter.publish(withImage('Second picture'), account);
    expect(proxy.count(CREATE)).toBe(3);
    const sizes = (await net.posts(alice.did))
      .slice(-2)
      .map((r) => (r.value.embed as { images: { image: { size: number } }[] }).images[0]?.image.size);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(1_000_000);
  });

  it('waits as long as the RateLimit-Reset header says', async () => {
    const resetAt = Math.floor(Date.now() / 1000) + 120;
    proxy.replyInstead(
      CREATE,
      429,
      { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
      {
        headers: {
          'RateLimit-Limit': '5000',
          'RateLimit-Remaining': '0',
          'RateLimit-Reset': String(resetAt),
          'RateLimit-Policy': '5000;w=3600',
        },
      },
    );
    const failure = await failureOf(adapter.publish(request(['Too fast']), account));
    expect(failure.kind).toBe('rate_limited');
    expect(failure.options.retryAfterMs).toBeGreaterThan(115_000);
    expect(failure.options.retryAfterMs).toBeLessThanOrEqual(120_000);
    expect(failure.message).toMatch(/^Bluesky is limiting how many requests this account can make; Kairos will try again in 1(19|20) s\.$/);
  });

  it('shows the XRPC error the PDS gives, with its message', async () => {
    const failure = await failureOf(adapter.publish(request(['x'.repeat(301)]), account));
    expect(failure.kind).toBe('invalid');
    expect(failure.message).toMatch(
      /^Bluesky refused the post\. Bluesky said: "Invalid app\.bsky\.feed\.post record: .+" \(InvalidRequest\)\.$/,
    );
  });

  describe('sessions', () => {
    it('refreshes an expired access token, keeping the rotated refresh token at once', async () => {
      const old = account.secret;
      account.secret = { ...old, accessJwt: net.expiredAccessToken(alice.did) };
      await adapter.publish(request(['After a refresh']), account);
      expect(account.savedSecrets).toHaveLength(1);
      expect(account.secret.refreshJwt).not.toBe(old.refreshJwt);
      expect(account.secret.accessJwt).not.toBe(net.expiredAccessToken(alice.did));
      expect(account.secret.appPassword).toBe(appPassword);
    });

    it('signs in again silently with the app password when the refresh token is gone', async () => {
      await net.revokeRefreshToken(account.secret.refreshJwt);
      account.secret = { ...account.secret, accessJwt: net.expiredAccessToken(alice.did) };
      const before = await count();
      await adapter.publish(request(['After signing in again']), account);
      expect(await count()).toBe(before + 1);
      expect(account.savedSecrets).toHaveLength(1);
      expect(proxy.count('com.atproto.server.refreshSession')).toBe(1);
      expect(proxy.count('com.atproto.server.createSession')).toBe(1);
    });

    it('shares one refresh between calls that find the same expired token', async () => {
      account.secret = { ...account.secret, accessJwt: net.expiredAccessToken(alice.did) };
      await Promise.all([adapter.publish(request(['Side by side 1']), account), adapter.publish(request(['Side by side 2']), account)]);
      expect(proxy.count('com.atproto.server.refreshSession')).toBe(1);
      expect(account.savedSecrets).toHaveLength(1);
    });

    it('needs the user when the app password itself was revoked, and writes nothing', async () => {
      const bob = await net.createAccount(`bob${Date.now() % 100000}`);
      const bobPassword = await net.createAppPassword(bob);
      const c = await adapter.connect({ identifier: bob.handle, appPassword: bobPassword, service: proxy.url });
      const bobAccount = new MemoryAccount(c.config, c.secret, 'bob');
      await net.revokeAppPassword(bob);
      bobAccount.secret = { ...bobAccount.secret, accessJwt: net.expiredAccessToken(bob.did) };
      const failure = await failureOf(adapter.publish(request(['Never sent']), bobAccount));
      expect(failure.kind).toBe('auth');
      expect(failure.message).toBe(
        `Bluesky no longer accepts the app password of ${bob.handle} (it may have been revoked). Create a new app password and reconnect the account in Accounts; its posts wait until then.`,
      );
      expect(failure.message).not.toContain(bobPassword);
      expect(await net.posts(bob.did)).toEqual([]);
    });
  });
});

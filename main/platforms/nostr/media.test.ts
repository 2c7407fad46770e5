// Nostr notes with files: uploaded to a Blossom fake (BUD-01/02) and named in imeta tags (NIP-92), on real relays, exactly once.

import { createHash } from 'node:crypto';
import { nsecEncode } from 'nostr-tools/nip19';
import { finalizeEvent, generateSecretKey, getPublicKey, verifyEvent } from 'nostr-tools/pure';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeMp4, tinyPng } from '../../testing/mastodonFake/backendEnv';
import { BlossomFake } from '../../testing/nostr/blossomFake';
import { type LocalRelay, startLocalRelay } from '../../testing/nostr/localRelay';
import { type ScheduledBackend, scheduledBackend } from '../../testing/scheduledBackend';

const now = { kind: 'now' } as const;

interface Env extends ScheduledBackend {
  readonly blossom: BlossomFake;
  readonly relays: LocalRelay[];
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
  const blossom = await new BlossomFake().start();
  const scheduled = await scheduledBackend('kairos-nostr-media-', Date.now());
  const sk = generateSecretKey();
  return {
    ...scheduled,
    blossom,
    relays,
    sk,
    pubkey: getPublicKey(sk),
    async close() {
      await scheduled.close();
      await blossom.stop();
      for (const r of relays) await r.stop();
    },
  };
}

function connect(e: Env, mediaServer: string | undefined = e.blossom.origin, minRelayOks?: number) {
  return e.backend.call('accounts.connect', {
    platform: 'nostr',
    name: 'Brand on Nostr',
    key: 'nsec',
    nsec: nsecEncode(e.sk),
    relays: e.relays.map((r) => r.url).join('\n'),
    ...(mediaServer ? { mediaServer } : {}),
    ...(minRelayOks ? { minRelayOks } : {}),
  });
}

let asked = 0;
/** The relay answers a repeated filter from its cache for a while; each look is made a different filter. */
async function notesOf(relay: LocalRelay, pubkey: string) {
  asked++;
  return relay.events({ kinds: [1], authors: [pubkey], limit: 1000 + asked });
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('Nostr media (Blossom + NIP-92)', () => {
  it('uploads each file with a signed upload authorization and names it in the note and an imeta tag with its alt text', async () => {
    env = await start();
    const account = await connect(env);
    const png = await tinyPng();
    const mp4 = fakeMp4();
    const picture = await env.backend.call('media.add', { fileName: 'red.png', mime: 'image/png', dataBase64: png.toString('base64') });
    const clip = await env.backend.call('media.add', { fileName: 'clip.mp4', mime: 'video/mp4', dataBase64: mp4.toString('base64') });
    const { post } = await env.backend.call('posts.create', {
      text: 'Launch #kairos',
      accountIds: [account.id],
      when: now,
      media: [
        { id: picture.id, alt: 'A red square\non white' },
        { id: clip.id, alt: '' },
      ],
    });
    await env.advance(0);
    const done = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(done.status).toBe('published');
    expect(env.blossom.uploads.map((u) => [u.status, u.sha256])).toEqual([
      [200, sha(png)],
      [200, sha(mp4)],
    ]);
    expect(env.blossom.blobs.get(sha(png))?.uploader).toBe(env.pubkey);
    const pngUrl = `${env.blossom.origin}/${sha(png)}.png`;
    const mp4Url = `${env.blossom.origin}/${sha(mp4)}.mp4`;
    for (const relay of env.relays) {
      const [note, ...more] = await notesOf(relay, env.pubkey);
      expect(more).toHaveLength(0);
      expect(note && verifyEvent(note)).toBe(true);
      expect(note?.content).toBe(`Launch #kairos\n\n${pngUrl}\n${mp4Url}`);
      expect(note?.tags.filter((t) => t[0] === 'imeta')).toEqual([
        ['imeta', `url ${pngUrl}`, 'm image/png', `x ${sha(png)}`, 'dim 4x3', 'alt A red square on white'],
        ['imeta', `url ${mp4Url}`, 'm video/mp4', `x ${sha(mp4)}`],
      ]);
    }
    // What the note points at is the very file.
    const served = Buffer.from(await (await fetch(pngUrl)).arrayBuffer());
    expect(served.equals(png)).toBe(true);
  });

  it('refuses files for an account without a media server, and too many files, before anything is sent', async () => {
    env = await start();
    const bare = await connect(env, '');
    const png = (await tinyPng()).toString('base64');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await env.backend.call('media.add', { fileName: `p${i}.png`, mime: 'image/png', dataBase64: png })).id);
    const [noServer] = await env.backend.call('posts.validate', {
      text: 'hi',
      accountIds: [bare.id],
      media: [{ id: ids[0] as string, alt: '' }],
    });
    expect(noServer?.problems.join(' ')).toMatch(/add a media server \(Blossom\)/);
    const withServer = await connect(env);
    const [many] = await env.backend.call('posts.validate', {
      text: 'hi',
      accountIds: [withServer.id],
      media: ids.map((id) => ({ id, alt: '' })),
    });
    expect(many?.problems.join(' ')).toMatch(/at most 4 files in a Nostr note; there are 5/);
    const [ok] = await env.backend.call('posts.validate', {
      text: '',
      accountIds: [withServer.id],
      media: [{ id: ids[0] as string, alt: 'x' }],
    });
    expect(ok?.problems).toEqual([]);
    await expect(connect(env, 'ftp://files.example.com')).rejects.toThrow(/must use https/);
    expect(env.blossom.uploads).toHaveLength(0);
  });

  it('signs the note with its URL once: a relay shortfall resends the stored event without uploading again', async () => {
    env = await start();
    const account = await connect(env, env.blossom.origin, 2);
    const png = await tinyPng();
    const picture = await env.backend.call('media.add', { fileName: 'red.png', mime: 'image/png', dataBase64: png.toString('base64') });
    const second = env.relays[1] as LocalRelay;
    const secondPort = Number(new URL(second.url).port);
    await second.stop();
    const { post } = await env.backend.call('posts.create', {
      text: 'Picture',
      accountIds: [account.id],
      when: now,
      media: [{ id: picture.id, alt: 'Red' }],
    });
    await env.advance(0);
    expect((await env.backend.call('posts.get', { id: post.id })).post.targets[0]?.status).toBe('retrying');
    const [first] = await notesOf(env.relays[0] as LocalRelay, env.pubkey);
    env.relays[1] = await startLocalRelay(secondPort);
    await env.advance(10 * 60_000);
    expect((await env.backend.call('posts.get', { id: post.id })).post.status).toBe('published');
    for (const relay of env.relays) expect((await notesOf(relay, env.pubkey)).map((n) => n.id)).toEqual([first?.id]);
    expect(env.blossom.uploads).toHaveLength(1);
  });

  it('repeats an upload whose answer was lost (blobs are named by their hash), and says why a server refused', async () => {
    env = await start();
    const account = await connect(env);
    const png = await tinyPng();
    const picture = await env.backend.call('media.add', { fileName: 'red.png', mime: 'image/png', dataBase64: png.toString('base64') });
    env.blossom.dropNextAnswer();
    const { post } = await env.backend.call('posts.create', {
      text: 'Lost answer',
      accountIds: [account.id],
      when: now,
      media: [{ id: picture.id, alt: '' }],
    });
    await env.advance(0);
    expect((await env.backend.call('posts.get', { id: post.id })).post.targets[0]?.status).toBe('retrying');
    expect(await notesOf(env.relays[0] as LocalRelay, env.pubkey)).toHaveLength(0);
    await env.advance(10 * 60_000);
    expect((await env.backend.call('posts.get', { id: post.id })).post.status).toBe('published');
    expect(env.blossom.uploads.map((u) => u.status)).toEqual([200, 200]);
    expect(env.blossom.blobs.size).toBe(1);
    expect(await notesOf(env.relays[0] as LocalRelay, env.pubkey)).toHaveLength(1);

    // A server that takes only its members' keys refuses; the post fails with the server's words, nothing is posted.
    env.blossom.allowed.add(getPublicKey(generateSecretKey()));
    const other = await env.backend.call('media.add', { fileName: 'red2.png', mime: 'image/png', dataBase64: png.toString('base64') });
    const { post: refused } = await env.backend.call('posts.create', {
      text: 'Refused',
      accountIds: [account.id],
      when: now,
      media: [{ id: other.id, alt: '' }],
    });
    await env.advance(0);
    const target = (await env.backend.call('posts.get', { id: refused.id })).post.targets[0];
    expect(target?.status).toBe('failed');
    expect(target?.lastError).toMatch(/refused this account’s upload.*Pubkey not allowed to upload here/);
    expect(await notesOf(env.relays[0] as LocalRelay, env.pubkey)).toHaveLength(1);
  });
});

describe('Blossom fake', () => {
  async function put(fake: BlossomFake, body: Buffer, event: Parameters<typeof finalizeEvent>[0] | null, sk = generateSecretKey()) {
    const headers: Record<string, string> = { 'content-type': 'image/png' };
    if (event) headers.authorization = `Nostr ${Buffer.from(JSON.stringify(finalizeEvent(event, sk))).toString('base64')}`;
    const res = await fetch(`${fake.origin}/upload`, { method: 'PUT', headers, body });
    return { status: res.status, body: (await res.json()) as { message?: string; sha256?: string } };
  }

  it('checks the authorization as BUD-01 and BUD-02 ask: kind, verb, x tag, expiration, signature', async () => {
    const fake = await new BlossomFake().start();
    try {
      const body = Buffer.from('hello blob');
      const at = Math.floor(Date.now() / 1000);
      const good = {
        kind: 24242,
        created_at: at,
        content: 'Upload x',
        tags: [
          ['t', 'upload'],
          ['x', sha(body)],
          ['expiration', String(at + 60)],
        ],
      };
      expect((await put(fake, body, null)).body.message).toBe('Missing Auth event');
      expect((await put(fake, body, { ...good, kind: 1 })).body.message).toMatch(/kind 24242/);
      expect(
        (
          await put(fake, body, {
            ...good,
            tags: [
              ['t', 'delete'],
              ['x', sha(body)],
              ['expiration', String(at + 60)],
            ],
          })
        ).body.message,
      ).toMatch(/verb/);
      expect(
        (
          await put(fake, body, {
            ...good,
            tags: [
              ['t', 'upload'],
              ['x', sha(Buffer.from('other'))],
              ['expiration', String(at + 60)],
            ],
          })
        ).body.message,
      ).toMatch(/x tag/);
      expect(
        (
          await put(fake, body, {
            ...good,
            tags: [
              ['t', 'upload'],
              ['x', sha(body)],
              ['expiration', String(at - 1)],
            ],
          })
        ).body.message,
      ).toMatch(/expired/);
      const forged = finalizeEvent(good, generateSecretKey());
      const tampered = { ...forged, content: 'Upload something else' };
      const res = await fetch(`${fake.origin}/upload`, {
        method: 'PUT',
        headers: { authorization: `Nostr ${Buffer.from(JSON.stringify(tampered)).toString('base64')}` },
        body,
      });
      expect(((await res.json()) as { message: string }).message).toBe('Invalid signature');
      const ok = await put(fake, body, good);
      expect(ok).toMatchObject({ status: 200, body: { sha256: sha(body) } });
    } finally {
      await fake.stop();
    }
  });
});

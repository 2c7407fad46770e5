// Bluesky end to end against a real PDS (@atproto/dev-env): connect, publish rich posts, read the records back.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../../shared/contract';
import type { PostView } from '../../../shared/domain';
import { runCli } from '../../cli/cli';
import { type Backend, createBackend } from '../../core/backend';
import { FakeClock } from '../../core/clock';
import { defaultPlatforms } from '../../core/platforms/registry';
import type { PlatformAdapter, PlatformRegistry } from '../../core/platforms/types';
import { BlueskyDevNetwork, type DevAccount } from '../../testing/bluesky/devNetwork';
import { LinkSite } from '../../testing/bluesky/linkSite';
import { createBlueskyAdapter } from './adapter';
import { anyAddress } from './linkCard';

/** Byte range of the first `token` in `text`, counted in UTF-8 as facets are. */
function bytesOf(text: string, token: string): { byteStart: number; byteEnd: number } {
  const at = text.indexOf(token);
  if (at < 0) throw new Error(`${token} is not in the text`);
  const byteStart = Buffer.byteLength(text.slice(0, at), 'utf8');
  return { byteStart, byteEnd: byteStart + Buffer.byteLength(token, 'utf8') };
}

const rkey = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);

describe('Bluesky against a real PDS', () => {
  let net: BlueskyDevNetwork;
  let site: LinkSite;
  let alice: DevAccount;
  let bob: DevAccount;
  let aliceAppPassword: string;
  let cardImage: Buffer;
  const dirs: string[] = [];
  const backends: Backend[] = [];

  beforeAll(async () => {
    net = await BlueskyDevNetwork.start();
    alice = await net.createAccount('alice');
    bob = await net.createAccount('bob');
    aliceAppPassword = await net.createAppPassword(alice);
    cardImage = await sharp({ create: { width: 1200, height: 630, channels: 3, background: '#3366cc' } })
      .png()
      .toBuffer();
    site = await new LinkSite().start();
    site.routes.set('/article', {
      kind: 'page',
      html: `<!doctype html><html><head><meta charset="utf-8"><title>Fallback title</title>
        <meta property="og:title" content="Spring &amp; Summer launch">
        <meta property="og:description" content="Everything new this season, in one page.">
        <meta property="og:image" content="/card.png"></head><body><p>Hello</p></body></html>`,
    });
    site.routes.set('/card.png', { kind: 'image', bytes: cardImage, mime: 'image/png' });
  });

  afterAll(async () => {
    await site?.stop();
    await net?.close();
  });

  afterEach(async () => {
    for (const b of backends.splice(0)) await b.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function backendWith(platforms: PlatformRegistry = defaultPlatforms()): Promise<Backend> {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-bsky-'));
    dirs.push(dir);
    const b = await createBackend({ dataDir: dir, platforms, clock: new FakeClock(Date.now()), shell: 'cli', runScheduler: true });
    backends.push(b);
    return b;
  }

  function loopbackCards(): PlatformRegistry {
    return new Map([['bluesky', createBlueskyAdapter({ linkPolicy: anyAddress }) as PlatformAdapter]]);
  }

  async function connectAlice(b: Backend) {
    return b.call('accounts.connect', {
      platform: 'bluesky',
      name: 'Alice',
      identifier: 'alice.test',
      appPassword: aliceAppPassword,
      service: net.pdsUrl,
    });
  }

  async function publishNow(b: Backend, req: Omit<RequestOf<'posts.create'>, 'when'>): Promise<PostView> {
    const { post } = await b.call('posts.create', { ...req, when: { kind: 'now' } });
    await b.scheduler.idle();
    return (await b.call('posts.get', { id: post.id })).post;
  }

  /** The record a published post's (first) target points to, read back from the PDS. */
  async function recordOf(post: Pick<PostView, 'targets'>) {
    const uri = post.targets[0]?.remoteId;
    const found = (await net.posts(alice.did)).find((r) => r.uri === uri);
    if (!found) throw new Error(`No record ${uri} on the PDS (target: ${JSON.stringify(post.targets[0])})`);
    return found;
  }

  /** The replies in a thread started by `root`, in record key order (which is part order). */
  async function repliesTo(rootUri: string) {
    return (await net.posts(alice.did)).filter((r) => (r.value.reply as { root?: { uri?: string } } | undefined)?.root?.uri === rootUri);
  }

  it('connects with a handle and an app password, showing the handle and never the secret', async () => {
    const b = await backendWith();
    const account = await connectAlice(b);
    expect(account).toMatchObject({ platform: 'bluesky', name: 'Alice', handle: '@alice.test', status: 'connected' });
    expect(account.lengthRule).toEqual({ platform: 'bluesky', maxLength: 300, unit: 'graphemes', maxBytes: 3000 });
    expect(JSON.stringify(await b.call('accounts.list', {}))).not.toContain(aliceAppPassword);
  });

  it('refuses the account password and says how to make an app password', async () => {
    const b = await backendWith();
    const r = await b.invoke('accounts.connect', {
      platform: 'bluesky',
      name: 'Alice',
      identifier: '@alice.test',
      appPassword: alice.password,
      service: net.pdsUrl,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe(
      'That is the account password of alice.test, not an app password. Kairos only keeps app passwords, which you can revoke at any time. In Bluesky open Settings → Privacy and security → App passwords, add one named Kairos and paste it here.',
    );
    expect(r.error.message).not.toContain(alice.password);
    expect(await b.call('accounts.list', {})).toEqual([]);
  });

  it('refuses a wrong app password with a sentence that says what to check', async () => {
    const b = await backendWith();
    const r = await b.invoke('accounts.connect', {
      platform: 'bluesky',
      name: 'Alice',
      identifier: 'alice.test',
      appPassword: 'aaaa-bbbb-cccc-dddd',
      service: net.pdsUrl,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'auth_required', field: 'appPassword' } });
    expect(r.ok ? '' : r.error.message).toMatch(/^Bluesky did not accept that handle and app password\. Check both/);
  });

  it('finds the account’s own PDS from its DID through the PLC directory when no service is given', async () => {
    const adapter = createBlueskyAdapter({ plcUrl: net.plcUrl });
    const connection = await adapter.connect({ identifier: alice.did, appPassword: aliceAppPassword });
    expect(connection.handle).toBe('@alice.test');
    expect(connection.config).toEqual({ did: alice.did, handle: 'alice.test', serviceUrl: new URL(net.pdsUrl).origin });
  });

  it('finds the DID of a handle through its _atproto DNS record', async () => {
    const asked: string[] = [];
    const adapter = createBlueskyAdapter({
      plcUrl: net.plcUrl,
      resolveTxt: async (name) => {
        asked.push(name);
        return name === '_atproto.alice.test' ? [[`did=${alice.did}`]] : [];
      },
    });
    const connection = await adapter.connect({ identifier: 'Alice.Test', appPassword: aliceAppPassword });
    expect(asked).toEqual(['_atproto.alice.test']);
    expect(connection.config).toMatchObject({ did: alice.did, serviceUrl: new URL(net.pdsUrl).origin });
  });

  it('publishes text in several scripts with mention, hashtag and link facets at UTF-8 byte offsets', async () => {
    const b = await backendWith();
    const account = await connectAlice(b);
    const link = site.url('/article');
    const text = `Ciao à tutti 👋🏽 @bob.test! Café crème, naïve façade; 日本語のテキスト #日本 #café 👩‍👩‍👧 🇮🇹 e\u0301 ${link}`;
    const before = (await net.posts(alice.did)).length;
    const post = await publishNow(b, { text, accountIds: [account.id], options: { language: 'it' } });

    expect(post.status).toBe('published');
    expect(await net.posts(alice.did)).toHaveLength(before + 1);
    const record = await recordOf(post);
    expect(post.targets[0]?.remoteUrl).toBe(`https://bsky.app/profile/alice.test/post/${rkey(record?.uri ?? '')}`);
    // The default link policy refuses loopback pages, so this post goes out with its link and no card.
    expect(record?.value).toEqual({
      $type: 'app.bsky.feed.post',
      text,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      langs: ['it'],
      facets: [
        { index: bytesOf(text, '@bob.test'), features: [{ $type: 'app.bsky.richtext.facet#mention', did: bob.did }] },
        { index: bytesOf(text, '#日本'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: '日本' }] },
        { index: bytesOf(text, '#café'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'café' }] },
        { index: bytesOf(text, link), features: [{ $type: 'app.bsky.richtext.facet#link', uri: link }] },
      ],
    });
  });

  it('reports an unknown mentioned handle instead of dropping it, and posts nothing', async () => {
    const b = await backendWith();
    const account = await connectAlice(b);
    const before = (await net.posts(alice.did)).length;
    const post = await publishNow(b, { text: 'Thanks @nobody-here.test for the idea', accountIds: [account.id] });
    expect(post.targets[0]?.status).toBe('failed');
    expect(post.targets[0]?.lastError).toBe(
      'Bluesky has no account @nobody-here.test (mentioned in the post). Check the spelling, or write it without the @ if it is not meant as a mention.',
    );
    expect(await net.posts(alice.did)).toHaveLength(before);
    expect(await b.call('bluesky.checkMentions', { accountId: account.id, text: 'hi @bob.test and @ghost.test' })).toEqual({
      unknown: ['ghost.test'],
    });
  });

  it('uploads images with alt text, recompressed under the blob limit, upright, with no EXIF location', async () => {
    const b = await backendWith();
    const account = await connectAlice(b);
    // Noise does not compress: about 12 MB as PNG, far over Bluesky's 2,000,000-byte limit.
    const noise = randomBytes(2400 * 1600 * 3);
    const big = await sharp(noise, { raw: { width: 2400, height: 1600, channels: 3 } })
      .png()
      .toBuffer();
    expect(big.length).toBeGreaterThan(2_000_000);
    // A landscape photo stored sideways with EXIF orientation 6 and a GPS position.
    const photo = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#aa2200' } })
      .jpeg()
      .withExif({ IFD0: { Orientation: '6', Make: 'Kairos Test Camera' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '41/1 54/1 0/1' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const m1 = await b.call('media.add', { fileName: 'noise.png', mime: 'image/png', dataBase64: big.toString('base64') });
    const m2 = await b.call('media.add', { fileName: 'photo.jpg', mime: 'image/jpeg', dataBase64: photo.toString('base64') });

    const post = await publishNow(b, {
      text: 'Two pictures',
      accountIds: [account.id],
      media: [
        { id: m1.id, alt: 'Grey static, like an old television', partIndex: 0 },
        { id: m2.id, alt: 'A red rectangle, upright', partIndex: 0 },
      ],
    });
    expect(post.status).toBe('published');
    const record = await recordOf(post);
    const embed = record.value.embed as {
      $type: string;
      images: { alt: string; aspectRatio: { width: number; height: number }; image: { ref: { $link: string }; mimeType: string; size: number } }[];
    };
    expect(embed.$type).toBe('app.bsky.embed.images');
    expect(embed.images.map((i) => i.alt)).toEqual(['Grey static, like an old television', 'A red rectangle, upright']);
    expect(embed.images[1]?.aspectRatio).toEqual({ width: 200, height: 400 });
    for (const image of embed.images) {
      expect(image.image.mimeType).toBe('image/jpeg');
      expect(image.image.size).toBeLessThanOrEqual(2_000_000);
      const blob = await net.blob(alice.did, image.image.ref.$link);
      const meta = await sharp(blob).metadata();
      expect(meta.exif).toBeUndefined();
      expect({ width: meta.width, height: meta.height }).toEqual(image.aspectRatio);
    }
    expect(embed.images[0]?.aspectRatio.width).toBeLessThanOrEqual(2000);
    expect((embed.images[0]?.aspectRatio.width ?? 0) / (embed.images[0]?.aspectRatio.height ?? 1)).toBeCloseTo(1.5, 2);
  });

  it('builds a link card from the page’s OpenGraph tags, and leaves it out when the user removed it', async () => {
    const b = await backendWith(loopbackCards());
    const account = await connectAlice(b);
    const link = site.url('/article');

    const preview = await b.call('bluesky.linkCard', { url: link });
    expect(preview).toMatchObject({ url: link, title: 'Spring & Summer launch', description: 'Everything new this season, in one page.' });
    expect(preview.imageDataUrl).toMatch(/^data:image\/jpeg;base64,/);

    const withCard = await recordOf(await publishNow(b, { text: `New season: ${link}`, accountIds: [account.id] }));
    expect(withCard.value.embed).toEqual({
      $type: 'app.bsky.embed.external',
      external: {
        uri: link,
        title: 'Spring & Summer launch',
        description: 'Everything new this season, in one page.',
        thumb: { $type: 'blob', ref: { $link: expect.any(String) }, mimeType: 'image/jpeg', size: expect.any(Number) },
      },
    });
    const thumb = (withCard.value.embed as { external: { thumb: { ref: { $link: string }; size: number } } }).external.thumb;
    expect(thumb.size).toBeLessThanOrEqual(1_000_000);
    expect((await sharp(await net.blob(alice.did, thumb.ref.$link)).metadata()).width).toBeLessThanOrEqual(1000);

    const noCard = await recordOf(await publishNow(b, { text: `No card please: ${link}`, accountIds: [account.id], options: { noLinkCard: true } }));
    expect(noCard.value.embed).toBeUndefined();
  });

  it('refuses to preview a card for a private address with the default policy', async () => {
    const b = await backendWith();
    const r = await b.invoke('bluesky.linkCard', { url: site.url('/article') });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Kairos could not make a card for ${site.url('/article')}: it points to a private or local network address, which Kairos does not fetch.`,
      },
    });
  });

  it('publishes a thread of three in order, each replying to the one before and to the first', async () => {
    const b = await backendWith();
    const account = await connectAlice(b);
    const post = await publishNow(b, { text: 'A thread 🧵 1/3', parts: ['Second — 2/3', 'Third, the end 3/3'], accountIds: [account.id] });
    expect(post.status).toBe('published');
    expect(post.targets[0]?.partsPublished).toBe(3);
    const first = await recordOf(post);
    const [second, third] = await repliesTo(first.uri);
    expect([first?.value.text, second?.value.text, third?.value.text]).toEqual(['A thread 🧵 1/3', 'Second — 2/3', 'Third, the end 3/3']);
    expect(first?.value.reply).toBeUndefined();
    const root = { uri: first?.uri, cid: first?.cid };
    expect(second?.value.reply).toEqual({ root, parent: root });
    expect(third?.value.reply).toEqual({ root, parent: { uri: second?.uri, cid: second?.cid } });
    expect(post.targets[0]?.remoteId).toBe(first?.uri);
  });

  it('turns a content warning into self-labels, or into a first line when Bluesky has no label for it', async () => {
    const b = await backendWith();
    const account = await connectAlice(b);
    const labelled = await recordOf(await publishNow(b, { text: 'Life drawing class', accountIds: [account.id], options: { contentWarning: 'Nudity' } }));
    expect(labelled.value).toMatchObject({
      text: 'Life drawing class',
      labels: { $type: 'com.atproto.label.defs#selfLabels', values: [{ val: 'nudity' }] },
    });
    const prefixed = await recordOf(await publishNow(b, { text: 'What an ending!', accountIds: [account.id], options: { contentWarning: 'Finale spoilers' } }));
    expect(prefixed.value.text).toBe('CW: Finale spoilers\n\nWhat an ending!');
    expect(prefixed.value.labels).toBeUndefined();
  });

  it('works from the kairos command: add the account, post with media, alt text, warning, language and a second part', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-bsky-cli-'));
    dirs.push(dir);
    const out: string[] = [];
    const err: string[] = [];
    const kairos = (...argv: string[]) => runCli([...argv, '--data-dir', dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
    const image = join(dir, 'square.png');
    writeFileSync(image, await sharp({ create: { width: 300, height: 300, channels: 4, background: '#00aa0080' } }).png().toBuffer());

    expect(await kairos('accounts', 'add', 'bluesky', '--handle', 'alice.test', '--app-password', aliceAppPassword, '--service', net.pdsUrl, '--name', 'Alice')).toBe(0);
    expect(out.join('\n')).toContain('@alice.test');
    expect(out.join('\n')).not.toContain(aliceAppPassword);
    out.length = 0;
    const code = await kairos(
      '--json',
      'post',
      'add',
      '--text',
      'From the command line',
      '--to',
      'Alice',
      '--media',
      image,
      '--alt',
      'A translucent green square',
      '--cw',
      'graphic',
      '--lang',
      'en',
      '--part',
      'And a reply',
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const published = JSON.parse(out.join('\n')) as Pick<PostView, 'status' | 'targets'>;
    expect(published.status).toBe('published');
    const first = await recordOf(published);
    const [second] = await repliesTo(first.uri);
    expect(first?.value).toMatchObject({
      text: 'From the command line',
      langs: ['en'],
      labels: { values: [{ val: 'graphic-media' }] },
      embed: { $type: 'app.bsky.embed.images', images: [{ alt: 'A translucent green square', aspectRatio: { width: 300, height: 300 } }] },
    });
    expect((first?.value.embed as { images: { image: { mimeType: string } }[] }).images[0]?.image.mimeType).toBe('image/png');
    expect(second?.value).toMatchObject({ text: 'And a reply', reply: { root: { uri: first?.uri }, parent: { uri: first?.uri } } });
  });
});

// Publishing rich posts to a real PDS (@atproto/dev-env) through the real backend, and reading the records back.

import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PostView } from '../../../shared/domain';
import type { Backend } from '../../core/backend';
import type { PlatformAdapter, PlatformRegistry } from '../../core/platforms/types';
import { publishNow, recordOf as recordIn, repliesTo as repliesIn, TestBackends } from '../../testing/bluesky/backends';
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

describe('Bluesky publishing against a real PDS', () => {
  let net: BlueskyDevNetwork;
  let site: LinkSite;
  let alice: DevAccount;
  let bob: DevAccount;
  let aliceAppPassword: string;
  const backends = new TestBackends();

  beforeAll(async () => {
    net = await BlueskyDevNetwork.start();
    alice = await net.createAccount('alice');
    bob = await net.createAccount('bob');
    aliceAppPassword = await net.createAppPassword(alice);
    const cardImage = await sharp({ create: { width: 1200, height: 630, channels: 3, background: '#3366cc' } })
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

  afterEach(() => backends.closeAll());

  const backendWith = (platforms?: PlatformRegistry): Promise<Backend> => backends.open(platforms);
  const recordOf = (post: Pick<PostView, 'targets'>) => recordIn(net, alice.did, post);
  const repliesTo = (rootUri: string) => repliesIn(net, alice.did, rootUri);

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
    // Noise does not compress: about 4.5 MB as PNG, far over Bluesky's 2,000,000-byte limit.
    const noise = randomBytes(1500 * 1000 * 3);
    const big = await sharp(noise, { raw: { width: 1500, height: 1000, channels: 3 } })
      .png()
      .toBuffer();
    expect(big.length).toBeGreaterThan(2_000_000);
    // A landscape photo stored sideways with EXIF orientation 6 and a GPS position.
    const photo = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#aa2200' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Make: 'Kairos Test Camera' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '41/1 54/1 0/1' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).orientation).toBe(6);
    expect(photo.includes(Buffer.from('Kairos Test Camera'))).toBe(true);
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
    expect(post.targets[0]?.lastError ?? null).toBeNull();
    expect(post.status).toBe('published');
    const record = await recordOf(post);
    const embed = record.value.embed as {
      $type: string;
      images: {
        alt: string;
        aspectRatio: { width: number; height: number };
        image: { ref: { $link: string }; mimeType: string; size: number };
      }[];
    };
    expect(embed.$type).toBe('app.bsky.embed.images');
    expect(embed.images.map((i) => i.alt)).toEqual(['Grey static, like an old television', 'A red rectangle, upright']);
    expect(embed.images[1]?.aspectRatio).toEqual({ width: 200, height: 400 });
    for (const image of embed.images) {
      expect(image.image.mimeType).toBe('image/jpeg');
      // This PDS still validates images against the older 1,000,000-byte lexicon limit; the adapter learns it from the refusal.
      expect(image.image.size).toBeLessThanOrEqual(1_000_000);
      const blob = await net.blob(alice.did, image.image.ref.$link);
      const meta = await sharp(blob).metadata();
      expect(meta.exif).toBeUndefined();
      expect(blob.includes(Buffer.from('Kairos Test Camera'))).toBe(false);
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

    const noCard = await recordOf(
      await publishNow(b, { text: `No card please: ${link}`, accountIds: [account.id], options: { noLinkCard: true } }),
    );
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
        problem: {
          code: 'platform_said',
          params: {
            reason: `Kairos could not make a card for ${site.url('/article')}: it points to a private or local network address, which Kairos does not fetch.`,
          },
        },
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
    const labelled = await recordOf(
      await publishNow(b, { text: 'Life drawing class', accountIds: [account.id], options: { contentWarning: 'Nudity' } }),
    );
    expect(labelled.value).toMatchObject({
      text: 'Life drawing class',
      labels: { $type: 'com.atproto.label.defs#selfLabels', values: [{ val: 'nudity' }] },
    });
    const prefixed = await recordOf(
      await publishNow(b, { text: 'What an ending!', accountIds: [account.id], options: { contentWarning: 'Finale spoilers' } }),
    );
    expect(prefixed.value.text).toBe('CW: Finale spoilers\n\nWhat an ending!');
    expect(prefixed.value.labels).toBeUndefined();
  });
});

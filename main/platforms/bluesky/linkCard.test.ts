// The link card fetcher: address policy, redirects, size and time limits, against a site on 127.0.0.1.

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformError } from '../../core/platforms/types';
import { LinkSite } from '../../testing/bluesky/linkSite';
import { type AddressPolicy, anyAddress, fetchLinkCard, publicAddressesOnly } from './linkCard';

const PAGE =
  '<html><head><meta property="og:title" content="Hello card"><meta property="og:description" content="A description"><meta property="og:image" content="/pic.png"></head><body>…</body></html>';

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PlatformError);
  return (e as PlatformError).message;
}

describe('publicAddressesOnly', () => {
  it.each([
    ['8.8.8.8', 4, true],
    ['93.184.216.34', 4, true],
    ['127.0.0.1', 4, false],
    ['10.1.2.3', 4, false],
    ['172.20.0.1', 4, false],
    ['192.168.1.10', 4, false],
    ['169.254.169.254', 4, false],
    ['100.64.0.1', 4, false],
    ['0.0.0.0', 4, false],
    ['2606:4700::1111', 6, true],
    ['::1', 6, false],
    ['fe80::1', 6, false],
    ['fd00::1', 6, false],
    ['::ffff:127.0.0.1', 6, false],
    ['::ffff:7f00:1', 6, false],
    ['::ffff:8.8.8.8', 6, true],
  ] as const)('%s is %s', (address, family, allowed) => {
    expect(publicAddressesOnly(address, family)).toBe(allowed);
  });
});

describe('fetchLinkCard', () => {
  let site: LinkSite;
  let picture: Buffer;

  beforeAll(async () => {
    picture = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    site = await new LinkSite().start();
    site.routes.set('/to-ip', { kind: 'redirect', to: site.url('/page') });
    site.routes.set('/page', { kind: 'page', html: PAGE });
    site.routes.set('/pic.png', { kind: 'image', bytes: picture, mime: 'image/png' });
    site.routes.set('/moved', { kind: 'redirect', to: '/page' });
    site.routes.set('/loop', { kind: 'redirect', to: '/loop' });
    site.routes.set('/stall', { kind: 'stall' });
    site.routes.set('/gone', { kind: 'status', status: 410 });
    site.routes.set('/json', { kind: 'page', html: '{}', contentType: 'application/json' });
    site.routes.set('/huge', {
      kind: 'page',
      html: `<head><meta property="og:title" content="Big page"></head><body>${'x'.repeat(3_000_000)}</body>`,
    });
    site.routes.set('/big-picture-page', {
      kind: 'page',
      html: '<head><meta property="og:title" content="T"><meta property="og:image" content="/big.png"></head>',
    });
    site.routes.set('/big.png', { kind: 'image', bytes: Buffer.alloc(6_000_000, 1), mime: 'image/png' });
  });

  afterAll(async () => {
    await site?.stop();
  });

  it('reads the card and its picture', async () => {
    const card = await fetchLinkCard(site.url('/page'), { policy: anyAddress });
    expect(card).toEqual({ url: site.url('/page'), title: 'Hello card', description: 'A description', image: picture });
  });

  it('follows redirects to read the page, but keeps the link as written', async () => {
    const card = await fetchLinkCard(site.url('/moved'), { policy: anyAddress });
    expect(card.url).toBe(site.url('/moved'));
    expect(card.title).toBe('Hello card');
  });

  it('refuses loopback and private addresses by default, by IP or by name', async () => {
    expect(await refusal(fetchLinkCard(site.url('/page'), { policy: publicAddressesOnly }))).toBe(
      `Kairos could not make a card for ${site.url('/page')}: it points to a private or local network address, which Kairos does not fetch.`,
    );
    const byName = site.url('/page').replace('127.0.0.1', 'localhost');
    expect(await refusal(fetchLinkCard(byName, { policy: publicAddressesOnly }))).toMatch(/private or local network address/);
  });

  it('checks the policy again after a redirect', async () => {
    const requests = site.requests.length;
    // Allows only the first address it is asked about: the first hop goes through, the redirect's target does not.
    let calls = 0;
    const firstOnly: AddressPolicy = () => calls++ === 0;
    const viaName = site.url('/to-ip').replace('127.0.0.1', 'localhost');
    expect(await refusal(fetchLinkCard(viaName, { policy: firstOnly }))).toMatch(/private or local network address/);
    expect(site.requests.slice(requests)).toEqual(['/to-ip']);
  });

  it('gives up on redirect loops, dead pages, non-pages and non-http links', async () => {
    expect(await refusal(fetchLinkCard(site.url('/loop'), { policy: anyAddress }))).toMatch(/it redirects too many times\.$/);
    expect(await refusal(fetchLinkCard(site.url('/gone'), { policy: anyAddress }))).toMatch(/the page answered 410\.$/);
    expect(await refusal(fetchLinkCard(site.url('/json'), { policy: anyAddress }))).toMatch(/it is not a web page\.$/);
    expect(await refusal(fetchLinkCard('ftp://example.com/file', { policy: anyAddress }))).toMatch(
      /only http and https links can have cards\.$/,
    );
  });

  it('reads only the start of a huge page, and skips a picture over the size limit', async () => {
    const big = await fetchLinkCard(site.url('/huge'), { policy: anyAddress, maxPageBytes: 64_000 });
    expect(big.title).toBe('Big page');
    const noPicture = await fetchLinkCard(site.url('/big-picture-page'), { policy: anyAddress, maxImageBytes: 1_000_000 });
    expect(noPicture).toMatchObject({ title: 'T', image: null });
  });

  it('stops waiting for a server that stalls', async () => {
    expect(await refusal(fetchLinkCard(site.url('/stall'), { policy: anyAddress, timeoutMs: 300 }))).toMatch(
      /the page did not answer in time\.$/,
    );
  });
});

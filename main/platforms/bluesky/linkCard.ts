// Fetches a link's card (OpenGraph title, description, image) in the main process, within size, time and address limits.

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { PlatformError } from '../../core/platforms/types';
import { parseOpenGraph } from './openGraph';

/** Says whether Kairos may connect to an address while fetching a link card. */
export type AddressPolicy = (address: string, family: 4 | 6) => boolean;

const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(net, prefix, 'ipv6');
}

/** IPv4 addresses carried inside IPv6 ones (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96) are judged as IPv4. */
function embeddedIpv4(address: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m) return m[1] as string;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const hi = Number.parseInt(hex[1] as string, 16);
  const lo = Number.parseInt(hex[2] as string, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** The default: only addresses on the public internet, so a pasted link cannot make Kairos probe the local network. */
export const publicAddressesOnly: AddressPolicy = (address, family) => {
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) return !NON_PUBLIC.check(v4, 'ipv4');
    return !NON_PUBLIC.check(address, 'ipv6');
  }
  return !NON_PUBLIC.check(address, 'ipv4');
};

/** Every address, loopback included: for tests against local servers and for local development. */
export const anyAddress: AddressPolicy = () => true;

export interface LinkFetchOptions {
  readonly policy: AddressPolicy;
  readonly timeoutMs?: number;
  readonly maxPageBytes?: number;
  readonly maxImageBytes?: number;
  readonly maxRedirects?: number;
  readonly signal?: AbortSignal;
}

export interface FetchedLinkCard {
  /** The page the card describes (the link as written; redirects are only followed to read it). */
  readonly url: string;
  readonly title: string;
  readonly description: string;
  readonly image: Buffer | null;
}

interface Fetched {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly url: URL;
}

class BlockedAddress extends Error {}

function cardError(url: string, why: string): PlatformError {
  return new PlatformError('invalid', `Kairos could not make a card for ${url}: ${why}`);
}

/** One GET with the address policy enforced at connect time (so DNS cannot be used to sneak past it). */
function getOnce(
  url: URL,
  opts: LinkFetchOptions,
  accept: string,
  maxBytes: number,
  truncate: boolean,
  signal: AbortSignal,
): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const literal = isIP(host);
    if (literal && !opts.policy(host, literal as 4 | 6)) {
      reject(new BlockedAddress(host));
      return;
    }
    const lookup = (
      hostname: string,
      options: { all?: boolean },
      callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
    ): void => {
      dnsLookup(hostname, { all: true }, (err, addresses) => {
        if (err) return callback(err, []);
        const allowed = addresses.filter((a) => opts.policy(a.address, a.family as 4 | 6));
        if (allowed.length === 0) return callback(new BlockedAddress(hostname), []);
        if (options.all) return callback(null, allowed);
        const first = allowed[0] as LookupAddress;
        return callback(null, first.address, first.family);
      });
    };
    const requester = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = requester(
      url,
      {
        method: 'GET',
        headers: { accept, 'user-agent': 'Kairos link preview (+https://kairos.invalid/link-preview)', 'accept-encoding': 'identity' },
        lookup: lookup as never,
        // A fresh connection per request, so every hop goes through the address check (and nothing lingers).
        agent: false,
        signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url });
        if ((res.statusCode ?? 0) >= 300 && (res.statusCode ?? 0) < 400) {
          res.resume();
          done();
          return;
        }
        const declared = Number(res.headers['content-length'] ?? 0);
        if (!truncate && declared > maxBytes) {
          res.destroy();
          reject(new RangeError('too large'));
          return;
        }
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            if (truncate) {
              chunks.push(chunk.subarray(0, chunk.length - (size - maxBytes)));
              res.destroy();
              done();
            } else {
              res.destroy();
              reject(new RangeError('too large'));
            }
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', done);
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function getFollowing(
  start: string,
  opts: LinkFetchOptions,
  accept: string,
  maxBytes: number,
  truncate: boolean,
  signal: AbortSignal,
): Promise<Fetched> {
  let url = new URL(start);
  for (let hop = 0; hop <= (opts.maxRedirects ?? 4); hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('only http and https links can have cards');
    const got = await getOnce(url, opts, accept, maxBytes, truncate, signal);
    const location = got.headers.location;
    if (got.status >= 300 && got.status < 400 && location) {
      url = new URL(location, url);
      continue;
    }
    return got;
  }
  throw new RangeError('too many redirects');
}

function charsetOf(headers: IncomingHttpHeaders, body: Buffer): string {
  const fromHeader = /charset=["']?([\w-]+)/i.exec(String(headers['content-type'] ?? ''))?.[1];
  const fromMeta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(body.subarray(0, 2048).toString('latin1'))?.[1];
  return (fromHeader ?? fromMeta ?? 'utf-8').toLowerCase();
}

function decodeHtml(headers: IncomingHttpHeaders, body: Buffer): string {
  try {
    return new TextDecoder(charsetOf(headers, body)).decode(body);
  } catch (e) {
    // A charset label the platform does not know is a RangeError: read the page as UTF-8, as browsers do.
    if (!(e instanceof RangeError)) throw e;
    return new TextDecoder('utf-8').decode(body);
  }
}

function reasonFor(e: unknown): string {
  if (e instanceof BlockedAddress) return 'it points to a private or local network address, which Kairos does not fetch.';
  if (e instanceof RangeError) return e.message === 'too large' ? 'the page or its image is too large.' : 'it redirects too many times.';
  if (e instanceof TypeError && e.message.startsWith('only')) return 'only http and https links can have cards.';
  const name = (e as Error).name;
  if (name === 'AbortError' || name === 'TimeoutError') return 'the page did not answer in time.';
  const code = (e as { code?: string }).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'its server could not be found.';
  return `the page could not be reached (${code ?? (e as Error).message}).`;
}

/** Fetches the page and its card image. Throws a PlatformError whose message says why there is no card. */
export async function fetchLinkCard(link: string, opts: LinkFetchOptions): Promise<FetchedLinkCard> {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 8_000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let page: Fetched;
  try {
    page = await getFollowing(link, opts, 'text/html,application/xhtml+xml', opts.maxPageBytes ?? 1_000_000, true, signal);
  } catch (e) {
    throw cardError(link, reasonFor(timeout.aborted ? Object.assign(new Error('timeout'), { name: 'TimeoutError' }) : e));
  }
  if (page.status < 200 || page.status >= 300) throw cardError(link, `the page answered ${page.status}.`);
  const type = String(page.headers['content-type'] ?? '');
  if (type && !/html/i.test(type)) throw cardError(link, 'it is not a web page.');
  const card = parseOpenGraph(decodeHtml(page.headers, page.body), page.url.toString());
  let image: Buffer | null = null;
  if (card.imageUrl) {
    try {
      const got = await getFollowing(card.imageUrl, opts, 'image/*', opts.maxImageBytes ?? 5_000_000, false, signal);
      const imageType = String(got.headers['content-type'] ?? '');
      if (got.status >= 200 && got.status < 300 && /^image\//i.test(imageType)) image = got.body;
    } catch (e) {
      // A card without its picture is still a card. getFollowing fails with an Error of one of the kinds reasonFor()
      // words (blocked address, too large, redirects, scheme, time-out, network); anything else is not a fetch failure.
      if (!(e instanceof Error)) throw e;
    }
  }
  const title = card.title || new URL(link).hostname;
  return { url: link, title, description: card.description, image };
}

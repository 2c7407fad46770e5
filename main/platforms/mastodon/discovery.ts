// Learns what a server is before connecting: /api/v2/instance (or v1), NodeInfo for the software, OAuth metadata for PKCE.

import { parseUrl } from '../../core/parse';
import { isRequestFailure } from '../../core/platforms/http';
import { PlatformError } from '../../core/platforms/types';
import { type InstanceAddress, parseInstanceInput } from './address';
import { MastodonApi } from './api';
import { DEFAULT_LIMITS, type MastodonLimits } from './config';

export interface InstanceInfo {
  readonly origin: string;
  readonly domain: string;
  readonly title: string;
  readonly software: string;
  readonly version: string;
  readonly limits: MastodonLimits;
  readonly pkce: boolean;
  /** The server keeps scheduled posts itself (Mastodon 2.7+). */
  readonly scheduling: boolean;
}

type Json = Record<string, unknown>;

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback);
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});

export function limitsFrom(configuration: unknown, legacyMaxChars?: unknown): MastodonLimits {
  const c = obj(configuration);
  const st = obj(c.statuses);
  const media = obj(c.media_attachments);
  const polls = obj(c.polls);
  const types = media.supported_mime_types;
  return {
    maxCharacters: num(st.max_characters, num(legacyMaxChars, DEFAULT_LIMITS.maxCharacters)),
    urlLength: num(st.characters_reserved_per_url, DEFAULT_LIMITS.urlLength),
    maxMediaAttachments: num(st.max_media_attachments, DEFAULT_LIMITS.maxMediaAttachments),
    supportedMimeTypes: Array.isArray(types) ? types.filter((t): t is string => typeof t === 'string') : null,
    imageSizeLimit: num(media.image_size_limit, DEFAULT_LIMITS.imageSizeLimit),
    imageMatrixLimit: num(media.image_matrix_limit, DEFAULT_LIMITS.imageMatrixLimit),
    videoSizeLimit: num(media.video_size_limit, DEFAULT_LIMITS.videoSizeLimit),
    videoMatrixLimit: num(media.video_matrix_limit, DEFAULT_LIMITS.videoMatrixLimit),
    pollMaxOptions: num(polls.max_options, DEFAULT_LIMITS.pollMaxOptions),
    pollMaxCharactersPerOption: num(polls.max_characters_per_option, DEFAULT_LIMITS.pollMaxCharactersPerOption),
    pollMinExpiration: num(polls.min_expiration, DEFAULT_LIMITS.pollMinExpiration),
    pollMaxExpiration: num(polls.max_expiration, DEFAULT_LIMITS.pollMaxExpiration),
  };
}

function versionAtLeast(version: string, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

/** Servers whose scheduled_statuses API Kairos trusts by default. */
export function supportsServerScheduling(software: string, version: string): boolean {
  return (software === 'mastodon' || software === 'hometown') && versionAtLeast(version, 2, 7);
}

async function get(api: MastodonApi, path: string) {
  return api.call<unknown>({ method: 'GET', path, anonymous: true, acceptAll: true, timeoutMs: 15_000 });
}

async function nodeInfoSoftware(api: MastodonApi): Promise<{ name: string; version: string } | null> {
  try {
    const index = await get(api, '/.well-known/nodeinfo');
    if (index.status !== 200) return null;
    const links = obj(index.body).links;
    if (!Array.isArray(links)) return null;
    const link = links
      .map(obj)
      .filter(
        (l) => typeof l.rel === 'string' && /nodeinfo\.diaspora\.software\/ns\/schema\/2\.[01]$/.test(l.rel) && typeof l.href === 'string',
      )
      .map((l) => l.href as string)
      .sort()
      .at(-1);
    const linkUrl = link ? parseUrl(link) : null;
    if (!linkUrl || linkUrl.origin !== api.origin) return null;
    const doc = await api.call<unknown>({
      method: 'GET',
      path: linkUrl.pathname,
      anonymous: true,
      acceptAll: true,
      timeoutMs: 15_000,
    });
    const sw = obj(obj(doc.body).software);
    return typeof sw.name === 'string' ? { name: sw.name.toLowerCase(), version: typeof sw.version === 'string' ? sw.version : '' } : null;
  } catch (e) {
    // No NodeInfo (unreachable, refused, too large): the server is simply not identified.
    if (isRequestFailure(e)) return null;
    throw e;
  }
}

async function pkceSupported(api: MastodonApi): Promise<boolean> {
  try {
    const meta = await get(api, '/.well-known/oauth-authorization-server');
    const methods = obj(meta.body).code_challenge_methods_supported;
    return meta.status === 200 && Array.isArray(methods) && methods.includes('S256');
  } catch (e) {
    // No authorization-server metadata: older Mastodon, which has no PKCE either.
    if (isRequestFailure(e)) return false;
    throw e;
  }
}

/** Follows a handle to the host that serves it (the handle's domain may differ from the web domain). */
async function webfingerOrigin(address: InstanceAddress): Promise<string | null> {
  if (!address.username) return null;
  const api = new MastodonApi(address.origin, null);
  try {
    const res = await api.call<unknown>({
      method: 'GET',
      path: '/.well-known/webfinger',
      query: { resource: `acct:${address.username}@${address.host}` },
      anonymous: true,
      acceptAll: true,
      timeoutMs: 15_000,
    });
    const links = obj(res.body).links;
    if (res.status !== 200 || !Array.isArray(links)) return null;
    const self = links.map(obj).find((l) => l.rel === 'self' && typeof l.href === 'string');
    return self ? (parseUrl(self.href as string)?.origin ?? null) : null;
  } catch (e) {
    // No WebFinger answer: the handle's own domain is taken as the server.
    if (isRequestFailure(e)) return null;
    throw e;
  }
}

function unreachable(host: string, e: PlatformError): PlatformError {
  return new PlatformError(
    'network',
    `${host} could not be reached. Check the address; if it is right, the server may be down, so try again later.`,
    {
      ...e.options,
      field: 'instance',
    },
  );
}

export async function discoverInstance(address: InstanceAddress, followed = false): Promise<InstanceInfo> {
  const api = new MastodonApi(address.origin, null);
  let v2: Awaited<ReturnType<typeof get>>;
  try {
    v2 = await get(api, '/api/v2/instance');
  } catch (e) {
    if (e instanceof PlatformError && (e.kind === 'network' || e.kind === 'transient')) throw unreachable(address.host, e);
    throw e;
  }
  let info: { domain: string; title: string; version: string; limits: MastodonLimits } | null = null;
  const b2 = obj(v2.body);
  if (v2.status === 200 && typeof b2.version === 'string' && (b2.domain || b2.configuration)) {
    info = {
      domain: String(b2.domain ?? address.host),
      title: String(b2.title ?? address.host),
      version: b2.version,
      limits: limitsFrom(b2.configuration),
    };
  } else {
    const v1 = await get(api, '/api/v1/instance');
    const b1 = obj(v1.body);
    if (v1.status === 200 && typeof b1.version === 'string' && typeof b1.uri === 'string') {
      info = {
        domain: b1.uri.replace(/^https?:\/\//, ''),
        title: String(b1.title ?? address.host),
        version: b1.version,
        limits: limitsFrom(b1.configuration, b1.max_toot_chars),
      };
    } else if (v2.status >= 500 && v1.status >= 500) {
      throw new PlatformError('transient', `${address.host} is having problems right now (${v1.status}). Try again in a few minutes.`, {
        field: 'instance',
      });
    }
  }
  if (!info) {
    const elsewhere = address.fromHandle && !followed ? await webfingerOrigin(address) : null;
    if (elsewhere && elsewhere !== address.origin)
      return discoverInstance({ ...parseInstanceInput(elsewhere), username: address.username }, true);
    throw new PlatformError(
      'invalid',
      `${address.host} answered, but it is not a Mastodon-compatible server (it has no Mastodon API). Check the address of your server.`,
      { field: 'instance' },
    );
  }
  const nodeInfo = await nodeInfoSoftware(api);
  const compat = /compatible; ([A-Za-z-]+) ([\w.+-]+)/.exec(info.version);
  const software = nodeInfo?.name ?? compat?.[1]?.toLowerCase() ?? 'mastodon';
  const version = nodeInfo?.version || compat?.[2] || info.version;
  return {
    origin: address.origin,
    domain: info.domain,
    title: info.title,
    software,
    version,
    limits: info.limits,
    pkce: await pkceSupported(api),
    scheduling: supportsServerScheduling(software, version),
  };
}

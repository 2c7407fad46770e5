// Turns what a person types for their server (mastodon.social, https://example.org, @me@example.org) into an origin.

import { parseUrl } from '../../core/parse';
import { isEncryptedOrLoopback, isLoopbackHostname } from '../../core/platforms/loopback';
import { PlatformError } from '../../core/platforms/types';

export interface InstanceAddress {
  /** scheme://host[:port], no trailing slash. */
  readonly origin: string;
  readonly host: string;
  /** The username when the person typed a handle or a profile link. */
  readonly username: string | null;
  readonly fromHandle: boolean;
}

const HANDLE = /^@?([\p{L}\p{N}_.-]+)@([^@\s/]+)$/u;
const HOST = /^(?:[\p{L}\p{N}-]+\.)+[\p{L}\p{N}-]{2,}$|^localhost$|^\[::1\]$/u;

function invalidAddress(): PlatformError {
  return new PlatformError(
    'invalid',
    'That does not look like a server address. Type it like mastodon.social, https://example.org or @you@example.org.',
    { field: 'instance' },
  );
}

/** Accepts https for every server and plain http only on this computer (local development servers). */
export function parseInstanceInput(raw: string): InstanceAddress {
  const text = raw.trim();
  if (text === '') throw invalidAddress();
  const handle = HANDLE.exec(text);
  const url = parseUrl(handle ? `https://${handle[2]}` : /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  if (!url) throw invalidAddress();
  const loopback = isLoopbackHostname(url.hostname);
  if (loopback && url.protocol === 'https:' && !/^https:\/\//i.test(text)) url.protocol = 'http:';
  if (!isEncryptedOrLoopback(url)) {
    throw new PlatformError(
      'invalid',
      'Kairos connects to servers over https only (plain http only to this computer: 127.0.0.1, ::1, localhost). Type the address starting with https://.',
      { field: 'instance' },
    );
  }
  if (!(loopback || HOST.test(url.hostname)) || url.username || url.password) throw invalidAddress();
  const fromPath = /^\/@([\p{L}\p{N}_.-]+)/u.exec(decodeURIComponent(url.pathname))?.[1] ?? null;
  return {
    origin: url.origin,
    host: url.host,
    username: handle ? (handle[1] as string) : fromPath,
    fromHandle: handle !== null,
  };
}

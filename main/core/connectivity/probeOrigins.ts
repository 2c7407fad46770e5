// Which servers to probe for "are we online?": the origins of the platforms the user's accounts live on.

import type { PlatformId } from '../../../shared/domain';
import { parseUrl } from '../parse';

/** Where an account of each platform lives when its settings name no server of their own. */
const PLATFORM_HOMES: Readonly<Record<PlatformId, string | null>> = {
  discord: 'https://discord.com',
  bluesky: 'https://bsky.social',
  // Every Mastodon account names its instance; there is no home to fall back to.
  mastodon: null,
  telegram: 'https://api.telegram.org',
  // Relays are WebSocket servers named by each account; there is no web home to probe.
  nostr: null,
  linkedin: 'https://api.linkedin.com',
  x: 'https://api.x.com',
};

/** More than this many servers is no more conclusive, only more traffic. */
export const MAX_PROBE_ORIGINS = 6;

function httpOrigin(value: unknown): string | null {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return null;
  const url = parseUrl(value);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.origin : null;
}

function originsIn(record: unknown): string[] {
  if (typeof record !== 'object' || record === null) return [];
  return Object.values(record as Record<string, unknown>)
    .map(httpOrigin)
    .filter((o): o is string => o !== null);
}

export interface ProbeAccount {
  readonly platform: PlatformId;
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * The servers an account talks to: URLs in its settings (a Mastodon instance, a Bluesky PDS) and in its
 * credentials (a Discord webhook), reduced to their origins so no path or token ever leaves this function;
 * the platform's home when neither names one.
 */
export function originsOfAccount(account: ProbeAccount, secret: unknown): string[] {
  const found = [...new Set([...originsIn(account.config), ...originsIn(secret)])];
  if (found.length > 0) return found;
  const home = PLATFORM_HOMES[account.platform];
  return home ? [home] : [];
}

/** Every account's origins, each once, capped at MAX_PROBE_ORIGINS. */
export function probeOrigins(accounts: readonly { readonly account: ProbeAccount; readonly secret: unknown }[]): string[] {
  const all = new Set<string>();
  for (const a of accounts) for (const o of originsOfAccount(a.account, a.secret)) all.add(o);
  return [...all].slice(0, MAX_PROBE_ORIGINS);
}

// Which servers to probe for "are we online?": the origins of the platforms the user's accounts live on.

import type { PlatformId } from '../../../shared/domain';
import { parseUrl } from '../parse';
import type { PlatformRegistry } from '../platforms/types';

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
 * when neither names one, the network's home as its adapter declares it (`probeOrigin`), else nothing.
 */
export function originsOfAccount(account: ProbeAccount, secret: unknown, platforms: PlatformRegistry): string[] {
  const found = [...new Set([...originsIn(account.config), ...originsIn(secret)])];
  if (found.length > 0) return found;
  const home = platforms.get(account.platform)?.probeOrigin;
  return home ? [home] : [];
}

/** Every account's origins, each once, capped at MAX_PROBE_ORIGINS. */
export function probeOrigins(
  accounts: readonly { readonly account: ProbeAccount; readonly secret: unknown }[],
  platforms: PlatformRegistry,
): string[] {
  const all = new Set<string>();
  for (const a of accounts) for (const o of originsOfAccount(a.account, a.secret, platforms)) all.add(o);
  return [...all].slice(0, MAX_PROBE_ORIGINS);
}

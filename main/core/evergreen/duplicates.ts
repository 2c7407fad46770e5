// How each network treats a post identical to an earlier one, for the evergreen queue's warnings.

import type { PlatformAdapter, PlatformRegistry, RepeatPolicy } from '../platforms/types';
import type { StoredAccount } from '../repos/accounts';

/**
 * What the network's adapter declares (`repeatPolicy`: X and LinkedIn refuse exact repeats, fediverse servers and
 * Bluesky feeds may filter them, Discord does not mind); a network that says nothing may hide repeats.
 */
export function duplicatePolicy(adapter: PlatformAdapter | undefined): RepeatPolicy {
  return adapter?.repeatPolicy ?? 'discourages';
}

/** Warnings for re-posting the same words to these accounts, given how many variations the post has. */
export function duplicateWarnings(accounts: readonly StoredAccount[], variants: number, platforms: PlatformRegistry): string[] {
  if (variants > 0) return [];
  const out: string[] = [];
  for (const a of accounts) {
    const policy = duplicatePolicy(platforms.get(a.platform));
    if (policy === 'refuses') out.push(`${a.name}: ${a.platform} refuses a post identical to an earlier one; add a variation.`);
    else if (policy === 'discourages') {
      out.push(`${a.name}: an identical repeat may be hidden as spam on ${a.platform}; add a variation so each re-post reads differently.`);
    }
  }
  return out;
}

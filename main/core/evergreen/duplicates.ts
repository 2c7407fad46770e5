// How each network treats a post identical to an earlier one, for the evergreen queue's warnings.

import { type Problem, problem } from '../../../shared/contract/problems';
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
export function duplicateWarnings(accounts: readonly StoredAccount[], variants: number, platforms: PlatformRegistry): Problem[] {
  if (variants > 0) return [];
  const out: Problem[] = [];
  for (const a of accounts) {
    const policy = duplicatePolicy(platforms.get(a.platform));
    if (policy === 'refuses') out.push(problem('evergreen_duplicate_refused', { account: a.name, platform: a.platform }));
    else if (policy === 'discourages') out.push(problem('evergreen_duplicate_discouraged', { account: a.name, platform: a.platform }));
  }
  return out;
}

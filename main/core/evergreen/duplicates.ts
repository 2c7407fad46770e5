// How each network treats a post identical to an earlier one, for the evergreen queue's warnings.

import { type Problem, problem } from '../../../shared/contract/problems';
import type { StoredAccount } from '../repos/accounts';

type DuplicatePolicy = 'refuses' | 'discourages' | 'allows';

/** From the networks' rules: X, LinkedIn and Facebook reject exact repeats; fediverse servers and Bluesky feeds may filter them. */
const POLICIES: Readonly<Record<string, DuplicatePolicy>> = {
  discord: 'allows',
  mastodon: 'discourages',
  bluesky: 'discourages',
  threads: 'discourages',
  x: 'refuses',
  twitter: 'refuses',
  linkedin: 'refuses',
  facebook: 'refuses',
  instagram: 'refuses',
};

export function duplicatePolicy(platform: string): DuplicatePolicy {
  return POLICIES[platform] ?? 'discourages';
}

/** Warnings for re-posting the same words to these accounts, given how many variations the post has. */
export function duplicateWarnings(accounts: readonly StoredAccount[], variants: number): Problem[] {
  if (variants > 0) return [];
  const out: Problem[] = [];
  for (const a of accounts) {
    const policy = duplicatePolicy(a.platform);
    if (policy === 'refuses') out.push(problem('evergreen_duplicate_refused', { account: a.name, platform: a.platform }));
    else if (policy === 'discourages') out.push(problem('evergreen_duplicate_discouraged', { account: a.name, platform: a.platform }));
  }
  return out;
}

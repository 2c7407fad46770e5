// How each network treats a post identical to an earlier one, for the evergreen queue's warnings.

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
export function duplicateWarnings(accounts: readonly StoredAccount[], variants: number): string[] {
  if (variants > 0) return [];
  const out: string[] = [];
  for (const a of accounts) {
    const policy = duplicatePolicy(a.platform);
    if (policy === 'refuses') out.push(`${a.name}: ${a.platform} refuses a post identical to an earlier one; add a variation.`);
    else if (policy === 'discourages') {
      out.push(`${a.name}: an identical repeat may be hidden as spam on ${a.platform}; add a variation so each re-post reads differently.`);
    }
  }
  return out;
}

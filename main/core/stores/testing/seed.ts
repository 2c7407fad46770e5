// Rows the store contracts need from stores outside their area (posts and their targets in given states), written
// the way each engine can: through the SQLite posts store and its transitions, or with plain INSERTs on PostgreSQL
// (main/testing/pgPublishingSeed.ts), where the posts store is not built yet. Both must leave the same rows.

import type { HoldKind } from '../../publishing/types';
import type { NewAccount } from '../../repos/accounts';
import type { Stores } from '../types';

export interface SeedTarget {
  readonly id: string;
  readonly accountId: string;
  /** scheduled (due at the post's time) or one of the states that need a decision. */
  readonly status: 'scheduled' | 'held' | 'failed' | 'unconfirmed' | 'missed';
  readonly textOverride?: string | null;
  /** For held. */
  readonly holdKind?: HoldKind;
  /** For held, failed and unconfirmed (a missed target gets missedReason). */
  readonly reason?: string;
}

export interface SeedPost {
  readonly id: string;
  readonly text: string;
  /** Every seeded post has a time (targets in a decision state come from a scheduled one). */
  readonly scheduledAt: number;
  readonly targets: readonly SeedTarget[];
}

export interface PublishingSeed {
  /** Writes the post with its targets (the accounts must exist), each target moved to its state. */
  post(p: SeedPost): Promise<void>;
}

/** The grace window a seeded missed target was missed by. */
export const SEED_GRACE_MS = 15 * 60_000;

/** The reason the scheduler gives a target missed at the grace window while Kairos was not running. */
export function missedReason(dueAt: number): string {
  return `It was due at ${new Date(dueAt).toISOString()} and could not go out within the ${Math.round(SEED_GRACE_MS / 60_000)}-minute grace window (Kairos was closed, asleep or offline). Publish it now, pick a new time, or discard it.`;
}

export function newAccount(id: string, name: string, now: number, over: Partial<NewAccount> = {}): NewAccount {
  return {
    id,
    platform: 'mastodon',
    name,
    handle: `@${name.toLowerCase()}`,
    avatarUrl: null,
    config: { instance: 'https://social.example' },
    sealedSecret: Buffer.from([1, 2, 3, 0, 255]),
    now,
    ...over,
  };
}

/** The SQLite seed: the posts store writes the post, the transitions move each target as the scheduler would. */
export function sqliteSeed(stores: Stores): PublishingSeed {
  return {
    async post(p) {
      await stores.posts.create(
        {
          id: p.id,
          text: p.text,
          timeZone: 'UTC',
          scheduledAt: p.scheduledAt,
          labels: [],
          options: {},
          parts: [],
          media: [],
          draft: false,
          targets: p.targets.map((t) => ({
            id: t.id,
            accountId: t.accountId,
            textOverride: t.textOverride ?? null,
            idempotencyKey: `key-${t.id}`,
          })),
          now: p.scheduledAt - 60_000,
        },
        'user',
      );
      const tr = stores.posts.transitions;
      for (const t of p.targets) {
        const reason = t.reason ?? 'seeded';
        if (t.status === 'held') {
          await tr.hold(t.id, t.holdKind ?? 'user', reason, p.scheduledAt, 'user');
        } else if (t.status === 'failed' || t.status === 'unconfirmed') {
          if (!(await tr.claim(t.id, p.scheduledAt, 60_000, null))) throw new Error(`The seed could not claim ${t.id}.`);
          await tr.finish(t.id, { status: t.status, reason }, p.scheduledAt, null, 'scheduler');
        } else if (t.status === 'missed') {
          // Every target still waiting and due before the window is missed too: seed missed ones before later ones.
          await tr.markMissed(p.scheduledAt + SEED_GRACE_MS + 1, SEED_GRACE_MS);
        }
      }
    },
  };
}

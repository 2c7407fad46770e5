// Rows the feature contracts stand on, written with plain INSERTs by each engine: accounts, posts and targets belong
// to stores tested elsewhere, and metric rows to the stores that gather them.

export interface SeedPost {
  readonly id: string;
  readonly scheduledAt?: number | null;
  readonly status?: string;
  readonly labels?: readonly string[];
  readonly options?: Record<string, unknown>;
  readonly createdAt?: number;
}

export interface SeedTarget {
  readonly id: string;
  readonly postId: string;
  readonly accountId: string;
  readonly status: string;
  readonly publishedAt?: number | null;
}

export interface SeedPart {
  readonly targetId: string;
  readonly index: number;
  readonly idempotencyKey: string;
  readonly remoteId?: string | null;
  readonly remoteUrl?: string | null;
  readonly remoteRef?: Readonly<Record<string, string>> | null;
}

export interface SeedCounts {
  readonly likes: number | null;
  readonly reposts: number | null;
  readonly replies: number | null;
  readonly quotes: number | null;
  readonly at: number | null;
}

export interface FeatureSeed {
  account(id: string, o?: { platform?: string; status?: string }): Promise<void>;
  post(p: SeedPost): Promise<void>;
  target(t: SeedTarget): Promise<void>;
  part(p: SeedPart): Promise<void>;
  /** Pauses publishing: 'all', or one account by its id. */
  pause(scope: string): Promise<void>;
  /** The reports' latest snapshot of a target (metric_latest). */
  metricLatest(targetId: string, c: SeedCounts & { deleted?: boolean }): Promise<void>;
  /** The Mastodon hand-off's numbers of a target (mastodon_metrics). */
  mastodonMetrics(targetId: string, c: SeedCounts & { remoteId: string }): Promise<void>;
  /** An app preference stored as given (a value of the wrong shape, as a hand edit leaves it). */
  appPreference(key: string, value: unknown): Promise<void>;
  /** A target's status changed behind the stores' back (cancelled, back to draft). */
  targetStatus(targetId: string, status: string): Promise<void>;
  /** How many rows a table holds (to see that a failed write left none). */
  count(table: 'posts' | 'targets' | 'evergreen_reposts' | 'target_followups'): Promise<number>;
}

export const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

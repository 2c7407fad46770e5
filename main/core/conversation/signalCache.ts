// The signal cache: each network's last answer per account (trends, mentions, searches) and term volumes over time.

import { z } from 'zod';
import { type SignalPost, SignalPostSchema, type TrendItem, TrendItemSchema } from '../../../shared/signals';
import type { Db } from '../db/database';
import { parseStored, StoredDataError } from '../stores/stored';

export type CachedKind = 'trends' | 'mentions' | 'search';

export interface Cached<T> {
  readonly items: readonly T[];
  readonly fetchedAt: number;
}

interface CacheRow {
  items: string;
  fetched_at: number;
}

/** How long volume measurements are kept: a week is enough to know what "usual" is. */
export const VOLUME_HISTORY_MS = 14 * 86_400_000;
/** Searches closer together than this measure the same moment; only the first one counts towards "usual". */
export const VOLUME_SAMPLE_SPACING_MS = 10 * 60_000;

export class SignalCacheRepo {
  readonly #get;
  readonly #put;
  readonly #addVolume;
  readonly #volumes;
  readonly #pruneVolumes;
  readonly #searches;
  readonly #lastVolumeAt;

  constructor(private readonly db: Db) {
    this.#get = db.prepare<[string, string, string], CacheRow>(
      'SELECT items, fetched_at FROM signal_cache WHERE account_id = ? AND kind = ? AND term = ?',
    );
    this.#put = db.prepare(
      `INSERT INTO signal_cache (account_id, kind, term, items, fetched_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (account_id, kind, term) DO UPDATE SET items = excluded.items, fetched_at = excluded.fetched_at`,
    );
    this.#addVolume = db.prepare('INSERT INTO term_volume (account_id, term, at, per_hour) VALUES (?, ?, ?, ?)');
    this.#volumes = db.prepare<[string, string, number, number], { per_hour: number }>(
      'SELECT per_hour FROM term_volume WHERE account_id = ? AND term = ? AND at >= ? AND at < ? ORDER BY at',
    );
    this.#pruneVolumes = db.prepare('DELETE FROM term_volume WHERE at < ?');
    this.#lastVolumeAt = db.prepare<[string, string], { at: number | null }>(
      'SELECT max(at) AS at FROM term_volume WHERE account_id = ? AND term = ?',
    );
    this.#searches = db.prepare<[string], { term: string }>(
      "SELECT term FROM signal_cache WHERE account_id = ? AND kind = 'search' ORDER BY term",
    );
  }

  #read<T>(schema: z.ZodType<T>, accountId: string, kind: CachedKind, term: string): Cached<T> | null {
    const row = this.#get.get(accountId, kind, term);
    if (!row) return null;
    try {
      return { items: parseStored(z.array(schema), row.items, 'saved_signals', accountId), fetchedAt: row.fetched_at };
    } catch (e) {
      // A cache: a damaged answer counts as none, and the next refresh writes a sound one over it.
      if (e instanceof StoredDataError) return null;
      throw e;
    }
  }

  trends(accountId: string): Cached<TrendItem> | null {
    return this.#read(TrendItemSchema, accountId, 'trends', '');
  }

  mentions(accountId: string): Cached<SignalPost> | null {
    return this.#read(SignalPostSchema, accountId, 'mentions', '');
  }

  search(accountId: string, term: string): Cached<SignalPost> | null {
    return this.#read(SignalPostSchema, accountId, 'search', term);
  }

  putTrends(accountId: string, items: readonly TrendItem[], fetchedAt: number): void {
    this.#put.run(accountId, 'trends', '', JSON.stringify(items), fetchedAt);
  }

  putMentions(accountId: string, items: readonly SignalPost[], fetchedAt: number): void {
    this.#put.run(accountId, 'mentions', '', JSON.stringify(items), fetchedAt);
  }

  /** Stores a search answer and the term's level at that moment, in one step. */
  putSearch(accountId: string, term: string, items: readonly SignalPost[], perHour: number, fetchedAt: number): void {
    this.db.transaction(() => {
      this.#put.run(accountId, 'search', term, JSON.stringify(items), fetchedAt);
      const last = this.#lastVolumeAt.get(accountId, term)?.at ?? null;
      if (last === null || fetchedAt - last >= VOLUME_SAMPLE_SPACING_MS) this.#addVolume.run(accountId, term, fetchedAt, perHour);
      this.#pruneVolumes.run(fetchedAt - VOLUME_HISTORY_MS);
    })();
  }

  /** Every cached search of an account, for re-reading them against a changed watchlist. */
  searches(accountId: string): { term: string; cached: Cached<SignalPost> }[] {
    return this.#searches.all(accountId).flatMap(({ term }) => {
      const cached = this.search(accountId, term);
      return cached ? [{ term, cached }] : [];
    });
  }

  /** Uses per hour measured in [from, to), oldest first. */
  volumes(accountId: string, term: string, from: number, to: number): number[] {
    return this.#volumes.all(accountId, term, from, to).map((r) => r.per_hour);
  }
}

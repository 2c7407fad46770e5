// The conversation stores on PostgreSQL (the SQLite ones are main/core/conversation/*Repo.ts and signalCache.ts,
// watchlist.ts): the panel's settings and awareness days, the signal cache with term volumes, the watchlist with its
// alerts, pre-flight checks, and the waiting-posts count of the offline badge.
//
// Ordering follows SQLite's: text compared byte by byte (COLLATE "C", as SQLite's BINARY), and where SQLite breaks a
// tie by rowid the table's `position` identity (migration 0007).

import type pg from 'pg';
import { z } from 'zod';
import type {
  ConversationAlert,
  ConversationSettings,
  PreflightDecision,
  UserAwarenessDay,
} from '../../../../shared/contract/conversation';
import { AwarenessRuleSchema, ConversationSettingsSchema } from '../../../../shared/contract/conversation';
import { normaliseTerm, type WatchSeverity, type WatchTerm } from '../../../../shared/conversation';
import type { PlatformId } from '../../../../shared/domain';
import { type SignalPost, SignalPostSchema, type TrendItem, TrendItemSchema } from '../../../../shared/signals';
import { NOT_WAITING } from '../../../core/connectivity/waitingPosts';
import type { CheckResult, PreflightCheck } from '../../../core/conversation/preflightRepo';
import { DEFAULT_CONVERSATION_SETTINGS } from '../../../core/conversation/settingsRepo';
import { type Cached, type CachedKind, VOLUME_HISTORY_MS, VOLUME_SAMPLE_SPACING_MS } from '../../../core/conversation/signalCache';
import type { NewAlert } from '../../../core/conversation/watchlist';
import { checkStored, StoredDataError } from '../../../core/stores/stored';
import type {
  ConversationSettingsStore,
  PreflightStore,
  SignalCacheStore,
  TransitionsStore,
  WaitingPostsStore,
  WatchlistStore,
} from '../../../core/stores/types';
import { appendEvent, at, ms, msOf, type Queryable, tx } from './pgDb';

type SettingKey = keyof ConversationSettings;

export class PgConversationSettingsStore implements ConversationSettingsStore {
  constructor(private readonly q: Queryable) {}

  within(c: pg.PoolClient): PgConversationSettingsStore {
    return new PgConversationSettingsStore(c);
  }

  async get(): Promise<ConversationSettings> {
    const { rows } = await this.q.query<{ key: string; value: unknown }>('SELECT key, value FROM conversation_settings');
    const out: Record<string, unknown> = { ...DEFAULT_CONVERSATION_SETTINGS };
    for (const row of rows) {
      // A key this version does not know (written by a newer one) is left alone.
      if (!Object.hasOwn(DEFAULT_CONVERSATION_SETTINGS, row.key)) continue;
      const key = row.key as SettingKey;
      out[key] = checkStored(ConversationSettingsSchema.shape[key], row.value, 'conversation_setting', key);
    }
    return out as ConversationSettings;
  }

  /** Saves the given settings (already validated by the contract) in one transaction and returns all of them. */
  async set(change: Partial<ConversationSettings>): Promise<ConversationSettings> {
    return tx(this.q, async (c) => {
      for (const [key, value] of Object.entries(change)) {
        if (value === undefined) continue;
        // jsonb from its JSON text: node-postgres would send a list as a PostgreSQL array.
        await c.query(
          `INSERT INTO conversation_settings (key, value) VALUES ($1, $2::jsonb)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          [key, JSON.stringify(value)],
        );
      }
      return this.within(c).get();
    });
  }

  async userDays(): Promise<UserAwarenessDay[]> {
    const { rows } = await this.q.query<{ id: string; name: string; rule: unknown; url: string | null; created_at: Date }>(
      'SELECT id, name, rule, url, created_at FROM awareness_days ORDER BY created_at, id COLLATE "C"',
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      rule: checkStored(AwarenessRuleSchema, r.rule, 'awareness_rule', r.name),
      url: r.url,
      createdAt: msOf(r.created_at),
    }));
  }

  async addUserDay(day: UserAwarenessDay): Promise<UserAwarenessDay> {
    await this.q.query('INSERT INTO awareness_days (id, name, rule, url, created_at) VALUES ($1, $2, $3::jsonb, $4, $5)', [
      day.id,
      day.name,
      JSON.stringify(day.rule),
      day.url,
      at(day.createdAt),
    ]);
    return day;
  }

  async removeUserDay(id: string): Promise<boolean> {
    const r = await this.q.query('DELETE FROM awareness_days WHERE id = $1', [id]);
    return (r.rowCount ?? 0) > 0;
  }
}

export class PgSignalCacheStore implements SignalCacheStore {
  constructor(private readonly q: Queryable) {}

  within(c: pg.PoolClient): PgSignalCacheStore {
    return new PgSignalCacheStore(c);
  }

  async #read<T>(schema: z.ZodType<T>, accountId: string, kind: CachedKind, term: string): Promise<Cached<T> | null> {
    const { rows } = await this.q.query<{ items: unknown; fetched_at: Date }>(
      'SELECT items, fetched_at FROM signal_cache WHERE account_id = $1 AND kind = $2 AND term = $3',
      [accountId, kind, term],
    );
    const row = rows[0];
    if (!row) return null;
    try {
      return { items: checkStored(z.array(schema), row.items, 'saved_signals', accountId), fetchedAt: msOf(row.fetched_at) };
    } catch (e) {
      // A cache: a damaged answer counts as none, and the next refresh writes a sound one over it.
      if (e instanceof StoredDataError) return null;
      throw e;
    }
  }

  async #put(q: Queryable, accountId: string, kind: CachedKind, term: string, items: readonly unknown[], fetchedAt: number): Promise<void> {
    await q.query(
      `INSERT INTO signal_cache (account_id, kind, term, items, fetched_at) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (account_id, kind, term) DO UPDATE SET items = excluded.items, fetched_at = excluded.fetched_at`,
      [accountId, kind, term, JSON.stringify(items), at(fetchedAt)],
    );
  }

  trends(accountId: string): Promise<Cached<TrendItem> | null> {
    return this.#read(TrendItemSchema, accountId, 'trends', '');
  }

  mentions(accountId: string): Promise<Cached<SignalPost> | null> {
    return this.#read(SignalPostSchema, accountId, 'mentions', '');
  }

  search(accountId: string, term: string): Promise<Cached<SignalPost> | null> {
    return this.#read(SignalPostSchema, accountId, 'search', term);
  }

  putTrends(accountId: string, items: readonly TrendItem[], fetchedAt: number): Promise<void> {
    return this.#put(this.q, accountId, 'trends', '', items, fetchedAt);
  }

  putMentions(accountId: string, items: readonly SignalPost[], fetchedAt: number): Promise<void> {
    return this.#put(this.q, accountId, 'mentions', '', items, fetchedAt);
  }

  /** Stores a search answer and the term's level at that moment, in one transaction. */
  async putSearch(accountId: string, term: string, items: readonly SignalPost[], perHour: number, fetchedAt: number): Promise<void> {
    await tx(this.q, async (c) => {
      await this.#put(c, accountId, 'search', term, items, fetchedAt);
      const { rows } = await c.query<{ at: Date | null }>('SELECT max(at) AS at FROM term_volume WHERE account_id = $1 AND term = $2', [
        accountId,
        term,
      ]);
      const last = ms(rows[0]?.at);
      if (last === null || fetchedAt - last >= VOLUME_SAMPLE_SPACING_MS)
        await c.query('INSERT INTO term_volume (account_id, term, at, per_hour) VALUES ($1, $2, $3, $4)', [
          accountId,
          term,
          at(fetchedAt),
          perHour,
        ]);
      await c.query('DELETE FROM term_volume WHERE at < $1', [at(fetchedAt - VOLUME_HISTORY_MS)]);
    });
  }

  /** Every cached search of an account, for re-reading them against a changed watchlist. */
  async searches(accountId: string): Promise<{ term: string; cached: Cached<SignalPost> }[]> {
    const { rows } = await this.q.query<{ term: string; items: unknown; fetched_at: Date }>(
      `SELECT term, items, fetched_at FROM signal_cache WHERE account_id = $1 AND kind = 'search' ORDER BY term COLLATE "C"`,
      [accountId],
    );
    return rows.flatMap((r) => {
      try {
        const items = checkStored(z.array(SignalPostSchema), r.items, 'saved_signals', accountId);
        return [{ term: r.term, cached: { items, fetchedAt: msOf(r.fetched_at) } }];
      } catch (e) {
        if (e instanceof StoredDataError) return [];
        throw e;
      }
    });
  }

  /** Uses per hour measured in [from, to), oldest first. */
  async volumes(accountId: string, term: string, from: number, to: number): Promise<number[]> {
    const { rows } = await this.q.query<{ per_hour: number }>(
      'SELECT per_hour FROM term_volume WHERE account_id = $1 AND term = $2 AND at >= $3 AND at < $4 ORDER BY at',
      [accountId, term, at(from), at(to)],
    );
    return rows.map((r) => r.per_hour);
  }
}

interface WatchRow {
  id: string;
  term: string;
  severity: WatchSeverity;
  created_at: Date;
}

interface AlertRow {
  id: string;
  kind: ConversationAlert['kind'];
  term: string;
  severity: WatchSeverity;
  source: ConversationAlert['source'];
  platform: PlatformId | null;
  account_id: string | null;
  post_id: string | null;
  text: string;
  url: string | null;
  created_at: Date;
}

const toWatch = (r: WatchRow): WatchTerm => ({ id: r.id, term: r.term, severity: r.severity, createdAt: msOf(r.created_at) });

const toAlert = (r: AlertRow): ConversationAlert => ({
  id: r.id,
  kind: r.kind,
  term: r.term,
  severity: r.severity,
  source: r.source,
  platform: r.platform,
  accountId: r.account_id,
  postId: r.post_id,
  text: r.text,
  url: r.url,
  createdAt: msOf(r.created_at),
});

export class PgWatchlistStore implements WatchlistStore {
  constructor(private readonly q: Queryable) {}

  within(c: pg.PoolClient): PgWatchlistStore {
    return new PgWatchlistStore(c);
  }

  async list(): Promise<WatchTerm[]> {
    const { rows } = await this.q.query<WatchRow>('SELECT id, term, severity, created_at FROM watch_terms ORDER BY term COLLATE "C"');
    return rows.map(toWatch);
  }

  /** Adds a term; an existing term (compared case-insensitively) gets the new severity instead, keeping its id. */
  async add(id: string, term: string, severity: WatchSeverity, now: number): Promise<WatchTerm> {
    // One statement, so two people adding the same term at once both end with the one row.
    const { rows } = await this.q.query<WatchRow>(
      `INSERT INTO watch_terms (id, term, severity, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (term) DO UPDATE SET severity = excluded.severity
       RETURNING id, term, severity, created_at`,
      [id, normaliseTerm(term), severity, at(now)],
    );
    return toWatch(rows[0] as WatchRow);
  }

  async remove(id: string): Promise<boolean> {
    const r = await this.q.query('DELETE FROM watch_terms WHERE id = $1', [id]);
    return (r.rowCount ?? 0) > 0;
  }

  /** Records an alert unless the same thing already alerted; returns it only when it is new. */
  async raise(alert: NewAlert, now: number): Promise<ConversationAlert | null> {
    const r = await this.q.query(
      `INSERT INTO conversation_alerts
         (id, kind, dedupe_key, watch_term_id, term, severity, source, platform, account_id, post_id, text, url, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        alert.id,
        alert.kind,
        alert.dedupeKey,
        alert.watchTermId,
        alert.term,
        alert.severity,
        alert.source,
        alert.platform,
        alert.accountId,
        alert.postId,
        alert.text,
        alert.url,
        at(now),
      ],
    );
    if ((r.rowCount ?? 0) === 0) return null;
    const { dedupeKey: _k, watchTermId: _w, ...view } = alert;
    return { ...view, createdAt: now };
  }

  async active(limit = 50): Promise<ConversationAlert[]> {
    const { rows } = await this.q.query<AlertRow>(
      `SELECT id, kind, term, severity, source, platform, account_id, post_id, text, url, created_at FROM conversation_alerts
       WHERE dismissed_at IS NULL ORDER BY created_at DESC, position DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toAlert);
  }

  async dismiss(id: string, now: number): Promise<boolean> {
    const r = await this.q.query('UPDATE conversation_alerts SET dismissed_at = $1 WHERE id = $2 AND dismissed_at IS NULL', [at(now), id]);
    return (r.rowCount ?? 0) > 0;
  }

  /** A decision about a held post answers its pre-flight alerts. */
  async resolvePreflight(postId: string, now: number): Promise<void> {
    await this.q.query(
      "UPDATE conversation_alerts SET dismissed_at = $1 WHERE post_id = $2 AND kind = 'preflight' AND dismissed_at IS NULL",
      [at(now), postId],
    );
  }
}

/** The two target transitions a pre-flight check makes, joined to its transaction (the transitions store's). */
export type PreflightTransitions = Pick<TransitionsStore, 'holdForPreflight' | 'releasePreflight'>;

interface CheckRow {
  target_id: string;
  due_at: Date;
  post_id: string;
  checked_at: Date;
  result: CheckResult;
  reason: string;
  decision: PreflightDecision | null;
  decided_at: Date | null;
}

const CHECK_COLUMNS = 'c.target_id, c.due_at, c.post_id, c.checked_at, c.result, c.reason, c.decision, c.decided_at';

const toCheck = (r: CheckRow): PreflightCheck => ({
  targetId: r.target_id,
  dueAt: msOf(r.due_at),
  postId: r.post_id,
  checkedAt: msOf(r.checked_at),
  result: r.result,
  reason: r.reason,
  decision: r.decision,
  decidedAt: ms(r.decided_at),
});

const CHECK_KIND: Readonly<Record<CheckResult, string>> = {
  held: 'pre-flight check: held',
  clear: 'pre-flight check: clear',
  skipped: 'pre-flight check: skipped',
};

const DECISION_DETAIL: Readonly<Record<PreflightDecision, string>> = {
  send: 'Send anyway: back in the queue.',
  hold: 'Hold: stays held until it is rescheduled or edited.',
  edit: 'Edit: stays held; saving the edited post puts it back in the queue and checks it again.',
};

export class PgPreflightStore implements PreflightStore {
  /**
   * `transitionsWithin` gives the transitions store over a client in a transaction (TransitionsStore.within): a
   * check that holds, and a "send anyway", change the targets in the same transaction as the check's row.
   */
  constructor(
    private readonly q: Queryable,
    private readonly transitionsWithin: (c: pg.PoolClient) => PreflightTransitions,
  ) {}

  within(c: pg.PoolClient): PgPreflightStore {
    return new PgPreflightStore(c, this.transitionsWithin);
  }

  async checkOf(targetId: string, dueAt: number): Promise<PreflightCheck | null> {
    const { rows } = await this.q.query<CheckRow>(
      `SELECT ${CHECK_COLUMNS} FROM preflight_checks c WHERE c.target_id = $1 AND c.due_at = $2`,
      [targetId, at(dueAt)],
    );
    return rows[0] ? toCheck(rows[0]) : null;
  }

  async lastCheckOfPost(postId: string): Promise<PreflightCheck | null> {
    const { rows } = await this.q.query<CheckRow>(
      `SELECT ${CHECK_COLUMNS} FROM preflight_checks c WHERE c.post_id = $1 ORDER BY c.checked_at DESC, c.position DESC LIMIT 1`,
      [postId],
    );
    return rows[0] ? toCheck(rows[0]) : null;
  }

  /** Checks that held a target which is still held: the ones waiting for the user, in the post's target order. */
  async waitingChecks(postId: string): Promise<PreflightCheck[]> {
    return this.#waiting(this.q, postId, false);
  }

  async #waiting(q: Queryable, postId: string, lock: boolean): Promise<PreflightCheck[]> {
    // Locked for a decision: a second answer at the same moment waits, then finds the targets no longer held.
    const { rows } = await q.query<CheckRow>(
      `SELECT ${CHECK_COLUMNS} FROM preflight_checks c JOIN targets t ON t.id = c.target_id
       WHERE c.post_id = $1 AND c.result = 'held' AND t.status = 'held' AND t.hold_kind = 'preflight'
       ORDER BY t.position${lock ? ' FOR UPDATE OF c, t' : ''}`,
      [postId],
    );
    return rows.map(toCheck);
  }

  async #record(
    c: pg.PoolClient,
    postId: string,
    t: { targetId: string; dueAt: number },
    result: CheckResult,
    reason: string,
    now: number,
  ) {
    await c.query(
      `INSERT INTO preflight_checks (target_id, due_at, post_id, checked_at, result, reason) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (target_id, due_at) DO UPDATE SET checked_at = excluded.checked_at, result = excluded.result,
         reason = excluded.reason, decision = NULL, decided_at = NULL`,
      [t.targetId, at(t.dueAt), postId, at(now), result, reason],
    );
  }

  /**
   * Records a check of a post's targets and writes it to the post's history, in one transaction. When it holds,
   * the targets move to `held` (only those still waiting to publish) and only those get the check's row.
   * Returns the targets actually held.
   */
  async recordCheck(
    postId: string,
    targets: readonly { targetId: string; accountId: string; dueAt: number }[],
    result: CheckResult,
    reason: string,
    now: number,
  ): Promise<string[]> {
    return tx(this.q, async (c) => {
      const kind = CHECK_KIND[result];
      if (result !== 'held') {
        for (const t of targets) await this.#record(c, postId, t, result, reason, now);
        await appendEvent(c, { at: now, actor: 'system', kind, postId, detail: reason });
        return [];
      }
      const held = await this.transitionsWithin(c).holdForPreflight(
        postId,
        targets.map((t) => t.targetId),
        `Held by the pre-flight check: ${reason}`,
        now,
        { actor: 'system', kind, detail: reason },
      );
      for (const t of targets) if (held.includes(t.targetId)) await this.#record(c, postId, t, result, reason, now);
      return held;
    });
  }

  /**
   * The user's answer to a held post. "send" puts its held targets back in the queue (due now if their time has
   * passed); "hold" and "edit" keep them held. Returns the checks that were answered.
   */
  async decide(postId: string, decision: PreflightDecision, now: number, actor: 'user' | 'cli'): Promise<PreflightCheck[]> {
    return tx(this.q, async (c) => {
      const waiting = await this.#waiting(c, postId, true);
      if (waiting.length === 0) return waiting;
      for (const w of waiting)
        await c.query('UPDATE preflight_checks SET decision = $1, decided_at = $2 WHERE target_id = $3 AND due_at = $4', [
          decision,
          at(now),
          w.targetId,
          at(w.dueAt),
        ]);
      const event = { actor, kind: 'pre-flight decision', detail: DECISION_DETAIL[decision] };
      if (decision === 'send') {
        const back = waiting.map((w) => ({ targetId: w.targetId, dueAt: Math.max(w.dueAt, now) }));
        await this.transitionsWithin(c).releasePreflight(postId, back, now, event);
      } else {
        await appendEvent(c, { at: now, postId, ...event });
      }
      return waiting;
    });
  }

  async isPostSkipped(postId: string): Promise<boolean> {
    const { rows } = await this.q.query('SELECT 1 FROM preflight_skipped_posts WHERE post_id = $1', [postId]);
    return rows.length > 0;
  }

  async setPostSkipped(postId: string, skip: boolean, now: number): Promise<void> {
    if (skip)
      await this.q.query('INSERT INTO preflight_skipped_posts (post_id, created_at) VALUES ($1, $2) ON CONFLICT (post_id) DO NOTHING', [
        postId,
        at(now),
      ]);
    else await this.q.query('DELETE FROM preflight_skipped_posts WHERE post_id = $1', [postId]);
  }
}

export class PgWaitingPostsStore implements WaitingPostsStore {
  constructor(private readonly q: Queryable) {}

  /** Posts due by `now` with at least one account still to publish to. */
  async count(now: number): Promise<number> {
    const { rows } = await this.q.query<{ n: number }>(
      `SELECT count(DISTINCT t.post_id)::int AS n FROM targets t JOIN posts p ON p.id = t.post_id
       WHERE p.scheduled_at <= $1 AND t.status <> ALL ($2::text[])`,
      [at(now), [...NOT_WAITING]],
    );
    return rows[0]?.n ?? 0;
  }
}

// The watchlist (terms with a severity) and the alerts raised when one of them shows up.

import type { ConversationAlert } from '../../../shared/contract/conversation';
import { normaliseTerm, type WatchSeverity, type WatchTerm } from '../../../shared/conversation';
import type { PlatformId } from '../../../shared/domain';
import type { Db } from '../db/database';

interface WatchRow {
  id: string;
  term: string;
  severity: WatchSeverity;
  created_at: number;
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
  created_at: number;
}

export interface NewAlert extends Omit<ConversationAlert, 'createdAt'> {
  /** What makes two alerts the same thing (the same trend on the same account, the same mention…). */
  readonly dedupeKey: string;
  readonly watchTermId: string | null;
}

const toWatch = (r: WatchRow): WatchTerm => ({ id: r.id, term: r.term, severity: r.severity, createdAt: r.created_at });

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
  createdAt: r.created_at,
});

export class WatchlistRepo {
  readonly #list;
  readonly #add;
  readonly #remove;
  readonly #setSeverity;
  readonly #byTerm;
  readonly #insertAlert;
  readonly #active;
  readonly #dismiss;
  readonly #dismissForPost;

  constructor(db: Db) {
    this.#list = db.prepare<[], WatchRow>('SELECT id, term, severity, created_at FROM watch_terms ORDER BY term');
    this.#add = db.prepare('INSERT INTO watch_terms (id, term, severity, created_at) VALUES (?, ?, ?, ?)');
    this.#remove = db.prepare('DELETE FROM watch_terms WHERE id = ?');
    this.#setSeverity = db.prepare('UPDATE watch_terms SET severity = ? WHERE id = ?');
    this.#byTerm = db.prepare<[string], WatchRow>('SELECT id, term, severity, created_at FROM watch_terms WHERE term = ?');
    this.#insertAlert = db.prepare(
      `INSERT INTO conversation_alerts (id, kind, dedupe_key, watch_term_id, term, severity, source, platform, account_id, post_id, text, url, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
    );
    this.#active = db.prepare<[number], AlertRow>(
      `SELECT id, kind, term, severity, source, platform, account_id, post_id, text, url, created_at FROM conversation_alerts
       WHERE dismissed_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    );
    this.#dismiss = db.prepare('UPDATE conversation_alerts SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL');
    this.#dismissForPost = db.prepare(
      "UPDATE conversation_alerts SET dismissed_at = ? WHERE post_id = ? AND kind = 'preflight' AND dismissed_at IS NULL",
    );
  }

  list(): WatchTerm[] {
    return this.#list.all().map(toWatch);
  }

  /** Adds a term; an existing term (compared case-insensitively) gets the new severity instead. */
  add(id: string, term: string, severity: WatchSeverity, now: number): WatchTerm {
    const key = normaliseTerm(term);
    const existing = this.#byTerm.get(key);
    if (existing) this.#setSeverity.run(severity, existing.id);
    else this.#add.run(id, key, severity, now);
    return toWatch(this.#byTerm.get(key) as WatchRow);
  }

  remove(id: string): boolean {
    return this.#remove.run(id).changes > 0;
  }

  /** Records an alert unless the same thing already alerted; returns it only when it is new. */
  raise(alert: NewAlert, now: number): ConversationAlert | null {
    const res = this.#insertAlert.run(
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
      now,
    );
    if (res.changes === 0) return null;
    const { dedupeKey: _k, watchTermId: _w, ...view } = alert;
    return { ...view, createdAt: now };
  }

  active(limit = 50): ConversationAlert[] {
    return this.#active.all(limit).map(toAlert);
  }

  dismiss(id: string, now: number): boolean {
    return this.#dismiss.run(now, id).changes > 0;
  }

  /** A decision about a held post answers its pre-flight alerts. */
  resolvePreflight(postId: string, now: number): void {
    this.#dismissForPost.run(now, postId);
  }
}

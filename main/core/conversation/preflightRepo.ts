// Pre-flight records: each check per target and due time, the user's decision, per-post opt-outs, and holding a target.

import type { PreflightDecision } from '../../../shared/contract/conversation';
import type { Db } from '../db/database';
import type { EventLog } from '../repos/events';
import type { PostsRepo } from '../repos/posts';

export type CheckResult = 'clear' | 'held' | 'skipped';

export interface PreflightCheck {
  readonly targetId: string;
  readonly dueAt: number;
  readonly postId: string;
  readonly checkedAt: number;
  readonly result: CheckResult;
  readonly reason: string;
  readonly decision: PreflightDecision | null;
  readonly decidedAt: number | null;
}

interface CheckRow {
  target_id: string;
  due_at: number;
  post_id: string;
  checked_at: number;
  result: CheckResult;
  reason: string;
  decision: PreflightDecision | null;
  decided_at: number | null;
}

const toCheck = (r: CheckRow): PreflightCheck => ({
  targetId: r.target_id,
  dueAt: r.due_at,
  postId: r.post_id,
  checkedAt: r.checked_at,
  result: r.result,
  reason: r.reason,
  decision: r.decision,
  decidedAt: r.decided_at,
});

export class PreflightRepo {
  readonly #s;

  constructor(
    private readonly db: Db,
    private readonly posts: PostsRepo,
    private readonly events: EventLog,
  ) {
    this.#s = {
      check: db.prepare<[string, number], CheckRow>('SELECT * FROM preflight_checks WHERE target_id = ? AND due_at = ?'),
      record: db.prepare(
        `INSERT INTO preflight_checks (target_id, due_at, post_id, checked_at, result, reason) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (target_id, due_at) DO UPDATE SET checked_at = excluded.checked_at, result = excluded.result,
         reason = excluded.reason, decision = NULL, decided_at = NULL`,
      ),
      lastOfPost: db.prepare<[string], CheckRow>(
        'SELECT * FROM preflight_checks WHERE post_id = ? ORDER BY checked_at DESC, rowid DESC LIMIT 1',
      ),
      heldOfPost: db.prepare<[string], CheckRow>(
        `SELECT c.* FROM preflight_checks c JOIN targets t ON t.id = c.target_id
         WHERE c.post_id = ? AND c.result = 'held' AND t.status = 'held' AND t.hold_kind = 'preflight' ORDER BY t.rowid`,
      ),
      decide: db.prepare('UPDATE preflight_checks SET decision = ?, decided_at = ? WHERE target_id = ? AND due_at = ?'),
      skipped: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM preflight_skipped_posts WHERE post_id = ?'),
      skip: db.prepare('INSERT INTO preflight_skipped_posts (post_id, created_at) VALUES (?, ?) ON CONFLICT (post_id) DO NOTHING'),
      unskip: db.prepare('DELETE FROM preflight_skipped_posts WHERE post_id = ?'),
    };
  }

  checkOf(targetId: string, dueAt: number): PreflightCheck | null {
    const row = this.#s.check.get(targetId, dueAt);
    return row ? toCheck(row) : null;
  }

  lastCheckOfPost(postId: string): PreflightCheck | null {
    const row = this.#s.lastOfPost.get(postId);
    return row ? toCheck(row) : null;
  }

  /** Checks that held a target which is still held: the ones waiting for the user. */
  waitingChecks(postId: string): PreflightCheck[] {
    return this.#s.heldOfPost.all(postId).map(toCheck);
  }

  /**
   * Records a check of a post's targets and writes it to the post's history, in one transaction. When it
   * holds, the targets move to `held` (only those still waiting to publish), so the scheduler leaves them.
   * Returns the targets actually held.
   */
  recordCheck(
    postId: string,
    targets: readonly { targetId: string; accountId: string; dueAt: number }[],
    result: CheckResult,
    reason: string,
    now: number,
  ): string[] {
    return this.db.transaction(() => {
      const kind =
        result === 'held' ? 'pre-flight check: held' : result === 'clear' ? 'pre-flight check: clear' : 'pre-flight check: skipped';
      if (result !== 'held') {
        for (const t of targets) this.#s.record.run(t.targetId, t.dueAt, postId, now, result, reason);
        this.events.append({ at: now, actor: 'system', kind, postId, detail: reason });
        return [];
      }
      const ids = targets.map((t) => t.targetId);
      const held = this.posts.transitions.holdForPreflight(postId, ids, `Held by the pre-flight check: ${reason}`, now, {
        actor: 'system',
        kind,
        detail: reason,
      });
      for (const t of targets) if (held.includes(t.targetId)) this.#s.record.run(t.targetId, t.dueAt, postId, now, result, reason);
      return held;
    })();
  }

  /**
   * The user's answer to a held post. "send" puts its held targets back in the queue (due now if their
   * time has passed); "hold" and "edit" keep them held. Returns the checks that were answered.
   */
  decide(postId: string, decision: PreflightDecision, now: number, actor: 'user' | 'cli'): PreflightCheck[] {
    return this.db.transaction(() => {
      const waiting = this.waitingChecks(postId);
      for (const c of waiting) this.#s.decide.run(decision, now, c.targetId, c.dueAt);
      if (waiting.length === 0) return waiting;
      const detail =
        decision === 'send'
          ? 'Send anyway: back in the queue.'
          : decision === 'hold'
            ? 'Hold: stays held until it is rescheduled or edited.'
            : 'Edit: stays held; saving the edited post puts it back in the queue and checks it again.';
      const event = { actor, kind: 'pre-flight decision', detail };
      if (decision === 'send') {
        const back = waiting.map((c) => ({ targetId: c.targetId, dueAt: Math.max(c.dueAt, now) }));
        this.posts.transitions.releasePreflight(postId, back, now, event);
      } else {
        this.events.append({ at: now, postId, ...event });
      }
      return waiting;
    })();
  }

  isPostSkipped(postId: string): boolean {
    return (this.#s.skipped.get(postId)?.n ?? 0) > 0;
  }

  setPostSkipped(postId: string, skip: boolean, now: number): void {
    if (skip) this.#s.skip.run(postId, now);
    else this.#s.unskip.run(postId);
  }
}

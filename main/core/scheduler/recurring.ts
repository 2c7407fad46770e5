// Recurring posts at run time: one upcoming occurrence per series, computed from the rule; late ones re-anchored, never fired twice.

import type { PostView } from '../../../shared/domain';
import { nextOccurrence, type Occurrence } from '../../../shared/time/recurrence';
import { newId, newIdempotencyKey } from '../ids';
import type { Actor } from '../repos/events';
import type { StoredSeries } from '../repos/recurrence';
import type { AccountsStore, PostsStore, SeriesStore } from '../stores/types';

export class RecurringPosts {
  constructor(
    readonly series: SeriesStore,
    private readonly posts: PostsStore,
    private readonly accounts: AccountsStore,
  ) {}

  /** Makes the post for one occurrence; its targets are the template's accounts that still exist. */
  async createOccurrence(s: StoredSeries, occurrence: Occurrence, now: number, actor: Actor): Promise<PostView | null> {
    const accountIds: string[] = [];
    for (const id of s.template.accountIds) if ((await this.accounts.get(id)) !== null) accountIds.push(id);
    if (accountIds.length === 0) return null;
    return this.posts.create(
      {
        id: newId('post', now),
        text: s.template.text,
        timeZone: s.spec.timeZone,
        scheduledAt: occurrence.instant,
        labels: s.template.labels,
        options: s.template.options,
        parts: s.template.parts,
        media: [],
        draft: false,
        targets: accountIds.map((accountId) => ({
          id: newId('tgt', now),
          accountId,
          textOverride: s.template.overrides[accountId] ?? null,
          idempotencyKey: newIdempotencyKey(),
        })),
        now,
        seriesId: s.id,
        occurrenceAt: occurrence.instant,
      },
      actor,
    );
  }

  /**
   * Keeps exactly one upcoming occurrence per active series: when the newest one is due or past, the next is
   * computed from the rule, after both now and that one, so a series never fires twice for one slot.
   */
  async materialize(now: number, actor: Actor = 'scheduler'): Promise<string[]> {
    const created: string[] = [];
    for (const s of await this.series.active()) {
      const latest = (await this.series.occurrences(s.id))[0];
      if (latest && latest.occurrenceAt > now) continue;
      const next = nextOccurrence(s.spec, Math.max(now, latest?.occurrenceAt ?? Number.NEGATIVE_INFINITY));
      if (!next) continue;
      const post = await this.createOccurrence(s, next, now, actor);
      if (post) created.push(post.id);
    }
    return created;
  }

  /**
   * An occurrence that came due more than the grace window ago (the app was closed or asleep) moves to the
   * series' next occurrence instead of going out late. Only the newest late one per series moves; any older
   * ones become `missed` like ordinary posts, so nothing is ever sent twice for the same slot.
   */
  async reanchorLate(now: number, graceMs: number): Promise<string[]> {
    const newestBySeries = new Map<string, { postId: string; occurrenceAt: number }>();
    for (const late of await this.series.lateOccurrences(now, graceMs)) {
      const cur = newestBySeries.get(late.seriesId);
      if (!cur || late.occurrenceAt > cur.occurrenceAt) newestBySeries.set(late.seriesId, late);
    }
    const moved: string[] = [];
    for (const [seriesId, late] of newestBySeries) {
      const s = await this.series.get(seriesId);
      const latest = (await this.series.occurrences(seriesId))[0];
      if (!s || latest?.postId !== late.postId) continue;
      const next = nextOccurrence(s.spec, now);
      if (!next) continue;
      await this.series.reanchor(
        late.postId,
        next.instant,
        now,
        `The ${new Date(late.occurrenceAt).toISOString()} occurrence passed while Kairos could not publish; moved to the next one, ${next.wall.date} ${next.wall.time} ${next.wall.timeZone}.`,
      );
      moved.push(late.postId);
    }
    return moved;
  }

  /**
   * After the rule or content changed: future occurrences that have not started are replaced by ones made from
   * the new series. Returns the post ids removed and created.
   */
  async replaceUpcoming(seriesId: string, now: number, actor: Actor): Promise<string[]> {
    const changed: string[] = [];
    for (const o of await this.series.occurrences(seriesId)) {
      if (o.occurrenceAt <= now) break;
      if (o.statuses.every((st) => st === 'scheduled')) {
        await this.posts.delete(o.postId, now);
        changed.push(o.postId);
      }
    }
    const s = await this.series.get(seriesId);
    if (s?.active) changed.push(...(await this.materialize(now, actor)));
    return changed;
  }
}

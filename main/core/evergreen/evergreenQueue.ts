// The evergreen pass: puts the oldest evergreen post of each label's queue into its accounts' next free slot.

import type { EvergreenPostView, EvergreenQueueView } from '../../../shared/contract/evergreen';
import { problem, wordsFor } from '../../../shared/contract/problems';
import { type PostView, SUMMARY_EXCERPT_CHARS } from '../../../shared/domain';
import { defaultSlots, nextFreeSlot, type SlotSchedule } from '../../../shared/time/slots';
import type { BackendContext } from '../context';
import { checkTargets } from '../handlers/posts';
import { newId, newIdempotencyKey } from '../ids';
import type { EvergreenStore, SlotsStore } from '../stores/types';
import { duplicateWarnings } from './duplicates';
import type { EvergreenCopy, EvergreenQueue } from './evergreenRepo';

const DAY_MS = 86_400_000;
/** How far ahead free slots are filled: far enough to see the week, near enough to leave room for new posts. */
export const EVERGREEN_LOOKAHEAD_DAYS = 7;
/** Copies that have not gone out yet, or did: they count as "the post went out then". */
const LIVE = (c: EvergreenCopy) => c.status !== 'cancelled' && c.status !== 'failed';

export interface CreatedCopy {
  readonly postId: string;
  readonly sourcePostId: string;
  readonly at: number;
}

export class EvergreenQueues {
  readonly repo: EvergreenStore;
  /** Whether any queue is on, as last read (the scheduler asks when to wake without waiting). */
  #anyActive = false;
  readonly #slots: SlotsStore;
  /** One fill at a time: two at once could both find a source's next slot free. */
  #filling: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: BackendContext) {
    this.repo = ctx.stores.evergreen;
    this.#slots = ctx.stores.slots;
  }

  get anyActive(): boolean {
    return this.#anyActive;
  }

  /** Reads again whether any queue is on; called after a change and by every fill. */
  async refreshActive(): Promise<boolean> {
    this.#anyActive = (await this.repo.queues()).some((q) => q.active);
    return this.#anyActive;
  }

  async #schedule(accountId: string): Promise<SlotSchedule> {
    return (await this.#slots.get(accountId)) ?? { timeZone: this.ctx.setting('timeZone'), slots: defaultSlots() };
  }

  /** When a source last went out or is due to: its own time once it is scheduled or out, or its latest live copy. */
  #lastOut(source: PostView, copies: readonly EvergreenCopy[]): number | null {
    const own = source.scheduledAt !== null && source.status !== 'draft' && source.status !== 'cancelled' ? source.scheduledAt : null;
    const times = [own, ...copies.filter(LIVE).map((c) => c.slotAt)].filter((t): t is number => t !== null);
    return times.length ? Math.max(...times) : null;
  }

  async #sources(q: EvergreenQueue): Promise<{ post: PostView; copies: EvergreenCopy[]; lastOut: number | null }[]> {
    const posts = (await this.repo.sourcesOf(q.label))
      .map((id) => this.ctx.posts.get(id))
      .filter((p): p is PostView => p !== null && p.targets.length > 0 && p.status !== 'cancelled' && p.status !== 'draft');
    const withCopies = await Promise.all(
      posts.map(async (post) => {
        const copies = await this.repo.copiesOf(post.id);
        return { post, copies, lastOut: this.#lastOut(post, copies) };
      }),
    );
    return withCopies.sort(
      (a, b) => (a.lastOut ?? Number.NEGATIVE_INFINITY) - (b.lastOut ?? Number.NEGATIVE_INFINITY) || a.post.createdAt - b.post.createdAt,
    );
  }

  /** Fills free slots within the look-ahead for every active queue; returns the copies made. */
  fill(now: number): Promise<CreatedCopy[]> {
    const run = this.#filling.then(() => this.#fill(now));
    this.#filling = run.catch(() => undefined);
    return run;
  }

  async #fill(now: number): Promise<CreatedCopy[]> {
    const created: CreatedCopy[] = [];
    const queues = await this.repo.queues();
    this.#anyActive = queues.some((q) => q.active);
    for (const q of queues) {
      if (!q.active) continue;
      // Each source at most once per pass: the oldest goes first, and a new copy makes it the newest.
      for (const s of await this.#sources(q)) {
        if (s.copies.some((c) => LIVE(c) && c.slotAt > now)) continue;
        const after = Math.max(now, s.lastOut === null ? now : s.lastOut + q.minIntervalDays * DAY_MS);
        const until = now + EVERGREEN_LOOKAHEAD_DAYS * DAY_MS;
        if (after >= until) continue;
        const accountIds = s.post.targets.map((t) => t.accountId);
        const taken = await this.#slots.takenInstants(accountIds, after, until + DAY_MS);
        const slot = nextFreeSlot({
          schedules: await Promise.all(accountIds.map((id) => this.#schedule(id))),
          after,
          taken,
          horizonDays: (until - after) / DAY_MS,
        });
        if (!slot || slot.at > until) continue;
        if (q.stopDate !== null && slot.wall.date > q.stopDate) continue;
        created.push(await this.#copy(q, s.post, s.copies, slot.at, now));
      }
    }
    if (created.length) {
      this.ctx.emit({ type: 'posts.changed', postIds: created.map((c) => c.postId) });
      this.ctx.scheduler.wake();
    }
    return created;
  }

  async #copy(q: EvergreenQueue, source: PostView, copies: readonly EvergreenCopy[], at: number, now: number): Promise<CreatedCopy> {
    const variants = source.options.evergreenVariants ?? [];
    // Take the wordings in turn: the original went out with its own text, so the first repeat uses the first variation.
    const variant = variants.length === 0 ? 0 : (copies.length + 1) % (variants.length + 1);
    const text = variant === 0 ? source.text : (variants[variant - 1] as string);
    const { evergreen: _e, evergreenVariants: _v, ...options } = source.options;
    const postId = newId('post', now);
    // The files first (a copy the post never takes is collected like any unused file), then the post, the copy
    // record and its history line in one store call.
    const media = source.media.map((m) => {
      const stored = this.ctx.media.get(m.id);
      const copy = stored ? this.ctx.mediaStore.add(m.fileName, m.mime, this.ctx.mediaStore.read(stored), now) : null;
      return copy ? { id: copy.id, alt: m.alt, partIndex: m.partIndex, focus: m.focus } : null;
    });
    await this.ctx.stores.saveEvergreenCopy({
      post: {
        id: postId,
        text,
        timeZone: source.timeZone,
        scheduledAt: at,
        labels: source.labels,
        options,
        parts: source.parts,
        media: media.filter((m) => m !== null),
        draft: false,
        targets: source.targets.map((t) => ({
          id: newId('tgt', now),
          accountId: t.accountId,
          // An account's own wording goes with the post's own text; a variation replaces both.
          textOverride: variant === 0 ? t.textOverride : null,
          idempotencyKey: newIdempotencyKey(),
        })),
        now,
      },
      actor: 'scheduler',
      copy: { copyPostId: postId, sourcePostId: source.id, label: q.label, slotAt: at, variant },
      event: {
        at: now,
        actor: 'scheduler',
        kind: 'evergreen re-post',
        postId,
        detail: `of ${source.id} (queue "${q.label}")`,
      },
    });
    return { postId, sourcePostId: source.id, at };
  }

  /** Each queue with its posts in the order they will be re-posted, and what to watch for on each network. */
  async views(now: number): Promise<EvergreenQueueView[]> {
    return Promise.all((await this.repo.queues()).map((q) => this.view(q, now)));
  }

  async view(q: EvergreenQueue, now: number): Promise<EvergreenQueueView> {
    const posts: EvergreenPostView[] = (await this.#sources(q)).map(({ post, copies, lastOut }) => {
      const upcoming = copies.find((c) => LIVE(c) && c.slotAt > now);
      const variants = post.options.evergreenVariants ?? [];
      const warnings = duplicateWarnings(
        post.targets.map((t) => this.ctx.accounts.get(t.accountId)).filter((a) => a !== null),
        variants.length,
        this.ctx.platforms,
      );
      variants.forEach((v, i) => {
        const checks = checkTargets(this.ctx, {
          text: v,
          accountIds: post.targets.map((t) => t.accountId),
          overrides: {},
          options: {},
          parts: post.parts,
          media: [],
        });
        for (const c of checks) {
          const first = c.issues[0];
          if (!c.fits && first) warnings.push(problem('evergreen_variation_does_not_fit', { variation: i + 1, issue: first }));
        }
      });
      return {
        postId: post.id,
        excerpt: Array.from(post.text).slice(0, SUMMARY_EXCERPT_CHARS).join(''),
        accountIds: post.targets.map((t) => t.accountId),
        lastOutAt: lastOut,
        nextEligibleAt: lastOut === null ? null : lastOut + q.minIntervalDays * DAY_MS,
        copies: copies.filter(LIVE).length,
        variants: variants.length,
        upcoming: upcoming ? { postId: upcoming.copyPostId, at: upcoming.slotAt } : null,
        warnings: warnings.map((w) => wordsFor(w)),
        warningList: warnings,
      };
    });
    return { label: q.label, minIntervalDays: q.minIntervalDays, stopDate: q.stopDate, timeZone: q.timeZone, active: q.active, posts };
  }
}

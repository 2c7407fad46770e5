// The recurring series store, the same on every engine: series as written, their occurrences newest first, the late
// ones, and the move of a late occurrence to the next one (its post and its targets in one transaction).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SeriesTemplate } from '../../repos/recurrence';
import { LEASE, newPost, type OpenPublishing, type PublishingOpened, T0 } from './publishing';

const DAY = 86_400_000;
const MIN = 60_000;

const template: SeriesTemplate = {
  text: 'Weekly digest',
  accountIds: ['a'],
  overrides: { a: 'Digest for A' },
  labels: ['digest'],
  options: { language: 'en' },
  parts: ['More below'],
};

const weekly = {
  rule: { freq: 'weekly' as const, days: ['mon' as const, 'thu' as const] },
  time: '09:30',
  timeZone: 'Europe/Rome',
  startDate: '2026-03-02',
};

export function seriesContract(engine: string, open: OpenPublishing): void {
  describe(`recurring series (${engine})`, () => {
    let s: PublishingOpened;

    beforeEach(async () => {
      s = await open();
      await s.addAccount('a');
      await s.addAccount('b');
    });
    afterEach(() => s.close());

    it('keeps a series as written, lists the active ones, and records its changes', async () => {
      const created = await s.series.create({ id: 'ser1', spec: weekly, template, now: T0 }, 'user');
      expect(created).toEqual({ id: 'ser1', spec: { ...weekly, endDate: null }, template, active: true, createdAt: T0, updatedAt: T0 });
      await s.series.create(
        {
          id: 'ser2',
          spec: { rule: { freq: 'daily', interval: 2 }, time: '18:00', timeZone: 'UTC', startDate: '2026-03-10', endDate: '2026-12-31' },
          template,
          now: T0 + 1,
        },
        'cli',
      );
      expect((await s.series.get('ser2'))?.spec).toEqual({
        rule: { freq: 'daily', interval: 2 },
        time: '18:00',
        timeZone: 'UTC',
        startDate: '2026-03-10',
        endDate: '2026-12-31',
      });
      const stopped = await s.series.update(
        'ser1',
        { spec: weekly, template: { ...template, text: 'Changed' }, active: false, now: T0 + 2 },
        'user',
      );
      expect(stopped).toMatchObject({ active: false, updatedAt: T0 + 2, createdAt: T0, template: { text: 'Changed' } });
      expect((await s.series.list()).map((x) => x.id)).toEqual(['ser1', 'ser2']);
      expect((await s.series.active()).map((x) => x.id)).toEqual(['ser2']);
      expect(await s.series.get('missing')).toBeNull();
    });

    it('lists occurrences newest first with their statuses, and finds the late ones that have not started', async () => {
      await s.series.create({ id: 'ser', spec: weekly, template, now: T0 - 10 * DAY }, 'user');
      const occurrence = (id: string, at: number, accounts = ['a']) =>
        s.posts.create(newPost(id, accounts, at, { seriesId: 'ser', occurrenceAt: at }), 'system');
      await occurrence('o1', T0 - 2 * DAY, ['a', 'b']);
      await occurrence('o2', T0 - 30 * MIN);
      await occurrence('o3', T0 + DAY);
      await occurrence('o4', T0 - 3 * DAY);
      await s.posts.create(newPost('lone', ['a'], T0 - DAY), 'user');
      // o4 started: one of its targets went out, so it is not re-anchored.
      expect(await s.posts.queue.claim('o4-a', T0, LEASE, null)).not.toBeNull();
      await s.posts.queue.finish('o4-a', { status: 'published', remoteId: 'r', remoteUrl: null }, T0);
      await s.posts.transitions.decide(['o1-b'], { kind: 'discard' }, T0, 'user');

      const occ = await s.series.occurrences('ser');
      expect(occ.map((o) => [o.postId, o.occurrenceAt, o.statuses])).toEqual([
        ['o3', T0 + DAY, ['scheduled']],
        ['o2', T0 - 30 * MIN, ['scheduled']],
        ['o1', T0 - 2 * DAY, ['scheduled', 'cancelled']],
        ['o4', T0 - 3 * DAY, ['published']],
      ]);
      const late = await s.series.lateOccurrences(T0, 15 * MIN);
      expect(late.map((l) => [l.postId, l.seriesId, l.occurrenceAt]).sort()).toEqual([
        ['o1', 'ser', T0 - 2 * DAY],
        ['o2', 'ser', T0 - 30 * MIN],
      ]);
      expect(await s.series.lateOccurrences(T0, 60 * MIN)).toEqual([{ postId: 'o1', seriesId: 'ser', occurrenceAt: T0 - 2 * DAY }]);
      // A stopped series has no late occurrences to move.
      await s.series.update('ser', { spec: weekly, template, active: false, now: T0 }, 'user');
      expect(await s.series.lateOccurrences(T0, 15 * MIN)).toEqual([]);
    });

    it("moves a late occurrence to the series' next one: the post's time, its occurrence and its waiting targets", async () => {
      await s.series.create({ id: 'ser', spec: weekly, template, now: T0 - 10 * DAY }, 'user');
      await s.posts.create(newPost('late', ['a', 'b'], T0 - DAY, { seriesId: 'ser', occurrenceAt: T0 - DAY }), 'system');
      await s.posts.transitions.hold('late-b', 'user', 'mine', T0 - DAY, 'user');
      const next = T0 + 2 * DAY;
      await s.series.reanchor('late', next, T0, 'moved to the next occurrence');
      const post = await s.posts.get('late');
      expect(post).toMatchObject({ scheduledAt: next, updatedAt: T0, status: 'held' });
      expect(post?.targets.map((t) => [t.status, t.nextAttemptAt])).toEqual([
        ['scheduled', next],
        ['held', null],
      ]);
      expect((await s.series.occurrences('ser')).map((o) => o.occurrenceAt)).toEqual([next]);
      expect((await s.posts.history('late')).at(-1)).toMatchObject({
        actor: 'scheduler',
        kind: 're-anchored',
        detail: 'moved to the next occurrence',
      });
      expect(await s.series.lateOccurrences(T0, 15 * MIN)).toEqual([]);
    });
  });
}

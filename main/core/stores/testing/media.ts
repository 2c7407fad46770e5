// The media records store's behaviour, the same on every engine: files added unused, attached to a post's parts in
// order, detached when the post lets them go, and collected once unused for long enough.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishingOpened } from './opened';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const HOUR = 3_600_000;

export function mediaContract(engine: string, open: () => Promise<PublishingOpened>): void {
  describe(`media records store (${engine})`, () => {
    let s: PublishingOpened;
    const add = (id: string, now = T0) =>
      s.media.add({
        id,
        fileName: `${id}.png`,
        mime: 'image/png',
        bytes: 5_000_000_000,
        width: 640,
        height: 480,
        storedName: `s-${id}`,
        now,
      });
    const post = (id: string) => s.seed.post({ id, text: id, scheduledAt: T0 + 24 * HOUR, targets: [] });

    beforeEach(async () => {
      s = await open();
    });
    afterEach(async () => {
      await s.close();
    });

    it('keeps an added file unattached, with its sizes', async () => {
      const expected = {
        id: 'med_1',
        postId: null,
        fileName: 'med_1.png',
        mime: 'image/png',
        bytes: 5_000_000_000,
        width: 640,
        height: 480,
        alt: '',
        focus: null,
        partIndex: 0,
        storedName: 's-med_1',
      };
      expect(await add('med_1')).toEqual(expected);
      expect(await s.media.get('med_1')).toEqual(expected);
      expect(await s.media.get('med_missing')).toBeNull();
      const noSize = await s.media.add({
        id: 'med_2',
        fileName: 'a.mp4',
        mime: 'video/mp4',
        bytes: 1,
        width: null,
        height: null,
        storedName: 's2',
        now: T0,
      });
      expect(noSize).toMatchObject({ width: null, height: null, bytes: 1 });
    });

    it("attaches media to a post's parts in order, and lets go of what the post no longer lists", async () => {
      await post('post_1');
      await post('post_2');
      for (const id of ['med_a', 'med_b', 'med_c', 'med_d']) await add(id);
      await s.media.attach(
        'post_1',
        [
          { id: 'med_c', alt: 'Part two', partIndex: 1 },
          { id: 'med_b', alt: 'Second', partIndex: 0, focus: { x: -0.25, y: 0.5 } },
          { id: 'med_a', alt: 'First', partIndex: 0, focus: null },
        ],
        T0 + 1,
      );
      await s.media.attach('post_2', [{ id: 'med_d', alt: '', partIndex: 0 }], T0 + 1);
      const of1 = await s.media.ofPost('post_1');
      expect(of1.map((m) => [m.id, m.partIndex, m.alt, m.focus, m.postId])).toEqual([
        ['med_b', 0, 'Second', { x: -0.25, y: 0.5 }, 'post_1'],
        ['med_a', 0, 'First', null, 'post_1'],
        ['med_c', 1, 'Part two', null, 'post_1'],
      ]);
      const grouped = await s.media.ofPosts(['post_1', 'post_2', 'post_none']);
      expect([...grouped.keys()].sort()).toEqual(['post_1', 'post_2']);
      expect(grouped.get('post_1')?.map((m) => m.id)).toEqual(['med_b', 'med_a', 'med_c']);
      expect(grouped.get('post_2')?.map((m) => m.id)).toEqual(['med_d']);
      expect((await s.media.ofPosts([])).size).toBe(0);

      // Another post's media stays where it is; what post_1 dropped is free again.
      await s.media.attach(
        'post_1',
        [
          { id: 'med_a', alt: 'Only', partIndex: 0 },
          { id: 'med_d', alt: 'Taken', partIndex: 0 },
        ],
        T0 + 2,
      );
      expect((await s.media.ofPost('post_1')).map((m) => [m.id, m.alt])).toEqual([['med_a', 'Only']]);
      expect(await s.media.get('med_d')).toMatchObject({ postId: 'post_2', alt: '' });
      expect(await s.media.get('med_b')).toMatchObject({ postId: null });
    });

    it('frees the media of a post being deleted', async () => {
      await post('post_1');
      await add('med_a');
      await add('med_b');
      await s.media.attach(
        'post_1',
        [
          { id: 'med_a', alt: 'A', partIndex: 0 },
          { id: 'med_b', alt: 'B', partIndex: 2 },
        ],
        T0,
      );
      await s.media.releaseOfPost('post_1', T0 + HOUR);
      expect(await s.media.ofPost('post_1')).toEqual([]);
      expect(await s.media.get('med_b')).toMatchObject({ postId: null, alt: 'B', partIndex: 2 });
    });

    it('removes what has been unused since the cutoff, never what a post uses or let go of later', async () => {
      await post('post_1');
      await add('med_old', T0); // never attached: unused since it was added
      await add('med_used', T0);
      await add('med_recent', T0);
      await add('med_freed_early', T0);
      await s.media.attach(
        'post_1',
        [
          { id: 'med_used', alt: '', partIndex: 0 },
          { id: 'med_recent', alt: '', partIndex: 0 },
          { id: 'med_freed_early', alt: '', partIndex: 0 },
        ],
        T0,
      );
      await s.media.attach(
        'post_1',
        [
          { id: 'med_used', alt: '', partIndex: 0 },
          { id: 'med_recent', alt: '', partIndex: 0 },
        ],
        T0 + HOUR,
      );
      await s.media.attach('post_1', [{ id: 'med_used', alt: '', partIndex: 0 }], T0 + 3 * HOUR);
      const removed = await s.media.removeUnused(T0 + 2 * HOUR, T0 + 4 * HOUR);
      expect(removed.map((m) => m.id).sort()).toEqual(['med_freed_early', 'med_old']);
      expect(removed.find((m) => m.id === 'med_old')).toMatchObject({ storedName: 's-med_old', postId: null });
      expect(await s.media.get('med_old')).toBeNull();
      expect(await s.media.get('med_used')).toMatchObject({ postId: 'post_1' });
      expect(await s.media.get('med_recent')).toMatchObject({ postId: null });
      expect(await s.media.removeUnused(T0 + 2 * HOUR, T0 + 4 * HOUR)).toEqual([]);
      expect((await s.media.removeUnused(T0 + 3 * HOUR, T0 + 4 * HOUR)).map((m) => m.id)).toEqual(['med_recent']);
    });
  });
}

// Evergreen queues on any database: one per label in byte order of labels, the evergreen posts a label repeats, and
// the copies recorded of each with the copy's own status.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvergreenQueue } from '../../evergreen/evergreenRepo';
import type { EvergreenStore } from '../types';
import { type FeatureSeed, T0 } from './featureSeed';

export interface EvergreenOpened {
  readonly evergreen: EvergreenStore;
  readonly seed: FeatureSeed;
  close(): Promise<void>;
}

const DAY = 86_400_000;

export function evergreenContract(engine: string, open: () => Promise<EvergreenOpened>): void {
  describe(`evergreen store (${engine})`, () => {
    let o: EvergreenOpened;
    beforeEach(async () => {
      o = await open();
    });
    afterEach(async () => {
      await o.close();
    });

    it('keeps one queue per label, changed in place, listed in byte order of the labels', async () => {
      const tips: EvergreenQueue = { label: 'tips', minIntervalDays: 14, stopDate: '2026-12-31', timeZone: 'Europe/Rome', active: true };
      await o.evergreen.setQueue(tips, T0);
      await o.evergreen.setQueue({ label: 'Zeta', minIntervalDays: 1, stopDate: null, timeZone: 'UTC', active: false }, T0);
      await o.evergreen.setQueue({ label: 'été', minIntervalDays: 3, stopDate: null, timeZone: 'UTC', active: true }, T0);
      expect((await o.evergreen.queues()).map((q) => q.label)).toEqual(['Zeta', 'tips', 'été']);
      expect(await o.evergreen.queue('tips')).toEqual(tips);
      expect(await o.evergreen.queue('Zeta')).toEqual({
        label: 'Zeta',
        minIntervalDays: 1,
        stopDate: null,
        timeZone: 'UTC',
        active: false,
      });

      const changed = { ...tips, minIntervalDays: 30, stopDate: null, active: false };
      await o.evergreen.setQueue(changed, T0 + DAY);
      expect(await o.evergreen.queue('tips')).toEqual(changed);
      expect(await o.evergreen.queues()).toHaveLength(3);

      expect(await o.evergreen.removeQueue('tips')).toBe(true);
      expect(await o.evergreen.removeQueue('tips')).toBe(false);
      expect(await o.evergreen.queue('tips')).toBeNull();
    });

    it('finds the evergreen posts of a label that are not copies, oldest first, and their copies by slot', async () => {
      await o.seed.post({ id: 'p_old', labels: ['tips', 'x'], options: { evergreen: true }, createdAt: T0 });
      await o.seed.post({ id: 'p_b', labels: ['tips'], options: { evergreen: true }, createdAt: T0 + 1000 });
      await o.seed.post({ id: 'p_a', labels: ['tips'], options: { evergreen: true }, createdAt: T0 + 1000 });
      await o.seed.post({ id: 'p_plain', labels: ['tips'], options: {}, createdAt: T0 });
      await o.seed.post({ id: 'p_off', labels: ['tips'], options: { evergreen: false }, createdAt: T0 });
      await o.seed.post({ id: 'p_other', labels: ['tipsy'], options: { evergreen: true }, createdAt: T0 });
      await o.seed.post({ id: 'p_copy2', labels: ['tips'], options: { evergreen: true }, createdAt: T0 + 2000, status: 'cancelled' });
      await o.seed.post({ id: 'p_copy1', labels: ['tips'], options: { evergreen: true }, createdAt: T0 + 2000 });

      await o.evergreen.recordCopy({ copyPostId: 'p_copy2', sourcePostId: 'p_old', label: 'tips', slotAt: T0 + 20 * DAY, variant: 1 }, T0);
      await o.evergreen.recordCopy({ copyPostId: 'p_copy1', sourcePostId: 'p_old', label: 'tips', slotAt: T0 + 10 * DAY, variant: 0 }, T0);

      expect(await o.evergreen.sourcesOf('tips')).toEqual(['p_old', 'p_a', 'p_b']);
      expect(await o.evergreen.sourcesOf('x')).toEqual(['p_old']);
      expect(await o.evergreen.sourcesOf('nothing')).toEqual([]);
      expect(await o.evergreen.copiesOf('p_old')).toEqual([
        { copyPostId: 'p_copy1', sourcePostId: 'p_old', slotAt: T0 + 10 * DAY, variant: 0, status: 'scheduled' },
        { copyPostId: 'p_copy2', sourcePostId: 'p_old', slotAt: T0 + 20 * DAY, variant: 1, status: 'cancelled' },
      ]);
      expect(await o.evergreen.copiesOf('p_a')).toEqual([]);
      // One record per copy.
      await expect(
        o.evergreen.recordCopy({ copyPostId: 'p_copy1', sourcePostId: 'p_a', label: 'tips', slotAt: T0, variant: 0 }, T0),
      ).rejects.toThrow();
      expect(await o.seed.count('evergreen_reposts')).toBe(2);
    });
  });
}

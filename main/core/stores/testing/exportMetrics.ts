// The numbers exports show per target, on any database: the reports' latest snapshot first, else the Mastodon
// hand-off's; a deleted snapshot does not count, a snapshot without likes shows nothing.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportMetricsStore } from '../types';
import { type FeatureSeed, T0 } from './featureSeed';

export interface ExportMetricsOpened {
  readonly exportMetrics: ExportMetricsStore;
  readonly seed: FeatureSeed;
  close(): Promise<void>;
}

export function exportMetricsContract(engine: string, open: () => Promise<ExportMetricsOpened>): void {
  describe(`export metrics store (${engine})`, () => {
    let o: ExportMetricsOpened;
    beforeEach(async () => {
      o = await open();
      await o.seed.account('acc_m');
      for (const t of ['t_both', 't_latest', 't_deleted', 't_nolikes', 't_masto', 't_none']) {
        await o.seed.post({ id: `p_${t}`, scheduledAt: T0, status: 'published' });
        await o.seed.target({ id: t, postId: `p_${t}`, accountId: 'acc_m', status: 'published', publishedAt: T0 });
      }
    });
    afterEach(async () => {
      await o.close();
    });

    it('answers each target that has numbers, in the order asked', async () => {
      const s = o.seed;
      await s.metricLatest('t_both', { likes: 5, reposts: 2, replies: 1, quotes: 0, at: T0 + 1000 });
      await s.mastodonMetrics('t_both', { remoteId: 'r1', likes: 99, reposts: 99, replies: 99, quotes: null, at: T0 + 5000 });
      await s.metricLatest('t_latest', { likes: 3, reposts: null, replies: null, quotes: null, at: null });
      await s.metricLatest('t_deleted', { likes: 7, reposts: 7, replies: 7, quotes: 7, at: T0, deleted: true });
      await s.mastodonMetrics('t_deleted', { remoteId: 'r2', likes: 4, reposts: 3, replies: 2, quotes: 1, at: T0 + 2000 });
      await s.metricLatest('t_nolikes', { likes: null, reposts: 1, replies: 1, quotes: 1, at: T0 });
      await s.mastodonMetrics('t_nolikes', { remoteId: 'r3', likes: 8, reposts: 8, replies: 8, quotes: 8, at: T0 });
      await s.mastodonMetrics('t_masto', { remoteId: 'r4', likes: 0, reposts: 0, replies: 0, quotes: null, at: T0 + 3000 });

      const m = await o.exportMetrics.of(['t_masto', 't_none', 't_nolikes', 't_deleted', 't_latest', 't_both', 't_unknown']);
      expect([...m.entries()]).toEqual([
        ['t_masto', { likes: 0, reposts: 0, replies: 0, quotes: null, fetchedAt: T0 + 3000 }],
        ['t_deleted', { likes: 4, reposts: 3, replies: 2, quotes: 1, fetchedAt: T0 + 2000 }],
        ['t_latest', { likes: 3, reposts: 0, replies: 0, quotes: null, fetchedAt: 0 }],
        ['t_both', { likes: 5, reposts: 2, replies: 1, quotes: 0, fetchedAt: T0 + 1000 }],
      ]);
      expect((await o.exportMetrics.of([])).size).toBe(0);
    });
  });
}

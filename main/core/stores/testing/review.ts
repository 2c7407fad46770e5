// The review store's behaviour, the same on every engine: the targets that need a decision, oldest due first, with
// what the user needs to decide, and the filters the review view and the decisions use.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishingOpened } from './opened';
import { missedReason, newAccount } from './seed';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const HOUR = 3_600_000;

export function reviewContract(engine: string, open: () => Promise<PublishingOpened>): void {
  describe(`review store (${engine})`, () => {
    let s: PublishingOpened;
    beforeEach(async () => {
      s = await open();
      await s.accounts.add(newAccount('acc_a', 'Alpha', T0));
      await s.accounts.add(newAccount('acc_b', 'Beta', T0, { platform: 'bluesky' }));
      // Missed first: seeding it misses every target still waiting before its window.
      await s.seed.post({
        id: 'post_2',
        text: 'Early',
        scheduledAt: T0 + HOUR,
        targets: [{ id: 'tgt_3', accountId: 'acc_a', status: 'missed' }],
      });
      await s.seed.post({
        id: 'post_1',
        text: 'Launch',
        scheduledAt: T0 + 2 * HOUR,
        targets: [
          { id: 'tgt_1', accountId: 'acc_a', status: 'held', holdKind: 'user', reason: 'Checking the link' },
          { id: 'tgt_2', accountId: 'acc_b', status: 'failed', reason: 'The server said no.' },
        ],
      });
      await s.seed.post({
        id: 'post_3',
        text: 'Later',
        scheduledAt: T0 + 3 * HOUR,
        targets: [
          { id: 'tgt_4', accountId: 'acc_a', status: 'scheduled' },
          { id: 'tgt_5', accountId: 'acc_b', status: 'unconfirmed', reason: 'No answer in time.', textOverride: 'Own words' },
        ],
      });
    });
    afterEach(async () => {
      await s.close();
    });

    it('lists what needs a decision, oldest due first and in the order targets were added', async () => {
      expect(await s.review.list()).toEqual([
        {
          postId: 'post_2',
          targetId: 'tgt_3',
          accountId: 'acc_a',
          accountName: 'Alpha',
          platform: 'mastodon',
          status: 'missed',
          holdKind: null,
          reason: missedReason(T0 + HOUR),
          dueAt: T0 + HOUR,
          text: 'Early',
          seriesId: null,
        },
        {
          postId: 'post_1',
          targetId: 'tgt_1',
          accountId: 'acc_a',
          accountName: 'Alpha',
          platform: 'mastodon',
          status: 'held',
          holdKind: 'user',
          reason: 'Checking the link',
          dueAt: T0 + 2 * HOUR,
          text: 'Launch',
          seriesId: null,
        },
        {
          postId: 'post_1',
          targetId: 'tgt_2',
          accountId: 'acc_b',
          accountName: 'Beta',
          platform: 'bluesky',
          status: 'failed',
          holdKind: null,
          reason: 'The server said no.',
          dueAt: T0 + 2 * HOUR,
          text: 'Launch',
          seriesId: null,
        },
        {
          postId: 'post_3',
          targetId: 'tgt_5',
          accountId: 'acc_b',
          accountName: 'Beta',
          platform: 'bluesky',
          status: 'unconfirmed',
          holdKind: null,
          reason: 'No answer in time.',
          dueAt: T0 + 3 * HOUR,
          text: 'Own words',
          seriesId: null,
        },
      ]);
    });

    it('filters by state, hold kind, account and post, and stops at the limit', async () => {
      const ids = async (f: Parameters<PublishingOpened['review']['list']>[0]) => (await s.review.list(f)).map((r) => r.targetId);
      expect(await ids({ statuses: ['scheduled'] })).toEqual(['tgt_4']);
      expect(await ids({ statuses: ['failed', 'unconfirmed'] })).toEqual(['tgt_2', 'tgt_5']);
      expect(await ids({ statuses: [] })).toEqual(['tgt_3', 'tgt_1', 'tgt_2', 'tgt_5']);
      expect(await ids({ holdKinds: ['user'] })).toEqual(['tgt_1']);
      expect(await ids({ holdKinds: ['pause', 'account_pause'] })).toEqual([]);
      expect(await ids({ holdKinds: [] })).toEqual(['tgt_3', 'tgt_1', 'tgt_2', 'tgt_5']);
      expect(await ids({ accountId: 'acc_b' })).toEqual(['tgt_2', 'tgt_5']);
      expect(await ids({ accountId: '' })).toEqual(['tgt_3', 'tgt_1', 'tgt_2', 'tgt_5']);
      expect(await ids({ postId: 'post_1' })).toEqual(['tgt_1', 'tgt_2']);
      expect(await ids({ postId: 'post_1', accountId: 'acc_a', statuses: ['held', 'failed'] })).toEqual(['tgt_1']);
      expect(await ids({ limit: 2 })).toEqual(['tgt_3', 'tgt_1']);
    });

    it("gives a post's targets in the states asked, for one account or all", async () => {
      expect(await s.review.targetIds('post_1', undefined, ['held', 'failed'])).toEqual(['tgt_1', 'tgt_2']);
      expect(await s.review.targetIds('post_1', 'acc_b', ['held', 'failed'])).toEqual(['tgt_2']);
      expect(await s.review.targetIds('post_1', 'acc_a', ['failed'])).toEqual([]);
      expect(await s.review.targetIds('post_3', undefined, ['scheduled'])).toEqual(['tgt_4']);
    });
  });
}

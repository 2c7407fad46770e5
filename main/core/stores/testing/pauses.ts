// The pauses store's behaviour, the same on every engine: one pause for everyone and one per account, each change
// with its history line.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishingOpened } from './opened';
import { newAccount } from './seed';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

export function pausesContract(engine: string, open: () => Promise<PublishingOpened>): void {
  describe(`pauses store (${engine})`, () => {
    let s: PublishingOpened;
    beforeEach(async () => {
      s = await open();
      await s.accounts.add(newAccount('acc_1', 'Brand', T0));
      await s.accounts.add(newAccount('acc_2', 'Other', T0));
    });
    afterEach(async () => {
      await s.close();
    });

    it('pauses everything, then changes the reason and end while the start stays', async () => {
      expect(await s.pauses.get(null)).toBeNull();
      const paused = await s.pauses.pause({ accountId: null, reason: 'Crisis', resumeAt: null, now: T0, actor: 'user' });
      expect(paused).toEqual({ accountId: null, reason: 'Crisis', since: T0, resumeAt: null, actor: 'user' });
      const changed = await s.pauses.pause({
        accountId: null,
        reason: 'Still a crisis',
        resumeAt: T0 + 7_200_000,
        now: T0 + 60_000,
        actor: 'cli',
      });
      expect(changed).toEqual({ accountId: null, reason: 'Still a crisis', since: T0, resumeAt: T0 + 7_200_000, actor: 'cli' });
      expect(await s.pauses.get(null)).toEqual(changed);
      expect(await s.lines()).toEqual([
        { at: T0, actor: 'user', kind: 'publishing paused', postId: null, accountId: null, detail: 'Crisis' },
        {
          at: T0 + 60_000,
          actor: 'cli',
          kind: 'pause changed',
          postId: null,
          accountId: null,
          detail: `Still a crisis (until ${new Date(T0 + 7_200_000).toISOString()})`,
        },
      ]);
    });

    it("lists the pause for everyone first, then the accounts' by when they started", async () => {
      await s.pauses.pause({ accountId: 'acc_2', reason: 'Two', resumeAt: null, now: T0 + 1000, actor: 'user' });
      await s.pauses.pause({ accountId: 'acc_1', reason: 'One', resumeAt: T0 + 9000, now: T0 + 2000, actor: 'user' });
      await s.pauses.pause({ accountId: null, reason: 'All', resumeAt: null, now: T0 + 3000, actor: 'user' });
      expect(await s.pauses.list()).toEqual([
        { accountId: null, reason: 'All', since: T0 + 3000, resumeAt: null, actor: 'user' },
        { accountId: 'acc_2', reason: 'Two', since: T0 + 1000, resumeAt: null, actor: 'user' },
        { accountId: 'acc_1', reason: 'One', since: T0 + 2000, resumeAt: T0 + 9000, actor: 'user' },
      ]);
      expect(await s.pauses.get('acc_1')).toMatchObject({ reason: 'One' });
      expect((await s.lines()).map((l) => [l.kind, l.accountId])).toEqual([
        ['account paused', 'acc_2'],
        ['account paused', 'acc_1'],
        ['publishing paused', null],
      ]);
    });

    it('resumes once, with the reason given or the pause’s own', async () => {
      await s.pauses.pause({ accountId: null, reason: 'All', resumeAt: null, now: T0, actor: 'user' });
      await s.pauses.pause({ accountId: 'acc_1', reason: 'One', resumeAt: null, now: T0, actor: 'user' });
      const ended = await s.pauses.resume(null, T0 + 5000, 'scheduler', 'The pause reached its end.');
      expect(ended).toEqual({ accountId: null, reason: 'All', since: T0, resumeAt: null, actor: 'user' });
      expect(await s.pauses.resume(null, T0 + 6000, 'user')).toBeNull();
      expect(await s.pauses.resume('acc_1', T0 + 7000, 'user')).toMatchObject({ accountId: 'acc_1', reason: 'One' });
      expect(await s.pauses.list()).toEqual([]);
      expect((await s.lines()).slice(2)).toEqual([
        {
          at: T0 + 5000,
          actor: 'scheduler',
          kind: 'publishing resumed',
          postId: null,
          accountId: null,
          detail: 'The pause reached its end.',
        },
        { at: T0 + 7000, actor: 'user', kind: 'account resumed', postId: null, accountId: 'acc_1', detail: 'One' },
      ]);
    });

    it('goes with its account', async () => {
      await s.pauses.pause({ accountId: 'acc_1', reason: 'One', resumeAt: null, now: T0, actor: 'user' });
      await s.accounts.remove('acc_1');
      expect(await s.pauses.get('acc_1')).toBeNull();
    });
  });
}

// The events store's behaviour, the same on every engine: a post's history in time order, and the scheduler's
// outcomes after an id, for readers that follow what the scheduler decided.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishingOpened } from './opened';
import { newAccount } from './seed';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

export function eventsContract(engine: string, open: () => Promise<PublishingOpened>): void {
  describe(`events store (${engine})`, () => {
    let s: PublishingOpened;
    beforeEach(async () => {
      s = await open();
    });
    afterEach(async () => {
      await s.close();
    });

    it("gives a post's history by time, lines at the same time in the order they were written", async () => {
      await s.events.append({ at: T0 + 2000, actor: 'user', kind: 'edited', postId: 'post_1', detail: 'second' });
      await s.events.append({ at: T0, actor: 'user', kind: 'created and scheduled', postId: 'post_1' });
      await s.events.append({
        at: T0 + 2000,
        actor: 'scheduler',
        kind: 'publishing',
        postId: 'post_1',
        targetId: 'tgt_1',
        accountId: 'acc_1',
      });
      await s.events.append({ at: T0 + 1000, actor: 'user', kind: 'edited', postId: 'post_2' });
      expect(await s.events.historyOfPost('post_1')).toEqual([
        { at: T0, actor: 'user', kind: 'created and scheduled', targetId: null, accountId: null, detail: null },
        { at: T0 + 2000, actor: 'user', kind: 'edited', targetId: null, accountId: null, detail: 'second' },
        { at: T0 + 2000, actor: 'scheduler', kind: 'publishing', targetId: 'tgt_1', accountId: 'acc_1', detail: null },
      ]);
      expect(await s.events.historyOfPost('post_none')).toEqual([]);
    });

    it('gives the latest id, 0 before any line', async () => {
      expect(await s.events.latestId()).toBe(0);
      await s.events.append({ at: T0, actor: 'user', kind: 'a' });
      const first = await s.events.latestId();
      await s.events.append({ at: T0 - 5000, actor: 'user', kind: 'b' });
      expect(first).toBeGreaterThan(0);
      expect(await s.events.latestId()).toBe(first + 1);
    });

    it("gives the scheduler's outcomes about targets after an id, oldest first, with the account's name now", async () => {
      await s.accounts.add(newAccount('acc_1', 'Brand', T0));
      await s.events.append({ at: T0, actor: 'scheduler', kind: 'published', postId: 'post_0', targetId: 'tgt_0', accountId: 'acc_1' });
      const after = await s.events.latestId();
      const line = (kind: string, over: object = {}) => ({
        at: T0 + 1000,
        actor: 'scheduler' as const,
        kind,
        postId: 'post_1',
        targetId: 'tgt_1',
        accountId: 'acc_1',
        detail: `${kind} detail`,
        ...over,
      });
      await s.events.append(line('published', { detail: 'https://social.example/@brand/1' }));
      await s.events.append(line('publishing')); // not an outcome
      await s.events.append(line('failed', { actor: 'user' })); // not the scheduler's
      await s.events.append(line('held', { targetId: null })); // not about a target
      await s.events.append(line('missed', { postId: null })); // not about a post
      await s.events.append(line('retrying', { accountId: 'acc_gone', at: T0 + 3000 }));
      await s.events.append(line('unconfirmed', { detail: null }));
      const outcomes = await s.events.schedulerOutcomesAfter(after);
      expect(outcomes.map(({ id: _id, ...o }) => o)).toEqual([
        {
          at: T0 + 1000,
          kind: 'published',
          postId: 'post_1',
          targetId: 'tgt_1',
          accountId: 'acc_1',
          accountName: 'Brand',
          detail: 'https://social.example/@brand/1',
        },
        {
          at: T0 + 3000,
          kind: 'retrying',
          postId: 'post_1',
          targetId: 'tgt_1',
          accountId: 'acc_gone',
          accountName: null,
          detail: 'retrying detail',
        },
        { at: T0 + 1000, kind: 'unconfirmed', postId: 'post_1', targetId: 'tgt_1', accountId: 'acc_1', accountName: 'Brand', detail: null },
      ]);
      const ids = outcomes.map((o) => o.id);
      expect(ids[0]).toBe(after + 1);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect((await s.events.schedulerOutcomesAfter(after, 2)).map((o) => o.kind)).toEqual(['published', 'retrying']);
      expect((await s.events.schedulerOutcomesAfter(ids[1] as number)).map((o) => o.kind)).toEqual(['unconfirmed']);
      expect(await s.events.schedulerOutcomesAfter(await s.events.latestId())).toEqual([]);
    });
  });
}

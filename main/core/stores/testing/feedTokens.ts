// Calendar feed tokens on any database: a token opens its feed until it is revoked; the list is newest first.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedTokensStore } from '../types';
import { T0 } from './featureSeed';

export interface FeedTokensOpened {
  readonly feedTokens: FeedTokensStore;
  close(): Promise<void>;
}

export function feedTokensContract(engine: string, open: () => Promise<FeedTokensOpened>): void {
  describe(`feed tokens store (${engine})`, () => {
    let o: FeedTokensOpened;
    beforeEach(async () => {
      o = await open();
    });
    afterEach(async () => {
      await o.close();
    });

    it('gives a token once that opens its feed, until the feed is revoked; a second revoke keeps the first time', async () => {
      const { feed, token } = await o.feedTokens.create('schedule', T0);
      expect(feed).toEqual({ id: expect.stringMatching(/^feed_/), kind: 'schedule', createdAt: T0, revokedAt: null });
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(await o.feedTokens.find(token)).toEqual(feed);
      expect(await o.feedTokens.find(`${token}x`)).toBeNull();

      expect(await o.feedTokens.revoke(feed.id, T0 + 1000)).toEqual({ ...feed, revokedAt: T0 + 1000 });
      expect(await o.feedTokens.revoke(feed.id, T0 + 9000)).toEqual({ ...feed, revokedAt: T0 + 1000 });
      expect(await o.feedTokens.find(token)).toBeNull();
      expect(await o.feedTokens.revoke('feed_unknown', T0)).toBeNull();
    });

    it('lists feeds newest first, revoked ones too, ties by id', async () => {
      const a = (await o.feedTokens.create('schedule', T0)).feed;
      const b = (await o.feedTokens.create('observances', T0 + 60_000)).feed;
      const c = (await o.feedTokens.create('observances', T0 + 60_000)).feed;
      await o.feedTokens.revoke(a.id, T0 + 120_000);
      const [first, second] = [b, c].sort((x, y) => (x.id < y.id ? -1 : 1));
      expect(await o.feedTokens.list()).toEqual([first, second, { ...a, revokedAt: T0 + 120_000 }]);
    });
  });
}

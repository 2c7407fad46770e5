// The accounts store's behaviour, the same on every engine: what is kept, in which order, and the sealed login
// given back byte for byte (the store never opens it).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishingOpened } from './opened';
import { newAccount } from './seed';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

export function accountsContract(engine: string, open: () => Promise<PublishingOpened>): void {
  describe(`accounts store (${engine})`, () => {
    let s: PublishingOpened;
    beforeEach(async () => {
      s = await open();
    });
    afterEach(async () => {
      await s.close();
    });

    it('keeps what was added and gives it back, with its settings and time', async () => {
      const added = await s.accounts.add(newAccount('acc_1', 'Brand', T0, { avatarUrl: 'https://img.example/a.png' }));
      const expected = {
        id: 'acc_1',
        platform: 'mastodon',
        name: 'Brand',
        handle: '@brand',
        avatarUrl: 'https://img.example/a.png',
        status: 'connected',
        statusReason: null,
        createdAt: T0,
        config: { instance: 'https://social.example' },
      };
      expect(added).toEqual(expected);
      expect(await s.accounts.get('acc_1')).toEqual(expected);
      expect(await s.accounts.get('acc_missing')).toBeNull();
    });

    it('lists by the time each was added, then by id', async () => {
      await s.accounts.add(newAccount('acc_b', 'Bee', T0 + 1000));
      await s.accounts.add(newAccount('acc_a', 'Ant', T0 + 1000));
      await s.accounts.add(newAccount('acc_c', 'Cat', T0));
      await s.accounts.add(newAccount('acc_B', 'Big', T0 + 1000));
      expect((await s.accounts.list()).map((a) => a.id)).toEqual(['acc_c', 'acc_B', 'acc_a', 'acc_b']);
    });

    it('gives the sealed login back as the same bytes, and replaces it', async () => {
      const sealed = Buffer.from([0x02, 0x00, 0xff, 0x10, 0x7f]);
      await s.accounts.add(newAccount('acc_1', 'Brand', T0, { sealedSecret: sealed }));
      const read = await s.accounts.sealedSecret('acc_1');
      expect(Buffer.isBuffer(read)).toBe(true);
      expect(read?.equals(sealed)).toBe(true);
      await s.accounts.replaceSecret('acc_1', Buffer.from('another sealed value'), T0 + 5);
      expect((await s.accounts.sealedSecret('acc_1'))?.toString()).toBe('another sealed value');
      expect(await s.accounts.sealedSecret('acc_missing')).toBeNull();
    });

    it('changes settings, status and name', async () => {
      await s.accounts.add(newAccount('acc_1', 'Brand', T0));
      await s.accounts.updateConfig('acc_1', { instance: 'https://other.example', maxChars: 500, nested: { a: [1, 2] } }, T0 + 1);
      await s.accounts.setStatus('acc_1', 'needs_relogin', 'The token was revoked.', T0 + 2);
      await s.accounts.rename('acc_1', 'Brand HQ', T0 + 3);
      expect(await s.accounts.get('acc_1')).toMatchObject({
        name: 'Brand HQ',
        status: 'needs_relogin',
        statusReason: 'The token was revoked.',
        config: { instance: 'https://other.example', maxChars: 500, nested: { a: [1, 2] } },
        createdAt: T0,
      });
      await s.accounts.setStatus('acc_1', 'connected', null, T0 + 4);
      expect(await s.accounts.get('acc_1')).toMatchObject({ status: 'connected', statusReason: null });
    });

    it('removes an account once', async () => {
      await s.accounts.add(newAccount('acc_1', 'Brand', T0));
      await s.accounts.add(newAccount('acc_2', 'Other', T0));
      expect(await s.accounts.remove('acc_1')).toBe(true);
      expect(await s.accounts.remove('acc_1')).toBe(false);
      expect(await s.accounts.get('acc_1')).toBeNull();
      expect((await s.accounts.list()).map((a) => a.id)).toEqual(['acc_2']);
    });

    it('counts the targets an account has not published yet (failed ones are over)', async () => {
      await s.accounts.add(newAccount('acc_1', 'Brand', T0));
      await s.accounts.add(newAccount('acc_2', 'Other', T0));
      await s.seed.post({
        id: 'post_1',
        text: 'One',
        scheduledAt: T0 + 3_600_000,
        targets: [
          { id: 'tgt_1', accountId: 'acc_1', status: 'failed', reason: 'Refused' },
          { id: 'tgt_2', accountId: 'acc_2', status: 'scheduled' },
        ],
      });
      await s.seed.post({
        id: 'post_2',
        text: 'Two',
        scheduledAt: T0 + 7_200_000,
        targets: [{ id: 'tgt_3', accountId: 'acc_1', status: 'held', holdKind: 'user', reason: 'Wait' }],
      });
      await s.seed.post({
        id: 'post_3',
        text: 'Three',
        scheduledAt: T0 + 9_000_000,
        targets: [{ id: 'tgt_4', accountId: 'acc_1', status: 'scheduled' }],
      });
      expect(await s.accounts.pendingTargets('acc_1')).toBe(2);
      expect(await s.accounts.pendingTargets('acc_2')).toBe(1);
      expect(await s.accounts.pendingTargets('acc_missing')).toBe(0);
    });
  });
}

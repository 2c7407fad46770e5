// The credential problems store's behaviour, the same on every engine: one record per account and reader, changed
// only when what it says changes, cleared by the reader that opens the login or by a new login.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problem } from '../../../../shared/contract';
import type { RecordedCredentialProblem } from '../../repos/credentialProblems';
import type { PublishingOpened } from './opened';
import { newAccount } from './seed';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

const missing = (accountId: string, noticedAt: number): RecordedCredentialProblem => ({
  accountId,
  reader: 'key_file',
  problem: 'key_file_missing',
  message: 'The key file is missing.',
  note: problem('login_key_file_missing', { file: 'secret.key', folder: '/srv/kairos' }),
  noticedAt,
});
const locked = (accountId: string, noticedAt: number): RecordedCredentialProblem => ({
  accountId,
  reader: 'keychain',
  problem: 'keychain_unavailable',
  message: 'The keychain is locked.',
  note: problem('login_keychain_locked', {}),
  noticedAt,
});

export function credentialProblemsContract(engine: string, open: () => Promise<PublishingOpened>): void {
  describe(`credential problems store (${engine})`, () => {
    let s: PublishingOpened;
    beforeEach(async () => {
      s = await open();
      await s.accounts.add(newAccount('acc_1', 'Brand', T0));
      await s.accounts.add(newAccount('acc_2', 'Other', T0));
    });
    afterEach(async () => {
      await s.close();
    });

    it('records a problem once: the same one noticed again changes nothing and keeps its first time', async () => {
      expect(await s.credentialProblems.record(missing('acc_1', T0))).toBe(true);
      expect(await s.credentialProblems.record(missing('acc_1', T0 + 60_000))).toBe(false);
      expect(await s.credentialProblems.ofAccount('acc_1')).toEqual([missing('acc_1', T0)]);
      const moved = { ...missing('acc_1', T0 + 120_000), note: problem('login_key_file_missing', { file: 'secret.key', folder: '/opt' }) };
      expect(await s.credentialProblems.record(moved)).toBe(true);
      expect(await s.credentialProblems.ofAccount('acc_1')).toEqual([moved]);
      const damaged = {
        ...moved,
        problem: 'damaged' as const,
        message: 'Damaged.',
        note: problem('login_damaged', {}),
        noticedAt: T0 + 180_000,
      };
      expect(await s.credentialProblems.record(damaged)).toBe(true);
      expect(await s.credentialProblems.ofAccount('acc_1')).toEqual([damaged]);
    });

    it('refuses a note that is not a login problem, recording nothing', async () => {
      const wrong = { ...missing('acc_1', T0), note: problem('login_key_file_missing', {} as never) };
      await expect(s.credentialProblems.record(wrong)).rejects.toThrow();
      expect(await s.credentialProblems.all()).toEqual([]);
    });

    it('lists by account and reader', async () => {
      await s.credentialProblems.record(locked('acc_2', T0));
      await s.credentialProblems.record(locked('acc_1', T0));
      await s.credentialProblems.record(missing('acc_1', T0 + 1));
      expect((await s.credentialProblems.ofAccount('acc_1')).map((p) => p.reader)).toEqual(['key_file', 'keychain']);
      expect((await s.credentialProblems.all()).map((p) => `${p.accountId}/${p.reader}`)).toEqual([
        'acc_1/key_file',
        'acc_1/keychain',
        'acc_2/keychain',
      ]);
      expect(await s.credentialProblems.ofAccount('acc_missing')).toEqual([]);
    });

    it("clears one reader's problem once, or every reader's after a new login", async () => {
      await s.credentialProblems.record(missing('acc_1', T0));
      await s.credentialProblems.record(locked('acc_1', T0));
      await s.credentialProblems.record(locked('acc_2', T0));
      expect(await s.credentialProblems.clear('acc_1', 'keychain')).toBe(true);
      expect(await s.credentialProblems.clear('acc_1', 'keychain')).toBe(false);
      expect((await s.credentialProblems.ofAccount('acc_1')).map((p) => p.reader)).toEqual(['key_file']);
      await s.credentialProblems.record(locked('acc_1', T0));
      await s.credentialProblems.clearAccount('acc_1');
      expect(await s.credentialProblems.ofAccount('acc_1')).toEqual([]);
      expect(await s.credentialProblems.ofAccount('acc_2')).toEqual([locked('acc_2', T0)]);
    });

    it('goes with its account', async () => {
      await s.credentialProblems.record(missing('acc_1', T0));
      await s.accounts.remove('acc_1');
      expect(await s.credentialProblems.all()).toEqual([]);
    });
  });
}

// The SecretStore: the only way code reads or writes an account's credentials.

import type { SecretStorageInfo } from '../../../shared/contract';
import type { AccountsRepo } from '../repos/accounts';
import type { SecretCipher } from './cipher';

export interface SecretStore {
  seal(value: unknown): Buffer;
  read<T>(accountId: string): T | null;
  write(accountId: string, value: unknown, now: number): void;
  describe(): SecretStorageInfo;
}

export function createSecretStore(cipher: SecretCipher, accounts: AccountsRepo): SecretStore {
  return {
    seal: (value) => cipher.seal(JSON.stringify(value)),
    read<T>(accountId: string): T | null {
      const sealed = accounts.sealedSecret(accountId);
      if (!sealed) return null;
      return JSON.parse(cipher.open(sealed)) as T;
    },
    write(accountId, value, now) {
      accounts.replaceSecret(accountId, cipher.seal(JSON.stringify(value)), now);
    },
    describe: () => cipher.describe(),
  };
}

// Account credentials on the workspace server: sealed with the server key (never in the database in the clear), opened
// only in the server process. What cannot be opened becomes the core's CredentialUnreadableError, with words that
// never carry the key or the value.

import { problem, type SecretStorageInfo } from '../../../shared/contract';
import { type CipherKind, CredentialUnreadableError, type SecretCipher } from '../../core/secrets/cipher';
import { SealError, type Sealer } from './serverKey';

/** Authenticated with every sealed credential, so a value sealed for something else is refused. */
const CREDENTIALS_CONTEXT = 'kairos:account-credentials';

export class ServerKeyCipher implements SecretCipher {
  readonly kind: CipherKind = 'server_key';

  constructor(
    private readonly sealer: Sealer,
    private readonly keySource: string,
  ) {}

  seal(plain: string): Buffer {
    return this.sealer.seal(plain, CREDENTIALS_CONTEXT);
  }

  open(sealed: Buffer): string {
    try {
      return this.sealer.open(sealed, CREDENTIALS_CONTEXT).toString('utf8');
    } catch (e) {
      if (e instanceof SealError && e.code === 'wrong_key')
        throw new CredentialUnreadableError('other_shell', problem('login_other_server_key', { keyId: this.sealer.keyId }));
      throw new CredentialUnreadableError('damaged', problem('login_damaged', {}));
    }
  }

  describe(): SecretStorageInfo {
    return {
      backend: `server key ${this.sealer.keyId} (${this.keySource})`,
      encrypted: true,
      warning: null,
      warningProblems: [],
    };
  }
}

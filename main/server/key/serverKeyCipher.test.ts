import { describe, expect, it } from 'vitest';
import { CredentialUnreadableError } from '../../core/secrets/cipher';
import { Sealer } from './serverKey';
import { ServerKeyCipher } from './serverKeyCipher';

const key = (byte: number) => Buffer.alloc(32, byte);

describe('credentials sealed with the server key', () => {
  it('opens what it sealed, and the sealed bytes do not hold the value', () => {
    const cipher = new ServerKeyCipher(new Sealer(key(1)), 'the file /etc/kairos/server.key');
    const sealed = cipher.seal('{"token":"secret-token-123"}');
    expect(sealed.includes(Buffer.from('secret-token-123'))).toBe(false);
    expect(cipher.open(sealed)).toBe('{"token":"secret-token-123"}');
    expect(cipher.kind).toBe('server_key');
    expect(cipher.describe()).toMatchObject({ encrypted: true, warning: null });
    expect(cipher.describe().backend).toContain('/etc/kairos/server.key');
  });

  it("refuses another server's value naming this key, and a changed one as damaged", () => {
    const ours = new ServerKeyCipher(new Sealer(key(1)), 'env');
    const theirs = new ServerKeyCipher(new Sealer(key(2)), 'env');
    const other = theirs.seal('x');
    let thrown: unknown;
    try {
      ours.open(other);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CredentialUnreadableError);
    expect((thrown as CredentialUnreadableError).words).toEqual({
      code: 'login_other_server_key',
      params: { keyId: new Sealer(key(1)).keyId },
    });
    const changed = ours.seal('value');
    changed[changed.length - 20] = (changed[changed.length - 20] ?? 0) ^ 0xff;
    expect(() => ours.open(changed)).toThrow(expect.objectContaining({ problem: 'damaged' }));
  });
});

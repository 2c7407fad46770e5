// The server key: 32 bytes the workspace server seals the credentials it holds with (AES-256-GCM from node:crypto),
// so a copy of the database alone opens none of them. It comes from a file (--key-file) or KAIROS_SERVER_KEY, as
// base64 or hex; the key itself never appears in an error or a log line.

import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

export const SERVER_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 4;
/** The first byte of every sealed value: the format's version, so a later format can be told apart and read. */
export const SEALED_FORMAT_V1 = 1;
const HEADER_BYTES = 1 + KEY_ID_BYTES + IV_BYTES;

export const KEYGEN_HINT =
  'Make one with "kairos server keygen --out /etc/kairos/server.key" (readable only by the server\'s user), then start with --key-file /etc/kairos/server.key, or put the key in the KAIROS_SERVER_KEY environment variable.';

export type ServerKeyErrorCode = 'missing' | 'unreadable' | 'malformed';

/** A key that is absent, cannot be read, or is not 32 bytes of base64 or hex. */
export class ServerKeyError extends Error {
  constructor(
    readonly code: ServerKeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServerKeyError';
  }
}

export type SealErrorCode = 'wrong_key' | 'tampered' | 'unknown_format';

/** A sealed value this key cannot open: sealed with another key, changed since, or not a sealed value at all. */
export class SealError extends Error {
  constructor(
    readonly code: SealErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SealError';
  }
}

/** Reads a key written as 64 hex digits or base64 / base64url of 32 bytes (surrounding spaces and newlines allowed). */
export function parseServerKey(text: string, source: string): Buffer {
  const t = text.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(t)) key = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(t)) key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== SERVER_KEY_BYTES)
    throw new ServerKeyError(
      'malformed',
      `The server key in ${source} is not ${SERVER_KEY_BYTES} bytes written as base64 (44 characters) or hex (64 digits). ${KEYGEN_HINT}`,
    );
  return key;
}

/** A new random key, as base64 (what "kairos server keygen" prints). */
export function generateServerKey(): string {
  return randomBytes(SERVER_KEY_BYTES).toString('base64');
}

export interface LoadedServerKey {
  readonly sealer: Sealer;
  /** Where it came from, for the start-up line: "the file /etc/kairos/server.key" or "KAIROS_SERVER_KEY". */
  readonly source: string;
  /** Said once at start-up: a key file others on the machine can read. */
  readonly warning: string | null;
}

/** The key from --key-file, else from KAIROS_SERVER_KEY; refuses to go on without one. */
export function loadServerKey(options: { keyFile?: string; env?: NodeJS.ProcessEnv }): LoadedServerKey {
  const env = options.env ?? process.env;
  if (options.keyFile !== undefined) {
    const source = `the file ${options.keyFile}`;
    let text: string;
    let mode: number;
    try {
      text = readFileSync(options.keyFile, 'utf8');
      mode = statSync(options.keyFile).mode;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
      throw new ServerKeyError('unreadable', `The server key file ${options.keyFile} cannot be read (${why}). ${KEYGEN_HINT}`);
    }
    const key = parseServerKey(text, source);
    const warning =
      process.platform !== 'win32' && (mode & 0o077) !== 0
        ? `Warning: ${options.keyFile} can be read by other users of this machine; make it private with: chmod 600 ${options.keyFile}`
        : null;
    return { sealer: new Sealer(key), source, warning };
  }
  const fromEnv = env.KAIROS_SERVER_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== '')
    return { sealer: new Sealer(parseServerKey(fromEnv, 'KAIROS_SERVER_KEY')), source: 'KAIROS_SERVER_KEY', warning: null };
  throw new ServerKeyError(
    'missing',
    `The workspace server needs its server key, which seals the network credentials it holds. ${KEYGEN_HINT} Keep a copy of it with your backups: without it, the accounts' credentials in a restored database cannot be opened.`,
  );
}

function keyIdOf(key: Buffer): Buffer {
  return createHash('sha256').update('kairos server key id\0').update(key).digest().subarray(0, KEY_ID_BYTES);
}

/**
 * Seals and opens values with one server key. Sealed format, version 1:
 *   [1 byte: 0x01][4 bytes: key id][12 bytes: random IV][ciphertext][16 bytes: GCM tag]
 * The key id (from a hash of the key) tells "another key" from "changed"; the context (for instance
 * "account:acc_1:credentials") is authenticated too, so a sealed value moved to another row does not open.
 */
export class Sealer {
  readonly #key: Buffer;
  /** Safe to show: 8 hex digits derived from the key by a one-way hash. */
  readonly keyId: string;
  readonly #keyId: Buffer;

  constructor(key: Buffer) {
    if (key.length !== SERVER_KEY_BYTES) throw new ServerKeyError('malformed', `A server key is ${SERVER_KEY_BYTES} bytes.`);
    this.#key = Buffer.from(key);
    this.#keyId = keyIdOf(this.#key);
    this.keyId = this.#keyId.toString('hex');
  }

  /**
   * A key for one other purpose (review links' signatures), derived with HKDF-SHA256: one secret to keep, and a key
   * that signs links can never open sealed credentials.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#key, Buffer.alloc(0), `kairos ${purpose}`, SERVER_KEY_BYTES));
  }

  seal(plaintext: Buffer | string, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const header = Buffer.concat([Buffer.from([SEALED_FORMAT_V1]), this.#keyId, iv]);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.concat([header, Buffer.from(context, 'utf8')]));
    const body = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
    return Buffer.concat([header, body, cipher.getAuthTag()]);
  }

  open(sealed: Buffer, context: string): Buffer {
    if (sealed.length < HEADER_BYTES + TAG_BYTES)
      throw new SealError('unknown_format', 'This is not a value sealed by a Kairos server (it is too short).');
    const version = sealed[0];
    if (version !== SEALED_FORMAT_V1)
      throw new SealError(
        'unknown_format',
        `This value was sealed in format ${version}, which this Kairos server does not know. A newer Kairos wrote it; update this server.`,
      );
    const keyId = sealed.subarray(1, 1 + KEY_ID_BYTES);
    if (!keyId.equals(this.#keyId))
      throw new SealError(
        'wrong_key',
        `This value was sealed with another server key (key id ${keyId.toString('hex')}; this server's key is ${this.keyId}). Start the server with the key it was sealed with.`,
      );
    const header = sealed.subarray(0, HEADER_BYTES);
    const iv = sealed.subarray(1 + KEY_ID_BYTES, HEADER_BYTES);
    const tag = sealed.subarray(sealed.length - TAG_BYTES);
    const body = sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.concat([header, Buffer.from(context, 'utf8')]));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      throw new SealError(
        'tampered',
        'This sealed value was changed after it was sealed, or belongs to another record; it was refused. Restore it from a backup or enter the credentials again.',
      );
    }
  }
}

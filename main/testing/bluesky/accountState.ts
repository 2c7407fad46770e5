// Test helpers for an account's state: rewrite a stored secret in a data folder, or hold one in memory.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { DATABASE_FILE } from '../../core/backend';
import { systemClock } from '../../core/clock';
import type { AccountContext, PublishedPart } from '../../core/platforms/types';
import type { StoredAccount } from '../../core/repos/accounts';
import { AccountsRepo } from '../../core/repos/accounts';
import { CredentialProblemsRepo } from '../../core/repos/credentialProblems';
import type { StoredMedia } from '../../core/repos/media';
import { KeyFileCipher } from '../../core/secrets/cipher';
import { createSecretStore } from '../../core/secrets/secretStore';
import { promised } from '../../core/stores/promised';

/**
 * Reads an account's sealed secret from a backend's data folder, changes it and seals it back, the way a
 * token would change on the server side (expiry, revocation) without the app noticing.
 */
export async function rewriteStoredSecret<T>(
  dataDir: string,
  accountId: string,
  change: (secret: T) => T,
): Promise<{ before: T; after: T }> {
  const db = new Database(join(dataDir, DATABASE_FILE));
  try {
    db.pragma('busy_timeout = 5000');
    const store = createSecretStore(
      KeyFileCipher.inDataDir(dataDir),
      promised(new AccountsRepo(db)),
      promised(new CredentialProblemsRepo(db)),
      systemClock,
    );
    const before = await store.read(accountId, z.custom<T>());
    if (before === null) throw new Error(`Account ${accountId} has no stored secret.`);
    const after = change(before);
    await store.write(accountId, after, Date.now());
    return { before, after };
  } finally {
    db.close();
  }
}

export async function readStoredSecret<T>(dataDir: string, accountId: string): Promise<T | null> {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const store = createSecretStore(
      KeyFileCipher.inDataDir(dataDir),
      promised(new AccountsRepo(db)),
      promised(new CredentialProblemsRepo(db)),
      systemClock,
    );
    return await store.read(accountId, z.custom<T>());
  } finally {
    db.close();
  }
}

/** An AccountContext held in memory: what an adapter saves and records is kept for the test to inspect. */
export class MemoryAccount<Secret> implements AccountContext<Secret> {
  secret: Secret;
  account: StoredAccount;
  readonly savedSecrets: Secret[] = [];
  readonly parts = new Map<number, PublishedPart>();
  readonly media = new Map<string, Buffer>();

  constructor(config: Readonly<Record<string, unknown>>, secret: Secret, handle = 'test account') {
    this.secret = secret;
    this.account = {
      id: `acc_memory_${handle}`,
      platform: 'bluesky',
      name: handle,
      handle,
      status: 'connected',
      statusReason: null,
      avatarUrl: null,
      createdAt: 0,
      config,
    };
  }

  async saveSecret(secret: Secret): Promise<void> {
    this.secret = secret;
    this.savedSecrets.push(secret);
  }

  async saveConfig(config: Readonly<Record<string, unknown>>): Promise<void> {
    this.account = { ...this.account, config };
  }

  async recordPart(index: number, part: PublishedPart): Promise<void> {
    this.parts.set(index, part);
  }

  readMedia(m: StoredMedia): Buffer {
    const bytes = this.media.get(m.id);
    if (!bytes) throw new Error(`No bytes for ${m.id}`);
    return bytes;
  }
}

// Damaged stored JSON on a real database: the error names what is damaged, never a schema dump or the value.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MastodonSecretSchema } from '../../platforms/mastodon/config';
import { DiscordFake } from '../../testing/discordFake';
import { type TempBackend, tempBackend } from '../../testing/tempBackend';
import { DATABASE_FILE } from '../backend';
import { systemClock } from '../clock';
import { openDatabase } from '../db/database';
import { KeyFileCipher } from '../secrets/cipher';
import { createSecretStore } from '../secrets/secretStore';
import { createSqliteStores } from './sqlite';

describe('stored JSON read through its schema', () => {
  let temp: TempBackend;
  let fake: DiscordFake;

  beforeEach(async () => {
    fake = await new DiscordFake().start();
    temp = await tempBackend({ prefix: 'kairos-stored-' });
  });

  afterEach(async () => {
    await temp.close();
    await fake.stop();
  });

  /** Changes a row from another connection, as a hand edit or a bad copy of the file would. */
  const tamper = (sql: string, ...args: string[]) => {
    const db = new Database(join(temp.dir, DATABASE_FILE));
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare(sql).run(...args);
    } finally {
      db.close();
    }
  };

  it('says which post has damaged options, for a wrong shape and for text that is not JSON', async () => {
    const b = temp.backend;
    const account = await b.call('accounts.connect', { platform: 'discord', name: 'News', webhookUrl: fake.createWebhook('News') });
    const { post } = await b.call('posts.create', { text: 'Hello', accountIds: [account.id], when: { kind: 'draft' } });

    tamper(`UPDATE posts SET options = '{"visibility":"everyone"}' WHERE id = ?`, post.id);
    const shape = await b.invoke('posts.get', { id: post.id });
    expect(shape.ok).toBe(false);
    if (shape.ok) return;
    expect(shape.error.code).toBe('storage_error');
    expect(shape.error.message).toContain(`the options of post ${post.id}`);
    expect(shape.error.message).toContain('visibility');
    expect(shape.error.message).not.toMatch(/ZodError|"code"|everyone/);

    tamper(`UPDATE posts SET options = '{"visib' WHERE id = ?`, post.id);
    const text = await b.invoke('posts.get', { id: post.id });
    expect(text.ok).toBe(false);
    if (text.ok) return;
    expect(text.error.code).toBe('storage_error');
    expect(text.error.message).toContain(`the options of post ${post.id}`);
    expect(text.error.message).toContain('not valid JSON');

    // Put right, the same post reads again: nothing else was touched.
    tamper(`UPDATE posts SET options = '{}' WHERE id = ?`, post.id);
    expect((await b.call('posts.get', { id: post.id })).post.text).toBe('Hello');
  });

  it('says which account has damaged settings', async () => {
    const b = temp.backend;
    await b.call('accounts.connect', { platform: 'discord', name: 'News', webhookUrl: fake.createWebhook('News') });
    tamper(`UPDATE accounts SET config = '[1, 2]' WHERE name = ?`, 'News');
    const r = await b.invoke('accounts.list', {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('storage_error');
    expect(r.error.message).toContain('the settings of account News');
  });
});

describe('the secret store reads a login with its schema', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-secret-schema-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns a login of the right shape and names the account and field of one that is not, never the value', async () => {
    const db = await openDatabase(join(dir, DATABASE_FILE), { now: Date.now() });
    try {
      const stores = createSqliteStores(db, { timeZone: 'UTC', graceMinutes: '15', locale: 'system', theme: 'system' });
      const secrets = createSecretStore(KeyFileCipher.inDataDir(dir), stores.accounts, stores.credentialProblems, systemClock);
      const add = (id: string, name: string, secret: unknown) =>
        stores.accounts.add({
          id,
          platform: 'mastodon',
          name,
          handle: `@${name}`,
          avatarUrl: null,
          config: {},
          sealedSecret: secrets.seal(secret),
          now: Date.now(),
        });
      await add('acc_good', 'Good', { accessToken: 'tok-good', app: null });
      await add('acc_bad', 'Bad', { accessToken: 12345678, app: null });

      expect(await secrets.read('acc_good', MastodonSecretSchema)).toEqual({ accessToken: 'tok-good', app: null });
      let message = '';
      try {
        await secrets.read('acc_bad', MastodonSecretSchema);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain('the saved login of Bad');
      expect(message).toContain('accessToken');
      expect(message).not.toContain('12345678');
      // A shape the caller did not expect is not a login this process cannot open: nothing is recorded against it.
      expect(await secrets.problemHere('acc_bad')).toBeNull();
    } finally {
      db.close();
    }
  });
});

// A saved login one kind of Kairos process cannot open is recorded for that kind alone; a process that can open it publishes.
// A deleted secrets.key is reported, never silently replaced.

import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseKeychain, KeychainCipher, type SafeStorageLike } from '../../electron/keychainCipher';
import { featuresWith } from '../../features';
import { readStoredSecret } from '../../testing/bluesky/accountState';
import { DiscordFake } from '../../testing/discordFake';
import { discordOnly, passTime, T0 } from '../../testing/engineHarness';
import { FakeClock } from '../../testing/fakeClock';
import { type Backend, createBackend, DATABASE_FILE } from '../backend';
import type { SecretCipher } from '../secrets/cipher';

/** Electron's safeStorage on a Linux machine with a keyring, as far as sealing needs it. */
const keyring: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x33)),
  decryptString: (sealed) => Buffer.from(sealed.map((b) => b ^ 0x33)).toString('utf8'),
};

describe('saved logins per kind of Kairos process', () => {
  let fake: DiscordFake;
  let dir: string;
  let clock: FakeClock;
  const open: Backend[] = [];

  beforeEach(async () => {
    fake = await new DiscordFake().start();
    dir = mkdtempSync(join(tmpdir(), 'kairos-credentials-'));
    clock = new FakeClock(T0);
  });

  afterEach(async () => {
    for (const b of open.splice(0)) await b.close();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(shell: 'cli' | 'electron', cipher?: SecretCipher): Promise<Backend> {
    const b = await createBackend({
      dataDir: dir,
      features: featuresWith(discordOnly()),
      clock,
      shell,
      runScheduler: true,
      systemTimeZone: 'Europe/Rome',
      random: () => 0.5,
      ...(cipher ? { cipher } : {}),
    });
    open.push(b);
    await b.scheduler.idle();
    return b;
  }

  async function stop(b: Backend): Promise<void> {
    open.splice(open.indexOf(b), 1);
    await b.close();
  }

  const desktopCipher = () => new KeychainCipher(dir, chooseKeychain(keyring, 'linux'));
  const targetOf = async (b: Backend, postId: string) => (await b.call('posts.get', { id: postId })).post.targets[0];

  /** Seals the account's login the way the desktop app does with the keychain. */
  async function sealInDesktopKeychain(accountId: string): Promise<void> {
    const secret = await readStoredSecret<unknown>(dir, accountId);
    const db = new Database(join(dir, DATABASE_FILE));
    db.prepare('UPDATE accounts SET secret = ? WHERE id = ?').run(desktopCipher().seal(JSON.stringify(secret)), accountId);
    db.close();
  }

  it('a login in the desktop keychain waits in the kairos command without a re-login mark, and the desktop app publishes it once', async () => {
    const cli = await start('cli');
    const { id } = await cli.call('accounts.connect', {
      platform: 'discord',
      name: 'Community',
      webhookUrl: fake.createWebhook('General'),
    });
    await sealInDesktopKeychain(id);

    const { post } = await cli.call('posts.create', { text: 'Still here', accountIds: [id], when: { kind: 'now' } });
    await passTime({ backend: cli, clock }, 3_000);
    const [seenByCli] = await cli.call('accounts.list', {});
    expect(seenByCli).toMatchObject({ status: 'connected', statusReason: null, unreadableElsewhere: null });
    expect(seenByCli?.unreadableHere).toMatch(/^This account's login was saved by the Kairos desktop app in the system keychain/);
    expect(seenByCli?.unreadableHereProblem).toEqual({ code: 'login_in_desktop_keychain', params: {} });
    expect(seenByCli?.unreadableElsewhereProblem).toBeNull();
    expect(await targetOf(cli, post.id)).toMatchObject({ status: 'scheduled', lastError: seenByCli?.unreadableHere, attempts: 1 });
    // Recorded once, not claimed again and again while nothing changes.
    await passTime({ backend: cli, clock }, 120_000, 10_000);
    expect((await targetOf(cli, post.id))?.attempts).toBe(1);
    expect(fake.messages).toHaveLength(0);
    await stop(cli);

    const desktop = await start('electron', desktopCipher());
    await passTime({ backend: desktop, clock }, 3_000);
    expect(await targetOf(desktop, post.id)).toMatchObject({ status: 'published' });
    expect(fake.messages.map((m) => m.content)).toEqual(['Still here']);
    const [seenByDesktop] = await desktop.call('accounts.list', {});
    expect(seenByDesktop).toMatchObject({ status: 'connected', unreadableHere: null });
    expect(seenByDesktop?.unreadableElsewhere).toMatch(/^The kairos command and browser mode cannot open this login: /);
    expect(seenByDesktop?.unreadableHereProblem).toBeNull();
    expect(seenByDesktop?.unreadableElsewhereProblem).toEqual({
      reader: 'key_file',
      problem: { code: 'login_in_desktop_keychain', params: {} },
    });
  });

  it('a new login from the kairos command clears the mark, and the post goes out from there', async () => {
    const cli = await start('cli');
    const url = fake.createWebhook('General');
    const { id } = await cli.call('accounts.connect', { platform: 'discord', name: 'Community', webhookUrl: url });
    await sealInDesktopKeychain(id);
    const { post } = await cli.call('posts.create', { text: 'After a new login', accountIds: [id], when: { kind: 'now' } });
    await passTime({ backend: cli, clock }, 2_000);
    expect((await targetOf(cli, post.id))?.status).toBe('scheduled');

    await cli.call('accounts.reconnect', { id, input: { platform: 'discord', name: 'Community', webhookUrl: url } });
    await passTime({ backend: cli, clock }, 2_000);
    expect((await targetOf(cli, post.id))?.status).toBe('published');
    expect(fake.messages.map((m) => m.content)).toEqual(['After a new login']);
    expect((await cli.call('accounts.list', {}))[0]).toMatchObject({
      unreadableHere: null,
      unreadableElsewhere: null,
      unreadableHereProblem: null,
      unreadableElsewhereProblem: null,
    });
  });

  it('a deleted secrets.key is reported with what to do, never replaced by a new key; putting it back publishes', async () => {
    const cli = await start('cli');
    const { id } = await cli.call('accounts.connect', {
      platform: 'discord',
      name: 'Community',
      webhookUrl: fake.createWebhook('General'),
    });
    await stop(cli);
    const keyPath = join(dir, 'secrets.key');
    const saved = join(dir, '..', `${dir.split('/').at(-1)}-secrets.key.bak`);
    copyFileSync(keyPath, saved);
    const original = readFileSync(keyPath);
    rmSync(keyPath);

    try {
      const again = await start('cli');
      const [account] = await again.call('accounts.list', {});
      expect(account).toMatchObject({ status: 'connected', statusReason: null });
      expect(account?.unreadableHere).toBe(
        `The key file secrets.key is missing from ${dir}, so this account's saved login cannot be read. ` +
          'Put secrets.key back from a backup of that folder and restart Kairos, or log in to the account again.',
      );
      expect(account?.unreadableHereProblem).toEqual({ code: 'login_key_file_missing', params: { file: 'secrets.key', folder: dir } });
      const storage = (await again.call('app.info', {})).secretStorage;
      expect(storage.warning).toMatch(
        /^The key file secrets\.key is missing from the Kairos data folder, so the saved logins of Community cannot be read\. Put it back from a backup/,
      );
      expect(storage.warningProblems).toEqual([
        { code: 'key_file_lost', params: { file: 'secrets.key', names: ['Community'] } },
        { code: 'key_file_in_data_folder', params: {} },
      ]);
      const { post } = await again.call('posts.create', { text: 'Waits for its key', accountIds: [id], when: { kind: 'now' } });
      await passTime({ backend: again, clock }, 3_000);
      expect(await targetOf(again, post.id)).toMatchObject({ status: 'scheduled', lastError: account?.unreadableHere });
      // Reading, listing and trying to publish never made a new key over the sealed login.
      expect(existsSync(keyPath)).toBe(false);
      await stop(again);

      writeFileSync(keyPath, original, { mode: 0o600 });
      const restored = await start('cli');
      await passTime({ backend: restored, clock }, 3_000);
      expect((await targetOf(restored, post.id))?.status).toBe('published');
      expect(fake.messages.map((m) => m.content)).toEqual(['Waits for its key']);
      expect((await restored.call('accounts.list', {}))[0]?.unreadableHere).toBeNull();
      expect((await restored.call('app.info', {})).secretStorage.warning).not.toMatch(/missing/);
      expect((await restored.call('app.info', {})).secretStorage.warningProblems.map((p) => p.code)).toEqual(['key_file_in_data_folder']);
    } finally {
      rmSync(saved, { force: true });
    }
  });
});

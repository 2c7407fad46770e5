// The data folder is the user's alone: 0700 for folders, 0600 for the database, its WAL/SHM, backups, media, logs and key.

import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FEATURES } from '../features';
import { tinyPng } from '../testing/mastodonFake/backendEnv';
import { type Backend, createBackend, DATABASE_FILE } from './backend';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Every folder and file in the data folder with its mode, as `ls -l` would show them. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = { '.': modeOf(dir) };
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const path = join(dir, rel, name);
      const key = rel ? `${rel}/${name}` : name;
      out[key] = modeOf(path);
      if (statSync(path).isDirectory()) walk(key);
    }
  };
  walk('');
  return out;
}

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  let parent: string;
  let dir: string;
  let backend: Backend | null = null;
  let oldUmask: number;

  beforeEach(() => {
    // The usual desktop umask: without care, files would be readable by every user of the machine.
    oldUmask = process.umask(0o022);
    parent = mkdtempSync(join(tmpdir(), 'kairos-perms-'));
    dir = join(parent, 'Kairos');
  });

  afterEach(async () => {
    await backend?.close();
    backend = null;
    process.umask(oldUmask);
    rmSync(parent, { recursive: true, force: true });
  });

  const open = async () => {
    backend = await createBackend({ dataDir: dir, features: FEATURES, shell: 'cli', systemTimeZone: 'Europe/Rome' });
    return backend;
  };

  async function fillDataFolder(b: Backend): Promise<void> {
    await b
      .call('accounts.connect', { platform: 'discord', name: 'Community', webhookUrl: 'https://discord.com/api/webhooks/1/x' })
      .catch(() => {
        // No network here: the key file is what matters, and sealing creates it.
      });
    await b.call('media.add', { fileName: 'red.png', mime: 'image/png', dataBase64: (await tinyPng()).toString('base64') });
    await b.call('posts.create', { text: 'Draft', accountIds: [], when: { kind: 'draft', timeZone: 'Europe/Rome' } });
    await b.call('database.backupNow', {});
  }

  it('creates the folder, database, WAL/SHM, backups and media private to the user', async () => {
    const b = await open();
    await fillDataFolder(b);
    const found = modes(dir);
    expect(Object.keys(found)).toEqual(
      expect.arrayContaining([DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, 'backups', 'media']),
    );
    expect(Object.keys(found).filter((k) => k.startsWith('backups/'))).toHaveLength(1);
    expect(Object.keys(found).filter((k) => k.startsWith('media/'))).toHaveLength(1);
    for (const [path, mode] of Object.entries(found)) {
      const isDir = statSync(join(dir, path)).isDirectory();
      expect({ path, mode }).toEqual({ path, mode: isDir ? '700' : '600' });
    }
  });

  it('fixes a folder an older Kairos left readable by others, at open', async () => {
    await fillDataFolder(await open());
    await backend?.close();
    backend = null;
    writeFileSync(join(dir, 'kairos.log'), 'published p1\n');
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs', 'kairos-2026-03-01.log'), 'old\n');
    for (const path of Object.keys(modes(dir))) {
      const full = join(dir, path);
      chmodSync(full, statSync(full).isDirectory() ? 0o755 : 0o644);
    }
    // Not Kairos's to change: a file the user put there, and whatever a symlink points to.
    writeFileSync(join(parent, 'elsewhere.txt'), 'x');
    chmodSync(join(parent, 'elsewhere.txt'), 0o644);
    symlinkSync(join(parent, 'elsewhere.txt'), join(dir, 'media', 'link.png'));
    writeFileSync(join(dir, 'notes.txt'), 'mine');

    await open();
    const found = modes(dir);
    for (const [path, mode] of Object.entries(found)) {
      if (path === 'notes.txt' || path === 'media/link.png') continue;
      const isDir = statSync(join(dir, path)).isDirectory();
      expect({ path, mode }).toEqual({ path, mode: isDir ? '700' : '600' });
    }
    expect(found['logs/kairos-2026-03-01.log']).toBe('600');
    expect(found['kairos.log']).toBe('600');
    expect(modeOf(join(parent, 'elsewhere.txt'))).toBe('644');
    expect(found['notes.txt']).toBe('644');
    expect(existsSync(join(dir, `${DATABASE_FILE}-wal`))).toBe(true);
  });
});

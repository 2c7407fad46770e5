// A desktop data folder as a person's would be after some use, written by the real desktop backend: two Discord
// accounts, a published post, a thread with media, a scheduled post with labels, a draft, a recurring series, an
// account pause, a setting,
// posting slots, an evergreen queue and a watched term.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createBackend, DATABASE_FILE } from '../core/backend';
import { KEYCHAIN_FORMAT } from '../core/secrets/cipher';
import { FEATURES } from '../features';
import type { DiscordFake } from './discordFake';
import { ONE_PIXEL_PNG } from './mediaSamples';

export interface DesktopDataDir {
  readonly dir: string;
  readonly newsAccount: string;
  readonly otherAccount: string;
  readonly newsWebhook: string;
  readonly publishedPost: string;
  readonly threadPost: string;
  readonly scheduledPost: string;
  readonly draftPost: string;
  readonly seriesId: string;
  readonly mediaId: string;
  readonly mediaStoredName: string;
  remove(): void;
}

export async function makeDesktopDataDir(fake: DiscordFake, prefix = 'kairos-desktop-'): Promise<DesktopDataDir> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const backend = await createBackend({ dataDir: dir, features: FEATURES, shell: 'cli', systemTimeZone: 'Europe/Rome' });
  let closed = false;
  try {
    const newsWebhook = fake.createWebhook('News');
    const news = (await backend.call('accounts.connect', { platform: 'discord', name: 'News', webhookUrl: newsWebhook })).id;
    const other = (
      await backend.call('accounts.connect', { platform: 'discord', name: 'Offers', webhookUrl: fake.createWebhook('Offers') })
    ).id;

    const published = (await backend.call('posts.create', { text: 'We are open', accountIds: [news], when: { kind: 'now' } })).post.id;
    await backend.scheduler.start();
    await backend.scheduler.idle();
    await backend.scheduler.stop();

    const media = await backend.call('media.add', { fileName: 'pixel.png', mime: 'image/png', bytes: new Uint8Array(ONE_PIXEL_PNG) });
    const year = new Date().getUTCFullYear() + 1;
    // Discord takes neither threads nor media: those wait as drafts; the post with labels and overrides is scheduled.
    const thread = (
      await backend.call('posts.create', {
        text: 'Spring launch, part one',
        parts: ['Spring launch, part one', 'Part two: the details'],
        accountIds: [news],
        labels: ['launch'],
        media: [{ id: media.id, alt: 'A single pixel', partIndex: 1, focus: { x: 0.25, y: -0.5 } }],
        when: { kind: 'draft', timeZone: 'Europe/Rome' },
      })
    ).post.id;
    const scheduled = (
      await backend.call('posts.create', {
        text: 'Spring offers are coming',
        accountIds: [news, other],
        overrides: { [other]: 'Offers: spring is coming' },
        labels: ['launch', 'spring'],
        options: { language: 'en' },
        when: { kind: 'at', wall: { date: `${year}-04-02`, time: '10:30', timeZone: 'Europe/Rome' } },
      })
    ).post.id;
    const draft = (
      await backend.call('posts.create', {
        text: 'An idea for later',
        accountIds: [other],
        labels: ['ideas'],
        when: { kind: 'draft', timeZone: 'Europe/Rome' },
      })
    ).post.id;
    const series = await backend.call('engine.recurring.create', {
      text: 'Good morning',
      accountIds: [news],
      rule: { freq: 'weekly', days: ['mon', 'wed', 'fri'] },
      time: '09:00',
      timeZone: 'Europe/Rome',
    });
    await backend.call('engine.pauseAccount', { accountId: other, reason: 'Quiet week' });
    await backend.call('settings.set', { key: 'timeZone', value: 'Europe/Rome' });
    await backend.call('queue.slots.set', {
      accountId: news,
      timeZone: 'Europe/Rome',
      slots: [
        { day: 'tue', time: '09:30' },
        { day: 'thu', time: '17:00' },
      ],
    });
    await backend.call('evergreen.queues.set', { label: 'spring', minIntervalDays: 30, stopDate: `${year}-12-31` });
    await backend.call('watchlist.add', { term: 'outage', severity: 'high' });
    closed = true;
    await backend.close();
    const stored = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const storedName = (stored.prepare('SELECT stored_name FROM media WHERE id = ?').get(media.id) as { stored_name: string }).stored_name;
    stored.close();
    return {
      dir,
      newsAccount: news,
      otherAccount: other,
      newsWebhook,
      publishedPost: published,
      threadPost: thread,
      scheduledPost: scheduled,
      draftPost: draft,
      seriesId: series.id,
      mediaId: media.id,
      mediaStoredName: storedName,
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (e) {
    if (!closed) await backend.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Replaces an account's saved login in a data folder with one only the desktop app's keychain could open. */
export function sealWithKeychain(dir: string, accountId: string): void {
  const db = new Database(join(dir, DATABASE_FILE));
  try {
    // What the desktop app's keychain cipher writes: its format byte, then bytes only that computer can open.
    const sealed = Buffer.concat([Buffer.from([KEYCHAIN_FORMAT]), Buffer.from('opaque keychain ciphertext')]);
    db.prepare('UPDATE accounts SET secret = ? WHERE id = ?').run(sealed, accountId);
  } finally {
    db.close();
  }
}

// Media no post uses any more is deleted a day later; media of drafts, queued and published posts is kept.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../../testing/discordFake';
import { type Harness, startHarness } from '../../testing/engineHarness';
import { ONE_PIXEL_PNG } from '../../testing/mediaSamples';
import { DATABASE_FILE } from '../backend';
import { UNUSED_MEDIA_GRACE_MS } from './unusedMedia';

const HOUR = 3_600_000;

describe('unused media', () => {
  let fake: DiscordFake;
  let h: Harness;
  let account: string;

  beforeEach(async () => {
    fake = await new DiscordFake().start();
    h = await startHarness();
    account = (await h.backend.call('accounts.connect', { platform: 'discord', name: 'Community', webhookUrl: fake.createWebhook('c') }))
      .id;
  });
  afterEach(async () => {
    await h.close();
    await fake.stop();
  });

  const add = async (name: string) =>
    h.backend.call('media.add', { fileName: name, mime: 'image/png', dataBase64: ONE_PIXEL_PNG.toString('base64') });
  const files = () => (existsSync(join(h.dir, 'media')) ? readdirSync(join(h.dir, 'media')).sort() : []);
  const known = async (id: string) => (await h.backend.invoke('media.preview', { id })).ok;
  const attachment = (id: string) => ({ id, alt: 'A dot', partIndex: 0 });

  it('a file added and never attached goes a day later, file and record', async () => {
    const m = await add('stray.png');
    expect(files()).toHaveLength(1);
    h.clock.advance(UNUSED_MEDIA_GRACE_MS - HOUR);
    expect(await known(m.id)).toBe(true);
    h.clock.advance(2 * HOUR);
    expect(await known(m.id)).toBe(false);
    expect(files()).toEqual([]);
  });

  it('keeps media of drafts, queued, retrying and published posts, however long they wait', async () => {
    const draft = { kind: 'draft' as const, timeZone: 'Europe/Rome' };
    const withMedia = async (name: string) => {
      const m = await add(name);
      const post = (await h.backend.call('posts.create', { text: name, accountIds: [], when: draft, media: [attachment(m.id)] })).post;
      return { m, post };
    };
    const kept = [
      await withMedia('draft.png'),
      await withMedia('queued.png'),
      await withMedia('retrying.png'),
      await withMedia('published.png'),
    ];
    // Discord takes text only, so the targets that carry these pictures are written as the queue would leave them.
    const db = new Database(join(h.dir, DATABASE_FILE));
    const target = db.prepare(
      `INSERT INTO targets (id, post_id, account_id, status, idempotency_key, remote_id) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    target.run('tgt_q', kept[1]?.post.id, account, 'scheduled', 'k1', null);
    target.run('tgt_r', kept[2]?.post.id, account, 'retrying', 'k2', null);
    target.run('tgt_p', kept[3]?.post.id, account, 'published', 'k3', 'remote-1');
    db.close();
    expect((await h.backend.call('posts.get', { id: kept[3]?.post.id as string })).post.targets.map((t) => t.status)).toEqual([
      'published',
    ]);
    h.clock.advance(3 * UNUSED_MEDIA_GRACE_MS);
    for (const { m } of kept) expect(await known(m.id)).toBe(true);
    expect(files()).toHaveLength(4);
  });

  it('a file taken off a post, or left by a deleted post, goes a day after that, not a day after it was added', async () => {
    const kept = await add('kept.png');
    const dropped = await add('dropped.png');
    const post = (
      await h.backend.call('posts.create', {
        text: 'Two pictures',
        accountIds: [],
        when: { kind: 'draft', timeZone: 'Europe/Rome' },
        media: [attachment(kept.id), attachment(dropped.id)],
      })
    ).post;
    h.clock.advance(2 * UNUSED_MEDIA_GRACE_MS);
    await h.backend.call('posts.update', { id: post.id, media: [attachment(kept.id)] });
    h.clock.advance(UNUSED_MEDIA_GRACE_MS - HOUR);
    expect(await known(dropped.id)).toBe(true);
    h.clock.advance(2 * HOUR);
    expect(await known(dropped.id)).toBe(false);
    expect(await known(kept.id)).toBe(true);

    await h.backend.call('posts.delete', { id: post.id });
    h.clock.advance(UNUSED_MEDIA_GRACE_MS - HOUR);
    expect(await known(kept.id)).toBe(true);
    h.clock.advance(2 * HOUR);
    expect(await known(kept.id)).toBe(false);
    expect(files()).toEqual([]);
  });

  it('a file re-attached within the day is kept', async () => {
    const m = await add('back.png');
    h.clock.advance(UNUSED_MEDIA_GRACE_MS - HOUR);
    await h.backend.call('posts.create', {
      text: 'Back',
      accountIds: [],
      when: { kind: 'draft', timeZone: 'Europe/Rome' },
      media: [attachment(m.id)],
    });
    h.clock.advance(5 * UNUSED_MEDIA_GRACE_MS);
    expect(await known(m.id)).toBe(true);
  });
});

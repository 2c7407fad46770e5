// Exports and calendar feeds end to end: JSON and .ics through the contract, and the tokenised feed URL over HTTP.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FEATURES } from '../../features';
import { type BrowserServer, startBrowserServer } from '../../http/server';
import { DiscordFake } from '../../testing/discordFake';
import { FakeClock } from '../../testing/fakeClock';
import { type Backend, createBackend } from '../backend';
import { exportedPosts } from './exportPosts';

// Tuesday 2026-12-01 09:00 UTC.
const START = Date.UTC(2026, 11, 1, 9, 0);

function eventsOf(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('exports and calendar feeds', () => {
  let dir: string;
  let backend: Backend;
  let server: BrowserServer;
  let discord: DiscordFake;
  let club: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-feeds-'));
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer, { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Kairos</title>');
    discord = await new DiscordFake().start();
    backend = await createBackend({
      dataDir: join(dir, 'data'),
      features: FEATURES,
      shell: 'browser',
      clock: new FakeClock(START),
      systemTimeZone: 'Europe/Rome',
    });
    server = await startBrowserServer({ backend, rendererDir: renderer });
    club = (await backend.call('accounts.connect', { platform: 'discord', name: 'Club', webhookUrl: discord.createWebhook('Club') })).id;
    await backend.call('posts.create', {
      text: 'Advent day 3, with commas, semicolons; and a \\ backslash\nSecond line',
      accountIds: [club],
      labels: ['advent'],
      when: { kind: 'at', wall: { date: '2026-12-03', time: '10:00', timeZone: 'Europe/Rome' } },
    });
    await backend.call('posts.create', { text: 'Just a draft', accountIds: [club], when: { kind: 'draft' } });
  });

  afterEach(async () => {
    await server.close();
    await backend.close();
    await discord.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports JSON with wall and ISO times, versions, labels and status', async () => {
    const file = await backend.call('export.posts', { format: 'json' });
    expect(file).toMatchObject({ fileName: 'kairos-posts-2026-12-01.json', mime: 'application/json', count: 2 });
    const parsed = JSON.parse(file.content) as { format: string; posts: ReturnType<typeof exportedPosts> };
    expect(parsed.format).toBe('kairos-posts');
    expect(parsed.posts[0]).toMatchObject({
      status: 'scheduled',
      scheduledUtc: '2026-12-03T09:00:00.000Z',
      wallDate: '2026-12-03',
      wallTime: '10:00',
      timeZone: 'Europe/Rome',
      labels: ['advent'],
      targets: [{ account: 'Club', network: 'discord', status: 'scheduled', version: null, link: null, metrics: null }],
    });
    expect(parsed.posts[1]).toMatchObject({ status: 'draft', scheduledUtc: null, wallDate: null });
  });

  it('carries metrics into the export when a network gave them', () => {
    const post = {
      id: 'post_1',
      text: 'Hi',
      timeZone: 'UTC',
      scheduledAt: 0,
      status: 'published' as const,
      labels: [],
      options: {},
      parts: [],
      media: [],
      targets: [
        {
          id: 't1',
          accountId: 'a',
          status: 'published' as const,
          textOverride: 'Hi there',
          attempts: 1,
          nextAttemptAt: null,
          remoteId: 'r',
          remoteUrl: 'https://x/1',
          lastError: null,
          publishedAt: 0,
          partsPublished: 1,
        },
      ],
      createdAt: 0,
      updatedAt: 0,
    };
    const [row] = exportedPosts([post], [], new Map([['t1', { likes: 3, reposts: 1, replies: 2, quotes: null, fetchedAt: 5 }]]));
    expect(row?.targets[0]).toMatchObject({ version: 'Hi there', link: 'https://x/1', metrics: { likes: 3, reposts: 1, replies: 2 } });
  });

  it('writes an .ics of the schedule that ical.js reads: one event per scheduled post, UTC, escaped, stable UID', async () => {
    const file = await backend.call('export.ics', { kind: 'schedule' });
    expect(file.count).toBe(1);
    const [event] = eventsOf(file.content);
    const [post] = await backend.call('posts.list', { statuses: ['scheduled'] });
    expect(event?.uid).toBe(`${post?.id}@kairos`);
    expect(event?.summary).toBe('Advent day 3, with commas, semicolons; and a \\ backslash · Discord');
    expect(event?.description).toContain('Second line\n\nNetworks: Discord\nAccounts: Club');
    expect(event?.startDate.toJSDate().getTime()).toBe(Date.UTC(2026, 11, 3, 9, 0));
    const again = await backend.call('export.ics', { kind: 'schedule' });
    expect(eventsOf(again.content)[0]?.uid).toBe(event?.uid);
    const days = await backend.call('export.ics', { kind: 'observances' });
    expect(days.count).toBeGreaterThan(0);
    expect(eventsOf(days.content).every((e) => e.startDate.isDate)).toBe(true);
  });

  it('serves a read-only feed at its token URL, without the session token, until it is revoked', async () => {
    const created = await backend.call('feeds.create', { kind: 'schedule' });
    expect(created.path).toBe(`/feeds/${created.token}/schedule.ics`);
    // Calendar servers fetch with their own Host header and no cookie.
    const res = await fetch(`${server.url}${created.path}`, { headers: { host: 'calendar.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await res.text();
    expect(eventsOf(body).map((e) => e.summary)).toEqual(['Advent day 3, with commas, semicolons; and a \\ backslash · Discord']);
    expect((await backend.call('feeds.list', {})).map((f) => f.id)).toEqual([created.feed.id]);

    expect((await fetch(`${server.url}${created.path}`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${server.url}/feeds/${'x'.repeat(32)}/schedule.ics`)).status).toBe(404);
    // The feed token opens nothing else, and the session token does not open a feed.
    expect(
      (
        await fetch(`${server.url}/api/invoke/posts.list`, {
          method: 'POST',
          headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    expect((await fetch(`${server.url}/feeds/${server.token}/schedule.ics`)).status).toBe(404);

    await backend.call('feeds.revoke', { id: created.feed.id });
    const gone = await fetch(`${server.url}${created.path}`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe('This calendar feed does not exist or was turned off.');
  });
});

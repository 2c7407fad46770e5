// The panel through the contract, on a real database, with fake networks: sections, volumes, alerts, offline and politeness.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../../shared/contract';
import type { ConversationPanel, Selection } from '../../../shared/contract/conversation';
import type { PlatformId } from '../../../shared/domain';
import { featuresWith } from '../../features';
import { FakeClock } from '../../testing/fakeClock';
import { FakeSignalNetwork, postAt } from '../../testing/fakeSignalNetwork';
import { type Backend, createBackend } from '../backend';
import type { PlatformAdapter } from '../platforms/types';
import { PlatformError } from '../platforms/types';

const START = Date.UTC(2026, 5, 2, 8, 0); // 10:00 in Rome, Republic Day in Italy.
const MIN = 60_000;

describe('conversation panel', () => {
  let dir: string;
  let clock: FakeClock;
  let backend: Backend;
  let masto: FakeSignalNetwork;
  let sky: FakeSignalNetwork;
  let events: BackendEvent[];
  let mastoId: string;
  let skyId: string;

  async function start(runScheduler = false) {
    backend = await createBackend({
      dataDir: dir,
      features: featuresWith(
        new Map<PlatformId, PlatformAdapter>([
          // The fakes take the real networks' shares of their limits (Mastodon 60, Bluesky 100 requests per 5 minutes).
          ['mastodon', { ...masto.adapter(), conversationBudget: { capacity: 60, windowMs: 5 * MIN } }],
          ['bluesky', { ...sky.adapter(), conversationBudget: { capacity: 100, windowMs: 5 * MIN } }],
        ]),
      ),
      clock,
      shell: 'cli',
      runScheduler,
      systemTimeZone: 'Europe/Rome',
    });
    backend.subscribe((e) => events.push(e));
    const accounts = await backend.call('accounts.list', {});
    mastoId = accounts.find((a) => a.platform === 'mastodon')?.id ?? '';
    skyId = accounts.find((a) => a.platform === 'bluesky')?.id ?? '';
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-conversation-'));
    clock = new FakeClock(START);
    masto = new FakeSignalNetwork('mastodon', 'Mastodon');
    sky = new FakeSignalNetwork('bluesky', 'Bluesky');
    events = [];
    await start();
    await backend.call('accounts.connect', {
      platform: 'mastodon',
      name: 'Brand',
      instance: 'example.social',
      accessToken: 'secret-token',
    });
    await backend.call('accounts.connect', { platform: 'bluesky', name: 'Brand', identifier: 'brand.example', appPassword: 'app-pass' });
    const accounts = await backend.call('accounts.list', {});
    mastoId = accounts.find((a) => a.platform === 'mastodon')?.id ?? '';
    skyId = accounts.find((a) => a.platform === 'bluesky')?.id ?? '';
  });

  afterEach(async () => {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const at = (time: string) => ({ kind: 'at' as const, wall: { date: '2026-06-02', time, timeZone: 'Europe/Rome' } });

  it('puts trends, search hits and mentions in the right sections for the selected post', async () => {
    await backend.call('conversation.settings.set', { brandNames: ['Kairos'], countries: ['IT'] });
    masto.trends = [
      { name: 'weather', kind: 'tag', url: 'https://example.social/tags/weather', history: [5, 6, 5], volume: 6 },
      { name: 'LaunchDay', kind: 'tag', url: 'https://example.social/tags/launchday', history: [10, 12, 11, 9, 80], volume: 80 },
    ];
    masto.searches.set('launchday', [postAt(START, 5, 'm-s1', 'Ready for #LaunchDay'), postAt(START, 50, 'm-s2', '#launchday soon')]);
    masto.searches.set('kairos', [postAt(START, 20, 'm-s3', 'Kairos looks neat')]);
    sky.searches.set('launchday', [postAt(START, 1, 'b-s1', 'So #launchday is today')]);
    masto.mentions = [
      postAt(START, 3, 'm-m1', '@brand when does it start?', { answered: false }),
      postAt(START, 90, 'm-m2', '@brand thanks!', { answered: true }),
    ];
    sky.mentions = [postAt(START, 10, 'b-m1', '@brand.example hello', { answered: false })];

    const { post } = await backend.call('posts.create', {
      text: 'Big news for #LaunchDay',
      accountIds: [mastoId, skyId],
      when: at('12:00'),
    });
    const { post: soon } = await backend.call('posts.create', { text: 'An hour later', accountIds: [mastoId], when: at('13:00') });
    await backend.call('posts.create', { text: 'Much later', accountIds: [mastoId], when: at('15:00') });

    const { sources } = await backend.call('conversation.refresh', { selection: { kind: 'post', postId: post.id } });
    expect(sources.map((s) => [s.platform, s.fetchedAt, s.error])).toEqual([
      ['mastodon', START, null],
      ['bluesky', START, null],
    ]);
    expect([...masto.calls].sort()).toEqual(['mentions', 'search:kairos', 'search:launchday', 'trends']);

    const panel = await backend.call('conversation.forSelection', { kind: 'post', postId: post.id });
    expect(panel.selection).toMatchObject({ kind: 'post', date: '2026-06-02', terms: { hashtags: ['launchday'], brandNames: ['Kairos'] } });

    // Trending: the post's own hashtag first, with its surge from the daily history.
    expect(panel.trending.fetchedAt).toBe(START);
    expect(panel.trending.items.map((t) => [t.name, t.matchesSelection, t.verdict?.busier])).toEqual([
      ['LaunchDay', true, true],
      ['weather', false, false],
    ]);

    // Your words: each term with its hits across networks, newest first.
    expect(panel.words.items.map((w) => [w.term, w.kind, w.hits.map((h) => h.id), w.busier])).toEqual([
      ['launchday', 'hashtag', ['b-s1', 'm-s1', 'm-s2'], true],
      ['kairos', 'brand', ['m-s3'], false],
    ]);

    // Mentions: newest first, the unanswered ones counted.
    expect(panel.mentions.items.map((m) => [m.id, m.answered])).toEqual([
      ['m-m1', false],
      ['b-m1', false],
      ['m-m2', true],
    ]);
    expect(panel.mentions.unanswered).toBe(2);

    // Neighbours within two hours, with the account they share.
    expect(panel.neighbours.items).toEqual([
      expect.objectContaining({ postId: soon.id, minutesApart: 60, sharedAccountIds: [mastoId], excerpt: 'An hour later' }),
    ]);
    expect(panel.date.observances).toContainEqual(expect.objectContaining({ name: 'Republic Day', country: 'IT', kind: 'holiday' }));
    expect(panel.refreshing).toBe(false);
  });

  it('follows a draft as it is typed: new hashtags are fetched in the background, then shown', async () => {
    sky.searches.set('picnic', [postAt(START, 2, 'b-p1', 'Picnic time #picnic')]);
    const draft = { kind: 'draft' as const, text: 'Sunday #Picnic', accountIds: [skyId], scheduledAt: null };
    const updated = new Promise<void>((resolve) => backend.subscribe((e) => e.type === 'conversation.updated' && resolve()));

    const first = await backend.call('conversation.forSelection', draft);
    expect(first.words.items).toEqual([expect.objectContaining({ term: 'picnic', fetchedAt: null, hits: [] })]);
    expect(first.refreshing).toBe(true);

    await updated;
    const second = await backend.call('conversation.forSelection', draft);
    expect(second.words.items[0]).toMatchObject({ term: 'picnic', fetchedAt: START, hits: [expect.objectContaining({ id: 'b-p1' })] });
    expect(second.refreshing).toBe(false);
    // Only the draft's account was asked.
    expect(masto.calls).toEqual([]);
  });

  it('flags a term suddenly much busier than its usual level, measured over earlier searches', async () => {
    const draft = { kind: 'draft' as const, text: 'About #storm', accountIds: [mastoId], scheduledAt: null };
    // Three earlier measurements, two hours apart, each with 2 posts in the hour before the search.
    for (let round = 0; round < 3; round++) {
      const now = clock.now();
      masto.searches.set('storm', [postAt(now, 10, `old-${round}-a`, 'a #storm'), postAt(now, 40, `old-${round}-b`, 'b #storm')]);
      await backend.call('conversation.refresh', { selection: draft });
      clock.advance(2 * 60 * MIN);
    }
    const calm = await backend.call('conversation.forSelection', draft);
    // Two earlier measurements are not enough to know what is usual.
    expect(calm.words.items[0]?.volumes[0]?.verdict).toEqual({ current: 2, usual: null, ratio: null, busier: false, samples: 2 });

    // A fourth calm round gives three earlier samples; then 12 posts in the last hour: 12 ≥ 3 × 2 and 12 − 2 ≥ 5.
    await backend.call('conversation.refresh', { selection: draft });
    clock.advance(2 * 60 * MIN);
    const now = clock.now();
    masto.searches.set(
      'storm',
      Array.from({ length: 12 }, (_, i) => postAt(now, i * 4, `new-${i}`, 'big #storm')),
    );
    await backend.call('conversation.refresh', { selection: draft });
    const busy = await backend.call('conversation.forSelection', draft);
    expect(busy.words.items[0]?.volumes[0]?.verdict).toEqual({ current: 12, usual: 2, ratio: 6, busier: true, samples: 4 });
    expect(busy.words.items[0]?.busier).toBe(true);
  });

  it('raises one alert per match of a watch term, in trends, mentions and searches, and notes watch words near a term', async () => {
    await backend.call('watchlist.add', { term: 'Outage', severity: 'high' });
    await backend.call('watchlist.add', { term: 'refund', severity: 'medium' });
    masto.trends = [{ name: 'outage', kind: 'tag', url: 'https://example.social/tags/outage', history: [], volume: null }];
    masto.mentions = [postAt(START, 1, 'm-m1', '@brand I want a refund', { answered: false })];
    masto.searches.set('sale', [postAt(START, 1, 'm-s1', 'This #sale is a refund trap')]);
    const draft = { kind: 'draft' as const, text: 'Our #sale starts', accountIds: [mastoId], scheduledAt: null };

    await backend.call('conversation.refresh', { selection: draft });
    const alerts = events.flatMap((e) => (e.type === 'conversation.alert' ? [e.alert] : []));
    expect(alerts.map((a) => [a.kind, a.source, a.term, a.severity])).toEqual([
      ['watch', 'trend', 'outage', 'high'],
      ['watch', 'mention', 'refund', 'medium'],
      ['watch', 'search', 'refund', 'medium'],
    ]);
    expect(alerts[0]?.text).toBe('"outage" is trending on Mastodon (@brand).');

    // The same things again do not alert twice.
    clock.advance(20 * MIN);
    await backend.call('conversation.refresh', { selection: draft });
    expect(events.filter((e) => e.type === 'conversation.alert')).toHaveLength(3);

    const panel = await backend.call('conversation.forSelection', draft);
    expect(panel.alerts).toHaveLength(3);
    expect(panel.trending.items[0]?.watch).toEqual([expect.objectContaining({ term: 'outage', severity: 'high' })]);
    expect(panel.words.items[0]?.nearWatch).toEqual([expect.objectContaining({ term: 'refund' })]);
    expect(panel.mentions.items[0]?.watch).toEqual([expect.objectContaining({ term: 'refund' })]);

    // Dismissed alerts leave the panel.
    await backend.call('conversation.dismissAlert', { id: panel.alerts[0]?.id ?? '' });
    expect(await backend.call('conversation.alerts', {})).toHaveLength(2);
  });

  it('alerts at once when a new watch term is already in the cached signals', async () => {
    masto.trends = [{ name: 'Recall', kind: 'tag', url: null, history: [], volume: null }];
    await backend.call('conversation.refresh', {});
    expect(events.some((e) => e.type === 'conversation.alert')).toBe(false);
    const callsBefore = masto.calls.length;
    await backend.call('watchlist.add', { term: 'recall', severity: 'high' });
    expect(events.filter((e) => e.type === 'conversation.alert')).toEqual([
      { type: 'conversation.alert', alert: expect.objectContaining({ term: 'recall', source: 'trend', severity: 'high' }) },
    ]);
    expect(masto.calls.length).toBe(callsBefore);
  });

  it('works offline from the cache, says how old it is and why, and backs off', async () => {
    masto.trends = [{ name: 'coffee', kind: 'tag', url: null, history: [1, 2, 3], volume: 3 }];
    const day = { kind: 'day' as const, date: '2026-06-02' };
    await backend.call('conversation.refresh', { selection: day });

    clock.advance(30 * MIN);
    masto.goOffline();
    const { sources } = await backend.call('conversation.refresh', { selection: day });
    const mastoSource = sources.find((s) => s.platform === 'mastodon');
    expect(mastoSource?.error).toBe('Mastodon could not be reached. Check your connection; Kairos will try again.');
    expect(mastoSource?.waitUntil).toBeGreaterThan(clock.now());

    const panel = await backend.call('conversation.forSelection', day);
    expect(panel.trending).toEqual({ fetchedAt: START, items: [expect.objectContaining({ name: 'coffee' })] });
    expect(panel.sources.find((s) => s.platform === 'mastodon')).toMatchObject({ fetchedAt: START, error: expect.any(String) });

    // While backing off, opening the panel asks nothing.
    const calls = masto.calls.length;
    await backend.call('conversation.forSelection', day);
    expect(masto.calls.length).toBe(calls);

    // Back online after the wait: fresh data and no error.
    masto.failure = null;
    clock.advance(31 * MIN);
    await backend.call('conversation.forSelection', day);
    const fresh = await waitForPanel(backend, day, (p) => p.trending.fetchedAt === clock.now());
    expect(fresh.sources.find((s) => s.platform === 'mastodon')?.error).toBeNull();
  });

  it('honours Retry-After even when the user asks for a refresh', async () => {
    masto.failure = new PlatformError('rate_limited', 'Mastodon is rate-limiting this account; trying again in 120 s.', {
      retryAfterMs: 120_000,
    });
    await backend.call('conversation.refresh', {});
    expect(masto.calls).toEqual(['trends']);
    masto.failure = null;
    clock.advance(60_000);
    await backend.call('conversation.refresh', {});
    expect(masto.calls).toEqual(['trends']);
    clock.advance(61_000);
    await backend.call('conversation.refresh', {});
    expect(masto.calls).toEqual(['trends', 'trends', 'mentions']);
  });

  it('stays within each network’s budget', async () => {
    // Mastodon's budget for signals is 60 requests per 5 minutes; each forced refresh of a day costs two.
    for (let i = 0; i < 40; i++) await backend.call('conversation.refresh', { selection: { kind: 'day', date: '2026-06-02' } });
    expect(masto.calls.length).toBe(60);
    clock.advance(5 * MIN);
    await backend.call('conversation.refresh', {});
    expect(masto.calls.length).toBe(62);
  });

  it('leaves the network to publishing when a post for the account is about to go out', async () => {
    await backend.call('posts.create', { text: 'Going out now', accountIds: [mastoId], when: at('10:01') });
    await backend.call('conversation.refresh', { selection: { kind: 'day', date: '2026-06-02' } });
    expect(masto.calls).toEqual([]);
    expect(sky.calls.sort()).toEqual(['mentions', 'trends']);
  });

  it('validates settings and observance ranges with sentences a person can act on', async () => {
    expect(await backend.invoke('conversation.settings.set', { countries: ['XX'] })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'countries',
        message: 'Kairos has no holiday calendar for "XX". Pick a country from the list.',
        problem: { code: 'no_holiday_calendar', params: { country: 'XX' } },
      },
    });
    expect(await backend.invoke('calendar.observances', { from: '2026-06-10', to: '2026-06-01' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'The end date is before the start date. Swap them and try again.' },
    });
    expect(await backend.invoke('conversation.forSelection', { kind: 'day', date: '2026-06-02', timeZone: 'Mars/Olympus' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'timeZone',
        message: '"Mars/Olympus" is not a time zone Kairos knows. Use a name such as Europe/Rome.',
        problem: { code: 'time_zone_not_known', params: { timeZone: 'Mars/Olympus' } },
      },
    });
    const settings = await backend.call('conversation.settings.set', { countries: ['us', 'DE'], preflightMinutes: 15 });
    expect(settings).toEqual({
      countries: ['US', 'DE'],
      brandNames: [],
      preflightEnabled: true,
      preflightMinutes: 15,
      preflightSkipAccountIds: [],
    });
    const july = await backend.call('calendar.observances', { from: '2026-07-01', to: '2026-07-31' });
    expect(july).toContainEqual(expect.objectContaining({ date: '2026-07-04', country: 'US' }));
    const day = await backend.call('conversation.awareness.add', { name: 'Team Day', rule: { kind: 'fixed', month: 7, day: 9 } });
    expect(await backend.call('calendar.observances', { from: '2026-07-09', to: '2026-07-09', countries: [] })).toEqual([
      expect.objectContaining({ name: 'Team Day', userDayId: day.id }),
    ]);
  });

  it('never lets a secret reach the panel', async () => {
    masto.trends = [{ name: 'tea', kind: 'tag', url: null, history: [], volume: null }];
    await backend.call('conversation.refresh', {});
    const panel = await backend.call('conversation.forSelection', { kind: 'day', date: '2026-06-02' });
    const text = JSON.stringify(panel);
    expect(text).not.toContain('secret-token');
    expect(text).not.toContain('app-pass');
    expect(text).not.toContain('fake-token');
  });
});

async function waitForPanel(backend: Backend, selection: Selection, ready: (p: ConversationPanel) => boolean): Promise<ConversationPanel> {
  for (let i = 0; i < 50; i++) {
    const p = await backend.call('conversation.forSelection', selection);
    if (ready(p)) return p;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('The panel never showed fresh data.');
}

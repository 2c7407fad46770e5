// Recurring posts through the engine: computed from the rule in the author's zone, re-anchored when late, never doubled.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../../testing/discordFake';
import { type Harness, passTime, startHarness } from '../../testing/engineHarness';
import { FakeClock } from '../../testing/fakeClock';

const PROCESS_ZONE = process.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
const MIN = 60_000;
const HOUR = 60 * MIN;
const MONDAY_10_ROME = Date.UTC(2026, 5, 1, 8, 0);

describe(`recurring posts (process zone ${PROCESS_ZONE})`, () => {
  let fake: DiscordFake;
  let h: Harness;
  let account: string;

  beforeEach(async () => {
    fake = await new DiscordFake().start();
    h = await startHarness({ clock: new FakeClock(MONDAY_10_ROME) });
    account = (await h.backend.call('accounts.connect', { platform: 'discord', name: 'Daily', webhookUrl: fake.createWebhook() })).id;
  });

  afterEach(async () => {
    await h.close();
    await fake.stop();
  });

  const weekdays = () =>
    h.backend.call('engine.recurring.create', {
      text: 'Good morning',
      accountIds: [account],
      rule: { freq: 'weekly', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      time: '09:00',
      timeZone: 'Europe/Rome',
    });

  it('every weekday at 09:00 Rome: one upcoming occurrence, published at its time, then the next one', async () => {
    const series = await weekdays();
    expect(series.description).toBe('every weekday at 09:00 (Europe/Rome)');
    expect(series.next).toMatchObject({ date: '2026-06-02', time: '09:00', at: Date.UTC(2026, 5, 2, 7, 0) });
    const upcoming = (await h.backend.call('posts.get', { id: series.upcomingPostId ?? '' })).post;
    expect(upcoming.scheduledAt).toBe(Date.UTC(2026, 5, 2, 7, 0));

    await passTime(h, 23 * HOUR - 1_000, 10 * MIN);
    expect(fake.messages).toHaveLength(0);
    await passTime(h, 2_000);
    expect(fake.messages.map((m) => m.content)).toEqual(['Good morning']);
    const [view] = await h.backend.call('engine.recurring.list', {});
    expect(view?.next?.date).toBe('2026-06-03');
    const next = (await h.backend.call('posts.get', { id: view?.upcomingPostId ?? '' })).post;
    expect(next.scheduledAt).toBe(Date.UTC(2026, 5, 3, 7, 0));
  });

  it('closed for days: the late occurrence moves to the next one instead of firing, and never several at once', async () => {
    await weekdays();
    await h.restart({ runScheduler: false });
    // Monday 10:00 → Friday 12:00 Rome: Tuesday to Friday's 09:00 all passed while Kairos was closed.
    h.clock.advance(4 * 24 * HOUR + 2 * HOUR);
    await h.restart();
    await passTime(h, 5 * MIN, MIN);
    expect(fake.messages).toHaveLength(0);
    const [view] = await h.backend.call('engine.recurring.list', {});
    const { post, history } = await h.backend.call('posts.get', { id: view?.upcomingPostId ?? '' });
    expect(post.scheduledAt).toBe(Date.UTC(2026, 5, 8, 7, 0)); // Monday 09:00 Rome
    expect(history.map((e) => e.kind)).toContain('re-anchored');
    const all = await h.backend.call('posts.list', {});
    expect(all).toHaveLength(1);
    await passTime(h, 3 * 24 * HOUR - 3 * HOUR + 10 * MIN, HOUR);
    expect(fake.messages).toHaveLength(1);
  });

  it('changing the rule replaces the upcoming occurrence; stopping removes it', async () => {
    const series = await weekdays();
    const changed = await h.backend.call('engine.recurring.update', { id: series.id, time: '18:30' });
    expect(changed.upcomingPostId).not.toBe(series.upcomingPostId);
    expect(changed.next).toMatchObject({ date: '2026-06-01', time: '18:30' });
    expect(await h.backend.invoke('posts.get', { id: series.upcomingPostId ?? '' })).toMatchObject({ ok: false });
    const stopped = await h.backend.call('engine.recurring.update', { id: series.id, active: false });
    expect([stopped.active, stopped.upcomingPostId, stopped.next]).toEqual([false, null, null]);
    await passTime(h, 24 * HOUR, HOUR);
    expect(fake.messages).toHaveLength(0);
  });

  it('previews DST days with what the time became', async () => {
    const preview = await h.backend.call('engine.recurring.preview', {
      rule: { freq: 'monthly', weekday: 'sun', nth: -1 },
      time: '02:30',
      timeZone: 'Europe/Rome',
      count: 12,
    });
    const march = preview.find((o) => o.date === '2027-03-28');
    expect(march?.note).toContain('it became 03:30');
    expect(march?.at).toBe(Date.UTC(2027, 2, 28, 1, 30));
    const october = preview.find((o) => o.date === '2026-10-25');
    expect(october?.note).toContain('the first one was used');
  });

  it('refuses a rule or content that cannot work, in words', async () => {
    const bad = await h.backend.invoke('engine.recurring.create', {
      text: 'x'.repeat(2100),
      accountIds: [account],
      rule: { freq: 'daily' },
      time: '09:00',
      timeZone: 'Europe/Rome',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'text' } });
    const ended = await h.backend.invoke('engine.recurring.create', {
      text: 'hi',
      accountIds: [account],
      rule: { freq: 'daily' },
      time: '09:00',
      timeZone: 'Europe/Rome',
      startDate: '2020-01-01',
      endDate: '2020-02-01',
    });
    expect(ended).toMatchObject({ ok: false, error: { message: 'This rule has no occurrence from now on; check the dates.' } });
  });
});

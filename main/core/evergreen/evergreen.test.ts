// Evergreen queues on a real database and the Mastodon fake: oldest first into free slots, the minimum interval, variations, the stop date.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MastodonEnv, startMastodonEnv } from '../../testing/mastodonFake/backendEnv';

// The env starts on Monday 2026-06-01 at 10:00 in Rome (08:00 UTC); accounts use the weekday slots 09:00, 12:30, 17:00.
const ROME = (day: number, h: number, m = 0) => Date.UTC(2026, 5, day, h - 2, m);

describe('evergreen queues', () => {
  let env: MastodonEnv;
  let brand: string;

  beforeEach(async () => {
    env = await startMastodonEnv();
    brand = (await env.connect('Brand')).id;
  });
  afterEach(async () => {
    await env.close();
  });

  const evergreen = (text: string, at: number, labels: string[], variants?: string[]) =>
    env.backend.call('posts.create', {
      text,
      accountIds: [brand],
      labels,
      when: { kind: 'instant', at, timeZone: 'Europe/Rome' },
      // Hand-off stays at its default (on): copies days ahead are held by the server's scheduler, as users get them.
      options: { evergreen: true, ...(variants ? { evergreenVariants: variants } : {}) },
    });

  it('re-posts the oldest evergreen post into the next free slot after the minimum interval, each wording in turn', async () => {
    const a = (await evergreen('Tip A', ROME(1, 12, 30), ['tips'])).post;
    const b = (await evergreen('Tip B', ROME(1, 17), ['tips'], ['Tip B, said another way'])).post;
    await env.backend.call('posts.create', {
      text: 'Not evergreen',
      accountIds: [brand],
      labels: ['tips'],
      when: { kind: 'instant', at: ROME(4, 17), timeZone: 'Europe/Rome' },
    });

    const view = await env.backend.call('evergreen.queues.set', { label: 'tips', minIntervalDays: 3 });
    expect(view.posts.map((p) => [p.postId, p.lastOutAt, p.nextEligibleAt])).toEqual([
      [a.id, ROME(1, 12, 30), ROME(4, 12, 30)],
      [b.id, ROME(1, 17), ROME(4, 17)],
    ]);
    // Mastodon takes identical repeats, but servers may hide them: said for the post without variations only.
    expect(view.posts[0]?.warnings).toEqual([
      'Brand: an identical repeat may be hidden as spam on mastodon; add a variation so each re-post reads differently.',
    ]);
    expect(view.posts[1]?.warnings).toEqual([]);

    // Setting the queue runs the scheduler's pass: Thursday 17:00 is taken, so A goes on Friday 09:00 and B after it.
    await env.advance(0);
    const [queue] = await env.backend.call('evergreen.queues.list', {});
    const upcoming = queue?.posts.map((p) => p.upcoming?.at);
    expect(upcoming).toEqual([ROME(5, 9), ROME(5, 12, 30)]);
    const copies = await env.backend.call('posts.list', { from: ROME(5, 0), to: ROME(6, 0) });
    expect(copies.map((p) => [p.text, p.scheduledAt, p.options.evergreen ?? false, p.labels])).toEqual([
      ['Tip A', ROME(5, 9), false, ['tips']],
      ['Tip B, said another way', ROME(5, 12, 30), false, ['tips']],
    ]);
    // A second pass adds nothing while each post has a copy waiting.
    expect((await env.backend.call('evergreen.fill', {})).created).toEqual([]);

    // Once the copies are out, the next repeats wait the minimum interval again.
    // Step to each due time, as the day goes by: a jump of days at once would make every post late.
    for (const at of [ROME(1, 12, 31), ROME(1, 17, 1), ROME(4, 17, 1), ROME(5, 9, 1), ROME(5, 12, 31)])
      await env.advance(at - env.clock.now());
    expect(env.fake.statusesOf(env.user.id).map((s) => s.text)).toEqual([
      'Tip A',
      'Tip B',
      'Not evergreen',
      'Tip A',
      'Tip B, said another way',
    ]);
    // Each went out once, from the server's scheduler (the hand-off), never also from Kairos's own queue.
    expect(env.fake.statusesOf(env.user.id).map((s) => s.scheduledFrom !== null)).toEqual([true, true, true, true, true]);
    // Five creations went out for them (plus, by now, the two next repeats handed over).
    expect(env.fake.log.filter((l) => l.method === 'POST' && l.path === '/api/v1/statuses')).toHaveLength(7);
    expect(
      env.fake
        .scheduledOf(env.user.id)
        .map((s) => [s.params.text, s.scheduledAt])
        .sort(),
    ).toEqual([
      ['Tip A', ROME(8, 12, 30)],
      ['Tip B', ROME(8, 17)],
    ]);
    // The pass that followed already queued the next repeats: exactly three days after the last one, at the earliest.
    const [after] = await env.backend.call('evergreen.queues.list', {});
    expect(after?.posts.map((p) => [p.postId, p.upcoming?.at, p.copies])).toEqual([
      [a.id, ROME(8, 12, 30), 2],
      [b.id, ROME(8, 17), 2],
    ]);
    const next = await env.backend.call('posts.list', { from: ROME(8, 0), to: ROME(9, 0) });
    expect(next.map((p) => p.text)).toEqual(['Tip A', 'Tip B']);
    expect((await env.backend.call('evergreen.fill', {})).created).toEqual([]);
  });

  it('stops at the stop date, and does nothing for a paused queue', async () => {
    await evergreen('Old tip', ROME(2, 9), ['old']);
    await env.backend.call('evergreen.queues.set', { label: 'old', minIntervalDays: 1, stopDate: '2026-06-02' });
    expect((await env.backend.call('evergreen.fill', {})).created).toEqual([]);
    await env.backend.call('evergreen.queues.set', { label: 'old', minIntervalDays: 1, stopDate: '2026-06-30', active: false });
    expect((await env.backend.call('evergreen.fill', {})).created).toEqual([]);
    await env.backend.call('evergreen.queues.set', { label: 'old', minIntervalDays: 1, stopDate: '2026-06-30' });
    await env.advance(0);
    const [queue] = await env.backend.call('evergreen.queues.list', {});
    expect(queue?.posts[0]?.upcoming?.at).toBe(ROME(3, 12, 30));
    await expect(env.backend.call('evergreen.queues.set', { label: 'old', minIntervalDays: 1, stopDate: '2026-05-01' })).rejects.toThrow(
      /already past/,
    );
  });
});

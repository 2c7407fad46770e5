// The engine's promises through the contract: the crisis brake, the grace window, sleep, decisions and history.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../../shared/contract';
import { DiscordFake } from '../../testing/discordFake';
import { type Harness, passTime, startHarness, T0 } from '../../testing/engineHarness';
import { DATABASE_FILE } from '../backend';
import type { HandedOffTarget } from './pause';

const MIN = 60_000;
const at = (ms: number) => ({ kind: 'instant' as const, at: ms, timeZone: 'Europe/Rome' });

describe('publishing engine', () => {
  let fake: DiscordFake;
  let h: Harness;
  let a: string;
  let b: string;

  beforeEach(async () => {
    fake = await new DiscordFake().start();
    h = await startHarness();
    a = (await h.backend.call('accounts.connect', { platform: 'discord', name: 'Alpha', webhookUrl: fake.createWebhook('alpha') })).id;
    b = (await h.backend.call('accounts.connect', { platform: 'discord', name: 'Beta', webhookUrl: fake.createWebhook('beta') })).id;
  });

  afterEach(async () => {
    await h.close();
    await fake.stop();
  });

  const post = async (text: string, when: number, accountIds = [a]) =>
    (await h.backend.call('posts.create', { text, accountIds, when: at(when) })).post;
  const statusOf = async (id: string) => (await h.backend.call('posts.get', { id })).post;
  const sent = () => fake.messages.map((m) => m.content).sort();

  it('pause all: what comes due is held, resume lists it, nothing fires until someone decides', async () => {
    const events: BackendEvent[] = [];
    h.backend.subscribe((e) => events.push(e));
    const p1 = await post('launch', T0 + 30 * MIN, [a, b]);
    const p2 = await post('later', T0 + 60 * MIN);
    const paused = await h.backend.call('engine.pause', { reason: 'Breaking news: hold everything' });
    expect(paused.status.paused?.reason).toBe('Breaking news: hold everything');
    expect(events.some((e) => e.type === 'engine.status' && e.status.paused !== null)).toBe(true);

    await passTime(h, 31 * MIN, 30_000);
    expect(fake.messages).toHaveLength(0);
    const held = await statusOf(p1.id);
    expect(held.status).toBe('held');
    expect(held.targets.every((t) => t.lastError?.includes('Breaking news'))).toBe(true);
    expect((await h.backend.call('engine.status', {})).attention.heldByPause).toBe(2);

    const { review } = await h.backend.call('engine.resume', {});
    expect(review.map((r) => [r.postId, r.accountName, r.status])).toEqual([
      [p1.id, 'Alpha', 'held'],
      [p1.id, 'Beta', 'held'],
    ]);
    expect(review[0]?.actions).toEqual(expect.arrayContaining(['publish-now', 'reschedule', 'discard']));
    await passTime(h, 2 * MIN, 30_000);
    expect(fake.messages).toHaveLength(0); // never a burst on resume

    await h.backend.call('engine.decide', { postId: p1.id, accountId: a, decision: { kind: 'publish-now' } });
    await h.backend.call('engine.decide', { postId: p1.id, accountId: b, decision: { kind: 'discard' } });
    await passTime(h, 1_000);
    expect(sent()).toEqual(['launch']);

    await passTime(h, 30 * MIN, 30_000);
    expect(sent()).toEqual(['later', 'launch']);
    expect((await statusOf(p2.id)).status).toBe('published');
    const { history } = await h.backend.call('posts.get', { id: p1.id });
    // The pre-flight feature logs its own checks; this test is about the engine's transitions.
    expect(history.map((e) => e.kind).filter((k) => !k.startsWith('pre-flight'))).toEqual([
      'created and scheduled',
      'held',
      'held',
      'decided: publish now',
      'discarded',
      'publishing',
      'published',
    ]);
  });

  it('"publish now" sends one post through a pause while everything else stays held', async () => {
    await h.backend.call('engine.pause', { reason: 'Crisis' });
    const apology = (await h.backend.call('posts.create', { text: 'We are sorry', accountIds: [a], when: { kind: 'now' } })).post;
    const other = await post('promo', T0 + 5_000);
    await passTime(h, 10_000);
    expect(fake.messages).toHaveLength(0);
    expect((await statusOf(apology.id)).status).toBe('held');
    await h.backend.call('engine.decide', { postId: apology.id, decision: { kind: 'publish-now' } });
    await passTime(h, 1_000);
    expect(sent()).toEqual(['We are sorry']);
    expect((await statusOf(other.id)).status).toBe('held');
    expect((await h.backend.call('engine.status', {})).paused?.reason).toBe('Crisis');
  });

  it('an account pause holds only that account and ends by itself at the set time', async () => {
    const paused = await h.backend.call('engine.pauseAccount', { accountId: a, reason: 'Agency review', resumeAt: T0 + 60 * MIN });
    expect(paused.status.pausedAccounts.map((p) => [p.accountName, p.reason, p.resumeAt])).toEqual([
      ['Alpha', 'Agency review', T0 + 60 * MIN],
    ]);
    const both = await post('both', T0 + 30 * MIN, [a, b]);
    const after = await post('after', T0 + 90 * MIN);
    await passTime(h, 31 * MIN, 30_000);
    expect(sent()).toEqual(['both']);
    expect((await statusOf(both.id)).targets.map((t) => t.status)).toEqual(['held', 'published']);

    await passTime(h, 30 * MIN, 30_000);
    const status = await h.backend.call('engine.status', {});
    expect(status.pausedAccounts).toEqual([]);
    expect(status.attention.heldByPause).toBe(1);
    await passTime(h, 30 * MIN, 30_000);
    expect(sent()).toEqual(['after', 'both']);
    expect((await statusOf(after.id)).status).toBe('published');
  });

  it('app closed past due: late within the grace window goes out, older becomes missed, never a burst', async () => {
    await h.restart({ runScheduler: false });
    const old1 = await post('old one', T0 + 10 * MIN);
    const old2 = await post('old two', T0 + 20 * MIN);
    const recent = await post('recent', T0 + 40 * MIN);
    h.clock.advance(45 * MIN);
    await h.restart();
    expect(sent()).toEqual(['recent']);
    expect((await statusOf(recent.id)).status).toBe('published');
    const missed = await statusOf(old1.id);
    expect(missed.status).toBe('missed');
    expect(missed.targets[0]?.lastError).toMatch(/15-minute grace window \(Kairos was closed, asleep or offline\)/);
    expect((await h.backend.call('engine.status', {})).attention.missed).toBe(2);

    const moved = await h.backend.call('engine.decide', {
      postId: old1.id,
      decision: { kind: 'reschedule', when: { kind: 'at', wall: { date: '2026-06-01', time: '11:30', timeZone: 'Europe/Rome' } } },
    });
    expect(moved.post.scheduledAt).toBe(T0 + 90 * MIN);
    await h.backend.call('engine.decide', {
      postId: old2.id,
      decision: { kind: 'mark-published', url: 'https://discord.com/channels/1/2/3' },
    });
    await passTime(h, 50 * MIN, 60_000);
    expect(sent()).toEqual(['old one', 'recent']);
    expect((await statusOf(old2.id)).targets[0]?.remoteUrl).toBe('https://discord.com/channels/1/2/3');
    const refused = await h.backend.invoke('engine.decide', { postId: recent.id, decision: { kind: 'discard' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('a longer grace window from the settings is honoured', async () => {
    await h.backend.call('settings.set', { key: 'graceMinutes', value: '60' });
    await h.restart({ runScheduler: false });
    await post('late but fine', T0 + 5 * MIN);
    h.clock.advance(50 * MIN);
    await h.restart();
    expect(sent()).toEqual(['late but fine']);
  });

  it('sleep: a resume event publishes at once; without one, the bounded wait catches up within a minute', async () => {
    const first = await post('first', T0 + 10 * MIN);
    h.clock.jump(12 * MIN); // asleep: no timer fired
    expect(fake.messages).toHaveLength(0);
    h.backend.scheduler.wake(); // powerMonitor 'resume'
    await h.backend.scheduler.idle();
    expect(sent()).toEqual(['first']);
    expect((await statusOf(first.id)).targets[0]?.publishedAt).toBe(T0 + 12 * MIN);

    const second = await post('second', T0 + 20 * MIN);
    h.clock.jump(10 * MIN); // woke at 22 min, no event
    await passTime(h, 60_000, 5_000);
    expect((await statusOf(second.id)).status).toBe('published');
    const publishedAt = (await statusOf(second.id)).targets[0]?.publishedAt ?? 0;
    expect(publishedAt - (T0 + 22 * MIN)).toBeLessThanOrEqual(60_000);

    const third = await post('third', T0 + 30 * MIN);
    h.clock.jump(2 * 60 * MIN); // slept for two hours
    await passTime(h, 60_000, 5_000);
    expect((await statusOf(third.id)).status).toBe('missed');
    expect(sent()).toEqual(['first', 'second']);
  });

  it('holds a post with a reason on request and refuses decisions that do not apply', async () => {
    const p = await post('maybe', T0 + 10 * MIN);
    const held = await h.backend.call('engine.hold', { postId: p.id, reason: 'Legal wants a look' });
    expect(held.status).toBe('held');
    expect(held.targets[0]?.lastError).toBe('Legal wants a look');
    await passTime(h, 15 * MIN, 60_000);
    expect(fake.messages).toHaveLength(0);
    const review = await h.backend.call('engine.review', {});
    expect(review.map((r) => [r.postId, r.holdKind, r.reason])).toEqual([[p.id, 'user', 'Legal wants a look']]);
    const wrong = await h.backend.invoke('engine.decide', {
      postId: p.id,
      decision: { kind: 'reschedule', when: { kind: 'instant', at: T0, timeZone: 'UTC' } },
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'That time is in the past. Pick a time from now on, or publish now.' },
    });
  });

  it('pausing pulls posts handed to a network scheduler back through the hand-off controller', async () => {
    const p = await post('handed off', T0 + 30 * MIN);
    const other = new Database(join(h.dir, DATABASE_FILE));
    try {
      // What the hand-off feature records when a network's own scheduler takes a post.
      other.prepare("UPDATE targets SET handoff_id = 'remote-1', handoff_at = ? WHERE post_id = ?").run(T0 + 30 * MIN, p.id);
      const asked: HandedOffTarget[][] = [];
      h.backend.scheduler.setHandoffController({
        async pullBack(targets, reason) {
          asked.push([...targets]);
          expect(reason).toBe('Hold everything');
          for (const t of targets) other.prepare('UPDATE targets SET handoff_id = NULL, handoff_at = NULL WHERE id = ?').run(t.targetId);
          return { pulledBack: targets.map((t) => t.targetId), problems: [] };
        },
      });
      const r = await h.backend.call('engine.pause', { reason: 'Hold everything' });
      expect(r.pulledBack).toBe(1);
      expect(asked[0]?.map((t) => [t.postId, t.handoffId])).toEqual([[p.id, 'remote-1']]);
      await passTime(h, 31 * MIN, MIN);
      expect((await statusOf(p.id)).status).toBe('held');
      expect(fake.messages).toHaveLength(0);
    } finally {
      other.close();
    }
  });

  it('without a hand-off controller, pausing says which posts it could not pull back', async () => {
    const p = await post('handed off', T0 + 30 * MIN);
    const other = new Database(join(h.dir, DATABASE_FILE));
    try {
      other.prepare("UPDATE targets SET handoff_id = 'remote-2' WHERE post_id = ?").run(p.id);
      h.backend.scheduler.setHandoffController(null);
      const r = await h.backend.call('engine.pause', { reason: 'Hold' });
      expect(r.problems).toEqual(['1 post(s) are already scheduled on the network itself and could not be pulled back.']);
    } finally {
      other.close();
    }
  });
});

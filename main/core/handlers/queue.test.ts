// "Add to queue" through the contract on a real database: default and saved slots, taken slots, errors in words.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../../testing/discordFake';
import { FakeClock } from '../../testing/fakeClock';
import { type TempBackend, tempBackend } from '../../testing/tempBackend';
import type { Backend } from '../backend';

// Monday 2026-06-01, 08:00 in Rome (UTC+2).
const START = Date.UTC(2026, 5, 1, 6, 0);
const ROME = (h: number, m = 0, day = 1) => Date.UTC(2026, 5, day, h - 2, m);

describe('queue channels', () => {
  let temp: TempBackend;
  let fake: DiscordFake;
  let backend: Backend;
  let a: string;
  let b: string;

  beforeEach(async () => {
    fake = await new DiscordFake().start();
    temp = await tempBackend({ prefix: 'kairos-queue-', clock: new FakeClock(START), shell: 'cli' });
    backend = temp.backend;
    a = (await backend.call('accounts.connect', { platform: 'discord', name: 'News', webhookUrl: fake.createWebhook('News') })).id;
    b = (await backend.call('accounts.connect', { platform: 'discord', name: 'Club', webhookUrl: fake.createWebhook('Club') })).id;
  });

  afterEach(async () => {
    await temp.close();
    await fake.stop();
  });

  const queueAt = async (accountIds: string[], text: string) => {
    const slot = await backend.call('queue.nextSlot', { accountIds });
    const { post } = await backend.call('posts.create', {
      text,
      accountIds,
      when: { kind: 'instant', at: slot.at, timeZone: slot.timeZone },
    });
    return { slot, post };
  };

  it('gives every account the weekday slots in the app zone until it has its own', async () => {
    const slots = await backend.call('queue.slots.get', { accountId: a });
    expect(slots).toMatchObject({ accountId: a, timeZone: 'Europe/Rome', isDefault: true });
    expect(slots.slots).toHaveLength(15);
    expect(slots.slots.slice(0, 3)).toEqual([
      { day: 'mon', time: '09:00' },
      { day: 'mon', time: '12:30' },
      { day: 'mon', time: '17:00' },
    ]);
  });

  it('fills the queue slot by slot, and a slot is taken only for the accounts that post in it', async () => {
    const first = await queueAt([a], 'First');
    expect(first.slot).toEqual({ at: ROME(9), timeZone: 'Europe/Rome', date: '2026-06-01', time: '09:00', note: null, noteProblem: null });
    expect(first.post.scheduledAt).toBe(ROME(9));
    expect((await queueAt([a], 'Second')).slot.at).toBe(ROME(12, 30));
    // The other account's 09:00 is still free; posting to both needs a slot free for both.
    expect((await backend.call('queue.nextSlot', { accountIds: [b] })).at).toBe(ROME(9));
    expect((await backend.call('queue.nextSlot', { accountIds: [a, b] })).at).toBe(ROME(17));
  });

  it('a post saved with when { kind: "queue" } takes the slot nextSlot previews, for all of its accounts', async () => {
    const preview = await backend.call('queue.nextSlot', { accountIds: [a] });
    const { post } = await backend.call('posts.create', { text: 'Queued in one call', accountIds: [a], when: { kind: 'queue' } });
    expect(post).toMatchObject({ scheduledAt: preview.at, timeZone: 'Europe/Rome', status: 'scheduled' });
    expect((await backend.call('queue.nextSlot', { accountIds: [a] })).at).toBe(ROME(12, 30));
    // Both accounts: 09:00 is taken for one of them, so the post goes at 12:30.
    const both = await backend.call('posts.create', { text: 'To both', accountIds: [a, b], when: { kind: 'queue' } });
    expect(both.post.scheduledAt).toBe(ROME(12, 30));
    expect((await backend.call('queue.nextSlot', { accountIds: [b] })).at).toBe(ROME(9));
  });

  it('frees a slot when its post is cancelled, and unscheduled drafts never take one', async () => {
    const { post } = await queueAt([a], 'Will be cancelled');
    await backend.call('posts.create', { text: 'Just an idea', accountIds: [a], when: { kind: 'draft' } });
    expect((await backend.call('queue.nextSlot', { accountIds: [a] })).at).toBe(ROME(12, 30));
    await backend.call('posts.cancel', { id: post.id });
    expect((await backend.call('queue.nextSlot', { accountIds: [a] })).at).toBe(ROME(9));
  });

  it('uses saved slots in their own zone, normalised, and keeps them per account', async () => {
    const saved = await backend.call('queue.slots.set', {
      accountId: a,
      timeZone: 'America/New_York',
      slots: [
        { day: 'tue', time: '7:30' },
        { day: 'mon', time: '18:00' },
        { day: 'tue', time: '07:30' },
      ],
    });
    expect(saved).toEqual({
      accountId: a,
      timeZone: 'America/New_York',
      isDefault: false,
      slots: [
        { day: 'mon', time: '18:00' },
        { day: 'tue', time: '07:30' },
      ],
    });
    // Monday 18:00 in New York (UTC-4) is 22:00Z.
    expect(await backend.call('queue.nextSlot', { accountIds: [a] })).toEqual({
      at: Date.UTC(2026, 5, 1, 22, 0),
      timeZone: 'America/New_York',
      date: '2026-06-01',
      time: '18:00',
      note: null,
      noteProblem: null,
    });
    expect((await backend.call('queue.slots.get', { accountId: b })).isDefault).toBe(true);
    // Changing only the slots keeps the zone already saved.
    const again = await backend.call('queue.slots.set', { accountId: a, slots: [{ day: 'wed', time: '10:00' }] });
    expect(again.timeZone).toBe('America/New_York');
  });

  it('never offers a slot in the past, whatever `after` says', async () => {
    expect((await backend.call('queue.nextSlot', { accountIds: [a], after: ROME(7, 0, 1) - 7 * 86_400_000 })).at).toBe(ROME(9));
    expect((await backend.call('queue.nextSlot', { accountIds: [a], after: ROME(9) })).at).toBe(ROME(12, 30));
  });

  it('says what is wrong in words', async () => {
    expect(await backend.invoke('queue.slots.set', { accountId: a, timeZone: 'Mars/Olympus', slots: [] })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'timeZone',
        message: '"Mars/Olympus" is not a known time zone (use a name like Europe/Rome).',
        problem: { code: 'time_zone_unknown', params: { timeZone: 'Mars/Olympus' } },
      },
    });
    expect(await backend.invoke('queue.slots.set', { accountId: a, slots: [{ day: 'mon', time: '25:00' }] })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'slots',
        message: '"25:00" is not a time of day; write it as HH:mm (24-hour), like 09:30.',
        problem: { code: 'slot_time_invalid', params: { time: '25:00' } },
      },
    });
    expect(await backend.invoke('queue.nextSlot', { accountIds: ['acc_nope'] })).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        field: 'accountIds',
        message: 'There is no account "acc_nope". Pick one from Accounts.',
        problem: { code: 'no_such_account', params: { id: 'acc_nope' } },
      },
    });
    expect(await backend.invoke('queue.nextSlot', { accountIds: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'accountIds: Pick at least one account to queue the post for.' },
    });
    await backend.call('queue.slots.set', { accountId: a, slots: [] });
    expect(await backend.invoke('queue.nextSlot', { accountIds: [a] })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'These accounts have no posting slots yet. Add some in the queue settings, or pick a time.',
        problem: { code: 'no_slots', params: {} },
      },
    });
  });

  it('forgets an account’s slots when the account is removed', async () => {
    await backend.call('queue.slots.set', { accountId: a, slots: [{ day: 'mon', time: '10:00' }] });
    await backend.call('accounts.remove', { id: a });
    expect(await backend.invoke('queue.slots.get', { accountId: a })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

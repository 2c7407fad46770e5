// The history a person reads after the composer's calls: autosave makes the draft, one button press is one line.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../../testing/discordFake';
import { FakeClock } from '../../testing/fakeClock';
import { type TempBackend, tempBackend } from '../../testing/tempBackend';
import type { Backend } from '../backend';

// Monday 2026-06-01, 08:00 in Rome (UTC+2).
const START = Date.UTC(2026, 5, 1, 6, 0);
const ROME = (h: number, m = 0, day = 1) => Date.UTC(2026, 5, day, h - 2, m);

describe('post history after autosave and a save button', () => {
  let temp: TempBackend;
  let fake: DiscordFake;
  let clock: FakeClock;
  let backend: Backend;
  let account: string;

  beforeEach(async () => {
    fake = await new DiscordFake().start();
    clock = new FakeClock(START);
    temp = await tempBackend({ prefix: 'kairos-posts-', clock, shell: 'cli' });
    backend = temp.backend;
    account = (await backend.call('accounts.connect', { platform: 'discord', name: 'News', webhookUrl: fake.createWebhook('News') })).id;
  });

  afterEach(async () => {
    await temp.close();
    await fake.stop();
  });

  /** What autosave sends on the first pause in typing. */
  const autosaved = async (text: string) =>
    (await backend.call('posts.create', { text, accountIds: [account], when: { kind: 'draft', timeZone: 'Europe/Rome' } })).post;

  const historyOf = async (id: string) =>
    (await backend.call('posts.get', { id })).history.map((h) => ({ kind: h.kind, actor: h.actor, detail: h.detail }));

  it('Schedule on an autosaved draft, carrying the edits typed since, is one "scheduled" line with its time', async () => {
    const draft = await autosaved('Spring plans');
    clock.advance(5_000);
    const { post } = await backend.call('posts.update', {
      id: draft.id,
      text: 'Spring plans are out',
      accountIds: [account],
      when: { kind: 'at', wall: { date: '2026-06-02', time: '10:00', timeZone: 'Europe/Rome' } },
    });
    expect(post).toMatchObject({ text: 'Spring plans are out', status: 'scheduled', scheduledAt: ROME(10, 0, 2) });
    expect(await historyOf(draft.id)).toEqual([
      { kind: 'created as draft', actor: 'cli', detail: null },
      { kind: 'scheduled', actor: 'cli', detail: new Date(ROME(10, 0, 2)).toISOString() },
    ]);
  });

  it('Add to queue on an autosaved draft takes the next free slot in the same call, with one "scheduled" line', async () => {
    const first = (await backend.call('posts.create', { text: 'Already queued', accountIds: [account], when: { kind: 'queue' } })).post;
    expect(first.scheduledAt).toBe(ROME(9));
    const draft = await autosaved('Tip of the day');
    const saved = await backend.call('posts.update', { id: draft.id, text: 'Tip of the day: alt text', when: { kind: 'queue' } });
    expect(saved).toMatchObject({ timeNote: null, post: { status: 'scheduled', scheduledAt: ROME(12, 30), timeZone: 'Europe/Rome' } });
    expect(saved.post.text).toBe('Tip of the day: alt text');
    expect(await historyOf(draft.id)).toEqual([
      { kind: 'created as draft', actor: 'cli', detail: null },
      { kind: 'scheduled', actor: 'cli', detail: new Date(ROME(12, 30)).toISOString() },
    ]);
    expect((await historyOf(first.id)).map((h) => h.kind)).toEqual(['created and scheduled']);
  });

  it('Save draft with waiting edits is one "edited" line, and moving a scheduled post still says so', async () => {
    const draft = await autosaved('Idea');
    await backend.call('posts.update', { id: draft.id, text: 'Idea, longer', when: { kind: 'draft', timeZone: 'Europe/Rome' } });
    expect((await historyOf(draft.id)).map((h) => h.kind)).toEqual(['created as draft', 'edited']);

    const wall = (time: string) => ({ kind: 'at' as const, wall: { date: '2026-06-03', time, timeZone: 'Europe/Rome' } });
    await backend.call('posts.update', { id: draft.id, when: wall('09:00') });
    await backend.call('posts.update', { id: draft.id, text: 'Idea, final', when: wall('09:00') });
    await backend.call('posts.update', { id: draft.id, when: wall('11:00') });
    expect((await historyOf(draft.id)).map((h) => h.kind)).toEqual([
      'created as draft',
      'edited',
      'scheduled',
      'edited',
      'edited and rescheduled',
    ]);
  });

  it('a refused Schedule writes nothing, and the draft keeps its one line', async () => {
    const draft = await autosaved('Too late');
    const r = await backend.invoke('posts.update', {
      id: draft.id,
      text: 'Too late, edited',
      when: { kind: 'instant', at: START - 3_600_000, timeZone: 'Europe/Rome' },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'when' } });
    expect((await backend.call('posts.get', { id: draft.id })).post.text).toBe('Too late');
    expect((await historyOf(draft.id)).map((h) => h.kind)).toEqual(['created as draft']);
  });

  it('Add to queue without a free slot says so next to the accounts and changes nothing', async () => {
    await backend.call('queue.slots.set', { accountId: account, slots: [] });
    const draft = await autosaved('Nowhere to go');
    expect(await backend.invoke('posts.update', { id: draft.id, text: 'Nowhere to go yet', when: { kind: 'queue' } })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        field: 'accountIds',
        message: 'These accounts have no posting slots yet. Add some in the queue settings, or pick a time.',
        problem: { code: 'no_slots', params: {} },
      },
    });
    expect((await backend.call('posts.get', { id: draft.id })).post).toMatchObject({ text: 'Nowhere to go', status: 'draft' });
    expect(await backend.invoke('posts.create', { text: 'No accounts', accountIds: [], when: { kind: 'queue' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'accountIds' },
    });
  });
  it('a wall time that DST moves comes back with its note in English and as a catalog problem', async () => {
    // 2026-10-25 02:30 happens twice in Rome (clocks go back at 03:00); Kairos takes the first.
    const twice = await backend.call('posts.create', {
      text: 'Night owls',
      accountIds: [account],
      when: { kind: 'at', wall: { date: '2026-10-25', time: '02:30', timeZone: 'Europe/Rome' } },
    });
    expect(twice.timeNoteProblem).toEqual({
      code: 'time_repeated',
      params: { date: '2026-10-25', time: '02:30', timeZone: 'Europe/Rome', used: 'first' },
    });
    expect(twice.timeNote).toBe('2026-10-25 02:30 happens twice in Europe/Rome (clocks go back); the first one was used.');
    // 2027-03-28 02:30 does not exist in Rome (clocks jump to 03:00).
    const skipped = await backend.call('posts.update', {
      id: twice.post.id,
      when: { kind: 'at', wall: { date: '2027-03-28', time: '02:30', timeZone: 'Europe/Rome' } },
    });
    expect(skipped.timeNoteProblem).toEqual({
      code: 'time_skipped',
      params: {
        date: '2027-03-28',
        time: '02:30',
        timeZone: 'Europe/Rome',
        shiftMinutes: 60,
        becameDate: '2027-03-28',
        becameTime: '03:30',
      },
    });
    expect(skipped.timeNote).toBe('2027-03-28 02:30 does not exist in Europe/Rome (clocks jump forward 1 hour); it became 03:30.');
    const plain = await backend.call('posts.update', {
      id: twice.post.id,
      when: { kind: 'at', wall: { date: '2026-06-02', time: '10:00', timeZone: 'Europe/Rome' } },
    });
    expect(plain).toMatchObject({ timeNote: null, timeNoteProblem: null });
  });
});

// The foundation's promise: a post scheduled through the contract is published once, at its time.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../testing/discordFake';
import { FakeClock } from '../testing/fakeClock';
import { type TempBackend, tempBackend } from '../testing/tempBackend';
import type { Backend } from './backend';

const START = Date.UTC(2026, 5, 1, 8, 0);

describe('backend with a fake Discord', () => {
  let temp: TempBackend;
  let fake: DiscordFake;
  let clock: FakeClock;
  let backend: Backend;

  beforeEach(async () => {
    fake = await new DiscordFake().start();
    clock = new FakeClock(START);
    temp = await tempBackend({ prefix: 'kairos-backend-', clock, shell: 'cli', runScheduler: true });
    backend = temp.backend;
  });

  afterEach(async () => {
    await temp.close();
    await fake.stop();
  });

  it('publishes a scheduled post exactly once, after its time and not before', async () => {
    const account = await backend.call('accounts.connect', { platform: 'discord', name: 'Community', webhookUrl: fake.createWebhook() });
    const { post } = await backend.call('posts.create', {
      text: 'Hello from Kairos',
      accountIds: [account.id],
      when: { kind: 'at', wall: { date: '2026-06-01', time: '10:30', timeZone: 'Europe/Rome' } },
    });
    expect(post.scheduledAt).toBe(Date.UTC(2026, 5, 1, 8, 30));
    expect(post.status).toBe('scheduled');

    clock.advance(30 * 60_000 - 1_000);
    await backend.scheduler.idle();
    expect(fake.messages).toHaveLength(0);

    clock.advance(2_000);
    await backend.scheduler.idle();
    expect(fake.messages.map((m) => m.content)).toEqual(['Hello from Kairos']);

    clock.advance(10 * 60_000);
    await backend.scheduler.idle();
    expect(fake.messages).toHaveLength(1);

    const { post: done, history } = await backend.call('posts.get', { id: post.id });
    expect(done.status).toBe('published');
    expect(done.targets[0]?.remoteId).toBe(fake.messages[0]?.id);
    expect(done.targets[0]?.remoteUrl).toMatch(/^https:\/\/discord\.com\/channels\/\d+\/\d+\/\d+$/);
    expect(history.map((h) => h.kind)).toEqual(['created and scheduled', 'publishing', 'published']);
  });

  it('answers validation as issue codes with params beside their English words', async () => {
    const account = await backend.call('accounts.connect', { platform: 'discord', name: 'Community', webhookUrl: fake.createWebhook() });
    const [check] = await backend.call('posts.validate', { text: 'x'.repeat(2005), accountIds: [account.id], parts: ['more'] });
    expect(check?.issues).toEqual([
      { code: 'too_long', params: { account: 'Community (Discord)', part: null, length: 2005, limit: 2000 } },
      { code: 'no_threads', params: { network: 'Discord' }, account: 'Community (Discord)' },
    ]);
    expect(check?.problems).toEqual([
      'Too long for Community (Discord): 2005 of 2000 characters, 5 over.',
      'Community (Discord): Discord webhooks post single messages; threads are not supported there.',
    ]);
  });

  it('rejects text too long for Discord with the amount over', async () => {
    const account = await backend.call('accounts.connect', { platform: 'discord', name: 'Community', webhookUrl: fake.createWebhook() });
    const r = await backend.invoke('posts.create', { text: 'x'.repeat(2005), accountIds: [account.id], when: { kind: 'now' } });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'text',
        message: 'Too long for Community (Discord): 2005 of 2000 characters, 5 over.',
        problem: {
          code: 'post_does_not_fit',
          params: { issue: { code: 'too_long', params: { account: 'Community (Discord)', part: null, length: 2005, limit: 2000 } } },
        },
      },
    });
  });
});

// Discord webhooks as a user meets them: a pasted URL checked, a deleted webhook, rate limits, server errors.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscordFake } from '../../testing/discordFake';
import { type Harness, passTime, startHarness } from '../../testing/engineHarness';
import { parseWebhookUrl } from './adapter';

describe('Discord webhook URLs', () => {
  it('accepts the URL Discord copies and its variants, and refuses anything else in words', () => {
    expect(parseWebhookUrl('https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz_-0123').id).toBe(
      '123456789012345678',
    );
    expect(parseWebhookUrl(' https://canary.discord.com/api/v10/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz/ ').base).toBe(
      'https://canary.discord.com/api/v10/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz',
    );
    expect(() => parseWebhookUrl('http://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz')).toThrow(
      /not a Discord webhook URL/,
    );
    expect(() => parseWebhookUrl('https://evil.example/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz')).toThrow(
      /not a Discord webhook URL/,
    );
    expect(() => parseWebhookUrl('webhook please')).toThrow(/That is not a URL/);
  });
});

describe('Discord through the backend', () => {
  let fake: DiscordFake;
  let h: Harness;

  beforeEach(async () => {
    fake = await new DiscordFake().start();
    h = await startHarness();
  });

  afterEach(async () => {
    await h.close();
    await fake.stop();
  });

  let hookUrl = '';
  const connect = async () => {
    hookUrl = fake.createWebhook('General');
    return (await h.backend.call('accounts.connect', { platform: 'discord', name: 'Community', webhookUrl: hookUrl })).id;
  };
  const postNow = async (accountId: string, text = 'Hello') =>
    (await h.backend.call('posts.create', { text, accountIds: [accountId], when: { kind: 'now' } })).post.id;
  const show = async (id: string) => (await h.backend.call('posts.get', { id })).post;

  it('refuses a deleted webhook when connecting, without echoing its token', async () => {
    const url = fake.createWebhook();
    fake.deleteWebhook(url);
    const r = await h.backend.invoke('accounts.connect', { platform: 'discord', name: 'Gone', webhookUrl: url });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(/no longer exists/);
      expect(r.error.message).not.toContain(url.split('/').at(-1));
      expect(r.error.field).toBe('webhookUrl');
    }
    expect(await h.backend.call('accounts.list', {})).toEqual([]);
  });

  it('a webhook deleted later makes the account need attention and its post wait, not fail', async () => {
    const id = await connect();
    const [before] = await h.backend.call('accounts.list', {});
    expect(before?.status).toBe('connected');
    fake.deleteWebhook(hookUrl);
    const postId = await postNow(id);
    await passTime(h, 2_000);
    const [after] = await h.backend.call('accounts.list', {});
    expect(after?.status).toBe('needs_attention');
    expect(after?.statusReason).toMatch(/no longer exists/);
    const post = await show(postId);
    expect(post.targets[0]?.status).toBe('scheduled');
    expect(fake.messages).toHaveLength(0);
  });

  it("waits for Discord's retry_after on 429, then sends once", async () => {
    const id = await connect();
    fake.failNext({ kind: 'rate_limit', retryAfterSeconds: 30 });
    const postId = await postNow(id, 'Rate limited');
    await passTime(h, 2_000);
    let post = await show(postId);
    expect(post.targets[0]?.status).toBe('retrying');
    expect(post.targets[0]?.lastError).toMatch(/rate-limiting/);
    await passTime(h, 20_000);
    expect(fake.messages).toHaveLength(0);
    await passTime(h, 15_000);
    post = await show(postId);
    expect(post.targets[0]?.status).toBe('published');
    expect(fake.messages.map((m) => m.content)).toEqual(['Rate limited']);
  });

  it('retries a 5xx with backoff and publishes when Discord recovers', async () => {
    const id = await connect();
    fake.failNext({ kind: 'server_error', status: 502 }, { kind: 'server_error', status: 503 });
    const postId = await postNow(id, 'Eventually');
    await passTime(h, 5 * 60_000, 5_000);
    const post = await show(postId);
    expect(post.targets[0]?.status).toBe('published');
    expect(post.targets[0]?.attempts).toBe(3);
    expect(fake.messages.map((m) => m.content)).toEqual(['Eventually']);
  });

  it('refuses whitespace-only text before anything is sent', async () => {
    const id = await connect();
    const r = await h.backend.invoke('posts.create', { text: '   ', accountIds: [id], when: { kind: 'now' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Discord needs some text/);
    expect(fake.requests).toBe(1); // only the GET made while connecting
  });
});

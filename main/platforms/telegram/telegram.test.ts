// Telegram through the real backend and scheduler against the fake Bot API: connect, escaping, media, threads, faults.

import { afterEach, describe, expect, it } from 'vitest';
import { fakeMp4, tinyPng } from '../../testing/mastodonFake/backendEnv';
import { type ScheduledBackend, scheduledBackend } from '../../testing/scheduledBackend';
import { type FakeBot, type FakeChat, TelegramFake } from '../../testing/telegramFake/server';
import { escapeTelegramHtml } from './html';

const now = { kind: 'now' } as const;

interface Env extends ScheduledBackend {
  readonly fake: TelegramFake;
  readonly bot: FakeBot;
  readonly channel: FakeChat;
}

let env: Env | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function start(): Promise<Env> {
  const fake = await new TelegramFake().start();
  const bot = fake.addBot('brand_news_bot');
  const channel = fake.addChat({ id: -1001234567890, type: 'channel', title: 'Brand News', username: 'brandnews' });
  fake.addMember(bot, channel, { status: 'administrator', can_post_messages: true });
  const scheduled = await scheduledBackend('kairos-telegram-', Date.UTC(2026, 5, 1, 8, 0));
  return {
    ...scheduled,
    fake,
    bot,
    channel,
    async close() {
      await scheduled.close();
      await fake.stop();
    },
  };
}

function connect(e: Env, extra: { chat?: string; silent?: boolean; botToken?: string } = {}) {
  return e.backend.call('accounts.connect', {
    platform: 'telegram',
    name: 'Brand on Telegram',
    botToken: extra.botToken ?? e.bot.token,
    chat: extra.chat ?? '@brandnews',
    apiBase: e.fake.origin,
    ...(extra.silent !== undefined ? { silent: extra.silent } : {}),
  });
}

describe('Telegram', () => {
  it('escapes exactly &, < and > for the HTML parse mode', () => {
    expect(escapeTelegramHtml('a < b && c > d <b>x</b> *not bold* _x_ [l](u)')).toBe(
      'a &lt; b &amp;&amp; c &gt; d &lt;b&gt;x&lt;/b&gt; *not bold* _x_ [l](u)',
    );
  });

  it('the fake Bot API refuses unescaped markup in HTML mode, as the documentation says Telegram does', async () => {
    env = await start();
    const call = (text: string) =>
      fetch(`${env?.fake.origin}/bot${env?.bot.token}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: '@brandnews', text, parse_mode: 'HTML' }),
      }).then((r) => r.json() as Promise<{ ok: boolean; description?: string }>);
    expect(await call('Prices <under> $5')).toMatchObject({
      ok: false,
      description: expect.stringMatching(/unsupported start tag "under"/),
    });
    expect(await call('Fish & chips')).toMatchObject({ ok: false, description: expect.stringMatching(/'&' must be escaped/) });
    expect(await call(escapeTelegramHtml('Prices <under> $5 & more'))).toMatchObject({ ok: true });
    expect(env.fake.messages.map((m) => m.text)).toEqual(['Prices <under> $5 & more']);
  });

  it('connects by @channelname, lists the bot’s chats from its updates, and never shows the token', async () => {
    env = await start();
    const group = env.fake.addChat({ id: -1009876543210, type: 'supergroup', title: 'Brand Fans' });
    env.fake.addMember(env.bot, group, { status: 'member' });
    const found = await env.backend.call('telegram.findChats', { botToken: env.bot.token, apiBase: env.fake.origin });
    expect(found.bot).toBe('brand_news_bot');
    expect(found.chats.map((c) => c.title).sort()).toEqual(['Brand Fans', 'Brand News']);
    const account = await connect(env);
    expect(account).toMatchObject({ platform: 'telegram', handle: '@brandnews', lengthRule: { maxLength: 4096, unit: 'utf16' } });
    expect(JSON.stringify(account)).not.toContain(env.bot.token.split(':')[1]);
    const byId = await connect(env, { chat: String(group.id) });
    expect(byId.handle).toBe('Brand Fans');
  });

  it('refuses a wrong token, a chat the bot is not in, and a channel where it cannot post, in words', async () => {
    env = await start();
    await expect(connect(env, { botToken: `${env.bot.id}:AAHxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` })).rejects.toThrow(/refused the bot token/);
    await expect(connect(env, { botToken: 'not a token' })).rejects.toThrow(/does not look like a bot token/);
    await expect(connect(env, { chat: '@nosuchchannel' })).rejects.toThrow(/does not know this chat/);
    const other = env.fake.addChat({ id: -1005550000000, type: 'channel', title: 'Other', username: 'otherchan' });
    env.fake.addMember(env.bot, other, { status: 'administrator', can_post_messages: false });
    await expect(connect(env, { chat: '@otherchan' })).rejects.toThrow(/not an administrator of Other with the right to post/);
    env.fake.setWebhook(env.bot);
    await expect(env.backend.call('telegram.findChats', { botToken: env.bot.token, apiBase: env.fake.origin })).rejects.toThrow(/webhook/);
  });

  it('publishes text people typed with markup signs intact, silently, with a t.me link; a thread replies part to part', async () => {
    env = await start();
    const account = await connect(env, { silent: true });
    const text = 'Prices <under> $5 & "free" shipping *today* #sale';
    const { post } = await env.backend.call('posts.create', {
      text,
      parts: ['Second: 2 > 1', 'Third & last'],
      accountIds: [account.id],
      when: now,
    });
    await env.advance(0);
    const sent = env.fake.messagesIn(env.channel.id);
    expect(sent.map((m) => m.text)).toEqual([text, 'Second: 2 > 1', 'Third & last']);
    expect(sent.map((m) => m.replyTo)).toEqual([null, 1, 2]);
    expect(sent.every((m) => m.silent && m.parseMode === 'HTML')).toBe(true);
    const { post: done } = await env.backend.call('posts.get', { id: post.id });
    expect(done.status).toBe('published');
    expect(done.targets[0]?.remoteUrl).toBe('https://t.me/brandnews/1');
  });

  it('puts a content warning in bold and the text behind a spoiler; a post can ask to be silent', async () => {
    env = await start();
    const account = await connect(env);
    await env.backend.call('posts.create', {
      text: 'Spoilers <here>',
      accountIds: [account.id],
      when: now,
      options: { contentWarning: 'Finale' },
    });
    await env.advance(0);
    const [m] = env.fake.messagesIn(env.channel.id);
    expect(m?.raw).toBe('<b>Finale</b>\n<tg-spoiler>Spoilers &lt;here&gt;</tg-spoiler>');
    expect(m?.text).toBe('Finale\nSpoilers <here>');
    expect(m?.silent).toBe(false);
    await env.backend.call('posts.create', { text: 'Quiet one', accountIds: [account.id], when: now, options: { silent: true } });
    await env.advance(0);
    expect(env.fake.messagesIn(env.channel.id).map((x) => [x.text, x.silent])).toEqual([
      ['Finale\nSpoilers <here>', false],
      ['Quiet one', true],
    ]);
  });

  it('sends one image as a photo with its caption, and several as an album with the caption on the first', async () => {
    env = await start();
    const account = await connect(env);
    const png = (await tinyPng()).toString('base64');
    const files = await Promise.all(
      [1, 2, 3, 4].map((i) => env?.backend.call('media.add', { fileName: `pic${i}.png`, mime: 'image/png', dataBase64: png })),
    );
    const [a, b, c, d] = files.map((f) => f?.id as string) as [string, string, string, string];
    await env.backend.call('posts.create', {
      text: 'One picture',
      accountIds: [account.id],
      when: now,
      media: [{ id: a, alt: 'A red square' }],
    });
    await env.advance(0);
    await env.backend.call('posts.create', {
      text: 'Three pictures',
      accountIds: [account.id],
      when: now,
      media: [
        { id: b, alt: '' },
        { id: c, alt: '' },
        { id: d, alt: '' },
      ],
    });
    await env.advance(0);
    const sent = env.fake.messagesIn(env.channel.id);
    expect(sent[0]).toMatchObject({
      method: 'sendphoto',
      text: 'One picture',
      files: [{ field: 'photo', name: 'pic1.png', type: 'image/png' }],
    });
    expect(sent.slice(1).map((m) => [m.method, m.text, m.files[0]?.name])).toEqual([
      ['sendmediagroup', 'Three pictures', 'pic2.png'],
      ['sendmediagroup', '', 'pic3.png'],
      ['sendmediagroup', '', 'pic4.png'],
    ]);
    expect(new Set(sent.slice(1).map((m) => m.mediaGroupId)).size).toBe(1);
  });

  it('sends an MP4 with sendVideo (streamable), and videos and photos together as one album', async () => {
    env = await start();
    const account = await connect(env);
    const mp4 = fakeMp4().toString('base64');
    const video = await env.backend.call('media.add', { fileName: 'clip.mp4', mime: 'video/mp4', dataBase64: mp4 });
    const second = await env.backend.call('media.add', { fileName: 'clip2.mp4', mime: 'video/mp4', dataBase64: mp4 });
    const photo = await env.backend.call('media.add', {
      fileName: 'pic.png',
      mime: 'image/png',
      dataBase64: (await tinyPng()).toString('base64'),
    });
    await env.backend.call('posts.create', {
      text: 'Watch <this>',
      accountIds: [account.id],
      when: now,
      media: [{ id: video.id, alt: '' }],
      options: { sensitive: true },
    });
    await env.advance(0);
    await env.backend.call('posts.create', {
      text: 'Clip and picture',
      accountIds: [account.id],
      when: now,
      media: [
        { id: second.id, alt: '' },
        { id: photo.id, alt: '' },
      ],
    });
    await env.advance(0);
    const sent = env.fake.messagesIn(env.channel.id);
    expect(sent[0]).toMatchObject({
      method: 'sendvideo',
      text: 'Watch <this>',
      supportsStreaming: true,
      hasSpoiler: true,
      files: [{ field: 'video', name: 'clip.mp4', type: 'video/mp4' }],
    });
    expect(sent.slice(1).map((m) => [m.method, m.files[0]?.field, m.supportsStreaming, m.text])).toEqual([
      ['sendmediagroup', 'video', true, 'Clip and picture'],
      ['sendmediagroup', 'photo', false, ''],
    ]);
    expect(env.fake.calls.filter((c) => c.method === 'senddocument')).toHaveLength(0);
  });

  it('refuses a video caption over 1,024 characters and an album that mixes a document with a video', async () => {
    env = await start();
    const account = await connect(env);
    const video = await env.backend.call('media.add', {
      fileName: 'clip.mp4',
      mime: 'video/mp4',
      dataBase64: fakeMp4().toString('base64'),
    });
    const [long] = await env.backend.call('posts.validate', {
      text: 'x'.repeat(1025),
      accountIds: [account.id],
      media: [{ id: video.id, alt: '' }],
    });
    expect(long?.problems.join(' ')).toMatch(/caption of 1024 characters; this one has 1025/);
    // A WebM video is no MPEG-4: it goes as a document, which an album cannot mix with videos.
    const webm = Buffer.alloc(64);
    webm.set([0x1a, 0x45, 0xdf, 0xa3]);
    const doc = await env.backend.call('media.add', { fileName: 'clip.webm', mime: 'video/webm', dataBase64: webm.toString('base64') });
    const [mixed] = await env.backend.call('posts.validate', {
      text: 'Mixed',
      accountIds: [account.id],
      media: [
        { id: video.id, alt: '' },
        { id: doc.id, alt: '' },
      ],
    });
    expect(mixed?.problems.join(' ')).toMatch(/photos and videos, or documents, not both/);
    expect(env.fake.messages).toHaveLength(0);
  });

  it('refuses a caption over 1,024 characters and an album over 10 files before sending', async () => {
    env = await start();
    const account = await connect(env);
    const png = (await tinyPng()).toString('base64');
    const ids: string[] = [];
    for (let i = 0; i < 11; i++)
      ids.push((await env.backend.call('media.add', { fileName: `p${i}.png`, mime: 'image/png', dataBase64: png })).id);
    const [check] = await env.backend.call('posts.validate', {
      text: 'x'.repeat(1025),
      accountIds: [account.id],
      media: ids.map((id) => ({ id, alt: '' })),
    });
    expect(check?.problems.join(' ')).toMatch(/at most 10 files/);
    expect(check?.problems.join(' ')).toMatch(/caption of 1024 characters; this one has 1025/);
    expect(env.fake.messages).toHaveLength(0);
  });

  it('waits parameters.retry_after on a 429, then sends once', async () => {
    env = await start();
    const account = await connect(env);
    env.fake.floodNext('sendMessage', 42);
    const { post } = await env.backend.call('posts.create', { text: 'Flood test', accountIds: [account.id], when: now });
    await env.advance(0);
    let view = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(view.targets[0]?.status).toBe('retrying');
    expect(view.targets[0]?.lastError).toMatch(/again in 42 s/);
    expect(view.targets[0]?.nextAttemptAt).toBeGreaterThanOrEqual(env.clock.now() + 42_000);
    await env.advance(41_000);
    expect(env.fake.messages).toHaveLength(0);
    await env.advance(2_000);
    view = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(view.targets[0]?.status).toBe('published');
    expect(env.fake.messages).toHaveLength(1);
  });

  it('resumes a thread after the part Telegram refused for flood, replying to the part already sent', async () => {
    env = await start();
    const account = await connect(env);
    env.fake.floodNext('sendMessage', 5, 1);
    const { post } = await env.backend.call('posts.create', { text: 'One', parts: ['Two'], accountIds: [account.id], when: now });
    await env.advance(0);
    let view = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(view.targets[0]).toMatchObject({ status: 'retrying', partsPublished: 1 });
    await env.advance(6_000);
    view = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(view.targets[0]?.status).toBe('published');
    expect(env.fake.messagesIn(env.channel.id).map((m) => [m.message_id, m.text, m.replyTo])).toEqual([
      [1, 'One', null],
      [2, 'Two', 1],
    ]);
  });

  it('marks a lost answer unconfirmed and never sends it again by itself', async () => {
    env = await start();
    const account = await connect(env);
    env.fake.dropAfterSending('sendMessage');
    const { post } = await env.backend.call('posts.create', { text: 'Did it arrive?', accountIds: [account.id], when: now });
    await env.advance(0);
    await env.advance(3_600_000);
    const view = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(view.targets[0]?.status).toBe('unconfirmed');
    expect(view.targets[0]?.lastError).toMatch(/no way to check/);
    expect(env.fake.messages).toHaveLength(1);
  });

  it('holds the account when the bot was removed from the channel (403), keeping the post', async () => {
    env = await start();
    const account = await connect(env);
    env.fake.failNext('sendMessage', 403, 'Forbidden: bot was kicked from the channel chat');
    const { post } = await env.backend.call('posts.create', { text: 'Kicked?', accountIds: [account.id], when: now });
    await env.advance(0);
    const view = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(view.targets[0]?.status).toBe('scheduled');
    const [acc] = await env.backend.call('accounts.list', {});
    expect(acc?.status).toBe('needs_attention');
    expect(acc?.statusReason).toMatch(/can no longer post in this chat/);
  });
});

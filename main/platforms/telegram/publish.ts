// Publishes a post or thread to a Telegram chat: text, a photo or document, or an album; later parts reply to the one before.

import { type TelegramMediaKind, telegramMediaKind, telegramMessageLink } from '../../../shared/platforms/telegram';
import type { AccountContext, PublishedPart, PublishOutcome, PublishPart, PublishRequest } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import type { StoredMedia } from '../../core/repos/media';
import { type BotEndpoint, callBotApi } from './botApi';
import type { TelegramSecret } from './connect';
import { telegramBody } from './html';

interface SentMessage {
  readonly message_id: number;
  readonly chat: { readonly id: number; readonly username?: string };
}

interface ChatOf {
  readonly chatId: number;
  readonly username: string | null;
  readonly silent: boolean;
}

function chatOf(ctx: AccountContext<TelegramSecret>): ChatOf {
  const c = ctx.account.config;
  if (typeof c.chatId !== 'number') throw new PlatformError('auth', 'This Telegram account has no chat stored. Reconnect it in Accounts.');
  return { chatId: c.chatId, username: typeof c.chatUsername === 'string' ? c.chatUsername : null, silent: c.silent === true };
}

function endpointOf(ctx: AccountContext<TelegramSecret>): BotEndpoint {
  const base = typeof ctx.account.config.apiBase === 'string' ? ctx.account.config.apiBase : 'https://api.telegram.org';
  return { apiBase: base, token: ctx.secret.botToken, ...(ctx.signal ? { signal: ctx.signal } : {}) };
}

/** What every send carries: the chat, the silence setting, and the message this one answers. */
function common(chat: ChatOf, replyTo: number | null, silentPost: boolean | undefined): Record<string, unknown> {
  // The post's own choice wins over the account's default.
  const silent = silentPost ?? chat.silent;
  return {
    chat_id: chat.chatId,
    ...(silent ? { disable_notification: true } : {}),
    // Without allow_sending_without_reply, a deleted parent makes Telegram refuse rather than post out of the thread.
    ...(replyTo !== null ? { reply_parameters: { message_id: replyTo } } : {}),
  };
}

function formOf(fields: Readonly<Record<string, unknown>>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return form;
}

const SEND_ONE: Readonly<Record<TelegramMediaKind, { readonly method: string; readonly what: string }>> = {
  photo: { method: 'sendPhoto', what: 'the photo' },
  video: { method: 'sendVideo', what: 'the video' },
  document: { method: 'sendDocument', what: 'the file' },
};

/** A video's size when known, and supports_streaming: an MPEG-4 upload plays while it downloads. */
function videoFields(m: StoredMedia): Record<string, unknown> {
  if (telegramMediaKind(m) !== 'video') return {};
  return { supports_streaming: true, ...(m.width && m.height ? { width: m.width, height: m.height } : {}) };
}

function fileOf(ctx: AccountContext<TelegramSecret>, m: StoredMedia): Blob {
  return new Blob([new Uint8Array(ctx.readMedia(m))], { type: m.mime });
}

async function sendPart(
  endpoint: BotEndpoint,
  ctx: AccountContext<TelegramSecret>,
  chat: ChatOf,
  part: PublishPart,
  req: PublishRequest,
  replyTo: number | null,
): Promise<SentMessage> {
  const body = telegramBody(part.text, req.options.contentWarning);
  const base = common(chat, replyTo, req.options.silent);
  const hasText = body.visible.trim() !== '';
  if (part.media.length === 0) {
    return callBotApi<SentMessage>(
      endpoint,
      'sendMessage',
      { ...base, text: body.html, parse_mode: 'HTML', ...(req.options.noLinkCard ? { link_preview_options: { is_disabled: true } } : {}) },
      { creates: true, what: 'the message' },
    );
  }
  const caption = hasText ? { caption: body.html, parse_mode: 'HTML' } : {};
  const spoiler = req.options.sensitive ? { has_spoiler: true } : {};
  if (part.media.length === 1) {
    const m = part.media[0] as StoredMedia;
    const kind = telegramMediaKind(m);
    const form = formOf({ ...base, ...caption, ...(kind !== 'document' ? spoiler : {}), ...videoFields(m) });
    form.append(kind, fileOf(ctx, m), m.fileName);
    const send = SEND_ONE[kind];
    return callBotApi<SentMessage>(endpoint, send.method, form, { creates: true, what: send.what, timeoutMs: 120_000 });
  }
  // An album: each file attached under its own name; the caption rides on the first item, as Telegram shows it.
  const media = part.media.map((m, i) => ({
    type: telegramMediaKind(m),
    media: `attach://file${i}`,
    ...(i === 0 ? caption : {}),
    ...(telegramMediaKind(m) !== 'document' ? spoiler : {}),
    ...videoFields(m),
  }));
  const form = formOf({ ...base, media });
  part.media.forEach((m, i) => {
    form.append(`file${i}`, fileOf(ctx, m), m.fileName);
  });
  const sent = await callBotApi<readonly SentMessage[]>(endpoint, 'sendMediaGroup', form, {
    creates: true,
    what: 'the album',
    timeoutMs: 180_000,
  });
  const first = sent[0];
  if (!first) throw new PlatformError('unknown_outcome', 'Telegram accepted the album but returned no messages.');
  return first;
}

function publishedPart(chat: ChatOf, msg: SentMessage): PublishedPart {
  return {
    remoteId: String(msg.message_id),
    remoteUrl: telegramMessageLink({ id: chat.chatId, username: msg.chat.username ?? chat.username }, msg.message_id),
    ref: { chatId: String(chat.chatId), messageId: String(msg.message_id) },
  };
}

/** Sends the parts not yet done, in order, each replying to the one before; each is recorded as soon as Telegram confirms it. */
export async function publishTelegramParts(req: PublishRequest, ctx: AccountContext<TelegramSecret>): Promise<PublishOutcome> {
  const endpoint = endpointOf(ctx);
  const chat = chatOf(ctx);
  let replyTo: number | null = null;
  let first: PublishedPart | null = null;
  for (const part of req.parts) {
    if (part.done) {
      replyTo = Number(part.done.ref?.messageId ?? part.done.remoteId);
      first ??= part.done;
      continue;
    }
    const msg = await sendPart(endpoint, ctx, chat, part, req, replyTo);
    const done = publishedPart(chat, msg);
    await ctx.recordPart(part.index, done);
    replyTo = msg.message_id;
    first ??= done;
  }
  if (!first) throw new PlatformError('invalid', 'This post has no parts to publish.');
  return { remoteId: first.remoteId, remoteUrl: first.remoteUrl };
}

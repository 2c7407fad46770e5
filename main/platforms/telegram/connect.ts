// Connecting a Telegram bot to a channel or group: the token checked with getMe, the chat with getChat and getChatMember.

import type { Connection } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { type BotEndpoint, callBotApi, checkTokenShape, normaliseApiBase } from './botApi';

export interface TelegramConnectInput {
  readonly botToken: string;
  readonly chat: string;
  readonly silent?: boolean | undefined;
  readonly apiBase?: string | undefined;
}

export interface TelegramSecret {
  readonly botToken: string;
}

export interface TelegramChatConfig {
  readonly apiBase: string;
  readonly chatId: number;
  readonly chatType: string;
  readonly chatTitle: string;
  readonly chatUsername: string | null;
  readonly botUsername: string;
  readonly silent: boolean;
}

interface BotUser {
  readonly id: number;
  readonly is_bot: boolean;
  readonly first_name: string;
  readonly username?: string;
}

export interface TelegramChat {
  readonly id: number;
  readonly type: 'private' | 'group' | 'supergroup' | 'channel';
  readonly title?: string;
  readonly username?: string;
  readonly first_name?: string;
}

interface ChatMember {
  readonly status: 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';
  readonly can_post_messages?: boolean;
  readonly can_send_messages?: boolean;
}

/** A chat as the user may type it: @channelname, t.me/channelname, or a numeric id such as -1001234567890. */
export function parseChatRef(raw: string): string | number {
  const v = raw.trim();
  const link = /^(?:https?:\/\/)?(?:t\.me|telegram\.me)\/([A-Za-z][A-Za-z0-9_]{3,31})\/?$/i.exec(v);
  if (link) return `@${link[1]}`;
  if (/^@[A-Za-z][A-Za-z0-9_]{3,31}$/.test(v)) return v;
  if (/^[A-Za-z][A-Za-z0-9_]{4,31}$/.test(v)) return `@${v}`;
  if (/^-?\d{1,20}$/.test(v)) return Number(v);
  throw new PlatformError('invalid', 'Type the chat as @channelname, a t.me link, or a chat id like -1001234567890.', { field: 'chat' });
}

export async function botIdentity(endpoint: BotEndpoint): Promise<BotUser> {
  const me = await callBotApi<BotUser>(endpoint, 'getMe', {}, { what: 'the bot token', timeoutMs: 15_000 });
  if (!me.is_bot) throw new PlatformError('invalid', 'That token does not belong to a bot.', { field: 'botToken' });
  return me;
}

export interface FoundChat {
  readonly id: number;
  readonly title: string;
  readonly type: string;
  readonly username: string | null;
}

function titleOf(chat: TelegramChat): string {
  return chat.title ?? chat.first_name ?? (chat.username ? `@${chat.username}` : String(chat.id));
}

/**
 * The chats the bot has seen lately (getUpdates keeps 24 hours): channels and groups it was added to or that
 * wrote to it. Reading updates does not confirm them, so the bot's own work elsewhere sees them too.
 */
export async function findChats(endpoint: BotEndpoint): Promise<{ bot: string; chats: FoundChat[] }> {
  const me = await botIdentity(endpoint);
  const updates = await callBotApi<readonly Record<string, unknown>[]>(
    endpoint,
    'getUpdates',
    { limit: 100, timeout: 0, allowed_updates: ['message', 'channel_post', 'my_chat_member'] },
    { what: 'the list of chats', timeoutMs: 15_000 },
  );
  const chats = new Map<number, FoundChat>();
  for (const u of updates) {
    for (const key of ['my_chat_member', 'channel_post', 'message', 'edited_channel_post']) {
      const chat = (u[key] as { chat?: TelegramChat } | undefined)?.chat;
      if (!chat || chat.type === 'private') continue;
      chats.set(chat.id, { id: chat.id, title: titleOf(chat), type: chat.type, username: chat.username ?? null });
    }
  }
  return { bot: me.username ?? me.first_name, chats: [...chats.values()] };
}

/** Checks the token, finds the chat and makes sure the bot may post there. */
export async function connectTelegram(input: TelegramConnectInput, signal?: AbortSignal): Promise<Connection<TelegramSecret>> {
  const token = checkTokenShape(input.botToken);
  const apiBase = normaliseApiBase(input.apiBase);
  const endpoint: BotEndpoint = { apiBase, token, ...(signal ? { signal } : {}) };
  const me = await botIdentity(endpoint);
  const ref = parseChatRef(input.chat);
  const chat = await callBotApi<TelegramChat>(endpoint, 'getChat', { chat_id: ref }, { what: 'the chat', timeoutMs: 15_000 });
  if (chat.type === 'private') {
    throw new PlatformError('invalid', 'That is a private chat with a person. Pick a channel or a group the bot is in.', { field: 'chat' });
  }
  const member = await callBotApi<ChatMember>(
    endpoint,
    'getChatMember',
    { chat_id: chat.id, user_id: me.id },
    { what: 'the bot’s rights in the chat', timeoutMs: 15_000 },
  );
  const canPost =
    chat.type === 'channel'
      ? member.status === 'creator' || (member.status === 'administrator' && member.can_post_messages === true)
      : member.status !== 'left' && member.status !== 'kicked' && member.can_send_messages !== false;
  if (!canPost) {
    throw new PlatformError(
      'invalid',
      chat.type === 'channel'
        ? `@${me.username ?? 'the bot'} is not an administrator of ${titleOf(chat)} with the right to post messages. Add it in the channel's Administrators, then connect again.`
        : `@${me.username ?? 'the bot'} cannot send messages in ${titleOf(chat)}. Add it to the group (and allow it to send messages), then connect again.`,
      { field: 'chat' },
    );
  }
  const config: TelegramChatConfig = {
    apiBase,
    chatId: chat.id,
    chatType: chat.type,
    chatTitle: titleOf(chat),
    chatUsername: chat.username ?? null,
    botUsername: me.username ?? me.first_name,
    silent: input.silent === true,
  };
  return {
    handle: chat.username ? `@${chat.username}` : titleOf(chat),
    avatarUrl: null,
    config: { ...config },
    secret: { botToken: token },
  };
}

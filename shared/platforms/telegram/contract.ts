// Telegram in the contract: the connect form (a bot and a chat) and its channel, the chats a bot has seen, for the
// connect form to offer.

import { z } from 'zod';
import { AccountName, type NetworkDefinition } from '../network';

export const telegramRequests = {
  /** The channels and groups the bot was added to or heard from lately (getUpdates keeps 24 hours). */
  'telegram.findChats': z.object({
    botToken: z.string().trim().min(1, 'Paste the bot token from @BotFather.'),
    apiBase: z.string().trim().optional(),
  }),
} as const;

export interface TelegramChatChoice {
  readonly id: number;
  readonly title: string;
  readonly type: string;
  readonly username: string | null;
}

export interface TelegramResponses {
  'telegram.findChats': { readonly bot: string; readonly chats: readonly TelegramChatChoice[] };
}

export const telegramNetwork = {
  id: 'telegram',
  connect: z.object({
    platform: z.literal('telegram'),
    name: AccountName,
    /** The token @BotFather gave for the bot (123456:ABC-…). */
    botToken: z.string().trim().min(1, 'Paste the bot token from @BotFather.'),
    /** A chat id (-100…) or a public @channelname. */
    chat: z.string().trim().min(1, 'Pick a chat or type @channelname.'),
    /** Posts arrive without a notification sound. */
    silent: z.boolean().optional(),
    /** A self-hosted Bot API server; defaults to https://api.telegram.org. */
    apiBase: z.string().trim().optional(),
  }),
  requests: telegramRequests,
  metricSource: 'none',
} as const satisfies NetworkDefinition;

// Channels for the telegram feature: the chats a bot has seen, for the connect form to offer.

import { z } from 'zod';

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

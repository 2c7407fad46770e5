// Handlers for the telegram channels: listing the chats a bot can post to, done by the Telegram adapter.

import type { telegramRequests } from '../../../shared/platforms/telegram/contract';
import type { BackendContext } from '../../core/context';
import { fail } from '../../core/errors';
import type { HandlerMap } from '../../core/handlers/types';
import { platformFailure } from '../../core/platforms/connectedAccounts';
import { isTelegramAdapter } from './adapter';

export function telegramHandlers(ctx: BackendContext): HandlerMap<keyof typeof telegramRequests> {
  return {
    'telegram.findChats': async ({ botToken, apiBase }) => {
      const adapter = ctx.platforms.get('telegram');
      if (!isTelegramAdapter(adapter)) throw fail('network_support_missing', { network: 'Telegram' });
      try {
        return await adapter.findChats({ botToken, apiBase });
      } catch (e) {
        throw platformFailure(e);
      }
    },
  };
}

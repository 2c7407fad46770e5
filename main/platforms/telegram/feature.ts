// Telegram in Kairos: its adapter, and the channel that lists the chats a bot can post to.

import type { telegramRequests } from '../../../shared/platforms/telegram/contract';
import type { BackendFeature } from '../../core/features';
import type { PlatformAdapter } from '../../core/platforms/types';
import { createTelegramAdapter } from './adapter';
import { telegramHandlers } from './handlers';

export const telegramFeature: BackendFeature<keyof typeof telegramRequests> = {
  id: 'telegram',
  platform: { id: 'telegram', createAdapter: () => createTelegramAdapter() as PlatformAdapter },
  handlers: telegramHandlers,
};

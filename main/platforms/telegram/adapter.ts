// Telegram channels and groups through the user's own bot: connect, rules, validation and publishing.

import { type Issue, issue } from '../../../shared/contract/problems';
import { DEFAULT_RULES, measureText, warningOverflowIssue } from '../../../shared/platforms/rules';
import { telegramPartProblems } from '../../../shared/platforms/telegram';
import type { PlatformAdapter } from '../../core/platforms/types';
import { type BotEndpoint, checkTokenShape, normaliseApiBase } from './botApi';
import { connectTelegram, type FoundChat, findChats, type TelegramConnectInput, type TelegramSecret } from './connect';
import { telegramBody } from './html';
import { publishTelegramParts } from './publish';

export interface TelegramAdapter extends PlatformAdapter<TelegramConnectInput, TelegramSecret> {
  /** The channels and groups the bot has seen lately, for the connect form to offer. */
  findChats(input: { botToken: string; apiBase?: string | undefined }, signal?: AbortSignal): Promise<{ bot: string; chats: FoundChat[] }>;
}

export function createTelegramAdapter(): TelegramAdapter {
  return {
    id: 'telegram',
    displayName: 'Telegram',
    // A bot may post about 20 messages a minute to one group or channel, and about 30 a second overall.
    publishBudget: { perAccount: { burst: 5, refillMs: 3_000 }, perPlatform: { burst: 30, refillMs: 34 } },
    // The Bot API offers bots no reading of channels.
    conversationBudget: { capacity: 0, windowMs: 5 * 60_000 },
    probeOrigin: 'https://api.telegram.org',
    // The Bot API has no idempotency key, and a bot cannot read a channel's history to look for a lost message:
    // an unknown outcome is left for the user to check (unconfirmed), never sent twice.
    idempotentRetry: false,
    // A first comment is the thread's next part: a reply by the same account (docs/IMPORT_EXPORT.md).
    repliesToOwnPosts: true,

    connect: (input, signal) => connectTelegram(input, signal),

    lengthRule: () => DEFAULT_RULES.telegram,

    validate(draft) {
      const problems: Issue[] = [];
      const texts = [draft.text, ...draft.parts];
      texts.forEach((text, i) => {
        const media = draft.media.filter((m) => m.partIndex === i);
        const part = texts.length > 1 ? i + 1 : null;
        const visible = telegramBody(text, draft.options.contentWarning).visible;
        if (text.trim() === '' && media.length === 0) problems.push(issue('needs_text', { network: 'Telegram', orMedia: 'file', part }));
        problems.push(...telegramPartProblems(visible, media, part));
        if (media.length === 0 && draft.options.contentWarning?.trim() && text.trim() !== '') {
          const over = warningOverflowIssue(measureText(visible, DEFAULT_RULES.telegram), 'Telegram', part);
          if (over) problems.push(over);
        }
      });
      if (draft.options.poll) problems.push(issue('no_polls', { network: 'Telegram' }));
      if (draft.options.visibility && draft.options.visibility !== 'public') problems.push(issue('public_only', { network: 'Telegram' }));
      return problems;
    },

    publish: (req, ctx) => publishTelegramParts(req, ctx),

    async findChats(input, signal) {
      const endpoint: BotEndpoint = {
        apiBase: normaliseApiBase(input.apiBase),
        token: checkTokenShape(input.botToken),
        ...(signal ? { signal } : {}),
      };
      return findChats(endpoint);
    },
  };
}

export function isTelegramAdapter(adapter: PlatformAdapter | undefined): adapter is PlatformAdapter & TelegramAdapter {
  return adapter?.id === 'telegram' && typeof (adapter as Partial<TelegramAdapter>).findChats === 'function';
}

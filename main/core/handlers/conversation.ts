// Handlers for the conversation panel, the watchlist, the pre-flight check and the calendar's observances.

import type { conversationRequests } from '../../../shared/contract/conversation';
import type { BackendContext } from '../context';
import { supportedCountries } from '../conversation/observances';
import { createConversationService } from '../conversation/service';
import { notFound } from '../errors';
import { newId } from '../ids';
import type { HandlerMap } from './types';

export function conversationHandlers(ctx: BackendContext): HandlerMap<keyof typeof conversationRequests> {
  const service = createConversationService(ctx);
  const changed = () => ctx.emit({ type: 'conversation.updated', accountIds: [] });

  return {
    'conversation.forSelection': (selection) => service.forSelection(selection),

    'conversation.refresh': async ({ selection }) => ({ sources: await service.refresh(selection) }),

    'conversation.alerts': () => service.watchlist.active(),

    'conversation.dismissAlert': async ({ id }) => {
      if (!(await service.watchlist.dismiss(id, ctx.clock.now()))) throw notFound('alert');
      changed();
      return { id };
    },

    'conversation.preflightDecide': ({ postId, decision }) => service.decide(postId, decision),

    'conversation.preflightSkip': ({ postId, skip }) => service.setSkipped(postId, skip),

    'conversation.settings.get': () => service.settings.get(),

    'conversation.settings.set': (change) => service.setSettings(change),

    'conversation.countries': () => supportedCountries(),

    'conversation.awareness.list': () => service.settings.userDays(),

    'conversation.awareness.add': async ({ name, rule, url }) => {
      const now = ctx.clock.now();
      const day = await service.settings.addUserDay({ id: newId('day', now), name, rule, url: url ?? null, createdAt: now });
      ctx.emit({ type: 'settings.changed' });
      return day;
    },

    'conversation.awareness.remove': async ({ id }) => {
      if (!(await service.settings.removeUserDay(id))) throw notFound('awareness_day');
      ctx.emit({ type: 'settings.changed' });
      return { id };
    },

    'watchlist.list': () => service.watchlist.list(),

    'watchlist.add': async ({ term, severity }) => {
      const now = ctx.clock.now();
      const added = await service.watchlist.add(newId('wat', now), term, severity, now);
      // A new term may already be in what was fetched: say so now rather than at the next refresh.
      await service.refresher.rescanCache();
      changed();
      return added;
    },

    'watchlist.remove': async ({ id }) => {
      if (!(await service.watchlist.remove(id))) throw notFound('watch_term');
      changed();
      return { id };
    },

    'calendar.observances': ({ from, to, countries }) => service.observances(from, to, countries),
  };
}

// Handlers for the mastodon channels.

import type { mastodonRequests } from '../../../shared/contract/mastodon';
import type { BackendContext } from '../context';
import type { HandlerMap } from './types';

export function mastodonHandlers(_ctx: BackendContext): HandlerMap<keyof typeof mastodonRequests> {
  return {};
}

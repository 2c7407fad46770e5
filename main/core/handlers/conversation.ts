// Handlers for the conversation channels.

import type { conversationRequests } from '../../../shared/contract/conversation';
import type { BackendContext } from '../context';
import type { HandlerMap } from './types';

export function conversationHandlers(_ctx: BackendContext): HandlerMap<keyof typeof conversationRequests> {
  return {};
}

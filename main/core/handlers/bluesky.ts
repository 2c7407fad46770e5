// Handlers for the bluesky channels.

import type { blueskyRequests } from '../../../shared/contract/bluesky';
import type { BackendContext } from '../context';
import type { HandlerMap } from './types';

export function blueskyHandlers(_ctx: BackendContext): HandlerMap<keyof typeof blueskyRequests> {
  return {};
}

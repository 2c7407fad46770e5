// Handlers for the engine channels.

import type { engineRequests } from '../../../shared/contract/engine';
import type { BackendContext } from '../context';
import type { HandlerMap } from './types';

export function engineHandlers(_ctx: BackendContext): HandlerMap<keyof typeof engineRequests> {
  return {};
}

// The one contract: channel name → request schema and response type, shared by every shell.

import type { z } from 'zod';
import { type AccountsResponses, accountsRequests } from './accounts';
import { type PostsResponses, postsRequests } from './posts';
import { type SystemResponses, systemRequests } from './system';

export const requestSchemas = {
  ...systemRequests,
  ...accountsRequests,
  ...postsRequests,
} as const;

export type Channel = keyof typeof requestSchemas;
export type Responses = SystemResponses & AccountsResponses & PostsResponses;
export type RequestOf<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof requestSchemas)[C]>;
export type ResponseOf<C extends Channel> = Responses[C];

export const CHANNELS = Object.keys(requestSchemas) as Channel[];
export function isChannel(name: string): name is Channel {
  return Object.hasOwn(requestSchemas, name);
}

export * from './accounts';
export * from './common';
export type * from './events';
export * from './posts';
export * from './result';
export * from './system';

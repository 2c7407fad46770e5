// The one contract: channel name → request schema and response type, shared by every shell. The core's channels are
// in this folder, one file per feature; the networks' own are in shared/platforms, composed from its one list.

import type { z } from 'zod';
import { networkRequests } from '../platforms';
import type { NetworkResponses } from '../platforms/responses';
import { shellChannelSets } from './access';
import { type AccountsResponses, accountsRequests } from './accounts';
import { type AnalyticsResponses, analyticsRequests } from './analytics';
import { type AppResponses, appRequests } from './app';
import { type ConversationResponses, conversationRequests } from './conversation';
import { type EngineResponses, engineRequests } from './engine';
import { type EvergreenResponses, evergreenRequests } from './evergreen';
import { type ImportExportResponses, importExportRequests } from './importExport';
import { type MediaResponses, mediaCliRequests, mediaDesktopRequests, mediaRequests } from './media';
import { type PostsResponses, postsRequests } from './posts';
import { type QueueResponses, queueRequests } from './queue';
import { type SystemResponses, systemRequests } from './system';
import { type WorkspaceResponses, workspaceRequests } from './workspace';

/** Everything a page may call, in any shell. */
const pageRequestSchemas = {
  ...systemRequests,
  ...accountsRequests,
  ...postsRequests,
  ...mediaRequests,
  ...engineRequests,
  ...conversationRequests,
  ...appRequests,
  ...queueRequests,
  ...importExportRequests,
  ...evergreenRequests,
  ...analyticsRequests,
  /** Each network's own channels, from the list in shared/platforms. */
  ...networkRequests,
} as const;

export const requestSchemas = {
  ...pageRequestSchemas,
  ...mediaDesktopRequests,
  ...workspaceRequests,
  ...mediaCliRequests,
} as const;

export type Channel = keyof typeof requestSchemas;
export type Responses = SystemResponses &
  AccountsResponses &
  PostsResponses &
  MediaResponses &
  EngineResponses &
  ConversationResponses &
  AppResponses &
  QueueResponses &
  ImportExportResponses &
  EvergreenResponses &
  AnalyticsResponses &
  WorkspaceResponses &
  NetworkResponses;
export type RequestOf<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof requestSchemas)[C]>;
export type ResponseOf<C extends Channel> = Responses[C];

export const CHANNELS = Object.keys(requestSchemas) as Channel[];
/** The allowlist of each shell: the desktop window and browser mode get the page channels (plus the desktop's dialog and its workspace link), the CLI every channel but those. */
export const SHELL_CHANNELS = shellChannelSets(
  Object.keys(pageRequestSchemas) as Channel[],
  [...Object.keys(mediaDesktopRequests), ...Object.keys(workspaceRequests)] as Channel[],
  Object.keys(mediaCliRequests) as Channel[],
);
export function isChannel(name: string): name is Channel {
  return Object.hasOwn(requestSchemas, name);
}

export * from './access';
export * from './accounts';
export * from './common';
export type * from './events';
export * from './evergreen';
export * from './importExport';
export * from './media';
export * from './posts';
export * from './problems';
export * from './result';
export * from './system';
export * from './workspace';

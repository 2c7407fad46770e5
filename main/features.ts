// The networks this build of Kairos can publish to.

import type { PlatformId } from '../../../shared/domain';
import { createBlueskyAdapter } from '../../platforms/bluesky/adapter';
import { createDiscordAdapter } from '../../platforms/discord/adapter';
import { createLinkedInAdapter } from '../../platforms/linkedin/adapter';
import { createMastodonAdapter } from '../../platforms/mastodon/adapter';
import { createNostrAdapter } from '../../platforms/nostr/adapter';
import { createTelegramAdapter } from '../../platforms/telegram/adapter';
import { createXAdapter } from '../../platforms/x/adapter';
import type { PlatformAdapter, PlatformRegistry } from './types';

export function defaultPlatforms(): PlatformRegistry {
  return new Map<PlatformId, PlatformAdapter>([
    ['discord', createDiscordAdapter() as PlatformAdapter],
    ['bluesky', createBlueskyAdapter() as PlatformAdapter],
    ['mastodon', createMastodonAdapter() as PlatformAdapter],
    ['telegram', createTelegramAdapter() as PlatformAdapter],
    ['nostr', createNostrAdapter() as PlatformAdapter],
    ['linkedin', createLinkedInAdapter() as PlatformAdapter],
    ['x', createXAdapter() as PlatformAdapter],
  ]);
}

// The networks this build of Kairos publishes to: the one list every shell (CLI, browser mode, desktop), test backend
// and benchmark hands to createBackend. Adding a network means its folder in main/platforms, shared/platforms and a
// line here.

import type { Channel } from '../shared/contract';
import type { PlatformId } from '../shared/domain';
import type { CoreChannel } from './core/backend';
import type { BackendFeature, ChannelsOf } from './core/features';
import type { PlatformRegistry } from './core/platforms/types';
import { blueskyFeature } from './platforms/bluesky/feature';
import { discordFeature } from './platforms/discord/feature';
import { linkedinFeature } from './platforms/linkedin/feature';
import { mastodonFeature } from './platforms/mastodon/feature';
import { nostrFeature } from './platforms/nostr/feature';
import { telegramFeature } from './platforms/telegram/feature';
import { xFeature } from './platforms/x/feature';

const NETWORKS = [discordFeature, blueskyFeature, mastodonFeature, telegramFeature, nostrFeature, linkedinFeature, xFeature] as const;

/** Every feature, each network with its own adapter. */
export const FEATURES: readonly BackendFeature[] = NETWORKS;

/**
 * Every feature with these adapters in place of the networks' own (tests' fakes, adapters pointed at a local
 * server): only the networks named here publish, as if the others were not built in; every feature's channels
 * are still answered.
 */
export function featuresWith(adapters: PlatformRegistry): readonly BackendFeature[] {
  const named = new Set<PlatformId>(adapters.keys());
  const features: BackendFeature[] = NETWORKS.map((f): BackendFeature => {
    const { platform, ...rest } = f as BackendFeature;
    if (!platform) return f;
    named.delete(platform.id);
    const adapter = adapters.get(platform.id);
    return adapter ? { ...rest, platform: { id: platform.id, createAdapter: () => adapter } } : rest;
  });
  for (const id of named) {
    const adapter = adapters.get(id);
    if (adapter) features.push({ id, platform: { id, createAdapter: () => adapter } });
  }
  return features;
}

/** Checked when this file compiles: the core and the features above answer every channel of the contract. */
type Unanswered = Exclude<Channel, CoreChannel | ChannelsOf<(typeof NETWORKS)[number]>>;
export const EVERY_CHANNEL_ANSWERED: [Unanswered] extends [never] ? true : { unanswered: Unanswered } = true;

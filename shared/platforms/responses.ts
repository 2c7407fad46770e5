// What the networks' own channels answer, merged for the contract. A network's reply types name accounts and signals,
// whose types read the platform ids from index.ts, so they are joined here rather than in index.ts's list;
// shared/contract/index.ts fails to compile when a channel of the list has no reply type here.

import type { BlueskyResponses } from './bluesky/contract';
import type { MastodonResponses } from './mastodon/responses';
import type { NostrResponses } from './nostr/contract';
import type { LinkedinResponses, XResponses } from './oauthApp/responses';
import type { TelegramResponses } from './telegram/contract';

export type NetworkResponses = MastodonResponses & BlueskyResponses & TelegramResponses & NostrResponses & LinkedinResponses & XResponses;

// The networks this build of Kairos knows, in one list: the platform ids, the `accounts.connect` input and the
// networks' channels in the contract are all read from it. Adding a network means its folder here (contract.ts, and
// responses.ts when its replies name accounts or signals), its line below and in responses.ts, and its folder and
// line in main/ (main/platforms/<id>, main/features.ts).

import { z } from 'zod';
import { blueskyNetwork } from './bluesky/contract';
import { discordNetwork } from './discord/contract';
import { linkedinNetwork } from './linkedin/contract';
import { mastodonNetwork } from './mastodon/contract';
import { nostrNetwork } from './nostr/contract';
import { telegramNetwork } from './telegram/contract';
import { xNetwork } from './x/contract';

export const NETWORKS = [
  discordNetwork,
  mastodonNetwork,
  blueskyNetwork,
  telegramNetwork,
  nostrNetwork,
  linkedinNetwork,
  xNetwork,
] as const;

type Networks = typeof NETWORKS;
/** The tuple of the networks' ids, in order (a mapped type over a type parameter keeps a tuple a tuple). */
type IdsOf<T extends readonly unknown[]> = { readonly [K in keyof T]: T[K] extends { readonly id: infer I } ? I : never };
type Network = Networks[number];

/** Every network's id, in the list's order. */
export const PLATFORM_IDS = NETWORKS.map((n) => n.id) as unknown as IdsOf<Networks>;
export type PlatformId = Network['id'];

type ConnectVariant = Extract<Network, { readonly connect: unknown }>['connect'];
/** Connection input per network (those connected by a form; LinkedIn and X sign in through their own channels). */
export const ConnectSchema = z.discriminatedUnion(
  'platform',
  NETWORKS.flatMap((n): ConnectVariant[] => ('connect' in n ? [n.connect] : [])) as [ConnectVariant, ...ConnectVariant[]],
);

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** The networks' own channels (`mastodon.*`, `bluesky.*`, ...), request schemas by channel, merged. */
export type NetworkRequests = UnionToIntersection<Network['requests']>;
export const networkRequests = Object.assign({}, ...NETWORKS.map((n) => n.requests)) as NetworkRequests;

/** Where a figure comes from; every snapshot stores it. */
export type MetricSource = Network['metricSource'];
/** Where each network's numbers come from; 'none' for networks that report none. */
export const METRIC_SOURCE_OF = Object.fromEntries(NETWORKS.map((n) => [n.id, n.metricSource])) as {
  readonly [N in Network as N['id']]: N['metricSource'];
};

/** Checked when this file compiles: no network's channel is outside its own `<id>.` prefix, so two cannot collide. */
type Misnamed = { [N in Network as N['id']]: Exclude<keyof N['requests'], `${N['id']}.${string}`> }[PlatformId];
export const CHANNELS_NAMED_BY_NETWORK: [Misnamed] extends [never] ? true : { misnamed: Misnamed } = true;

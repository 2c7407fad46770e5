// What plugs into the backend from outside the core: a network (its adapter) and the handlers of its channels.
// The core never imports a feature; the list of features is composed outside it (main/features.ts) and handed
// to createBackend, which builds each feature once per backend, the way every shell and test gets it.

import type { Channel } from '../../shared/contract';
import type { PlatformId } from '../../shared/domain';
import type { BackendContext } from './context';
import type { HandlerMap } from './handlers/types';
import type { PlatformAdapter, PlatformRegistry } from './platforms/types';

/** `BackendFeature` alone is any feature; `BackendFeature<C>` one that answers the channels C. */
export interface BackendFeature<C extends Channel = never> {
  /** The feature's name, for problems with the composition (two features answering one channel). */
  readonly id: string;
  /** The network this feature publishes to. Absent for a feature without a network, or a network a test left out. */
  readonly platform?: {
    readonly id: PlatformId;
    /** Called once per backend. */
    createAdapter(): PlatformAdapter;
  };
  /**
   * Built once per backend, after the core's own handlers: the handlers of the feature's channels. This is where a
   * feature starts its services and registers its hooks through `ctx.lifecycle` (follow backend events, clean up
   * before an account is removed, stop its timers on close).
   */
  handlers?(ctx: BackendContext): HandlerMap<C>;
}

/** A handler of some channel: the backend parses the request with that channel's schema before calling it. */
type AnyHandler = (request: never) => unknown;

/** The channels a feature (or a union of features) answers. */
export type ChannelsOf<F> = F extends BackendFeature<infer C> ? C : never;

/** The adapters of the features' networks, in the features' order; a network named twice is a mistake in the composition. */
export function platformsOf(features: readonly BackendFeature[]): PlatformRegistry {
  const registry = new Map<PlatformId, PlatformAdapter>();
  for (const f of features) {
    if (!f.platform) continue;
    if (registry.has(f.platform.id)) throw new Error(`Two features publish to ${f.platform.id} (the second is "${f.id}").`);
    registry.set(f.platform.id, f.platform.createAdapter());
  }
  return registry;
}

/** Adds each feature's handlers to the core's; a channel answered twice is a mistake in the composition. */
export function composeHandlers(
  core: Readonly<Partial<Record<Channel, AnyHandler>>>,
  features: readonly BackendFeature[],
  ctx: BackendContext,
): Readonly<Partial<Record<Channel, AnyHandler>>> {
  const all: Partial<Record<Channel, AnyHandler>> = { ...core };
  for (const f of features) {
    const own = f.handlers?.(ctx) ?? {};
    for (const [channel, handler] of Object.entries(own) as [Channel, AnyHandler][]) {
      if (all[channel]) throw new Error(`The channel ${channel} is answered twice (again by "${f.id}").`);
      all[channel] = handler;
    }
  }
  return all;
}

// The composition of networks into a backend: each feature's adapter and channels, tests' own adapters, mistakes refused.

import { describe, expect, it } from 'vitest';
import type { BackendContext } from './core/context';
import { type BackendFeature, composeHandlers, platformsOf } from './core/features';
import type { PlatformAdapter } from './core/platforms/types';
import { FEATURES, featuresWith } from './features';
import { createDiscordAdapter } from './platforms/discord/adapter';
import { tempBackend } from './testing/tempBackend';

describe('the features of this build', () => {
  it('bring one adapter per network, in the order the accounts view lists them', () => {
    expect([...platformsOf(FEATURES).keys()]).toEqual(['discord', 'bluesky', 'mastodon', 'telegram', 'nostr', 'linkedin', 'x']);
  });

  it('with a test’s own adapters: only those publish, and every feature still answers its channels', async () => {
    const discord = createDiscordAdapter() as PlatformAdapter;
    const features = featuresWith(new Map([['discord', discord]]));
    const registry = platformsOf(features);
    expect([...registry.keys()]).toEqual(['discord']);
    expect(registry.get('discord')).toBe(discord);
    expect(features.map((f) => f.id)).toEqual(FEATURES.map((f) => f.id));
    const t = await tempBackend({ features, prefix: 'kairos-features-' });
    try {
      const r = await t.backend.invoke('telegram.findChats', { botToken: '123:abc' });
      expect(r).toEqual({
        ok: false,
        error: {
          code: 'invalid_input',
          message: 'This version of Kairos has no Telegram support.',
          problem: { code: 'network_support_missing', params: { network: 'Telegram' } },
        },
      });
    } finally {
      await t.close();
    }
  });

  it('a backend without a feature says it cannot answer that feature’s channel', async () => {
    const t = await tempBackend({ features: [], prefix: 'kairos-features-' });
    try {
      const r = await t.backend.invoke('bluesky.linkCard', { url: 'https://example.com/' });
      expect(r).toEqual({
        ok: false,
        error: {
          code: 'invalid_input',
          message: 'This build of Kairos cannot answer "bluesky.linkCard".',
          problem: { code: 'no_handler', params: { channel: 'bluesky.linkCard' } },
        },
      });
    } finally {
      await t.close();
    }
  });
});

describe('mistakes in a composition', () => {
  const answering = (id: string): BackendFeature<'bluesky.linkCard'> => ({
    id,
    handlers: () => ({ 'bluesky.linkCard': () => ({ url: '', title: '', description: '', image: null }) as never }),
  });

  it('two features answering one channel', () => {
    expect(() => composeHandlers({}, [answering('one'), answering('two')], {} as BackendContext)).toThrow(
      'The channel bluesky.linkCard is answered twice (again by "two").',
    );
  });

  it('two features publishing to one network', () => {
    const discord: BackendFeature = {
      id: 'another discord',
      platform: { id: 'discord', createAdapter: () => createDiscordAdapter() as PlatformAdapter },
    };
    expect(() => platformsOf([...FEATURES, discord])).toThrow('Two features publish to discord (the second is "another discord").');
  });
});

// Tests for what gets probed (origins only, never a path or token) and for the HEAD probe against 127.0.0.1.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../features';
import { platformsOf } from '../features';
import { httpProbe } from './probe';
import { MAX_PROBE_ORIGINS, originsOfAccount, probeOrigins } from './probeOrigins';

/** The real networks' adapters: each declares where its accounts live when their settings name no server. */
const platforms = platformsOf(FEATURES);

describe('originsOfAccount', () => {
  it('takes the origin of a Discord webhook and drops its id and token', () => {
    const origins = originsOfAccount(
      { platform: 'discord', config: { channelId: '1', guildId: '2' } },
      { webhookUrl: 'http://127.0.0.1:4567/api/webhooks/123456/s3cr3t-t0ken' },
      platforms,
    );
    expect(origins).toEqual(['http://127.0.0.1:4567']);
    expect(origins.join()).not.toContain('s3cr3t');
  });

  it('uses the instance or service named in the settings', () => {
    expect(
      originsOfAccount({ platform: 'mastodon', config: { instanceUrl: 'https://social.example/' } }, { accessToken: 'x' }, platforms),
    ).toEqual(['https://social.example']);
    expect(originsOfAccount({ platform: 'bluesky', config: { serviceUrl: 'https://pds.example:2583/xrpc' } }, null, platforms)).toEqual([
      'https://pds.example:2583',
    ]);
  });

  it("falls back to the platform's home, and to nothing for Mastodon", () => {
    expect(originsOfAccount({ platform: 'discord', config: {} }, null, platforms)).toEqual(['https://discord.com']);
    expect(originsOfAccount({ platform: 'bluesky', config: {} }, { appPassword: 'abcd-efgh' }, platforms)).toEqual(['https://bsky.social']);
    expect(originsOfAccount({ platform: 'mastodon', config: {} }, null, platforms)).toEqual([]);
  });

  it('ignores strings that are not web URLs', () => {
    expect(
      originsOfAccount({ platform: 'discord', config: { note: 'javascript:alert(1)', other: 'file:///etc/passwd' } }, 'text', platforms),
    ).toEqual(['https://discord.com']);
  });
});

describe('probeOrigins', () => {
  it('lists each server once and caps how many are probed', () => {
    const many = Array.from({ length: 10 }, (_v, i) => ({
      account: { platform: 'mastodon' as const, config: { instanceUrl: `https://m${i % 8}.example` } },
      secret: null,
    }));
    const origins = probeOrigins(many, platforms);
    expect(new Set(origins).size).toBe(origins.length);
    expect(origins).toHaveLength(MAX_PROBE_ORIGINS);
  });
});

describe('httpProbe', () => {
  it('counts any answer, even 404, as reachable, and a closed port as not', async () => {
    let method = '';
    const server = createServer((req, res) => {
      method = req.method ?? '';
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await httpProbe(origin, 2_000)).toBe(true);
      expect(method).toBe('HEAD');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(await httpProbe(origin, 2_000)).toBe(false);
  });
});

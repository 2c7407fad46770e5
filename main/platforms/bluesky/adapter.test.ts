// What the adapter checks before scheduling, how XRPC failures read, and how identities are parsed.

import { describe, expect, it } from 'vitest';
import { wordsForIssue } from '../../../shared/contract/problems';
import type { DraftForValidation } from '../../core/platforms/types';
import type { StoredAccount } from '../../core/repos/accounts';
import type { StoredMedia } from '../../core/repos/media';
import { createBlueskyAdapter } from './adapter';
import { normaliseIdentifier, normaliseServiceUrl, pdsEndpointOf } from './identity';
import { planContentWarning } from './records';
import { tokenScope } from './session';
import { failureOf, retryAfterMs } from './xrpc';

const account: StoredAccount = {
  id: 'acc_1',
  platform: 'bluesky',
  name: 'Brand',
  handle: '@brand.example.com',
  status: 'connected',
  statusReason: null,
  avatarUrl: null,
  createdAt: 0,
  config: { did: 'did:plc:x', handle: 'brand.example.com', serviceUrl: 'https://pds.example.com' },
};

function media(fileName: string, mime: string, partIndex = 0, alt = ''): StoredMedia {
  return { id: fileName, fileName, mime, bytes: 10, width: 1, height: 1, alt, focus: null, partIndex, storedName: fileName, postId: null };
}

function draft(d: Partial<DraftForValidation>): DraftForValidation {
  return { text: 'Hello', parts: [], media: [], options: {}, ...d };
}

describe('validate', () => {
  const blueskyAdapter = createBlueskyAdapter();
  /** What the adapter finds, in English. */
  const adapter = {
    validate: (d: DraftForValidation, a: StoredAccount) => blueskyAdapter.validate(d, a).map((i) => wordsForIssue(i)),
  };

  it('accepts a plain post and up to four images per part', () => {
    expect(adapter.validate(draft({ media: [1, 2, 3, 4].map((i) => media(`${i}.png`, 'image/png')) }), account)).toEqual([]);
  });

  it('says what Bluesky cannot take', () => {
    const problems = adapter.validate(
      draft({
        text: '',
        parts: ['second'],
        media: [...[1, 2, 3, 4, 5].map((i) => media(`${i}.jpg`, 'image/jpeg', 1)), media('clip.mp4', 'video/mp4', 1)],
        options: { poll: { options: ['a', 'b'], expiresInSeconds: 3600, multiple: false }, visibility: 'unlisted', language: 'english' },
      }),
      account,
    );
    expect(problems).toEqual([
      'Bluesky needs some text or an image.',
      'Bluesky takes at most 4 images per post; there are 6 in part 2.',
      'Kairos posts images to Bluesky, not videos, for now: remove clip.mp4 for this account.',
      'Bluesky has no polls; remove the poll or post it elsewhere.',
      'Bluesky posts are always public; set the visibility to public or leave Bluesky out of this post.',
      '"english" is not a language code Bluesky accepts; use one like en, it or pt-BR.',
    ]);
  });

  it('counts the content warning line against the first part when there is no label for it', () => {
    const text = 'x'.repeat(290);
    expect(adapter.validate(draft({ text, options: { contentWarning: 'Nudity' } }), account)).toEqual([]);
    expect(adapter.validate(draft({ text, options: { contentWarning: 'Spoilers' } }), account)).toEqual([
      'Too long for Bluesky with the content warning line: 304 of 300 characters, 4 over.',
    ]);
  });

  it('asks for shorter image descriptions past 2000 characters', () => {
    expect(adapter.validate(draft({ media: [media('a.png', 'image/png', 0, 'd'.repeat(2001))] }), account)).toEqual([
      "The description of a.png is longer than Bluesky's 2000 characters; shorten it.",
    ]);
  });
});

describe('content warnings', () => {
  it('maps warnings onto the self-labels Bluesky honours', () => {
    expect(planContentWarning('NSFW, nudity')).toEqual({ labels: ['sexual', 'nudity'], prefix: null });
    expect(planContentWarning('gore')).toEqual({ labels: ['graphic-media'], prefix: null });
    expect(planContentWarning('politics')).toEqual({ labels: [], prefix: 'CW: politics\n\n' });
    expect(planContentWarning('  ')).toEqual({ labels: [], prefix: null });
  });
});

describe('XRPC failures', () => {
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, headers: new Headers(headers), body });
  const now = Date.UTC(2026, 3, 8, 10, 0, 0);

  it('reads each kind from status and error name, quoting the server', () => {
    expect(failureOf(reply(400, { error: 'InvalidRequest', message: 'Record/text too long' }), now, 'the post')).toMatchObject({
      kind: 'invalid',
      message: 'Bluesky refused the post. Bluesky said: "Record/text too long" (InvalidRequest).',
    });
    expect(failureOf(reply(502, { error: 'UpstreamFailure', message: 'Upstream service unreachable' }), now, 'trending topics').kind).toBe(
      'transient',
    );
    expect(failureOf(reply(400, { error: 'ExpiredToken', message: 'Token has been revoked' }), now, 'x').kind).toBe('auth');
    expect(failureOf(reply(400, { error: 'AccountTakedown', message: 'Account has been taken down' }), now, 'x').kind).toBe('gone');
    expect(failureOf(reply(501, { error: 'MethodNotImplemented' }), now, 'post search').message).toBe(
      'This Bluesky server does not offer post search. Bluesky said: "MethodNotImplemented".',
    );
  });

  it('waits until RateLimit-Reset, or for Retry-After, or a minute', () => {
    const reset = String(now / 1000 + 90);
    expect(failureOf(reply(429, { error: 'RateLimitExceeded' }, { 'ratelimit-reset': reset }), now, 'x').options.retryAfterMs).toBe(90_000);
    expect(retryAfterMs(new Headers({ 'retry-after': '30' }), now)).toBe(30_000);
    expect(failureOf(reply(429, {}), now, 'x').options.retryAfterMs).toBe(60_000);
  });
});

describe('identities', () => {
  it('normalises what people type', () => {
    expect(normaliseIdentifier(' @Alice.BSKY.social ')).toBe('alice.bsky.social');
    expect(normaliseIdentifier('did:plc:AbC')).toBe('did:plc:AbC');
    expect(normaliseServiceUrl('bsky.social')).toBe('https://bsky.social');
    expect(normaliseServiceUrl('https://pds.example.org/xrpc/')).toBe('https://pds.example.org');
    expect(normaliseServiceUrl('ftp://x')).toBeNull();
  });

  it('finds the PDS in a DID document', () => {
    const doc = {
      id: 'did:plc:x',
      service: [
        { id: '#bsky_notif', type: 'BskyNotificationService', serviceEndpoint: 'https://notif.example' },
        { id: 'did:plc:x#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: 'https://pds.example.org/' },
      ],
    };
    expect(pdsEndpointOf(doc)).toBe('https://pds.example.org');
    expect(pdsEndpointOf({ service: [] })).toBeNull();
  });

  it('tells an app password session from a full-password one by the token scope', () => {
    const token = (scope: string) => `e30.${Buffer.from(JSON.stringify({ scope })).toString('base64url')}.sig`;
    expect(tokenScope(token('com.atproto.appPass'))).toBe('com.atproto.appPass');
    expect(tokenScope(token('com.atproto.access'))).toBe('com.atproto.access');
    expect(tokenScope('garbage')).toBeNull();
  });
});

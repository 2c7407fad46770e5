// Facets: UTF-8 byte offsets across scripts, and mentions resolved to DIDs or reported.

import { describe, expect, it } from 'vitest';
import { detectFacets, resolveMentions, unknownMentionsMessage } from './facets';

function slice(text: string, index: { byteStart: number; byteEnd: number }): string {
  return Buffer.from(text, 'utf8').subarray(index.byteStart, index.byteEnd).toString('utf8');
}

describe('detectFacets', () => {
  it('points each facet at the exact bytes of its text in every script', () => {
    const text = 'Ünïcödé 🇮🇹 👩‍👩‍👧 #Ciaø e\u0301 日本語 @alice.bsky.social 한국어 #한국 https://example.com/ü?q=1, العربية #عربي';
    const { facets, mentions, firstLink } = detectFacets(text);
    expect(facets.map((f) => slice(text, f.index))).toEqual(['#Ciaø', '@alice.bsky.social', '#한국', 'https://example.com/ü?q=1', '#عربي']);
    expect(facets.map((f) => f.features[0])).toEqual([
      { $type: 'app.bsky.richtext.facet#tag', tag: 'Ciaø' },
      { $type: 'app.bsky.richtext.facet#mention', did: 'alice.bsky.social' },
      { $type: 'app.bsky.richtext.facet#tag', tag: '한국' },
      { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/ü?q=1' },
      { $type: 'app.bsky.richtext.facet#tag', tag: 'عربي' },
    ]);
    expect(mentions).toEqual(['alice.bsky.social']);
    expect(firstLink).toBe('https://example.com/ü?q=1');
  });

  it('leaves trailing punctuation out of links and ignores numbers-only tags and Mastodon-style addresses', () => {
    const text = 'See (https://example.org/a). #1 #ok @someone@mastodon.social';
    const { facets } = detectFacets(text);
    expect(facets.map((f) => slice(text, f.index))).toEqual(['https://example.org/a', '#ok']);
  });
});

describe('resolveMentions', () => {
  it('replaces handles by DIDs, asking once per handle whatever its case', async () => {
    const asked: string[] = [];
    const text = '@Bob.Example.com and @bob.example.com and @ghost.example.com';
    const r = await resolveMentions(detectFacets(text), async (h) => {
      asked.push(h);
      return h === 'bob.example.com' ? 'did:plc:bob' : null;
    });
    expect(asked).toEqual(['bob.example.com', 'ghost.example.com']);
    expect(r.facets.map((f) => f.features[0])).toEqual([
      { $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:bob' },
      { $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:bob' },
      { $type: 'app.bsky.richtext.facet#mention', did: 'ghost.example.com' },
    ]);
    expect(r.unknown).toEqual(['ghost.example.com']);
  });

  it('says which handles are unknown, in one sentence', () => {
    expect(unknownMentionsMessage(['a.test', 'b.test'], 'in part 2')).toBe(
      'Bluesky has no accounts @a.test, @b.test (mentioned in part 2). Check the spelling, or write them without the @ if they are not meant as mentions.',
    );
  });
});

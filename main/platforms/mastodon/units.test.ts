// Pure pieces of the Mastodon adapter: server addresses, rate-limit headers, 422 fields, HTML to text, request bodies.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderContent } from '../../testing/mastodonFake/state';
import { parseInstanceInput } from './address';
import { fieldOfValidationError, retryDelayFromHeaders } from './api';
import { comparableText, htmlToText } from './html';
import { statusBody } from './publish';

describe('server addresses', () => {
  it.each([
    ['mastodon.social', 'https://mastodon.social', null],
    ['  https://Example.ORG/ ', 'https://example.org', null],
    ['@me@example.org', 'https://example.org', 'me'],
    ['me@example.org', 'https://example.org', 'me'],
    ['https://example.org/@brand', 'https://example.org', 'brand'],
    ['127.0.0.1:3000', 'http://127.0.0.1:3000', null],
    ['http://localhost:3000', 'http://localhost:3000', null],
  ])('%s → %s', (input, origin, username) => {
    const a = parseInstanceInput(input);
    expect(a.origin).toBe(origin);
    expect(a.username).toBe(username);
  });

  it.each(['', 'not a server', 'http://example.org', 'ftp://example.org', 'https://user:pw@example.org', '@@x'])('refuses %j', (input) => {
    expect(() => parseInstanceInput(input)).toThrow(/server address|https only/);
  });
});

describe('when to try again', () => {
  const at = Date.UTC(2026, 5, 1, 8, 0);
  const h = (o: Record<string, string>) => new Headers({ date: new Date(at).toUTCString(), ...o });

  it('reads X-RateLimit-Reset as an ISO date, epoch seconds, epoch milliseconds or seconds from now', () => {
    expect(retryDelayFromHeaders(h({ 'x-ratelimit-reset': new Date(at + 90_000).toISOString() }))).toBe(90_000);
    expect(retryDelayFromHeaders(h({ 'x-ratelimit-reset': String(at / 1000 + 30) }))).toBe(30_000);
    expect(retryDelayFromHeaders(h({ 'x-ratelimit-reset': String(at + 5_000) }))).toBe(5_000);
    expect(retryDelayFromHeaders(h({ 'x-ratelimit-reset': '12' }))).toBe(12_000);
    expect(retryDelayFromHeaders(h({ 'x-ratelimit-reset': new Date(at - 1_000).toISOString() }))).toBe(0);
    expect(retryDelayFromHeaders(h({ 'retry-after': '7', 'x-ratelimit-reset': '100' }))).toBe(7_000);
    expect(retryDelayFromHeaders(h({}))).toBeNull();
    expect(retryDelayFromHeaders(h({ 'x-ratelimit-reset': 'soon' }))).toBeNull();
  });

  it('never answers a negative or non-finite wait', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -1e13, max: 1e13 }).map(String),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string(),
        ),
        (v) => {
          const ms = retryDelayFromHeaders(h({ 'x-ratelimit-reset': v }));
          return ms === null || (Number.isFinite(ms) && ms >= 0);
        },
      ),
    );
  });
});

describe('which field a refusal concerns', () => {
  it.each([
    ["Validation failed: Text can't be blank", 'text'],
    ['Validation failed: Text character limit of 500 exceeded', 'text'],
    ['Validation failed: Spoiler text is too long', 'contentWarning'],
    ['Validation failed: Scheduled at The scheduled date must be in the future', 'when'],
    ['Validation failed: Poll options too many', 'poll'],
    ['Cannot attach more than 4 files', 'media'],
    ['Validation failed: File content type is invalid, File is invalid', 'media'],
    ['Validation failed: You have exceeded the limit of 25 scheduled posts for today', 'when'],
    ['Something else entirely', undefined],
  ])('%s', (message, field) => {
    expect(fieldOfValidationError(message)).toBe(field);
  });
});

describe('status HTML back to text', () => {
  it('turns paragraphs, line breaks, links, mentions and entities back into what was typed', () => {
    const html = renderContent(
      'Hi @bob@other.example & friends\nsee https://example.org/a/really/long/path/that/gets/cut?x=1\n\n#Two',
      'https://m.example',
    );
    expect(htmlToText(html)).toBe('Hi @bob & friends\nsee https://example.org/a/really/long/path/that/gets/cut?x=1\n\n#Two');
  });

  it('compares what was sent with what the server shows, for any mix of words, links, mentions and tags', () => {
    const token = fc.oneof(
      fc.stringMatching(/^[a-zA-Z0-9à-ü<>&"']{1,8}$/),
      fc.constantFrom('https://example.org/x', 'http://a.example/b?c=d&e=f', `https://example.org/${'p'.repeat(40)}`),
      fc.stringMatching(/^@[a-z]{1,6}(@[a-z]{1,5}\.example)?$/),
      fc.stringMatching(/^#[a-zA-Z][a-zA-Z0-9]{0,6}$/),
    );
    const sep = fc.constantFrom(' ', '  ', '\n', '\n\n');
    fc.assert(
      fc.property(fc.array(fc.tuple(token, sep), { minLength: 1, maxLength: 12 }), (pairs) => {
        const text = pairs
          .map(([t, s]) => t + s)
          .join('')
          .trim();
        return comparableText(htmlToText(renderContent(text, 'https://m.example'))) === comparableText(text);
      }),
    );
  });
});

describe('status bodies', () => {
  it('puts the poll on the first part only, and the options on every part', () => {
    const options = {
      contentWarning: 'CW',
      visibility: 'unlisted',
      language: 'it',
      poll: { options: ['a', 'b'], expiresInSeconds: 600, multiple: false },
    } as const;
    expect(statusBody('one', options, true, [], null)).toEqual({
      status: 'one',
      visibility: 'unlisted',
      language: 'it',
      spoiler_text: 'CW',
      poll: { options: ['a', 'b'], expires_in: 600, multiple: false },
    });
    expect(statusBody('two', options, false, ['m1'], '99')).toEqual({
      status: 'two',
      visibility: 'unlisted',
      language: 'it',
      spoiler_text: 'CW',
      media_ids: ['m1'],
      in_reply_to_id: '99',
    });
  });
});

// The composer's pure rules: what is sent to the backend, where errors belong, splitting threads, DST notes.

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../../shared/contract';
import { DEFAULT_RULES, measureText } from '../../../shared/platforms/rules';
import { setLanguage } from '../i18n';
import { postAt } from '../testing/posts';
import {
  contentOf,
  excerpt,
  fieldOf,
  formFromPost,
  isBlank,
  messageFor,
  newPostForm,
  saveRequest,
  splitIntoParts,
  whenFor,
} from './composerModel';
import { describeWall } from './whenModel';

const NOW = Date.UTC(2026, 5, 1, 10, 0);

describe('form and payload', () => {
  it('an opened post comes back as the same content, and own versions only go to accounts still chosen', () => {
    const base = postAt(Date.UTC(2026, 5, 3, 8, 30), { accountIds: ['a', 'b'], labels: ['launch'], parts: ['two'] });
    const post = {
      ...base,
      text: 'one',
      options: { contentWarning: 'spoilers', language: 'it', poll: { options: ['x', 'y'], expiresInSeconds: 3600, multiple: false } },
      targets: base.targets.map((t) => (t.accountId === 'b' ? { ...t, textOverride: 'own b' } : t)),
    };
    const form = formFromPost(post, 'UTC', NOW);
    expect(form).toMatchObject({
      text: 'one',
      parts: ['two'],
      date: '2026-06-03',
      time: '08:30',
      contentWarning: 'spoilers',
      language: 'it',
    });
    const content = contentOf(form);
    expect(content.overrides).toEqual({ b: 'own b' });
    expect(content.options).toEqual({
      contentWarning: 'spoilers',
      language: 'it',
      poll: { options: ['x', 'y'], expiresInSeconds: 3600, multiple: false },
    });
    expect(contentOf({ ...form, accountIds: ['a'] }).overrides).toEqual({});
  });

  it('a new post starts on the asked day and time, or on today when the day has passed', () => {
    expect(newPostForm({ date: '2026-06-05', time: '14:15', timeZone: 'UTC', now: NOW, accountIds: [] })).toMatchObject({
      date: '2026-06-05',
      time: '14:15',
    });
    expect(newPostForm({ date: '2026-05-01', timeZone: 'UTC', now: NOW, accountIds: [] })).toMatchObject({
      date: '2026-06-01',
      time: '10:15',
    });
    expect(isBlank(newPostForm({ timeZone: 'UTC', now: NOW, accountIds: [] }))).toBe(true);
  });

  it('each button asks for its own kind of time', () => {
    const form = {
      ...newPostForm({ date: '2026-06-05', time: '14:15', timeZone: 'Europe/Rome', now: NOW, accountIds: [] }),
      timeZone: ' Europe/Rome ',
    };
    expect(whenFor('schedule', form)).toEqual({ kind: 'at', wall: { date: '2026-06-05', time: '14:15', timeZone: 'Europe/Rome' } });
    expect(whenFor('draft', form)).toEqual({ kind: 'draft', timeZone: 'Europe/Rome' });
    expect(whenFor('now', form)).toEqual({ kind: 'now' });
  });

  it('a save button is one call: the stored post (autosave’s draft) updated with the form and its time, else a new post', () => {
    const form = {
      ...newPostForm({ date: '2026-06-05', time: '14:15', timeZone: 'Europe/Rome', now: NOW, accountIds: ['a'] }),
      text: 'typed after the last autosave',
    };
    expect(saveRequest('schedule', form, 'post_1')).toEqual({
      channel: 'posts.update',
      payload: {
        id: 'post_1',
        ...contentOf(form),
        when: { kind: 'at', wall: { date: '2026-06-05', time: '14:15', timeZone: 'Europe/Rome' } },
      },
    });
    // The backend picks the queue slot in the write that takes it; the renderer never sends a slot it looked up.
    expect(saveRequest('queue', form, 'post_1').payload.when).toEqual({ kind: 'queue' });
    expect(saveRequest('queue', form, null)).toEqual({ channel: 'posts.create', payload: { ...contentOf(form), when: { kind: 'queue' } } });
    expect(saveRequest('draft', form, null).payload.when).toEqual({ kind: 'draft', timeZone: 'Europe/Rome' });
  });

  it('a backend error lands on the field it names, without repeating the field path', () => {
    expect(fieldOf('overrides.acc_1')).toBe('text');
    expect(fieldOf('when.wall.timeZone')).toBe('timeZone');
    expect(fieldOf('parts.1')).toBe('parts');
    expect(fieldOf(undefined)).toBe('form');
    expect(
      messageFor({
        code: 'invalid_input',
        problem: { code: 'input_invalid', params: { field: 'text', issue: 'custom', text: 'Too long.' } },
        message: 'text: Too long.',
        field: 'text',
      }),
    ).toBe('Too long.');
  });
});

describe('splitting into a thread', () => {
  const rules = [DEFAULT_RULES.bluesky, DEFAULT_RULES.mastodon];

  it('every part fits every chosen network and no word is lost', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zà-ü]{1,12}[.!?]?$/), { minLength: 1, maxLength: 250 }), (words) => {
        const text = words.join(' ');
        const parts = splitIntoParts(text, rules);
        for (const part of parts) expect(rules.every((r) => measureText(part, r).fits)).toBe(true);
        expect(parts.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
      }),
      { numRuns: 80 },
    );
  });

  it('it prefers to end a part at the end of a sentence', () => {
    const sentence = 'This sentence is about forty characters. ';
    const parts = splitIntoParts(sentence.repeat(9), [DEFAULT_RULES.bluesky]);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.slice(0, -1).every((p) => p.endsWith('.'))).toBe(true);
  });

  it('one word longer than a part is cut where it must', () => {
    const parts = splitIntoParts('x'.repeat(650), [DEFAULT_RULES.bluesky]);
    expect(parts.map((p) => p.length)).toEqual([300, 300, 50]);
  });
});

describe('what DST does to a typed time', () => {
  it('a time that does not exist is explained with what it becomes', () => {
    const d = describeWall('2026-03-08', '02:30', 'America/New_York', NOW - 200 * 86_400_000);
    expect(d.state).toBe('gap');
    expect(d.instant).toBe(Date.UTC(2026, 2, 8, 7, 30));
    expect(d.note).toMatch(
      /does not exist in America\/New_York: clocks jump forward 1 hour that night\. The post will go out at .*3:30 AM\./,
    );
  });

  it('a time that happens twice says which one is used', () => {
    const d = describeWall('2026-11-01', '01:30', 'America/New_York', NOW);
    expect(d.state).toBe('overlap');
    expect(d.note).toMatch(/happens twice in America\/New_York.*first one \(.*5:30 AM UTC\)/);
  });

  it('an unknown zone and a past time are said, an ordinary time needs no note', () => {
    expect(describeWall('2026-06-05', '10:00', 'Mars/Olympus', NOW).note).toMatch(/not a time zone Kairos knows/);
    expect(describeWall('2026-05-05', '10:00', 'UTC', NOW).past).toBe(true);
    expect(describeWall('2026-06-05', '10:00', 'UTC', NOW)).toEqual({
      state: 'exact',
      instant: Date.UTC(2026, 5, 5, 10),
      past: false,
      note: null,
    });
  });
});

describe('excerpts', () => {
  it('keep short texts, collapse spaces, and cut long ones at a character, not inside an emoji', () => {
    expect(excerpt('Short and sweet')).toBe('Short and sweet');
    expect(excerpt('  two\n\nlines  ')).toBe('two lines');
    expect(excerpt(`${'a'.repeat(78)}😀😀😀`, 80)).toBe(`${'a'.repeat(78)}😀…`);
    expect(excerpt('😀'.repeat(60), 80)).toBe('😀'.repeat(60));
  });
});

describe('error words', () => {
  const tooLong: ErrorInfo = {
    code: 'invalid_input',
    field: 'text',
    message: 'Too long for Brand (X): 290 of 280 characters, 10 over.',
    problem: {
      code: 'post_does_not_fit',
      params: { issue: { code: 'too_long', params: { account: 'Brand (X)', part: null, length: 290, limit: 280 } } },
    },
  };

  afterEach(() => setLanguage('en'));

  it('words a problem from its code and params in the window language, not from the backend message', () => {
    expect(messageFor(tooLong)).toBe('Too long for Brand (X): 290 of 280 characters, 10 over.');
    setLanguage('it');
    expect(messageFor(tooLong)).toBe('Troppo lungo per Brand (X): 290 caratteri su 280, 10 di troppo.');
    expect(messageFor({ ...tooLong, message: 'whatever the backend said' })).toBe(
      'Troppo lungo per Brand (X): 290 caratteri su 280, 10 di troppo.',
    );
  });

  it('falls back to the English message only for a code this window does not know', () => {
    setLanguage('it');
    const fromNewerBackend = { ...tooLong, problem: { code: 'added_later', params: {} } } as unknown as ErrorInfo;
    expect(messageFor(fromNewerBackend)).toBe('Too long for Brand (X): 290 of 280 characters, 10 over.');
  });
});

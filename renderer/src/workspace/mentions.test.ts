import { describe, expect, it } from 'vitest';
import { applyMention, mentionQueryAt, suggestMentions } from './mentions';

const people = [
  { id: 'u1', displayName: 'Ann Lee', handle: 'ann' },
  { id: 'u2', displayName: 'Annika', handle: 'a.berg' },
  { id: 'u3', displayName: 'Bob Annan', handle: 'bob' },
  { id: 'u4', displayName: 'Carla', handle: 'client' },
];

describe('mentions in a comment box', () => {
  it('finds the name being typed after an @ at a word start, on one line', () => {
    expect(mentionQueryAt('Hi @An', 6)).toEqual({ start: 3, query: 'An' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('Hi @Ann Le', 10)).toEqual({ start: 3, query: 'Ann Le' });
    expect(mentionQueryAt('(@bo', 4)).toEqual({ start: 1, query: 'bo' });
    // An address, a finished line, a space right after the @, or a caret before the @ are not mentions.
    expect(mentionQueryAt('mail ann@example.org', 20)).toBeNull();
    expect(mentionQueryAt('@Ann\nnext', 9)).toBeNull();
    expect(mentionQueryAt('@ Ann', 5)).toBeNull();
    expect(mentionQueryAt('Hi @Ann', 2)).toBeNull();
    expect(mentionQueryAt(`@${'x'.repeat(41)}`, 42)).toBeNull();
  });

  it('suggests names that start with it first, then address names, then later words', () => {
    expect(suggestMentions('ann', people).map((p) => p.id)).toEqual(['u1', 'u2', 'u3']);
    expect(suggestMentions('cli', people).map((p) => p.id)).toEqual(['u4']);
    expect(suggestMentions('ANN L', people).map((p) => p.id)).toEqual(['u1']);
    expect(suggestMentions('', people, 2)).toHaveLength(2);
    expect(suggestMentions('zed', people)).toEqual([]);
  });

  it('puts the whole name in place of what was typed, and the caret after it', () => {
    const text = 'Hi @an, see this';
    const q = mentionQueryAt(text, 6);
    expect(q).not.toBeNull();
    const done = applyMention(text, 6, q as NonNullable<typeof q>, people[0] as (typeof people)[0]);
    expect(done).toEqual({ text: 'Hi @Ann Lee, see this', caret: 11 });
    expect(applyMention('@an and', 3, { start: 0, query: 'an' }, people[1] as (typeof people)[1])).toEqual({
      text: '@Annika and',
      caret: 7,
    });
    const end = applyMention('@Ca', 3, { start: 0, query: 'Ca' }, people[3] as (typeof people)[3]);
    expect(end).toEqual({ text: '@Carla ', caret: 7 });
  });
});

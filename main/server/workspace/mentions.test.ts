import { describe, expect, it } from 'vitest';
import { findMentions, mentionedIds } from './mentions';

const people = [
  { id: 'u_ann', displayName: 'Ann', email: 'ann@example.org' },
  { id: 'u_annlee', displayName: 'Ann Lee', email: 'a.lee@example.org' },
  { id: 'u_bob', displayName: 'Bob Stone', email: 'bob@example.org' },
  { id: 'u_sam1', displayName: 'Sam', email: 'sam.one@example.org' },
  { id: 'u_sam2', displayName: 'Sam', email: 'sam.two@example.org' },
];

describe('@mentions', () => {
  it('resolve by name, by the start of the address or by the whole address, in any case', () => {
    expect(mentionedIds('@ann please look', people)).toEqual(['u_ann']);
    expect(mentionedIds('cc @BOB STONE and @a.lee', people)).toEqual(['u_bob', 'u_annlee']);
    expect(mentionedIds('(@bob@example.org)', people)).toEqual(['u_bob']);
  });

  it('take the longest name that fits, and stop at the end of a word', () => {
    expect(mentionedIds('@Ann Lee, thoughts?', people)).toEqual(['u_annlee']);
    expect(mentionedIds('@Anna is not Ann', people)).toEqual([]);
    expect(findMentions('Hi @Ann!', people)).toEqual([{ userId: 'u_ann', start: 3, length: 4 }]);
  });

  it('leave unknown and ambiguous names, and addresses in the text, as text', () => {
    expect(mentionedIds('@Zed and @Sam', people)).toEqual([]);
    expect(mentionedIds('@sam.two knows', people)).toEqual(['u_sam2']);
    expect(mentionedIds('write to press@ann or x@@ann', people)).toEqual([]);
  });

  it('name each person once however often they are mentioned', () => {
    expect(mentionedIds('@ann @Ann @ann@example.org', people)).toEqual(['u_ann']);
  });
});

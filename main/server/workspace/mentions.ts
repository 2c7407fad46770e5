// @mentions in a comment: "@Ann", "@Ann Lee", "@ann.lee" (the part of the address before the @) or a whole address.
// Resolved against the workspace's people; the longest name that fits wins; a name nobody (or more than one person)
// has stays plain text. Pure: the caller gives the people.

export interface Mentionable {
  readonly id: string;
  readonly displayName: string;
  readonly email: string;
}

export interface Mention {
  readonly userId: string;
  /** Where "@" is in the body, and how many characters the mention takes with it. */
  readonly start: number;
  readonly length: number;
}

const WORD = /[\p{L}\p{N}_]/u;

function handlesOf(p: Mentionable): string[] {
  const local = p.email.split('@')[0] ?? '';
  return [...new Set([p.displayName, local, p.email].map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0))];
}

export function findMentions(body: string, people: readonly Mentionable[]): Mention[] {
  const handles: { handle: string; id: string }[] = [];
  for (const p of people) for (const h of handlesOf(p)) handles.push({ handle: h, id: p.id });
  // Longest first, so "@Ann Lee" is Ann Lee even when someone is called Ann.
  handles.sort((a, b) => b.handle.length - a.handle.length);
  const lower = body.toLowerCase();
  const found: Mention[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '@') continue;
    const before = i > 0 ? body[i - 1] : '';
    if (before && (WORD.test(before) || before === '@')) continue;
    let matched: { length: number; ids: Set<string> } | null = null;
    for (const { handle, id } of handles) {
      if (matched && handle.length < matched.length) break;
      if (!lower.startsWith(handle, i + 1)) continue;
      const after = body[i + 1 + handle.length] ?? '';
      if (after && WORD.test(after)) continue;
      if (!matched) matched = { length: handle.length, ids: new Set() };
      matched.ids.add(id);
    }
    if (matched && matched.ids.size === 1) {
      const [userId] = [...matched.ids] as [string];
      found.push({ userId, start: i, length: matched.length + 1 });
      i += matched.length;
    }
  }
  return found;
}

/** The distinct people a body mentions, in the order they first appear. */
export function mentionedIds(body: string, people: readonly Mentionable[]): string[] {
  return [...new Set(findMentions(body, people).map((m) => m.userId))];
}

// The transitions table: docs/PUBLISHING.md agrees with it, no code outside publishing/ (and its PostgreSQL port)
// writes a target's status, and a pair that is not in it is refused by the SQL, on a real SQLite database.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TARGET_STATUSES } from '../../../shared/domain';
import { type Db, openDatabase } from '../db/database';
import { AccountsRepo } from '../repos/accounts';
import { EventLog } from '../repos/events';
import { MediaRepo } from '../repos/media';
import { PostsRepo } from '../repos/posts';
import { DECIDABLE } from './store';
import { allows, TRANSITIONS } from './transitions';
import { DOC_END, DOC_START, renderTransitionsDoc, transitionPairs, withTransitionsDoc } from './transitionsDoc';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PUBLISHING_MD = join(ROOT, 'docs', 'PUBLISHING.md');

describe('the transitions table', () => {
  it('is what docs/PUBLISHING.md shows (KAIROS_UPDATE_DOCS=1 rewrites the section)', () => {
    const doc = readFileSync(PUBLISHING_MD, 'utf8');
    const expected = withTransitionsDoc(doc);
    if (process.env.KAIROS_UPDATE_DOCS === '1' && expected !== doc) writeFileSync(PUBLISHING_MD, expected);
    const section = doc.slice(doc.indexOf(DOC_START), doc.indexOf(DOC_END) + DOC_END.length);
    expect(section).toBe(renderTransitionsDoc());
  });

  it('documents every pair of the table once, and nothing else', () => {
    const doc = readFileSync(PUBLISHING_MD, 'utf8');
    const drawn = [...doc.matchAll(/^ {2}(\[\*\]|[a-z]+) --> ([a-z]+) : (.+)$/gm)].map((m) => `${m[1]}>${m[2]}`);
    const pairs = transitionPairs().map((p) => `${p.from ?? '[*]'}>${p.to}`);
    expect(new Set(drawn).size).toBe(drawn.length);
    expect([...drawn].sort()).toEqual([...pairs].sort());
  });

  it('names only real states, and every state is reachable', () => {
    const known = new Set<string>(TARGET_STATUSES);
    const reached = new Set<string>();
    for (const rule of Object.values(TRANSITIONS)) {
      for (const s of [...rule.from, ...rule.to]) expect(known.has(s)).toBe(true);
      for (const s of rule.to) reached.add(s);
    }
    expect([...reached].sort()).toEqual([...TARGET_STATUSES].sort());
    expect(allows('claim', 'scheduled', 'publishing')).toBe(true);
    expect(allows('claim', 'held', 'publishing')).toBe(false);
    expect(allows('create', null, 'draft')).toBe(true);
    expect(DECIDABLE['mark-published']).toEqual(TRANSITIONS.markPublished.from);
  });

  it('is the only writer of targets.status: no SQL outside main/core/publishing and its PostgreSQL port sets it', () => {
    // `status =` in a SET clause (before its WHERE or FROM), or a status column in an INSERT.
    const writes =
      /UPDATE\s+targets\b(?:\s+AS\s+\w+)?\s+SET\b(?:(?!\b(?:WHERE|FROM)\b)[^;`])*?(?<![.\w])status\s*=|INSERT\s+INTO\s+targets\s*\([^)]*\bstatus\b/i;
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) {
          // Test fixtures write rows directly on purpose.
          if (e.name !== 'testing' && e.name !== 'node_modules') walk(path);
        } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && writes.test(readFileSync(path, 'utf8'))) {
          offenders.push(relative(ROOT, path));
        }
      }
    };
    walk(join(ROOT, 'main'));
    // The server's transitions are the same table's SQL on PostgreSQL (main/server/pg/stores/transitions.ts).
    const pgTransitions = join('main', 'server', 'pg', 'stores', 'transitions.ts');
    expect(offenders.filter((f) => !f.startsWith(join('main', 'core', 'publishing')) && f !== pgTransitions)).toEqual([]);
    // The check itself finds the writers it exists for.
    expect(offenders.sort()).toEqual([
      join('main', 'core', 'publishing', 'restoreHold.ts'),
      join('main', 'core', 'publishing', 'sqliteTransitions.ts'),
      pgTransitions,
    ]);
  });
});

describe('SqliteTransitions refuses pairs the table does not name', () => {
  const T0 = Date.UTC(2026, 2, 10, 9, 0);
  let db: Db;
  let posts: PostsRepo;

  beforeEach(async () => {
    db = await openDatabase(':memory:', { now: T0 });
    posts = new PostsRepo(db, new EventLog(db), new MediaRepo(db));
    new AccountsRepo(db).add({
      id: 'acc',
      platform: 'discord',
      name: 'Community',
      handle: 'general',
      avatarUrl: null,
      config: {},
      sealedSecret: Buffer.from([1]),
      now: T0,
    });
    posts.create(
      {
        id: 'p',
        text: 'Hello',
        timeZone: 'Europe/Rome',
        scheduledAt: T0,
        labels: [],
        options: {},
        parts: [],
        media: [],
        draft: false,
        targets: [{ id: 'p-t', accountId: 'acc', textOverride: null, idempotencyKey: 'key' }],
        now: T0 - 1_000,
      },
      'user',
    );
  });

  afterEach(() => db.close());

  const status = () => posts.get('p')?.targets[0]?.status;
  const kinds = () => posts.history('p').map((h) => h.kind);

  it('writes nothing, not even a history line, for a transition from a state it does not allow', () => {
    expect(posts.transitions.finish('p-t', { status: 'failed', reason: 'no' }, T0, null, 'scheduler')).toBe(false);
    expect(posts.transitions.decide(['p-t'], { kind: 'mark-published', url: null }, T0, 'user')).toEqual([]);
    expect(posts.transitions.handoffVanished('p-t', 'unconfirmed', 'gone', T0, { kind: 'unconfirmed', detail: 'gone' })).toBe(true);
    expect(status()).toBe('unconfirmed');
    expect(posts.transitions.hold('p-t', 'user', 'wait', T0, 'user')).toBe(false);
    expect(posts.transitions.claim('p-t', T0, 60_000, null)).toBeNull();
    expect(status()).toBe('unconfirmed');
    expect(kinds()).toEqual(['created and scheduled', 'unconfirmed']);
  });

  it('writes the status, the history line and the post summary together', () => {
    expect(posts.transitions.hold('p-t', 'user', 'wait', T0, 'user')).toBe(true);
    expect(posts.get('p')).toMatchObject({ status: 'held', targets: [{ status: 'held', lastError: 'wait' }] });
    expect(kinds()).toEqual(['created and scheduled', 'held']);
  });
});

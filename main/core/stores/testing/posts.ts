// The posts store's behaviour, the same on every engine: writes of a post's own fields, single reads, lists, the
// search box and the calendar's summaries.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newPost, type OpenPublishing, type PublishingOpened, T0 } from './publishing';

const HOUR = 3_600_000;

export function postsContract(engine: string, open: OpenPublishing): void {
  describe(`posts store (${engine})`, () => {
    let s: PublishingOpened;

    beforeEach(async () => {
      s = await open();
      await s.addAccount('a');
      await s.addAccount('b');
    });
    afterEach(() => s.close());

    it('creates a scheduled post with its fields, targets and history line', async () => {
      const created = await s.posts.create(
        newPost('p1', ['a', 'b'], T0 + HOUR, {
          text: 'Hello',
          labels: ['launch', 'news'],
          options: { contentWarning: 'spoilers', language: 'en' },
          parts: ['Second part'],
          targets: [
            { id: 'p1-a', accountId: 'a', textOverride: 'Hello A', idempotencyKey: 'k-a' },
            { id: 'p1-b', accountId: 'b', textOverride: null, idempotencyKey: 'k-b' },
          ],
        }),
        'user',
      );
      expect(created).toEqual({
        id: 'p1',
        text: 'Hello',
        timeZone: 'Europe/Rome',
        scheduledAt: T0 + HOUR,
        status: 'scheduled',
        labels: ['launch', 'news'],
        options: { contentWarning: 'spoilers', language: 'en' },
        parts: ['Second part'],
        media: [],
        targets: [
          {
            id: 'p1-a',
            accountId: 'a',
            status: 'scheduled',
            textOverride: 'Hello A',
            attempts: 0,
            nextAttemptAt: T0 + HOUR,
            remoteId: null,
            remoteUrl: null,
            lastError: null,
            publishedAt: null,
            partsPublished: 0,
          },
          {
            id: 'p1-b',
            accountId: 'b',
            status: 'scheduled',
            textOverride: null,
            attempts: 0,
            nextAttemptAt: T0 + HOUR,
            remoteId: null,
            remoteUrl: null,
            lastError: null,
            publishedAt: null,
            partsPublished: 0,
          },
        ],
        createdAt: T0 - 1_000,
        updatedAt: T0 - 1_000,
      });
      expect(await s.posts.history('p1')).toEqual([
        {
          at: T0 - 1_000,
          actor: 'user',
          kind: 'created and scheduled',
          targetId: null,
          accountId: null,
          detail: new Date(T0 + HOUR).toISOString(),
        },
      ]);
      expect(await s.posts.get('nope')).toBeNull();
    });

    it('creates a draft without a time, with draft targets and no next attempt', async () => {
      const draft = await s.posts.create(newPost('d', ['a'], null), 'cli');
      expect(draft).toMatchObject({ status: 'draft', scheduledAt: null, targets: [{ status: 'draft', nextAttemptAt: null }] });
      expect((await s.posts.history('d')).map((h) => [h.actor, h.kind, h.detail])).toEqual([['cli', 'created as draft', null]]);
      expect(await s.posts.nextDueAt()).toBeNull();
    });

    it('attaches media to the parts of a post, in order, and moves it on edit', async () => {
      for (const id of ['m1', 'm2', 'm3']) await s.addMedia(id, T0 - 5_000);
      const p = await s.posts.create(
        newPost('pm', ['a'], T0, {
          parts: ['Two'],
          media: [
            { id: 'm2', alt: 'second file first', partIndex: 0, focus: { x: 0.25, y: -0.5 } },
            { id: 'm1', alt: 'on part two', partIndex: 1 },
          ],
        }),
        'user',
      );
      expect(p.media.map((m) => [m.id, m.partIndex, m.alt, m.focus])).toEqual([
        ['m2', 0, 'second file first', { x: 0.25, y: -0.5 }],
        ['m1', 1, 'on part two', null],
      ]);
      expect(p.media[0]).toMatchObject({ fileName: 'm2.png', mime: 'image/png', bytes: 10, width: 1, height: 1 });
      expect(p.media[0]).not.toHaveProperty('storedName');

      const edited = await s.posts.update(
        'pm',
        {
          text: 'Edited',
          labels: [],
          options: {},
          parts: [],
          media: [{ id: 'm3', alt: 'only one', partIndex: 0 }],
          timeZone: 'Europe/Rome',
          scheduledAt: T0,
          draft: false,
          targets: [{ id: 'pm-a', accountId: 'a', textOverride: null, idempotencyKey: 'key-pm-a' }],
          now: T0,
          eventKind: 'edited',
          detail: null,
        },
        'user',
      );
      expect(edited.media.map((m) => m.id)).toEqual(['m3']);
      // A file taken by one post is not taken from it by another.
      await s.posts.create(newPost('other', ['b'], T0, { media: [{ id: 'm3', alt: 'stolen', partIndex: 0 }] }), 'user');
      expect((await s.posts.get('other'))?.media).toEqual([]);
      expect((await s.posts.get('pm'))?.media.map((m) => m.alt)).toEqual(['only one']);
    });

    it('updates content, accounts and time: a removed account goes, a new one comes, the history says so', async () => {
      await s.addAccount('c');
      await s.posts.create(newPost('u', ['a', 'b'], T0 + HOUR), 'user');
      const updated = await s.posts.update(
        'u',
        {
          text: 'New text',
          labels: ['x'],
          options: { visibility: 'unlisted' },
          parts: ['more'],
          media: [],
          timeZone: 'UTC',
          scheduledAt: T0 + 2 * HOUR,
          draft: false,
          targets: [
            { id: 'u-b', accountId: 'b', textOverride: 'for b', idempotencyKey: 'ignored-for-existing' },
            { id: 'u-c', accountId: 'c', textOverride: null, idempotencyKey: 'key-u-c' },
          ],
          now: T0,
          eventKind: 'rescheduled and edited',
          detail: 'moved',
        },
        'user',
      );
      expect(updated).toMatchObject({
        text: 'New text',
        labels: ['x'],
        options: { visibility: 'unlisted' },
        parts: ['more'],
        timeZone: 'UTC',
        scheduledAt: T0 + 2 * HOUR,
        status: 'scheduled',
        updatedAt: T0,
      });
      expect(updated.targets.map((t) => [t.id, t.accountId, t.textOverride, t.nextAttemptAt])).toEqual([
        ['u-b', 'b', 'for b', T0 + 2 * HOUR],
        ['u-c', 'c', null, T0 + 2 * HOUR],
      ]);
      expect((await s.posts.history('u')).map((h) => [h.kind, h.detail])).toEqual([
        ['created and scheduled', new Date(T0 + HOUR).toISOString()],
        ['rescheduled and edited', 'moved'],
      ]);
      // Made a draft: every target is a draft.
      const draft = await s.posts.update(
        'u',
        {
          text: 'New text',
          labels: [],
          options: {},
          parts: [],
          media: [],
          timeZone: 'UTC',
          scheduledAt: T0 + 2 * HOUR,
          draft: true,
          targets: [{ id: 'u-b', accountId: 'b', textOverride: null, idempotencyKey: 'k' }],
          now: T0 + 1,
          eventKind: 'moved to drafts',
          detail: null,
        },
        'user',
      );
      expect(draft.status).toBe('draft');
      expect(draft.targets.map((t) => [t.accountId, t.status])).toEqual([['b', 'draft']]);
    });

    it('cancels, deletes, moves the time, and reports the next due time and the posts of an account', async () => {
      await s.posts.create(newPost('c1', ['a'], T0 + 3 * HOUR), 'user');
      await s.posts.create(newPost('c2', ['a', 'b'], T0 + HOUR), 'user');
      await s.posts.create(newPost('c3', ['b'], T0 + 2 * HOUR), 'user');
      expect(await s.posts.nextDueAt()).toBe(T0 + HOUR);
      expect(await s.posts.postIdsOfAccount('a')).toEqual(['c1', 'c2']);

      const cancelled = await s.posts.cancel('c2', T0, 'user');
      expect(cancelled).toMatchObject({
        status: 'cancelled',
        updatedAt: T0,
        targets: [{ status: 'cancelled', nextAttemptAt: null }, { status: 'cancelled' }],
      });
      expect((await s.posts.history('c2')).at(-1)).toMatchObject({ actor: 'user', kind: 'cancelled' });
      expect(await s.posts.nextDueAt()).toBe(T0 + 2 * HOUR);

      await s.posts.moveTime('c1', T0 + 4 * HOUR, T0 + 5);
      expect(await s.posts.get('c1')).toMatchObject({ scheduledAt: T0 + 4 * HOUR, updatedAt: T0 + 5 });

      await s.posts.delete('c3', T0);
      expect(await s.posts.get('c3')).toBeNull();
      expect(await s.posts.postIdsOfAccount('b')).toEqual(['c2']);
      await s.posts.refreshStatuses(['c1'], T0 + 9);
      expect(await s.posts.get('c1')).toMatchObject({ status: 'scheduled', updatedAt: T0 + 9 });
    });

    it('writes an import all or nothing', async () => {
      await s.posts.createMany([newPost('i1', ['a']), newPost('i2', ['b'])], 'cli');
      expect((await s.posts.list({})).map((p) => p.id)).toEqual(['i1', 'i2']);
      // The second post names an account that does not exist: neither is written.
      await expect(s.posts.createMany([newPost('i3', ['a']), newPost('i4', ['missing'])], 'cli')).rejects.toThrow();
      expect(await s.posts.get('i3')).toBeNull();
      expect((await s.posts.list({})).map((p) => p.id)).toEqual(['i1', 'i2']);
    });

    it('lists by time range, status, account and unscheduled, in time order with targets in the order added', async () => {
      await s.posts.create(newPost('late', ['b', 'a'], T0 + 3 * HOUR), 'user');
      await s.posts.create(newPost('early', ['a'], T0 + HOUR), 'user');
      await s.posts.create(newPost('mid', ['b'], T0 + 2 * HOUR), 'user');
      await s.posts.create(newPost('draft', ['a'], null), 'user');
      await s.posts.cancel('mid', T0, 'user');

      const ids = async (f: Parameters<typeof s.posts.list>[0]) => (await s.posts.list(f)).map((p) => p.id);
      expect(await ids({})).toEqual(['early', 'mid', 'late', 'draft']);
      expect(await ids({ from: T0 + HOUR, to: T0 + 3 * HOUR })).toEqual(['early', 'mid']);
      expect(await ids({ from: T0 + 2 * HOUR })).toEqual(['mid', 'late']);
      expect(await ids({ unscheduled: true })).toEqual(['draft']);
      expect(await ids({ statuses: ['scheduled', 'draft'] })).toEqual(['early', 'late', 'draft']);
      expect(await ids({ accountId: 'b' })).toEqual(['mid', 'late']);
      expect(await ids({ limit: 2 })).toEqual(['early', 'mid']);
      const late = (await s.posts.list({ from: T0 + 3 * HOUR })).at(0);
      expect(late?.targets.map((t) => t.accountId)).toEqual(['b', 'a']);
      expect(late).toEqual(await s.posts.get('late'));
    });

    it('searches text, thread parts, account versions, labels and the warning, folding case and accents', async () => {
      await s.posts.create(newPost('s1', ['a'], T0 + HOUR, { text: 'Un Café à Paris' }), 'user');
      await s.posts.create(newPost('s2', ['a'], T0 + 2 * HOUR, { text: 'plain', parts: ['second PERCHÉ'] }), 'user');
      await s.posts.create(
        newPost('s3', ['a'], T0 + 3 * HOUR, {
          text: 'plain',
          targets: [{ id: 's3-a', accountId: 'a', textOverride: 'only on mastodon', idempotencyKey: 'k3' }],
        }),
        'user',
      );
      await s.posts.create(
        newPost('s4', ['a'], T0 + 4 * HOUR, { text: 'plain', labels: ['Launch'], options: { contentWarning: 'Spoiler ahead' } }),
        'user',
      );
      const found = async (search: string, limit?: number) =>
        (await s.posts.list({ search, ...(limit ? { limit } : {}) })).map((p) => p.id);
      expect(await found('cafe paris')).toEqual(['s1']);
      expect(await found('perche')).toEqual(['s2']);
      expect(await found('MASTODON')).toEqual(['s3']);
      expect(await found('launch')).toEqual(['s4']);
      expect(await found('spoiler')).toEqual(['s4']);
      expect(await found('plain')).toEqual(['s2', 's3', 's4']);
      expect(await found('plain', 2)).toEqual(['s2', 's3']);
      expect(await found('plain nothing')).toEqual([]);
      expect(await found('   ')).toEqual(['s1', 's2', 's3', 's4']);
      expect((await s.posts.summaries({ search: 'cafe' })).map((p) => p.id)).toEqual(['s1']);
      expect((await s.posts.summaries({ search: 'plain', from: T0 + 3 * HOUR })).map((p) => p.id)).toEqual(['s3', 's4']);
    });

    it("draws the calendar's summaries: an excerpt, labels and each target's account and status", async () => {
      const long = `${'x'.repeat(150)}éééééééééééééééééééé`;
      await s.posts.create(newPost('k1', ['b', 'a'], T0 + HOUR, { text: long, labels: ['l1'] }), 'user');
      await s.posts.create(newPost('k2', ['a'], T0 + 2 * HOUR), 'user');
      await s.posts.create(newPost('k3', [], null), 'user');
      await s.posts.transitions.hold('k1-a', 'user', 'wait', T0, 'user');
      const summaries = await s.posts.summaries({ from: T0, to: T0 + 3 * HOUR });
      expect(summaries).toEqual([
        {
          id: 'k1',
          excerpt: long.slice(0, 160),
          timeZone: 'Europe/Rome',
          scheduledAt: T0 + HOUR,
          status: 'held',
          labels: ['l1'],
          targets: [
            { accountId: 'b', status: 'scheduled' },
            { accountId: 'a', status: 'held' },
          ],
          updatedAt: T0,
        },
        {
          id: 'k2',
          excerpt: 'Post k2',
          timeZone: 'Europe/Rome',
          scheduledAt: T0 + 2 * HOUR,
          status: 'scheduled',
          labels: [],
          targets: [{ accountId: 'a', status: 'scheduled' }],
          updatedAt: T0 - 1_000,
        },
      ]);
      expect((await s.posts.summaries({ unscheduled: true })).map((p) => [p.id, p.targets])).toEqual([['k3', []]]);
    });

    it('counts published thread parts: each recorded part on a single read', async () => {
      await s.posts.create(newPost('th', ['a'], T0, { parts: ['two', 'three'] }), 'user');
      const claimed = await s.posts.queue.claim('th-a', T0, 60_000, null);
      expect(claimed?.parts).toHaveLength(3);
      await s.posts.recordPart('th-a', 0, { remoteId: 'r0', remoteUrl: null }, T0);
      await s.posts.recordPart('th-a', 1, { remoteId: 'r1', remoteUrl: null }, T0);
      expect((await s.posts.get('th'))?.targets[0]?.partsPublished).toBe(2);
      expect((await s.posts.list({}))[0]?.targets[0]?.partsPublished).toBe(2);
    });
  });
}

// Every transition of the publishing state machine, the same on every engine: what each one allows, what it
// refuses (writing nothing, not even a history line), and that status, history line and post summary go together.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEASE, newPost, type OpenPublishing, type PublishingOpened, T0 } from './publishing';

const MIN = 60_000;

export function transitionsContract(engine: string, open: OpenPublishing): void {
  describe(`target transitions (${engine})`, () => {
    let s: PublishingOpened;

    beforeEach(async () => {
      s = await open();
      await s.addAccount('a');
      await s.addAccount('b');
      await s.posts.create(newPost('p', ['a']), 'user');
    });
    afterEach(() => s.close());

    const t = () => s.posts.transitions;
    const target = async (postId = 'p', i = 0) => (await s.posts.get(postId))?.targets[i];
    const status = async (postId = 'p', i = 0) => (await target(postId, i))?.status;
    const kinds = async (postId = 'p') => (await s.posts.history(postId)).map((h) => h.kind);
    const publish = async (targetId: string, at = T0) => {
      expect(await t().claim(targetId, at, LEASE, null)).not.toBeNull();
      expect(await t().finish(targetId, { status: 'published', remoteId: `r-${targetId}`, remoteUrl: null }, at, null, 'scheduler')).toBe(
        true,
      );
    };

    it('writes nothing, not even a history line, for a transition from a state it does not allow', async () => {
      expect(await t().finish('p-a', { status: 'failed', reason: 'no' }, T0, null, 'scheduler')).toBe(false);
      expect(await t().decide(['p-a'], { kind: 'mark-published', url: null }, T0, 'user')).toEqual([]);
      expect(await t().handoffVanished('p-a', 'unconfirmed', 'gone', T0, { kind: 'unconfirmed', detail: 'gone' })).toBe(true);
      expect(await status()).toBe('unconfirmed');
      expect(await t().hold('p-a', 'user', 'wait', T0, 'user')).toBe(false);
      expect(await t().claim('p-a', T0, LEASE, null)).toBeNull();
      expect(await t().handoffVanished('p-a', 'cancelled', 'gone again', T0, { kind: 'cancelled', detail: 'gone' })).toBe(false);
      await t().releasePreflight('p', [{ targetId: 'p-a', dueAt: T0 }], T0, { actor: 'user', kind: 'sent anyway', detail: null });
      expect(await status()).toBe('unconfirmed');
      expect(await kinds()).toEqual(['created and scheduled', 'unconfirmed', 'sent anyway']);
      expect(await t().finish('nobody', { status: 'failed', reason: 'no' }, T0, null, 'scheduler')).toBe(false);
      expect(await t().hold('nobody', 'user', 'wait', T0, 'user')).toBe(false);
    });

    it('writes the status, the history line and the post summary together', async () => {
      expect(await t().hold('p-a', 'user', 'wait', T0, 'user')).toBe(true);
      expect(await s.posts.get('p')).toMatchObject({ status: 'held', updatedAt: T0, targets: [{ status: 'held', lastError: 'wait' }] });
      expect((await s.posts.history('p')).at(-1)).toEqual({
        at: T0,
        actor: 'user',
        kind: 'held',
        targetId: 'p-a',
        accountId: 'a',
        detail: 'wait',
      });
      // A held target can be held again (a new reason); a missed one too.
      expect(await t().hold('p-a', 'user', 'still waiting', T0 + 1, 'user')).toBe(true);
      expect(await target()).toMatchObject({ lastError: 'still waiting' });
    });

    it('claims only due, unpaused targets, counting attempts; a named holder must be the live scheduler', async () => {
      await s.posts.create(newPost('later', ['b'], T0 + MIN), 'user');
      expect(await t().claim('later-b', T0, LEASE, null)).toBeNull();
      expect(await t().claim('p-a', T0, LEASE, 'not-running')).toBeNull();
      await s.liveHolder('sched', T0 + LEASE);
      // A holder whose time ran out is not live any more.
      expect(await t().claim('p-a', T0 + LEASE, LEASE, 'sched')).toBeNull();
      expect(await t().claim('p-a', T0, LEASE, 'sched')).toEqual({
        targetId: 'p-a',
        postId: 'p',
        accountId: 'a',
        textOverride: null,
        idempotencyKey: 'key-p-a',
        attempt: 1,
      });
      expect(await s.posts.get('p')).toMatchObject({ status: 'publishing', targets: [{ status: 'publishing', attempts: 1 }] });
      expect((await s.posts.history('p')).at(-1)).toMatchObject({
        actor: 'scheduler',
        kind: 'publishing',
        targetId: 'p-a',
        detail: 'attempt 1',
      });
      // Claimed once: a second claim finds it publishing.
      expect(await t().claim('p-a', T0, LEASE, 'sched')).toBeNull();
      expect(await t().claim('missing', T0, LEASE, null)).toBeNull();
    });

    it('does not claim under a pause, for everyone or for the account, unless the user said "publish now"', async () => {
      await s.posts.create(newPost('q', ['b'], T0), 'user');
      await s.pause('a', T0 - 1);
      expect(await t().claim('p-a', T0, LEASE, null)).toBeNull();
      expect((await t().claim('q-b', T0, LEASE, null))?.targetId).toBe('q-b');
      await s.pause(null, T0 - 1);
      await s.posts.create(newPost('r', ['b'], T0), 'user');
      expect(await t().claim('r-b', T0, LEASE, null)).toBeNull();
      expect(await t().decide(['p-a'], { kind: 'publish-now' }, T0 + 5, 'user')).toEqual(['p-a']);
      expect((await t().claim('p-a', T0 + 5, LEASE, null))?.attempt).toBe(1);
    });

    it('finishes an attempt only from publishing, and only for the claim holder unless it was published', async () => {
      await s.posts.create(newPost('q', ['b'], T0), 'user');
      await s.liveHolder('sched', T0 + 60 * MIN);
      await t().claim('p-a', T0, LEASE, 'sched');
      await t().claim('q-b', T0, LEASE, 'sched');
      expect(await t().finish('p-a', { status: 'failed', reason: 'stale' }, T0, 'other', 'scheduler')).toBe(false);
      const next = T0 + 5 * MIN;
      expect(
        await t().finish('p-a', { status: 'retrying', nextAt: next, reason: 'Busy.', waitKind: 'server' }, T0 + 1, 'sched', 'scheduler'),
      ).toBe(true);
      expect(await target()).toMatchObject({ status: 'retrying', nextAttemptAt: next, lastError: 'Busy.' });
      expect((await s.posts.history('p')).at(-1)).toMatchObject({
        kind: 'retrying',
        detail: `Busy. (next attempt ${new Date(next).toISOString()})`,
      });
      expect(await s.posts.get('p')).toMatchObject({ status: 'retrying' });
      // A publication confirmed by anyone wins.
      expect(
        await t().finish('q-b', { status: 'published', remoteId: 'r', remoteUrl: 'https://x.test/r' }, T0 + 2, 'other', 'scheduler'),
      ).toBe(true);
      expect(await target('q')).toMatchObject({ status: 'published', remoteId: 'r', remoteUrl: 'https://x.test/r', publishedAt: T0 + 2 });
      expect((await s.posts.history('q')).at(-1)).toMatchObject({ kind: 'published', detail: 'https://x.test/r' });

      await t().claim('p-a', next, LEASE, 'sched');
      expect(
        await t().finish(
          'p-a',
          { status: 'scheduled', reason: 'Log in again.', dueAt: null, waitKind: 'account' },
          next,
          'sched',
          'scheduler',
        ),
      ).toBe(true);
      expect(await target()).toMatchObject({ status: 'scheduled', nextAttemptAt: null, lastError: 'Log in again.' });
      await t().decide(['p-a'], { kind: 'reschedule', at: next }, next, 'user');
      await t().claim('p-a', next, LEASE, 'sched');
      expect(
        await t().finish('p-a', { status: 'held', reason: 'Spending cap.', dueAt: null, holdKind: 'budget' }, next, 'sched', 'scheduler'),
      ).toBe(true);
      expect(await target()).toMatchObject({ status: 'held', lastError: 'Spending cap.', attempts: 3 });
    });

    it('edits waiting and held targets back to a fresh decision; published ones stay, and cancel leaves them too', async () => {
      await s.posts.create(newPost('two', ['a', 'b'], T0), 'user');
      await publish('two-a');
      await t().hold('two-b', 'user', 'hold on', T0, 'user');
      const at = T0 + 10 * MIN;
      const targets = [
        { id: 'two-a', accountId: 'a', textOverride: 'changed', idempotencyKey: 'x' },
        { id: 'two-b', accountId: 'b', textOverride: 'changed', idempotencyKey: 'y' },
      ];
      await t().edit('two', targets, at, T0 + 1, { actor: 'user', kind: 'edited', detail: null });
      const post = await s.posts.get('two');
      expect(post?.targets.map((x) => [x.status, x.textOverride, x.nextAttemptAt, x.lastError])).toEqual([
        ['published', null, null, null],
        ['scheduled', 'changed', at, null],
      ]);
      expect(post?.status).toBe('partial');
      await t().cancel('two', T0 + 2, 'user');
      expect((await s.posts.get('two'))?.targets.map((x) => x.status)).toEqual(['published', 'cancelled']);
      expect((await s.posts.history('two')).slice(-2).map((h) => [h.actor, h.kind])).toEqual([
        ['user', 'edited'],
        ['user', 'cancelled'],
      ]);
      // An edit without a time makes drafts.
      await t().edit('p', [{ id: 'p-a', accountId: 'a', textOverride: null, idempotencyKey: 'z' }], null, T0 + 3, {
        actor: 'user',
        kind: 'moved to drafts',
        detail: null,
      });
      expect(await status()).toBe('draft');
    });

    it('applies each decision only from the states it names', async () => {
      await s.posts.create(newPost('d', ['a', 'b'], T0), 'user');
      await t().hold('d-a', 'user', 'wait', T0, 'user');
      // publish now: due at once.
      expect(await t().decide(['d-a', 'missing'], { kind: 'publish-now' }, T0 + 7, 'user')).toEqual(['d-a']);
      expect(await target('d')).toMatchObject({ status: 'scheduled', nextAttemptAt: T0 + 7, lastError: null });
      // mark as published: only what needs a decision.
      expect(await t().decide(['d-a'], { kind: 'mark-published', url: 'https://x.test/1' }, T0 + 8, 'user')).toEqual([]);
      await t().hold('d-a', 'user', 'wait', T0 + 7, 'user');
      expect(await t().decide(['d-a'], { kind: 'mark-published', url: 'https://x.test/1' }, T0 + 8, 'user')).toEqual(['d-a']);
      expect(await target('d')).toMatchObject({ status: 'published', remoteUrl: 'https://x.test/1', publishedAt: T0 + 8 });
      // reschedule and discard do not touch what went out.
      expect(await t().decide(['d-a', 'd-b'], { kind: 'reschedule', at: T0 + 60 * MIN }, T0 + 9, 'user')).toEqual(['d-b']);
      expect(await target('d', 1)).toMatchObject({ status: 'scheduled', nextAttemptAt: T0 + 60 * MIN });
      expect(await t().decide(['d-b', 'd-a'], { kind: 'discard' }, T0 + 10, 'user')).toEqual(['d-b']);
      expect(await s.posts.get('d')).toMatchObject({
        status: 'partial',
        targets: [{ status: 'published' }, { status: 'cancelled', nextAttemptAt: null }],
      });
      expect((await s.posts.history('d')).slice(-4).map((h) => [h.kind, h.targetId, h.detail])).toEqual([
        ['held', 'd-a', 'wait'],
        ['marked as published', 'd-a', 'https://x.test/1'],
        ['rescheduled', 'd-b', new Date(T0 + 60 * MIN).toISOString()],
        ['discarded', 'd-b', null],
      ]);
      // A draft can be discarded.
      await s.posts.create(newPost('dr', ['a'], null), 'user');
      expect(await t().decide(['dr-a'], { kind: 'discard' }, T0, 'cli')).toEqual(['dr-a']);
      expect(await status('dr')).toBe('cancelled');
    });

    it('holds what came due under a pause, for everyone or one account, until its planned end', async () => {
      await s.posts.create(newPost('q', ['b'], T0 - MIN), 'user');
      await s.posts.create(newPost('later', ['a'], T0 + 10 * MIN), 'user');
      await s.posts.create(newPost('forced', ['a'], T0 + 10 * MIN), 'user');
      await t().decide(['forced-a'], { kind: 'publish-now' }, T0, 'user');
      expect(await t().holdWhilePaused(T0, { accountId: 'a', reason: 'crisis', until: null })).toEqual(['p']);
      expect(await target()).toMatchObject({
        status: 'held',
        lastError: `Publishing is paused for this account (crisis). It came due at ${new Date(T0).toISOString()}; publish it now, pick a new time, or discard it.`,
      });
      expect(await status('q')).toBe('scheduled');
      expect(await status('forced')).toBe('scheduled');
      // A pause ending before now holds only what came due before its end.
      expect(await t().holdWhilePaused(T0 + 20 * MIN, { accountId: null, reason: 'all', until: T0 })).toEqual(['q']);
      expect(await status('later')).toBe('scheduled');
      expect(await target('q')).toMatchObject({
        status: 'held',
        lastError: expect.stringMatching(/^Publishing is paused \(all\)\. It came due at /),
      });
      expect((await s.posts.history('q')).at(-1)).toMatchObject({ actor: 'scheduler', kind: 'held', targetId: 'q-b' });
      expect(await s.posts.queue.counts()).toMatchObject({ held: 2, heldByPause: 2 });
    });

    it('holds for pre-flight and releases only that hold, each target at its own time', async () => {
      await s.posts.create(newPost('pf', ['a', 'b'], T0 + MIN), 'user');
      await t().hold('pf-b', 'user', 'mine', T0, 'user');
      const held = await t().holdForPreflight('pf', ['pf-a', 'pf-b'], 'A link is broken.', T0, {
        actor: 'system',
        kind: 'held for pre-flight',
        detail: 'link',
      });
      expect(held).toEqual(['pf-a']);
      expect(await target('pf')).toMatchObject({ status: 'held', lastError: 'A link is broken.' });
      await t().releasePreflight(
        'pf',
        [
          { targetId: 'pf-a', dueAt: T0 + 2 * MIN },
          { targetId: 'pf-b', dueAt: T0 + 2 * MIN },
        ],
        T0 + 1,
        { actor: 'user', kind: 'sent anyway', detail: null },
      );
      expect((await s.posts.get('pf'))?.targets.map((x) => [x.status, x.nextAttemptAt, x.lastError])).toEqual([
        ['scheduled', T0 + 2 * MIN, null],
        ['held', null, 'mine'],
      ]);
      expect((await kinds('pf')).slice(-2)).toEqual(['held for pre-flight', 'sent anyway']);
    });

    it('marks missed what could not go out within the grace window, saying why', async () => {
      await s.addAccount('c', 'needs_attention');
      await s.posts.create(newPost('old', ['a'], T0 - 30 * MIN), 'user');
      await s.posts.create(newPost('att', ['c'], T0 - 30 * MIN), 'user');
      await s.posts.create(newPost('recent', ['b'], T0 - 5 * MIN), 'user');
      await s.posts.create(newPost('net', ['b'], T0 - 40 * MIN), 'user');
      expect(await t().claim('net-b', T0 - 40 * MIN, LEASE, null)).not.toBeNull();
      // Retried for the network with a next attempt ahead: still missed, by when it was meant to go out.
      await t().finish(
        'net-b',
        { status: 'retrying', nextAt: T0 + MIN, reason: 'Offline.', waitKind: 'network' },
        T0 - 39 * MIN,
        null,
        'scheduler',
      );
      const changed = await t().markMissed(T0, 15 * MIN);
      expect([...changed].sort()).toEqual(['att', 'net', 'old']);
      const grace = (at: number, why: string) =>
        `It was due at ${new Date(at).toISOString()} and could not go out within the 15-minute grace window (${why}). Publish it now, pick a new time, or discard it.`;
      expect(await target('old')).toMatchObject({
        status: 'missed',
        lastError: grace(T0 - 30 * MIN, 'Kairos was closed, asleep or offline'),
      });
      expect(await target('att')).toMatchObject({ status: 'missed', lastError: grace(T0 - 30 * MIN, 'its account needed attention') });
      expect(await target('net')).toMatchObject({ status: 'missed', lastError: grace(T0 - 40 * MIN, 'the network could not be reached') });
      expect(await status('recent')).toBe('scheduled');
      expect(await status()).toBe('scheduled');
      expect((await s.posts.history('old')).at(-1)).toMatchObject({ actor: 'scheduler', kind: 'missed', targetId: 'old-a' });
      expect(await t().markMissed(T0, 15 * MIN)).toEqual([]);
      // "Publish now" is not missed for being late.
      await t().decide(['old-a'], { kind: 'publish-now' }, T0 - 30 * MIN, 'user');
      expect(await t().markMissed(T0, 15 * MIN)).toEqual([]);
    });

    it("re-anchors a late occurrence's waiting targets to a new time", async () => {
      await s.posts.create(newPost('occ', ['a', 'b'], T0 - 60 * MIN), 'user');
      await publish('occ-b', T0 - 60 * MIN);
      await t().reanchor('occ', T0 + 60 * MIN, T0, 'next occurrence');
      expect((await s.posts.get('occ'))?.targets.map((x) => [x.status, x.nextAttemptAt])).toEqual([
        ['scheduled', T0 + 60 * MIN],
        ['published', null],
      ]);
      expect((await s.posts.history('occ')).at(-1)).toMatchObject({ actor: 'scheduler', kind: 're-anchored', detail: 'next occurrence' });
    });

    it('records a handed-off post published by the network, even one cancelled too late, and one that vanished', async () => {
      await t().cancel('p', T0, 'user');
      const published = { remoteId: 'srv-1', remoteUrl: 'https://m.test/1' };
      expect(await t().handoffPublished('p-a', published, T0 + 1, { kind: 'published', detail: 'by the server' })).toBe(true);
      expect(await target()).toMatchObject({
        status: 'published',
        remoteId: 'srv-1',
        remoteUrl: 'https://m.test/1',
        publishedAt: T0 + 1,
        partsPublished: 1,
      });
      expect((await s.posts.history('p')).at(-1)).toMatchObject({ actor: 'system', kind: 'published', detail: 'by the server' });
      expect(await t().handoffPublished('p-a', published, T0 + 2, { kind: 'published', detail: 'again' })).toBe(false);

      await s.posts.create(newPost('v', ['a'], T0 + MIN), 'user');
      expect(await t().handoffVanished('v-a', 'cancelled', 'Deleted on the server.', T0, { kind: 'cancelled', detail: 'deleted' })).toBe(
        true,
      );
      expect(await target('v')).toMatchObject({ status: 'cancelled', lastError: 'Deleted on the server.', nextAttemptAt: null });
      expect(await s.posts.get('v')).toMatchObject({ status: 'cancelled' });
    });

    it('recomputes post summaries on request', async () => {
      await s.posts.create(newPost('r1', ['a'], T0), 'user');
      await t().refreshPosts(['r1', 'p', 'missing'], T0 + 3);
      expect(await s.posts.get('r1')).toMatchObject({ status: 'scheduled', updatedAt: T0 + 3 });
      expect(await s.posts.get('p')).toMatchObject({ updatedAt: T0 + 3 });
    });
  });
}

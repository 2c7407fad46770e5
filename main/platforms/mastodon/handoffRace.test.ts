// Hand-off racing Kairos's own scheduler: a post being handed over, or held by the server, is published exactly once.

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountWithRule } from '../../../shared/contract';
import { type MastodonEnv, startMastodonEnv } from '../../testing/mastodonFake/backendEnv';

let env: MastodonEnv;
afterEach(async () => {
  await env?.close();
});

const MIN = 60_000;
const at = (e: MastodonEnv, minutes: number) => ({ kind: 'instant', at: e.clock.now() + minutes * MIN, timeZone: 'Europe/Rome' }) as const;
const sync = (e: MastodonEnv) => e.backend.call('mastodon.syncHandoff', { reconcile: true });
const creates = (e: MastodonEnv) => e.fake.log.filter((l) => l.method === 'POST' && l.path === '/api/v1/statuses');
const post = async (e: MastodonEnv, id: string) => e.backend.call('posts.get', { id });

async function setup(): Promise<AccountWithRule> {
  env = await startMastodonEnv();
  return env.connect();
}

/** A request held on the wire until the test lets it through. */
function heldRequest(): { until: Promise<void>; release: () => void } {
  let release = () => {};
  const until = new Promise<void>((r) => {
    release = r;
  });
  return { until, release };
}

describe('hand-off and the scheduler never both publish', () => {
  it('a hand-over still on the wire at the post’s time is not claimed by the scheduler; the server’s status is recorded once', async () => {
    const account = await setup();
    const wire = heldRequest();
    env.fake.failNext('create_status', { kind: 'delay', until: wire.until });
    const { post: p } = await env.backend.call('posts.create', {
      text: 'Sent into a slow link',
      accountIds: [account.id],
      when: at(env, 10),
    });
    const pass = sync(env);
    await vi.waitFor(() => expect(creates(env)).toHaveLength(1));

    // The laptop sleeps with the request in flight and wakes after the post's time: the scheduler runs first.
    env.clock.advance(11 * MIN);
    await env.backend.scheduler.idle();
    expect((await post(env, p.id)).post.targets[0]?.status).toBe('scheduled');
    expect(creates(env)).toHaveLength(1);

    // The request then reaches the server with a time already past, so the server publishes it at once.
    wire.release();
    expect(await pass).toMatchObject({ published: 1, errors: [] });
    await env.advance(MIN);
    const statuses = env.fake.statusesOf(env.user.id);
    expect(statuses.map((s) => s.text)).toEqual(['Sent into a slow link']);
    const { post: after, history } = await post(env, p.id);
    expect(after.targets[0]).toMatchObject({ status: 'published', remoteId: statuses[0]?.id, partsPublished: 1 });
    expect(history.filter((h) => h.kind === 'published').map((h) => h.detail)).toEqual([
      expect.stringMatching(/published at once by 127\.0\.0\.1:\d+: the hand-over reached it after the post's time/),
    ]);
    // The server did what Mastodon does with a time already past; it did not ignore scheduled_at.
    expect(history.map((h) => h.kind)).not.toContain('published early');
    expect(await env.backend.call('mastodon.handoffSettings', { accountId: account.id })).toMatchObject({ enabled: true, reason: null });
  });

  it('a hand-over that ends without a copy gives the post back to the scheduler, which publishes it once', async () => {
    const account = await setup();
    const wire = heldRequest();
    env.fake.failNext('create_status', { kind: 'delay', until: wire.until });
    const { post: p } = await env.backend.call('posts.create', { text: 'Refused late', accountIds: [account.id], when: at(env, 10) });
    const pass = sync(env);
    await vi.waitFor(() => expect(creates(env)).toHaveLength(1));
    // Arrives 2 minutes before its time: the server refuses it (under 5 minutes), so Kairos keeps it.
    env.clock.advance(8 * MIN);
    await env.backend.scheduler.idle();
    wire.release();
    expect(await pass).toMatchObject({ handedOff: 0, keptLocal: 1 });
    expect(env.fake.statusesOf(env.user.id)).toEqual([]);
    await env.advance(3 * MIN);
    expect(env.fake.statusesOf(env.user.id).map((s) => s.text)).toEqual(['Refused late']);
    expect((await post(env, p.id)).post.targets[0]?.status).toBe('published');
  });

  it('the server publishing the held copy is recorded by the next pass, and the scheduler never sends it again', async () => {
    const account = await setup();
    const { post: p } = await env.backend.call('posts.create', { text: 'Held by the server', accountIds: [account.id], when: at(env, 30) });
    expect(await sync(env)).toMatchObject({ handedOff: 1 });
    // Step through the post's time and well past it: the server publishes, the pass after the time records it.
    for (let i = 0; i < 40; i++) await env.advance(MIN);
    expect(env.fake.statusesOf(env.user.id).map((s) => s.text)).toEqual(['Held by the server']);
    expect(creates(env)).toHaveLength(1);
    expect((await post(env, p.id)).post.targets[0]).toMatchObject({ status: 'published' });
  });
});

// What an attempt's failure and a crashed claim become, decided by the pure rules in outcomes.ts and recovery.ts.
// Written for the mutants the mutation pass found alive (docs/PUBLISHING.md).

import { describe, expect, it } from 'vitest';
import type { AccountContext, PlatformAdapter, PublishedPart } from '../platforms/types';
import { PlatformError } from '../platforms/types';
import type { ClaimedTarget, PublishPart } from '../publishing/types';
import { backoffDelay, DEFAULT_BACKOFF, MIN_RETRY_MS, rateLimitDelay } from './backoff';
import { allPartsDone, IDEMPOTENT_RETRY_WINDOW_MS, judgeFailure, settleUnknownOutcome } from './outcomes';
import { recoveryOutcome } from './recovery';

const NOW = Date.UTC(2026, 2, 10, 9, 0);
const done = (id: string): PublishedPart => ({ remoteId: id, remoteUrl: `https://example.test/${id}` });

function part(index: number, published: PublishedPart | null): PublishPart {
  return { index, text: `part ${index}`, idempotencyKey: `key-${index}`, media: [], done: published };
}

function target(parts: PublishPart[], attempt = 1, scheduledAt: number | null = NOW - 60_000): ClaimedTarget {
  return {
    targetId: 'tgt',
    postId: 'post',
    accountId: 'acc',
    text: 'part 0',
    idempotencyKey: 'key-0',
    attempt,
    scheduledAt,
    options: {},
    parts,
  };
}

/** An adapter that can (or cannot) retry by key and look posts up; `lookups` says what findPublished saw. */
function adapter(opts: { idempotent?: boolean; find?: (index: number) => PublishedPart | null | Error } = {}) {
  const lookups: number[] = [];
  const a = {
    displayName: 'Example',
    idempotentRetry: opts.idempotent ?? false,
    ...(opts.find
      ? {
          findPublished: async (_req: unknown, p: PublishPart) => {
            lookups.push(p.index);
            const r = opts.find?.(p.index) ?? null;
            if (r instanceof Error) throw r;
            return r;
          },
        }
      : {}),
  } as unknown as PlatformAdapter;
  return { adapter: a, lookups };
}

function context() {
  const recorded: [number, PublishedPart][] = [];
  const ctx = { recordPart: (i: number, p: PublishedPart) => recorded.push([i, p]) } as unknown as AccountContext<unknown>;
  return { ctx, recorded };
}

const env = { now: NOW, random: () => 0.5, backoff: DEFAULT_BACKOFF, platformName: 'Example' };

describe('allPartsDone', () => {
  it('is the first part once every part is on the network, and nothing before', () => {
    expect(allPartsDone(target([part(0, done('a')), part(1, done('b'))]))).toEqual({
      status: 'published',
      remoteId: 'a',
      remoteUrl: 'https://example.test/a',
    });
    expect(allPartsDone(target([part(0, done('a')), part(1, null)]))).toBeNull();
    expect(allPartsDone(target([part(0, null), part(1, done('b'))]))).toBeNull();
    expect(allPartsDone(target([]))).toBeNull();
  });
});

describe('judgeFailure', () => {
  const judge = (e: unknown, t = target([part(0, null)]), a = adapter().adapter) => judgeFailure(e, t, a, context().ctx, env);

  it('puts a refused login or a vanished destination back to its time, waiting for the account', async () => {
    expect(await judge(new PlatformError('auth', 'Token revoked.'))).toEqual({
      outcome: { status: 'scheduled', reason: 'Token revoked.', dueAt: NOW - 60_000, waitKind: 'account' },
      account: { status: 'needs_relogin', reason: 'Token revoked.' },
    });
    expect(await judge(new PlatformError('gone', 'Webhook deleted.'))).toMatchObject({
      account: { status: 'needs_attention', reason: 'Webhook deleted.' },
    });
    // A post without a time (published "now") waits from now.
    expect((await judge(new PlatformError('auth', 'x'), target([part(0, null)], 1, null))).outcome).toMatchObject({ dueAt: NOW });
  });

  it('fails content the server refuses, and names an error it cannot classify', async () => {
    expect(await judge(new PlatformError('invalid', 'Too long.'))).toEqual({ outcome: { status: 'failed', reason: 'Too long.' } });
    const { outcome } = await judge(new Error('boom'));
    expect(outcome).toMatchObject({ status: 'unconfirmed' });
    expect('reason' in outcome && outcome.reason).toMatch(/^Unexpected error while publishing: boom\. Example offers no way to check/);
  });
});

describe('settleUnknownOutcome', () => {
  const settle = (t: ClaimedTarget, a: PlatformAdapter, claimedAgoMs = 0) =>
    settleUnknownOutcome(t, a, context().ctx, { ...env, message: 'No answer.', claimedAgoMs });

  it('retries by key only while the key protects it and attempts are left', async () => {
    const keyed = adapter({ idempotent: true }).adapter;
    expect(await settle(target([part(0, null)], 1), keyed)).toMatchObject({ status: 'retrying', waitKind: 'server' });
    expect(await settle(target([part(0, null)], 1), keyed, IDEMPOTENT_RETRY_WINDOW_MS)).toMatchObject({ status: 'retrying' });
    expect(await settle(target([part(0, null)], 1), keyed, IDEMPOTENT_RETRY_WINDOW_MS + 1)).toMatchObject({ status: 'unconfirmed' });
    // The last attempt allowed does not retry again.
    expect(await settle(target([part(0, null)], DEFAULT_BACKOFF.maxAttempts), keyed)).toMatchObject({ status: 'unconfirmed' });
    expect(await settle(target([part(0, null)], DEFAULT_BACKOFF.maxAttempts - 1), keyed)).toMatchObject({ status: 'retrying' });
  });

  it('looks each missing part up, records what it finds, and sends again only what is surely absent', async () => {
    const found = adapter({ find: (i) => (i === 0 ? done('a') : done('b')) });
    const ctx = context();
    const t = target([part(0, null), part(1, null)]);
    expect(await settleUnknownOutcome(t, found.adapter, ctx.ctx, { ...env, message: 'No answer.', claimedAgoMs: 0 })).toEqual({
      status: 'published',
      remoteId: 'a',
      remoteUrl: 'https://example.test/a',
    });
    expect(ctx.recorded).toEqual([
      [0, done('a')],
      [1, done('b')],
    ]);

    const firstOnly = adapter({ find: (i) => (i === 0 ? done('a') : null) });
    const resumed = await settle(target([part(0, null), part(1, null)]), firstOnly.adapter);
    expect(resumed).toMatchObject({ status: 'retrying', waitKind: 'server' });
    expect('reason' in resumed && resumed.reason).toBe('No answer. Example shows no such post, so it is safe to send again.');

    // A part already recorded is not looked up again; the answer is the first part's.
    const second = adapter({ find: () => done('b') });
    expect(await settle(target([part(0, done('a')), part(1, null)]), second.adapter)).toMatchObject({ remoteId: 'a' });
    expect(second.lookups).toEqual([1]);

    const broken = await settle(target([part(0, null)]), adapter({ find: () => new Error('HTTP 500') }).adapter);
    expect(broken).toMatchObject({ status: 'unconfirmed' });
    expect('reason' in broken && broken.reason).toMatch(/^No answer\. Kairos could not check Example \(HTTP 500\)\./);
  });
});

describe('recoveryOutcome (a claim left by a process that stopped)', () => {
  const found = (a: PlatformAdapter) => ({ adapter: a, ctx: context().ctx, name: 'Example' });

  it('is published when every part was recorded, and left to the user when the account is gone', async () => {
    expect(await recoveryOutcome(target([part(0, done('a'))]), NOW - 1_000, null, NOW)).toMatchObject({
      status: 'published',
      remoteId: 'a',
    });
    expect(await recoveryOutcome(target([part(0, null)]), NOW - 1_000, null, NOW)).toMatchObject({ status: 'unconfirmed' });
  });

  it('retries by key within the window only, then looks it up, then asks the user', async () => {
    const keyed = adapter({ idempotent: true }).adapter;
    expect(await recoveryOutcome(target([part(0, null)]), NOW - IDEMPOTENT_RETRY_WINDOW_MS, found(keyed), NOW)).toMatchObject({
      status: 'retrying',
      nextAt: NOW,
      waitKind: 'server',
    });
    expect(await recoveryOutcome(target([part(0, null)]), NOW - IDEMPOTENT_RETRY_WINDOW_MS - 1, found(keyed), NOW)).toMatchObject({
      status: 'unconfirmed',
    });
    // Unknown claim time: too old to trust the key.
    expect(await recoveryOutcome(target([part(0, null)]), null, found(keyed), NOW)).toMatchObject({ status: 'unconfirmed' });

    const lookup = adapter({ find: () => done('a') });
    expect(await recoveryOutcome(target([part(0, null)]), NOW - 1_000, found(lookup.adapter), NOW)).toMatchObject({
      status: 'published',
      remoteId: 'a',
    });
    const absent = await recoveryOutcome(target([part(0, null)]), NOW - 1_000, found(adapter({ find: () => null }).adapter), NOW);
    expect(absent).toMatchObject({ status: 'retrying', nextAt: NOW, waitKind: 'server' });
    const failing = await recoveryOutcome(
      target([part(0, null)]),
      NOW - 1_000,
      found(adapter({ find: () => new Error('HTTP 502') }).adapter),
      NOW,
    );
    expect(failing).toMatchObject({ status: 'unconfirmed' });
    expect('reason' in failing && failing.reason).toMatch(/could not check Example \(HTTP 502\)/);
    expect(await recoveryOutcome(target([part(0, null)]), NOW - 1_000, found(adapter().adapter), NOW)).toMatchObject({
      status: 'unconfirmed',
    });
  });
});

describe('rateLimitDelay', () => {
  it('waits what the server asked plus jitter, and backs off when it asked nothing usable', () => {
    expect(rateLimitDelay(30_000, 1, DEFAULT_BACKOFF, 0.5)).toBe(30_500);
    // "Retry now" (a reset already past) still waits the minimum, plus jitter.
    expect(rateLimitDelay(0, 1, DEFAULT_BACKOFF, 0.5)).toBe(MIN_RETRY_MS);
    expect(rateLimitDelay(0, 1, DEFAULT_BACKOFF, 0.9)).toBe(MIN_RETRY_MS);
    const backoff = backoffDelay(3, DEFAULT_BACKOFF, 0.5);
    for (const unusable of [undefined, Number.NaN, Number.POSITIVE_INFINITY, -5_000]) {
      expect({ unusable, wait: rateLimitDelay(unusable, 3, DEFAULT_BACKOFF, 0.5) }).toEqual({ unusable, wait: backoff });
    }
  });
});

// Publishing to Mastodon through the real backend and scheduler: options, polls, media, threads, and every failure the server can answer.

import { afterEach, describe, expect, it } from 'vitest';
import { type AccountContext, PlatformError } from '../../core/platforms/types';
import type { StoredAccount } from '../../core/repos/accounts';
import { fakeMp4, type MastodonEnv, platformsWithMastodon, startMastodonEnv, tinyPng } from '../../testing/mastodonFake/backendEnv';
import { createMastodonAdapter } from './adapter';
import type { MastodonSecret } from './config';

let env: MastodonEnv;
afterEach(async () => {
  await env?.close();
});

const now = { kind: 'now' } as const;

async function addFile(e: MastodonEnv, fileName: string, mime: string, bytes: Buffer) {
  return e.backend.call('media.add', { fileName, mime, dataBase64: bytes.toString('base64') });
}

describe('publishing to Mastodon', () => {
  it('publishes text with content warning, visibility, language and a poll, with an Idempotency-Key', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    const { post } = await env.backend.call('posts.create', {
      text: 'Which launch do you like? https://example.org/a/very/long/link/that/counts/as/twenty/three #launch',
      accountIds: [account.id],
      when: now,
      options: {
        contentWarning: 'Product talk',
        visibility: 'unlisted',
        language: 'it',
        poll: { options: ['Red', 'Blue'], expiresInSeconds: 3600, multiple: true },
      },
    });
    await env.advance(0);
    const [status] = env.fake.statusesOf(env.user.id);
    expect(status).toMatchObject({ spoilerText: 'Product talk', visibility: 'unlisted', language: 'it' });
    expect(status?.poll).toMatchObject({ options: ['Red', 'Blue'], multiple: true });
    const create = env.fake.log.find((l) => l.method === 'POST' && l.path === '/api/v1/statuses');
    expect(create?.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    const { post: done } = await env.backend.call('posts.get', { id: post.id });
    expect(done.status).toBe('published');
    expect(done.targets[0]?.remoteUrl).toBe(`${env.fake.origin}/@alice/${status?.id}`);
  });

  it('uploads an image and a video with alt text and focus, waits for processing (202 then 206), then posts', async () => {
    // Quick polling keeps the test short; the waits themselves are not what is tested.
    env = await startMastodonEnv({ fake: { videoProcessingPolls: 2 }, platforms: platformsWithMastodon({ media: { pollDelaysMs: [5] } }) });
    const account = await env.connect();
    const png = await addFile(env, 'chart.png', 'image/png', await tinyPng());
    const mp4 = await addFile(env, 'clip.mp4', 'video/mp4', fakeMp4());
    await env.backend.call('posts.create', {
      text: 'Numbers are in',
      accountIds: [account.id],
      when: now,
      media: [
        { id: png.id, alt: 'A bar chart rising to the right', focus: { x: -0.5, y: 0.25 } },
        { id: mp4.id, alt: 'Ten seconds of the launch' },
      ],
    });
    await env.advance(0);
    const [status] = env.fake.statusesOf(env.user.id);
    expect(status?.mediaIds).toHaveLength(2);
    const media = status?.mediaIds.map((id) => env.fake.mediaById.get(id));
    expect(media?.map((m) => [m?.type, m?.description])).toEqual([
      ['image', 'A bar chart rising to the right'],
      ['video', 'Ten seconds of the launch'],
    ]);
    expect(media?.[0]?.focus).toEqual({ x: -0.5, y: 0.25 });
    expect(env.fake.log.filter((l) => l.method === 'GET' && l.path.startsWith('/api/v1/media/'))).toHaveLength(3);
  });

  it('checks media, polls and the content warning against the server limits before anything is sent', async () => {
    env = await startMastodonEnv({ fake: { limits: { maxMediaAttachments: 1, imageSizeLimit: 10, maxCharacters: 20 } } });
    const account = await env.connect();
    const a = await addFile(env, 'a.png', 'image/png', await tinyPng());
    const b = await addFile(env, 'b.png', 'image/png', await tinyPng());
    const [check] = await env.backend.call('posts.validate', {
      text: 'Short text',
      accountIds: [account.id],
      options: { contentWarning: 'A long warning', poll: { options: ['x', 'y'], expiresInSeconds: 600, multiple: false } },
      media: [{ id: a.id }, { id: b.id }],
    });
    expect(check?.fits).toBe(false);
    const problems = check?.problems.join('\n') ?? '';
    expect(problems).toContain('The post has 2 attachments');
    expect(problems).toMatch(/"a\.png" is .* accepts images up to/);
    expect(problems).toContain('cannot have both a poll and media');
    expect(problems).toMatch(/with its content warning is 24 of 20 characters, 4 over/);
    const requestsBefore = env.fake.log.length;
    const r = await env.backend.invoke('posts.create', {
      text: 'Short text',
      accountIds: [account.id],
      when: now,
      media: [{ id: a.id }, { id: b.id }],
    });
    expect(r.ok).toBe(false);
    expect(env.fake.log.length).toBe(requestsBefore);
  });

  it('a thread interrupted midway keeps what was published and resumes from the first unpublished part', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    env.fake.failNext('create_status', { kind: 'pass' }, { kind: 'server_error', status: 503 });
    const { post } = await env.backend.call('posts.create', {
      text: 'Thread 1/3',
      parts: ['Thread 2/3', 'Thread 3/3'],
      accountIds: [account.id],
      when: now,
    });
    await env.advance(0);
    let got = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(got.targets[0]).toMatchObject({ status: 'retrying', partsPublished: 1 });
    expect(got.targets[0]?.lastError).toMatch(/Part 2 of the thread: 127\.0\.0\.1:\d+ had a server problem \(503\)/);
    expect(env.fake.statusesOf(env.user.id).map((s) => s.text)).toEqual(['Thread 1/3']);

    await env.advance(10 * 60_000);
    got = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(got.targets[0]).toMatchObject({ status: 'published', partsPublished: 3 });
    const statuses = env.fake.statusesOf(env.user.id);
    expect(statuses.map((s) => s.text)).toEqual(['Thread 1/3', 'Thread 2/3', 'Thread 3/3']);
    expect(statuses[1]?.inReplyToId).toBe(statuses[0]?.id);
    expect(statuses[2]?.inReplyToId).toBe(statuses[1]?.id);
    expect(got.targets[0]?.remoteId).toBe(statuses[0]?.id);
    const keys = env.fake.log.filter((l) => l.path === '/api/v1/statuses' && l.method === 'POST').map((l) => l.idempotencyKey);
    expect(new Set(keys).size).toBe(3);
  });

  it('a repeat with the same Idempotency-Key after the server committed and the connection dropped yields one status', async () => {
    env = await startMastodonEnv();
    const adapter = createMastodonAdapter();
    const account: StoredAccount = {
      id: 'acc_1',
      platform: 'mastodon',
      name: 'Brand',
      handle: '@alice',
      avatarUrl: null,
      status: 'connected',
      statusReason: null,
      createdAt: 0,
      config: { origin: env.fake.origin, domain: env.fake.domain, remoteAccountId: env.user.id },
    };
    const ctx: AccountContext<MastodonSecret> = {
      account,
      secret: { accessToken: env.fake.issueToken(env.user.id), app: null },
      saveSecret: async () => undefined,
      saveConfig: async () => undefined,
      recordPart: async () => undefined,
      readMedia: () => Buffer.alloc(0),
    };
    const part = { index: 0, text: 'Exactly once', idempotencyKey: 'key-1', media: [], done: null };
    const request = {
      postId: 'p1',
      targetId: 't1',
      text: part.text,
      idempotencyKey: 'key-1',
      attempt: 1,
      options: {},
      parts: [part],
      scheduledAt: env.clock.now(),
    };
    env.fake.failNext('create_status', { kind: 'commit_then_drop' });
    const first = await adapter.publish(request, ctx).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(PlatformError);
    expect((first as PlatformError).kind).toBe('unknown_outcome');
    expect(adapter.idempotentRetry).toBe(true);
    const again = await adapter.publish({ ...request, attempt: 2 }, ctx);
    const statuses = env.fake.statusesOf(env.user.id);
    expect(statuses).toHaveLength(1);
    expect(again.remoteId).toBe(statuses[0]?.id);
    // After the key window, the account's recent statuses settle it.
    expect((await adapter.findPublished?.(request, part, ctx))?.remoteId).toBe(again.remoteId);
    expect(await adapter.findPublished?.(request, { ...part, text: 'Never posted' }, ctx)).toBeNull();
  });

  it('reports media the server cannot process, and gives up waiting on media that stays in processing', async () => {
    const platforms = platformsWithMastodon({ media: { pollDelaysMs: [5], processingTimeoutMs: 40 } });
    env = await startMastodonEnv({ fake: { videoProcessingPolls: 1_000_000 }, platforms });
    const account = await env.connect();
    const clip = await addFile(env, 'clip.mp4', 'video/mp4', fakeMp4());
    const { post } = await env.backend.call('posts.create', {
      text: 'Slow video',
      accountIds: [account.id],
      when: now,
      media: [{ id: clip.id }],
    });
    await env.advance(0);
    let t = (await env.backend.call('posts.get', { id: post.id })).post.targets[0];
    expect(t?.status).toBe('retrying');
    expect(t?.lastError).toMatch(/was still processing "clip\.mp4" after 0 s; Kairos will try again later/);

    env.fake.failNext('upload_media', { kind: 'processing_error' });
    const png = await addFile(env, 'broken.png', 'image/png', await tinyPng());
    const { post: other } = await env.backend.call('posts.create', {
      text: 'Broken image',
      accountIds: [account.id],
      when: now,
      media: [{ id: png.id }],
    });
    await env.advance(0);
    t = (await env.backend.call('posts.get', { id: other.id })).post.targets[0];
    expect(t?.status).toBe('failed');
    expect(t?.lastError).toMatch(/could not process "broken\.png".*File could not be processed.*Try another file/);
    expect(env.fake.statusesOf(env.user.id)).toHaveLength(0);
  });

  it('a revoked token makes the account "needs re-login" and its post waits', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    env.fake.revokeTokensOf(env.user.id);
    const { post } = await env.backend.call('posts.create', { text: 'Hello', accountIds: [account.id], when: now });
    await env.advance(0);
    const [acc] = await env.backend.call('accounts.list', {});
    expect(acc).toMatchObject({ status: 'needs_relogin' });
    const got = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(got.targets[0]?.status).toBe('scheduled');
    expect(env.fake.statusesOf(env.user.id)).toHaveLength(0);
  });

  it('shows a 422 message verbatim and fails the post', async () => {
    env = await startMastodonEnv();
    const account = await env.connect();
    env.fake.failNext('create_status', { kind: 'unprocessable', message: 'Validation failed: Text contains a forbidden word' });
    const { post } = await env.backend.call('posts.create', { text: 'Hello', accountIds: [account.id], when: now });
    await env.advance(0);
    const got = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(got.targets[0]?.status).toBe('failed');
    expect(got.targets[0]?.lastError).toBe(`${env.fake.domain} refused it: "Validation failed: Text contains a forbidden word"`);
  });

  it.each(['iso', 'epoch'] as const)('waits until the rate limit resets (X-RateLimit-Reset as %s)', async (resetForm) => {
    env = await startMastodonEnv();
    const account = await env.connect();
    env.fake.failNext('create_status', { kind: 'rate_limit', resetInSeconds: 120, resetForm });
    const { post } = await env.backend.call('posts.create', { text: 'Hello', accountIds: [account.id], when: now });
    await env.advance(0);
    const got = (await env.backend.call('posts.get', { id: post.id })).post;
    expect(got.targets[0]?.status).toBe('retrying');
    const wait = (got.targets[0]?.nextAttemptAt ?? 0) - env.clock.now();
    expect(wait).toBeGreaterThanOrEqual(119_000);
    expect(wait).toBeLessThanOrEqual(121_000);
    expect(got.targets[0]?.lastError).toMatch(/asks Kairos to slow down/);
    await env.advance(wait + 1);
    expect((await env.backend.call('posts.get', { id: post.id })).post.status).toBe('published');
    expect(env.fake.statusesOf(env.user.id)).toHaveLength(1);
  });
});

// LinkedIn end to end against the fake: sign-in through the loopback redirect, posts with escaped text and images,
// expiry warnings in Attention, refused and unknown outcomes.

import { afterEach, describe, expect, it } from 'vitest';
import { type AppNetworksEnv, browse, freePort, startAppNetworksEnv } from '../../testing/appNetworksEnv';
import { tinyPng } from '../../testing/mastodonFake/backendEnv';

let env: AppNetworksEnv;
afterEach(async () => {
  await env?.close();
});

const now = { kind: 'now' } as const;
const DAY = 86_400_000;

describe('LinkedIn', () => {
  it('signs in through the browser and the loopback redirect, storing the member and when the login runs out', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectLinkedIn('Ada');
    expect(account).toMatchObject({ platform: 'linkedin', name: 'Ada', handle: 'Ada Lovelace', status: 'connected' });
    expect(account.lengthRule.maxLength).toBe(3000);
    const [token] = env.linkedin.requests.filter((r) => r.path === '/v2/userinfo');
    expect(token?.headers.authorization).toMatch(/^Bearer /);
    // The renderer sees no token, only the account.
    expect(JSON.stringify(await env.backend.call('accounts.list', {}))).not.toMatch(/access|secret/i);
  });

  it('refuses a redirect URL the app did not register, and says so on the page and in the flow', async () => {
    env = await startAppNetworksEnv();
    const app = env.linkedin.createApp(['http://127.0.0.1:1/callback']);
    const port = await freePort();
    const begun = await env.backend.call('linkedin.beginOAuth', {
      clientId: app.clientId,
      clientSecret: app.secret,
      port,
      server: env.linkedin.origin,
    });
    const page = await browse(begun.authorizeUrl);
    expect(page.text).toContain('redirect_uri does not match');
    expect((await env.backend.call('linkedin.oauthStatus', { flowId: begun.flowId })).state).toBe('waiting');
    await env.backend.call('linkedin.cancelOAuth', { flowId: begun.flowId });
    expect((await env.backend.call('linkedin.oauthStatus', { flowId: begun.flowId })).state).toBe('cancelled');
  });

  it('says so on the port field when the redirect port is taken, and refuses a plain-http server elsewhere', async () => {
    env = await startAppNetworksEnv();
    const app = env.linkedin.createApp(['http://127.0.0.1:1/callback']);
    const port = Number(new URL(env.linkedin.origin).port);
    const taken = await env.backend.invoke('linkedin.beginOAuth', {
      clientId: app.clientId,
      clientSecret: app.secret,
      port,
      server: env.linkedin.origin,
    });
    expect(taken).toMatchObject({ ok: false, error: { field: 'port' } });
    expect(JSON.stringify(taken)).toContain(`Port ${port} on this computer is taken`);
    const plain = await env.backend.invoke('linkedin.beginOAuth', {
      clientId: app.clientId,
      clientSecret: app.secret,
      port: 0,
      server: 'http://example.org',
    });
    expect(plain).toMatchObject({ ok: false, error: { field: 'server' } });
  });

  it('says which field is wrong when the client secret is refused', async () => {
    env = await startAppNetworksEnv();
    const port = await freePort();
    const app = env.linkedin.createApp([`http://127.0.0.1:${port}/callback`]);
    const begun = await env.backend.call('linkedin.beginOAuth', {
      clientId: app.clientId,
      clientSecret: 'wrong',
      port,
      server: env.linkedin.origin,
    });
    const page = await browse(begun.authorizeUrl);
    expect(page.text).toContain('did not accept the app');
    const s = await env.backend.call('linkedin.oauthStatus', { flowId: begun.flowId });
    expect(s.state).toBe('failed');
    expect(s.message).toMatch(/client id and secret/);
  });

  it('publishes with the Posts API headers, escaped little text and two images with alt text', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectLinkedIn();
    const png = await tinyPng();
    const a = await env.backend.call('media.add', { fileName: 'a.png', mime: 'image/png', dataBase64: png.toString('base64') });
    const b = await env.backend.call('media.add', { fileName: 'b.png', mime: 'image/png', dataBase64: png.toString('base64') });
    const text = 'Results (Q3) are in: revenue +12% [audited] — thanks @team! #results';
    const { post } = await env.backend.call('posts.create', {
      text,
      accountIds: [account.id],
      when: now,
      media: [
        { id: a.id, alt: 'Revenue chart' },
        { id: b.id, alt: 'Team photo' },
      ],
    });
    await env.advance(0);
    const [li] = env.linkedin.posts;
    expect(li?.shown).toBe(text);
    expect(li?.version).toMatch(/^\d{6}$/);
    expect(li?.images.map((i) => i.altText)).toEqual(['Revenue chart', 'Team photo']);
    expect(li?.author).toBe(`urn:li:person:${env.member}`);
    const { post: done } = await env.backend.call('posts.get', { id: post.id });
    expect(done.targets[0]).toMatchObject({
      status: 'published',
      remoteId: li?.urn,
      remoteUrl: `https://www.linkedin.com/feed/update/${li?.urn}/`,
    });
  });

  it('refuses threads, content warnings and non-image media before anything is sent', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectLinkedIn();
    const reply = await env.backend.invoke('posts.create', { text: 'one', parts: ['two'], accountIds: [account.id], when: now });
    expect(reply.ok).toBe(false);
    expect(JSON.stringify(reply)).toContain('LinkedIn has no threads');
    const cw = await env.backend.invoke('posts.create', {
      text: 'one',
      accountIds: [account.id],
      when: now,
      options: { contentWarning: 'spoilers' },
    });
    expect(JSON.stringify(cw)).toContain('LinkedIn has no content warnings');
    const clip = Buffer.alloc(64);
    clip.write('ftypisom', 4, 'ascii');
    const video = await env.backend.call('media.add', { fileName: 'clip.mp4', mime: 'video/mp4', dataBase64: clip.toString('base64') });
    const withVideo = await env.backend.invoke('posts.create', {
      text: 'one',
      accountIds: [account.id],
      when: now,
      media: [{ id: video.id, alt: '' }],
    });
    expect(JSON.stringify(withVideo)).toContain('LinkedIn posts JPEG, PNG and GIF images only');
    expect(env.linkedin.posts).toHaveLength(0);
  });

  it('warns in Attention two weeks before the login runs out, then holds posts until the user signs in again', async () => {
    // A token issued with 15 days left stands for one issued 45 days ago: fewer days for the fake clock to tick through.
    env = await startAppNetworksEnv({ linkedin: { tokenSeconds: 15 * 86_400 } });
    const account = await env.connectLinkedIn();
    let status = await env.backend.call('engine.status', {});
    expect(status.attention.expiringLogins).toEqual([]);
    await env.advance(DAY - 1);
    expect((await env.backend.call('engine.status', {})).attention.expiringLogins).toEqual([]);
    // The shells hear of it without asking: the badge appears by itself.
    const pushed: number[] = [];
    env.backend.subscribe((e) => {
      if (e.type === 'engine.status') pushed.push(e.status.attention.expiringLogins.length);
    });
    await env.advance(2);
    await env.advance(60_000);
    expect(pushed).toContain(1);
    status = await env.backend.call('engine.status', {});
    expect(status.attention.expiringLogins).toEqual([expect.objectContaining({ accountId: account.id, platform: 'linkedin' })]);
    expect(status.attention.expiringLogins[0]?.expiresAt).toBe(Date.UTC(2026, 11, 3, 9, 0) + 15 * DAY);
    await env.advance(14 * DAY);
    await env.backend.call('posts.create', { text: 'After expiry', accountIds: [account.id], when: now });
    await env.advance(0);
    const [acc] = await env.backend.call('accounts.list', {});
    expect(acc?.status).toBe('needs_relogin');
    expect(acc?.statusReason).toMatch(/ran out .* Sign in to LinkedIn again/);
    expect(env.linkedin.posts).toHaveLength(0);
    // Signing in again with the same app (kept sealed with the account) brings it back; the waiting post goes out.
    const again = await env.backend.call('linkedin.reconnect', { accountId: account.id });
    await browse(again.authorizeUrl);
    expect((await env.backend.call('linkedin.oauthStatus', { flowId: again.flowId })).state).toBe('connected');
    await env.advance(0);
    expect((await env.backend.call('accounts.list', {}))[0]?.status).toBe('connected');
    expect(env.linkedin.posts.map((p) => p.shown)).toEqual(['After expiry']);
    expect((await env.backend.call('engine.status', {})).attention.expiringLogins).toEqual([]);
  });

  it('renews the token by itself when the app has refresh tokens', async () => {
    env = await startAppNetworksEnv({ linkedin: { refreshTokens: true, tokenSeconds: 8 * 86_400 } });
    const account = await env.connectLinkedIn();
    await env.advance(2 * DAY);
    await env.backend.call('posts.create', { text: 'Still here', accountIds: [account.id], when: now });
    await env.advance(0);
    expect(env.linkedin.posts.map((p) => p.shown)).toEqual(['Still here']);
    expect(env.linkedin.requests.filter((r) => r.path.startsWith('/oauth/v2/accessToken'))).toHaveLength(2);
  });

  it('marks a dropped answer unconfirmed instead of posting twice, since LinkedIn offers no way to check', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectLinkedIn();
    env.linkedin.dropNextPost();
    const { post } = await env.backend.call('posts.create', { text: 'Only once', accountIds: [account.id], when: now });
    await env.advance(0);
    await env.advance(10 * 60_000);
    const { post: after } = await env.backend.call('posts.get', { id: post.id });
    expect(after.targets[0]?.status).toBe('unconfirmed');
    expect(after.targets[0]?.lastError).toMatch(/LinkedIn offers no way to check/);
    expect(env.linkedin.posts).toHaveLength(1);
  });

  it('waits for the daily limit after a 429 and then publishes', async () => {
    env = await startAppNetworksEnv();
    const account = await env.connectLinkedIn();
    env.linkedin.failNext('POST /rest/posts', {
      status: 429,
      body: {
        status: 429,
        serviceErrorCode: 101,
        code: 'TOO_MANY_REQUESTS',
        message: 'Resource level throttle MEMBER DAY limit for calls to this resource is reached.',
      },
      headers: { 'retry-after': '3600' },
    });
    const { post } = await env.backend.call('posts.create', { text: 'Patience', accountIds: [account.id], when: now });
    await env.advance(0);
    let { post: p } = await env.backend.call('posts.get', { id: post.id });
    expect(p.targets[0]?.status).toBe('retrying');
    expect(p.targets[0]?.nextAttemptAt).toBeGreaterThanOrEqual(env.clock.now() + 3_600_000 - 1000);
    await env.advance(3_600_000 + 60_000);
    ({ post: p } = await env.backend.call('posts.get', { id: post.id }));
    expect(p.targets[0]?.status).toBe('published');
  });
});

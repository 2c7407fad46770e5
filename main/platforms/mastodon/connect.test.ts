// Connecting Mastodon accounts through the real backend: pasted token, browser sign-in (loopback and pasted code), and the errors people meet.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type MastodonEnv, startMastodonEnv } from '../../testing/mastodonFake/backendEnv';

let env: MastodonEnv;
afterEach(async () => {
  await env?.close();
});

/** Does what the system browser does with the authorize URL: follows the server's redirect to the loopback callback. */
async function browserVisits(url: string): Promise<{ status: number; body: string; location: string | null }> {
  const first = await fetch(url, { redirect: 'manual' });
  const location = first.headers.get('location');
  if (first.status !== 302 || !location) return { status: first.status, body: await first.text(), location: null };
  const second = await fetch(location);
  return { status: second.status, body: await second.text(), location };
}

describe('connecting a Mastodon account', () => {
  it('connects with a pasted token, learns the server limits and shows handle and avatar', async () => {
    env = await startMastodonEnv({ fake: { limits: { maxCharacters: 1000, charactersReservedPerUrl: 30 } } });
    const account = await env.backend.call('accounts.connect', {
      platform: 'mastodon',
      name: 'Brand',
      instance: `@alice@${env.fake.domain}`,
      accessToken: env.fake.issueToken(env.user.id),
    });
    expect(account.handle).toBe(`@alice@${env.fake.domain}`);
    expect(account.avatarUrl).toBe(`${env.fake.origin}/avatars/alice.png`);
    expect(account.status).toBe('connected');
    expect(account.lengthRule).toMatchObject({ platform: 'mastodon', maxLength: 1000, urlLength: 30, mentionsCountLocalPart: true });
    const settings = await env.backend.call('mastodon.handoffSettings', { accountId: account.id });
    expect(settings).toMatchObject({ supported: true, enabled: true, reason: null, handedOff: 0 });
    const listed = JSON.stringify(await env.backend.call('accounts.list', {}));
    for (const t of env.fake.tokens.keys()) expect(listed).not.toContain(t);
  });

  it('falls back to /api/v1/instance and reads the software from NodeInfo', async () => {
    env = await startMastodonEnv({
      fake: { instanceV2: false, software: { name: 'pleroma', version: '2.6.0' }, limits: { maxCharacters: 5000 } },
    });
    const info = await env.backend.call('mastodon.inspectInstance', { instance: env.fake.origin });
    expect(info).toMatchObject({ software: 'pleroma', version: '2.6.0', maxCharacters: 5000, serverScheduling: false, pkce: true });
    const account = await env.connect();
    expect(account.lengthRule.maxLength).toBe(5000);
    expect(await env.backend.call('mastodon.handoffSettings', { accountId: account.id })).toMatchObject({
      supported: false,
      enabled: false,
    });
  });

  it('says clearly when the address is not a Mastodon server, or the server is down', async () => {
    env = await startMastodonEnv();
    const other = createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Welcome to my blog</h1>'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const blog = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const notMastodon = await env.backend.invoke('accounts.connect', { platform: 'mastodon', name: 'x', instance: blog, accessToken: 't' });
    expect(notMastodon).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'instance' } });
    expect(!notMastodon.ok && notMastodon.error.message).toMatch(/is not a Mastodon-compatible server/);
    await new Promise<void>((r) => other.close(() => r()));
    const down = await env.backend.invoke('accounts.connect', { platform: 'mastodon', name: 'x', instance: blog, accessToken: 't' });
    expect(down).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect(!down.ok && down.error.message).toMatch(/could not be reached.*the server may be down/);
    const garbage = await env.backend.invoke('accounts.connect', {
      platform: 'mastodon',
      name: 'x',
      instance: 'not a server',
      accessToken: 't',
    });
    expect(garbage).toMatchObject({ ok: false, error: { field: 'instance' } });
  });

  it('refuses a wrong token without echoing it', async () => {
    env = await startMastodonEnv();
    const r = await env.backend.invoke('accounts.connect', {
      platform: 'mastodon',
      name: 'x',
      instance: env.fake.origin,
      accessToken: 'sekrit-wrong-token',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'auth_required', field: 'accessToken' } });
    expect(JSON.stringify(r)).not.toContain('sekrit-wrong-token');
  });

  it('signs in through the browser with PKCE and a loopback redirect on 127.0.0.1', async () => {
    env = await startMastodonEnv();
    env.fake.signIn(env.user.id);
    const events: string[] = [];
    env.backend.subscribe((e) => events.push(e.type));
    const begun = await env.backend.call('mastodon.beginOAuth', { instance: env.fake.origin, name: 'Brand' });
    expect(begun.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const authorize = new URL(begun.authorizeUrl);
    expect(authorize.origin).toBe(env.fake.origin);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    const app = [...env.fake.apps.values()][0];
    expect(app?.redirectUris).toEqual([begun.redirectUri, 'urn:ietf:wg:oauth:2.0:oob']);

    const visit = await browserVisits(begun.authorizeUrl);
    expect(visit.location).toMatch(new RegExp(`^${begun.redirectUri.replace(/[.?]/g, '\\$&')}\\?code=`));
    expect(visit.status).toBe(200);
    expect(visit.body).toContain(`Kairos is connected to @alice@${env.fake.domain}`);

    const status = await env.backend.call('mastodon.oauthStatus', { flowId: begun.flowId });
    expect(status.state).toBe('connected');
    expect(status.account?.handle).toBe(`@alice@${env.fake.domain}`);
    expect(events).toContain('accounts.changed');
    const accounts = await env.backend.call('accounts.list', {});
    expect(accounts.map((a) => a.name)).toEqual(['Brand']);
    // The listener is gone once the sign-in is over.
    await expect(fetch(begun.redirectUri)).rejects.toThrow();
  });

  it('reports a denied authorization in words and connects nothing', async () => {
    env = await startMastodonEnv();
    env.fake.signIn(env.user.id);
    env.fake.denyNextAuthorization = true;
    const begun = await env.backend.call('mastodon.beginOAuth', { instance: env.fake.origin, name: 'Brand' });
    const visit = await browserVisits(begun.authorizeUrl);
    expect(visit.body).toContain('Authorization was denied');
    const status = await env.backend.call('mastodon.oauthStatus', { flowId: begun.flowId });
    expect(status).toMatchObject({ state: 'failed', account: null });
    expect(status.message).toMatch(/Authorization was denied on .*so Kairos is not connected/);
    expect(await env.backend.call('accounts.list', {})).toEqual([]);
  });

  it('accepts an out-of-band code pasted by the user, and a wrong code can be corrected', async () => {
    env = await startMastodonEnv({ fake: { pkce: false } });
    env.fake.signIn(env.user.id);
    const begun = await env.backend.call('mastodon.beginOAuth', { instance: env.fake.origin, name: 'Brand', redirect: 'oob' });
    expect(begun.redirectUri).toBe('urn:ietf:wg:oauth:2.0:oob');
    expect(new URL(begun.authorizeUrl).searchParams.has('code_challenge')).toBe(false);
    const page = await (await fetch(begun.authorizeUrl)).text();
    const code = /class="oauth-code" readonly value="([^"]+)"/.exec(page)?.[1] as string;
    const wrong = await env.backend.invoke('mastodon.completeOAuth', { flowId: begun.flowId, code: 'nope' });
    expect(wrong).toMatchObject({ ok: false, error: { field: 'code' } });
    expect(!wrong.ok && wrong.error.message).toMatch(/refused that code/);
    const account = await env.backend.call('mastodon.completeOAuth', { flowId: begun.flowId, code });
    expect(account.handle).toBe(`@alice@${env.fake.domain}`);
  });

  it('a revoked token makes the account "needs re-login"; logging in again keeps the account and reuses the registration', async () => {
    env = await startMastodonEnv();
    env.fake.signIn(env.user.id);
    const first = await env.backend.call('mastodon.beginOAuth', { instance: env.fake.origin, name: 'Brand' });
    await browserVisits(first.authorizeUrl);
    const [account] = await env.backend.call('accounts.list', {});
    if (!account) throw new Error('not connected');
    env.fake.revokeTokensOf(env.user.id);
    const r = await env.backend.invoke('mastodon.mentions', { accountId: account.id });
    expect(r).toMatchObject({ ok: false, error: { code: 'auth_required' } });
    const [after] = await env.backend.call('accounts.list', {});
    expect(after?.status).toBe('needs_relogin');
    expect(after?.statusReason).toMatch(/Log in again in Accounts/);

    const again = await env.backend.call('mastodon.beginOAuth', { instance: env.fake.origin, accountId: account.id });
    expect(again.redirectUri).toBe(first.redirectUri);
    await browserVisits(again.authorizeUrl);
    const accounts = await env.backend.call('accounts.list', {});
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ id: account.id, status: 'connected', name: 'Brand' });
    expect(env.fake.apps.size).toBe(1);
  });
});

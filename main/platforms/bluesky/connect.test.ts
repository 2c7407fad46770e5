// Connecting Bluesky accounts and keeping their sessions, against a real PDS and PLC (@atproto/dev-env), through the backend and the CLI.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PostView } from '../../../shared/domain';
import { runCli } from '../../cli/cli';
import type { Backend } from '../../core/backend';
import { readStoredSecret, rewriteStoredSecret } from '../../testing/bluesky/accountState';
import { publishNow, recordOf as recordIn, repliesTo as repliesIn, TestBackends } from '../../testing/bluesky/backends';
import { BlueskyDevNetwork, type DevAccount } from '../../testing/bluesky/devNetwork';
import { createBlueskyAdapter } from './adapter';
import type { BlueskySecret } from './session';

describe('Bluesky accounts against a real PDS', () => {
  let net: BlueskyDevNetwork;
  let alice: DevAccount;
  let aliceAppPassword: string;
  const backends = new TestBackends();

  beforeAll(async () => {
    net = await BlueskyDevNetwork.start();
    alice = await net.createAccount('alice');
    aliceAppPassword = await net.createAppPassword(alice);
  });

  afterAll(async () => {
    await net?.close();
  });

  afterEach(() => backends.closeAll());

  const backendWith = (): Promise<Backend> => backends.open();
  const recordOf = (post: Pick<PostView, 'targets'>) => recordIn(net, alice.did, post);
  const repliesTo = (rootUri: string) => repliesIn(net, alice.did, rootUri);

  async function connectAlice(b: Backend) {
    return b.call('accounts.connect', {
      platform: 'bluesky',
      name: 'Alice',
      identifier: 'alice.test',
      appPassword: aliceAppPassword,
      service: net.pdsUrl,
    });
  }

  it('connects with a handle and an app password, showing the handle and never the secret', async () => {
    const b = await backendWith();
    const account = await connectAlice(b);
    expect(account).toMatchObject({ platform: 'bluesky', name: 'Alice', handle: '@alice.test', status: 'connected' });
    expect(account.lengthRule).toEqual({ platform: 'bluesky', maxLength: 300, unit: 'graphemes', maxBytes: 3000 });
    expect(JSON.stringify(await b.call('accounts.list', {}))).not.toContain(aliceAppPassword);
  });

  it('refuses the account password and says how to make an app password', async () => {
    const b = await backendWith();
    const r = await b.invoke('accounts.connect', {
      platform: 'bluesky',
      name: 'Alice',
      identifier: '@alice.test',
      appPassword: alice.password,
      service: net.pdsUrl,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe(
      'That is the account password of alice.test, not an app password. Kairos only keeps app passwords, which you can revoke at any time. In Bluesky open Settings → Privacy and security → App passwords, add one named Kairos and paste it here.',
    );
    expect(r.error.message).not.toContain(alice.password);
    expect(await b.call('accounts.list', {})).toEqual([]);
  });

  it('refuses a wrong app password with a sentence that says what to check', async () => {
    const b = await backendWith();
    const r = await b.invoke('accounts.connect', {
      platform: 'bluesky',
      name: 'Alice',
      identifier: 'alice.test',
      appPassword: 'aaaa-bbbb-cccc-dddd',
      service: net.pdsUrl,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'auth_required', field: 'appPassword' } });
    expect(r.ok ? '' : r.error.message).toMatch(/^Bluesky did not accept that handle and app password\. Check both/);
  });

  it('finds the account’s own PDS from its DID through the PLC directory when no service is given', async () => {
    const adapter = createBlueskyAdapter({ plcUrl: net.plcUrl });
    const connection = await adapter.connect({ identifier: alice.did, appPassword: aliceAppPassword });
    expect(connection.handle).toBe('@alice.test');
    expect(connection.config).toEqual({ did: alice.did, handle: 'alice.test', serviceUrl: new URL(net.pdsUrl).origin });
  });

  it('finds the DID of a handle through its _atproto DNS record', async () => {
    const asked: string[] = [];
    const adapter = createBlueskyAdapter({
      plcUrl: net.plcUrl,
      resolveTxt: async (name) => {
        asked.push(name);
        return name === '_atproto.alice.test' ? [[`did=${alice.did}`]] : [];
      },
    });
    const connection = await adapter.connect({ identifier: 'Alice.Test', appPassword: aliceAppPassword });
    expect(asked).toEqual(['_atproto.alice.test']);
    expect(connection.config).toMatchObject({ did: alice.did, serviceUrl: new URL(net.pdsUrl).origin });
  });

  it('renews an expired session silently during publishing and keeps the rotated tokens', async () => {
    const b = await backendWith();
    const account = await connectAlice(b);
    const { before } = await rewriteStoredSecret<BlueskySecret>(b.dataDir, account.id, (s) => ({
      ...s,
      accessJwt: net.expiredAccessToken(alice.did),
    }));
    const post = await publishNow(b, { text: 'Published after a token refresh', accountIds: [account.id] });
    expect(post.status).toBe('published');
    expect((await recordOf(post)).value.text).toBe('Published after a token refresh');
    const after = await readStoredSecret<BlueskySecret>(b.dataDir, account.id);
    expect(after?.refreshJwt).not.toBe(before.refreshJwt);
    expect(after?.appPassword).toBe(aliceAppPassword);
    expect((await b.call('accounts.list', {}))[0]?.status).toBe('connected');
  });

  it('holds the post and asks for a new app password when the stored one was revoked, then publishes after reconnecting', async () => {
    const carol = await net.createAccount('carol');
    const first = await net.createAppPassword(carol);
    const b = await backendWith();
    const input = { platform: 'bluesky' as const, name: 'Carol', identifier: carol.handle, appPassword: first, service: net.pdsUrl };
    const account = await b.call('accounts.connect', input);
    await net.revokeAppPassword(carol);
    await rewriteStoredSecret<BlueskySecret>(b.dataDir, account.id, (s) => ({ ...s, accessJwt: net.expiredAccessToken(carol.did) }));

    const waiting = await publishNow(b, { text: 'Waits for a new app password', accountIds: [account.id] });
    const reason =
      'Bluesky no longer accepts the app password of carol.test (it may have been revoked). Create a new app password and reconnect the account in Accounts; its posts wait until then.';
    expect(waiting.targets[0]).toMatchObject({ status: 'scheduled', lastError: reason });
    expect((await b.call('accounts.list', {}))[0]).toMatchObject({ status: 'needs_relogin', statusReason: reason });
    expect(await net.posts(carol.did)).toEqual([]);

    await b.call('accounts.reconnect', {
      id: account.id,
      input: { ...input, appPassword: await net.createAppPassword(carol, 'Kairos again') },
    });
    await b.scheduler.idle();
    const done = (await b.call('posts.get', { id: waiting.id })).post;
    expect(done.status).toBe('published');
    expect((await net.posts(carol.did)).map((r) => r.value.text)).toEqual(['Waits for a new app password']);
  });

  it('works from the kairos command: add the account, post with media, alt text, warning, language and a second part', async () => {
    const dir = backends.tempDir('kairos-bsky-cli-');
    const out: string[] = [];
    const err: string[] = [];
    const kairos = (...argv: string[]) => runCli([...argv, '--data-dir', dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
    const image = join(dir, 'square.png');
    writeFileSync(
      image,
      await sharp({ create: { width: 300, height: 300, channels: 4, background: '#00aa0080' } })
        .png()
        .toBuffer(),
    );

    expect(
      await kairos(
        'accounts',
        'add',
        'bluesky',
        '--handle',
        'alice.test',
        '--app-password',
        aliceAppPassword,
        '--service',
        net.pdsUrl,
        '--name',
        'Alice',
      ),
    ).toBe(0);
    expect(out.join('\n')).toContain('@alice.test');
    expect(out.join('\n')).not.toContain(aliceAppPassword);
    out.length = 0;
    const code = await kairos(
      '--json',
      'post',
      'add',
      '--text',
      'From the command line',
      '--to',
      'Alice',
      '--media',
      image,
      '--alt',
      'A translucent green square',
      '--cw',
      'graphic',
      '--lang',
      'en',
      '--part',
      'And a reply',
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const published = JSON.parse(out.join('\n')) as Pick<PostView, 'status' | 'targets'>;
    expect(published.status).toBe('published');
    const first = await recordOf(published);
    const [second] = await repliesTo(first.uri);
    expect(first?.value).toMatchObject({
      text: 'From the command line',
      langs: ['en'],
      labels: { values: [{ val: 'graphic-media' }] },
      embed: { $type: 'app.bsky.embed.images', images: [{ alt: 'A translucent green square', aspectRatio: { width: 300, height: 300 } }] },
    });
    expect((first.value.embed as { images: { image: { mimeType: string } }[] }).images[0]?.image.mimeType).toBe('image/png');
    expect(second?.value).toMatchObject({ text: 'And a reply', reply: { root: { uri: first.uri }, parent: { uri: first.uri } } });
  });
});

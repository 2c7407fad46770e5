// A real Bluesky PDS and PLC directory from @atproto/dev-env, listening on 127.0.0.1 only, with test helpers.

import { createHmac } from 'node:crypto';
import { Server } from 'node:net';
import { JWT_SECRET, TestNetworkNoAppView } from '@atproto/dev-env';

export interface DevNetworkOptions {
  /** Where the PDS sends app.bsky.* calls it does not serve itself (trends, search, notifications, post views). */
  readonly appViewUrl?: string;
  readonly appViewDid?: string;
}

export interface DevAccount {
  readonly did: string;
  readonly handle: string;
  readonly password: string;
  /** A full-password access token, for setting the account up (creating app passwords). */
  readonly accessJwt: string;
}

export interface StoredPost {
  readonly uri: string;
  readonly cid: string;
  readonly value: Record<string, unknown>;
}

/**
 * The dev-env servers call listen(port) without a host, which would bind every interface. While they start,
 * a listen without a host is pointed at 127.0.0.1 so nothing is reachable from outside this machine.
 */
async function onLoopbackOnly<T>(start: () => Promise<T>): Promise<T> {
  const original = Server.prototype.listen;
  Server.prototype.listen = function listenOnLoopback(this: Server, ...args: unknown[]) {
    if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function')) {
      return original.apply(this, [args[0], '127.0.0.1', ...args.slice(1)] as never);
    }
    return original.apply(this, args as never);
  } as typeof Server.prototype.listen;
  try {
    return await start();
  } finally {
    Server.prototype.listen = original;
  }
}

export class BlueskyDevNetwork {
  private constructor(private readonly network: TestNetworkNoAppView) {}

  static async start(options: DevNetworkOptions = {}): Promise<BlueskyDevNetwork> {
    const network = await onLoopbackOnly(() =>
      TestNetworkNoAppView.create({
        pds: {
          ...(options.appViewUrl ? { bskyAppViewUrl: options.appViewUrl } : {}),
          ...(options.appViewDid ? { bskyAppViewDid: options.appViewDid } : {}),
        },
      }),
    );
    return new BlueskyDevNetwork(network);
  }

  get pdsUrl(): string {
    return this.network.pds.url;
  }

  get plcUrl(): string {
    return this.network.plc.url;
  }

  async #call(
    nsid: string,
    init: { body?: unknown; post?: boolean; token?: string; query?: Record<string, string> } = {},
  ): Promise<unknown> {
    const url = new URL(`/xrpc/${nsid}`, this.pdsUrl);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    const res = await fetch(url, {
      method: init.body !== undefined || init.post ? 'POST' : 'GET',
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${nsid} answered ${res.status}: ${text}`);
    return text ? (JSON.parse(text) as unknown) : null;
  }

  /** Creates an account with a handle under .test (the dev PDS's domain). */
  async createAccount(name: string): Promise<DevAccount> {
    const handle = `${name}.test`;
    const password = `${name}-full-password`;
    const r = (await this.#call('com.atproto.server.createAccount', {
      body: { handle, email: `${name}@example.com`, password },
    })) as { did: string; accessJwt: string };
    return { did: r.did, handle, password, accessJwt: r.accessJwt };
  }

  async createAppPassword(account: DevAccount, name = 'Kairos'): Promise<string> {
    const r = (await this.#call('com.atproto.server.createAppPassword', { body: { name }, token: account.accessJwt })) as {
      password: string;
    };
    return r.password;
  }

  async revokeAppPassword(account: DevAccount, name = 'Kairos'): Promise<void> {
    await this.#call('com.atproto.server.revokeAppPassword', { body: { name }, token: account.accessJwt });
  }

  /** Ends a session on the server, as signing out elsewhere or a server-side revocation does. */
  async revokeRefreshToken(refreshJwt: string): Promise<void> {
    await this.#call('com.atproto.server.deleteSession', { post: true, token: refreshJwt });
  }

  /** An access token the PDS itself would have issued for this account, already expired. */
  expiredAccessToken(did: string): string {
    const now = Math.floor(Date.now() / 1000);
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${part({ typ: 'at+jwt', alg: 'HS256' })}.${part({
      scope: 'com.atproto.appPass',
      aud: this.network.pds.ctx.cfg.service.did,
      sub: did,
      iat: now - 7200,
      exp: now - 60,
    })}`;
    const signature = createHmac('sha256', Buffer.from(JWT_SECRET)).update(unsigned).digest('base64url');
    return `${unsigned}.${signature}`;
  }

  /** Writes a post under a chosen record key, as another app on the same account might. */
  async createPostAt(account: DevAccount, rkey: string, text: string): Promise<StoredPost> {
    const r = (await this.#call('com.atproto.repo.createRecord', {
      token: account.accessJwt,
      body: {
        repo: account.did,
        collection: 'app.bsky.feed.post',
        rkey,
        record: { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString() },
      },
    })) as { uri: string; cid: string };
    return { uri: r.uri, cid: r.cid, value: { text } };
  }

  /** Deletes a post record, as the account's owner would in another app. */
  async deletePost(account: DevAccount, uri: string): Promise<void> {
    const rkey = uri.slice(uri.lastIndexOf('/') + 1);
    await this.#call('com.atproto.repo.deleteRecord', {
      token: account.accessJwt,
      body: { repo: account.did, collection: 'app.bsky.feed.post', rkey },
    });
  }

  /** Every post record in the account's repository, oldest key first. */
  async posts(did: string): Promise<StoredPost[]> {
    const r = (await this.#call('com.atproto.repo.listRecords', {
      query: { repo: did, collection: 'app.bsky.feed.post', limit: '100', reverse: 'true' },
    })) as { records: StoredPost[] };
    return r.records;
  }

  async blob(did: string, cid: string): Promise<Buffer> {
    const url = new URL('/xrpc/com.atproto.sync.getBlob', this.pdsUrl);
    url.searchParams.set('did', did);
    url.searchParams.set('cid', cid);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`getBlob answered ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async close(): Promise<void> {
    await this.network.close();
  }
}

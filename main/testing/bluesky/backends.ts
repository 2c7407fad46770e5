// Test helpers for driving the real backend against a Bluesky dev network: temporary backends, publishing, reading back.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestOf } from '../../../shared/contract';
import type { PostView } from '../../../shared/domain';
import { type Backend, createBackend } from '../../core/backend';
import type { PlatformRegistry } from '../../core/platforms/types';
import { FEATURES, featuresWith } from '../../features';
import { FakeClock } from '../fakeClock';
import type { BlueskyDevNetwork, StoredPost } from './devNetwork';

/** Backends on temporary data folders, each with a fake clock and the scheduler running; closed and removed together. */
export class TestBackends {
  readonly #dirs: string[] = [];
  readonly #backends: Backend[] = [];
  readonly #clocks = new Map<Backend, FakeClock>();

  tempDir(prefix = 'kairos-bsky-'): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.#dirs.push(dir);
    return dir;
  }

  async open(platforms?: PlatformRegistry): Promise<Backend> {
    const clock = new FakeClock(Date.now());
    const b = await createBackend({
      dataDir: this.tempDir(),
      features: platforms ? featuresWith(platforms) : FEATURES,
      clock,
      shell: 'cli',
      runScheduler: true,
    });
    this.#backends.push(b);
    this.#clocks.set(b, clock);
    return b;
  }

  /** The fake clock a backend opened here runs on. */
  clockOf(b: Backend): FakeClock {
    const clock = this.#clocks.get(b);
    if (!clock) throw new Error('That backend was not opened by these TestBackends.');
    return clock;
  }

  async closeAll(): Promise<void> {
    for (const b of this.#backends.splice(0)) await b.close();
    this.#clocks.clear();
    for (const d of this.#dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}

/** Creates a post due now, lets the scheduler publish it, and returns it as stored. */
export async function publishNow(b: Backend, req: Omit<RequestOf<'posts.create'>, 'when'>): Promise<PostView> {
  const { post } = await b.call('posts.create', { ...req, when: { kind: 'now' } });
  await b.scheduler.idle();
  return (await b.call('posts.get', { id: post.id })).post;
}

/** The record a published post's (first) target points to, read back from the PDS. */
export async function recordOf(net: BlueskyDevNetwork, did: string, post: Pick<PostView, 'targets'>): Promise<StoredPost> {
  const uri = post.targets[0]?.remoteId;
  const found = (await net.posts(did)).find((r) => r.uri === uri);
  if (!found) throw new Error(`No record ${uri} on the PDS (target: ${JSON.stringify(post.targets[0])})`);
  return found;
}

/** The replies in a thread started by `rootUri`, in record key order (which is part order). */
export async function repliesTo(net: BlueskyDevNetwork, did: string, rootUri: string): Promise<StoredPost[]> {
  return (await net.posts(did)).filter((r) => (r.value.reply as { root?: { uri?: string } } | undefined)?.root?.uri === rootUri);
}

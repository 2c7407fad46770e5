// Numbers of our own Bluesky posts over time: AppView counters (getPosts), direct replies (getPostThread), followers.

import type { AccountNumbers, AudienceReply, PostSnapshot, PublishedRef } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { rkeyOf } from './recordKey';
import { postWebUrl } from './records';
import type { AccountSession } from './session';
import { errorBody, failureOf } from './xrpc';

interface View {
  readonly uri?: string;
  readonly author?: { readonly did?: string; readonly handle?: string };
  readonly record?: { readonly text?: unknown; readonly createdAt?: unknown; readonly langs?: unknown };
  readonly indexedAt?: string;
  readonly likeCount?: number;
  readonly repostCount?: number;
  readonly replyCount?: number;
  readonly quoteCount?: number;
}

const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const uriOf = (p: PublishedRef) => p.ref?.uri ?? p.remoteId;

/**
 * The AppView leaves out posts it does not have. Our own repository on the PDS tells the two cases apart:
 * a record that is gone was deleted; one that is still there is not indexed yet (ask again later).
 */
async function recordIsGone(session: AccountSession, uri: string): Promise<boolean> {
  const m = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri);
  if (!m) return false;
  const reply = await session.call({
    nsid: 'com.atproto.repo.getRecord',
    params: { repo: m[1] as string, collection: m[2] as string, rkey: m[3] as string },
    timeoutMs: 15_000,
  });
  if (reply.status === 200) return false;
  if (errorBody(reply).error === 'RecordNotFound' || reply.status === 404) return true;
  throw failureOf(reply, Date.now(), 'checking a post');
}

/** How many posts one app.bsky.feed.getPosts call reads (its limit). */
export const BLUESKY_SNAPSHOT_BATCH = 25;

/** Likes, reposts, replies and quotes, 25 posts a call (getPosts' limit). */
export async function snapshotBlueskyPosts(session: AccountSession, posts: readonly PublishedRef[]): Promise<PostSnapshot[]> {
  const out: PostSnapshot[] = [];
  for (let i = 0; i < posts.length; i += BLUESKY_SNAPSHOT_BATCH) {
    const chunk = posts.slice(i, i + BLUESKY_SNAPSHOT_BATCH);
    const reply = await session.call({ nsid: 'app.bsky.feed.getPosts', params: { uris: chunk.map(uriOf) }, timeoutMs: 15_000 });
    if (reply.status !== 200) throw failureOf(reply, Date.now(), 'reading post numbers');
    const views = (reply.body as { posts?: unknown } | null)?.posts;
    const byUri = new Map((Array.isArray(views) ? (views as View[]) : []).map((v) => [v.uri, v]));
    for (const p of chunk) {
      const v = byUri.get(uriOf(p));
      if (v) {
        out.push({
          state: 'counted',
          targetId: p.targetId,
          likes: n(v.likeCount) ?? 0,
          reposts: n(v.repostCount) ?? 0,
          replies: n(v.replyCount) ?? 0,
          quotes: n(v.quoteCount),
        });
      } else if (await recordIsGone(session, uriOf(p))) {
        out.push({ state: 'deleted', targetId: p.targetId });
      }
    }
  }
  return out;
}

/** Direct replies by other accounts, from app.bsky.feed.getPostThread with depth 1. */
export async function fetchBlueskyReplies(session: AccountSession, post: PublishedRef): Promise<AudienceReply[]> {
  const reply = await session.call({
    nsid: 'app.bsky.feed.getPostThread',
    params: { uri: uriOf(post), depth: 1, parentHeight: 0 },
    timeoutMs: 15_000,
  });
  if (reply.status === 400 && errorBody(reply).error === 'NotFound') return [];
  if (reply.status !== 200) throw failureOf(reply, Date.now(), 'reading replies');
  const thread = (reply.body as { thread?: { replies?: unknown } } | null)?.thread;
  const replies = Array.isArray(thread?.replies) ? (thread.replies as { post?: View }[]) : [];
  return replies.flatMap((r) => {
    const v = r.post;
    if (!v || typeof v.uri !== 'string' || v.author?.did === session.config.did) return [];
    const handle = v.author?.handle ?? v.author?.did ?? 'unknown';
    const langs = Array.isArray(v.record?.langs) ? (v.record.langs as unknown[]) : [];
    return [
      {
        remoteId: v.uri,
        author: `@${handle}`,
        text: typeof v.record?.text === 'string' ? v.record.text : '',
        url: postWebUrl(handle, rkeyOf(v.uri)),
        language: typeof langs[0] === 'string' ? langs[0] : null,
        createdAt: Date.parse(String(v.record?.createdAt ?? v.indexedAt ?? '')) || 0,
        likes: n(v.likeCount),
        reposts: n(v.repostCount),
        replies: n(v.replyCount),
      },
    ];
  });
}

/** followersCount and followsCount from app.bsky.actor.getProfile. */
export async function fetchBlueskyAccountNumbers(session: AccountSession): Promise<AccountNumbers> {
  const reply = await session.call({ nsid: 'app.bsky.actor.getProfile', params: { actor: session.config.did }, timeoutMs: 15_000 });
  if (reply.status !== 200) throw failureOf(reply, Date.now(), 'reading the profile');
  const body = (reply.body ?? {}) as { followersCount?: unknown; followsCount?: unknown };
  const followers = n(body.followersCount);
  if (followers === null) throw new PlatformError('transient', 'Bluesky did not say how many followers the account has.');
  return { followers, following: n(body.followsCount) };
}

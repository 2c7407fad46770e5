// Publishes a post or thread to Bluesky, each record exactly once: fixed record keys, lost replies settled by reading back.

import { isRequestFailure } from '../../core/platforms/http';
import type { AccountContext, PublishedPart, PublishOutcome, PublishPart, PublishRequest } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { detectFacets, resolveMentions, unknownMentionsMessage } from './facets';
import { IMAGE_MAX_BYTES, prepareImage, THUMB_MAX_BYTES } from './images';
import { type AddressPolicy, fetchLinkCard } from './linkCard';
import { recordKeyFor, rkeyOf } from './recordKey';
import {
  type BlobRef,
  buildPostRecord,
  isOurRecord,
  type PostEmbed,
  type PostRecord,
  postedText,
  postWebUrl,
  type StrongRef,
} from './records';
import type { AccountSession, BlueskySecret } from './session';
import { errorBody, failureOf } from './xrpc';

const POST_COLLECTION = 'app.bsky.feed.post';
/** How many keys of the fixed sequence to try when other records hold the first ones (practically never more than one). */
const KEY_CANDIDATES = 4;

export interface PublishDeps {
  readonly linkPolicy: AddressPolicy;
  readonly linkTimeoutMs: number;
  readonly now: () => number;
}

interface FoundRecord extends StrongRef {
  readonly value: unknown;
}

export async function resolveHandleDid(session: AccountSession, handle: string): Promise<string | null> {
  const reply = await session.call({ nsid: 'com.atproto.identity.resolveHandle', params: { handle }, timeoutMs: 15_000 });
  const did = (reply.body as { did?: unknown } | null)?.did;
  if (reply.status === 200 && typeof did === 'string') return did;
  // "Unable to resolve handle" comes back as a 400 InvalidRequest: the handle belongs to no one.
  if (reply.status === 400 || reply.status === 404) return null;
  throw failureOf(reply, Date.now(), 'looking up a mentioned handle');
}

async function readPost(session: AccountSession, rkey: string): Promise<FoundRecord | null> {
  const reply = await session.call({
    nsid: 'com.atproto.repo.getRecord',
    params: { repo: session.config.did, collection: POST_COLLECTION, rkey },
    timeoutMs: 15_000,
  });
  const body = reply.body as { uri?: unknown; cid?: unknown; value?: unknown } | null;
  if (reply.status === 200 && typeof body?.uri === 'string' && typeof body.cid === 'string') {
    return { uri: body.uri, cid: body.cid, value: body.value };
  }
  if (reply.status === 404 || errorBody(reply).error === 'RecordNotFound') return null;
  throw failureOf(reply, Date.now(), 'checking whether the post arrived');
}

async function createPost(session: AccountSession, rkey: string, record: PostRecord, now: number): Promise<StrongRef> {
  const reply = await session.call({
    nsid: 'com.atproto.repo.createRecord',
    body: { repo: session.config.did, collection: POST_COLLECTION, rkey, record },
    creates: true,
    timeoutMs: 30_000,
  });
  const body = reply.body as { uri?: unknown; cid?: unknown } | null;
  if (reply.status === 200 && typeof body?.uri === 'string' && typeof body.cid === 'string') return { uri: body.uri, cid: body.cid };
  throw failureOf(reply, now, 'the post');
}

const UNSETTLED =
  'The connection to Bluesky dropped after the post was sent, and Kairos could not check yet whether it arrived. Retrying is safe: the post has a fixed record key, so it cannot appear twice.';

/**
 * Creates the record under the part's fixed key. A lost reply or a server error is settled by reading the
 * key back: our record there means done; nothing there means a second try with the same key is safe; a
 * different record there (another post drew the same key) moves on to the next key of the fixed sequence.
 */
async function createExactlyOnce(
  session: AccountSession,
  req: PublishRequest,
  part: PublishPart,
  record: PostRecord,
  parentUri: string | null,
  now: number,
): Promise<StrongRef> {
  for (let candidate = 0; candidate < KEY_CANDIDATES; candidate++) {
    const rkey = recordKeyFor(req.postId, part.index, part.idempotencyKey, candidate);
    if (req.attempt > 1 || candidate > 0) {
      const found = await readPost(session, rkey);
      if (found && isOurRecord(found.value, record.text, parentUri)) return found;
      if (found) continue;
    }
    try {
      return await createPost(session, rkey, record, now);
    } catch (e) {
      if (!(e instanceof PlatformError)) throw e;
      if (e.kind === 'invalid' && /record key/i.test(e.message)) continue;
      if (e.kind !== 'unknown_outcome' && e.kind !== 'transient') throw e;
      let found: FoundRecord | null;
      try {
        found = await readPost(session, rkey);
      } catch (lookup) {
        // The look-up failed too, so whether the post exists stays unknown: the first error says what to do.
        if (!isRequestFailure(lookup)) throw lookup;
        throw e.kind === 'unknown_outcome' ? new PlatformError('unknown_outcome', UNSETTLED) : e;
      }
      if (found && isOurRecord(found.value, record.text, parentUri)) return found;
      if (found) continue;
      if (e.kind === 'transient') throw e;
      return await createPost(session, rkey, record, now);
    }
  }
  throw new PlatformError(
    'invalid',
    'Bluesky already holds other posts under every record key Kairos tried for this one. Duplicate the post in Kairos and schedule the copy.',
  );
}

async function uploadBlob(session: AccountSession, data: Buffer, mime: string, now: number): Promise<BlobRef> {
  const reply = await session.call({ nsid: 'com.atproto.repo.uploadBlob', bytes: { data, mime }, timeoutMs: 120_000 });
  const blob = (reply.body as { blob?: unknown } | null)?.blob;
  if (reply.status === 200 && blob && typeof blob === 'object') return blob as BlobRef;
  throw failureOf(reply, now, 'the image upload');
}

/**
 * The largest blob this account's server takes. The lexicon allows 2,000,000 bytes for images, but servers
 * running an older lexicon still refuse more than 1,000,000; the first refusal is remembered per account.
 */
function blobLimitOf(ctx: AccountContext<BlueskySecret>): number {
  const learned = ctx.account.config.blobMaxBytes;
  return typeof learned === 'number' && learned > 0 ? Math.min(learned, IMAGE_MAX_BYTES) : IMAGE_MAX_BYTES;
}

/** The limit a server named when it refused a blob as too big ("blob too big (maximum 1000000, got …)"). */
export function refusedBlobLimit(e: unknown): number | null {
  if (!(e instanceof PlatformError) || e.kind !== 'invalid') return null;
  const m = /blob too big \(maximum (\d+)/i.exec(e.message);
  return m ? Number(m[1]) : null;
}

async function embedFor(
  session: AccountSession,
  ctx: AccountContext<BlueskySecret>,
  part: PublishPart,
  firstLink: string | null,
  req: PublishRequest,
  deps: PublishDeps,
  blobLimit: number,
): Promise<PostEmbed | undefined> {
  const now = deps.now();
  if (part.media.length > 0) {
    const images = [];
    for (const m of part.media) {
      const prepared = await prepareImage(ctx.readMedia(m), { maxBytes: blobLimit, name: m.fileName });
      const image = await uploadBlob(session, prepared.data, prepared.mime, now);
      images.push({ image, alt: m.alt, aspectRatio: { width: prepared.width, height: prepared.height } });
    }
    return { $type: 'app.bsky.embed.images', images };
  }
  if (!firstLink || req.options.noLinkCard) return undefined;
  let card: Awaited<ReturnType<typeof fetchLinkCard>>;
  try {
    card = await fetchLinkCard(firstLink, { policy: deps.linkPolicy, timeoutMs: deps.linkTimeoutMs });
  } catch (e) {
    // The page being down must not hold the post back; it goes out with its link and no card.
    if (e instanceof PlatformError) return undefined;
    throw e;
  }
  let thumb: BlobRef | undefined;
  if (card.image) {
    const prepared = await prepareImage(card.image, {
      maxBytes: Math.min(THUMB_MAX_BYTES, blobLimit),
      maxSide: 1000,
      name: 'The link card picture',
    }).catch(() => null);
    if (prepared) thumb = await uploadBlob(session, prepared.data, prepared.mime, now);
  }
  return {
    $type: 'app.bsky.embed.external',
    external: { uri: card.url, title: card.title, description: card.description, ...(thumb ? { thumb } : {}) },
  };
}

function refOf(done: PublishedPart, index: number): StrongRef {
  const uri = done.ref?.uri ?? done.remoteId;
  const cid = done.ref?.cid;
  if (!cid)
    throw new PlatformError('invalid', `Part ${index + 1} was published without the reference a reply needs; check the thread on Bluesky.`);
  return { uri, cid };
}

function publishedPart(session: AccountSession, ref: StrongRef): PublishedPart {
  return { remoteId: ref.uri, remoteUrl: postWebUrl(session.config.handle, rkeyOf(ref.uri)), ref: { uri: ref.uri, cid: ref.cid } };
}

/** Publishes the parts not yet done, strictly in order, each replying to the one before and to the first. */
export async function publishParts(
  req: PublishRequest,
  ctx: AccountContext<BlueskySecret>,
  session: AccountSession,
  deps: PublishDeps,
): Promise<PublishOutcome> {
  let root: StrongRef | null = null;
  let parent: StrongRef | null = null;
  let first: PublishedPart | null = null;
  for (const part of req.parts) {
    if (part.done) {
      const ref = refOf(part.done, part.index);
      root ??= ref;
      parent = ref;
      first ??= part.done;
      continue;
    }
    const text = postedText(part.text, part.index, req.options);
    const detected = detectFacets(text);
    const { facets, unknown } = await resolveMentions(detected, (h) => resolveHandleDid(session, h));
    if (unknown.length) {
      const where = req.parts.length > 1 ? `in part ${part.index + 1}` : 'in the post';
      throw new PlatformError('invalid', unknownMentionsMessage(unknown, where));
    }
    const reply = root && parent ? { root, parent } : undefined;
    const createPart = async (blobLimit: number) => {
      const embed = await embedFor(session, ctx, part, detected.firstLink, req, deps, blobLimit);
      const record = buildPostRecord({ text, facets, options: req.options, createdAt: new Date(deps.now()).toISOString(), embed, reply });
      return createExactlyOnce(session, req, part, record, parent?.uri ?? null, deps.now());
    };
    let ref: StrongRef;
    const limit = blobLimitOf(ctx);
    try {
      ref = await createPart(limit);
    } catch (e) {
      // The server refused the record itself, so nothing was written: shrink the pictures to its limit and send again.
      const lower = refusedBlobLimit(e);
      if (lower === null || lower >= limit) throw e;
      await ctx.saveConfig({ ...ctx.account.config, blobMaxBytes: lower });
      ref = await createPart(lower);
    }
    const done = publishedPart(session, ref);
    await ctx.recordPart(part.index, done);
    root ??= ref;
    parent = ref;
    first ??= done;
  }
  if (!first) throw new PlatformError('invalid', 'This post has no parts to publish.');
  return { remoteId: first.remoteId, remoteUrl: first.remoteUrl };
}

/** Settles an unknown outcome for one part by reading its fixed keys back. */
export async function findPublishedPart(req: PublishRequest, part: PublishPart, session: AccountSession): Promise<PublishedPart | null> {
  const text = postedText(part.text, part.index, req.options);
  // The part before may have just been found by the same lookup without the request knowing it yet.
  const parentUri = part.index === 0 ? null : req.parts[part.index - 1]?.done?.ref?.uri;
  for (let candidate = 0; candidate < KEY_CANDIDATES; candidate++) {
    const found = await readPost(session, recordKeyFor(req.postId, part.index, part.idempotencyKey, candidate));
    if (!found) return null;
    if (isOurRecord(found.value, text, parentUri)) return publishedPart(session, found);
  }
  return null;
}

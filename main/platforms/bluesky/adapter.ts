// Bluesky (AT Protocol): connect with an app password, validate, publish rich posts and threads, read signals.

import { type Issue, issue } from '../../../shared/contract/problems';
import { DEFAULT_RULES, measureText, warningOverflowIssue } from '../../../shared/platforms/rules';
import { isRequestFailure } from '../../core/platforms/http';
import type { AccountContext, PlatformAdapter } from '../../core/platforms/types';
import { detectFacets, resolveMentions } from './facets';
import { previewDataUrl } from './images';
import { type AddressPolicy, fetchLinkCard, publicAddressesOnly } from './linkCard';
import { BLUESKY_SNAPSHOT_BATCH, fetchBlueskyAccountNumbers, fetchBlueskyReplies, snapshotBlueskyPosts } from './metrics';
import { findPublishedPart, publishParts, resolveHandleDid } from './publish';
import { isLanguageTag, planContentWarning } from './records';
import { type BlueskySecret, SessionKeeper, signIn } from './session';
import { fetchMentions, fetchMetrics, fetchTrends, searchRecent } from './signals';
import { xrpc } from './xrpc';

export interface BlueskyConnectInput {
  /** A handle (alice.bsky.social) or a DID. */
  readonly identifier: string;
  readonly appPassword: string;
  /** The PDS or entryway to sign in at; found from the handle when absent. */
  readonly service?: string | undefined;
}

export interface BlueskyAdapterOptions {
  /** The PLC directory used to find an account's PDS from its DID. */
  readonly plcUrl?: string;
  /** Asked to resolve handles that DNS and HTTPS cannot. */
  readonly fallbackService?: string;
  readonly resolveTxt?: (name: string) => Promise<string[][]>;
  /** Which addresses the link card fetcher may connect to; public ones only unless told otherwise. */
  readonly linkPolicy?: AddressPolicy;
  readonly linkTimeoutMs?: number;
  /** The time written into records (createdAt). */
  readonly now?: () => number;
}

export interface LinkCardPreview {
  readonly url: string;
  readonly title: string;
  readonly description: string;
  readonly imageDataUrl: string | null;
}

export interface BlueskyAdapter extends PlatformAdapter<BlueskyConnectInput, BlueskySecret> {
  /** The card the composer shows for a link (fetched here, in the main process). */
  previewLinkCard(url: string, signal?: AbortSignal): Promise<LinkCardPreview>;
  /** Mentioned handles in the text that belong to no account. */
  unknownMentions(text: string, ctx: AccountContext<BlueskySecret>): Promise<string[]>;
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const MAX_IMAGES = 4;
const MAX_ALT = 2000;

let segmenter: Intl.Segmenter | undefined;
function graphemes(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

async function avatarOf(serviceUrl: string, did: string): Promise<string | null> {
  try {
    const reply = await xrpc(serviceUrl, {
      nsid: 'com.atproto.repo.getRecord',
      params: { repo: did, collection: 'app.bsky.actor.profile', rkey: 'self' },
      timeoutMs: 5_000,
    });
    const link = (reply.body as { value?: { avatar?: { ref?: { $link?: unknown } } } } | null)?.value?.avatar?.ref?.$link;
    if (reply.status !== 200 || typeof link !== 'string') return null;
    const url = new URL('/xrpc/com.atproto.sync.getBlob', serviceUrl);
    url.searchParams.set('did', did);
    url.searchParams.set('cid', link);
    return url.toString();
  } catch (e) {
    // No picture is fine: the account is connected without one when the profile cannot be read.
    if (isRequestFailure(e)) return null;
    throw e;
  }
}

export function createBlueskyAdapter(options: BlueskyAdapterOptions = {}): BlueskyAdapter {
  const keeper = new SessionKeeper();
  const identity = {
    plcUrl: options.plcUrl ?? 'https://plc.directory',
    fallbackService: options.fallbackService ?? 'https://bsky.social',
    ...(options.resolveTxt ? { resolveTxt: options.resolveTxt } : {}),
  };
  const publishDeps = {
    linkPolicy: options.linkPolicy ?? publicAddressesOnly,
    linkTimeoutMs: options.linkTimeoutMs ?? 8_000,
    now: options.now ?? Date.now,
  };

  return {
    id: 'bluesky',
    displayName: 'Bluesky',
    // 5,000 points per hour per account, 3 per created record; the PDS's requests per IP are shared by all accounts.
    publishBudget: { perAccount: { burst: 20, refillMs: 2_200 }, perPlatform: { burst: 100, refillMs: 100 } },
    // The AppView allows 3,000 requests per 5 minutes per IP: one a second per account after 20, two a second in all.
    metricsBudget: { perAccount: { burst: 20, refillMs: 1_000 }, perPlatform: { burst: 40, refillMs: 500 } },
    // The PDS allows 3,000 per 5 minutes per IP; the panel takes a small share.
    conversationBudget: { capacity: 100, windowMs: 5 * 60_000 },
    // Where an account lives when its settings name no PDS.
    probeOrigin: 'https://bsky.social',
    // Feeds take an identical repeat but may filter it.
    repeatPolicy: 'discourages',
    idempotentRetry: true,
    repliesToOwnPosts: true,

    async connect(input, signal) {
      const { secret, config } = await signIn(input, { ...identity, ...(signal ? { signal } : {}) });
      return {
        handle: `@${config.handle}`,
        avatarUrl: await avatarOf(config.serviceUrl, config.did),
        config: { ...config },
        secret,
      };
    },

    lengthRule: () => DEFAULT_RULES.bluesky,

    validate(draft) {
      const problems: Issue[] = [];
      const o = draft.options;
      const texts = [draft.text, ...draft.parts];
      texts.forEach((text, i) => {
        const media = draft.media.filter((m) => m.partIndex === i);
        const part = texts.length > 1 ? i + 1 : null;
        if (text.trim() === '' && media.length === 0 && i === 0)
          problems.push(issue('needs_text', { network: 'Bluesky', orMedia: 'image', part: null }));
        if (media.length > MAX_IMAGES)
          problems.push(issue('too_many_files', { network: 'Bluesky', max: MAX_IMAGES, count: media.length, part }));
        for (const m of media) {
          if (!IMAGE_TYPES.has(m.mime)) {
            problems.push(issue('images_only', { fileName: m.fileName, network: 'Bluesky' }));
          } else if (graphemes(m.alt) > MAX_ALT) {
            problems.push(
              issue('alt_too_long', { fileName: m.fileName, network: 'Bluesky', max: MAX_ALT, length: graphemes(m.alt), part }),
            );
          }
        }
      });
      if (o.poll) problems.push(issue('no_polls', { network: 'Bluesky' }));
      if (o.visibility && o.visibility !== 'public') problems.push(issue('public_only', { network: 'Bluesky' }));
      if (o.language && !isLanguageTag(o.language)) problems.push(issue('language_code', { language: o.language, network: 'Bluesky' }));
      const { prefix } = planContentWarning(o.contentWarning);
      if (prefix) {
        // Bluesky has no free-text warning; the line that carries it counts against the first part.
        const overflow = warningOverflowIssue(measureText(`${prefix}${draft.text}`, DEFAULT_RULES.bluesky), 'Bluesky', null);
        if (overflow) problems.push(overflow);
      }
      return problems;
    },

    async publish(req, ctx) {
      return publishParts(req, ctx, keeper.open(ctx), publishDeps);
    },

    async findPublished(req, part, ctx) {
      return findPublishedPart(req, part, keeper.open(ctx));
    },

    async fetchTrends(ctx) {
      return fetchTrends(keeper.open(ctx), ctx.account.id);
    },

    async searchRecent(query, ctx) {
      return searchRecent(keeper.open(ctx), ctx.account.id, query);
    },

    async fetchMentions(ctx) {
      return fetchMentions(keeper.open(ctx), ctx.account.id);
    },

    async fetchMetrics(posts, ctx) {
      return fetchMetrics(keeper.open(ctx), posts);
    },

    async snapshotPosts(posts, ctx) {
      return snapshotBlueskyPosts(keeper.open(ctx), posts);
    },
    snapshotBatchSize: BLUESKY_SNAPSHOT_BATCH,

    async fetchReplies(post, ctx) {
      return fetchBlueskyReplies(keeper.open(ctx), post);
    },

    async fetchAccountNumbers(ctx) {
      return fetchBlueskyAccountNumbers(keeper.open(ctx));
    },

    async previewLinkCard(url, signal) {
      const card = await fetchLinkCard(url, {
        policy: publishDeps.linkPolicy,
        timeoutMs: publishDeps.linkTimeoutMs,
        ...(signal ? { signal } : {}),
      });
      const imageDataUrl = card.image ? await previewDataUrl(card.image).catch(() => null) : null;
      return { url: card.url, title: card.title, description: card.description, imageDataUrl };
    },

    async unknownMentions(text, ctx) {
      const session = keeper.open(ctx);
      const { unknown } = await resolveMentions(detectFacets(text), (h) => resolveHandleDid(session, h));
      return [...unknown];
    },
  };
}

/** Narrows a registered adapter to the Bluesky one, for the bluesky.* channels. */
export function isBlueskyAdapter(adapter: PlatformAdapter | undefined): adapter is PlatformAdapter & BlueskyAdapter {
  return adapter?.id === 'bluesky' && typeof (adapter as Partial<BlueskyAdapter>).previewLinkCard === 'function';
}

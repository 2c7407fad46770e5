// Nostr: keys (new, imported, or a remote signer), kind-1 notes and threads with media on the account's relays, reactions and replies.

import { type Issue, issue } from '../../../shared/contract/problems';
import { nostrMediaProblems } from '../../../shared/platforms/nostr';
import { DEFAULT_RULES } from '../../../shared/platforms/rules';
import type { PlatformAdapter } from '../../core/platforms/types';
import { keyOrigin, readConfig } from './config';
import { connectNostr, type NostrConnectInput } from './connect';
import { fetchNostrAccountNumbers, fetchNostrReplies, NOSTR_SNAPSHOT_BATCH, snapshotNostrNotes } from './metrics';
import { findPublishedNote, type NostrPublishDeps, publishNostrParts } from './publish';
import { fetchNostrMentions, fetchNostrMetrics, searchNostrHashtags } from './signals';
import type { NostrSecret } from './signer';

export interface NostrAdapterOptions {
  readonly now?: () => number;
  readonly relayTimeoutMs?: number;
}

export function createNostrAdapter(options: NostrAdapterOptions = {}): PlatformAdapter<NostrConnectInput, NostrSecret> {
  const deps: NostrPublishDeps = { now: options.now ?? Date.now, relayTimeoutMs: options.relayTimeoutMs ?? 10_000 };
  return {
    id: 'nostr',
    displayName: 'Nostr',
    // Relays publish no limits but drop clients that flood them.
    publishBudget: { perAccount: { burst: 10, refillMs: 1_000 }, perPlatform: null },
    // One reading request every 2 s after 10.
    metricsBudget: { perAccount: { burst: 10, refillMs: 2_000 }, perPlatform: null },
    // The panel asks relays sparingly.
    conversationBudget: { capacity: 30, windowMs: 5 * 60_000 },
    // No probeOrigin: relays are WebSocket servers named by each account, there is no web home to probe.
    // A retry resends the same signed event (kept until enough relays said OK): relays store an id once.
    idempotentRetry: true,
    // A first comment is the thread's next part: a reply by the same account (docs/IMPORT_EXPORT.md).
    repliesToOwnPosts: true,

    connect: (input) => connectNostr(input, deps.relayTimeoutMs),

    lengthRule: () => DEFAULT_RULES.nostr,

    validate(draft, account) {
      const problems: Issue[] = [];
      const texts = [draft.text, ...draft.parts];
      const hasMediaServer = typeof account.config.mediaServer === 'string' && account.config.mediaServer !== '';
      texts.forEach((text, i) => {
        const part = texts.length > 1 ? i + 1 : null;
        const media = draft.media.filter((m) => m.partIndex === i);
        if (text.trim() === '' && media.length === 0) problems.push(issue('needs_text', { network: 'Nostr', orMedia: 'file', part }));
        problems.push(...nostrMediaProblems(media, part, hasMediaServer));
      });
      if (draft.options.poll) problems.push(issue('no_polls', { network: 'Nostr' }));
      if (draft.options.visibility && draft.options.visibility !== 'public') problems.push(issue('public_only', { network: 'Nostr' }));
      return problems;
    },

    publish: (req, ctx) => publishNostrParts(req, ctx, deps),

    secretKeyExport: (account) => keyOrigin(account.config),

    findPublished: (_req, part, ctx) => findPublishedNote(part, ctx, deps),

    fetchMetrics: (posts, ctx) => fetchNostrMetrics(posts, readConfig(ctx.account.config), deps.relayTimeoutMs),
    snapshotPosts: (posts, ctx) => snapshotNostrNotes(posts, readConfig(ctx.account.config), deps.relayTimeoutMs),
    snapshotBatchSize: NOSTR_SNAPSHOT_BATCH,
    fetchReplies: (post, ctx) => fetchNostrReplies(post, readConfig(ctx.account.config), deps.relayTimeoutMs),
    fetchAccountNumbers: (ctx) => fetchNostrAccountNumbers(readConfig(ctx.account.config), deps.relayTimeoutMs),

    fetchMentions: (ctx) => fetchNostrMentions(readConfig(ctx.account.config), ctx.account.id, deps.now(), deps.relayTimeoutMs),

    searchRecent: (query, ctx) =>
      searchNostrHashtags(query, readConfig(ctx.account.config), ctx.account.id, deps.now(), deps.relayTimeoutMs),
  };
}

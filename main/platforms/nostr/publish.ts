// Publishes notes to the account's write relays, each signed once and kept until enough relays said OK, so a retry
// resends the very same event (same id): relays store an id once, so no retry can make a second note.

import { neventEncode } from 'nostr-tools/nip19';
import { nostrNoteLink } from '../../../shared/platforms/nostr';
import type { AccountContext, PublishedPart, PublishOutcome, PublishPart, PublishRequest } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { uploadBlob } from './blossom';
import { type NostrConfig, neededOks, readConfig } from './config';
import { buildNote, type NoteMedia, type ThreadRef } from './notes';
import { type NostrEvent, publishToRelay, queryRelays, type RelayAnswer } from './relayClient';
import { type NostrSecret, type NostrSigner, signerFor } from './signer';

/** Signed notes waiting for enough OKs, by part key, kept in the account's settings (they are public anyway). */
type Pending = Record<string, { readonly event: NostrEvent; readonly at: number }>;
const PENDING_KEEP_MS = 14 * 86_400_000;

export interface NostrPublishDeps {
  readonly now: () => number;
  readonly relayTimeoutMs: number;
}

function pendingOf(config: Readonly<Record<string, unknown>>, now: number): Pending {
  const raw = (config.pendingNotes ?? {}) as Pending;
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => now - v.at < PENDING_KEEP_MS));
}

function publishedPart(event: NostrEvent, relays: readonly string[]): PublishedPart {
  const nevent = neventEncode({ id: event.id, author: event.pubkey, relays: relays.slice(0, 2), kind: 1 });
  return { remoteId: event.id, remoteUrl: nostrNoteLink(nevent), ref: { id: event.id, pubkey: event.pubkey, relays: relays.join(' ') } };
}

const DEFINITIVE = /^(invalid|blocked|restricted|pow|error):/i;

/** Why a note did not reach enough relays, in words, and whether trying again can help. */
export function shortfall(answers: readonly RelayAnswer[], needed: number): PlatformError {
  const ok = answers.filter((a) => a.ok).length;
  const detail = answers
    .filter((a) => !a.ok)
    .map((a) => `${a.relay} ${a.reached ? (a.message ? `said "${a.message.slice(0, 120)}"` : 'refused it') : a.message}`)
    .join('; ');
  const head = `${ok} of ${answers.length} relays accepted the note; ${needed} must.`;
  if (answers.every((a) => !a.reached)) return new PlatformError('network', `No relay could be reached (${detail}).`);
  if (answers.some((a) => /^rate-limited:/i.test(a.message)))
    return new PlatformError('rate_limited', `${head} A relay asked to slow down (${detail}).`, { retryAfterMs: 30_000 });
  const refused = answers.filter((a) => a.reached && !a.ok && DEFINITIVE.test(a.message)).length;
  if (answers.length - refused < needed) {
    return new PlatformError('invalid', `${head} The others refused it for good (${detail}). Change the relays or the note.`);
  }
  return new PlatformError('transient', `${head} ${detail}. Kairos will resend the same note, which cannot appear twice.`);
}

async function sendToRelays(event: NostrEvent, config: NostrConfig, deps: NostrPublishDeps, signal?: AbortSignal): Promise<RelayAnswer[]> {
  return Promise.all(config.relays.map((r) => publishToRelay(r, event, deps.relayTimeoutMs, signal)));
}

async function uploadPartMedia(
  part: PublishPart,
  config: NostrConfig,
  signer: NostrSigner,
  ctx: AccountContext<NostrSecret>,
  deps: NostrPublishDeps,
): Promise<NoteMedia[]> {
  if (part.media.length === 0) return [];
  if (!config.mediaServer) {
    throw new PlatformError('invalid', 'This Nostr account has no media server for files. Add one in Accounts, or leave the media out.');
  }
  const out: NoteMedia[] = [];
  for (const m of part.media) {
    const blob = await uploadBlob({
      server: config.mediaServer,
      bytes: new Uint8Array(ctx.readMedia(m)),
      mime: m.mime,
      fileName: m.fileName,
      signer,
      now: deps.now(),
      signal: ctx.signal,
    });
    out.push({ url: blob.url, mime: m.mime, sha256: blob.sha256, width: m.width, height: m.height, alt: m.alt });
  }
  return out;
}

/** Publishes the parts not yet done, in order: each reply names the thread's root and its parent (NIP-10). */
export async function publishNostrParts(
  req: PublishRequest,
  ctx: AccountContext<NostrSecret>,
  deps: NostrPublishDeps,
): Promise<PublishOutcome> {
  const config = readConfig(ctx.account.config);
  const needed = neededOks(config);
  let settings: Record<string, unknown> = { ...ctx.account.config };
  let pending = pendingOf(settings, deps.now());
  const save = (next: Pending) => {
    pending = next;
    settings = { ...settings, pendingNotes: next };
    return ctx.saveConfig(settings);
  };
  let root: ThreadRef | undefined;
  let parent: ThreadRef | undefined;
  let first: PublishedPart | null = null;
  let signer: Awaited<ReturnType<typeof signerFor>> | null = null;
  try {
    for (const part of req.parts) {
      if (part.done) {
        const ref = { id: part.done.ref?.id ?? part.done.remoteId, pubkey: part.done.ref?.pubkey ?? config.pubkey };
        root ??= ref;
        parent = ref;
        first ??= part.done;
        continue;
      }
      let event = pending[part.idempotencyKey]?.event;
      if (!event) {
        signer ??= await signerFor(ctx.secret);
        // Uploads come first: a lost upload is repeated harmlessly (blobs are named by their hash); the note is signed once.
        const media = await uploadPartMedia(part, config, signer, ctx, deps);
        const template = buildNote({
          text: part.text,
          createdAt: deps.now(),
          author: config.pubkey,
          root,
          parent,
          relayHint: config.relays[0],
          contentWarning: req.options.contentWarning,
          language: req.options.language,
          media,
        });
        event = await signer.sign(template);
        if (event.pubkey !== config.pubkey) {
          throw new PlatformError('auth', 'The signer signed with a different key than this account’s. Reconnect the account.');
        }
        // Persist before sending: whatever happens next, a retry sends this same event.
        await save({ ...pending, [part.idempotencyKey]: { event, at: deps.now() } });
      }
      const answers = await sendToRelays(event, config, deps, ctx.signal);
      const accepted = answers.filter((a) => a.ok).map((a) => a.relay);
      if (accepted.length < needed) throw shortfall(answers, needed);
      const done = publishedPart(event, accepted);
      await ctx.recordPart(part.index, done);
      const { [part.idempotencyKey]: _sent, ...rest } = pending;
      await save(rest);
      const ref = { id: event.id, pubkey: event.pubkey };
      root ??= ref;
      parent = ref;
      first ??= done;
    }
  } finally {
    await signer?.close();
  }
  if (!first) throw new PlatformError('invalid', 'This post has no parts to publish.');
  return { remoteId: first.remoteId, remoteUrl: first.remoteUrl };
}

/** Settles an unknown outcome: the part's signed event, looked for on the relays by its id. */
export async function findPublishedNote(
  part: PublishPart,
  ctx: AccountContext<NostrSecret>,
  deps: NostrPublishDeps,
): Promise<PublishedPart | null> {
  const pending = pendingOf(ctx.account.config, deps.now())[part.idempotencyKey];
  // Nothing was signed for this part, so nothing can have been sent.
  if (!pending) return null;
  const config = readConfig(ctx.account.config);
  const found = await Promise.all(
    config.relays.map(async (r) => {
      const events = await queryRelays([r], [{ ids: [pending.event.id] }], deps.relayTimeoutMs).catch(() => null);
      return events && events.length > 0 ? r : null;
    }),
  );
  const holding = found.filter((r): r is string => r !== null);
  return holding.length >= neededOks(config) ? publishedPart(pending.event, holding) : null;
}

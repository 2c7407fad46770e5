// Channels for connecting and managing the accounts posts go to.

import { z } from 'zod';
import type { AccountView } from '../domain';
import type { LengthRule } from '../platforms/rules';
import type { PostCostView } from '../platforms/xCost';
import { Id } from './common';

/** Connection input per platform; each platform adds its own variant. */
export const ConnectSchema = z.discriminatedUnion('platform', [
  z.object({
    platform: z.literal('discord'),
    name: z.string().trim().min(1, 'Give the account a name.').max(80),
    webhookUrl: z.string().trim().min(1, 'Paste the webhook URL.'),
  }),
  z.object({
    platform: z.literal('mastodon'),
    name: z.string().trim().min(1, 'Give the account a name.').max(80),
    /** mastodon.social, https://example.org or @me@example.org */
    instance: z.string().trim().min(1, 'Type your instance, e.g. mastodon.social.'),
    /** An access token pasted by the user (advanced); the OAuth flow uses the mastodon.* channels instead. */
    accessToken: z.string().trim().min(1, 'Paste an access token.'),
  }),
  z.object({
    platform: z.literal('bluesky'),
    name: z.string().trim().min(1, 'Give the account a name.').max(80),
    /** A handle (alice.bsky.social) or a DID. */
    identifier: z.string().trim().min(1, 'Type your handle, e.g. alice.bsky.social.'),
    appPassword: z.string().trim().min(1, 'Paste an app password.'),
    /** The PDS or entryway to start from; defaults to https://bsky.social. */
    service: z.string().trim().optional(),
  }),
  z.object({
    platform: z.literal('telegram'),
    name: z.string().trim().min(1, 'Give the account a name.').max(80),
    /** The token @BotFather gave for the bot (123456:ABC-…). */
    botToken: z.string().trim().min(1, 'Paste the bot token from @BotFather.'),
    /** A chat id (-100…) or a public @channelname. */
    chat: z.string().trim().min(1, 'Pick a chat or type @channelname.'),
    /** Posts arrive without a notification sound. */
    silent: z.boolean().optional(),
    /** A self-hosted Bot API server; defaults to https://api.telegram.org. */
    apiBase: z.string().trim().optional(),
  }),
  z.object({
    platform: z.literal('nostr'),
    name: z.string().trim().min(1, 'Give the account a name.').max(80),
    /** new: Kairos makes a key; nsec: import one (nsec1… or hex); bunker: a NIP-46 remote signer keeps it. */
    key: z.enum(['new', 'nsec', 'bunker']),
    nsec: z.string().trim().optional(),
    /** bunker://<signer pubkey>?relay=wss://…&secret=… */
    bunkerUrl: z.string().trim().optional(),
    /** Relays to start from (wss://…), one per line or comma-separated; the account's NIP-65 list wins when found. */
    relays: z.string().trim().min(1, 'Type at least one relay, e.g. wss://relay.damus.io.'),
    /** How many relays must accept a note for it to count as published; a majority when absent. */
    minRelayOks: z.number().int().min(1).max(20).optional(),
    /** A Blossom media server (https://…) that holds the notes' files; text-only notes without one. */
    mediaServer: z.string().trim().max(300).optional(),
  }),
]);
export type ConnectInput = z.infer<typeof ConnectSchema>;

export const accountsRequests = {
  'accounts.list': z.object({}).optional(),
  'accounts.connect': ConnectSchema,
  'accounts.remove': z.object({ id: Id }),
  'accounts.rename': z.object({ id: Id, name: z.string().trim().min(1).max(80) }),
  /** Replaces the credentials of an account that needs re-login, keeping its posts. */
  'accounts.reconnect': z.object({ id: Id, input: ConnectSchema }),
} as const;

export interface AccountWithRule extends AccountView {
  readonly lengthRule: LengthRule;
  /**
   * Why the Kairos process answering cannot open the account's saved login (and who can), or null. Not an expiry:
   * the account stays connected, and a process that can open the login publishes its posts.
   */
  readonly unreadableHere: string | null;
  /** Why the other kind of Kairos process (desktop app, or kairos command and browser mode) could not, or null. */
  readonly unreadableElsewhere: string | null;
  /** The account can reply under its own post, so a first comment goes out there. */
  readonly repliesToOwnPosts?: boolean;
  /** Set for networks that charge per post (X): the prices, the monthly cap and this month's spend. */
  readonly postCost?: PostCostView;
  /** Set for accounts whose secret key Kairos holds (Nostr): it can be shown once the user confirms (nostr.exportKey). */
  readonly secretKeyExport?: 'generated' | 'imported';
}

export interface AccountsResponses {
  'accounts.list': readonly AccountWithRule[];
  'accounts.connect': AccountWithRule;
  'accounts.remove': { readonly id: string };
  'accounts.rename': AccountWithRule;
  'accounts.reconnect': AccountWithRule;
}

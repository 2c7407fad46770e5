// What Kairos keeps about a Mastodon account: the server's limits and capabilities in the clear, the token sealed.

import { z } from 'zod';
import { DEFAULT_RULES, type LengthRule } from '../../../shared/platforms/rules';
import type { StoredAccount } from '../../core/repos/accounts';

export interface MastodonLimits {
  readonly maxCharacters: number;
  readonly urlLength: number;
  readonly maxMediaAttachments: number;
  /** Null when the server does not say (older servers): then Kairos does not pre-check types. */
  readonly supportedMimeTypes: readonly string[] | null;
  readonly imageSizeLimit: number;
  readonly imageMatrixLimit: number;
  readonly videoSizeLimit: number;
  readonly videoMatrixLimit: number;
  readonly pollMaxOptions: number;
  readonly pollMaxCharactersPerOption: number;
  readonly pollMinExpiration: number;
  readonly pollMaxExpiration: number;
}

/** Mastodon's defaults, used when a server does not publish its configuration. */
export const DEFAULT_LIMITS: MastodonLimits = {
  maxCharacters: 500,
  urlLength: 23,
  maxMediaAttachments: 4,
  supportedMimeTypes: null,
  imageSizeLimit: 16 * 1024 * 1024,
  imageMatrixLimit: 33_177_600,
  videoSizeLimit: 99 * 1024 * 1024,
  videoMatrixLimit: 8_294_400,
  pollMaxOptions: 4,
  pollMaxCharactersPerOption: 50,
  pollMinExpiration: 300,
  pollMaxExpiration: 2_629_746,
};

export interface HandoffConfig {
  /** The server can hold scheduled posts (Mastodon 2.7 and later). */
  readonly supported: boolean;
  readonly enabled: boolean;
  /** Why it is off, in words, when Kairos switched it off itself. */
  readonly reason: string | null;
}

export interface MastodonAccountConfig {
  readonly origin: string;
  /** LOCAL_DOMAIN: what the handle ends with; may differ from the web host. */
  readonly domain: string;
  readonly remoteAccountId: string;
  readonly username: string;
  readonly profileUrl: string | null;
  readonly software: string;
  readonly version: string;
  readonly limits: MastodonLimits;
  readonly pkce: boolean;
  readonly handoff: HandoffConfig;
}

/** Sealed in the SecretStore; never leaves the backend. */
export interface MastodonSecret {
  readonly accessToken: string;
  /** The app registration the token was issued to, kept to revoke the token and to log in again. */
  readonly app: AppRegistration | null;
}

export interface AppRegistration {
  readonly origin: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
  readonly scopes: string;
}

/** The stored shape of a Mastodon login. */
export const MastodonSecretSchema: z.ZodType<MastodonSecret> = z.object({
  accessToken: z.string(),
  app: z
    .object({
      origin: z.string(),
      clientId: z.string(),
      clientSecret: z.string(),
      redirectUris: z.array(z.string()),
      scopes: z.string(),
    })
    .nullable(),
});

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function configOf(account: StoredAccount): MastodonAccountConfig {
  const c = account.config as Partial<MastodonAccountConfig>;
  const limits = isObject(c.limits) ? { ...DEFAULT_LIMITS, ...(c.limits as Partial<MastodonLimits>) } : DEFAULT_LIMITS;
  return {
    origin: typeof c.origin === 'string' ? c.origin : '',
    domain: typeof c.domain === 'string' ? c.domain : '',
    remoteAccountId: typeof c.remoteAccountId === 'string' ? c.remoteAccountId : '',
    username: typeof c.username === 'string' ? c.username : '',
    profileUrl: typeof c.profileUrl === 'string' ? c.profileUrl : null,
    software: typeof c.software === 'string' ? c.software : 'mastodon',
    version: typeof c.version === 'string' ? c.version : '',
    limits,
    pkce: c.pkce === true,
    handoff: isObject(c.handoff)
      ? { supported: c.handoff.supported === true, enabled: c.handoff.enabled === true, reason: c.handoff.reason ?? null }
      : { supported: false, enabled: false, reason: null },
  };
}

export function lengthRuleOf(account: StoredAccount): LengthRule {
  const { limits } = configOf(account);
  return { ...DEFAULT_RULES.mastodon, maxLength: limits.maxCharacters, urlLength: limits.urlLength };
}

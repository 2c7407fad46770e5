// Serialises the fake server's records into the documented API entities (Account, Status, MediaAttachment, ScheduledStatus).

import { type FakeMedia, type FakeScheduled, type FakeStatus, type FakeUser, renderContent, tagsOf } from './state';

export interface EntityContext {
  readonly origin: string;
  readonly domain: string;
  user(id: string): FakeUser | undefined;
  media(id: string): FakeMedia | undefined;
  statusCount(userId: string): number;
  followersOf(userId: string): number;
  /** The author of a status, for in_reply_to_account_id. */
  authorOf(statusId: string): string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function accountEntity(c: EntityContext, u: FakeUser): Record<string, unknown> {
  return {
    id: u.id,
    username: u.username,
    acct: u.username,
    display_name: u.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: iso(u.createdAt),
    note: '',
    url: `${c.origin}/@${u.username}`,
    uri: `${c.origin}/users/${u.username}`,
    avatar: u.avatar,
    avatar_static: u.avatar,
    header: `${c.origin}/headers/original/missing.png`,
    header_static: `${c.origin}/headers/original/missing.png`,
    followers_count: c.followersOf(u.id),
    following_count: 3,
    statuses_count: c.statusCount(u.id),
    last_status_at: null,
    emojis: [],
    fields: [],
  };
}

export function credentialAccountEntity(c: EntityContext, u: FakeUser): Record<string, unknown> {
  return {
    ...accountEntity(c, u),
    source: { privacy: 'public', sensitive: false, language: 'en', note: '', fields: [], follow_requests_count: 0 },
  };
}

export function mediaEntity(c: EntityContext, m: FakeMedia): Record<string, unknown> {
  const ready = m.pollsUntilReady <= 0 && !m.failed;
  const base = `${c.origin}/system/media_attachments/files/${m.id}`;
  return {
    id: m.id,
    type: m.type,
    url: ready ? `${base}/original/${m.fileName}` : null,
    preview_url: `${base}/small/${m.fileName}`,
    remote_url: null,
    text_url: null,
    meta: m.focus ? { focus: m.focus } : {},
    description: m.description,
    blurhash: 'UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}',
  };
}

export function statusEntity(c: EntityContext, s: FakeStatus): Record<string, unknown> {
  const author = c.user(s.userId);
  const account = author ? accountEntity(c, author) : null;
  const url = author ? `${c.origin}/@${author.username}/${s.id}` : `${c.origin}/statuses/${s.id}`;
  return {
    id: s.id,
    created_at: iso(s.createdAt),
    in_reply_to_id: s.inReplyToId,
    in_reply_to_account_id: s.inReplyToId ? c.authorOf(s.inReplyToId) : null,
    sensitive: s.sensitive,
    spoiler_text: s.spoilerText,
    visibility: s.visibility,
    language: s.language,
    uri: author ? `${c.origin}/users/${author.username}/statuses/${s.id}` : url,
    url,
    replies_count: s.replies,
    reblogs_count: s.reblogs,
    favourites_count: s.favourites,
    quotes_count: s.quotes,
    edited_at: null,
    favourited: false,
    reblogged: false,
    muted: false,
    bookmarked: false,
    content: renderContent(s.text, c.origin),
    reblog: null,
    application: s.applicationName ? { name: s.applicationName, website: null } : null,
    account,
    media_attachments: s.mediaIds.map((id) => c.media(id)).flatMap((m) => (m ? [mediaEntity(c, m)] : [])),
    mentions: [],
    tags: tagsOf(s.text).map((t) => ({ name: t, url: `${c.origin}/tags/${t}` })),
    emojis: [],
    card: null,
    poll: s.poll
      ? {
          id: `${s.id}0`,
          expires_at: iso(s.poll.expiresAt),
          expired: false,
          multiple: s.poll.multiple,
          votes_count: 0,
          voters_count: s.poll.multiple ? 0 : null,
          options: s.poll.options.map((title) => ({ title, votes_count: 0 })),
          emojis: [],
          voted: false,
          own_votes: [],
        }
      : null,
  };
}

export function scheduledEntity(c: EntityContext, s: FakeScheduled): Record<string, unknown> {
  return {
    id: s.id,
    scheduled_at: iso(s.scheduledAt),
    params: {
      ...s.params,
      scheduled_at: null,
      idempotency: null,
    },
    media_attachments: (s.params.media_ids ?? []).map((id) => c.media(id)).flatMap((m) => (m ? [mediaEntity(c, m)] : [])),
  };
}

// The fake Mastodon server's records and the pure helpers that shape them like the real API does.

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly avatar: string;
  readonly createdAt: number;
}

export interface FakeApp {
  readonly id: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly name: string;
  readonly website: string | null;
  readonly redirectUris: readonly string[];
  readonly scopes: readonly string[];
}

export interface FakeToken {
  readonly token: string;
  readonly userId: string;
  readonly appId: string | null;
  readonly scopes: readonly string[];
  revoked: boolean;
}

export interface FakeAuthCode {
  readonly code: string;
  readonly clientId: string;
  readonly userId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly challenge: string | null;
  readonly challengeMethod: string | null;
  readonly expiresAt: number;
  used: boolean;
}

export interface FakePoll {
  readonly options: readonly string[];
  readonly expiresAt: number;
  readonly multiple: boolean;
  readonly hideTotals: boolean;
}

export interface FakeStatus {
  readonly id: string;
  readonly userId: string;
  readonly text: string;
  readonly spoilerText: string;
  readonly visibility: string;
  readonly language: string | null;
  readonly sensitive: boolean;
  readonly inReplyToId: string | null;
  readonly mediaIds: readonly string[];
  readonly poll: FakePoll | null;
  readonly createdAt: number;
  readonly applicationName: string | null;
  /** Set when the server published it from a scheduled status. */
  readonly scheduledFrom: string | null;
  favourites: number;
  reblogs: number;
  replies: number;
  /** Quote posts of it (quotes_count, Mastodon 4.5+). */
  quotes: number;
  deleted: boolean;
}

export interface FakeMedia {
  readonly id: string;
  readonly userId: string;
  readonly type: 'image' | 'video' | 'gifv' | 'unknown';
  readonly mime: string;
  readonly bytes: number;
  readonly fileName: string;
  description: string | null;
  focus: { x: number; y: number } | null;
  /** How many more GET /api/v1/media/:id answer 206 before the file is ready. */
  pollsUntilReady: number;
  failed: boolean;
  statusId: string | null;
  scheduledId: string | null;
}

export interface ScheduledParams {
  readonly text: string;
  readonly spoiler_text: string | null;
  readonly visibility: string | null;
  readonly language: string | null;
  readonly sensitive: boolean | null;
  readonly media_ids: readonly string[] | null;
  readonly poll: { options: readonly string[]; expires_in: number; multiple: boolean; hide_totals: boolean } | null;
  readonly in_reply_to_id: string | null;
  readonly application_id: string | null;
}

export interface FakeScheduled {
  readonly id: string;
  readonly userId: string;
  scheduledAt: number;
  readonly params: ScheduledParams;
}

export interface FakeNotification {
  readonly id: string;
  readonly type: 'mention' | 'favourite' | 'reblog' | 'follow';
  readonly createdAt: number;
  readonly fromUserId: string;
  readonly statusId: string | null;
  readonly forUserId: string;
}

export interface FakeTrendDay {
  readonly day: number;
  readonly uses: number;
  readonly accounts: number;
}

export interface FakeTrendTag {
  readonly name: string;
  /** Newest day first, as the API returns it. */
  readonly history: readonly FakeTrendDay[];
}

export interface FakeTrendLink {
  readonly url: string;
  readonly title: string;
  readonly description: string;
  readonly history: readonly FakeTrendDay[];
}

export interface FakeLimits {
  readonly maxCharacters: number;
  readonly charactersReservedPerUrl: number;
  readonly maxMediaAttachments: number;
  readonly supportedMimeTypes: readonly string[];
  readonly imageSizeLimit: number;
  readonly imageMatrixLimit: number;
  readonly videoSizeLimit: number;
  readonly videoMatrixLimit: number;
  readonly pollMaxOptions: number;
  readonly pollMaxCharactersPerOption: number;
  readonly pollMinExpiration: number;
  readonly pollMaxExpiration: number;
}

export const DEFAULT_FAKE_LIMITS: FakeLimits = {
  maxCharacters: 500,
  charactersReservedPerUrl: 23,
  maxMediaAttachments: 4,
  supportedMimeTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'video/webm', 'video/quicktime'],
  imageSizeLimit: 16 * 1024 * 1024,
  imageMatrixLimit: 33_177_600,
  videoSizeLimit: 99 * 1024 * 1024,
  videoMatrixLimit: 8_294_400,
  pollMaxOptions: 4,
  pollMaxCharactersPerOption: 50,
  pollMinExpiration: 300,
  pollMaxExpiration: 2_629_746,
};

const URL_RE = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gu;
const MENTION_RE = /(^|[^\p{L}\p{N}_/])@([\p{L}\p{N}_]+)(?:@([\p{L}\p{N}.-]+(?::\d+)?))?/gu;
const TAG_RE = /(^|[^\p{L}\p{N}_/&])#([\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*)/gu;

/** Status length the way the server counts it: each URL weighs a fixed amount, remote mentions count as their local part. */
export function countStatusLength(text: string, spoiler: string, urlWeight: number): number {
  const shortened = text.replace(URL_RE, 'x'.repeat(urlWeight)).replace(MENTION_RE, (_m, pre: string, user: string) => `${pre}@${user}`);
  return [...shortened].length + [...spoiler].length;
}

export function tagsOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(TAG_RE)) out.add((m[2] as string).toLowerCase());
  return [...out];
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A link as the server renders it: scheme hidden, long paths cut with an ellipsis span. */
function renderLink(url: string): string {
  const m = /^(https?:\/\/(?:www\.)?)(.*)$/u.exec(url);
  const prefix = m?.[1] ?? '';
  const rest = m?.[2] ?? url;
  const shown = rest.slice(0, 30);
  const hidden = rest.slice(30);
  const cls = hidden ? 'ellipsis' : '';
  return `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">${escapeHtml(prefix)}</span><span class="${cls}">${escapeHtml(shown)}</span><span class="invisible">${escapeHtml(hidden)}</span></a>`;
}

function renderInline(line: string, origin: string): string {
  const tokens: { at: number; end: number; html: string }[] = [];
  for (const m of line.matchAll(URL_RE)) tokens.push({ at: m.index ?? 0, end: (m.index ?? 0) + m[0].length, html: renderLink(m[0]) });
  const overlaps = (a: number, b: number) => tokens.some((t) => a < t.end && b > t.at);
  for (const m of line.matchAll(MENTION_RE)) {
    const at = (m.index ?? 0) + (m[1] as string).length;
    const end = (m.index ?? 0) + m[0].length;
    if (overlaps(at, end)) continue;
    const user = m[2] as string;
    const host = m[3] ?? new URL(origin).host;
    const href = `${host === new URL(origin).host ? origin : `https://${host}`}/@${user}`;
    tokens.push({
      at,
      end,
      html: `<span class="h-card" translate="no"><a href="${escapeHtml(href)}" class="u-url mention">@<span>${escapeHtml(user)}</span></a></span>`,
    });
  }
  for (const m of line.matchAll(TAG_RE)) {
    const at = (m.index ?? 0) + (m[1] as string).length;
    const end = (m.index ?? 0) + m[0].length;
    if (overlaps(at, end)) continue;
    const tag = m[2] as string;
    tokens.push({
      at,
      end,
      html: `<a href="${origin}/tags/${escapeHtml(tag.toLowerCase())}" class="mention hashtag" rel="tag">#<span>${escapeHtml(tag)}</span></a>`,
    });
  }
  tokens.sort((a, b) => a.at - b.at);
  let out = '';
  let pos = 0;
  for (const t of tokens) {
    out += escapeHtml(line.slice(pos, t.at)) + t.html;
    pos = t.end;
  }
  return out + escapeHtml(line.slice(pos));
}

/** The HTML `content` of a status, rendered from its plain text the way the server formats it. */
export function renderContent(text: string, origin: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/u)
    .filter((p) => p.trim() !== '');
  return paragraphs
    .map(
      (p) =>
        `<p>${p
          .split('\n')
          .map((l) => renderInline(l, origin))
          .join('<br />')}</p>`,
    )
    .join('');
}

let snowflake = 113_000_000_000_000_000n;
/** Status and media ids grow with time like the server's snowflakes. */
export function nextSnowflake(): string {
  snowflake += BigInt(1 + Math.floor(Math.random() * 65_536));
  return snowflake.toString();
}

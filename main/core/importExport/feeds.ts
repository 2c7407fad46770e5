// Read-only calendar feeds: revocable tokens (only their hash is stored) and the .ics of the schedule or observances.

import { createHash, randomBytes } from 'node:crypto';
import type { Observance } from '../../../shared/contract/conversation';
import type { FeedView } from '../../../shared/contract/importExport';
import type { AccountView, PlatformId, PostSummary } from '../../../shared/domain';
import type { Db } from '../db/database';
import { newId } from '../ids';
import { buildCalendar, type CalendarEvent } from './ics';

export type FeedKind = FeedView['kind'];

/** What the database keeps of a feed token: its SHA-256 (every database stores the same). */
export const feedTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new feed token: 24 random bytes, URL-safe. */
export const newFeedToken = () => randomBytes(24).toString('base64url');

interface FeedRow {
  id: string;
  kind: FeedKind;
  created_at: number;
  revoked_at: number | null;
}
const view = (r: FeedRow): FeedView => ({ id: r.id, kind: r.kind, createdAt: r.created_at, revokedAt: r.revoked_at });

export class FeedTokensRepo {
  constructor(private readonly db: Db) {}

  list(): FeedView[] {
    return this.db
      .prepare<[], FeedRow>('SELECT id, kind, created_at, revoked_at FROM feed_tokens ORDER BY created_at DESC, id')
      .all()
      .map(view);
  }

  /** A new token for a feed: returned once; the database keeps its SHA-256 only. */
  create(kind: FeedKind, now: number): { feed: FeedView; token: string } {
    const token = newFeedToken();
    const id = newId('feed', now);
    this.db
      .prepare('INSERT INTO feed_tokens (id, kind, token_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(id, kind, feedTokenHash(token), now);
    return { feed: { id, kind, createdAt: now, revokedAt: null }, token };
  }

  revoke(id: string, now: number): FeedView | null {
    this.db.prepare('UPDATE feed_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?').run(now, id);
    const r = this.db.prepare<[string], FeedRow>('SELECT id, kind, created_at, revoked_at FROM feed_tokens WHERE id = ?').get(id);
    return r ? view(r) : null;
  }

  /** The live feed a token opens, or null (unknown or revoked). */
  find(token: string): FeedView | null {
    const r = this.db
      .prepare<[string], FeedRow>('SELECT id, kind, created_at, revoked_at FROM feed_tokens WHERE token_hash = ? AND revoked_at IS NULL')
      .get(feedTokenHash(token));
    return r ? view(r) : null;
  }
}

const firstLine = (text: string) => (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim();
const shorten = (text: string, n: number) => {
  const chars = Array.from(text);
  return chars.length <= n ? text : `${chars.slice(0, n - 1).join('')}…`;
};

/**
 * One event per scheduled post: its excerpt, the networks and accounts, its status and labels. `networkName` names a
 * network as people read it (its adapter's display name).
 */
export function scheduleCalendar(
  posts: readonly PostSummary[],
  accounts: readonly AccountView[],
  stamp: number,
  networkName: (platform: PlatformId) => string,
  name = 'Kairos schedule',
): string {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const events: CalendarEvent[] = posts
    .filter((p) => p.scheduledAt !== null && p.status !== 'cancelled' && p.status !== 'draft')
    .map((p) => {
      const targetAccounts = p.targets.map((t) => byId.get(t.accountId)).filter((a): a is AccountView => a !== undefined);
      const networks = [...new Set(targetAccounts.map((a) => networkName(a.platform)))];
      const excerpt = shorten(firstLine(p.excerpt) || '(media only)', 60);
      const description = [
        p.excerpt,
        '',
        `Networks: ${networks.join(', ') || 'none yet'}`,
        `Accounts: ${targetAccounts.map((a) => `${a.name} (${a.handle})`).join(', ') || 'none yet'}`,
        `Status: ${p.status}`,
        ...(p.labels.length ? [`Labels: ${p.labels.join(', ')}`] : []),
      ].join('\n');
      return {
        uid: `${p.id}@kairos`,
        summary: networks.length ? `${excerpt} · ${networks.join(', ')}` : excerpt,
        description,
        categories: [...networks, ...p.labels],
        start: p.scheduledAt as number,
        end: (p.scheduledAt as number) + 15 * 60_000,
        lastModified: p.updatedAt,
        status: p.status === 'published' ? 'CONFIRMED' : 'TENTATIVE',
      } satisfies CalendarEvent;
    });
  return buildCalendar({ name, description: 'Posts planned in Kairos', stamp, events });
}

/** Observance days (holidays, awareness days) as all-day events. */
export function observancesCalendar(days: readonly Observance[], stamp: number): string {
  const events: CalendarEvent[] = days.map((o) => ({
    uid: `${o.kind}-${o.country ?? 'world'}-${o.date}-${o.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@kairos`,
    summary: o.country ? `${o.name} (${o.country})` : o.name,
    description: o.kind === 'holiday' ? `Holiday${o.holidayType ? `: ${o.holidayType}` : ''}` : 'Awareness day',
    url: o.url,
    categories: [o.kind === 'holiday' ? 'Holiday' : 'Awareness day'],
    date: o.date,
    untilDate: o.until,
  }));
  return buildCalendar({ name: 'Kairos observance days', description: 'Holidays and awareness days worth planning around', stamp, events });
}

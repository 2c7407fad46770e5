// Handlers for CSV import, CSV/JSON export, .ics files and the read-only calendar feed URLs.

import type { importExportRequests } from '../../../shared/contract/importExport';
import { wallTimeOf } from '../../../shared/time/wallTime';
import type { BackendContext } from '../context';
import { observancesBetween } from '../conversation/observances';
import { fail, notFound } from '../errors';
import { exportedPosts, postsToCsv, postsToJson } from '../importExport/exportPosts';
import { observancesCalendar, scheduleCalendar } from '../importExport/feeds';
import { commitImport, previewImport } from '../importExport/importService';
import type { HandlerMap } from './types';

const DAY_MS = 86_400_000;
/** What a subscribed feed covers: recent history and a year ahead. */
const FEED_PAST_DAYS = 60;
const FEED_AHEAD_DAYS = 366;
const EXPORT_LIMIT = 100_000;

const stampOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function importExportHandlers(ctx: BackendContext): HandlerMap<keyof typeof importExportRequests> {
  const feeds = ctx.stores.feedTokens;
  const metrics = ctx.stores.exportMetrics;
  const conversationSettings = ctx.stores.conversationSettings;

  const range = (from: number | undefined, to: number | undefined) => ({
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  });

  const scheduleIcs = async (from: number, to: number) =>
    scheduleCalendar(
      await ctx.posts.summaries({ from, to, limit: EXPORT_LIMIT }),
      await ctx.accounts.list(),
      ctx.clock.now(),
      (platform) => ctx.platforms.get(platform)?.displayName ?? platform,
    );

  const observancesIcs = async (from: number, to: number) => {
    const zone = ctx.setting('timeZone');
    const s = await conversationSettings.get();
    // The observance list is asked for at most about a year at a time.
    const fromDate = wallTimeOf(from, zone).date;
    const toDate = wallTimeOf(Math.min(to, from + 399 * DAY_MS), zone).date;
    return observancesCalendar(observancesBetween(fromDate, toDate, s.countries, await conversationSettings.userDays()), ctx.clock.now());
  };

  const defaultRange = (from?: number, to?: number) => {
    const now = ctx.clock.now();
    return { from: from ?? now - FEED_PAST_DAYS * DAY_MS, to: to ?? now + FEED_AHEAD_DAYS * DAY_MS };
  };

  return {
    'import.preview': (req) => previewImport(ctx, req),
    'import.commit': (req) => commitImport(ctx, req),

    'export.posts': async ({ format, from, to }) => {
      const posts = await ctx.posts.list({ ...range(from, to), limit: EXPORT_LIMIT });
      const rows = exportedPosts(
        posts,
        await ctx.accounts.list(),
        await metrics.of(posts.flatMap((p) => p.targets.filter((t) => t.status === 'published').map((t) => t.id))),
      );
      const stamp = stampOf(ctx.clock.now());
      return format === 'csv'
        ? { fileName: `kairos-posts-${stamp}.csv`, mime: 'text/csv;charset=utf-8', content: postsToCsv(rows), count: rows.length }
        : {
            fileName: `kairos-posts-${stamp}.json`,
            mime: 'application/json',
            content: postsToJson(rows, ctx.clock.now()),
            count: rows.length,
          };
    },

    'export.ics': async ({ kind, from, to }) => {
      const r = defaultRange(from, to);
      // A file of the schedule holds everything ahead; a feed and the observances keep to about a year.
      const content =
        kind === 'observances' ? await observancesIcs(r.from, r.to) : await scheduleIcs(r.from, to ?? Number.MAX_SAFE_INTEGER);
      const count = content.split('BEGIN:VEVENT').length - 1;
      return { fileName: `kairos-${kind}-${stampOf(ctx.clock.now())}.ics`, mime: 'text/calendar;charset=utf-8', content, count };
    },

    'feeds.list': () => feeds.list(),

    'feeds.create': async ({ kind }) => {
      const { feed, token } = await feeds.create(kind, ctx.clock.now());
      ctx.emit({ type: 'settings.changed' });
      return { feed, token, path: `/feeds/${token}/${kind}.ics` };
    },

    'feeds.revoke': async ({ id }) => {
      const feed = await feeds.revoke(id, ctx.clock.now());
      if (!feed) throw notFound('feed');
      ctx.emit({ type: 'settings.changed' });
      return feed;
    },

    'feeds.render': async ({ token }) => {
      const feed = await feeds.find(token);
      if (!feed) throw fail('feed_gone', {});
      const r = defaultRange();
      return { kind: feed.kind, body: feed.kind === 'observances' ? await observancesIcs(r.from, r.to) : await scheduleIcs(r.from, r.to) };
    },
  };
}

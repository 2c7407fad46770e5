// Publishes a post or a self-thread on X, within the monthly spending cap, and finds a part whose outcome is unknown.

import { billingMonth, formatUsd, overCap, partCost, postCost, spendIn, type XSpend } from '../../../shared/platforms/xCost';
import type { AccountContext, PublishedPart, PublishOutcome, PublishPart, PublishRequest } from '../../core/platforms/types';
import { PlatformError } from '../../core/platforms/types';
import { XApi } from './api';
import { type XSecret, xConfigOf } from './config';
import { uploadXMedia, type XMediaTiming } from './media';

export function tweetUrl(username: string, id: string): string {
  return `https://x.com/${username || 'i'}/status/${id}`;
}

/** The spend cap, checked for every part still to go before the first one is sent: never half a thread. */
function checkCap(req: PublishRequest, ctx: AccountContext<XSecret>, now: number): void {
  const cfg = xConfigOf(ctx.account);
  const todo = req.parts.filter((p) => !p.done).map((p) => p.text);
  const cost = postCost(todo, cfg.pricing);
  const spent = spendIn(cfg.spend, billingMonth(now));
  const over = overCap(cfg.pricing, spent.mills, cost);
  if (over > 0 && cfg.pricing.monthlyCapMills !== null) {
    throw new PlatformError(
      'over_budget',
      `X spending cap reached: ${formatUsd(spent.mills)} of ${formatUsd(cfg.pricing.monthlyCapMills)} is spent in ${spent.month} and this post costs ${formatUsd(cost)}. Raise the cap in Accounts → X, or move the post to next month.`,
    );
  }
}

function recordSpend(ctx: AccountContext<XSecret>, spend: XSpend): Promise<void> {
  return ctx.saveConfig({ ...ctx.account.config, spend });
}

export async function publishToX(
  req: PublishRequest,
  ctx: AccountContext<XSecret>,
  timing: XMediaTiming,
  now: () => number,
): Promise<PublishOutcome> {
  checkCap(req, ctx, now());
  const cfg = xConfigOf(ctx.account);
  const api = new XApi(ctx, now);
  let spend = spendIn(cfg.spend, billingMonth(now()));
  let previous: PublishedPart | null = null;
  let first: PublishedPart | null = null;
  for (const part of req.parts) {
    if (part.done) {
      previous = part.done;
      first ??= part.done;
      continue;
    }
    const mediaIds: string[] = [];
    for (const m of part.media) mediaIds.push(await uploadXMedia(api, m, ctx.readMedia(m), timing, ctx.signal));
    const body: Record<string, unknown> = { text: part.text };
    if (mediaIds.length) body.media = { media_ids: mediaIds };
    if (previous) body.reply = { in_reply_to_tweet_id: previous.remoteId };
    const res = await api.call<{ data?: { id?: unknown } }>({
      method: 'POST',
      path: '/2/tweets',
      json: body,
      creates: true,
      what: req.parts.length > 1 ? `publishing part ${part.index + 1}` : 'publishing the post',
    });
    const id = res.body?.data?.id;
    if (typeof id !== 'string') throw new PlatformError('unknown_outcome', 'X accepted the post but did not return its id.');
    const done = { remoteId: id, remoteUrl: tweetUrl(cfg.username, id) };
    await ctx.recordPart(part.index, done);
    // Counted as each part goes out (the month may turn during a long thread), so a crash loses no spend.
    const month = spendIn(spend, billingMonth(now()));
    spend = { month: month.month, mills: month.mills + partCost(part.text, cfg.pricing), posts: month.posts + 1 };
    await recordSpend(ctx, spend);
    previous = done;
    first ??= done;
  }
  if (!first) throw new PlatformError('invalid', 'The post has no parts to publish.');
  return { remoteId: first.remoteId, remoteUrl: first.remoteUrl };
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** X shortens links to t.co and escapes <, > and &: compare texts without either. */
function comparable(text: string): string {
  return decode(text)
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface TimelineTweet {
  readonly id?: unknown;
  readonly text?: unknown;
  readonly created_at?: unknown;
  readonly referenced_tweets?: readonly { readonly type?: unknown; readonly id?: unknown }[];
}

/** Looks for the part among the account's latest posts (owned reads): same text, replying where it should, recent. */
export async function findPublishedOnX(
  req: PublishRequest,
  part: PublishPart,
  ctx: AccountContext<XSecret>,
  now: () => number,
): Promise<PublishedPart | null> {
  const cfg = xConfigOf(ctx.account);
  const api = new XApi(ctx, now);
  const res = await api.call<{ data?: TimelineTweet[] }>({
    method: 'GET',
    path: `/2/users/${cfg.userId}/tweets`,
    query: { max_results: '10', 'tweet.fields': 'created_at,referenced_tweets' },
    what: 'reading the latest posts',
  });
  const parent = part.index > 0 ? req.parts[part.index - 1]?.done?.remoteId : undefined;
  const since = (req.scheduledAt ?? 0) - 10 * 60_000;
  const want = comparable(part.text);
  for (const t of res.body?.data ?? []) {
    if (typeof t.id !== 'string' || typeof t.text !== 'string') continue;
    const at = typeof t.created_at === 'string' ? Date.parse(t.created_at) : 0;
    if (at < since || comparable(t.text) !== want) continue;
    const repliesTo = t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id;
    if (parent !== undefined && repliesTo !== parent) continue;
    // It did go out, so X billed it: count it like a part whose answer arrived.
    const month = spendIn(cfg.spend, billingMonth(now()));
    await recordSpend(ctx, { month: month.month, mills: month.mills + partCost(part.text, cfg.pricing), posts: month.posts + 1 });
    return { remoteId: t.id, remoteUrl: tweetUrl(cfg.username, t.id) };
  }
  return null;
}

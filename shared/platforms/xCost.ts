// What a post costs on X's pay-per-use API, and the monthly spending cap: one rule for the composer and the scheduler.

import twitterText from 'twitter-text';

/** Amounts are kept in thousandths of a US dollar (X prices posts at $0.015), so sums stay exact. */
export type Mills = number;

export interface XPricing {
  /** Price of creating one post (each part of a thread is one). */
  readonly postMills: Mills;
  /** Price of creating a post that contains a link, which X charges more for. */
  readonly linkPostMills: Mills;
  /** Most to spend on posts in one calendar month (UTC), or null for no cap. */
  readonly monthlyCapMills: Mills | null;
}

/**
 * X's published rates when this was written: "Content: Create" $0.015, "Content: Create (with URL)" $0.200.
 * Rates change; the current ones are in the X Developer Console and on X's API pricing page.
 */
export const DEFAULT_X_PRICING: XPricing = { postMills: 15, linkPostMills: 200, monthlyCapMills: 10_000 };

/** What this account has spent on posts in `month`. */
export interface XSpend {
  /** YYYY-MM in UTC, the month X bills by. */
  readonly month: string;
  readonly mills: Mills;
  readonly posts: number;
}

export interface PostCostView extends XPricing {
  readonly spend: XSpend;
}

export function billingMonth(now: number): string {
  return new Date(now).toISOString().slice(0, 7);
}

export function partCost(text: string, pricing: XPricing): Mills {
  return twitterText.extractUrls(text).length > 0 ? pricing.linkPostMills : pricing.postMills;
}

/** The cost of a post and its thread parts. */
export function postCost(texts: readonly string[], pricing: XPricing): Mills {
  return texts.reduce((sum, t) => sum + partCost(t, pricing), 0);
}

/** The spend in `month`: what was recorded, or nothing when the record is of an earlier month. */
export function spendIn(spend: XSpend | null, month: string): XSpend {
  return spend && spend.month === month ? spend : { month, mills: 0, posts: 0 };
}

/** How much the cap would be overshot by posting `cost` now (0 when it fits or there is no cap). */
export function overCap(pricing: XPricing, spent: Mills, cost: Mills): Mills {
  if (pricing.monthlyCapMills === null) return 0;
  return Math.max(0, spent + cost - pricing.monthlyCapMills);
}

/** $0.015, $0.20, $10.00: at least two decimals, three when needed. */
export function formatUsd(mills: Mills): string {
  const dollars = mills / 1000;
  return `$${mills % 10 === 0 ? dollars.toFixed(2) : dollars.toFixed(3)}`;
}

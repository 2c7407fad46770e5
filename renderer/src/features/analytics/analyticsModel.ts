// The analytics view's choices (period, filters) as a query, and the small arithmetic its cards and charts show.

import type { Headline } from '../../../../shared/analytics';
import { wallTimeOf } from '../../../../shared/time/wallTime';

export type PeriodChoice = '7' | '28' | '90' | 'custom';

export interface PeriodState {
  readonly choice: PeriodChoice;
  readonly from: string;
  readonly to: string;
}

const DAY = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The last N days ending today, in the user's zone (today included). */
export function lastDays(days: number, now: number, timeZone: string): { from: string; to: string } {
  const today = wallTimeOf(now, timeZone).date;
  return { from: addDays(today, -(days - 1)), to: today };
}

export function periodFor(choice: PeriodChoice, now: number, timeZone: string, custom?: { from: string; to: string }): PeriodState {
  if (choice === 'custom') {
    const fallback = lastDays(28, now, timeZone);
    const from = custom?.from || fallback.from;
    const to = custom?.to || fallback.to;
    const [first, last] = [from, to].sort();
    return { choice, from: first as string, to: last as string };
  }
  return { choice, ...lastDays(Number(choice), now, timeZone) };
}

/** "+12%", "−5%", "=" or "+3" (when the previous figure was 0); null without a previous period. */
export function changeText(h: Pick<Headline, 'value' | 'previous'>, locale: string): string | null {
  if (h.previous === null) return null;
  const fmt = (n: number) => n.toLocaleString(locale, { maximumFractionDigits: 1 });
  if (h.previous === 0) return h.value === 0 ? '=' : `+${fmt(h.value)}`;
  const pct = ((h.value - h.previous) / Math.abs(h.previous)) * 100;
  if (Math.abs(pct) < 0.05) return '=';
  return `${pct > 0 ? '+' : '−'}${fmt(Math.abs(pct))}%`;
}

export function trendOf(h: Pick<Headline, 'value' | 'previous'>): 'up' | 'down' | 'flat' {
  if (h.previous === null || h.value === h.previous) return 'flat';
  return h.value > h.previous ? 'up' : 'down';
}

/** A download of bytes the backend sent as base64, under the given name. */
export function downloadBase64(fileName: string, mime: string, base64: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

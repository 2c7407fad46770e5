// What a leadership report says, worked out once and drawn by the HTML and PDF writers alike.

import type { AnalyticsView, PublishContext, ReportLocale } from '../../../shared/analytics';
import { bestOf, busiestCell } from '../../../shared/chartGeometry';
import { changeOf, formatNumber, formatWhen, REPORT_WORDS, type ReportWords } from './reportText';

export interface ReportModel {
  readonly view: AnalyticsView;
  readonly locale: ReportLocale;
  readonly words: ReportWords;
  readonly generatedAt: number;
  /** The context each top post went out in, in words, by target. */
  readonly contextLines: ReadonlyMap<string, readonly string[]>;
}

export interface HeadlineCard {
  readonly label: string;
  readonly value: string;
  readonly change: string;
}

export function headlineCards(m: ReportModel): HeadlineCard[] {
  return m.view.headline.map((h) => {
    const change = changeOf(h.value, h.previous, m.locale);
    const value = h.key === 'followers' && h.value > 0 ? `+${formatNumber(h.value, m.locale)}` : formatNumber(h.value, m.locale);
    return { label: m.words.headline[h.key], value, change: change === null ? m.words.noComparison : m.words.vsPrevious(change) };
  });
}

export function overTimeAlt(m: ReportModel): string {
  const total = m.view.overTime.reduce((s, p) => s + p.engagements, 0);
  const best = bestOf(m.view.overTime, (p) => p.engagements);
  return m.words.overTimeAlt(m.view.overTime.length, total, best ? `${best.date} (${formatNumber(best.engagements, m.locale)})` : null);
}

export function heatmapAlt(m: ReportModel): string {
  const total = m.view.heatmap.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  const cell = busiestCell(m.view.heatmap);
  return m.words.heatmapAlt(total, cell ? `${m.words.weekdays[cell.weekday]} ${String(cell.hour).padStart(2, '0')}:00` : null);
}

const hours = (ms: number) => `${Math.round(ms / 60_000)} min`;

/** A post's moment in words: trending then, what the pre-flight check and the user did, a pause, the day. */
export function contextWords(c: PublishContext, locale: ReportLocale): string[] {
  const it = locale === 'it';
  const out: string[] = [];
  if (c.trending.length) out.push(`${it ? 'Di tendenza' : 'Trending'}: ${c.trending.map((t) => t.name).join(', ')}`);
  for (const w of c.watchlist) out.push(`${it ? 'Segnalato dalla watchlist' : 'Watchlist flagged'}: "${w.term}" (${w.severity})`);
  for (const p of c.preflight) {
    if (p.result !== 'held') continue;
    const decided = p.decision ? (it ? `, decisione: ${p.decision}` : `, decision: ${p.decision}`) : '';
    out.push(`${it ? 'Trattenuto dal controllo pre-invio' : 'Held by the pre-flight check'}: ${p.reason}${decided}`);
  }
  if (c.pause) {
    out.push(
      `${it ? 'Ritardato da una sospensione' : 'Delayed by a pause'} (${hours(c.pause.delayMs)})${c.pause.reason ? `: ${c.pause.reason}` : ''}`,
    );
  }
  if (c.observances.length) out.push(`${it ? 'Ricorrenza' : 'Observance'}: ${c.observances.map((o) => o.name).join(', ')}`);
  return out;
}

export function whenOf(m: ReportModel, at: number): string {
  return formatWhen(at, m.view.period.timeZone, m.locale);
}

export function reportModel(
  view: AnalyticsView,
  locale: ReportLocale,
  generatedAt: number,
  contexts: ReadonlyMap<string, PublishContext>,
): ReportModel {
  return {
    view,
    locale,
    words: REPORT_WORDS[locale],
    generatedAt,
    contextLines: new Map([...contexts].map(([id, c]) => [id, contextWords(c, locale)])),
  };
}

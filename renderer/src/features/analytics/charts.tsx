// The analytics charts, drawn as SVG with the app's colours (light and dark), each with a text alternative and its numbers as a table.

import { type ReactNode, useId } from 'react';
import type { DayPoint, NetworkSplit } from '../../../../shared/analytics';
import { barsOf, bestOf, busiestCell, heatLevel } from '../../../../shared/chartGeometry';
import { useLanguage, useStrings } from '../../i18n';

/** The hours of a day, for the heat map's columns. */
const HOURS: readonly number[] = Array.from({ length: 24 }, (_, h) => h);

interface ChartFrameProps {
  readonly title: string;
  readonly alt: string;
  readonly table: ReactNode;
  readonly children: (ids: { titleId: string; descId: string }) => ReactNode;
  readonly testId: string;
}

/** A chart: the picture for the eye, the sentence for a screen reader and a table for anyone who wants the figures. */
function ChartFrame({ title, alt, table, children, testId }: ChartFrameProps) {
  const t = useStrings();
  const titleId = useId();
  const descId = useId();
  return (
    <figure className="chart" data-testid={testId}>
      <h2 className="section-title">{title}</h2>
      {children({ titleId, descId })}
      <figcaption className="chart__alt">{alt}</figcaption>
      <details className="chart__table">
        <summary>{t.analytics.showTable}</summary>
        {table}
      </details>
    </figure>
  );
}

export function EngagementChart({ points }: { readonly points: readonly DayPoint[] }) {
  const t = useStrings();
  const lang = useLanguage();
  const total = points.reduce((s, p) => s + p.engagements, 0);
  const best = bestOf(points, (p) => p.engagements);
  const alt = t.analytics.overTimeAlt(points.length, total, best ? `${best.date} (${best.engagements.toLocaleString(lang)})` : null);
  const bars = barsOf(
    points.map((p) => p.engagements),
    600,
    150,
  );
  return (
    <ChartFrame
      title={t.analytics.overTime}
      alt={alt}
      testId="chart-over-time"
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">{t.analytics.day}</th>
              <th scope="col">{t.analytics.posts}</th>
              <th scope="col">{t.analytics.engagements}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.date}>
                <th scope="row">{p.date}</th>
                <td>{p.posts}</td>
                <td>{p.engagements}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {({ titleId, descId }) => (
        <svg className="chart__svg" viewBox="0 0 600 170" role="img" aria-labelledby={`${titleId} ${descId}`} preserveAspectRatio="none">
          <title id={titleId}>{t.analytics.overTime}</title>
          <desc id={descId}>{alt}</desc>
          {bars.map((b, i) => (
            <rect key={points[i]?.date ?? i} className="chart__bar" x={b.x} y={b.y} width={b.width} height={b.height}>
              <title>{`${points[i]?.date}: ${b.value}`}</title>
            </rect>
          ))}
          <line className="chart__axis" x1="0" x2="600" y1="150.5" y2="150.5" />
          <text className="chart__label" x="0" y="166">
            {points[0]?.date}
          </text>
          <text className="chart__label" x="600" y="166" textAnchor="end">
            {points.at(-1)?.date}
          </text>
        </svg>
      )}
    </ChartFrame>
  );
}

export function NetworkChart({ networks }: { readonly networks: readonly NetworkSplit[] }) {
  const t = useStrings();
  const total = networks.reduce((s, n) => s + n.engagements, 0);
  const alt = t.analytics.networksAlt(networks.map((n) => `${n.platform} ${n.engagements}`).join(', '));
  return (
    <ChartFrame
      title={t.analytics.networks}
      alt={alt}
      testId="chart-networks"
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">{t.analytics.network}</th>
              <th scope="col">{t.analytics.posts}</th>
              <th scope="col">{t.analytics.likes}</th>
              <th scope="col">{t.analytics.reposts}</th>
              <th scope="col">{t.analytics.replies}</th>
              <th scope="col">{t.analytics.quotes}</th>
              <th scope="col">{t.analytics.engagements}</th>
            </tr>
          </thead>
          <tbody>
            {networks.map((n) => (
              <tr key={n.platform}>
                <th scope="row">{n.platform}</th>
                <td>{n.posts}</td>
                <td>{n.likes}</td>
                <td>{n.reposts}</td>
                <td>{n.replies}</td>
                <td>{n.quotes}</td>
                <td>{n.engagements}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {({ titleId, descId }) => (
        <svg
          className="chart__svg chart__svg--split"
          viewBox="0 0 600 40"
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          preserveAspectRatio="none"
        >
          <title id={titleId}>{t.analytics.networks}</title>
          <desc id={descId}>{alt}</desc>
          {(() => {
            let x = 0;
            return networks.map((n, i) => {
              const w = total > 0 ? (n.engagements / total) * 600 : 0;
              const rect = <rect key={n.platform} className={`chart__split chart__split--${i % 4}`} x={x} y={0} width={w} height={40} />;
              x += w;
              return rect;
            });
          })()}
        </svg>
      )}
    </ChartFrame>
  );
}

export function HeatMap({ grid }: { readonly grid: readonly (readonly number[])[] }) {
  const t = useStrings();
  const max = Math.max(0, ...grid.flat());
  const total = grid.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  const cell = busiestCell(grid);
  const alt = t.analytics.heatmapAlt(total, cell ? `${t.analytics.weekdays[cell.weekday]} ${String(cell.hour).padStart(2, '0')}:00` : null);
  return (
    <ChartFrame
      title={t.analytics.heatmap}
      alt={alt}
      testId="chart-heatmap"
      table={
        <table className="chart__heat-table">
          <thead>
            <tr>
              <th scope="col">{t.analytics.day}</th>
              {HOURS.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.map((row, wd) => (
              <tr key={t.analytics.weekdays[wd]}>
                <th scope="row">{t.analytics.weekdays[wd]}</th>
                {HOURS.map((h) => (
                  <td key={h}>{row[h] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {({ titleId, descId }) => (
        <svg className="chart__svg" viewBox="0 0 640 160" role="img" aria-labelledby={`${titleId} ${descId}`}>
          <title id={titleId}>{t.analytics.heatmap}</title>
          <desc id={descId}>{alt}</desc>
          {grid.map((row, wd) => (
            <g key={t.analytics.weekdays[wd]}>
              <text className="chart__label" x="0" y={wd * 20 + 14}>
                {t.analytics.weekdays[wd]}
              </text>
              {HOURS.map((h) => (
                <rect
                  key={h}
                  className={`chart__heat chart__heat--${heatLevel(row[h] ?? 0, max)}`}
                  x={40 + h * 25}
                  y={wd * 20}
                  width={23}
                  height={18}
                  rx={2}
                >
                  <title>{`${t.analytics.weekdays[wd]} ${String(h).padStart(2, '0')}:00 — ${row[h] ?? 0}`}</title>
                </rect>
              ))}
            </g>
          ))}
          {[0, 6, 12, 18, 23].map((h) => (
            <text key={h} className="chart__label" x={40 + h * 25 + 11} y={156} textAnchor="middle">
              {h}
            </text>
          ))}
        </svg>
      )}
    </ChartFrame>
  );
}

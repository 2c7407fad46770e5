// "What the audience said": replies and mentions per day, frequent words and hashtags, most-engaged replies, questions.

import type { AnalyticsView, AudienceItem } from '../../../../shared/analytics';
import { barsOf } from '../../../../shared/chartGeometry';
import { formatDateTime } from '../../format/dates';
import { useLanguage, useStrings } from '../../i18n';
import { useAppData } from '../../state/appData';

function Items({ items }: { readonly items: readonly AudienceItem[] }) {
  const t = useStrings();
  const app = useAppData();
  if (items.length === 0) return <p className="view__meta">{t.analytics.nothing}</p>;
  return (
    <ul className="analytics__replies">
      {items.map((i) => (
        <li key={`${i.accountId}-${i.createdAt}-${i.author}`}>
          {i.url ? (
            <a href={i.url} target="_blank" rel="noreferrer noopener">
              {i.author}
            </a>
          ) : (
            i.author
          )}{' '}
          <span className="view__meta">{formatDateTime(i.createdAt, app.timeZone)}</span>
          <p>{i.text}</p>
        </li>
      ))}
    </ul>
  );
}

export function AudienceSection({ data }: { readonly data: AnalyticsView }) {
  const t = useStrings();
  const a = t.analytics;
  const lang = useLanguage();
  const perDay = data.audience.perDay;
  const bars = barsOf(
    perDay.map((d) => d.replies + d.mentions),
    600,
    60,
  );
  return (
    <section className="panel analytics__audience" aria-labelledby="analytics-audience" data-testid="audience">
      <h2 className="section-title" id="analytics-audience">
        {a.audience}
      </h2>
      <p>{a.audienceCount(data.audience.total)}</p>
      <svg
        className="chart__svg chart__svg--small"
        viewBox="0 0 600 60"
        role="img"
        aria-label={a.audienceAlt(data.audience.total)}
        preserveAspectRatio="none"
      >
        {bars.map((b, i) => (
          <rect key={perDay[i]?.date ?? i} className="chart__bar" x={b.x} y={b.y} width={b.width} height={b.height} />
        ))}
      </svg>
      <div className="analytics__grid">
        <div>
          <h3>{a.words}</h3>
          <p className="analytics__terms">
            {data.audience.words.length
              ? data.audience.words.map((w) => (
                  <span key={w.term} className="chip">
                    {w.term} <span className="view__meta">{w.count.toLocaleString(lang)}</span>
                  </span>
                ))
              : a.nothing}
          </p>
          <h3>{a.hashtags}</h3>
          <p className="analytics__terms">
            {data.audience.hashtags.length
              ? data.audience.hashtags.map((w) => (
                  <span key={w.term} className="chip">
                    #{w.term} <span className="view__meta">{w.count.toLocaleString(lang)}</span>
                  </span>
                ))
              : a.nothing}
          </p>
        </div>
        <div>
          <h3>{a.topReplies}</h3>
          <Items items={data.audience.topReplies} />
          <h3>{a.questions}</h3>
          <Items items={data.audience.questions} />
        </div>
      </div>
      <div className="analytics__grid">
        <div>
          <h3>{a.moments}</h3>
          {data.moments.length ? (
            <ul>
              {data.moments.map((m) => (
                <li key={`${m.at}-${m.kind}`}>
                  {formatDateTime(m.at, data.period.timeZone)}: {a.momentKinds[m.kind]}
                  {m.detail ? ` — ${m.detail}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p className="view__meta">{a.nothing}</p>
          )}
        </div>
        <div>
          <h3>{a.observances}</h3>
          {data.observancesAhead.length ? (
            <ul>
              {data.observancesAhead.map((o) => (
                <li key={`${o.date}-${o.name}`}>
                  {o.date}: {o.name}
                </li>
              ))}
            </ul>
          ) : (
            <p className="view__meta">{a.nothing}</p>
          )}
        </div>
      </div>
    </section>
  );
}
